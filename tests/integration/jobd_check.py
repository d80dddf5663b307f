"""jobd_check.py: phananh-jobd's reminders, e-mail, push and portal jobs and
the notification/overdue API, end to end (started by t_jobd.sh). The
business clock is Monday 2026-11-16 (+07:00, sessions 07:00-11:30 and
13:30-17:00); jobd runs on it through test_clock_offset_s, the API through
X-Test-Now. Expected instants are worked out by hand in the comments."""
import datetime as dt
import email
import email.header
import email.policy
import glob
import json
import os
import subprocess
import time

from phtest import Client, diag, done, eq, ok

TZ = dt.timezone(dt.timedelta(hours=7))
T_DIR = os.environ["T_DIR"]
JOBD = os.environ["PHANANH_JOBD"]
SRC = os.environ["top_srcdir"]
PUBLIC = "http://portal.test"
MAILDIR = os.path.join(T_DIR, "mail")
PUSHLOG = os.path.join(T_DIR, "push", "push.jsonl")


def t(d, h, m=0):
    return int(dt.datetime(2026, 11, d, h, m, tzinfo=TZ).timestamp())


def sql(q):
    out = subprocess.run(["mariadb", "--defaults-file=%s/my.cnf" % T_DIR,
                          "-N", "-B", "-e", q], capture_output=True,
                         text=True, check=True)
    return [line.split("\t") for line in out.stdout.splitlines()]


def one(q):
    rows = sql(q)
    return rows[0][0] if rows else None


def wait_for(pred, timeout=15.0):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.2)
    return pred()


_n = [0]


def jobd(now, modules, extra=None):
    """Starts one phananh-jobd on business time `now`; returns the Popen."""
    _n[0] += 1
    conf = os.path.join(T_DIR, "jobd%d.conf" % _n[0])
    keys = {
        "db_defaults_file": T_DIR + "/my.cnf", "db_group": "client-phananh",
        "log_level": "debug", "tick_ms": "100", "modules": modules,
        "public_url": PUBLIC, "reminders_interval": "1",
        "mail_interval": "1", "push_interval": "1", "portal_interval": "1",
        "email_templates_dir": SRC + "/data/templates/email",
        "smtp_from": "phananh@portal.test",
        "test_clock_offset_s": str(int(now - time.time())),
    }
    keys.update(extra or {})
    with open(conf, "w") as f:
        for k, v in keys.items():
            f.write("%s = %s\n" % (k, v))
    path = os.path.join(T_DIR, "jobd%d.log" % _n[0])
    log = open(path, "a")
    p = subprocess.Popen([JOBD, "-c", conf], stdout=log,
                         stderr=subprocess.STDOUT)
    # its signal handlers are installed once it is connected
    wait_for(lambda: "started as" in open(path).read(), 10)
    return p


def stop(*procs):
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            ok(p.wait(timeout=15) == 0, "phananh-jobd exits 0 on SIGTERM")
        except subprocess.TimeoutExpired:
            p.kill()
            ok(False, "phananh-jobd exits on SIGTERM")


def make_case():
    cit = Client()
    cit.now = t(16, 8, 50)
    st, js, raw, _ = cit.post("/api/v1/reports", {
        "description": "Ổ gà sâu khoảng 30 cm giữa đường Trần Hưng Đạo.",
        "field": "GTVT", "lat": 13.7765, "lng": 109.2235,
        "address": "123 Trần Hưng Đạo, phường Quy Nhơn",
        "name": "Nguyễn Văn Báo", "phone": "0905 123 456",
        "email": "bao@example.com", "declaration": True})
    ok(st == 201, "report submitted", raw)
    code = js["code"]
    rec = Client()
    rec.now = t(16, 9, 0)
    rec.login("tiepnhan")
    st, js, raw, _ = rec.act(code, "distribute", {
        "field": "GTVT", "group": "GTVT-DUONG", "lead_agency": "SXD"})
    ok(st == 200 and js.get("state") == "distributed",
       "distributed to SXD at 09:00 (accept due 09:30)", raw)
    return code


