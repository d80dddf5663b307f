#!/usr/bin/env bash
# t_workflow.sh: the case lifecycle end to end through nginx and the real
# database (tests/integration/workflow_check.py does the work).
. "${top_srcdir:-.}/tests/integration/lib.sh"
t_init workflow
t_require mariadb nginx curl python3 "$PHANANH_FCGI" "$PHANANH_ADMIN"
t_db
t_migrate || bail_out "migrations failed"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "demo data did not load"
t_fcgi "workers = 4" || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"
export T_BASE T_DIR
PYTHONPATH=$top_srcdir/tests/integration python3 \
	"$top_srcdir/tests/integration/workflow_check.py"
