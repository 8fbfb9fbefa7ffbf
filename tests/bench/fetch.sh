#!/bin/sh
# Benchmark news-fetch against its peers on the same work, in the same run
# (sh tests/bench/fetch.sh BINDIR).  A local nginx (tests/nginx/bench.conf)
# serves 5,000 generated article pages (about 8 KB of HTML each, gzip on);
# each client fetches all of them with 32 transfers at once:
#   news-fetch --parallel 32 --per-host 32 --delay 0   (TSV to a file)
#   curl --parallel --parallel-max 32 --compressed -K LIST  (one process on
#        libcurl multi, LIST has a url and an output line per page)
#   xargs -P 32 -n 1 curl --compressed   (a process per URL, to a file;
#        timed on the first XARGS_PAGES URLs, default 1,000)
# news-fetch and curl --parallel are run RUNS times (default 3),
# interleaved, and the best time counts (the machine is shared and noisy);
# xargs, a hundred times slower, once.  Prints pages/s and MB/s (bytes of
# HTML delivered) and the ratios news-fetch/peer; targets: >= 0.8 against
# curl --parallel, >= 5 against xargs.  Then the peak resident memory of
# news-fetch with 20,000 URLs queued on its input (GNU time).
set -u
bindir=$(cd "${1:-bin}" && pwd)
root=${NEWSPIPE_HOME:-$(cd "$(dirname "$0")/../.." && pwd)}
pages=${PAGES:-5000}
# A process per URL costs ~40 ms of CPU here: time it on the first
# XARGS_PAGES of the same URLs (its rate does not depend on the count).
xpages=${XARGS_PAGES:-1000}
[ "$xpages" -gt "$pages" ] && xpages=$pages
runs=${RUNS:-3}
. "$root/tests/cli/nginx-lib.sh"
tmp=$(mktemp -d)
trap 'nginx_stop; rm -rf "$tmp"' EXIT
for tool in curl xargs /usr/bin/time; do
	command -v "$tool" >/dev/null 2>&1 || { echo "fetch bench: $tool missing"; exit 1; }
done

