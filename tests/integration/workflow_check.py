"""workflow_check.py: drives cases through every transition of the workflow
table through nginx and the real database, with the clock set by
X-Test-Now, and checks each timer's due time and outcome against a
working-time calculator written here independently of lib/calendar.c."""
import datetime as dt
import os
import subprocess
import threading

from phtest import Client, diag, done, eq, ok

TZ = dt.timezone(dt.timedelta(hours=7))
SESSIONS = [(7 * 60, 11 * 60 + 30), (13 * 60 + 30, 17 * 60)]


def t(y, mo, d, h, mi=0):
    return int(dt.datetime(y, mo, d, h, mi, tzinfo=TZ).timestamp())


def add_working(start, minutes):
    """Walk minute by minute (slow, simple, independent). Mon-Fri, no
    holidays in December 2026."""
    cur = dt.datetime.fromtimestamp(start, TZ).replace(second=0)
    left = minutes

    def working(x):
        m = x.hour * 60 + x.minute
        return x.weekday() < 5 and any(a <= m < b for a, b in SESSIONS)
    while not working(cur):
        cur += dt.timedelta(minutes=1)
    while left > 0:
        if working(cur):
            left -= 1
        cur += dt.timedelta(minutes=1)
        if left > 0:
            while not working(cur):
                cur += dt.timedelta(minutes=1)
    return int(cur.timestamp())


def timers(view, stage):
    return [x for x in view.get("timers", []) if x["stage"] == stage]


def last(view, stage):
    ts = timers(view, stage)
    return ts[-1] if ts else {}


REPORT = {
    "description": "Ổ gà sâu khoảng 30 cm giữa đường Trần Hưng Đạo, "
                   "xe máy dễ té ngã vào ban đêm.",
    "field": "GTVT", "lat": 13.7765, "lng": 109.2235,
    "address": "123 Trần Hưng Đạo, phường Quy Nhơn",
    "name": "Nguyễn Văn Báo", "phone": "0905 123 456",
    "email": "bao@example.com", "declaration": True,
}


class Actors:
    def __init__(self):
        self.c = {}

    def __getitem__(self, user):
        if user not in self.c:
            cl = Client()
            cl.now = citizen.now
            st, _ = cl.login(user)
            assert st == 200, "login %s: %s" % (user, st)
            self.c[user] = cl
        return self.c[user]


A = Actors()
citizen = Client()


def at(now):
    citizen.now = now
    for cl in A.c.values():
        cl.now = now


def view(code, user="tiepnhan"):
    return A[user].get("/api/v1/cases/%s" % code)[1]


def step(user, code, action, body, now, want_state, desc):
    at(now)
    st, js, raw, _ = A[user].act(code, action, body)
    ok(st == 200 and js.get("state") == want_state,
       "%s: %s -> %s" % (desc, action, want_state), raw)
    return js


TOKENS = {}


def submit(now, extra=None):
    at(now)
    body = dict(REPORT)
    body.update(extra or {})
    st, js, raw, _ = citizen.post("/api/v1/reports", body)
    ok(st == 201, "report accepted (201)", raw)
    if st == 201:
        TOKENS[js["code"]] = js["token"]
    return js


