"""admin_check.py: /api/v1/admin through nginx (issue 11): scopes of the
system and agency administrators, every change audited with before and
after, a new field routed to the right agency, calendars whose changes
leave stored deadlines untouched (with the preview of affected ones),
templates, API keys, deactivations, the audit log and its CSV export.
The numbering continues after t_admin.sh's own tests (T_OFFSET)."""
import datetime as dt
import os

import admin_rules
import phtest
from phtest import Client, diag, done, eq, ok

phtest._n = int(os.environ.get("T_OFFSET", "0"))
phtest._failed = int(os.environ.get("T_FAILED_BEFORE", "0"))
TZ = dt.timezone(dt.timedelta(hours=7))
A = "/api/v1/admin"


def t(y, mo, d, h, mi=0):
    return int(dt.datetime(y, mo, d, h, mi, tzinfo=TZ).timestamp())


def client(user, now=None):
    c = Client()
    c.now = now
    st, _ = c.login(user)
    assert st == 200, "login %s: %s" % (user, st)
    return c


def audit(c, **flt):
    q = "&".join("%s=%s" % kv for kv in flt.items())
    st, js, _, _ = c.get(A + "/audit?page_size=200&" + q)
    return js["items"] if st == 200 else []


def report(now, field="GTVT", **extra):
    c = Client()
    c.now = now
    body = {"description": "Kiểm thử quản trị: hiện trường cần xử lý gấp, "
            "có nguy hiểm cho người đi đường.", "field": field,
            "lat": 13.7765, "lng": 109.2235, "address": "01 Lê Lợi",
            "name": "Nguyễn Văn Thử", "phone": "0905 000 111",
            "email": "thu@example.com", "declaration": True}
    body.update(extra)
    st, js, raw, _ = c.post("/api/v1/reports", body)
    assert st == 201, raw
    return js


sys_ = client("quantri")
ag = client("sxd.admin")
rec = client("tiepnhan")

# ---- access --------------------------------------------------------------
st, _, _, _ = Client().get(A + "/fields")
eq(st, 401, "not signed in: 401")
st, _, _, _ = rec.get(A + "/fields")
eq(st, 403, "reception may not administer: 403")
bad = client("quantri")
bad.csrf = "wrong"
st, js, _, _ = bad.post(A + "/fields", {"code": "X"})
eq(st, 403, "a change without the right CSRF token: 403")

# ---- taxonomy and routing ---------------------------------------------------
st, js, raw, _ = sys_.post(A + "/fields", {
    "code": "CX", "name_vi": "Cây xanh", "name_en": "Urban trees",
    "keywords": "cây đổ,cay do", "sort": 50})
ok(st == 201 and js["name_en"] == "Urban trees" and js["active"] is True,
   "sysadmin creates a field", raw)
st, js, raw, _ = sys_.post(A + "/fields", {"code": "CX", "name_vi": "Lại"})
eq(st, 409, "a duplicate code: 409")
st, js, raw, _ = sys_.post(A + "/fields", {"code": "CY", "name_vi": "Y",
                                           "colour": "red"})
ok(st == 422 and js["error"]["field"] == "colour", "an unknown key: 422",
   raw)
st, js, raw, _ = sys_.req("PATCH", A + "/fields/CX",
                          {"name_en": "Trees and parks"})
ok(st == 200 and js["name_en"] == "Trees and parks", "field renamed", raw)
st, js, raw, _ = sys_.post(A + "/groups", {
    "code": "CX-DO", "field": "CX", "name_vi": "Cây đổ", "name_en": "Fallen"})
eq(st, 201, "group created in the field")
st, js, raw, _ = sys_.post(A + "/groups", {
    "code": "CX-Z", "field": "NOPE", "name_vi": "Z"})
ok(st == 422 and js["error"]["code"] == "unknown_reference",
   "a group of an unknown field: 422", raw)
st, js, raw, _ = sys_.post(A + "/routing", {
    "field": "CX", "lead": "SNNMT", "coord": ["UBND-QN"]})
ok(st == 200 and js["lead"] == "SNNMT" and js["coord"] == ["UBND-QN"],
   "routing rule CX -> SNNMT (+ UBND-QN)", raw)
st, js, raw, _ = sys_.get("/api/v1/meta")
ok(any(f["code"] == "CX" for f in js["fields"]), "the new field is in /meta")
r = report(t(2026, 12, 14, 9, 0), field="CX")
st, js, raw, _ = rec.get("/api/v1/cases/%s/suggestions" % r["code"])
ok(st == 200 and js["routing"] and js["routing"]["lead_agency"] == "SNNMT"
   and js["routing"]["coord_agencies"] == ["UBND-QN"],
   "a report in the new field is suggested to SNNMT", raw)
