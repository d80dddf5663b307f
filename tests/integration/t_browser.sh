#!/usr/bin/env bash
# t_browser.sh: the web client in headless Chromium (Debian's chromium, driven by playwright-core
# from web/node_modules) against the real stack: MariaDB with the demo data, phananh-fcgi, nginx
# serving web/. Runs tests/browser/{flow,pages}.test.mjs with node's test runner and passes its TAP
# through (the administration pages have their own: t_admin_browser.sh).
# Screenshots go to $PHANANH_SHOT_DIR (default: a directory under the test's temp dir, kept when
# a test fails or PHANANH_TEST_KEEP=1; its path is printed). Steps whose API route is not served
# yet are reported as SKIP with the route they need.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integration/lib.sh"

CHROMIUM=${PHANANH_CHROMIUM:-/usr/bin/chromium}
export PHANANH_CHROMIUM=$CHROMIUM

t_init browser
t_require node nginx curl "$CHROMIUM" "$PHANANH_FCGI" "$PHANANH_ADMIN"

# web/vendor (Leaflet, Chart.js) and playwright-core, from npm through web/build.sh; skipped when
# node_modules is already installed from the current package-lock.json.
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
t_migrate || bail_out "migrate failed: $(tail -n 5 "$T_DIR/admin.log")"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "loading the demo data failed: $(tail -n 5 "$T_DIR/admin.log")"
t_fcgi || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"

shots=${PHANANH_SHOT_DIR:-$T_DIR/screenshots}
mkdir -p "$shots"
echo "# screenshots: $shots"

# node's TAP goes straight to stdout (the harness reads it); its exit status is ours.
PHANANH_WEB_BASE=$T_BASE PHANANH_SHOT_DIR=$shots \
	node --test --test-reporter=tap --test-concurrency=1 \
	"$top_srcdir"/tests/browser/flow.test.mjs "$top_srcdir"/tests/browser/pages.test.mjs
rc=$?
if [ "$rc" -ne 0 ] && [ -z "${PHANANH_SHOT_DIR:-}" ]; then
	# keep the screenshots of a failed run for the post-mortem
	kept=$(mktemp -d "${TMPDIR:-/tmp}/phananh-browser-shots.XXXXXX")
	cp -r "$shots"/. "$kept"/ 2>/dev/null
	echo "# screenshots kept in $kept"
	T_FAILED=1
fi
exit "$rc"
