#!/usr/bin/env bash
# t_doctor.sh: "phananh-admin doctor" on a healthy installation (real phananh-smsd and phananh-jobd
# writing heartbeats, a gammu-smsd phones row) exits 0; then each fault on its own is named in the
# output with exit 1: smsd stopped, gammu-smsd silent, old schema, media directory missing, a
# secrets file readable by others, a bad key in jobd.conf, the database unreachable.
. "${top_srcdir:-.}/tests/integration/lib.sh"
PHANANH_JOBD=${PHANANH_JOBD:-$top_builddir/jobd/phananh-jobd}
PHANANH_SMSD=${PHANANH_SMSD:-$top_builddir/sms/phananh-smsd}
t_init doctor
t_require mariadb "$PHANANH_ADMIN" "$PHANANH_JOBD" "$PHANANH_SMSD"
plan 30
t_db
t_migrate || bail_out "migrations failed"
chmod 0640 "$T_DIR/my.cnf"
mkdir -p "$T_DIR/media"
cat >"$T_DIR/fcgi.conf" <<-CONF
	db_defaults_file = $T_DIR/my.cnf
	media_dir = $T_DIR/media
CONF
cat >"$T_DIR/smsd.conf" <<-CONF
	db_defaults_file = $T_DIR/my.cnf
	phone_id = lab1
	poll_ms = 200
	templates_dir = $top_srcdir/data/templates/sms
CONF
cat >"$T_DIR/jobd.conf" <<-CONF
	db_defaults_file = $T_DIR/my.cnf
	tick_ms = 200
	modules = sweep
CONF
# doctor [ARGS...]: run it on the three configs; output in $OUT, exit status in $RC
doctor() {
	OUT=$(t_admin doctor -f "$T_DIR/fcgi.conf" -s "$T_DIR/smsd.conf" -j "$T_DIR/jobd.conf" "$@" 2>&1)
	RC=$?
	printf '%s\n' "$OUT" >>"$T_DIR/doctor.log"
}
phone_fresh() {
	t_sql "DELETE FROM phones; INSERT INTO phones (ID, UpdatedInDB, InsertIntoDB, TimeOut, IMEI, IMSI,
		Client) VALUES ('lab1', NOW(), NOW(), NOW() + INTERVAL 60 SECOND, '3567', '4520', 'Gammu 1.42')"
}
smsd_start() {
	t_bg "$T_DIR/smsd.log" "$PHANANH_SMSD" -c "$T_DIR/smsd.conf"
	SMSD_PID=$T_BG_PID
}
wait_beat() {	# NAME: until the daemon's row is younger than 3 s
	local i
	for i in $(seq 100); do
		[ "$(t_sql "SELECT COUNT(*) FROM heartbeats WHERE name = '$1'
			AND last_ok > UTC_TIMESTAMP() - INTERVAL 3 SECOND")" -gt 0 ] && return 0
		sleep 0.2
	done
	return 1
}
t_bg "$T_DIR/jobd.log" "$PHANANH_JOBD" -c "$T_DIR/jobd.conf"
smsd_start
phone_fresh
wait_beat smsd; ok $? "phananh-smsd writes its heartbeat"
wait_beat jobd; ok $? "phananh-jobd writes its heartbeat"

# ---- healthy ----------------------------------------------------------------------------------
doctor
is "$RC" 0 "healthy: exit 0" || diag "$OUT"
unlike "$OUT" '\[FAIL\]' "healthy: no [FAIL] line"
like "$OUT" '\[ OK \] phananh-smsd đang chạy .* phananh-smsd is running' "smsd running (vi / en)"
like "$OUT" '\[ OK \] phananh-jobd đang chạy' "jobd running"
like "$OUT" "\[ OK \] gammu-smsd 'lab1'" "gammu-smsd alive (phones)"
like "$OUT" '\[ OK \] lược đồ CSDL [0-9]+ khớp' "schema matches"
like "$OUT" "\[ OK \] media $T_DIR/media" "media directory checked"
like "$OUT" '\[ OK \] phananh-jobd: .*jobd.conf hợp lệ / is valid' "jobd.conf parsed with jobd's keys"
like "$OUT" '[0-9]+ lỗi, [0-9]+ cảnh báo / 0 problem' "summary line"

