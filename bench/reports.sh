#!/usr/bin/env bash
# bench/reports.sh: 1,000,000 cases over three years (with ~3.4 million
# stage clocks), then the time of the monthly report (figures, XLSX and PDF)
# and the latency of the dashboard statistics endpoint. Not part of
# `make check`. Targets (issue 7): report < 2 s, /stats/overview < 100 ms.
# Usage: bench/reports.sh [N_CASES]   (builds nothing: run make first)
# Environment: top_builddir (default .build/rel: configure without
# --enable-asan there), PHANANH_TEST_KEEP=1, BENCH_SLOW_S (slow log, s).
set -u
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
top_builddir=${top_builddir:-$top_srcdir/.build/rel}
export top_srcdir top_builddir
N=${1:-1000000}
. "$top_srcdir/tests/integration/lib.sh"
t_init bench_reports
t_require mariadbd mariadb nginx curl "$PHANANH_FCGI" "$PHANANH_ADMIN"

# a server of its own with a realistic buffer pool (t_db's is 64 MB)
mkdir -p "$T_DIR/bdb"
for attempt in 1 2 3 4 5; do	# the port may be taken meanwhile
	port=$(ph_free_port "")
	ph_db_write_cnf "$T_DIR/bdb/server.cnf" "$T_DIR/bdb" "$port" mysql \
		"innodb_buffer_pool_size = 2G" "innodb_flush_log_at_trx_commit = 2" \
		"innodb_log_file_size = 512M" "slow_query_log = 1" \
		"long_query_time = ${BENCH_SLOW_S:-0.2}" \
		"slow_query_log_file = $T_DIR/slow.log" \
		"log_slow_verbosity = query_plan,explain" >/dev/null ||
		bail_out "server.cnf"
	ph_db_install "$T_DIR/bdb/server.cnf" || bail_out "mariadb-install-db failed"
	ph_db_start "$T_DIR/bdb/server.cnf" "$T_DIR/bdb.log" 2>/dev/null && break
	[ "$attempt" -lt 5 ] || bail_out "mariadbd did not start"
done
trap 'T_DB_NAME=""; ph_db_stop "$T_DIR/bdb/server.cnf"; t_cleanup' EXIT
PHANANH_TEST_DB_SOCKET=$T_DIR/bdb/mysqld.sock
export PHANANH_TEST_DB_SOCKET
t_db
t_migrate || bail_out "migrations failed"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "demo data"

secs() { date +%s.%N; }
t0=$(secs)
t_sql "
SET @c = (SELECT id FROM organisations WHERE code = 'TTCDS');
SET @now = UTC_TIMESTAMP();
SET @gap = FLOOR(3 * 365 * 86400 / $N);
CREATE TEMPORARY TABLE o (k INT PRIMARY KEY, id INT);
INSERT INTO o SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM organisations
  WHERE is_center = 0;
CREATE TEMPORARY TABLE f (k INT PRIMARY KEY, id INT, g INT);
INSERT INTO f SELECT ROW_NUMBER() OVER (ORDER BY f.id) - 1, f.id,
  (SELECT MIN(id) FROM report_groups WHERE field_id = f.id) FROM fields f;
SET @no = (SELECT COUNT(*) FROM o), @nf = (SELECT COUNT(*) FROM f);
INSERT INTO cases (id, track_hash, state, channel, received_at, description,
  field_id, group_id, admin_unit_id, lead_org_id, confidential, lat, lng,
  created_at, updated_at)
SELECT s.seq, LPAD(HEX(s.seq), 64, '0'),
  IF(s.seq * @gap > 14 * 86400,
    ELT(1 + s.seq % 10, 'closed', 'closed', 'closed', 'published',
      'published', 'delivered_privately', 'not_accepted', 'closed',
      'published', 'closed'),
    ELT(1 + s.seq % 10, 'received', 'distributed', 'in_processing',
      'in_processing', 'awaiting_approval', 'published', 'closed',
      'escalated', 'not_accepted', 'clarifying')),
  ELT(1 + s.seq % 5, 'portal', 'app', 'hotline', 'email', 'eportal'),
  @now - INTERVAL (s.seq * @gap) SECOND, 'Phản ánh thử hiệu năng',
  f.id, f.g, NULL, o.id, s.seq % 20 = 0,
  13.7 + (s.seq % 1000) / 10000, 109.2 + (s.seq % 777) / 10000,
  NOW(3), NOW(3)
FROM seq_1_to_${N} s JOIN o ON o.k = s.seq % @no JOIN f ON f.k = s.seq % @nf;
UPDATE cases SET distributed_at = received_at + INTERVAL 1 HOUR
  WHERE state NOT IN ('received', 'not_accepted');
UPDATE cases SET published_at = received_at + INTERVAL 3 DAY,
  rating = ELT(1 + id % 4, NULL, 'very_satisfied', 'satisfied',
  'not_satisfied')
  WHERE state IN ('published', 'closed', 'delivered_privately', 'clarifying');
UPDATE cases SET lead_org_id = NULL, field_id = NULL, group_id = NULL
  WHERE state IN ('received', 'not_accepted');
INSERT INTO case_timers (case_id, kind, org_id, started_at, budget_min,
  used_min, resumed_at, due_at, stopped_at, status, window_only)
SELECT id, 'intake', @c, received_at, 60,
  IF(state = 'received', 0, 20 + id % 70), received_at,
  received_at + INTERVAL 1 HOUR, IF(state = 'received', NULL,
  received_at + INTERVAL 40 MINUTE), IF(state = 'received', 'running',
  IF(id % 13 = 0, 'late', 'on_time')), 0 FROM cases;
