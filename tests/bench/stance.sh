#!/bin/sh
# Benchmark news-stance alone on a large input built from the project's
# own fixtures (tests/cases/stance-basic: text + mentions), against two
# peers in the same run: `cat` (the I/O floor) and an awk script that does
# the least a lexicon tagger must do (split the text into words, look each
# up in a table of cue words).  Prints MB/s, wall clock and CPU (user+sys:
# the steadier figure on a shared machine), and the ratios.
#   sh tests/bench/stance.sh BINDIR [MB]
set -eu
bin=$1
mb=${2:-${STANCE_BENCH_MB:-48}}
root=$(cd "$(dirname "$0")/../.." && pwd)
export NEWSPIPE_HOME="$root"
command -v /usr/bin/time >/dev/null || { echo "stance bench: /usr/bin/time missing (Debian package time)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

seed=$root/tests/cases/stance-basic/stdin
head -1 "$seed" >"$tmp/in.tsv"
# the article rows, grown to about $mb MB with unique ids
tail -n +2 "$seed" | awk -F '\t' -v OFS='\t' -v want=$((mb * 1024 * 1024)) '
$2 != "" { row[n++] = $0 }
END { for (i = 0; size < want; i++) { r = row[i % n]; sub(/^[^\t]*/, "r" i, r); print r; size += length(r) + 1 } }
' >>"$tmp/in.tsv"
bytes=$(wc -c <"$tmp/in.tsv")

cat >"$tmp/cues.awk" <<'AWK'
BEGIN { n = split("ban banned bans oppose opposed reject rejected demand demanded withdraw withdrew impose imposed fine fined back backed sue sued appeal said not may", w, " "); for (i = 1; i <= n; i++) cue[w[i]] = 1 }
NR > 1 { m = split(tolower($2), t, /[^a-z]+/); for (i = 1; i <= m; i++) if (t[i] in cue) hits++ }
END { print hits + 0 }
AWK

rate() { awk -v b="$bytes" -v t="$1" 'BEGIN { printf "%.1f", b / 1048576 / (t > 0 ? t : 1e-9) }'; }
run() { # command... -> "wall cpu"
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" <"$tmp/in.tsv" >"$tmp/out" 2>"$tmp/err" ||
		{ echo "$1 failed:"; cat "$tmp/err"; exit 1; }
	awk '{ printf "%.3f %.3f", $1, $2 + $3 }' "$tmp/time"
}
set -- $(run "$bin/news-stance")
w_st=$1 c_st=$2
set -- $(run cat)
w_cat=$1 c_cat=$2
set -- $(run awk -F '\t' -f "$tmp/cues.awk")
w_awk=$1 c_awk=$2

echo "input: $bytes bytes"
printf '%-12s %8s MB/s wall %8s MB/s cpu\n' news-stance "$(rate "$w_st")" "$(rate "$c_st")"
printf '%-12s %8s MB/s wall %8s MB/s cpu\n' cat "$(rate "$w_cat")" "$(rate "$c_cat")"
printf '%-12s %8s MB/s wall %8s MB/s cpu\n' awk-cues "$(rate "$w_awk")" "$(rate "$c_awk")"
awk -v s="$w_st" -v a="$w_awk" -v cs="$c_st" -v ca="$c_awk" 'BEGIN {
	e = 1e-9
	printf "ratio awk-cues/news-stance time: %.2f wall, %.2f cpu (>1: news-stance faster)\n", a / (s > 0 ? s : e), ca / (cs > 0 ? cs : e) }'