def flow_main():
    t0 = t(2026, 12, 8, 8, 0)
    r = submit(t0)
    code, token = r["code"], r["token"]
    eq(r["intake_due_at"], add_working(t0, 60), "1 submit: intake due 1 WH")
    at(t0 + 600)
    step("tiepnhan", code, "request_info", {"reason": "Xin bổ sung ảnh"},
         t0 + 600, "needs_info", "2")
    v = view(code)
    eq(last(v, "intake").get("status"), "paused", "intake clock paused (B4)")
    eq(last(v, "supplement").get("due_at"), add_working(t0 + 600, 2400),
       "supplement clock: 5 WD")
    at(t0 + 1800)
    st, js, raw, _ = citizen.post("/api/v1/track/%s/actions/supplement" %
                                  token, {"text": "Ảnh chụp lúc 7 giờ"})
    ok(st == 200 and js["state"] == "received", "3 supplement -> received",
       raw)
    v = view(code)
    eq(last(v, "intake").get("due_at"), add_working(t0 + 1800, 60),
       "fresh intake clock after the supplement (B4)")
    eq(last(v, "supplement").get("status"), "on_time",
       "supplement clock stopped on time")
    d = t0 + 2400
    step("tiepnhan", code, "distribute", {"field": "GTVT",
         "group": "GTVT-DUONG", "lead_agency": "SXD",
         "coord_agencies": ["UBND-QN"]}, d, "distributed", "8")
    v = view(code)
    eq(last(v, "intake").get("status"), "on_time", "intake stopped on time")
    eq(last(v, "accept").get("due_at"), add_working(d, 30),
       "accept clock: 30 working minutes (B1)")
    eq(last(v, "return").get("due_at"), add_working(d, 480),
       "return window: 1 WD")
    eq(last(v, "process").get("due_at"), add_working(d, 2880),
       "processing clock: agency SLA 6 WD from distribution (B6)")
    step("sxd.canbo", code, "accept", {}, t0 + 3600, "in_processing", "9")
    eq(last(view(code), "accept").get("status"), "on_time",
       "accepted within 30 minutes: on time")
    step("sxd.canbo", code, "submit_result", {"text": "Đã vá ổ gà."},
         t0 + 7200, "awaiting_approval", "14")
    v = view(code)
    eq(last(v, "process").get("status"), "paused", "processing clock paused")
    eq(last(v, "approve").get("due_at"), add_working(t0 + 7200, 480),
       "approval clock: 1 WD")
    step("sxd.lanhdao", code, "return_for_rework", {"reason": "Bổ sung ảnh"},
         t0 + 9000, "in_processing", "15")
    used = 80        # 08:40 -> 10:00 working minutes before the pause
    eq(last(view(code), "process").get("due_at"),
       add_working(t0 + 9000, 2880 - used),
       "rework resumes the remaining processing budget (B7)")
    step("sxd.canbo", code, "submit_result", {"text": "Đã vá ổ gà, có ảnh."},
         t0 + 10800, "awaiting_approval", "14 again")
    step("sxd.lanhdao", code, "approve",
         {"text": "Sở Xây dựng đã vá ổ gà ngày 08/12/2026."},
         t(2026, 12, 8, 13, 45), "approved", "16 edit and approve")
    v = view(code)
    ok(v.get("answer_officer") == "Đã vá ổ gà, có ảnh." and
       v.get("answer_leader", "").startswith("Sở Xây dựng đã vá"),
       "leader's edited text kept beside the officer's")
    eq(last(v, "publish").get("due_at"),
       add_working(t(2026, 12, 8, 13, 45), 60), "publication clock: 1 WH")
    step("bientap", code, "reject_publication", {"reason": "Thiếu số văn bản"},
         t(2026, 12, 8, 14, 0), "awaiting_approval", "20")
    step("sxd.lanhdao", code, "approve", {}, t(2026, 12, 8, 14, 10),
         "approved", "16 again")
    step("bientap", code, "publish", {}, t(2026, 12, 8, 14, 20),
         "published", "17")
    v = view(code)
    eq(last(v, "process").get("status"), "on_time",
       "processing clock closed on time at publication")
    ok(v["notice"] and v["notice"]["agency"] == "Sở Xây dựng" and
       "Sở Xây dựng đã vá" in v["notice"]["body"],
       "result notice rendered from data (agency, answer)", v["notice"])
    at(t(2026, 12, 8, 15, 0))
    st, js, raw, _ = citizen.post("/api/v1/track/%s/actions/feedback" % token,
                                  {"text": "Ổ gà bên cạnh chưa vá."})
    ok(st == 200 and js["state"] == "clarifying", "21 feedback", raw)
    step("sxd.canbo", code, "submit_clarification", {"text": "Sẽ vá tiếp."},
         t(2026, 12, 8, 15, 30), "clarify_approval", "22 draft")
    step("sxd.lanhdao", code, "approve_clarification", {},
         t(2026, 12, 8, 15, 40), "clarify_approved", "22 approve")
    step("bientap", code, "publish_clarification", {},
         t(2026, 12, 8, 15, 50), "published", "22 publish")
    for rating in ("satisfied", "not_satisfied"):
        at(t(2026, 12, 8, 16, 0))
        st, js, raw, _ = citizen.post("/api/v1/track/%s/actions/rate" % token,
                                      {"rating": rating})
        ok(st == 200 and js["state"] == "published",
           "23 rate %s (changeable until closed)" % rating, raw)
    v = view(code)
    ok(v["rating"] == "not_satisfied" and v["review_flag"],
       "'not satisfied' raises the review flag (B25)")
    return code, token


