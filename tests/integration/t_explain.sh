#!/usr/bin/env bash
# t_explain.sh: the benchmarked read queries use indexes: no full scan of cases. Loads a small
# generated data set (bench/gen.py), turns on MariaDB's slow log with every statement's plan
# (long_query_time 0, log_slow_verbosity query_plan,explain), sends each endpoint of the
# benchmark through phananh-fcgi (one worker, so statements follow the requests in order) and
# checks the plans the server really used: no table scan (type ALL) of cases, and no full index
# scan reading more than a page's worth of it. bench/explain_check.py reads the log.
# shellcheck disable=SC1091
. "${top_srcdir:-.}/tests/integration/lib.sh"

t_init explain
t_require mariadbd mariadb-install-db mariadb mariadb-admin python3 cgi-fcgi "$PHANANH_FCGI" \
	"$PHANANH_ADMIN"
unset PHANANH_TEST_DB_SOCKET	# the slow log is server-wide: use a server of our own
t_db
t_migrate || bail_out "migrations failed"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 || bail_out "demo load failed"
python3 "$top_srcdir/bench/gen.py" --cnf "$T_DIR/my.cnf" --size 6000 --dir "$T_DIR/gen" \
	--procs 1 >>"$T_DIR/gen.log" 2>&1 || bail_out "bench/gen.py failed"
rm -f "$T_DIR"/gen/*.tsv
PUB=$(t_sql "SELECT id FROM cases WHERE published_at IS NOT NULL AND confidential = 0
	AND secret = 0 AND state = 'closed' ORDER BY id DESC LIMIT 1")
t_sql "SET GLOBAL slow_query_log_file = '$T_DIR/slow.log', long_query_time = 0,
	log_slow_verbosity = 'query_plan,explain', slow_query_log = 1" || bail_out "no slow log"
# after the SET GLOBAL: a session takes long_query_time when it connects
t_fcgi "workers = 1" "log_level = warn" || bail_out "phananh-fcgi did not start"

# mark NAME: a marker statement in the log; what follows belongs to NAME
mark() {
	t_sql "SELECT 'explain-mark:$1'" >/dev/null
}

# login USER: a staff session for the following requests (cookie in T_FCGI_ENV)
login() {
	t_fcgi_req POST /api/v1/auth/login "{\"username\":\"$1\",\"password\":\"demo-pass-1\"}"
	T_FCGI_ENV=(HTTP_COOKIE="$(t_header Set-Cookie | cut -d';' -f1)")
}

N=0
req() {	# req NAME METHOD PATH [BODY]: one endpoint; its status must be 2xx
	mark "$1"
	t_fcgi_req "$2" "$3" "${4:-}"
	N=$((N + 1))
	printf '%s\t%s\n' "$1" "$T_STATUS" >>"$T_DIR/status.tsv"
	printf '%s' "$T_BODY" >"$T_DIR/body.$N"
}

P=/api/v1/public/cases
req "public case page" GET "$P/$PUB"
req "public list page 1" GET "$P?page=1&page_size=20"
req "public list, field, page 1" GET "$P?field=GTVT&page=1&page_size=20"
req "public list, field, page 50" GET "$P?field=GTVT&page=50&page_size=20"
req "public list, agency" GET "$P?agency=SXD&page=2&page_size=20"
req "public list, unit and dates" GET "$P?unit=21550&from=1500000000&to=4000000000&page_size=20"
req "Open311 requests (90 days)" GET /open311/v2/requests.json
req "report submission" POST /api/v1/reports '{"description":"Đèn đường hỏng trước số 12 Lê Lợi","field":"XD","name":"Nguyễn Văn Thử","phone":"0905123456","email":"thu@example.invalid","address":"12 Lê Lợi","declaration":true}'
login sxd.canbo
for q in processing inbox approval overdue all; do
	req "agency queue $q" GET "/api/v1/queues/$q"
done
req "agency queue processing, field filter" GET "/api/v1/queues/processing?field=GTVT"
login tiepnhan
for q in intake returned all; do
	req "center queue $q" GET "/api/v1/queues/$q"
done
login giamsat
for p in /api/v1/stats/overview /api/v1/reports/monthly; do
	if grep -q "\"$p\"" "$top_srcdir/fcgi/routes.c"; then
		req "GET $p" GET "$p"
	fi
done
mark end
t_sql "SET GLOBAL slow_query_log = 0" >/dev/null

plan $((N * 2))
i=0
while IFS=$'\t' read -r name status; do
	i=$((i + 1))
	like "$status" '^2[0-9][0-9]$' "$name answers 2xx" || diag "$(head -c 300 "$T_DIR/body.$i")"
done <"$T_DIR/status.tsv"
python3 "$top_srcdir/bench/explain_check.py" "$T_DIR/slow.log" >"$T_DIR/check.tsv" ||
	bail_out "explain_check.py failed"
n=0
while IFS=$'\t' read -r verdict name detail; do
	[ "$verdict" = PASS ]
	ok $? "$name: no full scan of cases" || diag "$detail"
	n=$((n + 1))
done <"$T_DIR/check.tsv"
[ "$n" -eq "$N" ] || diag "explain_check.py reported $n endpoints of $N"
done_testing
