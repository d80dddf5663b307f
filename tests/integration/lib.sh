# tests/integration/lib.sh: TAP helpers and a throwaway environment for integration tests (bash).
# Each test:   . "${top_srcdir:-.}/tests/integration/lib.sh"; t_init NAME; t_require ...; plan N; ...
# Everything a test starts lives in its temp dir $T_DIR and is stopped on exit.
# Environment (set by make check): top_srcdir, top_builddir, PHANANH_FCGI, PHANANH_ADMIN;
# PHANANH_TEST_DB_SOCKET (+ _PORT) to use a running server (scripts/test starts one);
# PHANANH_REQUIRE_INTEGRATION=1 turns a missing tool into a failure instead of a skip (CI);
# PHANANH_TEST_KEEP=1 keeps $T_DIR and the test database for a post-mortem.
# shellcheck shell=bash disable=SC2034	# T_* variables are read by the tests

if [ -z "${top_srcdir:-}" ]; then
	top_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fi
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=${top_builddir:-$top_srcdir/.build/test}
PHANANH_FCGI=${PHANANH_FCGI:-$top_builddir/fcgi/phananh-fcgi}
PHANANH_ADMIN=${PHANANH_ADMIN:-$top_builddir/admin/phananh-admin}
export top_srcdir top_builddir PHANANH_FCGI PHANANH_ADMIN
# shellcheck source=scripts/lib.sh
. "$top_srcdir/scripts/lib.sh"

T_N=0		# tests run
T_FAILED=0	# tests failed
T_PLANNED=""	# the plan, once printed
T_STATUS=""	# last HTTP status (t_get, t_post, t_req, t_fcgi_req)
T_BODY=""	# last response body
T_HEADERS=""	# last response headers (CR stripped)
T_CURL_EXTRA=()	# extra curl arguments for every request, e.g. (-H "X-CSRF-Token: $tok")

# ---- TAP ---------------------------------------------------------------------------------------
plan() {
	T_PLANNED=$1
	echo "1..$1"
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# ok STATUS DESC: passes when STATUS is 0 (an exit code): cmd; ok $? "cmd works"
ok() {
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ] 2>/dev/null; then
		echo "ok $T_N - $2"
		return 0
	fi
	T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $2"
	return 1
}

# ok_run DESC CMD...: run CMD (output into the log as diagnostics on failure), pass when it succeeds.
ok_run() {
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	ok "$rc" "$desc" || diag "command: $*" "exit $rc, output:" "$out"
	return "$rc"
}

# is GOT WANT DESC: string equality.
is() {
	[ "$1" = "$2" ]
	ok $? "$3" || diag "     got: '$1'" "expected: '$2'"
}

# like GOT REGEX DESC: bash regular expression (=~) match.
like() {
	[[ $1 =~ $2 ]]
	ok $? "$3" || diag "     got: '$(printf '%s' "$1" | head -c 2000)'" "expected to match: $2"
}

# unlike GOT REGEX DESC
unlike() {
	! [[ $1 =~ $2 ]]
	ok $? "$3" || diag "     got: '$(printf '%s' "$1" | head -c 2000)'" "expected not to match: $2"
}

# skip_all WHY: skip the whole script (before any plan or test).
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# bail_out WHY: stop the script; the harness reports an error.
bail_out() {
	echo "Bail out! $1"
	T_FAILED=$((T_FAILED + 1))
	exit 1
}

# done_testing: print the plan if none was given; exit 0 when everything planned ran and passed.
done_testing() {
	if [ -z "$T_PLANNED" ]; then
		plan "$T_N"
	elif [ "$T_PLANNED" -ne "$T_N" ]; then
		diag "planned $T_PLANNED tests but ran $T_N"
		exit 1
	fi
	[ "$T_FAILED" -eq 0 ] || exit 1
	exit 0
}

