#!/bin/sh
# news-fetch against a local nginx (tests/nginx/fetch.conf): charsets
# converted to UTF-8, gzip/deflate/brotli decoded, size cap counted on
# decoded bytes, redirects (chains, loops, bad targets), HTTP errors,
# non-text bodies, invalid URLs, output in input order with every other
# column passed through, the address policy, a slow body that times out.
set -u
. "$NEWSPIPE_HOME/tests/cli/fetch-lib.sh"
fetch_site_start || exit $?
U=$NGINX_URL
fetch() { timeout 60 "$BIN/news-fetch" --allow-private --delay 0 --retries 0 --timeout 10 "$@"; }
fail=0
check() { # python asserts on $tmp/out.tsv, with U and PORT in the environment
	U=$U PORT=$NGINX_PORT python3 - "$tmp/out.tsv" "$@" || fail=1
}

# ---- the main table: one row per case, an id column passed through
{
	printf 'id\turl\tnote\n'
	n=0
	for u in /page.html /latin1.html /cp1251.html /nolabel.html /sjis.html /utf16.html \
		/koi8.txt /feed.rss /gz/big.html /deflate.html /brotli.html /bomb.html /big.txt \
		/missing.html /status/500 /redirect /chain/1 /loop /to-ftp /no-location /image.png \
		/to-other /page.bin; do
		n=$((n + 1))
		printf '%s\t%s%s\tnote %s\\twith tab\n' "$n" "$U" "$u" "$n"
	done
	printf '24\tnot a url\tx\n25\tftp://127.0.0.1/x\tx\n26\t\tempty\n'
	printf '27\t  %s/page.html  \tspaces\n' "$U"
} >"$tmp/in.tsv"
fetch --max-size 1M <"$tmp/in.tsv" >"$tmp/out.tsv" 2>"$tmp/err"
st=$?
[ $st -eq 1 ] || { echo "main table: exit $st, expected 1"; fail=1; }
have_brotli=0
[ -f "$tmp/site/main/brotli.html" ] && have_brotli=1
BROTLI=$have_brotli check <<'PY'
import os, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
U, port = os.environ["U"], os.environ["PORT"]
rows = list(read(sys.argv[1]))
assert [r["id"] for r in rows] == [str(i) for i in range(1, 28)], [r["id"] for r in rows]
cols = list(rows[0])
assert cols == ["id", "url", "note", "final_url", "http_status", "fetched_at", "content_type",
                "body", "fetch_error", "etag", "last_modified", "attempts", "elapsed_ms"], cols
r = {int(x["id"]): x for x in rows}
for i in r:
    assert r[i]["note"] in ("x", "empty", "spaces") or r[i]["note"] == f"note {i}\twith tab", r[i]["note"]
    assert r[i]["fetched_at"].endswith("Z") and len(r[i]["fetched_at"]) == 20, r[i]["fetched_at"]
def ok(i, body_part, status="200"):
    x = r[i]
    assert x["fetch_error"] == "", (i, x["fetch_error"])
    assert x["http_status"] == status, (i, x["http_status"])
    assert body_part in x["body"], (i, body_part, x["body"][:200])
    assert x["attempts"] == "1", (i, x["attempts"])
def err(i, e, status=""):
    x = r[i]
    assert x["fetch_error"] == e, (i, e, x["fetch_error"])
    assert x["http_status"] == status, (i, status, x["http_status"])
    assert x["body"] == "", (i, x["body"][:100])
ok(1, "<p>Caf\u00e9 cr\u00e8me</p>")
assert r[1]["etag"].startswith('"') and r[1]["last_modified"].endswith("GMT"), r[1]
assert r[1]["content_type"] == "text/html"
ok(2, "caf\u00e9 \u00abx\u00bb")                       # header label
ok(3, "\u041f\u0440\u0438\u0432\u0435\u0442")          # meta http-equiv windows-1251
ok(4, "\u201cquoted\u201d \u20ac na\u00efve")          # no label: windows-1252
ok(5, "\u65e5\u672c")                                  # Shift_JIS from the header
ok(6, "<p>h\u00e9</p>")                                # UTF-16LE BOM, BOM dropped
assert not r[6]["body"].startswith("\ufeff")
ok(7, "\u041f\u0440\u0438\u0432\u0435\u0442")          # text/plain; charset=koi8-r
ok(8, "<title>Caf\u00e9</title>")                      # XML declaration
assert r[8]["body"].startswith('<?xml version="1.0" encoding="UTF-8"?>'), r[8]["body"][:60]
ok(9, "line 199 of a page that compresses well")
ok(10, "deflated caf\u00e9")
if os.environ["BROTLI"] == "1":
    ok(11, "brotli caf\u00e9")