def timer_id(code, kind):
    return one("SELECT id FROM case_timers WHERE case_id=%s AND kind='%s'"
               " AND status='running'" % (code, kind))


def reminders(code):
    acc = timer_id(code, "accept")
    # 09:16: 14 working minutes left <= 15: the officers' reminder fires.
    # Two copies run side by side for several ticks.
    a = jobd(t(16, 9, 16), "reminders")
    b = jobd(t(16, 9, 16), "reminders")
    wait_for(lambda: one("SELECT COUNT(*) FROM reminder_log") == "1")
    time.sleep(2.5)
    stop(a, b)
    eq(sql("SELECT r.template, l.queued, l.skipped FROM reminder_log l"
           " JOIN reminder_rules r ON r.id = l.rule_id WHERE l.timer_id=%s"
           % acc), [["reminder_accept", "6", "0"]],
       "two jobd copies, many ticks: the -15 rule fired once, 6 rows")
    eq(sql("SELECT channel, COUNT(*) FROM notifications WHERE template ="
           " 'reminder_accept' GROUP BY channel ORDER BY channel"),
       [["sms", "2"], ["portal", "2"], ["push", "2"]],
       "2 officers x (sms, portal, push), nothing twice")
    # An urgent rule of the deployment: SMS to the leaders 30 working
    # minutes after breach, at any hour.
    sql("INSERT INTO reminder_rules (stage, offset_min, recipients,"
        " channels, urgent, template) VALUES ('accept', 30, 'leaders',"
        " 'sms', 1, 'reminder_accept_overdue')")
    # 22:00 the same Monday: due 09:30 has passed by 330 working minutes.
    c = jobd(t(16, 22, 0), "reminders")
    ok(wait_for(lambda: one("SELECT COUNT(*) FROM reminder_log") == "3"),
       "at 22:00 the breach rule and the urgent rule fire")
    stop(c)
    night = t(16, 22, 0)
    morning = t(17, 7, 0)
    rows = sql("SELECT n.channel, u.username, UNIX_TIMESTAMP("
               "n.next_attempt_at), n.payload_json LIKE '%\"urgent\":true%'"
               " FROM notifications n JOIN users u ON u.id ="
               " n.recipient_user_id WHERE n.template ="
               " 'reminder_accept_overdue' ORDER BY n.id")
    # "at once" rows carry the tick's own time: the tick runs within a few
    # seconds after 22:00 on a loaded machine, so round to the minute
    def snap(x):
        return int(x) - (int(x) - night) % 60 if int(x) >= night else int(x)
    quiet = sorted((r[0], r[1], snap(r[2]) - morning) for r in rows
                   if r[3] == "0")
    eq(quiet, sorted([(ch, u, 0 if ch in ("sms", "push") else
                       night - morning) for u in ("sxd.canbo", "sxd.lanhdao")
                      for ch in ("sms", "email", "portal", "push")]),
       "breach: focal officer + focal leader on 4 channels; SMS and push "
       "wait for Tuesday 07:00, portal and e-mail go at once")
    urgent = [(r[0], r[1], snap(r[2])) for r in rows if r[3] == "1"]
    eq(urgent, [("sms", "sxd.lanhdao", night)],
       "urgent rule: the leader's SMS is due at 22:00, payload urgent")
    payload = json.loads(one("SELECT payload_json FROM notifications WHERE"
                             " template='reminder_accept' LIMIT 1"))
    eq((payload["stage"], payload["deadline"], payload["due_at"]),
       ("accept", "09:30 16/11", t(16, 9, 30)), "payload: stage and deadline")
    eq(one("SELECT COUNT(*) FROM reminder_log WHERE skipped=1"), "0",
       "nothing skipped")


