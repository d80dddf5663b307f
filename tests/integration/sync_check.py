"""sync_check.py: the agency sync API (/api/sync/v1) and webhooks, driven by
t_sync.sh (nginx, phananh-fcgi, phananh-jobd and hook_server.py are running).
Expected values come from the actions this script performs and from the
database, never from the code under test."""
import hashlib
import hmac
import json
import os
import subprocess
import threading
import time
import urllib.request

from phtest import Client, diag, done, eq, ok

T_DIR = os.environ["T_DIR"]
KEY = os.environ["SYNC_KEY_SXD"]
KEY_QN = os.environ["SYNC_KEY_QN"]
KEY_SNN = os.environ["SYNC_KEY_SNN"]
HOOK = "http://127.0.0.1:%s" % os.environ["HOOK_PORT"]
T0 = 1796691600            # 2026-12-08 08:00 +07:00 (a Tuesday)
NOW = [T0]
BODIES = []                # every sync answer, for the identity checks
PHONE, EMAIL, NAME = "+84905123456", "bao@example.com", "Nguyễn Văn Báo"
SECRET_TEXT = "MAT-TAI-LIEU-so-12"
MARK = []                  # len(BODIES) when the case was flagged secret


def sql(q):
    out = subprocess.run(["mariadb", "--defaults-file=%s/my.cnf" % T_DIR,
                          "-N", "-B", "-e", q], capture_output=True,
                         text=True, check=True)
    return [line.split("\t") for line in out.stdout.splitlines()]


def tick(sec=60):
    NOW[0] += sec
    return NOW[0]


def api(key, method, path, body=None, idem=None, clock=True):
    c = Client()
    c.now = NOW[0] if clock else None
    h = {"X-API-Key": key} if key else {}
    if idem is not None:
        h["Idempotency-Key"] = idem
    st, js, raw, hdrs = c.req(method, "/api/sync/v1" + path, body, headers=h)
    BODIES.append(raw.decode("utf-8", "replace"))
    return st, js, raw, hdrs


class Staff:
    def __init__(self):
        self.c = {}

    def act(self, user, code, action, body=None):
        if user not in self.c:
            cl = Client()
            st, _ = cl.login(user)
            assert st == 200, "login %s" % user
            self.c[user] = cl
        cl = self.c[user]
        cl.now = tick()
        st, js, raw, _ = cl.act(code, action, body or {})
        ok(st == 200, "staff %s: %s" % (user, action), raw)
        return js


STAFF = Staff()


def report(extra=None):
    c = Client()
    c.now = tick()
    body = {"description": "Đèn đường hỏng trên đường Trần Hưng Đạo, "
            "tối om cả đoạn.", "field": "GTVT", "lat": 13.7765,
            "lng": 109.2235, "address": "123 Trần Hưng Đạo", "name": NAME,
            "phone": "0905 123 456", "email": EMAIL, "declaration": True}
    body.update(extra or {})
    st, js, raw, _ = c.post("/api/v1/reports", body)
    assert st == 201, raw
    return js["code"], js["token"]


def distribute(code, lead="SXD", coord=None):
    STAFF.act("tiepnhan", code, "distribute", {
        "field": "GTVT", "group": "GTVT-DUONG", "lead_agency": lead,
        "coord_agencies": coord or []})


def sync_act(code, action, body=None, key=KEY, idem=None):
    tick()
    return api(key, "POST", "/cases/%s/actions/%s" % (code, action),
               body if body is not None else {},
               idem=idem if idem is not None else "k-%s-%s-%d" % (
                   code, action, NOW[0]))


class Consumer:
    """A sync client: pages of `limit`, a committed cursor."""

    def __init__(self, key, cursor=0, limit=2):
        self.key, self.cursor, self.limit = key, cursor, limit
        self.events = []

    def page(self, commit=True):
        st, js, raw, _ = api(self.key, "GET", "/feed?cursor=%d&limit=%d" %
                             (self.cursor, self.limit), clock=False)
        if st != 200:
            diag("feed: %s %s" % (st, raw[:200]))
            return False
        if commit:       # else: the client died before storing the page
            self.events.extend(js["events"])
            self.cursor = js["next_cursor"]
        return js["more"]

    def drain(self):
        for _ in range(200):
            if not self.page():
                return


