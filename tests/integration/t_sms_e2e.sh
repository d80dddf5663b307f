#!/usr/bin/env bash
# t_sms_e2e.sh: the whole path with nothing faked: a citizen's report through the API, reception
# distributes it through the staff API, gammu-smsd (dummy phone) sends the officer's alert, the
# officer answers "Nhận <code>" by SMS and the case is accepted; "TRA <code> <lý do>" returns
# another one. Prints "# figure:" lines with the measured delays.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/t_sms_lib.sh"
t_init sms_e2e
t_require "$PHANANH_ADMIN" "$PHANANH_SMSD" "$PHANANH_FCGI" gammu-smsd mariadbd mariadb iconv \
	cgi-fcgi python3
plan 13
s_setup
t_fcgi || bail_out "phananh-fcgi did not start"

jget() { python3 -c 'import json,sys; print(json.loads(sys.stdin.read())'"$1"')'; }

report() {
	T_FCGI_ENV=()
	t_fcgi_req POST /api/v1/reports '{"description":"Đèn đường trước số 12 Lê Lợi bị hỏng",
		"field":"XD","address":"12 Lê Lợi, phường Quy Nhơn","name":"Trần Thị Dân",
		"phone":"0905999888","email":"dan@example.org","declaration":true}'
	printf '%s' "$T_BODY" | jget '["code"]'
}

t_fcgi_req POST /api/v1/auth/login '{"username":"tiepnhan","password":"demo-pass-1"}'
cookie=$(t_header Set-Cookie | cut -d';' -f1)
csrf=$(printf '%s' "$T_BODY" | jget '["csrf"]')
[ -n "$cookie" ] && [ -n "$csrf" ] || bail_out "reception could not sign in"

distribute() {
	T_FCGI_ENV=("HTTP_COOKIE=$cookie" "HTTP_X_CSRF_TOKEN=$csrf")
	t_fcgi_req POST "/api/v1/cases/$1/actions/distribute" \
		'{"field":"XD","group":"XD-DENDUONG","lead_agency":"SXD"}'
	T_FCGI_ENV=()
}

C1=$(report)
like "$C1" '^[0-9]+$' "a report through the API: case $C1"
t0=$(s_now)
distribute "$C1"
is "$T_STATUS" 200 "reception distributes case $C1 to Sở Xây dựng through the staff API"
s_wait 20 1 "SELECT COUNT(*) > 0 FROM notifications WHERE case_id = $C1 AND channel = 'sms'
	AND recipient_user_id = $(s_user_id sxd.canbo) AND state IN ('sent','delivered')"
ok $? "the officer's SMS alert reaches sentitems"
echo "# figure: distribution commit -> alert in sentitems: $(s_since "$t0") s"
is "$(t_sql "SELECT COUNT(DISTINCT n.recipient_user_id) FROM notifications n
	JOIN users u ON u.id = n.recipient_user_id WHERE n.case_id = $C1 AND n.channel = 'sms'")" \
	"$(t_sql "SELECT COUNT(*) FROM users u JOIN organisations o ON o.id = u.org_id
	WHERE o.code = 'SXD' AND FIND_IN_SET('officer', u.roles) AND u.phone IS NOT NULL")" \
	"every officer of the agency with a phone got an SMS alert"
is "$(t_sql "SELECT GROUP_CONCAT(DISTINCT channel ORDER BY channel) FROM notifications
	WHERE case_id = $C1 AND recipient_user_id = $(s_user_id sxd.canbo)")" "sms,email,portal,push" \
	"the officer is alerted on all four channels (REG 7.1.a)"
like "$(t_sql "SELECT GROUP_CONCAT(s.TextDecoded ORDER BY s.SequencePosition SEPARATOR '')
	FROM sentitems s JOIN notifications n ON s.ID = n.external_id WHERE n.case_id = $C1
	AND n.recipient_user_id = $(s_user_id sxd.canbo) AND n.channel = 'sms'")" "OK $C1" \
	"the alert tells how to accept by SMS"

t0=$(s_now)
s_sms_in +84912345678 "Nhận $C1"
s_wait 20 in_processing "SELECT state FROM cases WHERE id = $C1"
ok $? "\"Nhận $C1\" by SMS accepts the case"
echo "# figure: reply file mv -> case accepted: $(s_since "$t0") s"
is "$(t_sql "SELECT u.username FROM cases c JOIN users u ON u.id = c.assignee_id
	WHERE c.id = $C1")" sxd.canbo "the officer who answered is the assignee"
is "$(t_sql "SELECT actor_kind FROM case_events WHERE case_id = $C1 AND kind = 'accepted'")" sms \
	"the acceptance is recorded as coming by SMS"
s_wait 20 1 "SELECT COUNT(*) > 0 FROM notifications WHERE case_id = $C1 AND channel = 'sms'
	AND template = 'sms_accepted' AND state IN ('sent','delivered')"
ok $? "a confirmation SMS went back to the officer"
like "$(t_sql "SELECT GROUP_CONCAT(s.TextDecoded ORDER BY s.SequencePosition SEPARATOR '')
	FROM sentitems s JOIN notifications n ON s.ID = n.external_id WHERE n.case_id = $C1
	AND n.template = 'sms_accepted'")" "$C1" "the confirmation names the case" ||
	t_sql "SELECT id, template, state, recipient_addr FROM notifications WHERE case_id = $C1" |
	sed 's/^/# /'
t_sql "SELECT DestinationNumber, TextDecoded FROM sentitems s JOIN notifications n
	ON s.ID = n.external_id WHERE n.case_id = $C1 AND n.template = 'sms_accepted'" | sed 's/^/# sent: /'


C2=$(report)
distribute "$C2"
s_sms_in 0912345679 "TRA $C2 Không thuộc thẩm quyền của Sở"
s_wait 20 returned_to_center "SELECT state FROM cases WHERE id = $C2"
ok $? "\"TRA $C2 <lý do>\" from the other officer returns the case to the center"
is "$(t_sql "SELECT note FROM case_events WHERE case_id = $C2 AND to_state = 'returned_to_center'")" \
	"Không thuộc thẩm quyền của Sở" "the reason is kept with diacritics"
done_testing
