#!/usr/bin/env bash
# t_sms.sh: phananh-smsd end to end with real MariaDB and real gammu-smsd on Gammu's dummy phone:
# alert out (parts, coding, plain option), replies in (OK, TRA, duplicate, spoofed, unknown code,
# several pending, late), failure fallback to e-mail. Prints "# figure:" timing lines.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/t_sms_lib.sh"
t_init sms
t_require "$PHANANH_ADMIN" "$PHANANH_SMSD" gammu-smsd mariadbd mariadb iconv od ipcrm
plan 45
s_setup

CANBO=$(s_user_id sxd.canbo)
SNNMT=$(s_user_id snnmt.canbo)

# ---- distribution -> alert in sentitems ----------------------------------------------------------
t0=$(s_now)
C1=$(s_case SXD)
N1=$(s_alert "$C1" sxd.canbo)
s_wait 20 sent "SELECT state FROM notifications WHERE id = $N1"
ok $? "alert $N1 for case $C1 reaches state sent"
echo "# figure: distribution commit -> alert in sentitems: $(s_since "$t0") s"
is "$(t_sql "SELECT COUNT(*) FROM sentitems s JOIN notifications n ON s.ID = n.external_id
	WHERE n.id = $N1")" 2 "the Vietnamese alert went out as 2 parts"
is "$(s_sent_text "$N1")" "$(s_expected_alert "$C1")" "parts reassemble to the rendered alert"
like "$(t_sql "SELECT GROUP_CONCAT(CONCAT(s.Coding, ' ', s.UDH, ' ', s.DestinationNumber, ' ',
	s.CreatorID) ORDER BY s.SequencePosition SEPARATOR '|') FROM sentitems s
	JOIN notifications n ON s.ID = n.external_id WHERE n.id = $N1")" \
	"^Unicode_No_Compression 050003([0-9A-F]{2})0201 \+84912345678 phananh:n=$N1\|Unicode_No_Compression 050003\\1 ?0202" \
	"UCS-2 on every part, UDH 1/2 and 2/2 with one reference, CreatorID" ||
	t_sql "SELECT SequencePosition, Coding, UDH, CreatorID FROM sentitems" | sed 's/^/# /'
is "$(t_sql "SELECT claimed_by IS NOT NULL AND attempts = 1 FROM notifications WHERE id = $N1")" 1 \
	"claimed_by and attempts recorded"

# ---- OK <code> from the officer, written in national form ----------------------------------------
t0=$(s_now)
s_sms_in 0912345678 "OK $C1"
s_wait 20 in_processing "SELECT state FROM cases WHERE id = $C1"
ok $? "\"OK $C1\" accepts the case"
echo "# figure: reply file mv -> case accepted: $(s_since "$t0") s"
is "$(t_sql "SELECT actor_kind, actor_user_id FROM case_events WHERE case_id = $C1
	AND kind = 'accepted'" | tr '\t' ' ')" "sms $CANBO" "the event names the SMS and the officer"
CONF1=$(t_sql "SELECT id FROM notifications WHERE template = 'sms_accepted' AND case_id = $C1")
s_wait 20 sent "SELECT state FROM notifications WHERE id = '$CONF1'"
ok $? "the confirmation SMS is sent"
like "$(s_sent_text "$CONF1")" "^Đã tiếp nhận phản ánh $C1 lúc [0-2][0-9]:[0-5][0-9]\.$" \
	"confirmation text"
is "$(t_sql "SELECT DestinationNumber FROM sentitems s JOIN notifications n ON s.ID = n.external_id
	WHERE n.id = '$CONF1'")" "+84912345678" "confirmation goes to the officer"

# ---- the same reply again: no change, no second confirmation -------------------------------------
s_sms_in +84912345678 "ok$C1"
s_inbox_done; ok $? "the duplicate is processed"
is "$(t_sql "SELECT COUNT(*) FROM notifications WHERE case_id = $C1 AND template LIKE 'sms_%'")" 1 \
	"no second confirmation"
is "$(t_sql "SELECT COUNT(*) FROM case_events WHERE case_id = $C1 AND kind = 'accepted'")" 1 \
	"no second accept event"

