#!/bin/sh
# news-run with stand-in stages (tests/fixtures/ops/fakebin: file:// feeds,
# SQLite state like news-fetch's), so this tests news-run itself:
# quiet success, -v, --status, --dry-run, the lock (exit 75), a failing
# stage (exit 1, nothing committed, logged), replay of a commit journal
# left by a killed run, and the crash test: runs killed with SIGKILL at
# random moments, in a loop, then one clean run; every article must be
# in the day files exactly once and nothing half-written visible.
set -u
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed (deps/ops.check)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "run: $*"; fail=1; }

fb=$tmp/bin
mkdir -p "$fb" "$tmp/site"
cp tests/fixtures/ops/fakebin/* "$fb/"
cp "$BIN/news-run" "$BIN/news-cat" "$fb/"
printf 'url\tsource\nfile://%s/site/f1\tA\nfile://%s/site/f2\tB\n' "$tmp" "$tmp" >"$tmp/feeds.tsv"
: >"$tmp/site/f1"
: >"$tmp/site/f2"
out=$tmp/out
run() { timeout 60 "$fb/news-run" -f "$tmp/feeds.tsv" -o "$out" "$@"; }
n_urls=0
add_urls() { # N: add N new article URLs, spread over the two feeds
	i=0
	while [ $i -lt "$1" ]; do
		n_urls=$((n_urls + 1))
		echo "http://$((n_urls % 2)).test/a$n_urls" >>"$tmp/site/f$((n_urls % 2 + 1))"
		i=$((i + 1))
	done
}
records() { cat "$out"/????-??-??.tsv 2>/dev/null | grep -v '^url	' ; }

# Quiet success; the day file holds the articles; the log has the run.
add_urls 3
run >"$tmp/o" 2>"$tmp/e" || say "first run: exit $?: $(cat "$tmp/e")"
[ -s "$tmp/o" ] || [ -s "$tmp/e" ] && say "a successful run printed something: $(cat "$tmp/o" "$tmp/e")"
[ "$(records | wc -l)" -eq 3 ] || say "first run: $(records | wc -l) records, expected 3"
add_urls 2
run -v >"$tmp/o" 2>"$tmp/e" || say "-v run: exit $?"
[ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q "^news-run: .*2 feeds, 2 new articles in .*\.tsv" "$tmp/e" ||
	say "-v: expected one summary line: $(cat "$tmp/e")"
[ -s "$tmp/o" ] && say "-v wrote to stdout"
run --status >"$tmp/st" 2>"$tmp/e" || say "--status: exit $?"
[ "$(head -1 "$tmp/st")" = "$(printf 'started\tfinished\tstatus\tfeeds\tarticles\terrors\toutput\tmessage')" ] ||
	say "--status header: $(head -1 "$tmp/st")"
[ "$(cut -f3,5 "$tmp/st" | tail -n +2 | tr '\t\n' ': ')" = "ok:3 ok:2 " ] || say "--status rows: $(cat "$tmp/st")"

# --dry-run prints the pipeline and touches nothing.
before=$(ls -la "$out" | md5sum)
run --dry-run -- --allow-private --delay 0 >"$tmp/o" 2>"$tmp/e" || say "--dry-run: exit $?"
grep -q "news-fetch --state .*state.db --skip-seen --allow-private --delay 0" "$tmp/o" || say "--dry-run: $(cat "$tmp/o")"
[ "$(ls -la "$out" | md5sum)" = "$before" ] || say "--dry-run changed the output folder"

# One run at a time: while the lock is held, exit 75 with one line.
flock "$out/.news-run.lock" sleep 1.5 &
holder=$!
sleep 0.4
run >"$tmp/o" 2>"$tmp/e"
st=$?
[ $st -eq 75 ] || say "locked: exit $st, expected 75"
[ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q "^news-run: another run is active" "$tmp/e" || say "locked: $(cat "$tmp/e")"
wait $holder

# A stage that fails: exit 1, one clear line, nothing committed, the
# failure in the run log and the stage's message in news-run.log.
add_urls 2
cp "$out/state.db" "$tmp/state.before"
records >"$tmp/rec.before"
FAKE_FAIL=strip run >"$tmp/o" 2>"$tmp/e"
st=$?
[ $st -eq 1 ] || say "failing stage: exit $st, expected 1"
grep -q "^news-run: run failed, nothing committed: news-strip: exit 3: news-strip: something broke" "$tmp/e" ||
	say "failing stage: $(cat "$tmp/e")"
records | cmp -s - "$tmp/rec.before" || say "failing stage: the day file changed"
[ "$(sqlite3 "$out/state.db" 'SELECT count(*) FROM seen')" -eq 5 ] || say "failing stage: the state changed"
[ "$(sqlite3 "$out/state.db" 'SELECT status FROM runs ORDER BY id DESC LIMIT 1')" = failed ] ||
	say "failing stage: not logged as failed"
grep -q "news-strip: something broke" "$out/news-run.log" || say "failing stage: message not in news-run.log"
# A stage that quits (exit 1) before reading its input loses records:
# the run fails, and the blame goes to it, not to the stage before it
# that the closed pipe killed.
FAKE_FAIL=early-stance run >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] || say "early quit: expected exit 1"
grep -q "^news-run: run failed, nothing committed: news-stance: exit 1, before reading all its input: news-stance: gave up" "$tmp/e" ||
	say "early quit: $(cat "$tmp/e")"
records | cmp -s - "$tmp/rec.before" || say "early quit: the day file changed"
# A run that takes longer than `timeout` (here from a configuration file
# given with -c) is stopped and fails; nothing committed.
printf '# test\ntimeout = 1\nday = utc\n' >"$tmp/conf"
t0=$(date +%s)
FAKE_FAIL=slow-extract run -c "$tmp/conf" >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] || say "timeout: expected exit 1"
[ $(($(date +%s) - t0)) -lt 10 ] || say "timeout: the run was not stopped in time"
grep -q "^news-run: run failed, nothing committed: timed out after 1 s" "$tmp/e" || say "timeout: $(cat "$tmp/e")"
records | cmp -s - "$tmp/rec.before" || say "timeout: the day file changed"
printf 'timeout = soon\n' >"$tmp/conf"
run -c "$tmp/conf" >/dev/null 2>"$tmp/e"
[ $? -eq 2 ] || say "bad configuration: expected exit 2"
grep -q "timeout" "$tmp/e" || say "bad configuration: $(cat "$tmp/e")"
run || say "run after the failure: exit $?"
[ "$(records | wc -l)" -eq 7 ] || say "after the failure: $(records | wc -l) records, expected 7"

# A commit journal left by a run killed between its renames is replayed
# before anything else (here by --status).
work=$out/.news-run
mkdir -p "$work"
day=$(ls "$out"/????-??-??.tsv | head -1)
cp "$day" "$work/day.tsv"
printf 'http://journal.test/x\tJ\t<p>x</p>\n' >>"$work/day.tsv"
printf '%s\t%s\n' "$work/day.tsv" "$day" >"$work/commit"
run --status >/dev/null 2>&1
tail -1 "$day" | grep -q "journal.test" || say "journal not replayed"
[ -e "$work/commit" ] && say "journal left after replay"
sed -i '/journal.test/d' "$day"

# The crash test.  Each round adds articles, starts a run and kills it
# (SIGKILL) after a random delay; some rounds finish first.
rounds=${RUN_CRASH_ROUNDS:-15}
r=0
while [ $r -lt $rounds ]; do
	r=$((r + 1))
	add_urls 3
	"$fb/news-run" -f "$tmp/feeds.tsv" -o "$out" 2>>"$tmp/crash.err" &
	pid=$!
	sleep "$(od -An -N2 -tu2 /dev/urandom | awk '{ printf "%.2f", ($1 % 1400) / 1000 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	# Nothing half-written is ever visible in the output folder.
	for f in "$out"/*; do
		case $f in
		*/????-??-??.tsv | */state.db | */news-run.log) ;;
		*) say "round $r: unexpected file $f" ;;
		esac
	done
	awk -F'\t' 'NF != 3 { exit 1 }' "$out"/????-??-??.tsv || say "round $r: a broken day file"
