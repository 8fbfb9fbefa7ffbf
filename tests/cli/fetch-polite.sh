#!/bin/sh
# news-fetch's manners, against a local nginx (tests/nginx/fetch.conf):
# robots.txt rules by product token, robots.txt fetched once per origin,
# a 5xx robots.txt forbids the origin, Crawl-delay and --delay spacing,
# --ignore-robots, retries on 429/503 honouring Retry-After (and giving
# up when it asks too much), a rate-limited origin that recovers.
set -u
. "$NEWSPIPE_HOME/tests/cli/fetch-lib.sh"
fetch_site_start || exit $?
U=$NGINX_URL
P=$NGINX_PORT
LOG=$NGINX_PREFIX/access.log
fetch() { timeout 60 "$BIN/news-fetch" --allow-private --timeout 10 "$@"; }
fail=0
check() {
	U=$U PORT=$P LOG=$LOG python3 - "$tmp/out.tsv" "$@" || fail=1
}

# ---- robots.txt rules, for our product token and for another one
printf '%s\n' "$U/private/a.html" "$U/private/open.html" "$U/secret.html" "$U/page.html" \
	"http://127.0.0.2:$P/page.html" "http://127.0.0.2:$P/p1.html" >"$tmp/list"
fetch --delay 0 <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err"
[ $? -eq 1 ] || { echo "robots: exit status"; fail=1; }
check <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
e = [r["fetch_error"] for r in read(sys.argv[1])]
assert e == ["robots_disallowed", "", "robots_disallowed", "", "robots_unavailable",
             "robots_unavailable"], e
PY
n=$(grep -c '127.0.0.1 "GET /robots.txt' "$LOG")
[ "$n" -eq 1 ] || { echo "robots.txt of 127.0.0.1 fetched $n times"; fail=1; }
n=$(grep -c '127.0.0.2 "GET /robots.txt' "$LOG")
[ "$n" -eq 1 ] || { echo "robots.txt of 127.0.0.2 fetched $n times"; fail=1; }
grep -q '127.0.0.2 "GET /page.html' "$LOG" && { echo "fetched from a 5xx robots origin"; fail=1; }
grep -q '"GET /secret.html' "$LOG" && { echo "fetched a disallowed page"; fail=1; }

fetch --delay 0 -A "otherbot/1.0 (+http://example.org/bot)" <"$tmp/list" >"$tmp/out.tsv" 2>/dev/null
check <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
e = [r["fetch_error"] for r in read(sys.argv[1])]
assert e[:4] == ["robots_disallowed", "robots_disallowed", "", ""], e
PY
grep -q '"GET /secret.html HTTP/1.1" 200 [0-9]* "otherbot/1.0' "$LOG" || { echo "User-Agent not sent"; fail=1; }

: >"$LOG"
fetch --delay 0 --ignore-robots <"$tmp/list" >"$tmp/out.tsv" 2>/dev/null ||
	{ echo "--ignore-robots: exit $?"; fail=1; }
grep -q robots.txt "$LOG" && { echo "--ignore-robots fetched robots.txt"; fail=1; }
[ "$(cut -f6 "$tmp/out.tsv" | grep -c .)" -eq 7 ] || { echo "--ignore-robots: errors"; fail=1; }

# ---- spacing: --delay between requests to one origin; Crawl-delay (1 s)
# raises it, capped by --max-crawl-delay
: >"$LOG"
printf '%s\n' "$U/p1.html" "$U/p2.html" "$U/p3.html" "http://127.0.0.3:$P/a.html" \
	"http://127.0.0.3:$P/b.html" >"$tmp/list"
fetch --delay 0.3 --parallel 4 <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err" ||
	{ echo "delay: exit $?"; cat "$tmp/err"; fail=1; }
check <<'PY'
import os
log = [l.split() for l in open(os.environ["LOG"])]
def times(addr):
    return [float(l[0]) for l in log if l[1] == addr]
a, c = times("127.0.0.1"), times("127.0.0.3")
assert len(a) == 4 and len(c) == 3, (a, c)          # robots.txt + pages
gaps_a = [y - x for x, y in zip(a, a[1:])]
gaps_c = [y - x for x, y in zip(c, c[1:])]
assert min(gaps_a) >= 0.29, gaps_a
assert min(gaps_c) >= 0.99, gaps_c                    # Crawl-delay: 1
# the two origins were fetched side by side, not one after the other
assert c[0] < a[-1], (a, c)
PY
: >"$LOG"
printf '%s\n' "http://127.0.0.3:$P/a.html" "http://127.0.0.3:$P/b.html" >"$tmp/list"
fetch --delay 0 --max-crawl-delay 0.2 <"$tmp/list" >"$tmp/out.tsv" 2>/dev/null || fail=1
check <<'PY'
import os
t = [float(l.split()[0]) for l in open(os.environ["LOG"])]
assert len(t) == 3 and 0.19 <= t[2] - t[1] < 0.9, t
PY

