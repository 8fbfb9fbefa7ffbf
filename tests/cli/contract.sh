#!/bin/sh
# The contract every program keeps (README "The record stream", "Exit
# status"): --help and --version on stdout with exit 0, usage errors exit
# 2 with the message on stderr only, and for the filters: a malformed row
# in the middle is reported with its line and skipped while every good row
# comes through, exit 1; an empty input still gives a header; a closed
# pipe ends quietly.
set -u
fail=0
say() { echo "contract: $*"; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
for p in "$BIN"/news-*; do
	[ -x "$p" ] || continue
	n=$((n + 1))
	name=$(basename "$p")
	"$p" --help >"$tmp/out" 2>"$tmp/err" || say "$name --help: exit $?"
	grep -q "^Usage: $name " "$tmp/out" || say "$name --help: no usage line on stdout"
	[ -s "$tmp/err" ] && say "$name --help: wrote to stderr"
	"$p" --version >"$tmp/out" 2>&1 || say "$name --version: exit $?"
	grep -q "^$name (newspipe) [0-9]" "$tmp/out" || say "$name --version: $(cat "$tmp/out")"
	"$p" --no-such-option >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
	[ $st -eq 2 ] || say "$name --no-such-option: exit $st, expected 2"
	[ -s "$tmp/out" ] && say "$name --no-such-option: wrote to stdout"
	grep -q "^$name: " "$tmp/err" || say "$name: usage error not prefixed with the program name"
done
[ $n -gt 0 ] || { echo "no programs in $BIN"; exit 1; }

# Filters that read one text-ish column: a malformed row in the middle.
check_filter() { # name column value
	p=$BIN/$1
	[ -x "$p" ] || return 0
	printf 'id\t%s\n1\t%s\n2\tbroken\textra\n3\t%s\n' "$2" "$3" "$3" >"$tmp/in"
	"$p" <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st -eq 1 ] || say "$1: malformed row: exit $st, expected 1"
	grep -q "^$1: stdin:3: " "$tmp/err" || say "$1: malformed row not reported as stdin:3: $(head -1 "$tmp/err")"
	ids=$(tail -n +2 "$tmp/out" | cut -f1 | tr '\n' ' ')
	[ "$ids" = "1 3 " ] || say "$1: good rows lost or reordered: '$ids'"
	head -1 "$tmp/out" | grep -q "^id	" || say "$1: header does not start with the input's columns"
	# empty input: header only, exit 0
	printf 'id\t%s\n' "$2" | "$p" >"$tmp/out" 2>"$tmp/err" || say "$1: empty input: exit $?"
	[ "$(wc -l <"$tmp/out")" -eq 1 ] || say "$1: empty input: expected a header only"
	# a closed pipe ends quietly
	i=0
	{ printf 'id\t%s\n' "$2"; while [ $i -lt 3000 ]; do printf '%d\t%s\n' $i "$3"; i=$((i + 1)); done; } >"$tmp/big"
	"$p" <"$tmp/big" 2>"$tmp/err" | head -1 >/dev/null
	[ -s "$tmp/err" ] && say "$1: closed pipe: $(head -1 "$tmp/err")"
	return 0
}
check_filter news-strip body '<html><head><title>T</title></head><body><article><p>Some text here about a law.</p></article></body></html>'
check_filter news-extract text 'The Home Office wrote to Apple about the Investigatory Powers Act.'
check_filter news-feed body '<rss version="2.0"><channel><item><title>x</title><link>http://example.com/a</link></item></channel></rss>'
exit $fail