# t_require TOOL...: each TOOL (a command name or a path) must exist, else skip the script, or fail
# it when PHANANH_REQUIRE_INTEGRATION=1 (CI must not go green without the real tests). Call it
# before plan; t_db requires mariadbd itself, so list mariadbd too when no shared server is certain.
t_require() {
	local t missing=""
	for t in "$@"; do
		case "$t" in
		*/*) [ -x "$t" ] || missing="$missing $t" ;;
		*) command -v "$t" >/dev/null 2>&1 || missing="$missing $t" ;;
		esac
	done
	[ -n "$missing" ] || return 0
	if [ "${PHANANH_REQUIRE_INTEGRATION:-0}" = 1 ]; then
		bail_out "required but missing:$missing (PHANANH_REQUIRE_INTEGRATION=1)"
	fi
	# a skip is only valid before the plan: require tools first
	[ -z "$T_PLANNED" ] || bail_out "missing:$missing (t_require after plan)"
	skip_all "missing:$missing"
}

# ---- the environment ----------------------------------------------------------------------------
# t_init NAME: temp dir $T_DIR, cleanup on exit (kills everything the test started).
t_init() {
	T_NAME=$(printf '%s' "$1" | tr -c 'a-zA-Z0-9_' '_')
	T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/phananh-$T_NAME.XXXXXX") || bail_out "mktemp failed"
	T_DB_OWN=no
	T_DB_NAME=""
	T_FCGI_PID=""
	T_NGINX_PREFIX=""
	T_PIDS=()
	trap t_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# t_bg LOG CMD...: start CMD in the background (output to LOG); its pid is killed at exit.
# The pid is in $T_BG_PID.
t_bg() {
	local log=$1
	shift
	"$@" >>"$log" 2>&1 </dev/null &
	T_BG_PID=$!
	T_PIDS+=("$T_BG_PID")
}

t_cleanup() {
	local rc=$? pid f
	trap - EXIT
	[ -z "$T_NGINX_PREFIX" ] || ph_nginx_stop "$T_NGINX_PREFIX"
	[ -z "$T_FCGI_PID" ] || t_fcgi_stop TERM >/dev/null 2>&1
	for pid in "${T_PIDS[@]}"; do
		kill -0 "$pid" 2>/dev/null && ph_stop_pid "$pid" 15
	done
	if [ "$T_FAILED" -gt 0 ] || [ "$rc" -ne 0 ]; then
		for f in "$T_DIR"/*.log "$T_DIR"/db/mysqld.err "$T_DIR"/nginx/logs/error.log; do
			[ -s "$f" ] || continue
			diag "---- last lines of ${f#"$T_DIR"/}:"
			tail -n 25 "$f" | sed 's/^/# /'
		done
	fi
	if [ "$T_DB_OWN" = yes ]; then
		ph_db_stop "$T_DIR/db/server.cnf"
	elif [ -n "$T_DB_NAME" ] && [ "${PHANANH_TEST_KEEP:-0}" != 1 ]; then
		ph_sql_server "$T_DIR/my.cnf" "DROP DATABASE IF EXISTS \`$T_DB_NAME\`" >/dev/null 2>&1
	fi
	if [ "${PHANANH_TEST_KEEP:-0}" = 1 ]; then
		diag "kept: $T_DIR (database $T_DB_NAME)"
	else
		rm -rf "$T_DIR"
	fi
	exit "$rc"
}

# t_db: a database of its own, t_<name>_<pid>, on $PHANANH_TEST_DB_SOCKET if set, else on a mariadbd
# this test starts. Writes $T_DIR/my.cnf ([client], [mysql], [client-phananh]) and sets T_DB_NAME,
# T_DB_SOCKET, T_DB_PORT (TCP port, for gammu-smsd; may be empty with a shared server).
t_db() {
	T_DB_NAME="t_${T_NAME}_$$"
	if [ -n "${PHANANH_TEST_DB_SOCKET:-}" ]; then
		T_DB_SOCKET=$PHANANH_TEST_DB_SOCKET
		T_DB_PORT=${PHANANH_TEST_DB_PORT:-}
	else
		t_require mariadbd mariadb-install-db mariadb mariadb-admin
		mkdir -p "$T_DIR/db"
		T_DB_PORT=$(ph_free_port "") || bail_out "no free port for mariadbd"
		ph_db_write_cnf "$T_DIR/db/server.cnf" "$T_DIR/db" "$T_DB_PORT" mysql \
			"innodb_buffer_pool_size = 64M" "innodb_flush_log_at_trx_commit = 2" ||
			bail_out "cannot write server.cnf"
		ph_db_install "$T_DIR/db/server.cnf" || bail_out "mariadb-install-db failed"
		T_DB_OWN=yes
		ph_db_start "$T_DIR/db/server.cnf" "$T_DIR/mysqld.log" || bail_out "mariadbd did not start"
		T_DB_SOCKET=$T_DIR/db/mysqld.sock
	fi
	t_write_my_cnf "$T_DIR/my.cnf"
	ph_sql_server "$T_DIR/my.cnf" "CREATE DATABASE \`$T_DB_NAME\`
		CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" || bail_out "CREATE DATABASE $T_DB_NAME failed"
}

t_write_my_cnf() {
	local user
	user=$(ph_db_user)
	cat >"$1" <<-CNF
		# generated by tests/integration/lib.sh
		[client]
		socket = $T_DB_SOCKET
		user = $user
		default-character-set = utf8mb4

		[mysql]
		database = $T_DB_NAME

		[client-phananh]
		socket = $T_DB_SOCKET
		user = $user
		database = $T_DB_NAME
		default-character-set = utf8mb4
	CNF
}

# t_sql SQL...: run SQL in the test database; prints rows tab-separated, no column names.
t_sql() {
	ph_sql "$T_DIR/my.cnf" "$@"
}

# t_admin ARGS...: run phananh-admin with the test's admin.conf (written on first use).
t_admin() {
	if [ ! -f "$T_DIR/admin.conf" ]; then
		cat >"$T_DIR/admin.conf" <<-CONF
			db_defaults_file = $T_DIR/my.cnf
			db_group = client-phananh
			sql_dir = $top_srcdir/sql/migrations
			data_dir = $top_srcdir/data
		CONF
	fi
	"$PHANANH_ADMIN" -c "$T_DIR/admin.conf" "$@"
}

# t_migrate: apply all migrations to the (empty) test database; output in $T_DIR/admin.log.
t_migrate() {
	t_admin migrate >>"$T_DIR/admin.log" 2>&1
}

# t_conf_set FILE "key = value"...: set keys in a flat config file (replace or append).
t_conf_set() {
	local file=$1 line key
	shift
	for line in "$@"; do
		key=$(printf '%s' "${line%%=*}" | tr -d ' \t')
		[ -n "$key" ] || continue
		sed -i "/^[[:space:]]*${key}[[:space:]]*=/d" "$file"
		printf '%s\n' "$line" >>"$file"
	done
}

# t_fcgi ["key = value"...]: write $T_DIR/fcgi.conf (test_clock = yes; the arguments override or
# add keys), start phananh-fcgi, wait for its socket $T_FCGI_SOCK. Fails (returns 1) if it does
# not come up. Log: $T_DIR/fcgi.log.
t_fcgi() {
	T_FCGI_SOCK=$T_DIR/fcgi.sock
	mkdir -p "$T_DIR/media"
	cat >"$T_DIR/fcgi.conf" <<-CONF
		listen = $T_FCGI_SOCK
		listen_mode = 0666
		workers = 2
		max_requests = 1000
		db_defaults_file = $T_DIR/my.cnf
		db_group = client-phananh
		log_level = debug
		max_body_bytes = 1048576
		test_clock = yes
		media_dir = $T_DIR/media
	CONF
	t_conf_set "$T_DIR/fcgi.conf" "$@"
	rm -f "$T_FCGI_SOCK"
	"$PHANANH_FCGI" -c "$T_DIR/fcgi.conf" >>"$T_DIR/fcgi.log" 2>&1 </dev/null &
	T_FCGI_PID=$!
	local tries=100
	while [ "$tries" -gt 0 ]; do
		[ -S "$T_FCGI_SOCK" ] && return 0
		kill -0 "$T_FCGI_PID" 2>/dev/null || break
		sleep 0.1
		tries=$((tries - 1))
	done
	diag "phananh-fcgi did not come up; fcgi.log:"
	tail -n 20 "$T_DIR/fcgi.log" | sed 's/^/# /'
	return 1
}

# t_fcgi_stop [SIGNAL]: stop phananh-fcgi (default TERM) and wait; its exit status is in
# $T_FCGI_EXIT (KILL after 30 s gives 137).
t_fcgi_stop() {
	local pid=$T_FCGI_PID tries=300
	[ -n "$pid" ] || return 0
	kill "-${1:-TERM}" "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null && [ "$tries" -gt 0 ]; do
		sleep 0.1
		tries=$((tries - 1))
	done
	kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	T_FCGI_EXIT=$?
	T_FCGI_PID=""
	return 0
}

# t_nginx: nginx from nginx/dev.conf.in on a free 127.0.0.1 port, in $T_DIR/nginx, serving web/
# and passing /api/ and /open311/ to $T_DIR/fcgi.sock. Sets T_PORT and T_BASE.
t_nginx() {
	local attempt
	T_NGINX_PREFIX=$T_DIR/nginx
	for attempt in 1 2 3 4 5; do
		T_PORT=$(ph_free_port "") || bail_out "no free port for nginx"
		ph_nginx_prepare "$top_srcdir" "$T_NGINX_PREFIX" "$T_PORT" "$top_srcdir/web" \
			"$T_DIR/fcgi.sock" "$T_DIR/media" 1 || return 1
		if ph_nginx_start "$T_NGINX_PREFIX" 2>>"$T_DIR/nginx-start.log"; then
			T_BASE=http://127.0.0.1:$T_PORT
			return 0
		fi
		diag "nginx did not start on port $T_PORT (attempt $attempt)"
	done
	return 1
}

# ---- requests -----------------------------------------------------------------------------------
# t_req METHOD PATH [BODY [CONTENT_TYPE]]: HTTP request through nginx ($T_BASE) with curl.
# Sets T_STATUS, T_BODY, T_HEADERS. A cookie jar per test keeps sessions between calls.
t_req() {
	local method=$1 path=$2 args=()
	[ $# -lt 3 ] || args=(--data-binary "$3" -H "Content-Type: ${4:-application/json}")
	T_STATUS=$(curl -sS -X "$method" -o "$T_DIR/resp.body" -D "$T_DIR/resp.headers" \
		-w '%{http_code}' --max-time 30 -b "$T_DIR/cookies" -c "$T_DIR/cookies" \
		"${args[@]}" "${T_CURL_EXTRA[@]}" "$T_BASE$path" 2>>"$T_DIR/curl.log")
	T_BODY=$(cat "$T_DIR/resp.body" 2>/dev/null)
	T_HEADERS=$(tr -d '\r' <"$T_DIR/resp.headers" 2>/dev/null)
}

t_get() { t_req GET "$1"; }
t_post() { t_req POST "$@"; }

# t_header NAME: the value of response header NAME (case-insensitive) from the last request.
t_header() {
	printf '%s\n' "$T_HEADERS" | awk -v h="$1" 'BEGIN { h = tolower(h) ":" }
		tolower(substr($0, 1, length(h))) == h { v = substr($0, length(h) + 1); sub(/^[ \t]+/, "", v); print v; exit }'
}

# t_fcgi_req METHOD PATH[?QUERY] [BODY [CONTENT_TYPE]]: straight to the worker's socket with
# cgi-fcgi (no nginx), with the params nginx would send. Sets T_STATUS, T_BODY, T_HEADERS.
# Extra params: T_FCGI_ENV=(HTTP_COOKIE=... HTTP_X_CSRF_TOKEN=...).
t_fcgi_req() {
	local method=$1 uri=$2 body=${3:-} ctype=${4:-application/json} path query="" raw
	path=${uri%%\?*}
	[ "$path" = "$uri" ] || query=${uri#*\?}
	printf '%s' "$body" >"$T_DIR/fcgi-req.body"
	raw=$(env -i PATH="$PATH" REQUEST_METHOD="$method" SCRIPT_NAME="$path" DOCUMENT_URI="$path" \
		REQUEST_URI="$uri" QUERY_STRING="$query" CONTENT_TYPE="$( [ -n "$body" ] && echo "$ctype")" \
		CONTENT_LENGTH="$(wc -c <"$T_DIR/fcgi-req.body")" REMOTE_ADDR=127.0.0.1 REMOTE_PORT=40000 SERVER_PROTOCOL=HTTP/1.1 \
		REQUEST_SCHEME=http GATEWAY_INTERFACE=CGI/1.1 SERVER_NAME=localhost SERVER_PORT=80 \
		REQUEST_ID="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" "${T_FCGI_ENV[@]}" \
		cgi-fcgi -bind -connect "$T_DIR/fcgi.sock" <"$T_DIR/fcgi-req.body" 2>>"$T_DIR/curl.log" |
		tr -d '\r'; echo x)
	raw=${raw%x}
	T_HEADERS=${raw%%$'\n\n'*}
	T_BODY=${raw#*$'\n\n'}
	[ "$T_BODY" != "$raw" ] || T_BODY=""
	T_STATUS=$(t_header Status | cut -d' ' -f1)
	T_STATUS=${T_STATUS:-200}
}
T_FCGI_ENV=()
