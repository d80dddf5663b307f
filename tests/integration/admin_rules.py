"""admin_rules.py: the administration of rows without a code of their own,
through /api/v1/admin (run by admin_check.py, which owns the numbering and
the plan): reminder and escalation rules, Open311 attributes, and the
processing deadline of an agency for one field, which the processing clock
uses when a case is distributed (a GTVT case to SXD gets 960 working
minutes = 2 working days, an XD case keeps SXD's default). Every change is
in the audit log with before and after."""
import datetime as dt

from phtest import Client, eq, ok

TZ = dt.timezone(dt.timedelta(hours=7))
A = "/api/v1/admin"


def t(y, mo, d, h, mi=0):
    return int(dt.datetime(y, mo, d, h, mi, tzinfo=TZ).timestamp())


def audited(sys_, typ, oid, action):
    st, js, _, _ = sys_.get(A + "/audit?page_size=50&object_type=%s"
                            "&object_id=%s" % (typ, oid))
    m = [x for x in js.get("items", []) if x["action"] == action] \
        if st == 200 else []
    return m[0] if m else None


def reminder_rules(sys_, ag):
    st, js, raw, _ = sys_.get(A + "/reminder-rules")
    rules = js.get("items", []) if st == 200 else []
    stages = [r["stage"] for r in rules]
    ok(st == 200 and len(rules) >= 9 and stages[0] == "intake" and
       stages.index("accept") < stages.index("process") and
       all(isinstance(r["id"], str) for r in rules),
       "the reminder rules, in stage order", raw)
    st, _, _, _ = ag.get(A + "/reminder-rules")
    eq(st, 403, "reminder rules are for system administrators")
    new = {"stage": "process", "offset_min": -120, "recipients": ["assignee"],
           "channels": ["portal", "email"], "template": "reminder_process",
           "note": "hai giờ làm việc trước hạn"}
    st, js, raw, _ = sys_.post(A + "/reminder-rules", new)
    ok(st == 201 and js.get("id") and js["channels"] == ["email", "portal"]
       and js["urgent"] is False and js["active"] is True,
       "a rule is created; its id is assigned", raw)
    rid = js.get("id", "0")
    st, _, _, _ = sys_.post(A + "/reminder-rules", new)
    eq(st, 409, "the same stage, offset and template again: 409")
    for key, val in (("stage", "proces"), ("offset_min", 2881),
                     ("recipients", ["boss"]), ("channels", []),
                     ("template", "Reminder-X")):
        bad = dict(new, offset_min=-60)
        bad[key] = val
        st, js, raw, _ = sys_.post(A + "/reminder-rules", bad)
        ok(st == 422 and js["error"]["field"] == key,
           "invalid %s: 422 naming it" % key, raw)
    st, js, raw, _ = sys_.post(A + "/reminder-rules", dict(new, id="77"))
    ok(st == 422 and js["error"]["field"] == "id",
       "an id cannot be chosen", raw)
    st, js, raw, _ = sys_.req("PATCH", A + "/reminder-rules/" + rid, {
        "offset_min": -180, "urgent": True, "recipients": ["assignee",
                                                           "leaders"]})
    ok(st == 200 and js["offset_min"] == -180 and js["urgent"] is True and
       js["recipients"] == ["assignee", "leaders"], "the rule changed", raw)
    m = audited(sys_, "reminder_rule", rid, "reminder_rule.update")
    ok(m and m["before"]["offset_min"] == -120 and
       m["after"]["offset_min"] == -180, "audited with before and after", m)
    st, _, _, _ = sys_.req("DELETE", A + "/reminder-rules/" + rid)
    eq(st, 200, "a rule that never fired is deleted")
    st, _, _, _ = sys_.get(A + "/reminder-rules/" + rid)
    eq(st, 404, "and is gone")
    m = audited(sys_, "reminder_rule", rid, "reminder_rule.delete")
    ok(m and m["before"]["template"] == "reminder_process" and
       m["after"] is None, "the deletion is audited", m)


