# tests/integration/t_sms_lib.sh: the SMS lab for the t_sms*.sh tests (bash, sourced after lib.sh):
# MariaDB with a TCP port, demo data, a gammu user with a password, gammu-smsd on the dummy phone and
# phananh-smsd, following notes/gammu.md §1 and §3. Everything is stopped by the test's EXIT trap.
# shellcheck shell=bash disable=SC2034

PHANANH_SMSD=${PHANANH_SMSD:-$top_builddir/sms/phananh-smsd}
S_IN_SEQ=0		# names of the dummy inbox files
S_GAMMU_PID=""
S_SMSD_PID=""

# s_setup: database, migrations, demo data, gammu-smsd, phananh-smsd. Bails out on failure.
s_setup() {
	# gammu-smsd needs TCP (notes §1); a shared server without a port cannot serve it
	if [ -n "${PHANANH_TEST_DB_SOCKET:-}" ] && [ -z "${PHANANH_TEST_DB_PORT:-}" ]; then
		unset PHANANH_TEST_DB_SOCKET
	fi
	t_db
	[ -n "$T_DB_PORT" ] || bail_out "the database has no TCP port for gammu-smsd"
	t_migrate || bail_out "migrations failed"
	t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
		bail_out "demo data did not load"
	trap 's_teardown; t_cleanup' EXIT
	s_gammu_start || bail_out "gammu-smsd did not start"
	s_smsd_start || bail_out "phananh-smsd did not start"
}

# s_gammu_start: the gammu user (a password: smsd connects over TCP), smsdrc from etc/smsdrc.in.
s_gammu_start() {
	local pw user t grants=""
	pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	user="gsm$$"
	S_GAMMU_USER=$user
	for t in gammu outbox outbox_multipart sentitems inbox phones; do
		grants="$grants GRANT SELECT, INSERT, UPDATE, DELETE ON \`$T_DB_NAME\`.$t TO '$user'@'127.0.0.1';"
	done
	t_sql "CREATE USER '$user'@'127.0.0.1' IDENTIFIED BY '$pw'; $grants" || return 1
	S_DUMMY=$T_DIR/dummy
	mkdir -p "$S_DUMMY"
	ph_render "$top_srcdir/etc/smsdrc.in" "$T_DIR/smsdrc" "DUMMY_DIR=$S_DUMMY" "DB_USER=$user" \
		"DB_PASSWORD=$pw" "DB_NAME=$T_DB_NAME" "PHONE_ID=lab1" "LOG_FILE=$T_DIR/gammu-smsd.log" \
		"GAMMU_DEBUG=" || return 1
	# no ":port" in host: the port comes from MYSQL_TCP_PORT (pitfall 4)
	MYSQL_TCP_PORT=$T_DB_PORT gammu-smsd -c "$T_DIR/smsdrc" -p "$T_DIR/gammu-smsd.pid" \
		>>"$T_DIR/gammu-smsd.out" 2>&1 </dev/null &
	S_GAMMU_PID=$!
	ph_wait_until 15 test -d "$S_DUMMY/sms/1" || return 1
	ph_wait_until 15 s_sql_is 1 "SELECT COUNT(*) > 0 FROM phones WHERE ID = 'lab1'"
}

# s_smsd_start ["key = value"...]: (re)write smsd.conf and start phananh-smsd.
s_smsd_start() {
	cat >"$T_DIR/smsd.conf" <<-CONF
		db_defaults_file = $T_DIR/my.cnf
		db_group = client-phananh
		phone_id = lab1
		poll_ms = 200
		batch = 20
		quiet_hours =
		templates_dir = $top_srcdir/data/templates/sms
		log_level = debug
	CONF
	t_conf_set "$T_DIR/smsd.conf" "$@"
	"$PHANANH_SMSD" -c "$T_DIR/smsd.conf" >>"$T_DIR/phananh-smsd.log" 2>&1 </dev/null &
	S_SMSD_PID=$!
	sleep 0.3
	kill -0 "$S_SMSD_PID" 2>/dev/null
}

# s_smsd_stop [SIG]: stop phananh-smsd (TERM by default) and wait for it.
s_smsd_stop() {
	[ -n "$S_SMSD_PID" ] || return 0
	ph_stop_pid "$S_SMSD_PID" 15 "${1:-TERM}"
	wait "$S_SMSD_PID" 2>/dev/null
	S_SMSD_EXIT=$?
	S_SMSD_PID=""
}

# s_teardown: phananh-smsd, then gammu-smsd (TERM, 15 s, KILL; pitfall 5) and its shared memory.
s_teardown() {
	local token
	s_smsd_stop TERM
	if [ -n "$S_GAMMU_PID" ] && kill -0 "$S_GAMMU_PID" 2>/dev/null; then
		if ! ph_stop_pid "$S_GAMMU_PID" 15 TERM; then
			token=$(sed -n 's/.*SHM token: \(0x[0-9a-fA-F]*\).*/\1/p' \
				"$T_DIR/gammu-smsd.log" 2>/dev/null | tail -n 1)
			[ -z "$token" ] || ipcrm -M "$token" 2>/dev/null
		fi
	fi
	[ -z "${S_GAMMU_USER:-}" ] || t_sql "DROP USER IF EXISTS '$S_GAMMU_USER'@'127.0.0.1'" 2>/dev/null
}

