# fetch-lib.sh: what the news-fetch tests share.  Source it after `set -u`:
#
#   . "$NEWSPIPE_HOME/tests/cli/fetch-lib.sh"
#   fetch_site_start || exit $?   # $tmp, the test site, nginx on it ($NGINX_URL)
#   ...
#   fetch_san_reports || fail=1   # at the end
#
# fetch_site_start makes the scratch directory $tmp, sends sanitizer
# reports (in the build-san run) to files in it, since most of
# news-fetch's stderr is captured and compared by the tests, builds the
# site (tests/nginx/make-fetch-site.sh, served from $tmp/site/main) and
# starts nginx on it with tests/nginx/fetch.conf.  The EXIT trap stops
# nginx and removes $tmp.  Returns nginx_start's status (77: no nginx).
#
# fetch_san_reports prints the sanitizer reports written so far and
# returns 1 when there is one.

. "$NEWSPIPE_HOME/tests/cli/nginx-lib.sh"

fetch_site_start() {
	tmp=$(mktemp -d)
	trap 'nginx_stop; rm -rf "$tmp"' EXIT
	export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$tmp/san"
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:log_path=$tmp/san"
	sh "$NEWSPIPE_HOME/tests/nginx/make-fetch-site.sh" "$tmp/site"
	nginx_start "$NEWSPIPE_HOME/tests/nginx/fetch.conf" "$tmp/site"
}

fetch_san_reports() {
	found=0
	for f in "$tmp"/san.*; do
		[ -e "$f" ] || continue
		echo "sanitizer report:"
		cat "$f"
		found=1
	done
	return $found
}

# Run as a test itself (sh tests/cli/fetch-lib.sh, as `make test-run`
# does), the helper checks itself: the site comes up and serves its page,
# and no sanitizer report is seen.
if [ "$(basename -- "$0")" = fetch-lib.sh ]; then
	set -u
	fetch_site_start || exit $?
	got=$(timeout 10 curl -s "$NGINX_URL/page.html")
	case $got in
	*Caf*) ;;
	*) echo "fetch-lib: served '$got'"; exit 1 ;;
	esac
	fetch_san_reports || exit 1
	echo "fetch-lib: ok"
fi