st, js, raw, _ = sys_.post(A + "/units", {
    "code": "99001", "name": "Phường Mới", "level": "commune",
    "parent": "52", "valid_from": "2026-07-01"})
eq(st, 201, "unit created with an effective date")
st, js, raw, _ = sys_.req("PATCH", A + "/units/21583", {
    "valid_to": "2026-06-30", "successors": ["99001", "21550"]})
ok(st == 200 and js["successors"] == ["21550", "99001"] and
   js["valid_to"] == "2026-06-30", "a split: end date and two successors",
   raw)
st, js, raw, _ = sys_.req("PATCH", A + "/units/21583",
                          {"valid_to": "2026-02-30"})
eq(st, 422, "an impossible date: 422")

# ---- people and scopes ---------------------------------------------------------
st, js, raw, _ = sys_.post(A + "/users", {
    "username": "cx.canbo", "display_name": "Cán bộ Cây xanh",
    "org": "SNNMT", "roles": ["officer"], "phone": "0912 777 888"})
ok(st == 201 and len(js.get("password", "")) >= 12 and
   js["phone"] == "+84912777888", "user created; password shown once; "
   "phone normalised", raw)
pw = js.get("password")
st, js, _, _ = sys_.get(A + "/users/cx.canbo")
ok(st == 200 and "password" not in js and "password_hash" not in js,
   "the password is never shown again")
c2 = Client()
eq(c2.login("cx.canbo", pw)[0], 200, "the generated password signs in")
st, js, raw, _ = ag.post(A + "/users", {
    "username": "sxd.moi", "display_name": "Người Mới", "org": "SXD",
    "roles": ["officer"], "password": "mat-khau-dai-1"})
eq(st, 201, "agency admin adds a person to their own agency")
st, js, raw, _ = ag.req("PATCH", A + "/users/qn.canbo", {"phone": None})
eq(st, 403, "agency admin cannot touch another agency's people (403)")
st, js, raw, _ = ag.post(A + "/users", {
    "username": "x.y", "display_name": "X", "org": "SNNMT",
    "roles": ["officer"], "password": "mat-khau-dai-1"})
eq(st, 403, "nor create people in another agency (403)")
st, js, raw, _ = ag.req("PATCH", A + "/users/sxd.moi",
                        {"roles": ["officer", "sysadmin"]})
eq(st, 403, "nor grant the system-admin role (403)")
st, js, raw, _ = ag.get(A + "/users")
ok(st == 200 and js["items"] and all(u["org"] == "SXD"
                                     for u in js["items"]),
   "agency admin lists only their agency's people", raw)
st, js, raw, _ = ag.req("PATCH", A + "/orgs/SXD", {
    "focal_officer": "sxd.moi", "focal_doc": "Quyết định 99/QĐ-SXD"})
ok(st == 200 and js["focal_officer"] == "sxd.moi",
   "agency admin sets their focal officer and the designating document", raw)
st, js, raw, _ = ag.req("PATCH", A + "/orgs/SXD", {"name": "Sở khác"})
eq(st, 403, "but not the agency's name (403)")
st, js, raw, _ = ag.req("PATCH", A + "/orgs/SXD",
                        {"focal_leader": "qn.lanhdao"})
eq(st, 422, "a focal point from another agency: 422")
st, js, raw, _ = ag.req("PATCH", A + "/deadlines/SXD",
                        {"process_minutes": 3000})
eq(st, 422, "processing beyond 6 working days: 422")
st, js, raw, _ = ag.req("PATCH", A + "/deadlines/SXD",
                        {"process_minutes": 1440})
ok(st == 200 and js["process_minutes"] == 1440,
   "agency admin sets their agency's deadline (3 WD)", raw)
st, js, raw, _ = ag.req("PATCH", A + "/deadlines/SNNMT",
                        {"process_minutes": 1440})
eq(st, 403, "not another agency's deadline (403)")
st, js, raw, _ = sys_.req("PATCH", A + "/orgs/SXD", {"parent": "SXD"})
eq(st, 422, "an organisation cannot be its own parent")

# deactivating a person with an open assigned case
now = t(2026, 12, 14, 9, 30)
r = report(now, field="GTVT")
rec.now = now
st, js, raw, _ = rec.act(r["code"], "distribute", {
    "field": "GTVT", "group": "GTVT-DUONG", "lead_agency": "SXD"})
eq(st, 200, "case distributed to SXD")
off = client("sxd.canbo2", now + 60)
st, js, raw, _ = off.act(r["code"], "accept", {})
eq(st, 200, "sxd.canbo2 accepts it")
ag.now = now + 120
st, js, raw, _ = ag.post(A + "/users/sxd.canbo2/deactivate",
                         {"reason": "chuyển công tác"})