def overdue(code):
    mon = Client()
    mon.now = t(18, 9, 30)
    mon.login("giamsat")
    st, js, raw, _ = mon.get("/api/v1/overdue")
    ok(st == 200 and js["total"] == 1, "monitor: one overdue clock", raw)
    it = js["items"][0] if js and js.get("items") else {}
    # Mon 09:30 -> Wed 09:30 = 2 working days = 960 working minutes
    eq((it.get("code"), it.get("stage"), it.get("overdue_minutes"),
        it.get("overdue_days"), (it.get("agency") or {}).get("code")),
       (str(code), "accept", 960, 2, "SXD"),
       "overdue: stage, working minutes, working days, agency")
    lead = Client()
    lead.now = mon.now
    lead.login("sxd.lanhdao")
    st, js, raw, _ = lead.get("/api/v1/overdue")
    ok(st == 200 and js["total"] == 1, "agency leader sees the own", raw)
    other = Client()
    other.now = mon.now
    other.login("snnmt.lanhdao")
    st, js, raw, _ = other.get("/api/v1/overdue")
    ok(st == 200 and js["total"] == 0, "another agency's leader: none", raw)
    off = Client()
    off.now = mon.now
    off.login("sxd.canbo")
    st, _, raw, _ = off.get("/api/v1/overdue")
    eq(st, 403, "an officer may not list overdue clocks")
    return off


def feed(off):
    st, js, raw, _ = off.get("/api/v1/notifications")
    tpls = [x["template"] for x in js.get("items", [])] if js else []
    ok(st == 200 and tpls == ["reminder_accept_overdue", "reminder_accept",
                              "distributed"] and js["unread"] == 3,
       "feed: newest first, 3 unread", raw)
    first = js["items"][0]
    eq(first["case_code"], one("SELECT case_id FROM notifications WHERE id=%d"
                               % first["id"]), "feed item carries the code")
    st, js, raw, _ = off.post("/api/v1/notifications/%d/read" % first["id"])
    ok(st == 200, "mark read", raw)
    st, js, _, _ = off.get("/api/v1/notifications?page_size=1")
    ok(js["unread"] == 2 and js["total"] == 3 and len(js["items"]) == 1 and
       js["items"][0]["read"], "unread 2 after reading one; paging", js)
    theirs = one("SELECT n.id FROM notifications n JOIN users u ON"
                 " u.id = n.recipient_user_id WHERE u.username='sxd.canbo2'"
                 " AND n.channel='portal' LIMIT 1")
    st, _, _, _ = off.post("/api/v1/notifications/%s/read" % theirs)
    eq(st, 404, "someone else's notification: 404")
    csrf, off.csrf = off.csrf, None
    st, _, _, _ = off.post("/api/v1/notifications/%d/read" % first["id"])
    off.csrf = csrf
    eq(st, 403, "read without the CSRF token: 403")


def decoded_subject(msg):
    return str(email.header.make_header(email.header.decode_header(
        msg["Subject"])))


def mails():
    out = {}
    for f in sorted(glob.glob(os.path.join(MAILDIR, "*.eml"))):
        raw = open(f, "rb").read()
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        out.setdefault(msg["To"].split("<")[-1].rstrip(">"), []).append(
            (raw, msg))
    return out


def parts(msg):
    got = {}
    for p in msg.walk():
        if p.get_content_maintype() == "text":
            got[p.get_content_type()] = p.get_payload(decode=True).decode()
    return got