# s_sql_is WANT SQL: true when the single value SQL returns equals WANT.
s_sql_is() {
	[ "$(t_sql "$2" 2>/dev/null)" = "$1" ]
}

# s_wait SECONDS WANT SQL: wait until SQL returns WANT; false on timeout.
s_wait() {
	ph_wait_until "$1" s_sql_is "$2" "$3"
}

s_now() { date +%s.%N; }
s_since() { awk -v a="$1" -v b="$(s_now)" 'BEGIN { printf "%.2f", b - a }'; }

# s_user_id USERNAME, s_org_id CODE
s_user_id() { t_sql "SELECT id FROM users WHERE username = '$1'"; }
s_org_id() { t_sql "SELECT id FROM organisations WHERE code = '$1'"; }

# s_case ORG_CODE [ADDRESS] [DUE_MINUTES]: a case distributed to ORG (field XD, the given address),
# with a running T_ACCEPT due in DUE_MINUTES (default 30; negative = overdue: started 10 days ago, so
# more than 30 working minutes have passed whichever way lateness is computed). Prints its id.
# A fixture: distribution itself is the API's business; acceptance goes through store_case_act.
s_case() {
	local org=$1 addr=${2:-Phường Quy Nhơn} due=${3:-30}
	t_sql "INSERT INTO cases (track_hash, state, channel, received_at, description, field_id,
			address, lead_org_id, distributed_at, created_at, updated_at)
		SELECT SHA2(UUID(), 256), 'distributed', 'portal', UTC_TIMESTAMP(), 'Đèn đường hỏng',
			(SELECT id FROM fields WHERE code = 'XD'), '$addr', o.id, UTC_TIMESTAMP(),
			UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) FROM organisations o WHERE o.code = '$org';
		SET @c := LAST_INSERT_ID();
		SET @start := IF($due < 0, UTC_TIMESTAMP() - INTERVAL 10 DAY, UTC_TIMESTAMP());
		INSERT INTO case_timers (case_id, kind, org_id, started_at, budget_min, resumed_at, due_at)
		SELECT @c, 'accept', lead_org_id, @start, 30, @start,
			UTC_TIMESTAMP() + INTERVAL $due MINUTE FROM cases WHERE id = @c;
		SELECT @c;"
}

# s_alert CASE USERNAME [TEMPLATE]: queue the SMS alert of a distribution to USERNAME. Prints its id.
s_alert() {
	t_sql "INSERT INTO notifications (case_id, channel, recipient_user_id, template, lang,
			state, next_attempt_at, created_at, updated_at)
		VALUES ($1, 'sms', (SELECT id FROM users WHERE username = '$2'), '${3:-distributed}', 'vi',
			'queued', UTC_TIMESTAMP(), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));
		SELECT LAST_INSERT_ID();"
}

# s_expected_alert CASE: the alert text phananh-smsd must render for CASE (template distributed).
s_expected_alert() {
	t_sql "SELECT CONCAT('PA ', c.id, ' (', f.name_vi, ') tại ', c.address, '. Hạn tiếp nhận ',
			DATE_FORMAT(t.due_at + INTERVAL 7 HOUR, '%H:%i %d/%m'), '. Trả lời OK ', c.id,
			' để tiếp nhận, TRA ', c.id, ' <lý do> để trả lại.')
		FROM cases c JOIN fields f ON f.id = c.field_id
		JOIN case_timers t ON t.case_id = c.id AND t.kind = 'accept' WHERE c.id = $1"
}

# s_sent_text NOTIFICATION: the parts of its gammu message in sentitems, concatenated in order.
s_sent_text() {
	t_sql "SELECT GROUP_CONCAT(s.TextDecoded ORDER BY s.SequencePosition SEPARATOR '')
		FROM sentitems s JOIN notifications n ON s.ID = n.external_id WHERE n.id = $1"
}

# s_sms_in NUMBER TEXT: drop an incoming SMS into the dummy phone's inbox (smsbackup format,
# UCS-2 big-endian hex, written to a temp name and moved into place; notes §3).
s_sms_in() {
	local hex i=0 n
	S_IN_SEQ=$((S_IN_SEQ + 1))
	hex=$(printf '%s' "$2" | iconv -f UTF-8 -t UTF-16BE | od -An -v -tx1 | tr -d ' \n' |
		tr 'a-f' 'A-F')
	{
		echo "[SMSBackup000]"
		echo "SMSC = \"+84980200030\""
		echo "State = UnRead"
		echo "Number = \"$1\""
		echo "Coding = Unicode"
		echo "Folder = 1"
		echo "Sent = $(date -u +%Y%m%dT%H%M%S)"
		while [ $((i * 200)) -lt ${#hex} ]; do
			printf 'Text%02d = %s\n' "$i" "${hex:$((i * 200)):200}"
			i=$((i + 1))
		done
	} >"$T_DIR/sms-in.tmp"
	n=$((S_IN_SEQ + 100))
	mv "$T_DIR/sms-in.tmp" "$S_DUMMY/sms/1/$n"
}

# s_inbox_done: wait until gammu has read every dropped file and phananh-smsd processed every row.
s_inbox_done() {
	ph_wait_until "${1:-15}" s_inbox_idle
}
s_inbox_idle() {
	[ -z "$(ls -A "$S_DUMMY/sms/1" 2>/dev/null)" ] &&
		s_sql_is 0 "SELECT COUNT(*) FROM inbox WHERE Processed = 'false'"
}