def tick(now):
    out = subprocess.run([os.environ["PHANANH_ADMIN"], "-c",
                          os.environ["T_DIR"] + "/admin.conf", "tick",
                          str(now)], capture_output=True, text=True)
    return out.stdout + out.stderr


def flow_close_reopen(code, token):
    out = tick(t(2026, 12, 8, 16, 30))
    ok("closed 1" in out, "24 auto-close of a rated case (tick)", out)
    eq(view(code)["state"], "closed", "case closed")
    at(t(2026, 12, 8, 16, 40))
    st, _, _, _ = citizen.post("/api/v1/track/%s/actions/rate" % token,
                               {"rating": "satisfied"})
    eq(st, 409, "rating is frozen once closed")
    step("giamsat", code, "reopen", {"reason": "Chỉ đạo của UBND tỉnh",
         "lead_agency": "SXD"}, t(2026, 12, 9, 8, 0), "distributed", "25")
    eq(last(view(code), "accept").get("due_at"),
       add_working(t(2026, 12, 9, 8, 0), 30), "reopen starts fresh timers")


def flow_returns():
    r = submit(t(2026, 12, 9, 9, 0))
    code = r["code"]
    step("tiepnhan", code, "distribute", {"field": "TNMT",
         "group": "TNMT-RAC", "lead_agency": "SNNMT"},
         t(2026, 12, 9, 9, 10), "distributed", "8 (to the wrong agency)")
    step("snnmt.canbo", code, "return_not_competent",
         {"reason": "Thuộc thẩm quyền Sở Xây dựng"}, t(2026, 12, 9, 9, 20),
         "returned_to_center", "10")
    v = view(code)
    eq(last(v, "return").get("status"), "on_time",
       "return within 1 WD: on time")
    eq(last(v, "redistribute").get("due_at"),
       add_working(t(2026, 12, 9, 9, 20), 60), "re-distribution clock 1 WH")
    step("tiepnhan", code, "redistribute", {"field": "GTVT",
         "group": "GTVT-DUONG", "lead_agency": "SXD"},
         t(2026, 12, 9, 9, 30), "distributed", "11")
    eq(last(view(code), "process").get("due_at"),
       add_working(t(2026, 12, 9, 9, 30), 2880),
       "the new agency gets a fresh processing clock (B8)")
    step("sxd.canbo", code, "accept", {}, t(2026, 12, 9, 10, 30),
         "in_processing", "9 late acceptance")
    eq(last(view(code), "accept").get("status"), "late",
       "acceptance after 30 minutes recorded late")
    step("giamsat", code, "escalate", {"reason": "Nhiều cơ quan liên quan"},
         t(2026, 12, 9, 11, 0), "escalated", "12")
    step("giamsat", code, "record_direction", {"direction":
         "Văn bản 123/UBND-KT ngày 09/12/2026", "lead_agency": "UBND-QN",
         "field": "GTVT", "group": "GTVT-DUONG"}, t(2026, 12, 9, 13, 30),
         "distributed", "13")