ok(st == 200 and [x["code"] for x in js["unassigned_cases"]] == [r["code"]],
   "deactivating lists the case that lost its assignee", raw)
st, v, raw, _ = rec.get("/api/v1/cases/%s" % r["code"])
tl = v.get("timeline") or v.get("events") or []
ok(not v.get("assignee") and any("sxd.canbo2" in (e.get("note") or "")
                                 for e in tl),
   "assignee cleared and a note event added", raw)
eq(Client().login("sxd.canbo2")[0], 401, "a deactivated user cannot sign in")
st, js, _, _ = off.get("/api/v1/auth/me")
eq(st, 401, "and their session has ended")

# deactivating an organisation lists its open cases
st, js, raw, _ = sys_.post(A + "/orgs", {
    "code": "CTY-CX", "name": "Công ty Cây xanh", "type": "utility",
    "process_minutes": 1920})
eq(st, 201, "organisation created")
r2 = report(now, field="CX")
st, js, raw, _ = rec.act(r2["code"], "distribute", {
    "field": "CX", "group": "CX-DO", "lead_agency": "CTY-CX"})
eq(st, 200, "case distributed to it")
st, js, raw, _ = sys_.post(A + "/orgs/CTY-CX/deactivate", {"reason": "giải thể"})
ok(st == 200 and [x["code"] for x in js["open_cases"]] == [r2["code"]],
   "its open cases are listed for re-distribution", raw)
st, js, raw, _ = ag.post(A + "/orgs/SNNMT/deactivate", {})
eq(st, 403, "agency admin cannot deactivate organisations")

# ---- calendars: stored deadlines stay as computed ------------------------------
t0 = t(2027, 3, 11, 16, 30)          # Thursday, 30 working minutes left
r3 = report(t0)
due0 = r3["intake_due_at"]
eq(due0, t(2027, 3, 12, 7, 30), "intake due Friday 07:30 (1 WH)")
st, cal, _, _ = sys_.get(A + "/calendars/VN")
body = cal["body"] + "\nholiday 2027-03-12 Nghỉ thử nghiệm\n" \
    "workday 2027-03-13 Làm bù thử nghiệm\n"
st, js, raw, _ = sys_.post(A + "/calendars/check",
                           {"body": body + "holiday 2027-02-30 sai\n"})
ok(st == 422 and js["error"].get("line") == body.count("\n") + 1,
   "a bad line is named by number", raw)
sys_.now = t0 + 60
st, js, raw, _ = sys_.post(A + "/calendars/VN/preview", {"body": body})
hit = [x for x in js.get("sample", []) if x["case"] == r3["code"] and
       x["stage"] == "intake"]
ok(st == 200 and js["count"] >= 1 and hit and hit[0]["due_at"] == due0 and
   hit[0]["new_due_at"] == t(2027, 3, 13, 7, 30),
   "preview: this intake deadline would move to Saturday 07:30", raw)
st, js, raw, _ = sys_.req("PATCH", A + "/calendars/VN", {"body": body})
eq(st, 200, "calendar saved with a holiday and a make-up Saturday")
st, v, raw, _ = rec.get("/api/v1/cases/%s" % r3["code"])
it = [x for x in v["timers"] if x["stage"] == "intake"]
ok(it and it[-1]["due_at"] == due0,
   "the stored deadline is untouched by the calendar change", raw)
r4 = report(t0 + 300)
eq(r4["intake_due_at"], t(2027, 3, 13, 7, 35),
   "a new report uses the new calendar (Saturday make-up day)")

# ---- templates ------------------------------------------------------------------
st, js, raw, _ = sys_.get(A + "/templates")
ok(st == 200 and any(x["name"] == "distributed" and x["lang"] == "vi" and
                     x["default"] for x in js["items"]) and
   "code" in js["placeholders"], "shipped templates and placeholders listed",
   raw)
st, js, raw, _ = sys_.req("PUT", A + "/templates/sms/ack/vi",
                          {"body": "Đã nhận {cod}"})
ok(st == 422 and "{cod}" in js["error"]["message"],
   "an unknown placeholder is refused and named", raw)
st, js, raw, _ = sys_.req("PUT", A + "/templates/sms/ack/vi", {
    "body": "{province_name}: đã nhận phản ánh {code} ({field})."})
eq(st, 200, "template override saved")
st, js, raw, _ = sys_.post(A + "/templates/preview", {
    "case": r3["code"], "channel": "sms", "name": "ack", "lang": "vi"})
