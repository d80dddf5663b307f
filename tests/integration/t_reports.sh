#!/usr/bin/env bash
# t_reports.sh: statistics, periodic reports (JSON, CSV, XLSX, PDF),
# notices and exports against a data set with a known answer
# (reports_fixture.sql; the checks are in reports_check.py).
. "${top_srcdir:-.}/tests/integration/lib.sh"
t_init reports
PHANANH_JOBD=${PHANANH_JOBD:-$top_builddir/jobd/phananh-jobd}
t_require mariadb nginx curl python3 unzip pdftoppm pdftotext \
	"$PHANANH_FCGI" "$PHANANH_ADMIN" "$PHANANH_JOBD"
t_db
t_migrate || bail_out "migrations failed"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "demo data did not load"
mariadb --defaults-file="$T_DIR/my.cnf" <"$top_srcdir/tests/integration/reports_fixture.sql" \
	>>"$T_DIR/admin.log" 2>&1 || bail_out "fixture did not load"
t_admin stats-rebuild >>"$T_DIR/admin.log" 2>&1 || bail_out "stats-rebuild failed"
t_fcgi || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"
export T_BASE T_DIR PHANANH_ADMIN PHANANH_JOBD
PYTHONPATH=$top_srcdir/tests/integration python3 \
	"$top_srcdir/tests/integration/reports_check.py"