def delivery(code):
    smtp = "smtp://127.0.0.1:%s" % os.environ["SMTP_PORT"]
    p = jobd(t(18, 10, 0), "mail,push,portal", {
        "smtp_url": smtp, "push_url": "http://127.0.0.1:%s/push" %
        os.environ["PUSH_PORT"], "push_key_file": T_DIR + "/push.key",
        "push_retry_seconds": "1"})
    ok(wait_for(lambda: one("SELECT COUNT(*) FROM notifications WHERE"
                            " channel IN ('email','push','portal') AND"
                            " state <> 'sent'") == "0", 25),
       "every e-mail, push and portal row is sent")
    stop(p)
    eq(one("SELECT COUNT(*) FROM notifications WHERE channel='email'"), "5",
       "5 e-mails: reporter, 2 alerts, 2 breach reminders")
    box = mails()
    eq(sum(len(v) for v in box.values()), 5, "5 messages at the server")
    raw, msg = box.get("sxd.canbo@demo.invalid", [(b"", None)])[0] \
        if "sxd.canbo@demo.invalid" in box else (b"", None)
    ok(msg is not None, "the officer got e-mail")
    if msg is None:
        return
    alert = [m for r, m in box["sxd.canbo@demo.invalid"]
             if "tiếp nhận, hạn" in decoded_subject(m)]
    ok(len(alert) == 1, "one alert e-mail to the officer")
    m = alert[0] if alert else msg
    eq(decoded_subject(m), "Phản ánh %s (Giao thông - Vận tải) chờ tiếp "
       "nhận, hạn 09:30 16/11" % code, "UTF-8 subject decodes exactly")
    ok(m["Subject"].startswith("=?UTF-8?B?"), "subject is RFC 2047 B",
       m["Subject"])
    hdr = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    ok(all(len(x) <= 78 for x in hdr.split("\r\n")),
       "header lines fit 78 characters", hdr)
    mid = one("SELECT external_id FROM notifications WHERE channel='email'"
              " AND template='distributed' AND recipient_addr="
              "'sxd.canbo@demo.invalid'")
    eq(m["Message-ID"], "<%s>" % mid, "Message-ID recorded on the row")
    ok(m["Date"] and email.utils.parsedate_tz(m["Date"]) is not None,
       "Date header parses", m["Date"])
    eq(str(email.header.make_header(email.header.decode_header(
        m["From"]))), "Phản ánh hiện trường <phananh@portal.test>",
       "From with the UTF-8 display name")
    ok(m.get_content_type() == "multipart/alternative",
       "multipart/alternative")
    body = parts(m)
    link = "%s/staff.html#case=%s" % (PUBLIC, code)
    ok("Kính gửi Võ Văn Cán Bộ," in body.get("text/plain", "") and
       "123 Trần Hưng Đạo, phường Quy Nhơn" in body["text/plain"] and
       link in body["text/plain"], "text body: greeting, place, staff link",
       body.get("text/plain"))
    ok('<a href="%s">' % link in body.get("text/html", ""),
       "HTML body links the case", body.get("text/html"))
    rep = box.get("bao@example.com", [(b"", None)])[0][1]
    ok(rep is not None and decoded_subject(rep) ==
       "Đã nhận phản ánh %s của bạn" % code, "reporter: acknowledgement")
    rtext = parts(rep).get("text/plain", "") if rep else ""
    ok("%s/case.html?code=%s" % (PUBLIC, code) in rtext and
       "/track" not in rtext and "Nguyễn Văn Báo" in rtext,
       "reporter: public case page, no private tracking link", rtext)
    pushes = [json.loads(x) for x in open(PUSHLOG)]
    eq(one("SELECT COUNT(*) FROM notifications WHERE channel='push'"), "6",
       "6 push rows")
    ok(pushes and all(x["sig_ok"] for x in pushes),
       "every POST carries a valid HMAC-SHA256 signature")
    got = sorted(x["body"]["id"] for x in pushes if x["status"] == 200)
    want = sorted(int(r[0]) for r in sql("SELECT id FROM notifications"
                                         " WHERE channel='push'"))
    eq(got, want, "each push row delivered exactly once")
    eq(sql("SELECT DISTINCT attempts FROM notifications WHERE"
           " channel='push'"), [["2"]],
       "503 on the first try: retried, sent on the second")
    b = [x["body"] for x in pushes if x["body"]["template"] == "distributed"]
    ok(b and b[0]["case"] == str(code) and b[0]["url"].endswith(
        "#case=%s" % code) and b[0]["user"] in ("sxd.canbo", "sxd.canbo2"),
       "push body: case, link, user", b[:1])


