#!/usr/bin/env bash
# t_metrics.sh: GET /metrics straight from phananh-fcgi (cgi-fcgi): the text parses with a strict
# Prometheus parser (promparse.py), request counters and histograms move by exactly the requests
# made (across worker recycling), worker exits are counted by reason, and the database gauges
# (intake queue, notifications, SMS totals, overdue clocks, gammu outbox age, jobd heartbeat)
# match what the test put in the database.
. "${top_srcdir:-.}/tests/integration/lib.sh"
PHANANH_JOBD=${PHANANH_JOBD:-$top_builddir/jobd/phananh-jobd}
t_init metrics
t_require mariadb cgi-fcgi python3 "$PHANANH_FCGI" "$PHANANH_ADMIN" "$PHANANH_JOBD"
plan 35
t_db
t_migrate || bail_out "migrations failed"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 || bail_out "demo data"
t_fcgi "workers = 2" "max_requests = 15" || bail_out "phananh-fcgi did not start"

PP=$top_srcdir/tests/integration/promparse.py
# scrape NAME: GET /metrics into $T_DIR/NAME.prom, parsed into NAME.tsv (empty when it does not
# parse; the error is in NAME.err)
scrape() {
	t_fcgi_req GET /metrics
	printf '%s' "$T_BODY" >"$T_DIR/$1.prom"
	python3 "$PP" --dump "$T_DIR/$1.prom" >"$T_DIR/$1.tsv" 2>"$T_DIR/$1.err" || : >"$T_DIR/$1.tsv"
}
# val NAME METRIC [label=value...]: sum of the matching samples of scrape NAME
val() {
	local f=$T_DIR/$1.tsv m=$2
	shift 2
	awk -F'\t' -v m="$m" -v want="$*" 'BEGIN { n = split(want, w, " ") }
		$1 == m { for (i = 1; i <= n; i++) { hit = 0
				for (j = 3; j <= NF; j++) if ($j == w[i]) hit = 1
				if (!hit) next }
			s += $2 }
		END { if (s == int(s)) printf "%d\n", s; else printf "%.6f\n", s }' "$f"
}
# delta A B METRIC [label=value...]
delta() {
	local a b
	a=$(val "$1" "${@:3}")
	b=$(val "$2" "${@:3}")
	echo $((b - a))
}

# ---- format ---------------------------------------------------------------------------------
scrape a
is "$T_STATUS" 200 "GET /metrics: 200"
like "$(t_header Content-Type)" '^text/plain; version=0\.0\.4' "Content-Type of the text format"
[ -s "$T_DIR/a.tsv" ]
ok $? "the first scrape parses (strict)" || diag "$(cat "$T_DIR/a.err")"
# the parser can fail: a histogram without its +Inf bucket, a bad escape, an interleaved family
printf '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n' >"$T_DIR/broken1.prom"
! python3 "$PP" "$T_DIR/broken1.prom" 2>/dev/null
ok $? "the parser rejects a histogram without +Inf"
printf 'a{x="\\q"} 1\n' >"$T_DIR/broken2.prom"
! python3 "$PP" "$T_DIR/broken2.prom" 2>/dev/null
ok $? "the parser rejects a bad label escape"
printf '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="y"} 2\n' >"$T_DIR/broken3.prom"
! python3 "$PP" "$T_DIR/broken3.prom" 2>/dev/null
ok $? "the parser rejects interleaved families"
is "$(val a phananh_schema_version of=database)" "$(val a phananh_schema_version of=code)" \
	"schema version: database = code"
is "$(val a phananh_database_up)" 1 "database up"

# ---- request counters: 40 requests, so both workers recycle (max_requests = 15) ---------------
for i in $(seq 30); do t_fcgi_req GET /api/v1/health; done
h200=$T_STATUS
for i in $(seq 5); do t_fcgi_req GET /api/v1/public/cases/99999999; done
p404=$T_STATUS
for i in $(seq 3); do t_fcgi_req GET /no/such/path; done
for i in $(seq 2); do t_fcgi_req HEAD /api/v1/health; done
is "$h200 $p404 $T_STATUS" "200 404 200" "the requests were answered (200, 404, HEAD 200)"
scrape b
[ -s "$T_DIR/b.tsv" ]
ok $? "the second scrape parses" || diag "$(cat "$T_DIR/b.err")"
H=(route=/api/v1/health method=GET)
is "$(delta a b phananh_http_requests_total "${H[@]}" status=2xx)" 30 "health GET 2xx: +30"
is "$(delta a b phananh_http_request_duration_seconds_count "${H[@]}")" 30 \
	"health GET histogram _count: +30"
is "$(delta a b phananh_http_request_duration_seconds_bucket "${H[@]}" le=+Inf)" 30 \
	"health GET +Inf bucket: +30"
is "$(delta a b phananh_http_requests_total route=/api/v1/health method=HEAD)" 2 \
	"HEAD counted under its own method: +2"
is "$(delta a b phananh_http_requests_total route=/api/v1/public/cases/:code status=4xx)" 5 \
	"public case 404 under the route pattern: +5"