INSERT INTO case_timers (case_id, kind, org_id, started_at, budget_min,
  used_min, resumed_at, due_at, stopped_at, status, window_only)
SELECT id, 'process', lead_org_id, distributed_at, 2880,
  IF(published_at IS NULL, 0, 300 + id % 2800), distributed_at,
  distributed_at + INTERVAL (5 + id % 7) DAY,
  IF(published_at IS NULL, NULL, published_at - INTERVAL 2 HOUR),
  CASE WHEN published_at IS NOT NULL THEN IF(id % 7 = 0, 'late', 'on_time')
    WHEN state = 'escalated' THEN 'cancelled'
    WHEN state = 'awaiting_approval' THEN 'paused' ELSE 'running' END, 0
  FROM cases WHERE distributed_at IS NOT NULL;
INSERT INTO case_timers (case_id, kind, org_id, started_at, budget_min,
  used_min, resumed_at, due_at, stopped_at, status, window_only)
SELECT id, 'approve', lead_org_id, published_at - INTERVAL 2 HOUR, 480,
  30 + id % 400, published_at - INTERVAL 2 HOUR, published_at + INTERVAL 1 DAY,
  published_at - INTERVAL 1 HOUR, IF(id % 11 = 0, 'late', 'on_time'), 0
  FROM cases WHERE published_at IS NOT NULL;
INSERT INTO case_timers (case_id, kind, org_id, started_at, budget_min,
  used_min, resumed_at, due_at, stopped_at, status, window_only)
SELECT id, 'publish', @c, published_at - INTERVAL 1 HOUR, 60, 5 + id % 50,
  published_at - INTERVAL 1 HOUR, published_at, published_at, 'on_time', 0
  FROM cases WHERE published_at IS NOT NULL;
INSERT INTO case_events (case_id, at, kind, actor_kind, actor_org_id, org_id)
SELECT id, received_at + INTERVAL 2 DAY, 'escalated', 'staff', @c, lead_org_id
  FROM cases WHERE state = 'escalated';
ANALYZE TABLE cases, case_timers, case_events;
" >/dev/null || bail_out "data generation failed"
t1=$(secs)
printf 'generated %s cases, %s clocks in %.1f s\n' \
	"$(t_sql 'SELECT COUNT(*) FROM cases')" \
	"$(t_sql 'SELECT COUNT(*) FROM case_timers')" "$(echo "$t1 - $t0" | bc)"
t_admin stats-rebuild || bail_out "stats-rebuild failed"

# the last complete monthly window (15th to 14th)
if [ "$(date -u +%d)" -ge 15 ]; then period=$(date -u +%Y-%m)
else period=$(date -u -d "$(date -u +%Y-%m-01) -1 day" +%Y-%m); fi
mkdir -p "$T_DIR/out"
echo "== monthly report $period (phananh-admin report, cold then warm)"
t_admin report monthly "$period" "$T_DIR/out" | grep -E 'figures|total'
t_admin report monthly "$period" "$T_DIR/out" | grep -E 'figures|total'

t_fcgi "workers = 2" "log_level = info" || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"
jar=$T_DIR/cookies
csrf=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
	-d '{"username":"giamsat","password":"demo-pass-1"}' \
	"$T_BASE/api/v1/auth/login" | sed -n 's/.*"csrf":"\([^"]*\)".*/\1/p')
[ -n "$csrf" ] || bail_out "login failed"
lat() {	# URL N: prints sorted latencies in ms
	local i
	for i in $(seq "$2"); do
		curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' "$T_BASE$1"
	done | awk '{ printf "%.1f\n", $1 * 1000 }' | sort -n
}
report() {	# NAME URL N
	local v
	v=$(lat "$2" "$3")
	printf '%-34s median %6s ms   p90 %6s ms   max %6s ms\n' "$1" \
		"$(echo "$v" | sed -n "$(( ($3 + 1) / 2 ))p")" \
		"$(echo "$v" | sed -n "$(( $3 * 9 / 10 ))p")" "$(echo "$v" | tail -1)"
}
cold() {	# NAME QUERY: 20 different windows, so no cached answer helps
	local i now v
	now=$(date +%s)
	v=$(for i in $(seq 20); do
		curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' \
		    "$T_BASE/api/v1/stats/overview?from=$((now - (29 + i) * 86400))$2"
	done | awk '{ printf "%.1f\n", $1 * 1000 }' | sort -n)
	printf '%-34s median %6s ms   p90 %6s ms   max %6s ms\n' "$1" \
		"$(echo "$v" | sed -n 10p)" "$(echo "$v" | sed -n 18p)" \
		"$(echo "$v" | tail -1)"
}
echo "== HTTP through nginx (20 requests each, after one warm-up)"
lat /api/v1/stats/overview 1 >/dev/null
cold "GET /stats/overview (uncached)" ""
cold "GET /stats/overview (agency, unc.)" "&agency=SXD"
report "GET /stats/overview (cached)" /api/v1/stats/overview 20
report "GET /stats/overview (agency, cached)" "/api/v1/stats/overview?agency=SXD" 20
report "GET /reports/monthly (JSON)" "/api/v1/reports/monthly?period=$period" 10
report "GET /reports/monthly (PDF)" \
	"/api/v1/reports/monthly?period=$period&format=pdf" 5
report "GET /reports/monthly (XLSX)" \
	"/api/v1/reports/monthly?period=$period&format=xlsx" 5
