#!/bin/sh
# news-fetch's cron state (--state, SQLite) and web archive (--warc),
# against a local nginx (tests/nginx/fetch.conf): validators stored and
# sent back, 304 rows marked not_modified, robots.txt reused from the
# state, --skip-seen, the documented schema, WARC 1.1 records one gzip
# member each with the bytes as they crossed the wire.
set -u
. "$NEWSPIPE_HOME/tests/cli/fetch-lib.sh"
fetch_site_start || exit $?
U=$NGINX_URL
LOG=$NGINX_PREFIX/access.log
DB=$tmp/state.db
fetch() { timeout 60 "$BIN/news-fetch" --allow-private --delay 0 --retries 0 --timeout 10 "$@"; }
fail=0
check() {
	U=$U DB=$DB LOG=$LOG WARC=$tmp/crawl.warc.gz python3 - "$tmp/out.tsv" "$@" || fail=1
}
printf '%s\n' "$U/page.html" "$U/redirect" "$U/gz/big.html" >"$tmp/list"

# ---- first run: everything fetched, state written, WARC written
fetch --state "$DB" --warc "$tmp/crawl.warc.gz" <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err" ||
	{ echo "run 1: exit $?"; cat "$tmp/err"; fail=1; }
check <<'PY'
import os, sqlite3, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
U = os.environ["U"]
rows = list(read(sys.argv[1]))
assert [r["http_status"] for r in rows] == ["200"] * 3, rows
db = sqlite3.connect(os.environ["DB"])
assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
got = {r[0]: r[1:] for r in db.execute(
    "SELECT url, final_url, http_status, fetch_error, etag, last_modified, attempts, fetches,"
    " first_seen, last_seen, last_ok, content_hash FROM url")}
assert set(got) == {U + "/page.html", U + "/redirect", U + "/gz/big.html"}, got
final, status, err, etag, lm, att, fetches, first, last, ok, h = got[U + "/redirect"]
assert final == U + "/page.html" and status == 200 and err == "" and etag.startswith('"')
assert lm.endswith("GMT") and att == 1 and fetches == 1 and first == last == ok
assert len(h) == 64, h
(origin, st) = db.execute("SELECT origin, http_status FROM robots").fetchone()
assert origin == "http://127.0.0.1:" + U.rsplit(":", 1)[1] and st == 200, (origin, st)
PY

# ---- second run: conditional requests, 304 rows, robots.txt from the state
: >"$LOG"
fetch --state "$DB" --warc "$tmp/crawl.warc.gz" <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err" ||
	{ echo "run 2: exit $?"; cat "$tmp/err"; fail=1; }
[ -s "$tmp/err" ] && { echo "run 2: stderr"; cat "$tmp/err"; fail=1; }
check <<'PY'
import os, sqlite3, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
U = os.environ["U"]
rows = list(read(sys.argv[1]))
for r in rows:
    assert r["http_status"] == "304" and r["fetch_error"] == "not_modified", r
    assert r["body"] == "" and r["etag"].startswith('"') and r["last_modified"], r
assert rows[1]["final_url"] == U + "/page.html"
log = open(os.environ["LOG"]).read()
assert "robots.txt" not in log, log
assert log.count('" 304 ') == 3, log
db = sqlite3.connect(os.environ["DB"])
(st, err, fetches, h) = db.execute(
    "SELECT http_status, fetch_error, fetches, content_hash FROM url WHERE url = ?",
    (U + "/page.html",)).fetchone()
assert (st, err, fetches) == (304, "not_modified", 2) and len(h) == 64
PY
grep -q '"GET /page.html HTTP/1.1" 304 0 "[^"]*" ""*[^"-][^"]*" "[A-Z][a-z][a-z], ' "$LOG" ||
	{ echo "no If-None-Match/If-Modified-Since sent"; cat "$LOG"; fail=1; }

# ---- a changed page is fetched again in full
sleep 1
printf '<p>changed</p>\n' >"$tmp/site/main/page.html"
echo "$U/page.html" | fetch --state "$DB" >"$tmp/out.tsv" 2>"$tmp/err" || fail=1
check <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
(r,) = list(read(sys.argv[1]))
assert r["http_status"] == "200" and r["body"] == "<p>changed</p>\n", r
PY