# ---- phananh-smsd stopped: its heartbeat gets older than -a 10 s, jobd's does not --------------
ph_stop_pid "$SMSD_PID" 15
sleep 11
phone_fresh
doctor -a 10
is "$RC" 1 "smsd stopped: exit 1"
like "$OUT" '\[FAIL\] phananh-smsd đã dừng.* / phananh-smsd is stopped or stuck: its last successful loop was 1[0-9] s ago' \
	"smsd stopped: named, with its age"
like "$OUT" '\[ OK \] phananh-jobd đang chạy' "jobd still running"
is "$(grep -c '\[FAIL\]' <<<"$OUT")" 1 "only that one problem"
smsd_start
wait_beat smsd
doctor
is "$RC" 0 "smsd restarted: exit 0 again" || diag "$OUT"

# ---- gammu-smsd silent ------------------------------------------------------------------------
t_sql "UPDATE phones SET UpdatedInDB = NOW() - INTERVAL 1 HOUR"
doctor
is "$RC" 1 "gammu-smsd silent: exit 1"
like "$OUT" "\[FAIL\] gammu-smsd 'lab1' không cập nhật từ 36[0-9][0-9] giây / gammu-smsd 'lab1' silent for" \
	"gammu-smsd silent: named"
phone_fresh

# ---- old schema -------------------------------------------------------------------------------
top=$(t_sql "SELECT MAX(version) FROM schema_migrations")
t_sql "CREATE TABLE saved_m AS SELECT * FROM schema_migrations WHERE version = $top;
	DELETE FROM schema_migrations WHERE version = $top"
doctor
is "$RC" 1 "old schema: exit 1"
like "$OUT" "\[FAIL\] lược đồ CSDL cũ.*old database schema $((top - 1)), the programs need $top: run phananh-admin migrate" \
	"old schema: named, with the fix"
t_sql "INSERT INTO schema_migrations SELECT * FROM saved_m; DROP TABLE saved_m"

# ---- media directory missing ------------------------------------------------------------------
rmdir "$T_DIR/media"
doctor
is "$RC" 1 "media directory missing: exit 1"
like "$OUT" "\[FAIL\] thư mục media $T_DIR/media không có / media directory missing" \
	"media directory missing: named"
mkdir "$T_DIR/media"

# ---- a secrets file readable by others --------------------------------------------------------
chmod 0644 "$T_DIR/my.cnf"
doctor
is "$RC" 1 "world-readable my.cnf: exit 1"
like "$OUT" "\[FAIL\] db_defaults_file: .* readable by others \(mode 0644\); run chmod 0640" \
	"world-readable my.cnf: named"
chmod 0640 "$T_DIR/my.cnf"

# ---- a bad key in jobd.conf -------------------------------------------------------------------
cp "$T_DIR/jobd.conf" "$T_DIR/jobd.conf.good"
printf 'tick_ms = 5\n' >>"$T_DIR/jobd.conf"
doctor
is "$RC" 1 "bad jobd.conf: exit 1"
like "$OUT" "\[FAIL\] phananh-jobd: cấu hình sai / bad configuration: $T_DIR/jobd.conf:4: " \
	"bad jobd.conf: file:line"
mv "$T_DIR/jobd.conf.good" "$T_DIR/jobd.conf"

# ---- database unreachable ---------------------------------------------------------------------
sed 's/^\(socket = \).*/\1\/nonexistent\/mysqld.sock/' "$T_DIR/my.cnf" >"$T_DIR/bad.cnf"
chmod 0640 "$T_DIR/bad.cnf"
cp "$T_DIR/admin.conf" "$T_DIR/admin-bad.conf"
t_conf_set "$T_DIR/admin-bad.conf" "db_defaults_file = $T_DIR/bad.cnf"
OUT=$("$PHANANH_ADMIN" -c "$T_DIR/admin-bad.conf" doctor -f "$T_DIR/fcgi.conf" 2>&1)
RC=$?
is "$RC" 1 "database unreachable: exit 1"
like "$OUT" '\[FAIL\] không kết nối được cơ sở dữ liệu / cannot connect to the database' \
	"database unreachable: named"
like "$OUT" "\[ OK \] media $T_DIR/media" "the checks without the database still run"
doctor
is "$RC" 0 "all faults repaired: exit 0" || diag "$OUT"
done_testing
