#!/usr/bin/env bash
# bench/run.sh: `make bench`. Starts a private stack like the integration tests do (MariaDB with a
# 2 GB buffer pool and durable commits, phananh-fcgi, nginx, phananh-smsd), loads a generated data
# set (bench/gen.py), drives load with wrk (bench/*.lua) and prints ONE table: endpoint,
# connections, requests/s, p50/p99 and the ratio to the ceilings measured in the same run (nginx
# `return 200`, a bare libfcgi responder, GET /api/v1/health, and the same statements run by
# bench/sqlbench without HTTP). Saves it as bench/results/latest.txt and a dated copy.
#
# Environment (all optional):
#   BENCH_SIZE=100000      cases to generate (1000000 for the 1M run)
#   BENCH_DURATION=8       seconds per wrk run          BENCH_CONNS=64   wrk connections
#   BENCH_WORKERS=16       phananh-fcgi workers         BENCH_ROUNDS=1   runs per row (median kept)
#   BENCH_DIR=$top_builddir/bench-run   work dir (database, logs, configs)
#   BENCH_REUSE=1          keep and reuse a database already loaded with BENCH_SIZE cases
#   BENCH_ONLY=a,b         only these rows (keys in the table), for experiments
#   BENCH_SMS_N=200        replies in the SMS burst     BENCH_KEEPCONN=1 experiment: fastcgi_keep_conn
# shellcheck disable=SC2317	# functions are called indirectly (trap, rows)
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "${top_srcdir:-$here/..}" && pwd)
top_builddir=$(cd "${top_builddir:-$top_srcdir/.build/bench}" && pwd)
# shellcheck source=scripts/lib.sh
. "$top_srcdir/scripts/lib.sh"

SIZE=${BENCH_SIZE:-100000}
DUR=${BENCH_DURATION:-8}
CONNS=${BENCH_CONNS:-64}
WORKERS=${BENCH_WORKERS:-16}
ROUNDS=${BENCH_ROUNDS:-1}
SMS_N=${BENCH_SMS_N:-200}
B=${BENCH_DIR:-$top_builddir/bench-run}
FCGI=${PHANANH_FCGI:-$top_builddir/fcgi/phananh-fcgi}
ADMIN=${PHANANH_ADMIN:-$top_builddir/admin/phananh-admin}
SMSD=${PHANANH_SMSD:-$top_builddir/sms/phananh-smsd}
SQLBENCH=$top_builddir/bench/sqlbench
HELLO=$top_builddir/bench/fcgi-hello
export BENCH_LUA_DIR=$here

