#!/usr/bin/env bash
# t_facebook.sh: Facebook page intake end to end: Meta's subscription challenge, signed webhooks
# through the worker's socket, phananh-jobd turning events into cases, fetching photos and
# answering through a local server shaped like the Graph API (fake_graph.py).
. "${top_srcdir:-.}/tests/integration/lib.sh"
. "$top_srcdir/tests/integration/intake_lib.sh"
t_init facebook
t_require mariadb curl python3 cgi-fcgi "$PHANANH_JOBD" "$PHANANH_ADMIN" "$PHANANH_FCGI"
plan 27
ia_db
printf 'app-secret-123\n' >"$T_DIR/fb.secret"
printf 'PAGE-TOKEN_123\n' >"$T_DIR/fb.token"
t_fcgi "fb_app_secret_file = $T_DIR/fb.secret" "fb_verify_token = verify-me" ||
	bail_out "phananh-fcgi did not start"
mkdir -p "$T_DIR/files"
python3 "$top_srcdir/tests/integration/mail_fixture.py" jpeg "$T_DIR/files/a.jpg" tag=facebook
head -c $((2 << 20)) /dev/zero | tr '\0' 'x' >"$T_DIR/files/big.jpg"
t_bg "$T_DIR/graph.log" python3 "$top_srcdir/tests/integration/fake_graph.py" "$T_DIR/graph.port" \
	"$T_DIR/graph.jsonl" "$T_DIR/files"
ph_wait_until 10 test -s "$T_DIR/graph.port" || bail_out "fake_graph.py did not start"
GRAPH=http://127.0.0.1:$(cat "$T_DIR/graph.port")
NOW=$(date +%s)
PSID=6001002003