# ---- the site: varied article pages, UTF-8 with a meta charset
mkdir -p "$tmp/site/a"
awk -v n="$pages" -v dir="$tmp/site/a" 'BEGIN {
	srand(42)
	split("minister regulator company court parliament agency export chip data privacy " \
	      "encryption platform competition antitrust sanction semiconductor cloud " \
	      "telecom spectrum satellite", w, " ")
	for (i = 1; i <= n; i++) {
		f = dir "/" i ".html"
		printf "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" \
			"<title>Article %d</title></head>\n<body><nav><a href=\"/\">Home</a></nav>\n" \
			"<article><h1>Article %d \342\200\224 policy news</h1>\n", i, i > f
		paras = 8 + int(rand() * 8)
		for (p = 0; p < paras; p++) {
			line = "<p>"
			for (k = 0; k < 70; k++)
				line = line w[1 + int(rand() * 20)] " "
			print line "caf\303\251.</p>" > f
		}
		print "</article><footer>\302\251 newspipe bench</footer></body></html>" > f
		close(f)
	}
}'
nginx_start "$root/tests/nginx/bench.conf" "$tmp/site" || exit 1
U=$NGINX_URL
bytes=$(cat "$tmp/site/a"/*.html | wc -c)
i=1
: >"$tmp/urls"
: >"$tmp/curl.cfg"
while [ $i -le "$pages" ]; do
	echo "$U/a/$i.html" >>"$tmp/urls"
	printf 'url = "%s/a/%d.html"\noutput = "%s/curl-out/%d.html"\n' "$U" $i "$tmp" $i >>"$tmp/curl.cfg"
	i=$((i + 1))
done
mkdir -p "$tmp/curl-out"

now() { date +%s.%N; }
# run NAME COMMAND...: time one run, keep the best per name
run() {
	name=$1
	shift
	t0=$(now)
	"$@" || { echo "fetch bench: $name failed"; exit 1; }
	t1=$(now)
	t=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
	best=$(cat "$tmp/best.$name" 2>/dev/null || echo 1e9)
	echo "$t $best" | awk '{ exit !($1 < $2) }' && echo "$t" >"$tmp/best.$name"
	echo "  $name run: $t s"
}
nf() {
	"$bindir/news-fetch" --allow-private --parallel 32 --per-host 32 --delay 0 \
		<"$tmp/urls" >"$tmp/nf.tsv"
}
cpar() {
	rm -rf "$tmp/curl-out" && mkdir "$tmp/curl-out" &&
		curl -s --no-progress-meter --parallel --parallel-max 32 --compressed -K "$tmp/curl.cfg"
}
xa() {
	head -n "$xpages" "$tmp/urls" | xargs -P 32 -n 1 curl -s --compressed >"$tmp/xargs.out"
}

echo "fetch bench: $pages pages, $bytes bytes of HTML; load average $(cut -d' ' -f1-3 /proc/loadavg)"
r=1
while [ $r -le "$runs" ]; do
	run news-fetch nf
	run curl-parallel cpar
	r=$((r + 1))
done
# A process per URL is slow enough to be timed once.
run xargs-curl xa

# sanity: every page came through each client
ok=$(awk -F'\t' 'NR > 1 && $3 == "200" && $7 == ""' "$tmp/nf.tsv" | wc -l)
[ "$ok" -eq "$pages" ] || { echo "fetch bench: news-fetch fetched $ok of $pages"; exit 1; }
[ "$(ls "$tmp/curl-out" | wc -l)" -eq "$pages" ] || { echo "fetch bench: curl output missing"; exit 1; }
[ "$(grep -c '</html>' "$tmp/xargs.out")" -eq "$xpages" ] || { echo "fetch bench: xargs output missing"; exit 1; }

nfb=$(cat "$tmp/best.news-fetch") cpb=$(cat "$tmp/best.curl-parallel") xab=$(cat "$tmp/best.xargs-curl")
echo "$pages $bytes $nfb $cpb $xab $xpages" | awk '{
	nf = $1 / $3; cp = $1 / $4; xa = $6 / $5
	printf "  %-30s %7.0f pages/s %6.1f MB/s  (%d pages in %.3f s)\n", "news-fetch", nf, $2 / $3 / 1e6, $1, $3
	printf "  %-30s %7.0f pages/s %6.1f MB/s  (%d pages in %.3f s)\n", "curl --parallel (multi)", cp, $2 / $4 / 1e6, $1, $4
	printf "  %-30s %7.0f pages/s %6.1f MB/s  (%d pages in %.3f s)\n", "xargs -P 32 -n 1 curl", xa, xa * $2 / $1 / 1e6, $6, $5
	printf "  ratio news-fetch / curl --parallel: %.2fx (target >= 0.8)\n", nf / cp
	printf "  ratio news-fetch / xargs curl:      %.2fx (target >= 5)\n", nf / xa
}'

# ---- memory: 20,000 URLs queued on the input (the 5,000 pages four times)
cat "$tmp/urls" "$tmp/urls" "$tmp/urls" "$tmp/urls" >"$tmp/urls4"
/usr/bin/time -f '%M' -o "$tmp/rss" "$bindir/news-fetch" --allow-private --parallel 32 \
	--per-host 32 --delay 0 <"$tmp/urls4" >"$tmp/nf4.tsv" || { echo "fetch bench: 20k run failed"; exit 1; }
/usr/bin/time -f '%M' -o "$tmp/rss-curl" curl -s --no-progress-meter --parallel --parallel-max 32 --compressed \
	-K "$tmp/curl.cfg" || exit 1
echo "  peak RSS, 20,000 URLs queued: news-fetch $(cat "$tmp/rss") KiB" \
	"(curl --parallel on 5,000: $(cat "$tmp/rss-curl") KiB)"