# ---- --skip-seen: URLs fetched before give no row and no request; new ones do
: >"$LOG"
{ cat "$tmp/list"; echo "$U/p1.html"; echo "$U/missing.html"; } >"$tmp/list2"
fetch --state "$DB" --skip-seen <"$tmp/list2" >"$tmp/out.tsv" 2>/dev/null
[ $? -eq 1 ] || { echo "skip-seen: exit status"; fail=1; }
check <<'PY'
import os, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
U = os.environ["U"]
rows = list(read(sys.argv[1]))
assert [r["url"] for r in rows] == [U + "/p1.html", U + "/missing.html"], rows
log = open(os.environ["LOG"]).read()
assert "page.html" not in log and "big.html" not in log, log
PY
# a URL that failed is not "seen": tried again
echo "$U/missing.html" | fetch --state "$DB" --skip-seen >"$tmp/out.tsv" 2>/dev/null
[ "$(wc -l <"$tmp/out.tsv")" -eq 2 ] || { echo "skip-seen skipped a failure"; fail=1; }

# ---- the WARC: two runs appended, one gzip member per record
check <<'PY'
import os, zlib
data = open(os.environ["WARC"], "rb").read()
records, pos = [], 0
while pos < len(data):
    d = zlib.decompressobj(31)
    rec = d.decompress(data[pos:])
    assert d.eof, "truncated gzip member"
    pos = len(data) - len(d.unused_data)
    records.append(rec)
# per run: warcinfo + (robots.txt in run 1) + 4 exchanges (redirect is two)
types = [r.split(b"\r\n")[1] for r in records]
assert types.count(b"WARC-Type: warcinfo") == 2, types
assert types.count(b"WARC-Type: request") == 9 and types.count(b"WARC-Type: response") == 9, types
for r in records:
    assert r.startswith(b"WARC/1.1\r\n") and r.endswith(b"\r\n\r\n")
    head, block = r.split(b"\r\n\r\n", 1)
    n = int([l for l in head.split(b"\r\n") if l.startswith(b"Content-Length: ")][0][16:])
    assert len(block) == n + 4, (n, len(block))
gz = [r for r in records if b"WARC-Type: response" in r and b"/gz/big.html" in r]
assert gz and b"Content-Encoding: gzip" in gz[0], gz[0][:600]
# the archived body is the compressed one, as sent
assert b"line 199" not in gz[0]
req = [r for r in records if b"WARC-Type: request" in r and b"/redirect\r\n" in r][0]
assert b"GET /redirect HTTP/1.1\r\n" in req and b"User-Agent: newspipe/" in req
assert b"WARC-IP-Address: 127.0.0.1\r\n" in req
PY

# ---- two runs sharing one state at once (both ends of a pipeline)
for i in $(seq 1 30); do echo "$U/p$i.html"; done >"$tmp/list3"
fetch --state "$DB" --parallel 4 --per-host 4 <"$tmp/list3" 2>"$tmp/err1" |
	fetch --state "$DB" --parallel 4 --per-host 4 >"$tmp/out.tsv" 2>"$tmp/err2" ||
	{ echo "shared state: exit $?"; cat "$tmp/err1" "$tmp/err2"; fail=1; }
[ -s "$tmp/err1" ] || [ -s "$tmp/err2" ] && { echo "shared state: messages"; cat "$tmp/err1" "$tmp/err2"; fail=1; }
# (200 or 304 depending on when the first run committed)
[ "$(tail -n +2 "$tmp/out.tsv" | cut -f7 | grep -c -v -x -e '' -e not_modified)" -eq 0 ] &&
	[ "$(wc -l <"$tmp/out.tsv")" -eq 31 ] ||
	{ echo "shared state: rows"; cut -f3,7 "$tmp/out.tsv" | sort | uniq -c; fail=1; }

# ---- the archive reads back with news-warc (when this tree has it)
if [ -x "$BIN/news-warc" ]; then
	"$BIN/news-warc" "$tmp/crawl.warc.gz" >"$tmp/out.tsv" 2>"$tmp/err" ||
		{ echo "news-warc: exit $?"; cat "$tmp/err"; fail=1; }
	check <<'PY'
import os, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
U = os.environ["U"]
rows = list(read(sys.argv[1]))
assert len(rows) == 9, [r["url"] for r in rows]
big = [r for r in rows if r["url"] == U + "/gz/big.html" and r["http_status"] == "200"]
assert big and "line 199 of a page" in big[0]["body"], big
PY
fi

# ---- a file that is not a state database: an error, no crash
echo "not a database, just some text here and there and more of it" >"$tmp/bad.db"
echo "$U/page.html" | fetch --state "$tmp/bad.db" >"$tmp/out.tsv" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "bad.db" "$tmp/err" || { echo "bad state file"; cat "$tmp/err"; fail=1; }
fetch_san_reports || fail=1
exit $fail