def flow_terminal():
    code = submit(t(2026, 12, 10, 8, 0))["code"]
    step("tiepnhan", code, "reject", {"reason": "Không phải phản ánh hiện "
         "trường"}, t(2026, 12, 10, 8, 5), "not_accepted", "5")
    master = submit(t(2026, 12, 10, 8, 10))["code"]
    dup = submit(t(2026, 12, 10, 8, 20))["code"]
    at(t(2026, 12, 10, 8, 25))
    st, js, raw, _ = A["tiepnhan"].get("/api/v1/cases/%s/suggestions" % dup)
    ok(st == 200 and any(x["code"] == master for x in js["duplicates"]),
       "duplicate suggestion finds the nearby recent case", raw)
    step("tiepnhan", dup, "merge", {"duplicate_of": master},
         t(2026, 12, 10, 8, 30), "merged", "6")
    r = submit(t(2026, 12, 10, 9, 0))
    at(t(2026, 12, 10, 9, 5))
    st, js, raw, _ = citizen.post("/api/v1/track/%s/actions/withdraw" %
                                  r["token"], {})
    ok(st == 200 and js["state"] == "withdrawn", "7 withdraw", raw)
    code = submit(t(2026, 12, 10, 9, 10))["code"]
    step("tiepnhan", code, "request_info", {"reason": "Thiếu địa chỉ"},
         t(2026, 12, 10, 9, 15), "needs_info", "2 (no answer follows)")
    out = tick(t(2026, 12, 18, 9, 0))
    ok("expired 1" in out, "4 supplement deadline expired (tick)", out)
    eq(view(code)["state"], "not_accepted", "unanswered request: not accepted")
    conf = submit(t(2026, 12, 10, 10, 0), {"confidential": True})["code"]
    for u, a, body, s in (("tiepnhan", "distribute", {"field": "XD",
                           "group": "XD-DENDUONG", "lead_agency": "SXD"},
                           "distributed"),
                          ("sxd.canbo", "accept", {}, "in_processing"),
                          ("sxd.canbo", "submit_result", {"text": "Đã sửa."},
                           "awaiting_approval"),
                          ("sxd.lanhdao", "approve", {}, "approved")):
        step(u, conf, a, body, t(2026, 12, 10, 10, 30), s, "confidential")
    at(t(2026, 12, 10, 11, 0))
    st, js, raw, _ = A["bientap"].act(conf, "publish", {})
    eq(st, 422, "a confidential case cannot be published (9.1.b)")
    step("bientap", conf, "deliver_private", {}, t(2026, 12, 10, 11, 0),
         "delivered_privately", "18")
    sec = submit(t(2026, 12, 10, 13, 30))["code"]
    step("tiepnhan", sec, "distribute", {"field": "GTVT", "group":
         "GTVT-DUONG", "lead_agency": "SXD"}, t(2026, 12, 10, 13, 40),
         "distributed", "8")
    step("sxd.lanhdao", sec, "flag_secret", {"reason": "Văn bản mật số 5"},
         t(2026, 12, 10, 14, 0), "secret_offline", "19")
    v = view(sec)
    ok("Ổ gà" not in (v.get("description") or ""),
       "the secret case keeps only a stub")
    return conf, sec


def concurrency():
    code = submit(t(2026, 12, 11, 8, 0))["code"]
    step("tiepnhan", code, "distribute", {"field": "GTVT",
         "group": "GTVT-DUONG", "lead_agency": "SXD"}, t(2026, 12, 11, 8, 5),
         "distributed", "8")
    at(t(2026, 12, 11, 8, 10))
    res = {}

    def go(u):
        res[u] = A[u].act(code, "accept", {})[0]
    th = [threading.Thread(target=go, args=(u,))
          for u in ("sxd.canbo", "sxd.canbo2")]
    for x in th:
        x.start()
    for x in th:
        x.join()
    eq(sorted(res.values()), [200, 409], "two officers accept at once: one "
       "wins, the other gets 409")
    return code


