# bench/sms.sh: the SMS rows of `make bench`, sourced by bench/run.sh (uses its b_* helpers, $B,
# $BASE, $SMS_N). phananh-smsd runs as configured in production (poll_ms 500, batch 20); gammu's
# tables are the real ones, gammu-smsd itself is not needed (nothing leaves the machine).
#  1. alerts: SMS_N reports are distributed to SXD through the API; each distribution enqueues
#     SMS notifications in its transaction; latency = notification created (in the distribution
#     transaction) -> state 'sending' (the outbox row is committed in the same transaction).
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
	while read -r code; do
		curl -sS -o /dev/null -H 'Content-Type: application/json' -H "Cookie: $cookie" \
			-H "X-CSRF-Token: $csrf" --data-binary \
			'{"field":"GTVT","group":"GTVT-DUONG","lead_agency":"SXD"}' \
			"$BASE/api/v1/cases/$code/actions/distribute"
	done <"$B/sms_codes.txt"
}

b_sms_alerts_pending() {
	[ "$(b_sql "SELECT COUNT(*) FROM notifications WHERE channel = 'sms' AND state = 'queued'
		AND case_id IN ($(paste -sd, "$B/sms_codes.txt"))")" = 0 ]
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
	local codes=() n t0 t1 lat=() i stats
	b_smsd_start
	ph_log "SMS: $SMS_N reports distributed to SXD"
	b_sms_cases || { ph_warn "SMS: could not create cases"; return 0; }
	mapfile -t codes <"$B/sms_codes.txt"
	n=${#codes[@]}
	[ "$n" -gt 5 ] || { ph_warn "SMS: only $n cases were created"; return 0; }
	ph_wait_until 120 b_sms_alerts_pending || ph_warn "SMS: alerts still queued after 120 s"
	# alerts: per-notification latency and the rate over the burst
	stats=$(b_sql "SELECT COUNT(*), TIMESTAMPDIFF(MICROSECOND, MIN(created_at), MAX(updated_at)),
		GROUP_CONCAT(TIMESTAMPDIFF(MICROSECOND, created_at, updated_at) ORDER BY 1)
		FROM notifications WHERE channel = 'sms' AND state <> 'queued'
		AND case_id IN ($(paste -sd, "$B/sms_codes.txt"))")
	python3 - "$stats" >>"$B/rows.tsv" <<-'PY'
		import sys
		cnt, span, lst = (sys.argv[1].split("\t") + ["", "", ""])[:3]
		v = sorted(int(x) for x in lst.split(",") if x)
		pct = lambda q: v[min(len(v) - 1, int(len(v) * q))] if v else 0
		rate = int(cnt) / (int(span) / 1e6) if v and int(span) > 0 else 0
		print("sms_alert\tSMS alerts: distribution -> gammu outbox\t-\t%.1f\t%d\t%d\t0"
		      % (rate, pct(0.5), pct(0.99)))
	PY
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
	[ "$n" -le 5 ] || b_sms_insert "${codes[@]:5}"
	ph_wait_until 300 b_sms_inbox_idle || ph_warn "SMS: inbox not drained after 300 s"
	t1=$(b_now_ms)
	stats=$(b_sql "SELECT COUNT(*) FROM cases WHERE state = 'in_processing'
		AND id IN ($(paste -sd, "$B/sms_codes.txt"))")
	ph_log "SMS: $stats of $n cases accepted by SMS reply"
	printf 'sms_reply\tSMS replies: inbox -> accepted (%s/%s)\t-\t%s\t%s\t%s\t%s\n' "$stats" "$n" \
		"$(python3 -c "print('%.1f' % (($n - 5) / max(($t1 - $t0) / 1000, 0.001)))")" \
		"$(printf '%s\n' "${lat[@]}" | sort -n | sed -n 3p)000" \
		"$(printf '%s\n' "${lat[@]}" | sort -n | tail -n1)000" "$((n - stats))" >>"$B/rows.tsv"
}
