#!/usr/bin/env bash
# t_jobd.sh: phananh-jobd's issue-4 jobs against the real database, through
# nginx: reminders fired once by two concurrent copies, quiet hours and an
# urgent rule, the overdue API, the portal feed, e-mail to a real SMTP server
# (python3-aiosmtpd: headers, UTF-8 subject, body, links), the dead letter
# and the monitor's retry, push with a verified HMAC signature and a retry.
# tests/integration/jobd_check.py does the work.
. "${top_srcdir:-.}/tests/integration/lib.sh"
t_init jobd
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
t_fcgi "workers = 2" || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"

SMTP_PORT=$(ph_free_port "") || bail_out "no free port"
t_bg "$T_DIR/smtp.log" "$SMTP_PY" "$top_srcdir/tests/integration/fake_smtp.py" "$SMTP_PORT" "$T_DIR/mail"
SMTP_PID=$T_BG_PID
PUSH_PORT=$(ph_free_port "") || bail_out "no free port"
printf 'push-test-key-%s\n' "$$" >"$T_DIR/push.key"
t_bg "$T_DIR/push.log" env FAIL_FIRST=1 python3 "$top_srcdir/tests/integration/fake_push.py" "$PUSH_PORT" \
	"$T_DIR/push" "$T_DIR/push.key"
for _ in $(seq 100); do
	[ -e "$T_DIR/mail/ready" ] && [ -e "$T_DIR/push/ready" ] && break
	sleep 0.1
done
[ -e "$T_DIR/mail/ready" ] || bail_out "fake SMTP server did not start"
[ -e "$T_DIR/push/ready" ] || bail_out "fake push gateway did not start"
DEAD_PORT=$(ph_free_port "") || bail_out "no free port"

export T_BASE T_DIR PHANANH_JOBD SMTP_PORT SMTP_PID PUSH_PORT DEAD_PORT top_srcdir
PYTHONPATH=$top_srcdir/tests/integration python3 \
	"$top_srcdir/tests/integration/jobd_check.py"
