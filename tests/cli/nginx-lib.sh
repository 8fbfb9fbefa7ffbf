# nginx-lib.sh: start a throw-away nginx for a command-line test.
#
# Usage, from a test script (POSIX sh):
#
#   . "$NEWSPIPE_HOME/tests/cli/nginx-lib.sh"
#   nginx_start "$NEWSPIPE_HOME/tests/nginx/fetch.conf" "$site_dir" || exit $?
#   curl "$NGINX_URL/page.html"          # http://127.0.0.1:PORT
#   ...
#   nginx_stop                           # also done by the EXIT trap
#
# nginx_start CONF ROOT
#   Copies the config template CONF into a fresh temporary prefix,
#   replacing @PORT@ with a free TCP port, @ROOT@ with ROOT (the
#   directory to serve; made absolute) and @PREFIX@ with the prefix
#   (put pid, logs and temp paths there; see tests/nginx/fetch.conf),
#   and starts Debian's nginx on it.  Ports are drawn at random from
#   20000-59999 and another is tried when one is taken.  On success it sets
#     NGINX_PORT    the port
#     NGINX_URL     http://127.0.0.1:$NGINX_PORT
#     NGINX_PREFIX  the temporary prefix (logs in $NGINX_PREFIX/*.log)
#   and installs `trap nginx_stop EXIT` plus INT/TERM traps that exit; a
#   test that needs its own EXIT trap must call nginx_stop from it.
#   Returns 77 (the "skip" status) when nginx is not installed, 1 when it
#   cannot start (its error log is printed on stderr).
#
# nginx_stop
#   Stops that nginx (TERM, then KILL after 5 s) and removes the prefix.
#   Safe to call twice.
#
# Executed directly (sh tests/cli/nginx-lib.sh), it tests itself.
#
# The server listens only on loopback addresses, so tests never touch the
# network.  When the test runs as root, the workers run as root too
# (`-g "user root;"`), so they can read a ROOT under a private mktemp
# directory; a template must therefore not set `user` itself.

NGINX_BIN=${NGINX_BIN:-}

nginx_start()
{
	_nx_conf=$1
	_nx_root=$(cd "$2" && pwd) || return 1
	if [ -z "$NGINX_BIN" ]; then
		for _nx_b in /usr/sbin/nginx /usr/local/sbin/nginx $(command -v nginx 2>/dev/null); do
			if [ -x "$_nx_b" ]; then NGINX_BIN=$_nx_b; break; fi
		done
	fi
	if [ -z "$NGINX_BIN" ]; then
		echo "nginx-lib: nginx not installed" >&2
		return 77
	fi
	NGINX_PREFIX=$(mktemp -d "${TMPDIR:-/tmp}/newspipe-nginx.XXXXXX") || return 1
	chmod 755 "$NGINX_PREFIX"
	mkdir -p "$NGINX_PREFIX/tmp"
	trap nginx_stop EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	_nx_try=0
	while [ $_nx_try -lt 20 ]; do
		_nx_try=$((_nx_try + 1))
		# od reads the kernel's randomness: no $RANDOM in POSIX sh.
		NGINX_PORT=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
		sed -e "s|@PORT@|$NGINX_PORT|g" -e "s|@ROOT@|$_nx_root|g" \
			-e "s|@PREFIX@|$NGINX_PREFIX|g" "$_nx_conf" > "$NGINX_PREFIX/nginx.conf"
		: > "$NGINX_PREFIX/error.log"
		_nx_user=
		[ "$(id -u)" = 0 ] && _nx_user='user root;'
		if timeout 10 "$NGINX_BIN" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" \
			-e "$NGINX_PREFIX/error.log" ${_nx_user:+-g "$_nx_user"} \
			2>>"$NGINX_PREFIX/error.log"; then
			NGINX_URL="http://127.0.0.1:$NGINX_PORT"
			return 0
		fi
		grep -q 'Address already in use' "$NGINX_PREFIX/error.log" || break
	done
	echo "nginx-lib: nginx did not start:" >&2
	cat "$NGINX_PREFIX/error.log" >&2
	return 1
}

nginx_stop()
{
	if [ -n "${NGINX_PREFIX:-}" ] && [ -f "$NGINX_PREFIX/nginx.pid" ]; then
		_nx_pid=$(cat "$NGINX_PREFIX/nginx.pid")
		kill -TERM "$_nx_pid" 2>/dev/null
		_nx_n=0
		while kill -0 "$_nx_pid" 2>/dev/null && [ $_nx_n -lt 50 ]; do
			sleep 0.1
			_nx_n=$((_nx_n + 1))
		done
		kill -KILL "$_nx_pid" 2>/dev/null
	fi
	if [ -n "${NGINX_PREFIX:-}" ]; then
		rm -rf "$NGINX_PREFIX"
	fi
	NGINX_PREFIX=
}

# Run as a test itself (sh tests/cli/nginx-lib.sh, as `make test-run`
# does), the helper checks itself: a server comes up on a free port,
# serves a page, two servers get different ports, and nginx_stop leaves
# no process and no directory behind.
if [ "$(basename -- "$0")" = nginx-lib.sh ]; then
	set -u
	_t=$(mktemp -d)
	echo hello >"$_t/hi.txt"
	conf=$_t/test.conf
	cat >"$conf" <<'CONF'
pid @PREFIX@/nginx.pid;
events { worker_connections 64; }
http {
	access_log @PREFIX@/access.log;
	client_body_temp_path @PREFIX@/tmp/body;
	proxy_temp_path @PREFIX@/tmp/proxy;
	fastcgi_temp_path @PREFIX@/tmp/fastcgi;
	uwsgi_temp_path @PREFIX@/tmp/uwsgi;
	scgi_temp_path @PREFIX@/tmp/scgi;
	server { listen 127.0.0.1:@PORT@; root @ROOT@; }
}
CONF
	nginx_start "$conf" "$_t" || { st=$?; rm -rf "$_t"; exit $st; }
	first_port=$NGINX_PORT first_prefix=$NGINX_PREFIX
	pid=$(cat "$NGINX_PREFIX/nginx.pid")
	got=$(timeout 10 curl -s "$NGINX_URL/hi.txt")
	[ "$got" = hello ] || { echo "nginx-lib: served '$got'"; exit 1; }
	# a second server while the first runs (the test then stops it itself)
	NGINX_PREFIX=
	nginx_start "$conf" "$_t" || exit 1
	[ "$NGINX_PORT" != "$first_port" ] || { echo "nginx-lib: port reused"; exit 1; }
	nginx_stop
	NGINX_PREFIX=$first_prefix
	nginx_stop
	kill -0 "$pid" 2>/dev/null && { echo "nginx-lib: nginx still running"; exit 1; }
	[ -e "$first_prefix" ] && { echo "nginx-lib: prefix left behind"; exit 1; }
	rm -rf "$_t"
	echo "nginx-lib: ok"
fi