# ---- TRA <code> <reason> -------------------------------------------------------------------------
C2=$(s_case SXD)
t0=$(s_now)
s_sms_in 0084912345678 "Trả $C2 không đúng thẩm quyền, thuộc xã"
s_wait 20 returned_to_center "SELECT state FROM cases WHERE id = $C2"
ok $? "\"TRA $C2 lý do\" returns the case"
echo "# figure: reply file mv -> case returned: $(s_since "$t0") s"
like "$(t_sql "SELECT note FROM case_events WHERE case_id = $C2 AND kind = 'returned_not_competent'")" \
	"không đúng thẩm quyền" "the reason is recorded"
CONF2=$(t_sql "SELECT id FROM notifications WHERE template = 'sms_returned' AND case_id = $C2")
s_wait 20 sent "SELECT state FROM notifications WHERE id = '$CONF2'"
ok $? "the return is confirmed by SMS"

# ---- spoofed senders ---------------------------------------------------------------------------
C3=$(s_case SXD)
before=$(t_sql "SELECT COUNT(*) FROM notifications")
s_sms_in +84900000001 "OK $C3"
s_inbox_done; ok $? "a reply from an unknown number is processed"
is "$(t_sql "SELECT state FROM cases WHERE id = $C3")" distributed "unknown number: no state change"
is "$(t_sql "SELECT COUNT(*) FROM notifications")" "$before" "unknown number: no answer at all"
grep -q "from +8490\*\*\*\*001: not a registered user" "$T_DIR/phananh-smsd.log"
ok $? "unknown number logged, masked"
s_sms_in +84987654321 "OK $C3"
s_inbox_done; ok $? "a reply from another agency's officer is processed"
is "$(t_sql "SELECT state FROM cases WHERE id = $C3")" distributed "other agency: no state change"
is "$(t_sql "SELECT template FROM notifications WHERE recipient_user_id = $SNNMT")" \
	sms_not_allowed "other agency's officer gets a short refusal"

# ---- unknown code, not understood ----------------------------------------------------------------
s_sms_in +84912345678 "OK 999999"
s_sms_in +84912345678 "xin chào"
s_sms_in +84912345678 "TRA $C3"
s_inbox_done; ok $? "unknown code and gibberish processed"
is "$(t_sql "SELECT GROUP_CONCAT(template ORDER BY id) FROM notifications WHERE recipient_user_id = $CANBO
	AND id > $before AND template <> 'sms_not_allowed'")" "sms_unknown_code,sms_help,sms_help_reason" \
	"answers: unknown code, help, a return needs a reason"
is "$(t_sql "SELECT state FROM cases WHERE id = $C3")" distributed "nothing changed"

# ---- several pending cases: "OK" alone lists them; with one left, "Nhận" accepts it --------------
C4=$(s_case SXD)
s_sms_in +84912345678 "Ok!"
s_inbox_done
LIST=$(t_sql "SELECT id FROM notifications WHERE template = 'sms_pending_list' ORDER BY id DESC LIMIT 1")
s_wait 20 sent "SELECT state FROM notifications WHERE id = '$LIST'"
ok $? "the list of pending cases is sent"
like "$(s_sent_text "$LIST")" "^Có 2 phản ánh chờ tiếp nhận: $C3, $C4\." "it names both codes"
is "$(t_sql "SELECT COUNT(*) FROM cases WHERE id IN ($C3, $C4) AND state = 'distributed'")" 2 \
	"neither was accepted"
s_sms_in +84912345678 "NHAN $C4"
s_wait 20 in_processing "SELECT state FROM cases WHERE id = $C4"
ok $? "NHAN $C4 accepts one"
s_sms_in +84912345678 "Nhận"
s_wait 20 in_processing "SELECT state FROM cases WHERE id = $C3"
ok $? "\"Nhận\" without a code accepts the only pending case"

# ---- late reply --------------------------------------------------------------------------------
C5=$(s_case SXD "Phường Quy Nhơn" -45)
s_sms_in +84912345678 "$C5"
s_wait 20 in_processing "SELECT state FROM cases WHERE id = $C5"
ok $? "a reply 45 minutes after the deadline still accepts"
is "$(t_sql "SELECT status FROM case_timers WHERE case_id = $C5 AND kind = 'accept'")" late \
	"and the acceptance is recorded late"