for t in wrk mariadbd mariadb-install-db nginx curl python3 "$FCGI" "$ADMIN" "$SMSD" \
	"$SQLBENCH" "$HELLO"; do
	case "$t" in
	*/*) [ -x "$t" ] || ph_die "missing $t (run make first)" ;;
	*) command -v "$t" >/dev/null 2>&1 || ph_die "missing $t (Debian: apt-get install wrk nginx mariadb-server)" ;;
	esac
done

mkdir -p "$B" || ph_die "cannot create $B"
: >"$B/rows.tsv"
FCGI_PID="" HELLO_PID="" SMSD_PID=""

# ---- the stack ---------------------------------------------------------------------------------
b_cleanup() {
	trap - EXIT
	[ -z "$SMSD_PID" ] || ph_stop_pid "$SMSD_PID" 10
	ph_nginx_stop "$B/nginx"
	b_fcgi_stop
	[ -z "$HELLO_PID" ] || ph_stop_pid "$HELLO_PID" 5
	ph_db_stop "$B/mariadb/server.cnf"
}
trap b_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

b_db() {
	local cnf=$B/mariadb/server.cnf
	if [ "${BENCH_REUSE:-0}" != 1 ] || [ "$(cat "$B/mariadb/loaded" 2>/dev/null)" != "$SIZE" ]; then
		ph_db_stop "$cnf"
		rm -rf "$B/mariadb"
	fi
	mkdir -p "$B/mariadb"
	# durable commits (the default, said explicitly); redo log big enough for the bulk load
	ph_db_write_cnf "$cnf" "$B/mariadb" "" bench \
		"innodb_buffer_pool_size = 2G" "innodb_flush_log_at_trx_commit = 1" \
		"innodb_log_file_size = 1G" "max_connections = 1000" "local_infile = 1" ||
		ph_die "cannot write $cnf"
	ph_db_install "$cnf" || ph_die "mariadb-install-db failed"
	ph_db_start "$cnf" "$B/mariadb.log" || ph_die "mariadbd did not start"
	ph_sql_server "$cnf" "CREATE DATABASE IF NOT EXISTS bench CHARACTER SET utf8mb4
		COLLATE utf8mb4_unicode_ci" || ph_die "CREATE DATABASE failed"
	cat >"$B/admin.conf" <<-CONF
		db_defaults_file = $cnf
		db_group = client-phananh
		sql_dir = $top_srcdir/sql/migrations
		data_dir = $top_srcdir/data
	CONF
	"$ADMIN" -c "$B/admin.conf" migrate >>"$B/admin.log" 2>&1 || ph_die "migrate failed ($B/admin.log)"
	if [ "$(cat "$B/mariadb/loaded" 2>/dev/null)" = "$SIZE" ]; then
		ph_log "reusing the loaded database ($SIZE cases)"
		return 0
	fi
	"$ADMIN" -c "$B/admin.conf" load "$top_srcdir/data/demo/demo.json" >>"$B/admin.log" 2>&1 ||
		ph_die "demo load failed ($B/admin.log)"
	python3 "$here/gen.py" --cnf "$cnf" --size "$SIZE" --dir "$B/gen" | tee "$B/gen.log" ||
		ph_die "gen.py failed"
	rm -f "$B"/gen/*.tsv
	echo "$SIZE" >"$B/mariadb/loaded"
}

b_sql() {
	ph_sql "$B/mariadb/server.cnf" "$@"
}

# b_fcgi_start: phananh-fcgi with WORKERS workers; no recycling (max_requests = 0), so the
# memory rows see the same processes from 10k to 100k requests.
b_fcgi_start() {
	cat >"$B/fcgi.conf" <<-CONF
		listen = $B/fcgi.sock
		listen_mode = 0666
		workers = $WORKERS
		max_requests = 0
		db_defaults_file = $B/mariadb/server.cnf
		db_group = client-phananh
		log_level = ${BENCH_LOG_LEVEL:-info}
		media_dir = $B/media
	CONF
	mkdir -p "$B/media"
	rm -f "$B/fcgi.sock"
	"$FCGI" -c "$B/fcgi.conf" >>"$B/fcgi.log" 2>&1 </dev/null &
	FCGI_PID=$!
	ph_wait_until 10 test -S "$B/fcgi.sock" || ph_die "phananh-fcgi did not start ($B/fcgi.log)"
	sleep 0.5	# all workers connected
}

b_fcgi_stop() {
	[ -n "$FCGI_PID" ] || return 0
	ph_stop_pid "$FCGI_PID" 30
	wait "$FCGI_PID" 2>/dev/null
	FCGI_PID=""
}

b_nginx() {
	local p=$B/nginx extra="" user
	mkdir -p "$p/conf/snippets" "$p/logs" "$p/tmp"/{body,fastcgi,proxy,scgi,uwsgi}
	cp "$top_srcdir/nginx/fastcgi_phananh.conf" "$top_srcdir/nginx/server_phananh.conf" \
		"$p/conf/snippets/" || ph_die "cannot copy the nginx snippets"
	if [ "${BENCH_KEEPCONN:-0}" = 1 ]; then	# the experiment of docs/performance.md
		sed -i 's/^fastcgi_keep_conn\toff;/fastcgi_keep_conn\ton;/' "$p/conf/snippets/fastcgi_phananh.conf"
		extra="keepalive $WORKERS;"
	fi
	user="# nginx runs as $(id -un)"
	[ "$(id -u)" -ne 0 ] || user="user root root;"
	PORT=$(ph_free_port "") || ph_die "no free port"
	ph_render "$here/nginx.conf.in" "$p/conf/nginx.conf" "PREFIX=$p" "PORT=$PORT" \
		"WEB_ROOT=$top_srcdir/web" "FCGI_SOCK=$B/fcgi.sock" "HELLO_SOCK=$B/hello.sock" \
		"MEDIA_DIR=$B/media" "WORKERS=${BENCH_NGINX_WORKERS:-auto}" "USER_DIRECTIVE=$user" \
		"RATE=1000000r/s" "UPSTREAM_EXTRA=$extra" || ph_die "cannot render the nginx config"
	ph_nginx_stop "$p"
	ph_nginx_start "$p" || ph_die "nginx did not start ($p/logs/error.log)"
	BASE=http://127.0.0.1:$PORT
}

b_hello() {
	"$HELLO" "$B/hello.sock" "$WORKERS" >>"$B/hello.log" 2>&1 </dev/null &
	HELLO_PID=$!
	ph_wait_until 5 test -S "$B/hello.sock" || ph_die "fcgi-hello did not start"
}

# b_login USER: prints "COOKIE<TAB>CSRF" of a fresh staff session.
b_login() {
	local h body
	h=$(curl -sS -D - -o "$B/login.json" -H 'Content-Type: application/json' \
		--data-binary "{\"username\":\"$1\",\"password\":\"demo-pass-1\"}" \
		"$BASE/api/v1/auth/login") || return 1
	body=$(printf '%s\n' "$h" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -n1)
	printf '%s\t%s\n' "$body" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$B/login.json")"
}

# ---- measuring ---------------------------------------------------------------------------------
want() {
	[ -z "${BENCH_ONLY:-}" ] && return 0
	case ",$BENCH_ONLY," in *",$1,"*) return 0 ;; esac
	return 1
}

# b_wrk_once CONNS SECONDS SCRIPT PATH: prints the BENCHRESULT fields.
b_wrk_once() {
	wrk -t2 -c"$1" -d"$2"s --timeout 10s -s "$here/$3" "$BASE$4" 2>>"$B/wrk.err" |
		tee -a "$B/wrk.log" | sed -n 's/^BENCHRESULT //p'
}

field() {	# field NAME "k=v k=v ...": the value of NAME
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# b_row KEY LABEL CONNS SCRIPT PATH [ENV=VALUE...]: warm up 1 s, then ROUNDS runs; the median
# (by requests/s) goes to rows.tsv.
b_row() {
	local key=$1 label=$2 conns=$3 script=$4 path=$5 r i res=()
	shift 5
	want "$key" || return 0
	ph_log "measuring $label"
	([ $# -eq 0 ] || export "$@"; b_wrk_once "$conns" 1 "$script" "$path" >/dev/null)
	for ((i = 0; i < ROUNDS; i++)); do
		r=$([ $# -eq 0 ] || export "$@"; b_wrk_once "$conns" "$DUR" "$script" "$path")
		[ -n "$r" ] && res+=("$(field rps "$r") $r")
	done
	[ "${#res[@]}" -gt 0 ] || { ph_warn "$label: wrk gave no result"; return 0; }
	r=$(printf '%s\n' "${res[@]}" | sort -n | sed -n "$(((${#res[@]} + 1) / 2))p" | cut -d' ' -f2-)
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$label" "$conns" "$(field rps "$r")" \
		"$(field p50_us "$r")" "$(field p99_us "$r")" "$(field non2xx "$r")" >>"$B/rows.tsv"
}

# b_sqlrow KEY LABEL MODE PROCS [sqlbench args]: the database ceiling of one endpoint.
b_sqlrow() {
	local key=$1 label=$2 mode=$3 procs=$4 r
	shift 4
	want "$key" || return 0
	ph_log "measuring $label"
	r=$("$SQLBENCH" -c "$B/mariadb/server.cnf" -m "$mode" -n "$procs" -d "$DUR" "$@" 2>>"$B/sqlbench.err" |
		sed -n 's/^SQLRESULT //p')
	[ -n "$r" ] || { ph_warn "$label: sqlbench gave no result ($B/sqlbench.err)"; return 0; }
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$label" "$procs" "$(field rate "$r")" \
		"$(field p50_us "$r")" "$(field p99_us "$r")" "0" >>"$B/rows.tsv"
}

b_rss() {	# the workers' resident sizes in KB, space-separated
	ps -o rss= --ppid "$FCGI_PID" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'
}

# b_memory: fresh workers, a mix of endpoints until 10,000 and then 100,000 requests.
b_memory() {
	local total=0 r target
	want memory || return 0
	ph_log "memory: mixed requests up to 100,000"
	for target in 10000 100000; do
		while [ "$total" -lt "$target" ]; do
			r=$(BENCH_PATHS=$B/paths_mixed.txt b_wrk_once "$CONNS" 2 get.lua /)
			total=$((total + $(field requests "$r")))
		done
		printf 'rss\t%s\t%s\n' "$total" "$(b_rss)" >>"$B/memory.tsv"
	done
}

# ---- the run -----------------------------------------------------------------------------------
start=$(date +%s)
: >"$B/memory.tsv"
b_db
CNF=$B/mariadb/server.cnf
b_sql "SELECT id FROM cases WHERE published_at IS NOT NULL AND confidential = 0 AND secret = 0
	AND state IN ('published','clarifying','clarify_approval','clarify_approved','closed')
	ORDER BY RAND() LIMIT 20000" >"$B/public_ids.txt"
sed 's|^|/api/v1/public/cases/|' "$B/public_ids.txt" >"$B/paths_public.txt"
b_hello
b_fcgi_start
b_nginx
IFS=$'\t' read -r COOKIE CSRF < <(b_login sxd.canbo) || ph_die "login failed"
IFS=$'\t' read -r MCOOKIE _ < <(b_login giamsat) || ph_die "login failed"
{
	head -n 2000 "$B/paths_public.txt"
	for i in $(seq 1 200); do
		echo "/api/v1/public/cases?field=GTVT&page=$((i % 50 + 1))&page_size=20"
		echo "/api/v1/queues/processing"
		echo "/api/v1/health"
		# 800 KB each (1000 requests, the GeoReport default): a few
		[ $((i % 10)) -ne 0 ] || echo "/open311/v2/requests.json"
	done
} | shuf --random-source=<(yes) >"$B/paths_mixed.txt"
export BENCH_COOKIE=$COOKIE
b_memory
b_fcgi_stop
b_fcgi_start
# SMS first: the report rows below leave thousands of queued acknowledgement SMS behind
if want sms; then
	# shellcheck source=bench/sms.sh
	. "$here/sms.sh"
	b_sms
fi

P=/api/v1/public/cases
b_row static "nginx return 200 (ceiling)" "$CONNS" get.lua /bench/static
b_row hello "libfcgi hello (FastCGI hop)" "$CONNS" get.lua /bench/hello
b_row health "GET /api/v1/health (trivial route)" "$CONNS" get.lua /api/v1/health
b_row public "public case page by code" "$CONNS" get.lua / BENCH_PATHS="$B/paths_public.txt"
b_row list1 "public list, field, page 1" "$CONNS" get.lua "$P?field=GTVT&page=1&page_size=20"
b_row list50 "public list, field, page 50" "$CONNS" get.lua "$P?field=GTVT&page=50&page_size=20"
b_row open311 "Open311 requests.json (90 days)" "$CONNS" get.lua /open311/v2/requests.json
b_row queue "staff queue: processing, SXD" "$CONNS" get.lua /api/v1/queues/processing
b_row report "POST report (durable)" "$CONNS" post_report.lua /api/v1/reports
for r in "stats:/api/v1/stats/overview:dashboard statistics" "monthly:/api/v1/reports/monthly:monthly report"; do
	IFS=: read -r key path label <<<"$r"
	if grep -q "\"$path\"" "$top_srcdir/fcgi/routes.c"; then
		b_row "$key" "GET $path ($label)" 8 get.lua "$path" BENCH_COOKIE="$MCOOKIE"
	elif want "$key"; then
		printf '%s\tGET %s (%s)\t-\tn/a\t\t\t\n' "$key" "$path" "$label" >>"$B/rows.tsv"
	fi
done
b_sqlrow sql_public "sqlbench: public case page" public "$WORKERS" -f "$B/public_ids.txt"
b_sqlrow sql_list1 "sqlbench: public list page 1" list "$WORKERS" -p 1
b_sqlrow sql_list50 "sqlbench: public list page 50" list "$WORKERS" -p 50
b_sqlrow sql_queue "sqlbench: processing queue + counts" queue "$WORKERS" -o SXD
b_sqlrow sql_create "sqlbench: store_case_create" create "$WORKERS"
ps -o rss= --ppid "$FCGI_PID" | tr -s ' \n' ' ' >"$B/rss_end.txt"

mkdir -p "$top_srcdir/bench/results"
python3 "$here/table.py" --dir "$B" --size "$SIZE" --workers "$WORKERS" --conns "$CONNS" \
	--duration "$DUR" --rounds "$ROUNDS" --elapsed "$(($(date +%s) - start))" >"$B/table.txt" ||
	ph_die "table.py failed"
cat "$B/table.txt"
[ -z "${BENCH_ONLY:-}" ] || exit 0	# partial runs (experiments) are not saved
stamp=$(date -u +%Y%m%d-%H%M)
cp "$B/table.txt" "$top_srcdir/bench/results/latest.txt"
cp "$B/table.txt" "$top_srcdir/bench/results/$stamp-$SIZE.txt"
ph_log "saved bench/results/latest.txt and bench/results/$stamp-$SIZE.txt"
