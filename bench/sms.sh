# bench/sms.sh: the SMS rows of `make bench`, sourced by bench/run.sh (uses its b_* helpers, $B,
# $BASE, $SMS_N). phananh-smsd runs as configured in production (poll_ms 500, batch 20); gammu's
# tables are the real ones, gammu-smsd itself is not needed (nothing leaves the machine).
#  1. alerts: SMS_N reports are distributed to SXD through the API; each distribution enqueues
#     SMS notifications in its transaction; latency = notification created (in the distribution
#     transaction) -> state 'sending' (the outbox row is committed in the same transaction):
#     median and max of 5 distributions made one at a time; the rate over the rest, at once.
#  2. replies: "OK <code>" rows land in gammu's inbox from the SXD officer's phone; 5 single
#     replies give the latency (poll every 10 ms), then a burst of the rest gives the rate the
#     daemon sustains (inbox row -> store_case_act accept -> confirmation SMS queued).
# shellcheck shell=bash

SMS_PHONE=+84912345678	# sxd.canbo in data/demo/demo.json

b_now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

b_smsd_start() {
	cat >"$B/smsd.conf" <<-CONF
		db_defaults_file = $B/mariadb/server.cnf
		db_group = client-phananh
		templates_dir = $top_srcdir/data/templates/sms
		quiet_hours =
		log_level = warn
	CONF
	"$SMSD" -c "$B/smsd.conf" >>"$B/smsd.log" 2>&1 </dev/null &
	SMSD_PID=$!
}

# b_sms_cases: SMS_N fresh reports distributed to SXD; their codes in $B/sms_codes.txt.
b_sms_cases() {
	local cookie csrf i code
	IFS=$'\t' read -r cookie csrf < <(b_login tiepnhan) || return 1
	: >"$B/sms_codes.txt"
	for ((i = 0; i < SMS_N; i++)); do
		code=$(curl -sS -H 'Content-Type: application/json' --data-binary \
			"{\"description\":\"Đèn giao thông ngã tư Lê Lợi hỏng (sms $i)\",\"field\":\"GTVT\",\"name\":\"Nguyễn Văn Sms\",\"phone\":\"0905000$((100 + i % 900))\",\"email\":\"sms$i@example.invalid\",\"address\":\"$i Lê Lợi\",\"declaration\":true}" \
			"$BASE/api/v1/reports" | sed -n 's/.*"code": *"\([0-9]*\)".*/\1/p')
		[ -n "$code" ] && echo "$code" >>"$B/sms_codes.txt"
	done
	SMS_COOKIE=$cookie SMS_CSRF=$csrf
}

b_sms_distribute() {	# b_sms_distribute CODE...
	local code
	for code in "$@"; do
		curl -sS -o /dev/null -H 'Content-Type: application/json' -H "Cookie: $SMS_COOKIE" \
			-H "X-CSRF-Token: $SMS_CSRF" --data-binary \
			'{"field":"GTVT","group":"GTVT-DUONG","lead_agency":"SXD"}' \
			"$BASE/api/v1/cases/$code/actions/distribute"
	done
}

b_sms_sent() {	# b_sms_sent CODE...: no SMS of these cases is still queued
	[ "$(b_sql "SELECT COUNT(*) FROM notifications WHERE channel = 'sms' AND state = 'queued'
		AND case_id IN ($(IFS=,; echo "$*"))")" = 0 ]
}

# b_sms_lat CODES...: latencies (µs, sorted) of the alerts of these cases: created -> sending
b_sms_lat() {
	b_sql "SELECT TIMESTAMPDIFF(MICROSECOND, created_at, updated_at) FROM notifications
		WHERE channel = 'sms' AND template = 'distributed' AND state <> 'queued'
		AND case_id IN ($(IFS=,; echo "$*")) ORDER BY 1"
}

b_sms_inbox_idle() {
	[ "$(b_sql "SELECT COUNT(*) FROM inbox WHERE Processed = 'false'")" = 0 ]
}

