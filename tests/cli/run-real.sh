#!/bin/sh
# news-run with the real stages against a news site on loopback (nginx,
# tests/fixtures/ops/nginx.conf): a first run takes every article, a
# second finds nothing new and leaves the day file alone, a third takes
# the one article added; runs killed with SIGKILL at random moments lose
# and duplicate nothing; news-sheet opens the day file; and news-warc
# reads back the WARC file news-fetch --warc writes, with the same bodies
# news-fetch gave.  Skipped (77) when a stage, nginx or its helper
# (tests/cli/nginx-lib.sh, from news-fetch's tests) is missing.
set -u
for p in news-fetch news-feed news-strip news-extract news-stance news-run news-cat news-warc news-sheet; do
	[ -x "$BIN/$p" ] || { echo "$p not built here"; exit 77; }
done
[ -f "$NEWSPIPE_HOME/tests/cli/nginx-lib.sh" ] || { echo "tests/cli/nginx-lib.sh missing"; exit 77; }
. "$NEWSPIPE_HOME/tests/cli/nginx-lib.sh"
tmp=$(mktemp -d)
trap 'nginx_stop; rm -rf "$tmp"' EXIT
fail=0
say() { echo "run-real: $*"; fail=1; }

# The site: article pages from the generator, two RSS feeds linking them.
site=$tmp/site
mkdir -p "$site/a" "$site/feeds"
python3 tests/fixtures/ops/gen-articles.py --n 40 --seed 11 >"$tmp/pages.tsv"
python3 - "$tmp/pages.tsv" "$site" <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
for i, r in enumerate(read(sys.argv[1])):
    with open(f"{sys.argv[2]}/a/{i}.html", "w", encoding="utf-8") as f:
        f.write(r["body"])
PY
nginx_start "$NEWSPIPE_HOME/tests/fixtures/ops/nginx.conf" "$site" || exit $?
U=$NGINX_URL
n_articles=0
write_feeds() { # N: the feeds list articles 0..N-1, alternately
	for f in 0 1; do
		{
			printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed %s</title><link>%s/</link>\n' $f "$U"
			i=$f
			while [ $i -lt "$1" ]; do
				printf '<item><title>Article %s</title><link>%s/a/%s.html</link></item>\n' $i "$U" $i
				i=$((i + 2))
			done
			printf '</channel></rss>\n'
		} >"$site/feeds/f$f.rss"
	done
	n_articles=$1
}
printf 'url\tsource\tregion\n%s/feeds/f0.rss\tWire Zero\teu\n%s/feeds/f1.rss\tWire One\tus\n' "$U" "$U" >"$tmp/feeds.tsv"
out=$tmp/out
run() { timeout 100 "$BIN/news-run" -f "$tmp/feeds.tsv" -o "$out" "$@" -- --allow-private --delay 0; }
records() { cat "$out"/????-??-??.tsv 2>/dev/null | grep -v '^url	'; }

write_feeds 5
run >"$tmp/o" 2>"$tmp/e" || say "first run: exit $?: $(cat "$tmp/e")"
[ -s "$tmp/o" ] || [ -s "$tmp/e" ] && say "first run not quiet: $(cat "$tmp/o" "$tmp/e")"
[ "$(records | wc -l)" -eq 5 ] || say "first run: $(records | wc -l) articles, expected 5"
python3 - "$out" <<'PY' || fail=1
import glob, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
rows = [r for f in glob.glob(sys.argv[1] + "/????-??-??.tsv") for r in read(f)]
need = "url source region title text mentions governments companies stances topics".split()
assert all(c in rows[0] for c in need), list(rows[0])
assert all(r["text"] and r["mentions"] for r in rows), "articles without text or mentions"
assert {r["source"] for r in rows} == {"Wire Zero", "Wire One"}
PY
day=$(ls "$out"/????-??-??.tsv)
sum=$(md5sum <"$day")
run -v 2>"$tmp/e" || say "second run: exit $?"
grep -q " 0 new articles" "$tmp/e" || say "second run: $(cat "$tmp/e")"
[ "$(md5sum <"$day")" = "$sum" ] || say "second run changed the day file"
write_feeds 6
run || say "third run: exit $?"
[ "$(records | wc -l)" -eq 6 ] || say "third run: $(records | wc -l) articles, expected 6"
[ "$(run --status | tail -n +2 | cut -f3,5 | tr '\t\n' ': ')" = "ok:5 ok:0 ok:1 " ] || say "--status: $(run --status)"

# Killed runs, with the real stages.
r=0
while [ $r -lt 6 ]; do
	r=$((r + 1))
	write_feeds $((n_articles + 5))
	"$BIN/news-run" -f "$tmp/feeds.tsv" -o "$out" -- --allow-private --delay 0 2>/dev/null &
	pid=$!
	sleep "$(od -An -N2 -tu2 /dev/urandom | awk '{ printf "%.2f", ($1 % 800) / 1000 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
done
run || say "run after the kills: exit $?"
records | cut -f1 | sort >"$tmp/got"
i=0
while [ $i -lt $n_articles ]; do echo "$U/a/$i.html"; i=$((i + 1)); done | sort >"$tmp/want"
cmp -s "$tmp/got" "$tmp/want" || say "after kills: lost or duplicated: $(diff "$tmp/want" "$tmp/got" | head -5)"

# The day file in a workbook.
timeout 60 "$BIN/news-sheet" -o "$tmp/day.xlsx" "$day" 2>"$tmp/e" || say "news-sheet: exit $?: $(head -3 "$tmp/e")"
python3 -c "import sys, zipfile; n = zipfile.ZipFile(sys.argv[1]).namelist(); assert 'xl/worksheets/sheet2.xml' in n, n" \
	"$tmp/day.xlsx" || say "news-sheet: no mentions sheet"

# news-fetch --warc, read back by news-warc: same bodies for the pages.
i=0
while [ $i -lt 8 ]; do echo "$U/a/$i.html"; i=$((i + 1)); done >"$tmp/list"
echo "$U/no-such-page.html" >>"$tmp/list"
timeout 60 "$BIN/news-fetch" --allow-private --delay 0 --warc "$tmp/site.warc.gz" <"$tmp/list" >"$tmp/fetch.tsv" 2>/dev/null
timeout 60 "$BIN/news-warc" "$tmp/site.warc.gz" >"$tmp/warc.tsv" 2>"$tmp/e" || say "news-warc: exit $?: $(head -3 "$tmp/e")"
python3 - "$tmp/fetch.tsv" "$tmp/warc.tsv" <<'PY' || fail=1
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
fetched = {r["url"]: r for r in read(sys.argv[1])}
warc = {}
for r in read(sys.argv[2]):
    warc.setdefault(r["url"], r)
for url, f in fetched.items():
    w = warc.get(url)
    assert w, f"{url}: not in the WARC file"
    assert w["http_status"] == f["http_status"], (url, w["http_status"], f["http_status"])
    if f["http_status"] == "200":
        assert w["body"] == f["body"], f"{url}: bodies differ"
        assert w["content_type"] == f["content_type"]
    assert w["fetched_at"][:10] == f["fetched_at"][:10]
PY
exit $fail
