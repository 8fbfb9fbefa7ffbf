#!/bin/sh
# Scale-out: every pure stage in $BIN (news-strip, news-extract,
# news-stance, news-feed) gives the same output when its input is cut into
# chunks run in parallel and put back in order, as in README "Scale-out":
#   parallel --pipe --header 1 -k 'news-X $(test {#} = 1 || echo --no-header)'
# and, for the chain of those present, in the Hadoop Streaming form (no
# header in, none out), as a mapper would run it:
#   tail -n +2 in | parallel --pipe -k 'news-strip --columns C0 --no-header |
#       news-extract --columns C1 --no-header | ...'
# Stages not built here are left out; with none at all, or without GNU
# parallel, the test is skipped.  (GNU parallel takes seconds to start on
# a busy machine, so the invocations are few.)
set -u
command -v parallel >/dev/null || { echo "GNU parallel not installed (deps/ops.check)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
tested=""
say() { echo "parallel: $*"; fail=1; }
gen=tests/fixtures/ops/gen-articles.py
export HOME=$tmp # parallel keeps files under ~/.parallel

# check STAGE INPUT: sequential, chunked with header, Hadoop form.
check() {
	stage=$1 in=$2
	[ -x "$BIN/$stage" ] || return 1
	tested="$tested $stage"
	timeout 60 "$BIN/$stage" <"$in" >"$tmp/$stage.seq" 2>/dev/null
	[ "$(wc -l <"$tmp/$stage.seq")" -gt 1 ] || say "$stage: no output on $in"
	timeout 120 parallel --will-cite --pipe --header 1 -k -j2 --block 70k \
		"$BIN/$stage"' $(test {#} = 1 || echo --no-header)' <"$in" >"$tmp/$stage.par" 2>/dev/null
	cmp -s "$tmp/$stage.seq" "$tmp/$stage.par" ||
		say "$stage: chunked output differs: $(diff "$tmp/$stage.seq" "$tmp/$stage.par" | head -5)"
	# The Hadoop mapper: this stage, header-less, after the earlier ones.
	cols=$(head -n 1 "$in" | tr '\t' ,)
	mapper="$mapper${mapper:+ | }$BIN/$stage --columns $cols --no-header"
	[ -n "$chain_in" ] || chain_in=$in
	chain_out=$tmp/$stage.seq
	chunks=$(($(wc -c <"$in") / 70000 + 1))
	echo "$stage: $(($(wc -l <"$in") - 1)) records in about $chunks chunks: same output"
	return 0
}

python3 "$gen" --n 200 >"$tmp/pages.tsv"
python3 "$gen" --n 120 --feeds >"$tmp/feeds.tsv"
mapper="" chain_in="" chain_out=""
check news-feed "$tmp/feeds.tsv"
mapper="" chain_in="" chain_out=""
text_in=$tmp/text.tsv
if check news-strip "$tmp/pages.tsv"; then
	text_in=$tmp/news-strip.seq
else
	python3 "$gen" --n 200 --text >"$text_in"
fi
check news-extract "$text_in" && check news-stance "$tmp/news-extract.seq"

if [ -n "$mapper" ]; then
	tail -n +2 "$chain_in" | timeout 120 parallel --will-cite --pipe -k -j2 --block 70k \
		"$mapper" >"$tmp/hadoop.out" 2>/dev/null
	tail -n +2 "$chain_out" | cmp -s - "$tmp/hadoop.out" || say "Hadoop form differs: $mapper"
	echo "Hadoop form: same output for $(echo "$mapper" | grep -o 'news-[a-z]*' | tr '\n' ' ')"
fi
[ -n "$tested" ] || { echo "no pure stage (news-strip, news-extract, news-stance, news-feed) in $BIN"; exit 77; }
echo "tested:$tested"
exit $fail