err(12, "too_large", "200")                            # 4 MiB decoded, 4 KiB sent
err(13, "too_large", "200")
err(14, "http_error", "404")
err(15, "http_error", "500")
ok(16, "Caf\u00e9")
assert r[16]["final_url"] == U + "/page.html"
ok(17, "Caf\u00e9")
assert r[17]["final_url"] == U + "/page.html"
err(18, "too_many_redirects", "302")
err(19, "unsupported_scheme", "302")
err(20, "http_error", "302")
err(21, "not_text", "200")
assert r[21]["content_type"] == "image/png"
ok(22, "other origin")
assert r[22]["final_url"] == f"http://127.0.0.3:{port}/page.html", r[22]["final_url"]
ok(23, "<p>mislabelled</p>")                            # octet-stream, but markup
assert r[23]["content_type"] == "application/octet-stream"
err(24, "invalid_url")
err(25, "unsupported_scheme")
err(26, "invalid_url")
assert r[24]["attempts"] == "0" and r[24]["final_url"] == ""
ok(27, "Caf\u00e9")
PY
# every failure is reported on stderr with its input line
for n in 13 14 15 19 21 25 26; do
	grep -q "^news-fetch: stdin:$((n + 1)): " "$tmp/err" || { echo "no message for row $n"; cat "$tmp/err"; fail=1; }
done
# gzip really was used on the wire
grep -q '"GET /gz/big.html HTTP/1.1" 200 [0-9]\{1,3\} ' "$NGINX_PREFIX/access.log" ||
	{ echo "gz/big.html not sent compressed"; grep big.html "$NGINX_PREFIX/access.log"; fail=1; }
grep -q '"deflate, gzip, br' "$NGINX_PREFIX/access.log" || { echo "Accept-Encoding"; fail=1; }

# ---- a plain URL list, order kept while transfers finish out of order
: >"$tmp/list"
for i in $(seq 40 -1 1); do echo "$U/p$i.html" >>"$tmp/list"; done
fetch --parallel 8 --per-host 8 --window 4 <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err" ||
	{ echo "list: exit $?"; cat "$tmp/err"; fail=1; }
check <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
rows = list(read(sys.argv[1]))
assert [r["body"].split("page ")[1].split("<")[0] for r in rows] == [str(i) for i in range(40, 0, -1)]
assert all(r["fetch_error"] == "" for r in rows)
PY

# ---- the address policy: loopback refused unless --allow-private
printf '%s/page.html\nhttp://localhost:%s/page.html\n' "$U" "$NGINX_PORT" >"$tmp/list"
for opt in "" --ignore-robots; do
	timeout 30 "$BIN/news-fetch" $opt --delay 0 <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err"
	[ $? -eq 1 ] || { echo "blocked: exit status"; fail=1; }
	n=$(cut -f7 "$tmp/out.tsv" | grep -c '^blocked_address$')
	[ "$n" -eq 2 ] || { echo "blocked $opt: $n rows blocked"; cat "$tmp/out.tsv"; fail=1; }
done
before=$(grep -c . "$NGINX_PREFIX/access.log")

# ---- a slow body times out, retried once, in bounded time
start=$(date +%s)
echo "$U/slow/page.html" | timeout 30 "$BIN/news-fetch" --allow-private --delay 0 --timeout 1 \
	--retries 1 --retry-wait 0.1 >"$tmp/out.tsv" 2>"$tmp/err"
end=$(date +%s)
check <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
(r,) = list(read(sys.argv[1]))
assert r["fetch_error"] == "timeout" and r["attempts"] == "2", r
assert r["body"] == ""
assert 2000 <= int(r["elapsed_ms"]) < 6000, r["elapsed_ms"]
PY
[ $((end - start)) -le 8 ] || { echo "timeout took $((end - start)) s"; fail=1; }
grep -q 'timeout (' "$tmp/err" || { echo "no timeout message"; fail=1; }

# ---- a slow producer upstream does not stall transfers already running:
# the first page takes about a second; the second URL comes 4 s later
{ echo "$U/slow/small.html"; sleep 4; echo "$U/p1.html"; } |
	timeout 30 "$BIN/news-fetch" --allow-private --delay 0 --timeout 2.5 --retries 0 \
		>"$tmp/out.tsv" 2>"$tmp/err" || { echo "slow producer: exit $?"; cat "$tmp/err"; fail=1; }
[ "$(cut -f3 "$tmp/out.tsv" | tr '\n' ' ')" = "http_status 200 200 " ] ||
	{ echo "slow producer"; cut -f2,3,7 "$tmp/out.tsv"; fail=1; }

# ---- nothing to fetch: header only
printf 'url\n' | fetch >"$tmp/out.tsv" || fail=1
[ "$(cat "$tmp/out.tsv")" = "url	final_url	http_status	fetched_at	content_type	body	fetch_error	etag	last_modified	attempts	elapsed_ms" ] ||
	{ echo "empty input"; cat "$tmp/out.tsv"; fail=1; }
# a missing url column is an error naming it
printf 'id\tlink\n1\tx\n' | fetch >"$tmp/out.tsv" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q url "$tmp/err" || { echo "missing column"; fail=1; }
# usage errors
for bad in "--parallel 0" "--delay x" "--max-size 0" "--skip-seen" "--max-redirects 11"; do
	"$BIN/news-fetch" $bad </dev/null >/dev/null 2>&1
	[ $? -eq 2 ] || { echo "$bad: not a usage error"; fail=1; }
done
fetch_san_reports || fail=1
exit $fail