# ---- a 3-part Vietnamese alert, and the no-diacritics option -------------------------------------
ADDR="Số 12 Trần Hưng Đạo, phường Quy Nhơn, Gia Lai"
C6=$(s_case SXD "$ADDR")
N6=$(s_alert "$C6" sxd.canbo)
N7=$(s_alert "$C6" sxd.canbo2)
s_wait 20 2 "SELECT COUNT(*) FROM notifications WHERE id IN ($N6, $N7) AND state = 'sent'"
ok $? "both alerts are sent"
is "$(t_sql "SELECT COUNT(*) FROM sentitems s JOIN notifications n ON s.ID = n.external_id
	WHERE n.id = $N6")" 3 "with diacritics: 3 UCS-2 parts"
is "$(s_sent_text "$N6")" "$(s_expected_alert "$C6")" "the 3 parts reassemble exactly"
is "$(t_sql "SELECT GROUP_CONCAT(RIGHT(UDH, 4) ORDER BY SequencePosition) FROM sentitems s
	JOIN notifications n ON s.ID = n.external_id WHERE n.id = $N6")" "0301,0302,0303" \
	"UDH sequence 1/3, 2/3, 3/3"
is "$(t_sql "SELECT CONCAT(COUNT(*), ' ', MIN(s.Coding), ' ', MIN(s.UDH) = '') FROM sentitems s
	JOIN notifications n ON s.ID = n.external_id WHERE n.id = $N7")" "1 Default_No_Compression 1" \
	"sms_plain officer: one GSM-7 SMS without UDH"
PLAIN=$(s_expected_alert "$C6" | sed 'y/ăâđêôơưĂÂĐÊÔƠƯạảấầẩậắằẳặẹẻẽếềểệịỉọỏốồổộớờởợụủứừửữựỳỵỷỹáàãéèíìĩóòõúùũý/aadeoouAADEOOUaaaaaaaaaaeeeeeeeiioooooooooouuuuuuuyyyyaaaeeiiiooouuuy/')
is "$(s_sent_text "$N7")" "$PLAIN" "the plain text is the alert without diacritics"

# ---- a message gammu dropped: failed, e-mail fallback, phone flagged -----------------------------
NF=$(t_sql "INSERT INTO notifications (case_id, channel, recipient_user_id, template, state,
	attempts, next_attempt_at, external_id, created_at, updated_at) VALUES ($C6, 'sms', $CANBO,
	'distributed', 'sending', 1, UTC_TIMESTAMP(), '99999999', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));
	SELECT LAST_INSERT_ID()")
s_wait 20 failed "SELECT state FROM notifications WHERE id = $NF"
ok $? "a message in neither outbox nor sentitems is failed"
is "$(t_sql "SELECT CONCAT(recipient_addr, ' ', template, ' ', state) FROM notifications
	WHERE channel = 'email' AND case_id = $C6")" "sxd.canbo@demo.invalid distributed queued" \
	"an e-mail with the same template is queued"
is "$(t_sql "SELECT phone_failing FROM users WHERE id = $CANBO")" 1 "the officer's phone is flagged"

# ---- quiet hours: a reminder waits, an urgent one goes ----------------------------------------
s_smsd_stop TERM
is "$S_SMSD_EXIT" 0 "phananh-smsd stops cleanly on SIGTERM"
s_smsd_start "quiet_hours = 00:00-23:59" || bail_out "restart failed"
R1=$(s_alert "$C6" sxd.canbo2 reminder_accept)
R2=$(s_alert "$C6" sxd.canbo2 reminder_accept)
t_sql "UPDATE notifications SET payload_json = '{\"urgent\":true}' WHERE id = $R2"
s_wait 20 sent "SELECT state FROM notifications WHERE id = $R2"
ok $? "an urgent reminder is sent in quiet hours"
is "$(t_sql "SELECT CONCAT(state, ' ', next_attempt_at > UTC_TIMESTAMP() + INTERVAL 1 MINUTE)
	FROM notifications WHERE id = $R1")" "queued 1" "a normal reminder waits for the end of quiet hours"
done_testing