def dead_letter(code):
    add = ("INSERT INTO notifications (case_id, channel, recipient_addr,"
           " template, lang, next_attempt_at, created_at, updated_at) VALUES"
           " (%s, 'email', '%s', 'published', '%s', UTC_TIMESTAMP(),"
           " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))")
    sql(add % (code, "y@example.org", "en"))
    y = one("SELECT id FROM notifications WHERE recipient_addr="
            "'y@example.org'")
    # no server on DEAD_PORT: attempts at 0 s, +1 s, +2 s, then dead
    p = jobd(t(18, 11, 0), "mail", {
        "smtp_url": "smtp://127.0.0.1:%s" % os.environ["DEAD_PORT"],
        "mail_max_attempts": "3", "mail_retry_seconds": "1"})
    ok(wait_for(lambda: one("SELECT state FROM notifications WHERE id=%s"
                            % y) == "dead", 20), "server down: dead")
    stop(p)
    eq(sql("SELECT attempts, last_error LIKE '%%onnect%%' FROM notifications"
           " WHERE id=%s" % y), [["3", "1"]],
       "3 attempts, the connection error kept")
    sql(add % (code, "x@reject.invalid", "vi"))
    x = one("SELECT id FROM notifications WHERE recipient_addr="
            "'x@reject.invalid'")
    p = jobd(t(18, 11, 0), "mail", {
        "smtp_url": "smtp://127.0.0.1:%s" % os.environ["SMTP_PORT"]})
    ok(wait_for(lambda: one("SELECT state FROM notifications WHERE id=%s"
                            % x) == "dead"), "550 from the server: dead")
    stop(p)
    eq(sql("SELECT attempts, last_error LIKE '%%permanent%%' FROM"
           " notifications WHERE id=%s" % x), [["1", "1"]],
       "a permanent refusal is not retried")
    mon = Client()
    mon.now = t(18, 11, 5)
    mon.login("giamsat")
    st, js, raw, _ = mon.get("/api/v1/notifications/failed?channel=email")
    ids = sorted(i["id"] for i in js["items"]) if st == 200 else []
    eq(ids, sorted([int(x), int(y)]), "monitor lists both dead e-mails")
    st, _, _, _ = mon.get("/api/v1/notifications/failed?channel=pigeon")
    eq(st, 400, "unknown channel: 400")
    st, js, raw, _ = mon.post("/api/v1/notifications/%s/retry" % y)
    ok(st == 200 and js["state"] == "queued", "retry requeues", raw)
    sent = one("SELECT id FROM notifications WHERE state='sent' LIMIT 1")
    st, _, _, _ = mon.post("/api/v1/notifications/%s/retry" % sent)
    eq(st, 409, "retrying a sent row: 409")
    off = Client()
    off.now = mon.now
    off.login("sxd.canbo")
    st, _, _, _ = off.post("/api/v1/notifications/%s/retry" % x)
    eq(st, 403, "an officer may not retry")
    eq(one("SELECT COUNT(*) FROM audit_log WHERE action="
           "'notification_retry' AND object_id='%s'" % y), "1", "audited")
    p = jobd(t(18, 11, 10), "mail", {
        "smtp_url": "smtp://127.0.0.1:%s" % os.environ["SMTP_PORT"]})
    ok(wait_for(lambda: one("SELECT state FROM notifications WHERE id=%s"
                            % y) == "sent"), "after the retry: sent")
    stop(p)
    box = mails()
    m = box.get("y@example.org", [(b"", None)])[0][1]
    ok(m is not None and m["Subject"] == "Report %s has been answered" %
       code, "English template, ASCII subject left as it is")


def main():
    code = make_case()
    reminders(code)
    off = overdue(code)
    feed(off)
    delivery(code)
    dead_letter(code)
    done()


if __name__ == "__main__":
    main()