def scoping(code, conf, sec):
    st, _, _, _ = A["snnmt.canbo"].get("/api/v1/cases/%s" % code)
    eq(st, 404, "an officer of agency B cannot read agency A's case")
    at(t(2026, 12, 11, 9, 0))
    st, js, raw, _ = A["snnmt.canbo"].act(code, "submit_result",
                                          {"text": "x"})
    ok(st in (403, 404), "nor act on it (%d)" % st, raw)
    st, js, raw, _ = A["sxd.canbo"].get("/api/v1/cases/%s" % code)
    ok(st == 200 and "reporter" not in js,
       "the agency's own view has no reporter identity", raw)
    st, js, raw, _ = A["tiepnhan"].get("/api/v1/cases/%s" % code)
    ok(st == 200 and js["reporter"]["phone"] == "+84905123456",
       "the center sees the identity")
    pub = Client()
    st, js, raw, _ = pub.get("/api/v1/public/cases?page_size=100")
    codes = [x["code"] for x in js["items"]]
    ok(st == 200 and conf not in codes and sec not in codes,
       "public list has no confidential or secret case", codes)
    leaks = [w for w in ("Nguyễn Văn Báo", "905123456", "bao@example.com")
             if w in raw.decode()]
    eq(leaks, [], "public list never names the reporter")
    for c in codes[:5] + [code]:
        st, js, raw, _ = pub.get("/api/v1/public/cases/%s" % c)
        leaks = [w for w in ("Nguyễn Văn Báo", "905123456", "bao@example.com")
                 if w in raw.decode()]
        ok(st in (200, 404) and not leaks, "public case %s: no identity" % c)
    for c in (conf, sec):
        eq(pub.get("/api/v1/public/cases/%s" % c)[0], 404,
           "public page of a confidential/secret case: 404")


def reveal(code):
    at(t(2026, 12, 11, 9, 30))
    st, js, raw, _ = A["sxd.canbo"].post(
        "/api/v1/cases/%s/reveal-requests" % code,
        {"purpose": "Cần liên hệ người phản ánh để xác định vị trí"})
    ok(st == 201 and js["state"] == "pending", "agency asks to reveal the "
       "reporter's identity", raw)
    rid = js["id"]
    st, js, raw, _ = A["snnmt.canbo"].post(
        "/api/v1/cases/%s/reveal-requests" % code, {"purpose": "tò mò thôi"})
    eq(st, 404, "another agency cannot ask about a case it does not hold")
    st, js, raw, _ = A["sxd.canbo"].post("/api/v1/reveal-requests/%d/decision"
                                         % rid, {"approve": True})
    eq(st, 403, "an agency cannot approve its own request")
    ok("reporter" not in A["sxd.canbo"].get("/api/v1/cases/%s" % code)[1],
       "still hidden while pending")
    st, js, raw, _ = A["giamsat"].post("/api/v1/reveal-requests/%d/decision"
                                       % rid, {"approve": True})
    ok(st == 200 and js["state"] == "approved", "the monitor approves", raw)
    v = A["sxd.canbo"].get("/api/v1/cases/%s" % code)[1]
    ok(v.get("reporter", {}).get("phone") == "+84905123456",
       "after the audited approval the agency sees the contact", v)
    v = A["giamsat"].get("/api/v1/cases/%s" % code)[1]
    ok(any(e["kind"] == "reveal_approved" for e in v["timeline"]),
       "the approval is on the case's (internal) timeline")
    st, js, raw, _ = A["giamsat"].post("/api/v1/reveal-requests/%d/decision"
                                       % rid, {"approve": False})
    eq(st, 409, "a decided request cannot be decided again")
    st, _, _, _ = A["sxd.canbo"].post("/api/v1/cases/%s/notes" % code,
                                      {"text": "Ghi chú nội bộ XYZ"})
    eq(st, 201, "an internal note")
    tok = TOKENS.get(code)
    if tok:
        raw = citizen.get("/api/v1/track/%s" % tok)[2].decode()
        ok("Ghi chú nội bộ XYZ" not in raw and "reveal_" not in raw,
           "the reporter's view has no internal note and no reveal step")


def holiday_clock():
    # Fri 24 Apr 2026 22:00 +07; Mon 27 Apr is the compensated Hùng Kings
    # holiday, so the first working instant is Tue 28 Apr 07:00 and 1 WH
    # later is Tue 28 Apr 08:00 +07 = 01:00 UTC (computed by hand).
    r = submit(t(2026, 4, 24, 22, 0))
    eq(r["intake_due_at"], 1777338000, "22:00 Friday before a holiday: "
       "intake due Tue 08:00")


