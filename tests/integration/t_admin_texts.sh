#!/usr/bin/env bash
# t_admin_texts.sh: an administrator's template overrides (issue 11 item 4) are what every sender
# sends: the e-mail text set through /api/v1/admin reaches a real SMTP server (fake_smtp.py), the
# push title reaches the gateway (fake_push.py), the Facebook text reaches a Graph-shaped server
# (fake_graph.py), all through phananh-jobd; the official notice's opening sentence comes from its
# override. tests/integration/admin_texts_check.py does the work.
. "${top_srcdir:-.}/tests/integration/lib.sh"
t_init admin_texts
PHANANH_JOBD=${PHANANH_JOBD:-$top_builddir/jobd/phananh-jobd}
# aiosmtpd is a Debian package: the system python has it, a pyenv may not
SMTP_PY=python3
python3 -c 'import aiosmtpd' 2>/dev/null || SMTP_PY=/usr/bin/python3
t_require mariadb nginx curl python3 "$SMTP_PY" "$PHANANH_FCGI" "$PHANANH_ADMIN" "$PHANANH_JOBD"
"$SMTP_PY" -c 'import aiosmtpd' 2>/dev/null || t_require python3-aiosmtpd
t_db
t_migrate || bail_out "migrations failed"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "demo data did not load"
t_fcgi "workers = 2" "templates_dir = $top_srcdir/data/templates" || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"

SMTP_PORT=$(ph_free_port "") || bail_out "no free port"
t_bg "$T_DIR/smtp.log" "$SMTP_PY" "$top_srcdir/tests/integration/fake_smtp.py" "$SMTP_PORT" "$T_DIR/mail"
PUSH_PORT=$(ph_free_port "") || bail_out "no free port"
printf 'push-test-key-%s\n' "$$" >"$T_DIR/push.key"
t_bg "$T_DIR/push.log" python3 "$top_srcdir/tests/integration/fake_push.py" "$PUSH_PORT" \
	"$T_DIR/push" "$T_DIR/push.key"
mkdir -p "$T_DIR/graph"
t_bg "$T_DIR/graph.log" python3 "$top_srcdir/tests/integration/fake_graph.py" "$T_DIR/graph.port" \
	"$T_DIR/graph.jsonl" "$T_DIR/graph"
printf 'page-token-%s\n' "$$" >"$T_DIR/fb.token"
for _ in $(seq 100); do
	[ -e "$T_DIR/mail/ready" ] && [ -e "$T_DIR/push/ready" ] && [ -s "$T_DIR/graph.port" ] && break
	sleep 0.1
done
[ -e "$T_DIR/mail/ready" ] || bail_out "fake SMTP server did not start"
[ -e "$T_DIR/push/ready" ] || bail_out "fake push gateway did not start"
[ -s "$T_DIR/graph.port" ] || bail_out "fake Graph API did not start"
GRAPH_PORT=$(cat "$T_DIR/graph.port")

export T_BASE T_DIR PHANANH_JOBD SMTP_PORT PUSH_PORT GRAPH_PORT top_srcdir
PYTHONPATH=$top_srcdir/tests/integration python3 \
	"$top_srcdir/tests/integration/admin_texts_check.py"