done
run || say "clean run after the crash rounds: exit $?: $(tail -3 "$tmp/crash.err")"
# Stages of killed runs must not outlive them.
sleep 0.3
pgrep -f "$fb/" >/dev/null && say "stages of a killed run still running: $(pgrep -af "$fb/")"

records | cut -f1 | sort >"$tmp/got"
i=1
while [ $i -le $n_urls ]; do echo "http://$((i % 2)).test/a$i"; i=$((i + 1)); done | sort >"$tmp/want"
sort -u "$tmp/got" | cmp -s - "$tmp/got" || say "crash test: duplicated: $(uniq -d "$tmp/got" | head -3)"
comm -23 "$tmp/want" "$tmp/got" | head -3 >"$tmp/lost"
[ -s "$tmp/lost" ] && say "crash test: lost: $(cat "$tmp/lost")"
comm -13 "$tmp/want" "$tmp/got" | head -3 >"$tmp/extra"
[ -s "$tmp/extra" ] && say "crash test: unexpected: $(cat "$tmp/extra")"
[ -z "$(ls -A "$out/.news-run")" ] || say "work folder not empty: $(ls -A "$out/.news-run")"
echo "crash test: $rounds rounds, $n_urls articles, $(grep -c . "$tmp/got") in the day files"
exit $fail
