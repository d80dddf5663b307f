#!/usr/bin/env bash
# t_sms_crash.sh: phananh-smsd killed mid-batch sends no alert twice and loses none; two daemons
# on one queue never send a row twice. Real MariaDB, real gammu-smsd on the dummy phone.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/t_sms_lib.sh"
t_init sms_crash
t_require "$PHANANH_ADMIN" "$PHANANH_SMSD" gammu-smsd mariadbd mariadb iconv od ipcrm
plan 13
s_setup
s_smsd_stop TERM

C=$(s_case SXD)

# s_citizens N: queue N acknowledgements to a citizen's phone (national form) for case $C.
s_citizens() {
	local i sql=""
	for i in $(seq "$1"); do
		sql="$sql ($C, 'sms', '0905123$(printf '%03d' "$i")', 'ack', 'queued', UTC_TIMESTAMP(),
			UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)),"
	done
	t_sql "INSERT INTO notifications (case_id, channel, recipient_addr, template, state,
		next_attempt_at, created_at, updated_at) VALUES ${sql%,}"
}

# s_messages_per_row: "rows min max" over the ack notifications: how many gammu messages (outbox or
# sentitems, one consistent read) carry each row's CreatorID.
s_messages_per_row() {
	t_sql "SELECT CONCAT(COUNT(*), ' ', MIN(k), ' ', MAX(k)) FROM (
		SELECT n.id, COUNT(g.ID) AS k FROM notifications n LEFT JOIN (
			SELECT ID, CreatorID FROM outbox UNION SELECT ID, CreatorID FROM sentitems) g
		ON g.CreatorID = CONCAT('phananh:n=', n.id)
		WHERE n.template = 'ack' GROUP BY n.id) x"
}

# ---- deterministic: die (SIGKILL) before committing the 5th message ------------------------------
s_citizens 12
s_smsd_start "crash_after_claim = 5" "batch = 10"
ph_wait_until 20 bash -c "! kill -0 $S_SMSD_PID 2>/dev/null"
ok $? "phananh-smsd died on its 5th claim"
s_smsd_stop TERM
is "$S_SMSD_EXIT" 137 "it was killed (SIGKILL)"
is "$(t_sql "SELECT GROUP_CONCAT(CONCAT(state, '=', k) ORDER BY state) FROM (SELECT state, COUNT(*) k
	FROM notifications WHERE template = 'ack' GROUP BY state) x")" "queued=8,sending=4" \
	"4 rows committed as sending, the 5th and the rest still queued"
is "$(s_messages_per_row | awk '{ print $3 }')" 1 "no row has two gammu messages"
is "$(t_sql "SELECT COUNT(*) FROM (SELECT ID, CreatorID FROM outbox UNION
	SELECT ID, CreatorID FROM sentitems) g WHERE CreatorID LIKE 'phananh:n=%'")" 4 \
	"exactly 4 messages reached gammu"

s_smsd_start || bail_out "restart failed"
t0=$(s_now)
s_wait 40 12 "SELECT COUNT(*) FROM notifications WHERE template = 'ack' AND state = 'sent'"
ok $? "after the restart all 12 are sent"
echo "# figure: 12 single-part SMS drained by gammu-smsd (LoopSleep 1) in $(s_since "$t0") s"
is "$(s_messages_per_row)" "12 1 1" "each of the 12 rows has exactly one message"
is "$(t_sql "SELECT COUNT(DISTINCT DestinationNumber) FROM sentitems WHERE DestinationNumber
	LIKE '+84905123%'")" 12 "to 12 normalised numbers (+84905123...)"

# ---- random: kill -9 while batches are in flight, three times ----------------------------------
s_smsd_stop TERM
t_conf_set "$T_DIR/smsd.conf" "batch = 40"
total=12
for round in 1 2 3; do
	s_citizens 100
	"$PHANANH_SMSD" -c "$T_DIR/smsd.conf" >>"$T_DIR/phananh-smsd.log" 2>&1 </dev/null &
	pid=$!
	# kill it while it works through the batch: once its first claim is visible
	s_wait 10 0 "SELECT COUNT(*) = 0 FROM notifications WHERE template = 'ack'
		AND state = 'sending' AND claimed_by LIKE '%:$pid'"
	sleep "0.0$((RANDOM % 5))"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	diag "round $round: $(t_sql "SELECT GROUP_CONCAT(CONCAT(state, '=', k)) FROM (SELECT state,
		COUNT(*) k FROM notifications WHERE template = 'ack' GROUP BY state) x")"
	total=$((total + 100))
done
max=$(s_messages_per_row | awk '{ print $3 }')
ok "$([ "$max" -le 1 ]; echo $?)" "no row has two messages after three kill -9"
s_smsd_start || bail_out "restart failed"
s_wait 30 0 "SELECT COUNT(*) FROM notifications WHERE template = 'ack' AND state = 'queued'"
ok $? "after the restart none is left queued"
is "$(s_messages_per_row)" "$total 1 1" "each of the $total rows has exactly one message"

# ---- two daemons on one queue ----------------------------------------------------------------
s_smsd_stop TERM
s_citizens 60
s_smsd_start "batch = 7"
first=$S_SMSD_PID
"$PHANANH_SMSD" -c "$T_DIR/smsd.conf" >>"$T_DIR/phananh-smsd-2.log" 2>&1 </dev/null &
second=$!
s_wait 30 0 "SELECT COUNT(*) FROM notifications WHERE template = 'ack' AND state = 'queued'"
ok $? "two daemons claim all 60 new rows"
is "$(s_messages_per_row)" "$((total + 60)) 1 1" "each row has exactly one message"
ph_stop_pid "$second" 15 TERM
wait "$second" 2>/dev/null
diag "rows claimed per daemon: $(t_sql "SELECT GROUP_CONCAT(k) FROM (SELECT COUNT(*) k
	FROM notifications WHERE template = 'ack' AND id > (SELECT MAX(id) - 60 FROM notifications)
	GROUP BY claimed_by) x") (pids $first, $second)"
done_testing