ok(st == 200 and js["text"] == "UBND TỈNH GIA LAI: đã nhận phản ánh %s "
   "(Giao thông - Vận tải)." % r3["code"], "preview rendered from a real "
   "case", raw)
st, js, raw, _ = sys_.req("DELETE", A + "/templates/sms/ack/vi")
eq(st, 200, "override removed: the shipped text applies again")

# ---- settings and keys --------------------------------------------------------------
st, js, raw, _ = sys_.req("PUT", A + "/settings/channel_email_mailbox",
                          {"value": "dttm@demo.invalid"})
eq(st, 201, "channel setting created")
st, js, raw, _ = sys_.post(A + "/apikeys", {"org": "SXD", "kind": "sync",
                                            "name": "Phần mềm SXD"})
ok(st == 201 and js["key"].startswith("pa_"), "API key created, shown once",
   raw)
key1, pre1 = js.get("key"), js.get("prefix")
st, js, raw, _ = sys_.get(A + "/apikeys")
ok(key1 not in raw.decode() and any(k["prefix"] == pre1
                                    for k in js["items"]),
   "the listing never shows the secret")
st, js, raw, _ = sys_.post(A + "/apikeys/%s/rotate" % pre1)
ok(st == 201 and js["key"] != key1, "rotated: a new secret", raw)
pre2 = js.get("prefix")
st, js, _, _ = sys_.get(A + "/apikeys")
old = [k for k in js["items"] if k["prefix"] == pre1]
ok(old and old[0]["revoked_at"], "the old key is revoked")
st, js, raw, _ = sys_.post(A + "/apikeys/%s/revoke" % pre2)
eq(st, 200, "revoked")

# ---- the audit log ------------------------------------------------------------------
want = [("field.create", "field", "CX"), ("field.update", "field", "CX"),
        ("group.create", "group", "CX-DO"),
        ("routing.set", "routing", "CX@*"),
        ("unit.create", "unit", "99001"), ("unit.update", "unit", "21583"),
        ("user.create", "user", "cx.canbo"),
        ("user.create", "user", "sxd.moi"),
        ("org.update", "org", "SXD"),
        ("user.deactivate", "user", "sxd.canbo2"),
        ("org.create", "org", "CTY-CX"), ("org.deactivate", "org", "CTY-CX"),
        ("calendar.update", "calendar", "VN"),
        ("template.set", "template", "sms/ack/vi"),
        ("template.reset", "template", "sms/ack/vi"),
        ("setting.create", "setting", "channel_email_mailbox"),
        ("apikey.create", "apikey", pre1), ("apikey.rotate", "apikey", pre2),
        ("apikey.revoke", "apikey", pre1), ("apikey.revoke", "apikey", pre2)]
rows = audit(sys_)
for action, typ, oid in want:
    m = [x for x in rows if x["action"] == action and
         x["object_type"] == typ and x["object_id"] == oid]
    good = bool(m) and m[0]["after"] != m[0]["before"] and (
        m[0]["before"] is not None or action.endswith(("create", "set",
                                                       "rotate")))
    ok(good, "audited with before/after: %s %s" % (action, oid),
       m[0] if m else "missing")
m = [x for x in rows if x["action"] == "field.update"][0]
ok(m["before"]["name_en"] == "Urban trees" and
   m["after"]["name_en"] == "Trees and parks" and m["actor"] == "quantri",
   "before and after hold the old and the new value, and who")
m = [x for x in rows if x["action"] == "user.update" or
     x["object_id"] == "SXD"][0]
ok(m["actor"] == "sxd.admin", "the agency admin's change names them")
ok(not any("password" in str(x["after"]) or "key_hash" in str(x["after"])
           for x in rows), "no password hash or key hash in the audit log")
st, js, _, _ = sys_.get(A + "/audit?object_type=calendar&object_id=VN")
ok(st == 200 and js["total"] == 1 and
   "holiday 2027-03-12" in js["items"][0]["after"]["body"] and
   "holiday 2027-03-12" not in js["items"][0]["before"]["body"],
   "filtered: the calendar change with its old and new text")
st, _, raw, hdrs = sys_.get(A + "/audit/export?object_type=field")
text = raw.decode("utf-8-sig")
lines = [x for x in text.split("\r\n") if x]
ok(st == 200 and hdrs["Content-Type"].startswith("text/csv") and
   lines[0].startswith("id,at_local,actor,action") and
   len(lines) == 1 + len([x for x in rows if x["object_type"] == "field"]),
   "CSV export: header and one line per change", text[:300])
st, js, _, _ = ag.get(A + "/audit")
eq(st, 403, "the audit log is for system administrators")

# ---- reminder rules, Open311 attributes, per-field deadlines ------------------
admin_rules.run(sys_, ag, rec, report)
done()
