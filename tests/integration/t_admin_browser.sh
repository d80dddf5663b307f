#!/usr/bin/env bash
# t_admin_browser.sh: the administration workspace (web/admin.html) in headless Chromium against the
# real stack, as tests/integration/t_browser.sh runs the web client: runs tests/browser/admin.test.mjs
# (PHANANH_ADMIN_BROWSER=1) with node's test runner and passes its TAP through.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integration/lib.sh"

CHROMIUM=${PHANANH_CHROMIUM:-/usr/bin/chromium}
export PHANANH_CHROMIUM=$CHROMIUM

t_init admin_browser
t_require node nginx curl "$CHROMIUM" "$PHANANH_FCGI" "$PHANANH_ADMIN"

web=$top_srcdir/web
if [ ! -f "$web/vendor/leaflet/leaflet.js" ] || [ ! -d "$web/node_modules/playwright-core" ] ||
	[ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
	t_require npm
	if ! "$web/build.sh" >"$T_DIR/build.log" 2>&1; then
		[ "${PHANANH_REQUIRE_INTEGRATION:-0}" = 1 ] && bail_out "web/build.sh failed: $(tail -n 3 "$T_DIR/build.log")"
		skip_all "web/build.sh failed (npm registry unreachable?)"
	fi
fi

t_db
# migrations with a no-op file for a number another branch has not delivered yet ("migrate"
# refuses gaps); with every file present this is a plain copy
mkdir -p "$T_DIR/sql"
cp "$top_srcdir"/sql/migrations/*.sql "$T_DIR/sql/"
max=$(ls "$T_DIR/sql" | sed -n 's/^\([0-9][0-9][0-9]\)_.*/\1/p' | sort -n | tail -1)
for n in $(seq 1 "$((10#$max))"); do
	f=$(printf '%03d' "$n")
	ls "$T_DIR/sql/${f}"_*.sql >/dev/null 2>&1 || echo "DO 0;" >"$T_DIR/sql/${f}_placeholder.sql"
done
cat >"$T_DIR/admin.conf" <<CONF
db_defaults_file = $T_DIR/my.cnf
db_group = client-phananh
sql_dir = $T_DIR/sql
data_dir = $top_srcdir/data
CONF
t_migrate || bail_out "migrate failed: $(tail -n 5 "$T_DIR/admin.log")"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "loading the demo data failed: $(tail -n 5 "$T_DIR/admin.log")"
t_fcgi "templates_dir = $top_srcdir/data/templates" || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"

shots=${PHANANH_SHOT_DIR:-$T_DIR/screenshots}
mkdir -p "$shots"
echo "# screenshots: $shots"
PHANANH_ADMIN_BROWSER=1 PHANANH_WEB_BASE=$T_BASE PHANANH_SHOT_DIR=$shots \
	node --test --test-reporter=tap --test-concurrency=1 "$top_srcdir/tests/browser/admin.test.mjs"
rc=$?
if [ "$rc" -ne 0 ] && [ -z "${PHANANH_SHOT_DIR:-}" ]; then
	kept=$(mktemp -d "${TMPDIR:-/tmp}/phananh-admin-shots.XXXXXX")
	cp -r "$shots"/. "$kept"/ 2>/dev/null
	echo "# screenshots kept in $kept"
	T_FAILED=1
fi
exit "$rc"
