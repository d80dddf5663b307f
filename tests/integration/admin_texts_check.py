"""admin_texts_check.py (started by t_admin_texts.sh): template overrides
set through /api/v1/admin are what the senders send. A case is distributed
to SXD on Monday 2026-11-16 09:00 (+07:00); phananh-jobd then delivers its
e-mail to the local SMTP server, its push rows to the gateway and a
Facebook row to the Graph-shaped server, each with the override's text;
the case is answered and published, and its official notice opens with the
override's sentence. A reset override gives the shipped text back."""
import datetime as dt
import email
import email.header
import email.policy
import glob
import json
import os
import subprocess
import time

from phtest import Client, done, eq, ok

TZ = dt.timezone(dt.timedelta(hours=7))
T_DIR = os.environ["T_DIR"]
JOBD = os.environ["PHANANH_JOBD"]
SRC = os.environ["top_srcdir"]
A = "/api/v1/admin"
OFFICER = "sxd.canbo@demo.invalid"


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


def wait_for(pred, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.2)
    return pred()


def client(user, now):
    c = Client()
    c.now = now
    st, _ = c.login(user)
    assert st == 200, "login %s: %s" % (user, st)
    return c


def jobd(now, modules):
    """Runs phananh-jobd on business time `now` until every row of the
    channels is sent (or 25 s), then stops it."""
    conf = os.path.join(T_DIR, "jobd.conf")
    keys = {
        "db_defaults_file": T_DIR + "/my.cnf", "db_group": "client-phananh",
        "log_level": "debug", "tick_ms": "100", "modules": modules,
        "public_url": "http://portal.test", "mail_interval": "1",
        "push_interval": "1", "fb_interval": "1",
        "email_templates_dir": SRC + "/data/templates/email",
        "smtp_url": "smtp://127.0.0.1:%s" % os.environ["SMTP_PORT"],
        "smtp_from": "phananh@portal.test",
        "push_url": "http://127.0.0.1:%s/push" % os.environ["PUSH_PORT"],
        "push_key_file": T_DIR + "/push.key",
        "fb_graph_url": "http://127.0.0.1:%s" % os.environ["GRAPH_PORT"],
        "fb_graph_version": "v19.0", "fb_page_token_file": T_DIR +
        "/fb.token", "fb_templates_dir": SRC + "/data/templates/facebook",
        "test_clock_offset_s": str(int(now - time.time())),
    }
    with open(conf, "w") as f:
        for k, v in keys.items():
            f.write("%s = %s\n" % (k, v))
    log = open(os.path.join(T_DIR, "jobd.log"), "a")
    p = subprocess.Popen([JOBD, "-c", conf], stdout=log,
                         stderr=subprocess.STDOUT)
    sent = wait_for(lambda: one("SELECT COUNT(*) FROM notifications WHERE"
                                " channel IN ('email','push','facebook')"
                                " AND state <> 'sent'") == "0", 25)
    p.terminate()
    try:
        p.wait(timeout=15)
    except subprocess.TimeoutExpired:
        p.kill()
    return sent


def mails_to(addr):
    out = []
    for f in sorted(glob.glob(os.path.join(T_DIR, "mail", "*.eml"))):
        msg = email.message_from_bytes(open(f, "rb").read(),
                                       policy=email.policy.compat32)
        if addr in msg["To"]:
            out.append(msg)
    return out


def subject(msg):
    return str(email.header.make_header(email.header.decode_header(
        msg["Subject"])))


def text_of(msg):
    for p in msg.walk():
        if p.get_content_type() == "text/plain":
            return p.get_payload(decode=True).decode()
    return ""


def overrides(adm):
    bodies = {
        "email/distributed/vi": "Subject: [Thử] Phản ánh {code} chờ {name}"
        "\n\nKính gửi {name}: văn bản của quản trị viên cho phản ánh "
        "{code} tại {place}, hạn {deadline}.\n{link}\n",
        "push/distributed/vi": "Phản ánh mới {code} cho {agency}",
        "facebook/published/vi": "Phản ánh {code}: quản trị viên đã viết "
        "lời nhắn này.",
        "notice/opening/vi": "{agency} trân trọng thông báo tới quý "
        "{reporter_type} kết quả xử lý phản ánh mã {code}:",
    }
    for path, body in bodies.items():
        st, js, raw, _ = adm.req("PUT", A + "/templates/" + path,
                                 {"body": body})
        eq(st, 200, "override set through the admin API: " + path)
    st, js, raw, _ = adm.req("PUT", A + "/templates/email/closed/vi",
                             {"body": "Phản ánh {code} đã đóng"})
    ok(st == 422 and js["error"]["field"] == "body",
       "an e-mail text without its Subject line: 422", raw)
    st, js, raw, _ = adm.req("PUT", A + "/templates/sms/ack/vi",
                             {"body": "Kính gửi {name}"})
    ok(st == 422 and "{name}" in js["error"]["message"],
       "an SMS text cannot use the e-mail recipient's {name}", raw)
    st, js, raw, _ = adm.get(A + "/templates")
    push = [x for x in js.get("items", []) if x["channel"] == "push" and
            x["name"] == "distributed" and x["lang"] == "vi"]
    ok(push and push[0]["default"].startswith("Phản ánh {code}") and
       push[0]["override"] == bodies["push/distributed/vi"],
       "the listing shows the push title's default (the e-mail subject)"
       " and its override", push)