is "$(delta a b phananh_http_requests_total route=unmatched status=4xx)" 3 "unmatched: +3"
is "$(delta a b phananh_http_requests_total route=/metrics)" 1 "the first scrape is counted"
is "$(delta a b phananh_http_requests_total)" 41 "41 requests in all"
rec=$(val b phananh_worker_exits_total reason=recycle)
[ "$rec" -ge 1 ]
ok $? "workers recycled after max_requests and counted ($rec)"
sum=$(val b phananh_http_request_duration_seconds_sum "${H[@]}")
awk -v s="$sum" 'BEGIN { exit !(s > 0 && s < 30) }'
ok $? "latency sum is positive and plausible ($sum s)"

# ---- a crash is counted by the master --------------------------------------------------------
wpid=$(ps -o pid= --ppid "$T_FCGI_PID" | head -1 | tr -d ' ')
kill -KILL "$wpid" 2>/dev/null
ph_wait_until 10 sh -c "! kill -0 $wpid 2>/dev/null" && sleep 0.5
scrape c
is "$(delta b c phananh_worker_exits_total reason=crash)" 1 "a killed worker: crash +1"
is "$(delta b c phananh_http_requests_total "${H[@]}")" 0 "counters survive the crash"

# ---- database gauges -------------------------------------------------------------------------
body='{"description":"Đèn đường hỏng cả dãy phố, tối om từ ba hôm nay.","field":"GTVT",
 "lat":13.7765,"lng":109.2235,"address":"12 Lê Lợi","name":"Trần Thị Bé","phone":"0905123456",
 "email":"be@example.com","declaration":true}'
t_fcgi_req POST /api/v1/reports "$body"
is "$T_STATUS" 201 "a report is accepted"
scrape d
is "$(delta c d phananh_intake_queue_cases)" 1 "intake queue: +1"
is "$(val d phananh_overdue_timers stage=intake)" 0 "no overdue intake now"
T_FCGI_ENV=(HTTP_X_TEST_NOW=$(($(date +%s) + 30 * 86400)))
scrape e
T_FCGI_ENV=()
is "$(val e phananh_overdue_timers stage=intake)" \
	"$(t_sql "SELECT COUNT(*) FROM case_timers WHERE kind = 'intake' AND status = 'running'
		AND window_only = 0")" "30 days later the running intake clocks are overdue"
for st in sent sent delivered failed dead queued; do
	t_sql "INSERT INTO notifications (channel, recipient_addr, template, state, next_attempt_at,
		created_at, updated_at) VALUES ('sms', '+84905000000', 't', '$st', UTC_TIMESTAMP(),
		UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"
done
t_sql "INSERT INTO outbox (InsertIntoDB, DestinationNumber, TextDecoded, CreatorID)
	VALUES (NOW() - INTERVAL 300 SECOND, '+84905000000', 'x', 'test'),
	(NOW(), '+84905000001', 'y', 'test')"
scrape f
[ -s "$T_DIR/f.tsv" ]
ok $? "the scrape with gauges parses" || diag "$(cat "$T_DIR/f.err")"
is "$(val f phananh_sms_sent_messages)" "$(t_sql "SELECT COUNT(*) FROM notifications
	WHERE channel = 'sms' AND state IN ('sent', 'delivered')")" "SMS sent = sent + delivered rows"
is "$(val f phananh_sms_failed_messages)" "$(t_sql "SELECT COUNT(*) FROM notifications
	WHERE channel = 'sms' AND state IN ('failed', 'dead')")" "SMS failed = failed + dead rows"
is "$(val f phananh_notifications channel=sms state=sent)" "$(t_sql "SELECT COUNT(*)
	FROM notifications WHERE channel = 'sms' AND state = 'sent'")" "notifications{sms,sent}"
is "$(val f phananh_gammu_outbox_messages)" 2 "gammu outbox: 2 messages"
age=$(val f phananh_gammu_outbox_oldest_age_seconds)
[ "$age" -ge 300 ] && [ "$age" -lt 360 ]
ok $? "gammu outbox oldest age is 300 s ($age)"

# ---- jobd's heartbeat and its log lines ------------------------------------------------------
cat >"$T_DIR/jobd.conf" <<-CONF
	db_defaults_file = $T_DIR/my.cnf
	db_group = client-phananh
	tick_ms = 100
	modules = sweep
CONF
t_bg "$T_DIR/jobd.log" "$PHANANH_JOBD" -c "$T_DIR/jobd.conf"
for i in $(seq 50); do
	[ -n "$(t_sql "SELECT 1 FROM heartbeats WHERE name = 'jobd'")" ] && break
	sleep 0.2
done
scrape g
hb=$(val g phananh_daemon_last_ok_timestamp_seconds daemon=jobd)
now=$(date +%s)
[ "$hb" -gt $((now - 15)) ] && [ "$hb" -le "$now" ]
ok $? "jobd's last successful loop is recent ($hb, now $now)"
unlike "$(grep -v '^ts=[0-9TZ:-]* lvl=[a-z]* prog=phananh-jobd pid=[0-9]* msg="' "$T_DIR/jobd.log")" \
	'.' "every jobd log line is ts= lvl= prog= pid= msg= (same shape as the workers')"
like "$(grep 'msg="access ' "$T_DIR/fcgi.log" | head -1)" \
	'^ts=[^ ]+ lvl=info prog=phananh-fcgi pid=[0-9]+ req=[0-9a-f]+ msg="access method=' \
	"worker access lines carry req="
done_testing
