#!/usr/bin/env bash
# t_mailin.sh: e-mail intake against a real IMAP server (Dovecot on a throwaway Maildir) and the
# real database: a Vietnamese report with two photos becomes a case with both photos and an
# acknowledgement; replies join the case (supplement, note); a stranger using the tag does not;
# a restart (even with the flags lost) creates nothing twice; a bounce is ignored; a 30 MB photo
# is refused with a polite e-mail.
. "${top_srcdir:-.}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/intake_lib.sh"
t_init mailin
t_require mariadb curl python3 cgi-fcgi /usr/sbin/dovecot "$PHANANH_JOBD" "$PHANANH_ADMIN" \
	"$PHANANH_FCGI"
plan 29
ia_db
ia_dovecot
t_fcgi || bail_out "phananh-fcgi did not start"
FIX="python3 $top_srcdir/tests/integration/mail_fixture.py"
NOW=$(date +%s)
SENT=$((NOW - 3600))

# ---- a report with two photos ---------------------------------------------------------------------
$FIX jpeg "$T_DIR/a.jpg" tag=one && $FIX jpeg "$T_DIR/b.jpg" tag=two
$FIX report "$T_DIR/r1.eml" mid=r1.hoa@example.vn date=$SENT jpegs="$T_DIR/a.jpg,$T_DIR/b.jpg"
ia_deliver "$T_DIR/r1.eml"
ia_jobd_start "modules = mailin" "imap_url = $IA_IMAP_URL" "imap_user = intake" \
	"imap_password_file = $T_DIR/imap.pw" "imap_interval = 1"
ia_wait_count 20 1 "SELECT COUNT(*) FROM mail_messages"
ok $? "the message is processed"
CODE=$(ia_count "SELECT id FROM cases WHERE channel_ref = 'r1.hoa@example.vn'")
like "$CODE" '^[0-9]+$' "it became a case (#$CODE)"
is "$(t_sql "SELECT channel, state, UNIX_TIMESTAMP(received_at) FROM cases WHERE id = '$CODE'")" \
	"email	received	$SENT" "channel email, state received, received_at = the Date header (B3)"
is "$(t_sql "SELECT name, email, COALESCE(phone, '-') FROM case_reporters WHERE case_id = '$CODE'")" \
	"Nguyễn Thị Hoa	hoa@example.vn	-" "reporter: display name and address, no phone"
like "$(t_sql "SELECT description FROM cases WHERE id = '$CODE'")" \
	'^Đèn đường hỏng ở đường Lê Lợi.*Đèn đường trước số 12 Lê Lợi, phường Quy Nhơn' \
	"description: the subject and the decoded Vietnamese text"
SHA_A=$(sha256sum "$T_DIR/a.jpg" | cut -d' ' -f1)
SHA_B=$(sha256sum "$T_DIR/b.jpg" | cut -d' ' -f1)
is "$(t_sql "SELECT sha256, kind, mime, size_bytes FROM media WHERE case_id = '$CODE' ORDER BY id" | tr '\n' ' ')" \
	"$SHA_A	image	image/jpeg	$(stat -c %s "$T_DIR/a.jpg") $SHA_B	image	image/jpeg	$(stat -c %s "$T_DIR/b.jpg") " \
	"both photos are media of the case"
cmp -s "$T_DIR/a.jpg" "$T_DIR/media/originals/${SHA_A:0:2}/${SHA_A:2:2}/$SHA_A" &&
	cmp -s "$T_DIR/b.jpg" "$T_DIR/media/originals/${SHA_B:0:2}/${SHA_B:2:2}/$SHA_B" &&
	test -s "$T_DIR/media/thumb/${SHA_A:0:2}/${SHA_A:2:2}/$SHA_A.jpg"
ok $? "the photo files are stored by content, with thumbnails (the media pipeline)"
ACK=$(t_sql "SELECT recipient_addr, payload_json FROM notifications WHERE case_id = '$CODE' AND channel = 'email' AND template = 'ack_intake'")
like "$ACK" "^hoa@example.vn	.*\"subject_tag\": *\"\[Phản ánh #$CODE\]\"" "the acknowledgement e-mail is queued with the subject tag"
like "$ACK" "\"track_url\": *\"http://phananh.test/track.html#[A-Za-z0-9_-]{43}\"" "and the tracking link"
like "$(ia_imap 'UID SEARCH KEYWORD $Phananh')" '^\* SEARCH 1' "the message is flagged \$Phananh"

# ---- the reception asks for more; the reply to the acknowledgement is the supplement -----------
ia_login tiepnhan
t_fcgi_req POST "/api/v1/cases/$CODE/actions/request_info" '{"reason":"Xin cho biết địa chỉ cụ thể"}'
is "$T_STATUS" 200 "reception asks for information"
# what the mail sender (jobd/mail.c) records for the acknowledgement it sent
t_sql "UPDATE notifications SET state = 'sent', external_id = '<ack.$CODE.1@phananh.test>'
	WHERE case_id = '$CODE' AND channel = 'email' AND template = 'ack_intake'"
$FIX reply "$T_DIR/r2.eml" mid=r2.hoa@example.vn from='Nguyễn Thị Hoa <Hoa@Example.VN>' \
	subject='Re: Xác nhận tiếp nhận phản ánh' irt="ack.$CODE.1@phananh.test" \
	body='Địa chỉ: trước số 12 Lê Lợi, gần ngã tư Trần Hưng Đạo.'