# ---- retries: 429 and 503 with Retry-After: 1, two retries each
: >"$LOG"
printf '%s\n' "$U/status/429" >"$tmp/list"
fetch --delay 0 --retries 2 <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err"
[ $? -eq 1 ] || { echo "429: exit status"; fail=1; }
check <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
(r,) = list(read(sys.argv[1]))
assert r["http_status"] == "429" and r["fetch_error"] == "http_error", r
assert r["attempts"] == "3", r["attempts"]
assert 1900 <= int(r["elapsed_ms"]) < 5000, r["elapsed_ms"]
PY
[ "$(grep -c 'GET /status/429' "$LOG")" -eq 3 ] || { echo "429: requests"; fail=1; }
# a Retry-After beyond --max-retry-wait: no retry
printf '%s\n' "$U/status/429-long" "$U/status/503" >"$tmp/list"
fetch --delay 0 --retries 1 --max-retry-wait 5 <"$tmp/list" >"$tmp/out.tsv" 2>/dev/null
check <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
a, b = list(read(sys.argv[1]))
assert a["attempts"] == "1" and a["http_status"] == "429", a
assert b["attempts"] == "2" and b["http_status"] == "503", b
PY
# a rate-limited origin (2 requests/s, 429 past that) that recovers
: >"$LOG"
printf '%s\n' "$U/limited/a.html?1" "$U/limited/a.html?2" "$U/limited/a.html?3" >"$tmp/list"
fetch --delay 0 --per-host 3 --retries 4 <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err" ||
	{ echo "limited: exit $?"; cat "$tmp/err"; fail=1; }
check <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
rows = list(read(sys.argv[1]))
assert all(r["http_status"] == "200" and r["body"] == "<p>limited</p>\n" for r in rows), rows
assert sum(int(r["attempts"]) for r in rows) > 3, [r["attempts"] for r in rows]
PY

# ---- connections reused: HTTP/1.1 keep-alive, and HTTPS with HTTP/2
# carrying robots.txt and every page over one connection
: >"$LOG"
for i in 1 2 3 4 5 6 7 8; do echo "$U/p$i.html"; done >"$tmp/list"
fetch --delay 0 <"$tmp/list" >"$tmp/out.tsv" 2>"$tmp/err" || { echo "keep-alive: exit $?"; fail=1; }
check <<'PY'
import os
conns = {l.split()[-2] for l in open(os.environ["LOG"])}
assert len(conns) == 1, conns
PY
: >"$LOG"
for i in 1 2 3 4 5 6; do echo "https://127.0.0.4:$P/p$i.html"; done >"$tmp/list"
fetch --delay 0 --per-host 6 --cacert "$tmp/site/tls/cert.pem" <"$tmp/list" >"$tmp/out.tsv" \
	2>"$tmp/err" || { echo "http2: exit $?"; cat "$tmp/err"; fail=1; }
check <<'PY'
import os, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
rows = list(read(sys.argv[1]))
assert [r["http_status"] for r in rows] == ["200"] * 6, rows
log = [l.split() for l in open(os.environ["LOG"])]
assert len(log) == 7 and all(l[4] == 'HTTP/2.0"' for l in log), log
assert len({l[-2] for l in log}) == 1, log
PY
# the same server without its CA: a TLS error, not retried
fetch --delay 0 --retries 2 <"$tmp/list" >"$tmp/out.tsv" 2>/dev/null
[ "$(cut -f7,10 "$tmp/out.tsv" | sort -u | tr '\n' ' ')" = "fetch_error	attempts tls_error	0 " ] ||
	{ echo "untrusted certificate"; cut -f7,10 "$tmp/out.tsv"; fail=1; }

# ---- connection refused: no retry, a row all the same
echo "http://127.0.0.1:1/x" | fetch --delay 0 --ignore-robots >"$tmp/out.tsv" 2>/dev/null
[ "$(tail -1 "$tmp/out.tsv" | cut -f7)" = connect_error ] || { echo "refused"; cat "$tmp/out.tsv"; fail=1; }
fetch_san_reports || fail=1
exit $fail
