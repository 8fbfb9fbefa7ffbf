#!/bin/sh
# make-fetch-site.sh DIR: write the test site served by tests/nginx/fetch.conf.
# Every page is written here, byte by byte (printf octal escapes for the
# non-UTF-8 ones), so the tests own all their fixtures.
set -eu
d=$1
mkdir -p "$d/main/private" "$d/main/slow" "$d/main/gz" "$d/main/limited" "$d/crawl"

cat > "$d/main/robots.txt" <<'R'
# the main test site
User-agent: *
Disallow: /private/

User-agent: newspipe
Disallow: /private/
Disallow: /secret
Allow: /private/open
R
printf '<!doctype html>\n<html><head><meta charset="utf-8"><title>Page</title></head>\n<body><p>Caf\303\251 cr\303\250me</p></body></html>\n' > "$d/main/page.html"
for i in $(seq 1 40); do
	printf '<html><head><meta charset="utf-8"><title>P%s</title></head><body><p>page %s</p></body></html>\n' "$i" "$i" > "$d/main/p$i.html"
done
printf '<p>secret</p>\n' > "$d/main/secret.html"
printf '<p>private</p>\n' > "$d/main/private/a.html"
printf '<p>open</p>\n' > "$d/main/private/open.html"
printf '<p>limited</p>\n' > "$d/main/limited/a.html"
# Charsets: header label, meta label, no label, BOM.
printf '<p>caf\351 \253x\273</p>\n' > "$d/main/latin1.html"
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>\317\360\350\342\345\362</body></html>\n' > "$d/main/cp1251.html"
printf '<p>\223quoted\224 \200 na\357ve</p>\n' > "$d/main/nolabel.html"
printf '<p>\223\372\226\173</p>\n' > "$d/main/sjis.html"
printf '\377\376<\000p\000>\000h\000\351\000<\000/\000p\000>\000' > "$d/main/utf16.html"
printf '\360\322\311\327\305\324\n' > "$d/main/koi8.txt"
printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss><channel><title>Caf\351</title></channel></rss>\n' > "$d/main/feed.rss"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$d/main/image.png"
printf '\n<html><p>mislabelled</p></html>\n' > "$d/main/page.bin"
# Compression: a page nginx gzips, a gzip bomb, deflate and brotli files.
i=0
: > "$d/main/gz/big.html"
while [ $i -lt 200 ]; do
	printf '<p>line %s of a page that compresses well</p>\n' "$i" >> "$d/main/gz/big.html"
	i=$((i + 1))
done
python3 -c '
import gzip, sys, zlib
sys.stdout.buffer.write(gzip.compress(b"<p>" + b"0" * (4 << 20) + b"</p>"))
' > "$d/main/bomb.html"
python3 -c '
import sys, zlib
sys.stdout.buffer.write(zlib.compress(b"<p>deflated caf\xc3\xa9</p>\n"))
' > "$d/main/deflate.html"
if command -v brotli >/dev/null 2>&1; then
	printf '<p>brotli caf\303\251</p>\n' | brotli -c > "$d/main/brotli.html"
fi
# Size: a body over a 1 MiB cap; a slow body (served at 1 KiB/s).
head -c 2000000 /dev/zero | tr '\0' 'x' > "$d/main/big.txt"
head -c 100000 /dev/zero | tr '\0' 'y' > "$d/main/slow/page.html"
head -c 1500 /dev/zero | tr '\0' 'z' > "$d/main/slow/small.html"

# The crawl-delay origin.
printf 'User-agent: *\nCrawl-delay: 1\n' > "$d/crawl/robots.txt"
printf '<p>other origin</p>\n' > "$d/crawl/page.html"
printf '<p>one</p>\n' > "$d/crawl/a.html"
printf '<p>two</p>\n' > "$d/crawl/b.html"
# A certificate for https://127.0.0.4 (HTTP/2), valid for two days.
mkdir -p "$d/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
	-subj /CN=127.0.0.4 -addext subjectAltName=IP:127.0.0.4 \
	-keyout "$d/tls/key.pem" -out "$d/tls/cert.pem" 2>/dev/null
chmod -R a+rX "$d"