ia_deliver "$T_DIR/r2.eml"
ia_wait_count 20 2 "SELECT COUNT(*) FROM mail_messages"
ok $? "the reply is processed"
is "$(t_sql "SELECT COALESCE(case_id, 0), outcome FROM mail_messages WHERE message_id = 'r2.hoa@example.vn'")" \
	"$CODE	supplement" "the reply to the acknowledgement is the case's supplement"
is "$(ia_count "SELECT state FROM cases WHERE id = '$CODE'")" received "the case is back in reception (transition 3)"
is "$(ia_count "SELECT COUNT(*) FROM cases")" 1 "no new case for the reply"

# ---- the subject tag alone joins a reply from the reporter, as a note --------------------------
$FIX reply "$T_DIR/r3.eml" mid=r3.hoa@example.vn subject="Re: [Phản ánh #$CODE] thêm" body='Đèn vẫn chưa sáng.'
ia_deliver "$T_DIR/r3.eml"
ia_wait_count 20 3 "SELECT COUNT(*) FROM mail_messages"
is "$(t_sql "SELECT COALESCE(case_id, 0), outcome FROM mail_messages WHERE message_id = 'r3.hoa@example.vn'")" \
	"$CODE	note" "the tag joins the reporter's mail as a note"
like "$(t_sql "SELECT note FROM case_events WHERE case_id = '$CODE' AND kind = 'reporter_message'")" \
	'^Đèn vẫn chưa sáng.$' "the note holds the new text, without the quoted mail"
# ---- ...but not a stranger's mail -----------------------------------------------------------------
$FIX reply "$T_DIR/r4.eml" mid=r4.x@other.vn from='Kẻ Lạ <la@other.vn>' subject="Re: [Phản ánh #$CODE]" \
	body='Tôi cũng muốn phản ánh.'
ia_deliver "$T_DIR/r4.eml"
ia_wait_count 20 4 "SELECT COUNT(*) FROM mail_messages"
is "$(t_sql "SELECT outcome FROM mail_messages WHERE message_id = 'r4.x@other.vn'")" case \
	"a stranger's mail with the tag is a new case, not the reporter's"

# ---- a bounce, and a 30 MB photo -------------------------------------------------------------------
$FIX bounce "$T_DIR/b1.eml" mid=b1@mx.example.vn
ia_deliver "$T_DIR/b1.eml"
$FIX big "$T_DIR/big.eml" mid=big.hoa@example.vn mb=30
ia_deliver "$T_DIR/big.eml"
ia_wait_count 30 6 "SELECT COUNT(*) FROM mail_messages"
ok $? "the bounce and the large message are processed"
is "$(ia_count "SELECT outcome FROM mail_messages WHERE message_id = 'b1@mx.example.vn'")" auto "the bounce is recognised"
is "$(ia_count "SELECT outcome FROM mail_messages WHERE message_id = 'big.hoa@example.vn'")" refused \
	"the 30 MB photo is refused"
is "$(ia_count "SELECT COUNT(*) FROM cases")" 2 "neither made a case"
like "$(t_sql "SELECT channel, recipient_addr, template, payload_json FROM notifications
	WHERE template = 'attachment_too_large'")" \
	'^email	hoa@example.vn	attachment_too_large	.*"limit_mb": *25' "a polite e-mail about the limit is queued"
is "$(ia_count "SELECT COUNT(*) FROM notifications WHERE recipient_addr LIKE '%mailer-daemon%'")" 0 \
	"nothing is sent to MAILER-DAEMON"

# ---- restart: nothing twice, even when the IMAP flags were lost -----------------------------------
EVENTS=$(ia_count "SELECT COUNT(*) FROM case_events")
NOTES=$(ia_count "SELECT COUNT(*) FROM notifications")
ia_jobd_stop
like "$(ia_imap 'UID SEARCH UNKEYWORD $Phananh')" '^\* SEARCH\s*$' "every message was flagged"
ia_imap 'UID STORE 1:* -FLAGS ($Phananh)' >/dev/null
ia_jobd_start "modules = mailin" "imap_url = $IA_IMAP_URL" "imap_user = intake" \
	"imap_password_file = $T_DIR/imap.pw" "imap_interval = 1"
ph_wait_until 20 sh -c "curl -sS --user intake:imap-secret-1 -X 'UID SEARCH UNKEYWORD \$Phananh' \
	'$IA_IMAP_URL' | tr -d '\\r' | grep -qx '\* SEARCH'"
ok $? "after the restart every message is flagged again"
is "$(ia_count "SELECT COUNT(*) FROM cases")/$(ia_count "SELECT COUNT(*) FROM mail_messages")" "2/6" \
	"no case and no message twice"
is "$(ia_count "SELECT COUNT(*) FROM case_events")/$(ia_count "SELECT COUNT(*) FROM notifications")" \
	"$EVENTS/$NOTES" "no event or notification twice"
ia_jobd_stop
unlike "$(grep -E 'ERROR: AddressSanitizer|runtime error' "$T_DIR/jobd.log")" . "no sanitizer reports"
done_testing