def bad_input():
    before = A["tiepnhan"].get("/api/v1/queues/all?page_size=1")[1]["total"]
    at(t(2026, 12, 11, 10, 0))
    cases = [
        ({k: v for k, v in REPORT.items() if k != "description"},
         422, "description", "missing description"),
        (dict(REPORT, lat=95.0), 422, "lat", "invalid coordinates"),
        (dict(REPORT, field="KHONGCO"), 422, "field", "unknown field"),
        (dict(REPORT, phone="abc"), 422, "phone", "invalid phone"),
        ({k: v for k, v in REPORT.items() if k != "name"},
         422, "name", "missing name"),
    ]
    for body, want, field, desc in cases:
        st, js, raw, _ = citizen.post("/api/v1/reports", body)
        ok(st == want and js["error"]["field"] == field,
           "%s: %d naming '%s'" % (desc, want, field), raw)
    big = dict(REPORT, description="x" * (20 * 1024 * 1024))
    st, _, raw, _ = citizen.post("/api/v1/reports", big)
    eq(st, 413, "a 20 MB description is refused (413)")
    st, js, raw, _ = citizen.post("/api/v1/reports", '{"description": ',
                                  ctype="application/json")
    ok(st == 400 and js["error"]["code"] == "invalid_json", "malformed JSON",
       raw)
    st, js, raw, _ = citizen.post("/api/v1/reports", "a=b",
                                  ctype="application/x-www-form-urlencoded")
    eq(st, 415, "wrong content type: 415")
    after = A["tiepnhan"].get("/api/v1/queues/all?page_size=1")[1]["total"]
    eq(after, before, "nothing was half-written")
    code = submit(t(2026, 12, 11, 10, 5))["code"]
    at(t(2026, 12, 11, 10, 6))
    st, js, raw, _ = A["sxd.canbo"].act(code, "accept", {})
    ok(st in (403, 409), "wrong state for the action: refused (%d)" % st)
    st, js, raw, _ = A["tiepnhan"].act(code, "accept", {})
    ok(st in (403, 409) and js["error"]["state"] == "received",
       "409/403 carries the current state", raw)
    st, js, raw, _ = A["tiepnhan"].act(code, "distribute", {"field": "GTVT"})
    ok(st == 422 and js["error"]["field"] in ("group", "lead_agency"),
       "distribute without group/agency: 422 naming the field", raw)
    c2 = Client()
    c2.login("tiepnhan")
    c2.csrf = "wrong"
    st, js, raw, _ = c2.act(code, "reject", {"reason": "x"})
    eq(st, 403, "a write with a wrong CSRF token is refused")


def sessions():
    c = Client()
    st, js = c.login("sxd.canbo")
    eq(st, 200, "sign-in works")
    cookie = [k for k in c.jar if k.name == "pa_session"]
    ok(cookie and cookie[0].has_nonstandard_attr("HttpOnly") or
       cookie and "httponly" in str(cookie[0]._rest).lower(),
       "the session cookie is HttpOnly")
    st, js, raw, _ = c.post("/api/v1/auth/logout", {})
    eq(st, 200, "sign-out")
    eq(c.get("/api/v1/auth/me")[0], 401, "the old session no longer works")
    bad = Client()
    codes = [bad.login("qn.canbo", "wrong-password")[0] for _ in range(5)]
    eq(codes, [401] * 5, "five wrong passwords: 401 each")
    eq(bad.login("qn.canbo")[0], 423, "then even the right password is "
       "refused: the account is locked")
    eq(bad.login("nosuchuser", "x")[0], 401, "unknown users get the same "
       "401 as wrong passwords")


def main():
    code, token = flow_main()
    flow_close_reopen(code, token)
    flow_returns()
    conf, sec = flow_terminal()
    c = concurrency()
    scoping(c, conf, sec)
    reveal(c)
    holiday_clock()
    bad_input()
    sessions()
    done()


if __name__ == "__main__":
    main()
