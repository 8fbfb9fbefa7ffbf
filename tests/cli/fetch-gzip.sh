#!/bin/sh
# news-fetch on gzip files (a sitemap.xml.gz, a feed.rss.gz), as opposed to
# gzip Content-Encoding: the body is the decompressed document, and
# news-feed reads the URLs from it; a corrupt file gives decode_error, one
# that decompresses past --max-size too_large, a gzipped binary not_text.
set -u
. "$NEWSPIPE_HOME/tests/cli/fetch-lib.sh"
fetch_site_start || exit $?
site=$tmp/site/main
cat >"$tmp/sitemap.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example.org/2026/11/harbour-tugs-go-electric</loc><lastmod>2026-11-20</lastmod></url>
<url><loc>https://news.example.org/2026/11/caf%C3%A9-owners-win-appeal</loc><lastmod>2026-11-21</lastmod></url>
</urlset>
XML
gzip -9 -c "$tmp/sitemap.xml" >"$site/sitemap.xml.gz"
printf '\037\213\010\000\000\000\000\000\000\003this is not deflate data at all' >"$site/bad.xml.gz"
python3 -c 'import sys; sys.stdout.write("<x>" + "a" * (3 << 20) + "</x>")' | gzip -9 -c >"$site/bomb.xml.gz"
head -c 4096 /dev/urandom | tr -d '<' | gzip -c >"$site/blob.gz"
U=$NGINX_URL
fail=0
printf 'url\n%s/sitemap.xml.gz\n%s/bad.xml.gz\n%s/bomb.xml.gz\n%s/blob.gz\n' "$U" "$U" "$U" "$U" >"$tmp/in.tsv"
timeout 60 "$BIN/news-fetch" --allow-private --delay 0 --retries 0 --max-size 1M <"$tmp/in.tsv" \
	>"$tmp/out.tsv" 2>"$tmp/err"
st=$?
[ $st -eq 1 ] || { echo "exit $st, expected 1 (three rows fail)"; cat "$tmp/err"; fail=1; }
python3 - "$tmp/out.tsv" <<'PY' || fail=1
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
r = list(read(sys.argv[1]))
assert len(r) == 4, len(r)
assert r[0]["fetch_error"] == "" and r[0]["http_status"] == "200", r[0]
assert r[0]["body"].startswith('<?xml version="1.0" encoding="UTF-8"?>'), r[0]["body"][:80]
assert "harbour-tugs-go-electric" in r[0]["body"], r[0]["body"][:200]
assert r[0]["content_type"] == "application/gzip", r[0]["content_type"]
assert [x["fetch_error"] for x in r[1:]] == ["decode_error", "too_large", "not_text"], [x["fetch_error"] for x in r]
assert all(x["body"] == "" for x in r[1:])
PY
for n in 3 4 5; do
	grep -q "^news-fetch: stdin:$n: " "$tmp/err" ||
		{ echo "no message for line $n"; cat "$tmp/err"; fail=1; }
done
# news-feed reads the decompressed sitemap like any other.
timeout 30 "$BIN/news-feed" "$tmp/out.tsv" >"$tmp/feed.tsv" 2>/dev/null
python3 - "$tmp/feed.tsv" <<'PY' || fail=1
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
links = [x.get("url") or x.get("link") for x in read(sys.argv[1])]
assert "https://news.example.org/2026/11/harbour-tugs-go-electric" in links, links
assert "https://news.example.org/2026/11/caf%C3%A9-owners-win-appeal" in links, links
PY
fetch_san_reports || fail=1
exit $fail