def org_id(code):
    return int(sql("SELECT id FROM organisations WHERE code = '%s'" %
                   code)[0][0])


def check_auth():
    st, js, _, _ = api(None, "GET", "/feed")
    ok(st == 401 and js["error"]["code"] == "unauthenticated", "no key: 401")
    st, _, _, _ = api(os.environ["O311_KEY_SXD"], "GET", "/feed")
    eq(st, 401, "an Open311 key is not a sync key")
    st, _, _, _ = api(KEY, "GET", "/feed?limit=501")
    eq(st, 400, "limit above 500: 400")
    st, _, _, _ = api(KEY, "GET", "/feed?cursor=-1")
    eq(st, 400, "negative cursor: 400")


def lifecycle(cons):
    """One case through its whole life; the consumer reads in between and
    is killed mid-page now and then."""
    code, token = report()
    cons.page()
    distribute(code, coord=["UBND-QN"])
    steps = [("accept", {}), ("note", {"text": "Đã cử tổ kiểm tra hiện trường"}),
             ("progress", {"text": "Đang thay bóng đèn", "percent": 50}),
             ("submit_result", {"text": "Đã thay 12 bóng đèn."}),
             ("approve", {"approved_by": "Trần Thị Lãnh Đạo"})]
    for i, (action, body) in enumerate(steps):
        st, js, raw, _ = sync_act(code, action, body)
        ok(st in (200, 201), "sync %s" % action, raw)
        cons.page(commit=(i % 2 == 0))     # every other page is lost
        cons.page()
    STAFF.act("bientap", code, "publish")
    c = Client()
    c.now = tick()
    st, _, raw, _ = c.post("/api/v1/track/%s/actions/feedback" % token,
                           {"text": "Còn 2 bóng chưa sáng."})
    ok(st == 200, "citizen feedback", raw)
    cons.page(commit=False)
    st, js, raw, _ = sync_act(code, "submit_clarification",
                              {"text": "Sẽ thay nốt 2 bóng."})
    ok(st == 200 and js["state"] == "clarify_approval",
       "sync submit_clarification", raw)
    st, js, raw, _ = sync_act(code, "approve_clarification",
                              {"approved_by": "Trần Thị Lãnh Đạo"})
    ok(st == 200 and js["state"] == "clarify_approved",
       "sync approve_clarification", raw)
    STAFF.act("bientap", code, "publish_clarification")
    cons.drain()
    return code


def check_feed(cons, qn, code, c0):
    sxd = org_id("SXD")
    ids = [e["id"] for e in cons.events]
    eq(len(ids), len(set(ids)), "no event twice after lost pages")
    eq(ids, sorted(ids), "events in id order")
    want = [(int(i), k) for i, k in sql(
        "SELECT id, kind FROM case_events WHERE id > %d AND org_id = %d "
        "ORDER BY id" % (c0, sxd))]
    eq([(e["id"], e["kind"]) for e in cons.events], want,
       "the feed holds exactly the agency's events (database)")
    kinds = [e["kind"] for e in cons.events if e["case"] == code]
    eq(kinds, ["distributed", "accepted", "note", "progress",
               "result_submitted", "approved", "published",
               "feedback_received", "clarification_submitted",
               "clarification_approved", "clarification_published"],
       "the lifecycle as it happened, in order")
    ev = {e["kind"]: e for e in cons.events if e["case"] == code}
    ok(ev["approved"]["note"] and "Trần Thị Lãnh Đạo" in
       ev["approved"]["note"], "approved_by recorded with the approval",
       ev["approved"])
    eq(ev["progress"]["data"], {"percent": 50}, "progress carries percent")
    ok(ev["accepted"]["from"] == "distributed" and
       ev["accepted"]["to"] == "in_processing" and
       ev["accepted"]["agency"] == "SXD" and
       ev["accepted"]["actor"] == "agency_api", "event fields", ev["accepted"])
    qn.drain()
    allc = [int(r[0]) for r in sql("SELECT id FROM case_events WHERE "
                                   "case_id = %s ORDER BY id" % code)]
    eq([e["id"] for e in qn.events if e["case"] == code], allc,
       "a coordinating agency gets every event of the case")
    snn = Consumer(KEY_SNN, c0, 500)
    snn.drain()
    ok(all(e["case"] != code for e in snn.events),
       "another agency gets nothing of the case")
    st, js, _, _ = api(KEY_SNN, "GET", "/cases/%s" % code)
    eq(st, 404, "another agency cannot read the case")