b_sms_insert() {	# b_sms_insert CODE...: one inbox row per code, one statement
	local v="" c
	for c in "$@"; do
		v="$v${v:+,}('', '$SMS_PHONE', '', 'OK $c', '', 'false')"
	done
	b_sql "INSERT INTO inbox (Text, SenderNumber, UDH, TextDecoded, RecipientID, Processed)
		VALUES $v"
}

b_sms() {
	local codes=() n t0 t1 lat=() i stats single=()
	# no modem here: what earlier runs left in gammu's outbox would never leave, and
	# phananh-smsd follows up to 200 'sending' rows per pass: start from a drained outbox
	b_sql "UPDATE notifications SET state = 'dead' WHERE state IN ('queued', 'sending');
		DELETE FROM outbox_multipart; DELETE FROM outbox; DELETE FROM inbox"
	b_smsd_start
	ph_log "SMS: $SMS_N reports, distributed to SXD"
	b_sms_cases || { ph_warn "SMS: could not create cases"; return 0; }
	mapfile -t codes <"$B/sms_codes.txt"
	n=${#codes[@]}
	[ "$n" -gt 10 ] || { ph_warn "SMS: only $n cases were created"; return 0; }
	ph_wait_until 60 b_sms_sent "${codes[@]}"	# the acknowledgements to the reporters
	# alerts: 5 distributions one at a time (latency), then the rest at once (rate)
	for ((i = 0; i < 5; i++)); do
		b_sms_distribute "${codes[$i]}"
		ph_wait_until 10 b_sms_sent "${codes[$i]}"
		sleep 0.$((RANDOM % 5 + 1))
	done
	mapfile -t single < <(b_sms_lat "${codes[@]:0:5}")
	t0=$(b_now_ms)
	b_sms_distribute "${codes[@]:5}"
	ph_wait_until 120 b_sms_sent "${codes[@]}" || ph_warn "SMS: alerts still queued after 120 s"
	stats=$(b_sql "SELECT COUNT(*), TIMESTAMPDIFF(MICROSECOND, MIN(created_at), MAX(updated_at))
		FROM notifications WHERE channel = 'sms' AND template = 'distributed'
		AND case_id IN ($(IFS=,; echo "${codes[*]:5}"))")
	printf 'sms_alert\tSMS alert: distribution -> gammu outbox\t-\t%s\t%s\t%s\t0\n' \
		"$(python3 -c "c, s = '$stats'.split(); print('%.1f' % (int(c) / max(int(s) / 1e6, 1e-3)))")" \
		"${single[$(( ${#single[@]} / 2 ))]:-0}" "${single[$(( ${#single[@]} - 1 ))]:-0}" \
		>>"$B/rows.tsv"
	# replies: 5 single ones for the latency, then the burst
	ph_log "SMS: replies"
	for ((i = 0; i < 5 && i < n; i++)); do
		t0=$(b_now_ms)
		b_sms_insert "${codes[$i]}"
		ph_wait_until 10 b_sms_inbox_idle
		t1=$(b_now_ms)
		lat+=("$((t1 - t0))")
		sleep 0.$((RANDOM % 5 + 1))
	done
	t0=$(b_now_ms)
	b_sms_insert "${codes[@]:5}"
	ph_wait_until 300 b_sms_inbox_idle || ph_warn "SMS: inbox not drained after 300 s"
	t1=$(b_now_ms)
	stats=$(b_sql "SELECT COUNT(*) FROM cases WHERE state = 'in_processing'
		AND id IN ($(paste -sd, "$B/sms_codes.txt"))")
	ph_log "SMS: $stats of $n cases accepted by SMS reply"
	printf 'sms_reply\tSMS reply: inbox -> accepted (%s/%s)\t-\t%s\t%s\t%s\t%s\n' "$stats" "$n" \
		"$(python3 -c "print('%.1f' % (($n - 5) / max(($t1 - $t0) / 1000, 0.001)))")" \
		"$(printf '%s\n' "${lat[@]}" | sort -n | sed -n 3p)000" \
		"$(printf '%s\n' "${lat[@]}" | sort -n | tail -n1)000" "$((n - stats))" >>"$B/rows.tsv"
}
