#!/bin/sh
# news-warc on hand-made WARC files (tests/fixtures/ops/mkwarc.py): every
# edge case decoded to the expected url, status, content type and UTF-8
# body; the same rows from a plain file, one gzip member per record and
# one member for the whole file; bad records reported with their offset
# and skipped while the rest comes through (exit 1); a damaged gzip
# member costs only its own record; a cut file and --max-record; memory
# stays bounded on a large archive.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "warc: $*"; fail=1; }

nbad=$(python3 tests/fixtures/ops/mkwarc.py "$tmp") || { echo "mkwarc failed"; exit 1; }

for f in edge.warc edge.warc.gz single.warc.gz; do
	timeout 20 "$BIN/news-warc" "$tmp/$f" >"$tmp/$f.tsv" 2>"$tmp/$f.err"
	st=$?
	[ $st -eq 1 ] || say "$f: exit $st, expected 1 (bad records inside)"
	n=$(grep -c ': offset [0-9]*: ' "$tmp/$f.err")
	[ "$n" -eq $((nbad + 1)) ] || say "$f: $n messages, expected $nbad errors and 1 warning: $(cat "$tmp/$f.err")"
done
cmp -s "$tmp/edge.warc.tsv" "$tmp/edge.warc.gz.tsv" || say "per-record gzip differs from plain"
cmp -s "$tmp/edge.warc.tsv" "$tmp/single.warc.gz.tsv" || say "single-member gzip differs from plain"
grep -q "edge.warc: offset [1-9][0-9]*: missing or invalid Content-Length" "$tmp/edge.warc.err" ||
	say "bad Content-Length not reported with its offset"

python3 - "$tmp/edge.warc.tsv" "$tmp/expect.tsv" <<'PY' || fail=1
import ast, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
rows = list(read(sys.argv[1]))
want = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="ascii")]
assert list(rows[0].keys()) == ["url", "fetched_at", "http_status", "content_type", "body",
                                "warc_record_id"], list(rows[0].keys())
assert len(rows) == len(want), f"{len(rows)} rows, expected {len(want)}"
for r, (url, status, ctype, body) in zip(rows, want):
    got = (r["url"], r["http_status"], r["content_type"], r["body"])
    exp = (url, status, ctype, ast.literal_eval(body))
    assert got == exp, f"\n got {got!r}\nwant {exp!r}"
    assert r["fetched_at"].startswith("2026-11-28T07:00:"), r["fetched_at"]
    assert r["warc_record_id"].startswith("<urn:uuid:"), r["warc_record_id"]
PY

# A damaged gzip member: that record is reported at its member's offset,
# every other one comes through.
timeout 20 "$BIN/news-warc" "$tmp/corrupt.warc.gz" >"$tmp/c.tsv" 2>"$tmp/c.err"
[ $? -eq 1 ] || say "corrupt gzip: expected exit 1"
grep -q "corrupt.warc.gz: offset [1-9][0-9]*: corrupt gzip data" "$tmp/c.err" || say "corrupt gzip not reported: $(cat "$tmp/c.err")"
[ "$(wc -l <"$tmp/c.tsv")" -eq $(($(wc -l <"$tmp/edge.warc.tsv") - 1)) ] || say "corrupt gzip: not exactly one record lost"
grep -v 'example.test/a	' "$tmp/edge.warc.tsv" | cmp -s - "$tmp/c.tsv" || say "corrupt gzip: other records differ"

# A file cut in the middle of a record; stdin; more than one file.
size=$(wc -c <"$tmp/edge.warc")
head -c $((size - 10)) "$tmp/edge.warc" >"$tmp/cut.warc"
timeout 20 "$BIN/news-warc" <"$tmp/cut.warc" >"$tmp/cut.tsv" 2>"$tmp/cut.err"
[ $? -eq 1 ] || say "cut file: expected exit 1"
grep -q "^news-warc: stdin: offset [0-9]*: record cut short" "$tmp/cut.err" || say "cut file: $(cat "$tmp/cut.err")"
head -c 3000 "$tmp/edge.warc.gz" >"$tmp/cut.warc.gz"
timeout 20 "$BIN/news-warc" "$tmp/cut.warc.gz" >/dev/null 2>"$tmp/cutgz.err"
grep -q "cut" "$tmp/cutgz.err" || say "cut gzip file not reported"
timeout 20 "$BIN/news-warc" "$tmp/edge.warc" "$tmp/edge.warc.gz" >"$tmp/two.tsv" 2>/dev/null
[ "$(wc -l <"$tmp/two.tsv")" -eq $((2 * $(wc -l <"$tmp/edge.warc.tsv") - 1)) ] || say "two files: one header, all records"
timeout 20 "$BIN/news-warc" --no-header "$tmp/edge.warc.gz" 2>/dev/null | cmp -s - "$tmp/two.tsv" && say "--no-header wrote a header"

# --max-record: a record over it is skipped with a message, the others kept.
timeout 20 "$BIN/news-warc" --max-record 300 "$tmp/edge.warc" >"$tmp/max.tsv" 2>"$tmp/max.err"
grep -q "longer than --max-record" "$tmp/max.err" || say "--max-record: no message"
[ "$(wc -l <"$tmp/max.tsv")" -ge 3 ] || say "--max-record: small records lost"

# Missing file: reported, exit 1, still a header.
"$BIN/news-warc" "$tmp/nope.warc" >"$tmp/nope.tsv" 2>"$tmp/nope.err"
[ $? -eq 1 ] || say "missing file: expected exit 1"
grep -q "^news-warc: .*nope.warc: No such file" "$tmp/nope.err" || say "missing file: $(cat "$tmp/nope.err")"

# Bounded memory: 40 MB of records in a gzip-per-record archive, max
# resident size well under that.
python3 - "$tmp/big.warc.gz" <<'PY'
import gzip, sys
body = (b"<p>" + b"x" * 20000 + b"</p>\n") * 10
with open(sys.argv[1], "wb") as f:
    for i in range(200):
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        rec = (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://big.test/%d\r\n"
               b"WARC-Date: 2026-01-01T00:00:00Z\r\nContent-Length: %d\r\n\r\n" % (i, len(block))
               + block + b"\r\n\r\n")
        f.write(gzip.compress(rec, 1))
PY
# Compared with a one-record archive, so that a sanitizer build's own
# overhead (its quarantine kept small here) does not count.
if [ -x /usr/bin/time ]; then
	export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=4"
	/usr/bin/time -f %M -o "$tmp/rss0" timeout 60 "$BIN/news-warc" "$tmp/edge.warc" >/dev/null 2>&1
	/usr/bin/time -f %M -o "$tmp/rss" timeout 60 "$BIN/news-warc" "$tmp/big.warc.gz" | wc -l >"$tmp/bign"
	[ "$(cat "$tmp/bign")" -eq 201 ] || say "big archive: $(cat "$tmp/bign") lines"
	rss0=$(tail -1 "$tmp/rss0") rss=$(tail -1 "$tmp/rss")
	[ $((rss - rss0)) -lt 30000 ] || say "big archive: max RSS ${rss} KiB, ${rss0} KiB for a small one"
fi
exit $fail