def attributes(sys_):
    st, js, raw, _ = sys_.get(A + "/field-attributes")
    ok(st == 200 and len(js["items"]) >= 8 and
       js["items"][0]["field"] == "GTVT",
       "the demo's Open311 attributes are listed", raw)
    new = {"field": "CX", "code": "loai_cay", "datatype": "singlevaluelist",
           "required": True, "order": 1, "description": "Loại cây",
           "values": [{"key": "bang", "name": "Cây bàng"},
                      {"key": "phuong", "name": "Cây phượng"}]}
    st, js, raw, _ = sys_.post(A + "/field-attributes", dict(
        new, datatype="list"))
    ok(st == 422 and js["error"]["field"] == "datatype",
       "an unknown datatype: 422", raw)
    st, js, raw, _ = sys_.post(A + "/field-attributes", dict(
        new, values=None))
    ok(st == 422 and js["error"]["field"] == "values",
       "a list without values: 422", raw)
    st, js, raw, _ = sys_.post(A + "/field-attributes", new)
    ok(st == 201 and js["values"][1]["name"] == "Cây phượng",
       "an attribute is added to the field", raw)
    aid = js.get("id", "0")
    st, js, raw, _ = sys_.post(A + "/field-attributes", dict(
        new, code="chieu_cao", datatype="number", order=2,
        description="Chiều cao (m)"))
    ok(st == 422 and js["error"]["field"] == "values",
       "a number with values: 422", raw)
    st, _, _, _ = sys_.post(A + "/field-attributes", dict(new, order=2))
    eq(st, 409, "the same code twice in a field: 409")
    st, d, raw, _ = Client().get("/open311/v2/services/CX.json")
    attrs = (d[0] if isinstance(d, list) and d else d or {}).get(
        "attributes", [])
    ok(st == 200 and [a["code"] for a in attrs] == ["loai_cay"] and
       attrs[0]["required"] is True, "Open311 serves the new definition",
       raw)
    st, js, raw, _ = sys_.req("PATCH", A + "/field-attributes/" + aid,
                              {"description": "Loại cây bị đổ",
                               "active": False})
    ok(st == 200 and js["active"] is False, "the attribute is changed", raw)
    st, d, raw, _ = Client().get("/open311/v2/services/CX.json")
    attrs = (d[0] if isinstance(d, list) and d else d or {}).get(
        "attributes", [])
    ok(st == 200 and attrs == [], "an inactive attribute is not served", raw)
    ok(audited(sys_, "field_attribute", aid, "field_attribute.update"),
       "the attribute change is audited")


def field_deadlines(sys_, ag, rec, report):
    st, js, raw, _ = ag.post(A + "/field-deadlines", {
        "org": "SNNMT", "field": "GTVT", "process_minutes": 960})
    eq(st, 403, "an agency admin may not set another agency's deadline")
    st, js, raw, _ = ag.post(A + "/field-deadlines", {
        "org": "SXD", "field": "GTVT", "process_minutes": 3000})
    ok(st == 422 and js["error"]["field"] == "process_minutes",
       "above the cap of 2880 working minutes: 422", raw)
    st, js, raw, _ = ag.post(A + "/field-deadlines", {
        "org": "SXD", "field": "GTVT", "process_minutes": 1200})
    ok(st == 201 and js["org"] == "SXD", "the agency admin sets SXD x GTVT",
       raw)
    fid = js.get("id", "0")
    st, js, raw, _ = ag.req("PATCH", A + "/field-deadlines/" + fid,
                            {"process_minutes": 960})
    ok(st == 200 and js["process_minutes"] == 960, "and changes it", raw)
    st, js, raw, _ = ag.get(A + "/deadlines")
    sxd = [o for o in js.get("items", []) if o["code"] == "SXD"]
    ok(st == 200 and js["field_deadlines"] == [{
        "id": fid, "org": "SXD", "field": "GTVT", "process_minutes": 960}]
       and len(js["items"]) == 1,
       "the deadlines screen lists the override", raw)
    default = sxd[0]["process_minutes"] if sxd else 0
    d0 = t(2026, 12, 15, 9, 0)            # Tuesday 09:00
    due = {}
    for field, group in (("GTVT", "GTVT-DUONG"), ("XD", "XD-DENDUONG")):
        r = report(d0 - 600, field=field)
        rec.now = d0
        st, js, raw, _ = rec.act(r["code"], "distribute", {
            "field": field, "group": group, "lead_agency": "SXD"})
        st, v, raw, _ = rec.get("/api/v1/cases/%s" % r["code"])
        p = [x for x in v.get("timers", []) if x["stage"] == "process"]
        due[field] = p[-1]["due_at"] if p else None
    # 960 working minutes from Tuesday 09:00 (480 a day): Thursday 09:00
    eq(due["GTVT"], t(2026, 12, 17, 9, 0),
       "a GTVT case at SXD: processing due 2 working days later")
    # SXD's own deadline (1440 after admin_check): Friday 09:00
    eq((default, due["XD"]), (1440, t(2026, 12, 18, 9, 0)),
       "an XD case keeps the agency's default (3 working days)")
    st, _, _, _ = sys_.req("DELETE", A + "/field-deadlines/" + fid)
    eq(st, 200, "the override is removed")
    m = audited(sys_, "field_deadline", fid, "field_deadline.delete")
    ok(m and m["before"]["process_minutes"] == 960,
       "deadline changes are audited", m)


def run(sys_, ag, rec, report):
    reminder_rules(sys_, ag)
    attributes(sys_)
    field_deadlines(sys_, ag, rec, report)