def slow_insert(code, seconds):
    """An event inserted now and committed after `seconds`: its id is lower
    than everything committed meanwhile."""
    q = ("START TRANSACTION; INSERT INTO case_events (case_id, at, kind, "
         "actor_kind, org_id, public) VALUES (%s, NOW(), 'slow_commit', "
         "'system', %d, 0); SELECT SLEEP(%d); COMMIT;" %
         (code, org_id("SXD"), seconds))
    return subprocess.Popen(["mariadb", "--defaults-file=%s/my.cnf" % T_DIR,
                             "-N", "-e", q], stdout=subprocess.DEVNULL)


def check_out_of_order(cons, code):
    p = slow_insert(code, 3)
    time.sleep(0.7)
    st, js, raw, _ = sync_act(code, "note", {"text": "sau giao dịch chậm"})
    ok(st == 201, "a note commits while an older id is still open", raw)
    later = js["event_id"]
    t = time.time()
    n = len(cons.events)
    cons.drain()
    waited = time.time() - t
    p.wait()
    got = [(e["id"], e["kind"]) for e in cons.events[n:]]
    ok(len(got) == 2 and got[0][1] == "slow_commit" and got[0][0] < later
       and got[1][0] == later, "the older id is not skipped: both, in id "
       "order", got)
    ok(waited > 1.5, "the feed waited for the open transaction "
       "(%.1f s)" % waited)
    p = slow_insert(code, 8)
    time.sleep(0.7)
    sync_act(code, "note", {"text": "lần hai"})
    st, js, raw, hdrs = api(KEY, "GET", "/feed?cursor=%d" % cons.cursor,
                            clock=False)
    ok(st == 503 and js["error"]["code"] == "retry_later" and
       hdrs.get("Retry-After") == "1", "a transaction open too long: 503 "
       "retry_later, nothing skipped", raw)
    p.wait()
    n = len(cons.events)
    cons.drain()
    eq([e["kind"] for e in cons.events[n:]], ["slow_commit", "note"],
       "after the commit both events come, in order")