# event FILE MID PSID TEXT [ATTACHMENT_URL]: a page webhook body (no trailing newline)
event() {
	python3 - "$@" "$NOW" <<-'PY'
		import json, sys
		out, mid, psid, text, url, now = sys.argv[1:7]
		msg = {"mid": mid, "text": text}
		if url:
		    msg["attachments"] = [{"type": "image", "payload": {"url": url}}]
		ev = {"sender": {"id": psid}, "recipient": {"id": "PAGE1"},
		      "timestamp": (int(now) - 120) * 1000, "message": msg}
		echo = {"sender": {"id": "PAGE1"}, "recipient": {"id": psid}, "timestamp": 1,
		        "message": {"mid": "m_echo", "is_echo": True, "text": "x"}}
		body = {"object": "page", "entry": [{"id": "PAGE1", "time": 1, "messaging": [ev, echo]}]}
		open(out, "w").write(json.dumps(body, ensure_ascii=False))
	PY
}
# deliver FILE [SIGNATURE]: POST the body, signed with the app secret unless SIGNATURE is given
deliver() {
	local sig=${2:-}
	[ -n "$sig" ] || sig=sha256=$(python3 -c 'import hashlib, hmac, sys
print(hmac.new(b"app-secret-123", open(sys.argv[1], "rb").read(), hashlib.sha256).hexdigest())' "$1")
	T_FCGI_ENV=("HTTP_X_HUB_SIGNATURE_256=$sig")
	t_fcgi_req POST /api/v1/webhooks/facebook "$(cat "$1")"
	T_FCGI_ENV=()
}

# ---- subscription challenge -------------------------------------------------------------------------
t_fcgi_req GET "/api/v1/webhooks/facebook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"
is "$T_STATUS $T_BODY" "200 1158201444" "the challenge is answered with the verify token"
t_fcgi_req GET "/api/v1/webhooks/facebook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444"
is "$T_STATUS" 403 "a wrong verify token is refused"

# ---- signatures and idempotent storage -----------------------------------------------------------
event "$T_DIR/e1.json" m_AAA111 $PSID "Cây đổ chắn ngang đường Nguyễn Huệ, phường Quy Nhơn" "$GRAPH/files/a.jpg"
deliver "$T_DIR/e1.json" "sha256=$(printf '0%.0s' {1..64})"
is "$T_STATUS" 403 "a bad signature gets 403"
deliver "$T_DIR/e1.json" "sha1=abc"
is "$T_STATUS" 403 "a missing sha256 signature gets 403"
is "$(ia_count "SELECT COUNT(*) FROM fb_events")" 0 "and nothing is stored"
deliver "$T_DIR/e1.json"
is "$T_STATUS" 200 "a signed delivery is accepted"
is "$(t_sql "SELECT mid, psid, processed FROM fb_events")" "m_AAA111	$PSID	0" \
	"the page message is stored (the page's own echo is not)"
deliver "$T_DIR/e1.json"
is "$T_STATUS $(ia_count "SELECT COUNT(*) FROM fb_events")" "200 1" "a repeated delivery stores nothing twice"

# ---- the daemon makes the case, fetches the photo, sends the acknowledgement ---------------------
ia_jobd_start "modules = facebook,fbsend" "fb_graph_url = $GRAPH" "fb_graph_version = v19.0" \
	"fb_page_token_file = $T_DIR/fb.token" "fb_interval = 1" \
	"fb_templates_dir = $top_srcdir/data/templates/facebook" "fb_max_attachment_bytes = 1048576"
ia_wait_count 20 1 "SELECT COUNT(*) FROM cases"
ok $? "the event became a case"
CODE=$(ia_count "SELECT id FROM cases")
is "$(t_sql "SELECT c.channel, c.channel_ref, r.channel_user, UNIX_TIMESTAMP(c.received_at), c.description
	FROM cases c JOIN case_reporters r ON r.case_id = c.id")" \
	"facebook	m_AAA111	$PSID	$((NOW - 120))	Cây đổ chắn ngang đường Nguyễn Huệ, phường Quy Nhơn" \
	"channel facebook, mid, PSID, the event's time (B3), the text"
SHA=$(sha256sum "$T_DIR/files/a.jpg" | cut -d' ' -f1)
# the photo goes through the media pipeline (display copies): wait for it
ph_wait_until 20 test -n "$(t_sql "SELECT id FROM media WHERE case_id = '$CODE'")"
is "$(t_sql "SELECT sha256, mime FROM media WHERE case_id = '$CODE'")" "$SHA	image/jpeg" \
	"the photo was fetched and stored"
cmp -s "$T_DIR/files/a.jpg" "$T_DIR/media/originals/${SHA:0:2}/${SHA:2:2}/$SHA"
ok $? "the photo file is stored by content"
ia_wait_count 20 1 "SELECT COUNT(*) FROM notifications WHERE channel = 'facebook' AND state = 'sent'"
ok $? "the acknowledgement row is sent"
SENT=$(head -1 "$T_DIR/graph.jsonl")
# shellcheck disable=SC2016
graph() { printf '%s' "$SENT" | python3 -c "import json, sys; r = json.load(sys.stdin); print($1)"; }
is "$(graph 'r["path"], r["query"]["access_token"][0]')" "/v19.0/me/messages PAGE-TOKEN_123" \
	"Send API path and page token"
is "$(graph 'r["body"]["recipient"]["id"], r["body"]["messaging_type"]')" "$PSID RESPONSE" \
	"sent to the right recipient"
like "$(graph 'r["body"]["message"]["text"]')" \
	"mã số $CODE\. Theo dõi .*: http://phananh\.test/track\.html#[A-Za-z0-9_-]{43}" \
	"the text has the code and the tracking link"
is "$(t_sql "SELECT processed, case_id, outcome FROM fb_events")" "2	$CODE	case" "the event is done"

# ---- the citizen writes again: joins the open case ------------------------------------------------
event "$T_DIR/e2.json" m_BBB222 $PSID "Bổ sung: cây to, cần xe cẩu" ""
deliver "$T_DIR/e2.json"
is "$T_STATUS" 200 "the second message is accepted"
ia_wait_count 20 2 "SELECT COUNT(*) FROM fb_events WHERE processed = 2"
ok $? "and processed"
is "$(t_sql "SELECT case_id, outcome FROM fb_events WHERE mid = 'm_BBB222'")" "$CODE	note" \
	"it joins the user's open case"
is "$(t_sql "SELECT note FROM case_events WHERE case_id = '$CODE' AND kind = 'reporter_message'")" \
	"Bổ sung: cây to, cần xe cẩu" "as the reporter's message on the case"
# ---- a late repeat of the first delivery ------------------------------------------------------------
deliver "$T_DIR/e1.json"
sleep 1.5
is "$(ia_count "SELECT COUNT(*) FROM cases")/$(ia_count "SELECT COUNT(*) FROM fb_events")" "1/2" \
	"a repeat after processing creates nothing"

# ---- another user, a photo over the limit -----------------------------------------------------------
event "$T_DIR/e3.json" m_CCC333 7007 "Ổ gà lớn trên đường Hùng Vương" "$GRAPH/files/big.jpg"
deliver "$T_DIR/e3.json"
ia_wait_count 20 2 "SELECT COUNT(*) FROM cases"
ok $? "another user's message is a new case"
is "$(ia_count "SELECT COUNT(*) FROM media WHERE case_id <> '$CODE'")" 0 "the photo over the limit is not kept"
ia_wait_count 20 1 "SELECT COUNT(*) FROM notifications WHERE template = 'attachment_too_large' AND state = 'sent'
	AND channel = 'facebook' AND recipient_addr = '7007'"
ok $? "a polite message about the limit is sent to that user"
like "$(grep -c '"id": "7007"' "$T_DIR/graph.jsonl")" '^2$' "both the acknowledgement and the notice went to 7007"
ia_jobd_stop
unlike "$(grep -hE 'ERROR: AddressSanitizer|runtime error' "$T_DIR/jobd.log" "$T_DIR/fcgi.log")" . \
	"no sanitizer reports"
done_testing