def preview(adm, code):
    st, js, raw, _ = adm.post(A + "/templates/preview", {
        "case": str(code), "channel": "email", "name": "distributed",
        "lang": "vi"})
    ok(st == 200 and js["text"].startswith("Subject: [Thử] Phản ánh %s chờ "
                                           "Nguyễn Văn A" % code),
       "the e-mail override previews from the real case", raw)


def make_case(now):
    cit = Client()
    cit.now = now - 600
    st, js, raw, _ = cit.post("/api/v1/reports", {
        "description": "Ổ gà sâu khoảng 30 cm giữa đường Trần Hưng Đạo.",
        "field": "GTVT", "lat": 13.7765, "lng": 109.2235,
        "address": "123 Trần Hưng Đạo, phường Quy Nhơn",
        "name": "Nguyễn Văn Báo", "phone": "0905 123 456",
        "email": "bao@example.com", "declaration": True})
    ok(st == 201, "report submitted", raw)
    code = js.get("code")
    rec = client("tiepnhan", now)
    st, js, raw, _ = rec.act(code, "distribute", {
        "field": "GTVT", "group": "GTVT-DUONG", "lead_agency": "SXD"})
    ok(st == 200, "distributed to SXD", raw)
    return code


def delivery(code, now):
    sql("INSERT INTO notifications (case_id, channel, recipient_addr,"
        " template, lang, next_attempt_at, created_at, updated_at) VALUES"
        " (%s, 'facebook', 'PSID-1', 'published', 'vi', UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))" % code)
    ok(jobd(now + 3600, "mail,push,fbsend"),
       "jobd sends every e-mail, push and Facebook row")
    box = mails_to(OFFICER)
    m = [x for x in box if subject(x).startswith("[Thử]")]
    ok(len(m) == 1 and subject(m[0]) == "[Thử] Phản ánh %s chờ Võ Văn Cán "
       "Bộ" % code, "the SMTP server got the override's subject",
       [subject(x) for x in box])
    body = text_of(m[0]) if m else ""
    ok("văn bản của quản trị viên cho phản ánh %s tại 123 Trần Hưng Đạo"
       % code in body and "staff.html#case=%s" % code in body,
       "and the override's body with the case's values", body)
    pushes = [json.loads(x) for x in open(os.path.join(T_DIR, "push",
                                                       "push.jsonl"))]
    titles = sorted({x["body"]["title"] for x in pushes
                     if x["body"]["template"] == "distributed"})
    eq(titles, ["Phản ánh mới %s cho Sở XD" % code],
       "the push gateway got the override's title")
    graph = [json.loads(x) for x in open(os.path.join(T_DIR,
                                                      "graph.jsonl"))]
    texts = [x["body"]["message"]["text"] for x in graph]
    eq(texts, ["Phản ánh %s: quản trị viên đã viết lời nhắn này." % code],
       "the Graph API got the override's Facebook text")


def notice(code, now):
    steps = (("sxd.canbo", "accept", {}), ("sxd.canbo", "submit_result",
             {"text": "Đã vá ổ gà."}), ("sxd.lanhdao", "approve", {}),
             ("bientap", "publish", {}))
    for i, (user, action, body) in enumerate(steps):
        st, js, raw, _ = client(user, now + 600 * (i + 1)).act(
            code, action, body)
        ok(st == 200, "%s: %s" % (user, action), raw)
    st, v, raw, _ = client("tiepnhan", now + 3000).get("/api/v1/cases/%s"
                                                       % code)
    n = v.get("notice") or {}
    if isinstance(n, str):
        n = json.loads(n)
    eq(n.get("opening"), "Sở Xây dựng trân trọng thông báo tới quý cá nhân "
       "kết quả xử lý phản ánh mã %s:" % code,
       "the notice opens with the override's sentence")
    ok(n.get("closing", "").startswith("Chúng tôi cảm ơn"),
       "sentences without an override keep the built-in text", n)


def reset(adm):
    st, _, _, _ = adm.req("DELETE", A + "/templates/email/distributed/vi")
    eq(st, 200, "the e-mail override is removed")
    eq(one("SELECT COUNT(*) FROM audit_log WHERE object_type='template'"
           " AND action IN ('template.set', 'template.reset')"), "5",
       "every override change is audited")


def main():
    now = t(16, 9, 0)
    adm = client("quantri", now)
    overrides(adm)
    code = make_case(now)
    preview(adm, code)
    delivery(code, now)
    notice(code, now + 7200)
    reset(adm)
    done()


if __name__ == "__main__":
    main()