def check_idempotency(code):
    q = "SELECT COUNT(*) FROM case_events WHERE case_id = %s AND kind = '%s'"
    st, js, raw, _ = api(KEY, "POST", "/cases/%s/actions/accept" % code, {})
    ok(st == 400 and js["error"]["code"] == "idempotency_key_required",
       "an action without Idempotency-Key: 400", raw)
    st1, js1, raw1, _ = sync_act(code, "accept", {}, idem="acc-1")
    st2, js2, raw2, h2 = sync_act(code, "accept", {}, idem="acc-1")
    ok(st1 == 200 and st2 == 200 and raw1 == raw2 and
       h2.get("Idempotent-Replayed") == "true",
       "a retry returns the first answer byte for byte", raw2)
    eq(sql(q % (code, "accepted"))[0][0], "1", "accepted once")
    st, js, raw, _ = sync_act(code, "accept", {"text": "x"}, idem="acc-1")
    ok(st == 422 and js["error"]["code"] == "idempotency_key_reused",
       "same key, other body: 422 idempotency_key_reused", raw)
    st, js, raw, _ = sync_act(code, "accept", {}, idem="acc-2")
    ok(st == 409 and js["error"]["code"] == "wrong_state",
       "a new key for a done transition: 409 wrong_state", raw)
    st2, _, raw2, _ = sync_act(code, "accept", {}, idem="acc-2")
    ok(st2 == 409 and raw2 == raw, "the refusal is the stored answer too")

    def burst(action, body, key):
        res = []

        def one():
            res.append(api(KEY, "POST", "/cases/%s/actions/%s" %
                           (code, action), body, idem=key)[:3])
        ts = [threading.Thread(target=one) for _ in range(8)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        return res
    res = burst("note", {"text": "đồng thời"}, "note-burst")
    ok(all(r[0] in (201, 409) for r in res) and
       len({r[2] for r in res if r[0] == 201}) == 1,
       "8 concurrent notes, one key: one answer (201) or retry_later",
       [r[0] for r in res])
    eq(sql("SELECT COUNT(*) FROM case_events WHERE case_id = %s AND "
           "note = 'đồng thời'" % code)[0][0], "1", "the note exists once")
    res = burst("submit_result", {"text": "Kết quả đồng thời"}, "res-burst")
    ok(all(r[0] in (200, 409) for r in res) and
       sum(1 for r in res if r[0] == 200) >= 1,
       "8 concurrent submit_result, one key", [r[0] for r in res])
    eq(sql(q % (code, "result_submitted"))[0][0], "1", "submitted once")
    body = json.dumps({"text": "treo"}).encode()
    path = "/api/sync/v1/cases/%s/actions/note" % code
    h = hashlib.sha256(b"POST\n" + path.encode() + b"\n" + body).hexdigest()
    sql("INSERT INTO idempotency_keys VALUES ('org:%d', 'pend-1', '%s', 0, "
        "'', UTC_TIMESTAMP())" % (org_id("SXD"), h))
    st, js, raw, hdrs = sync_act(code, "note", {"text": "treo"},
                                 idem="pend-1")
    ok(st == 409 and js["error"]["code"] == "retry_later" and
       hdrs.get("Retry-After"), "a key still pending: 409 retry_later", raw)
    sql("UPDATE idempotency_keys SET created_at = UTC_TIMESTAMP() - "
        "INTERVAL 10 MINUTE WHERE idem_key = 'pend-1'")
    st, js, raw, _ = sync_act(code, "note", {"text": "treo"}, idem="pend-1")
    ok(st == 201, "a pending key abandoned long ago is taken over", raw)
    eq(sql("SELECT status FROM idempotency_keys WHERE idem_key = "
           "'pend-1'")[0][0], "201", "and finished")


def check_register():
    body = {"external_ref": "SXD-2026-0001", "field": "GTVT",
            "group": "GTVT-DUONG", "description": "Vỉa hè bị lấn chiếm",
            "address": "45 Lê Lợi", "name": NAME, "phone": "0905123456",
            "email": EMAIL}
    st, js, raw, _ = api(KEY, "POST", "/cases", body)
    ok(st == 201 and js["state"] == "distributed", "register: 201, "
       "distributed to the registering agency", raw)
    code = js["code"]
    body["description"] = "khác"
    st2, js2, raw2, h = api(KEY, "POST", "/cases", body)
    ok(st2 == 200 and js2["code"] == code and
       h.get("Idempotent-Replayed") == "true",
       "the same external_ref returns the first case", raw2)
    row = sql("SELECT channel, external_ref, o.code FROM cases c JOIN "
              "organisations o ON o.id = c.lead_org_id WHERE c.id = %s" % code)
    eq(row, [["sync", "SXD-2026-0001", "SXD"]], "stored with channel sync, "
       "its external_ref and the agency as lead")
    st, _, _, _ = api(KEY_QN, "POST", "/cases", dict(body))
    eq(st, 201, "another agency's external_ref space is its own")
    body["external_ref"] = "SXD-2026-0002"
    res = []

    def one():
        res.append(api(KEY, "POST", "/cases", body)[0])
    ts = [threading.Thread(target=one) for _ in range(6)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    eq(sql("SELECT COUNT(*) FROM cases WHERE external_ref = "
           "'SXD-2026-0002'")[0][0], "1", "6 concurrent registrations: one "
       "case (answers %s)" % sorted(res))
    body.update(external_ref="SXD-2026-0003", group="MT-RAC")
    st, js, raw, _ = api(KEY, "POST", "/cases", body)
    ok(st == 422 and js["error"]["field"] == "group",
       "a group of another field: 422", raw)
    return code


def check_secret(code):
    sync_act(code, "note", {"text": "Chi tiết " + SECRET_TEXT})
    STAFF.act("sxd.lanhdao", code, "flag_secret", {"reason": SECRET_TEXT})
    MARK.append(len(BODIES))
    st, js, raw, _ = api(KEY, "GET", "/cases/%s" % code)
    ok(st == 200 and js["secret"] and all(
        e.get("note") is None for e in js["timeline"]),
       "a secret case: no notes in the timeline", raw)
    cons = Consumer(KEY, 0, 500)
    cons.drain()
    ok(all(e["note"] is None for e in cons.events if e["case"] == code),
       "a secret case: no notes in the feed")
    st, js, raw, _ = sync_act(code, "note", {"text": "thêm"})
    ok(st == 409 and js["error"]["code"] == "secret_case",
       "no notes accepted on a secret case", raw)


def hook_log():
    with urllib.request.urlopen(HOOK + "/_log", timeout=10) as r:
        return json.loads(r.read().decode())


def wait_for(cond, secs):
    end = time.time() + secs
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.3)
    return cond()


def check_webhooks():
    st, js, raw, _ = api(KEY, "POST", "/webhooks", {"url": "ftp://x/"})
    ok(st == 422 and js["error"]["field"] == "url", "a bad URL: 422", raw)
    hooks = {}
    for name, key, path in (("sxd", KEY, "/ok/sxd"),
                            ("qn", KEY_QN, "/fail3/qn"),
                            ("snn", KEY_SNN, "/hang/snn")):
        st, js, raw, _ = api(key, "POST", "/webhooks", {"url": HOOK + path})
        ok(st == 201 and len(js["secret"]) > 30, "webhook %s created, "
           "secret shown" % name, raw)
        hooks[name] = (js["id"], js["secret"], path, key)
    st, js, raw, _ = api(KEY, "GET", "/webhooks")
    ok(st == 200 and "secret" not in raw.decode() and
       js["webhooks"][0]["url"] == HOOK + "/ok/sxd",
       "the list never shows the secret", raw)
    code, _ = report()
    distribute(code, coord=["UBND-QN"])
    sync_act(code, "accept")
    z, _ = report()
    distribute(z, lead="SNNMT")
    want = {r[0]: int(r[1]) for r in sql(
        "SELECT kind, id FROM case_events WHERE case_id = %s" % code)}

    def reqs(path):
        return [r for r in hook_log() if r["path"] == path]
    ok(wait_for(lambda: len(reqs("/ok/sxd")) >= 2, 15),
       "the agency's events arrive")
    got = reqs("/ok/sxd")
    eq(sorted(int(r["headers"]["x-phananh-event-id"]) for r in got),
       sorted([want["distributed"], want["accepted"]]),
       "each event exactly once (X-Phananh-Event-Id)")
    r = got[0]
    sig = hmac.new(hooks["sxd"][1].encode(), r["body"].encode("latin-1"),
                   hashlib.sha256).hexdigest()
    eq(r["headers"]["x-phananh-signature"], "sha256=" + sig,
       "the signature verifies (HMAC-SHA256 of the raw body)")
    b = json.loads(r["body"].encode("latin-1").decode())
    ok(b["id"] == int(r["headers"]["x-phananh-event-id"]) and
       b["case"] == code and b["type"] in ("distributed", "accepted") and
       b["data"]["id"] == b["id"] and isinstance(b["at"], int),
       "body: id, type, case, at, data", b)
    ok(wait_for(lambda: len(reqs("/fail3/qn")) >= 12, 30),
       "500 three times, then 200, for each of 3 events")
    time.sleep(3)
    per = {}
    for r in reqs("/fail3/qn"):
        per.setdefault(r["headers"]["x-phananh-event-id"], []).append(r["at"])
    ok(sorted(per) == sorted(str(want[k]) for k in
                             ("submitted", "distributed", "accepted")) and
       all(len(v) == 4 for v in per.values()),
       "exactly once more after each failure, then it stops",
       {k: len(v) for k, v in per.items()})
    gaps = [round(v[i + 1] - v[i], 1) for v in per.values()
            for i in range(3)]
    ok(all(g >= 0.9 for g in gaps), "retries are spaced by the backoff "
       "(1 s, 2 s, 4 s base 1)", gaps)
    hid = hooks["snn"][0]
    ok(wait_for(lambda: api(KEY_SNN, "GET", "/webhooks/%s/deliveries?"
                            "state=dead" % hid)[1]["deliveries"], 40),
       "a receiver that never answers ends in dead-letter")
    st, js, raw, _ = api(KEY_SNN, "GET", "/webhooks/%s/deliveries" % hid)
    d = js["deliveries"][0]
    ok(d["state"] == "dead" and d["attempts"] == 4 and
       len(reqs("/hang/snn")) == 4, "dead after webhook_max_attempts (4)",
       raw)
    sid = hooks["sxd"][0]
    st, js, raw, _ = api(KEY, "GET", "/webhooks/%s/deliveries" % sid)
    dl = [x for x in js["deliveries"] if x["event_id"] == want["accepted"]]
    ok(len(dl) == 1 and dl[0]["state"] == "delivered", "delivered", raw)
    st, js, raw, _ = api(KEY_QN, "POST", "/webhooks/%s/deliveries/%s/"
                         "redeliver" % (sid, dl[0]["id"]))
    eq(st, 404, "another agency cannot redeliver")
    st, js, raw, _ = api(KEY, "POST", "/webhooks/%s/deliveries/%s/redeliver"
                         % (sid, dl[0]["id"]))
    eq(st, 202, "redeliver: 202")
    ok(wait_for(lambda: len([r for r in reqs("/ok/sxd") if int(
        r["headers"]["x-phananh-event-id"]) == want["accepted"]]) == 2, 10),
       "the redelivered event arrives once more")
    st, _, _, _ = api(KEY, "DELETE", "/webhooks/%s" % sid)
    eq(st, 200, "delete a webhook")
    n = len(reqs("/ok/sxd"))
    sync_act(code, "note", {"text": "sau khi xoá webhook"})
    time.sleep(3)
    eq(len(reqs("/ok/sxd")), n, "a deleted webhook gets nothing more")
    for r in hook_log():
        BODIES.append(r["body"].encode("latin-1").decode())


def check_no_identity():
    text = "\n".join(BODIES)
    for s, what in ((PHONE, "phone"), ("0905 123 456", "phone as typed"),
                    (EMAIL, "e-mail"), (NAME, "reporter name"),
                    ("+8490512", "phone prefix")):
        ok(s not in text, "no reporter %s in any sync answer or webhook "
           "(%d bodies)" % (what, len(BODIES)))
    ok('"reporter":' not in text, "no reporter member anywhere")
    ok(SECRET_TEXT not in "\n".join(BODIES[MARK[0]:]), "nothing of a secret "
       "case's content after the flag (%d bodies)" % (len(BODIES) - MARK[0]))


def main():
    check_auth()
    c0 = int(sql("SELECT COALESCE(MAX(id), 0) FROM case_events")[0][0])
    cons = Consumer(KEY, c0, 2)
    qn = Consumer(KEY_QN, c0, 3)
    code = lifecycle(cons)
    check_feed(cons, qn, code, c0)
    check_out_of_order(cons, code)
    st, js, raw, _ = api(KEY, "GET", "/cases/%s" % code)
    ok(st == 200 and js["code"] == code and js["state"] == "published" and
       "reporter" not in js, "GET case: the agency view, no reporter", raw)
    c2, _ = report()
    distribute(c2)
    check_idempotency(c2)
    reg = check_register()
    check_secret(reg)
    check_webhooks()
    check_no_identity()
    done()


main()
