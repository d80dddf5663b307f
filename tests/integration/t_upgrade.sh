#!/usr/bin/env bash
# t_upgrade.sh: an upgrade on a database with data. The database is migrated to an older version
# (phananh-admin migrate on a copy of sql/migrations without the newest K files; K = 1, or
# T_UPGRADE_BACK), filled through the API, then today's "phananh-admin migrate" applies the rest:
# every case and event is unchanged and the programs start on it (health 200, staff view, jobd).
#
# Today's programs refuse an older schema, and older binaries are not built here, so while the
# data is written the missing versions are marked applied in schema_migrations (and unmarked
# before the upgrade). That only works when the API does not need the held-back migrations, which
# holds for the newest one by default; a failing fill with a larger K says so.
. "${top_srcdir:-.}/tests/integration/lib.sh"
PHANANH_JOBD=${PHANANH_JOBD:-$top_builddir/jobd/phananh-jobd}
t_init upgrade
t_require mariadb nginx curl python3 "$PHANANH_FCGI" "$PHANANH_ADMIN" "$PHANANH_JOBD"
plan 16
K=${T_UPGRADE_BACK:-1}
t_db

# ---- the older schema -------------------------------------------------------------------------
mkdir -p "$T_DIR/sql-old"
mapfile -t all < <(ls "$top_srcdir/sql/migrations" | grep -E '^[0-9]{3}_.*\.sql$' | sort)
N=$((10#${all[-1]%%_*}))
OLD=$((N - K))
for f in "${all[@]}"; do
	[ $((10#${f%%_*})) -le "$OLD" ] && cp "$top_srcdir/sql/migrations/$f" "$T_DIR/sql-old/"
done
t_admin status >/dev/null 2>&1	# writes admin.conf
sed "s|^sql_dir = .*|sql_dir = $T_DIR/sql-old|" "$T_DIR/admin.conf" >"$T_DIR/admin-old.conf"
"$PHANANH_ADMIN" -c "$T_DIR/admin-old.conf" migrate >>"$T_DIR/admin.log" 2>&1
ok $? "migrate with migrations 001..$(printf %03d "$OLD")"
is "$(t_sql "SELECT MAX(version) FROM schema_migrations")" "$OLD" "the database is at version $OLD of $N"

# ---- data through the API (missing versions marked applied meanwhile) -----------------------------
for v in $(seq $((OLD + 1)) "$N"); do
	t_sql "INSERT INTO schema_migrations (version, name) VALUES ($v, 'upgrade-test-mark')"
done
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1
ok $? "demo organisations and staff loaded"
t_fcgi || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"
CODES=$(T_BASE=$T_BASE PYTHONPATH=$top_srcdir/tests/integration \
	python3 "$top_srcdir/tests/integration/upgrade_fill.py" 2>>"$T_DIR/fill.log")
ok $? "6 reports, 3 distributions, an acceptance and a note through the API" ||
	diag "$(cat "$T_DIR/fill.log")"
t_fcgi_stop
t_sql "DELETE FROM schema_migrations WHERE name = 'upgrade-test-mark'"

fingerprint() {
	t_sql "SELECT c.id, c.state, c.channel, c.received_at, SHA2(c.description, 256),
		COALESCE(c.lead_org_id, 0), r.name, r.phone FROM cases c
		JOIN case_reporters r ON r.case_id = c.id ORDER BY c.id;
		SELECT id, case_id, at, kind, COALESCE(from_state, ''), COALESCE(to_state, ''),
		actor_kind, COALESCE(SHA2(note, 256), '') FROM case_events ORDER BY id;
		SELECT id, case_id, kind, status, due_at FROM case_timers ORDER BY id;
		SELECT id, case_id, channel, template, state FROM notifications ORDER BY id" | md5sum
}
before=$(fingerprint)
ncases=$(t_sql "SELECT COUNT(*) FROM cases")
nevents=$(t_sql "SELECT COUNT(*) FROM case_events")
is "$ncases" 6 "6 cases before the upgrade"
[ "$nevents" -ge 11 ]
ok $? "their events are there ($nevents)"

# ---- the new programs refuse the old schema ---------------------------------------------------------
"$PHANANH_FCGI" -c "$T_DIR/fcgi.conf" >"$T_DIR/refuse.log" 2>&1 </dev/null
is "$?" 1 "phananh-fcgi refuses to start before the migration"
like "$(cat "$T_DIR/refuse.log")" "schema $OLD is older than this program's $N: run phananh-admin migrate" \
	"and says why"

# ---- upgrade ----------------------------------------------------------------------------------------
out=$(t_admin migrate 2>&1)
ok $? "phananh-admin migrate on the database with data" || diag "$out"
like "$out" "applied ${all[-1]}" "the newest migration is applied"
is "$(t_sql "SELECT MAX(version) FROM schema_migrations")" "$N" "the database is at version $N"
is "$(fingerprint)" "$before" "every case, reporter, event, clock and notification is unchanged"

# ---- the programs start on it -------------------------------------------------------------------------
t_fcgi || bail_out "phananh-fcgi did not start after the upgrade"
t_get /api/v1/health
is "$T_STATUS" 200 "health 200 after the upgrade"
like "$T_BODY" "\"schema_version\": *$N" "health reports schema $N"
first=$(head -1 <<<"$CODES")
st=$(T_BASE=$T_BASE PYTHONPATH=$top_srcdir/tests/integration python3 -c "
from phtest import Client
c = Client()
c.login('tiepnhan')
st, js, raw, _ = c.get('/api/v1/cases/$first')
n = len(js.get('events', js.get('timeline', []))) if js else -1
print(st, js.get('state') if js else '', n)")
is "$st" "200 in_processing $(t_sql "SELECT COUNT(*) FROM case_events WHERE case_id = $first")" \
	"staff view of case $first after the upgrade: state and every event"
cat >"$T_DIR/jobd.conf" <<-CONF
	db_defaults_file = $T_DIR/my.cnf
	tick_ms = 200
CONF
t_bg "$T_DIR/jobd.log" "$PHANANH_JOBD" -c "$T_DIR/jobd.conf"
sleep 1.5
kill -0 "$T_BG_PID" 2>/dev/null
ok $? "phananh-jobd starts and keeps running on the upgraded database" || diag "$(cat "$T_DIR/jobd.log")"
done_testing
