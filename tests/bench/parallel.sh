#!/bin/sh
# Scale-out benchmark: each pure stage in BINDIR (news-feed, news-strip,
# news-extract, news-stance) on a large generated input, one process
# against GNU parallel -j2 (the same stage on chunks of --block; the
# input is a file, so --pipepart, the fast form of --pipe), in the same
# run; prints MB/s of both and the speed-up, with parallel's fixed
# start-up time (measured here on a one-record input) for context: it
# dominates inputs of a few MB.  The machine is shared and noisy: read
# the ratios, not the absolute figures.
#   sh tests/bench/parallel.sh BINDIR [N_ARTICLES]
set -u
bin=$(cd "$1" && pwd)
n=${2:-${BENCH_ARTICLES:-20000}}
command -v parallel >/dev/null || { echo "parallel: GNU parallel not installed (deps/ops.bench)"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp
gen=tests/fixtures/ops/gen-articles.py
block=${BENCH_BLOCK:-4M}

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f", b / 1048576 / (t > 0 ? t : 1e-9) }'; }

# bench STAGE INPUT: sequential, then parallel; outputs must match.
bench() {
	stage=$1 in=$2
	[ -x "$bin/$stage" ] || { echo "$stage: not built, skipped"; return 1; }
	bytes=$(wc -c <"$in")
	t0=$(now)
	"$bin/$stage" <"$in" >"$tmp/$stage.seq" 2>/dev/null
	t1=$(now)
	parallel --will-cite --pipepart -a "$in" --header 1 -k -j2 --block "$block" \
		"$bin/$stage"' $(test {#} = 1 || echo --no-header)' >"$tmp/$stage.par" 2>/dev/null
	t2=$(now)
	seq_t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
	par_t=$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')
	same=same
	cmp -s "$tmp/$stage.seq" "$tmp/$stage.par" || same="DIFFERENT OUTPUT"
	printf '%-12s %5.1f MB  1 process %6s MB/s  parallel -j2 %6s MB/s  speed-up %sx  %s\n' \
		"$stage" "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" "$(mbps "$bytes" "$seq_t")" \
		"$(mbps "$bytes" "$par_t")" "$(awk -v s="$seq_t" -v p="$par_t" 'BEGIN { printf "%.2f", s / p }')" \
		"$same"
	return 0
}

printf 'url\tbody\nhttp://x.test/\tx\n' >"$tmp/one.tsv"
t0=$(now)
parallel --will-cite --pipepart -a "$tmp/one.tsv" --header 1 -k -j2 --block "$block" true
t1=$(now)
startup=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
echo "scale-out: $n generated articles, parallel --pipepart --header 1 -k -j2 --block $block," \
	"$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), parallel's start-up $(printf '%.1f' "$startup") s"
python3 "$gen" --n "$n" >"$tmp/pages.tsv"
python3 "$gen" --n $((n / 4)) --feeds >"$tmp/feeds.tsv"
bench news-feed "$tmp/feeds.tsv"
text=$tmp/text.tsv
if bench news-strip "$tmp/pages.tsv"; then
	text=$tmp/news-strip.seq
else
	python3 "$gen" --n "$n" --text >"$text"
fi
bench news-extract "$text" && bench news-stance "$tmp/news-extract.seq"
exit 0
