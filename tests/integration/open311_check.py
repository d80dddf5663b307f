#!/usr/bin/env python3
"""open311_check.py: the checks of t_open311.sh (TAP on stdout). Python 3 standard library only.

Talks to phananh-fcgi through cgi-fcgi on $T_DIR/fcgi.sock with the params nginx sends, and to the
test database with the mariadb client ($T_DIR/my.cnf) to stage what only staff could do (distribute
a case, flag it secret, age it). `--attributes-sql FILE` prints the INSERTs of an attributes file.
"""
import json
import os
import subprocess
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

T_DIR = os.environ.get("T_DIR", "")
KEY = os.environ.get("O311_KEY", "")
KEY_SXD = os.environ.get("O311_KEY_SXD", "")
KEY_SYNC = os.environ.get("O311_KEY_SYNC", "")
N = 0
FAILED = 0
BODIES = []          # every response body, for the "no personal data" checks
VN = "Ổ gà sâu gần trường Tiểu học Lê Lợi – nguy hiểm!\r\nĐề nghị xử lý: <gấp> & \"ngay\" 'hôm nay'"
PHONE_IN, PHONE_E164 = "0912 345 678", "+84912345678"
EMAIL, NAME_FIRST, NAME_LAST = "nguoidan.test@example.org", "Nguyễn Văn", "Bí Mật"


def ok(cond, desc, diag=None):
    global N, FAILED
    N += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (N, desc))
    if not cond:
        FAILED += 1
        if diag is not None:
            for line in str(diag)[:3000].splitlines():
                print("#   " + line)
    return cond


def is_(got, want, desc):
    return ok(got == want, desc, "got:      %r\nexpected: %r" % (got, want))


class Resp:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def ctype(self):
        return self.headers.get("content-type", "")

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError:
            return None

    def xml(self):
        try:
            return ET.fromstring(self.body)
        except ET.ParseError:
            return None

    def __repr__(self):
        return "%s %s %r" % (self.status, self.ctype, self.body[:800])


def req(method, path, query="", form=None, ctype="application/x-www-form-urlencoded; charset=utf-8",
        now=None):
    """One request to the worker; query and form are dicts or lists of pairs (or raw strings)."""
    if not isinstance(query, str):
        query = urllib.parse.urlencode(query)
    body = b""
    if form is not None:
        body = form.encode() if isinstance(form, str) else urllib.parse.urlencode(form).encode()
    env = {"PATH": os.environ["PATH"], "REQUEST_METHOD": method, "SCRIPT_NAME": path,
           "DOCUMENT_URI": path, "REQUEST_URI": path + ("?" + query if query else ""),
           "QUERY_STRING": query, "CONTENT_TYPE": ctype if body else "",
           "CONTENT_LENGTH": str(len(body)), "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "40000",
           "SERVER_PROTOCOL": "HTTP/1.1", "REQUEST_SCHEME": "http", "GATEWAY_INTERFACE": "CGI/1.1",
           "SERVER_NAME": "localhost", "SERVER_PORT": "80", "REQUEST_ID": os.urandom(16).hex()}
    if now is not None:
        env["HTTP_X_TEST_NOW"] = str(int(now))
    out = subprocess.run(["cgi-fcgi", "-bind", "-connect", os.path.join(T_DIR, "fcgi.sock")],
                         input=body, env=env, capture_output=True, check=False).stdout
    head, _, rbody = out.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n"):
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    status = int(headers.get("status", "200").split()[0])
    BODIES.append(rbody)
    return Resp(status, headers, rbody)


def sql(stmt):
    r = subprocess.run(["mariadb", "--defaults-file=" + os.path.join(T_DIR, "my.cnf"), "--batch",
                        "--raw", "--skip-column-names", "-e", "SET time_zone = '+00:00'; " + stmt],
                       capture_output=True, check=False, text=True)
    if r.returncode != 0:
        print("# SQL failed: %s\n# %s" % (stmt, r.stderr.strip()))
    return r.stdout.strip()


def w3c(t):
    """Epoch -> the +07:00 form the server must print."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+07:00", time.gmtime(t + 7 * 3600))


def xml_error(r, code):
    root = r.xml()
    return (root is not None and root.tag == "errors" and
            root.findtext("error/code") == str(code) and bool(root.findtext("error/description")))


def json_error(r, code):
    j = r.json()
    return (isinstance(j, list) and len(j) >= 1 and j[0].get("code") == code and
            isinstance(j[0].get("description"), str))


def error_is(r, status, fmt, desc):
    shape = xml_error(r, status) if fmt == "xml" else json_error(r, status)
    want = "text/xml" if fmt == "xml" else "application/json"
    return ok(r.status == status and shape and r.ctype.startswith(want), desc, r)


def post_request(extra=None, fmt="json", drop=(), key=None, query=""):
    form = {"api_key": KEY if key is None else key, "service_code": "GTVT", "lat": "13.776944",
            "long": "109.223333", "address_string": "12 Lê Lợi, Quy Nhơn", "description": VN,
            "attribute[muc_do]": "nghiem_trong", "attribute[so_o_ga]": "3",
            "first_name": NAME_FIRST, "last_name": NAME_LAST, "phone": PHONE_IN, "email": EMAIL,
            "media_url": "https://example.org/o-ga.jpg", "device_id": "dev-1"}
    form.update(extra or {})
    for k in drop:
        form.pop(k, None)
    return req("POST", "/open311/v2/requests." + fmt, query, [(k, v) for k, v in form.items()
                                                             if v is not None])


def new_case(extra=None):
    r = post_request(extra)
    j = r.json()
    if r.status != 200 or not isinstance(j, list):
        print("# POST requests failed: %r" % r)
        return None
    return j[0]


def distribute(cid, org="SXD", due=None):
    """What reception does through the staff API: classify and distribute to an agency."""
    sql("UPDATE cases c JOIN organisations o ON o.code = '%s' JOIN fields f ON f.code = 'GTVT'"
        " SET c.state = 'distributed', c.lead_org_id = o.id, c.field_id = f.id,"
        " c.distributed_at = UTC_TIMESTAMP() WHERE c.id = %d" % (org, cid))
    sql("INSERT INTO case_timers (case_id, kind, org_id, started_at, budget_min, resumed_at, due_at)"
        " SELECT %d, 'accept', id, UTC_TIMESTAMP(), 30, UTC_TIMESTAMP(),"
        " FROM_UNIXTIME(%d) FROM organisations WHERE code = '%s'"
        % (cid, due or int(time.time()) + 86400, org))
    sql("INSERT INTO case_events (case_id, at, kind, from_state, to_state, actor_kind, public)"
        " VALUES (%d, UTC_TIMESTAMP(3), 'distributed', 'received', 'distributed', 'staff', 1)" % cid)


def test_discovery():
    r = req("GET", "/open311/discovery.xml")
    root = r.xml()
    ok(r.status == 200 and r.ctype == "text/xml; charset=utf-8" and root is not None and
       root.tag == "discovery" and r.body.startswith(b'<?xml version="1.0" encoding="utf-8"?>'),
       "discovery.xml: 200, text/xml, declaration, <discovery>", r)
    ok(root is not None and root.findtext("endpoints/endpoint/specification") ==
       "http://wiki.open311.org/GeoReport_v2" and
       [f.text for f in root.findall("endpoints/endpoint/formats/format")] ==
       ["text/xml", "application/json"], "discovery.xml: endpoint with both formats", r)
    r = req("GET", "/open311/discovery.json")
    j = r.json() or {}
    ok(r.status == 200 and r.ctype == "application/json; charset=utf-8" and
       all(k in j for k in ("changeset", "contact", "key_service", "endpoints")) and
       j["endpoints"][0]["url"] == "https://www.phananh.test/open311/v2",
       "discovery.json: every required field, endpoint url", r)


def test_services():
    r = req("GET", "/open311/v2/services.xml")
    root = r.xml()
    svcs = root.findall("service") if root is not None else []
    codes = [s.findtext("service_code") for s in svcs]
    ok(r.status == 200 and root.tag == "services" and "GTVT" in codes and len(codes) == 7,
       "services.xml: one <service> per field", r)
    gtvt = [s for s in svcs if s.findtext("service_code") == "GTVT"]
    ok(gtvt and gtvt[0].findtext("metadata") == "true" and gtvt[0].findtext("type") == "realtime",
       "services.xml: metadata true where attributes exist, type realtime")
    r = req("GET", "/open311/v2/services.json")
    j = r.json() or []
    by = {s.get("service_code"): s for s in j if isinstance(s, dict)}
    ok(isinstance(j, list) and by.get("DL", {}).get("metadata") is False and
       by.get("GTVT", {}).get("metadata") is True, "services.json: bare array, JSON booleans", r)
    kw = by.get("GTVT", {}).get("keywords", "").split(",")
    ok("ổ gà" in kw and "o ga" in kw and "Hư hỏng mặt đường" in kw and "Hu hong mat duong" in kw,
       "keywords with and without diacritics, report groups included", kw)
    is_(by.get("GTVT", {}).get("group"), "Giao thông - Vận tải", "group is the field")
    r = req("GET", "/open311/v2/services/GTVT.xml")
    root = r.xml()
    attrs = root.findall("attributes/attribute") if root is not None else []
    ok(r.status == 200 and root.tag == "service_definition" and
       root.findtext("service_code") == "GTVT" and attrs and
       attrs[0].findtext("code") == "muc_do" and attrs[0].findtext("required") == "true" and
       attrs[0].findtext("values/value/key") == "nhe", "services/GTVT.xml: definition as in §4", r)
    types = set()
    for code in by:
        d = req("GET", "/open311/v2/services/%s.json" % code).json()
        if isinstance(d, dict):
            types |= {a["datatype"] for a in d.get("attributes", [])}
    is_(types, {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"},
        "the definitions use all six datatypes")
    d = req("GET", "/open311/v2/services/XD.json").json() or {}
    info = [a for a in d.get("attributes", []) if a["code"] == "luu_y"]
    ok(info and info[0]["variable"] is False and info[0]["order"] == 1 and
       info[0]["datatype_description"] is None, "services/XD.json: variable=false, null description")
    error_is(req("GET", "/open311/v2/services/NOPE.json"), 404, "json", "unknown service: 404 JSON")
    error_is(req("GET", "/open311/v2/services/NOPE.xml"), 404, "xml", "unknown service: 404 XML")
    for path in ("/open311/v2/services.txt", "/open311/v2/services/GTVT.csv",
                 "/open311/discovery.html"):
        r = req("GET", path)
        ok(r.status == 404 and r.body == b"Bad extension\n" and r.ctype.startswith("text/plain"),
           "%s: 404 Bad extension" % path, r)
    is_(req("GET", "/open311/v2/services.json", "jurisdiction_id=phananh.test").status, 200,
        "our jurisdiction_id is accepted")
    error_is(req("GET", "/open311/v2/services.xml", "jurisdiction_id=other.gov"), 404, "xml",
             "unknown jurisdiction_id: 404")


def test_post_errors():
    error_is(post_request(fmt="xml", drop=("api_key",)), 403, "xml", "POST without api_key: 403")
    error_is(post_request(key="pa_wrong"), 403, "json", "POST with a wrong api_key: 403")
    error_is(post_request(key=KEY_SYNC), 403, "json", "a sync key is not an open311 key: 403")
    error_is(post_request({"service_code": "NOPE"}), 404, "json", "unknown service_code: 404")
    error_is(post_request(drop=("service_code",)), 400, "json", "missing service_code: 400")
    error_is(post_request(drop=("lat", "long", "address_string")), 400, "json",
             "no location: 400")
    error_is(post_request({"long": None}), 400, "json", "lat without long: 400")
    error_is(post_request({"lat": "97.1"}), 400, "json", "latitude out of range: 400")
    error_is(post_request(drop=("description",)), 400, "json", "missing description: 400")
    error_is(post_request({"description": "ư" * 4001}), 400, "json",
             "4001 characters (8002 bytes): 400")
    error_is(post_request(drop=("attribute[muc_do]",)), 400, "json",
             "missing required attribute: 400")
    error_is(post_request({"attribute[muc_do]": "x"}), 400, "json", "unlisted list key: 400")
    error_is(post_request({"attribute[so_o_ga]": "ba"}), 400, "json", "number attribute: 400")
    error_is(post_request({"phone": "12"}), 400, "json", "bad phone: 400")
    error_is(post_request({"media_url": "javascript:alert(1)"}), 400, "json", "bad media_url: 400")
    r = req("POST", "/open311/v2/requests.xml", "", "api_key=" + KEY, ctype="text/plain")
    error_is(r, 400, "xml", "a body that is not form-encoded: 400")
    r = req("POST", "/open311/v2/requests.json", "", "api_key=%ZZ")
    error_is(r, 400, "json", "malformed percent-encoding: 400")


def test_post_ok():
    r = post_request(fmt="xml")
    root = r.xml()
    rid = root.findtext("request/service_request_id") if root is not None else None
    ok(r.status == 200 and root.tag == "service_requests" and rid and rid.isdigit() and
       root.find("request/token") is None and root.findtext("request/service_notice"),
       "POST requests.xml: 200 with service_request_id (realtime), no token", r)
    r = post_request({"description": "ư" * 4000}, query="extensions=true")
    j = r.json()
    ok(r.status == 200 and isinstance(j, list) and j[0]["service_request_id"].isdigit() and
       j[0].get("token") and "account_id" in j[0],
       "exactly 4000 characters accepted; extensions=true returns the token", r)
    row = sql("SELECT channel, channel_ref, state FROM cases WHERE id = %s" % rid).split("\t")
    ok(row[0] == "open311" and len(row) == 3 and row[2] == "received",
       "the case entered the intake queue with channel open311", row)
    return int(rid), j[0]


def test_by_id(cid):
    r = req("GET", "/open311/v2/requests/%d.json" % cid)
    j = r.json()
    ok(r.status == 200 and isinstance(j, list) and len(j) == 1 and
       j[0]["service_request_id"] == str(cid) and j[0]["status"] == "open" and
       j[0]["description"] is None and j[0]["lat"] is None and
       j[0]["status_notes"] == "Mới tiếp nhận / Chờ kiểm tra",
       "received case: one-element list, content withheld until the intake check", r)
    due = int(time.time()) + 2 * 86400
    distribute(cid, due=due)
    r = req("GET", "/open311/v2/requests/%d.json" % cid)
    j = (r.json() or [{}])[0]
    is_(j.get("description"), VN, "JSON description round-trips byte for byte (Vietnamese, CRLF)")
    ok(j.get("status") == "open" and j.get("status_notes") ==
       "Đã phân phối – chờ tiếp nhận xử lý tại Sở Xây dựng" and
       j.get("agency_responsible") == "Sở Xây dựng" and
       j.get("service_notice") == "Xử lý trong 06 ngày làm việc",
       "status_notes names the stage and agency; agency_responsible; service_notice", j)
    is_(j.get("expected_datetime"), w3c(due), "expected_datetime is the running timer's deadline")
    ok(j.get("lat") == 13.7769 and j.get("long") == 109.2233 and j.get("service_code") == "GTVT"
       and j.get("requested_datetime", "").endswith("+07:00") and j.get("media_url") is None,
       "lat/long to 4 decimals, codes as strings, +07:00", j)
    r = req("GET", "/open311/v2/requests/%d.xml" % cid)
    root = r.xml()
    ok(root is not None and root.tag == "service_requests" and len(root) == 1 and
       root.findtext("request/description") == VN and b"&#13;" in r.body,
       "XML description round-trips byte for byte (CR as &#13;)", r)
    error_is(req("GET", "/open311/v2/requests/999999.xml"), 404, "xml", "unknown id: 404 XML")
    error_is(req("GET", "/open311/v2/requests/abc.json"), 404, "json", "non-numeric id: 404")
    r = req("GET", "/open311/v2/requests/%d.pdf" % cid)
    ok(r.status == 404 and r.body == b"Bad extension\n", "requests/ID.pdf: Bad extension", r)


def test_hidden(conf_id, secret_id, visible_id, token_conf):
    for cid, what in ((conf_id, "confidential"), (secret_id, "state-secret")):
        error_is(req("GET", "/open311/v2/requests/%d.json" % cid), 404, "json",
                 "%s case by id: 404" % what)
        error_is(req("GET", "/open311/v2/requests/%d.xml" % cid), 404, "xml",
                 "%s case by id (XML): 404" % what)
    ids = "%d,%d,%d" % (conf_id, secret_id, visible_id)
    j = req("GET", "/open311/v2/requests.json", {"service_request_id": ids}).json() or []
    is_([x["service_request_id"] for x in j], [str(visible_id)],
        "service_request_id list: hidden cases are left out")
    j = req("GET", "/open311/v2/requests.json", "page_size=1000").json() or []
    listed = {x["service_request_id"] for x in j}
    ok(str(conf_id) not in listed and str(secret_id) not in listed and str(visible_id) in listed,
       "default list: no confidential or secret case")
    error_is(req("GET", "/open311/v2/tokens/%s.json" % token_conf), 404, "json",
             "confidential case's token: 404")
    j = req("GET", "/open311/v2/servicerequestupdates.json").json() or []
    rids = {u["service_request_id"] for u in j}
    ok(str(conf_id) not in rids and str(secret_id) not in rids and str(visible_id) in rids,
       "updates feed: no event of a hidden case")
    error_is(req("POST", "/open311/v2/servicerequestupdates.json", "", upd(conf_id)), 404, "json",
             "POST update on a confidential case: 404")


def test_list(cid, old_id):
    now = int(time.time())
    j = req("GET", "/open311/v2/requests.json").json()
    ok(isinstance(j, list) and str(cid) in [x["service_request_id"] for x in j] and
       str(old_id) not in [x["service_request_id"] for x in j],
       "default window is the last 90 days (a 100-day-old case is not listed)")
    times = [x["requested_datetime"] for x in j]
    ok(times == sorted(times, reverse=True), "newest first")
    q = {"start_date": w3c(now - 110 * 86400), "end_date": w3c(now - 30 * 86400)}
    j = req("GET", "/open311/v2/requests.json", q).json() or []
    is_([x["service_request_id"] for x in j], [str(old_id)], "an explicit window finds it")
    q = {"start_date": w3c(now - 100 * 86400), "end_date": w3c(now)}
    error_is(req("GET", "/open311/v2/requests.xml", q), 400, "xml", "a 100-day range: 400")
    error_is(req("GET", "/open311/v2/requests.json", {"start_date": "2026-03-01"}), 400, "json",
             "a date without time and zone: 400")
    error_is(req("GET", "/open311/v2/requests.json",
                 {"start_date": w3c(now), "end_date": w3c(now - 60)}), 400, "json",
             "end before start: 400")
    raw = "start_date=%s" % w3c(now - 86400)          # '+' not encoded: decodes to a space
    j = req("GET", "/open311/v2/requests.json", raw).json()
    ok(isinstance(j, list) and str(cid) in [x["service_request_id"] for x in j],
       "an unencoded '+' in the zone is accepted")
    j = req("GET", "/open311/v2/requests.json",
            {"service_request_id": str(old_id), "start_date": "garbage"}).json()
    ok(isinstance(j, list) and len(j) == 1, "service_request_id overrides every other argument")
    j = req("GET", "/open311/v2/requests.json", {"service_code": "TNMT,XD"}).json()
    ok(j == [], "service_code list filter (none of ours are TNMT/XD)", j)
    j = req("GET", "/open311/v2/requests.json", {"service_code": "GTVT"}).json() or []
    ok(j and all(x["service_code"] == "GTVT" for x in j), "service_code=GTVT")
    j = req("GET", "/open311/v2/requests.json", {"status": "closed"}).json()
    is_(j, [], "status=closed: nothing is closed yet")
    j = req("GET", "/open311/v2/requests.json", {"status": "open,closed"}).json() or []
    ok(str(cid) in [x["service_request_id"] for x in j], "status=open,closed")
    error_is(req("GET", "/open311/v2/requests.json", {"status": "pending"}), 400, "json",
             "unknown status: 400")
    r = req("GET", "/open311/v2/requests.xml")
    root = r.xml()
    ok(r.status == 200 and root is not None and root.tag == "service_requests" and
       all(c.tag == "request" for c in root), "requests.xml: list of <request>", r)


def test_paging():
    all_ = [x["service_request_id"] for x in
            req("GET", "/open311/v2/requests.json").json() or []]
    p1 = req("GET", "/open311/v2/requests.json", "page=1&page_size=1").json()
    p2 = req("GET", "/open311/v2/requests.json", "page=2&page_size=1").json()
    ok(len(all_) >= 2 and [x["service_request_id"] for x in p1] == all_[:1] and
       [x["service_request_id"] for x in p2] == all_[1:2], "pages are 1-based", (all_, p1, p2))
    is_(req("GET", "/open311/v2/requests.json", "page=999&page_size=2").json(), [],
        "a page past the end is an empty list")
    error_is(req("GET", "/open311/v2/requests.json", "page=0"), 400, "json", "page=0: 400")
    error_is(req("GET", "/open311/v2/requests.json", "page_size=1001"), 400, "json",
             "page_size over 1000: 400")


def test_extensions(cid):
    j = req("GET", "/open311/v2/requests.json",
            {"service_request_id": str(cid), "extensions": "true"}).json() or [{}]
    x = j[0]
    attrs = {a["code"]: a for a in x.get("attributes", [])}
    ok(attrs.get("muc_do", {}).get("name") == "Nghiêm trọng, gây nguy hiểm" and
       attrs.get("muc_do", {}).get("label") == "Mức độ hư hỏng mặt đường" and
       attrs.get("so_o_ga", {}).get("value") == "3" and "device_id" not in attrs,
       "extensions: attributes with label and name", x.get("attributes"))
    is_(x.get("extended_attributes"), {"channel": "open311"}, "extensions: channel")
    kinds = [n["type"] for n in x.get("notes", [])]
    ok(kinds[:2] == ["submitted", "distributed"] and x["notes"][0]["description"] is None,
       "extensions: notes history, intake note withheld", x.get("notes"))
    r = req("GET", "/open311/v2/requests/%d.xml" % cid, "extensions=true")
    root = r.xml()
    ok(root is not None and root.find("request/notes/note/type") is not None and
       root.findtext("request/extended_attributes/channel") == "open311" and
       root.find("request/attributes/attribute/code") is not None,
       "extensions in XML: <notes><note>, <attributes><attribute>", r)
    j = req("GET", "/open311/v2/requests.json", {"service_request_id": str(cid)}).json()
    ok("notes" not in j[0] and "attributes" not in j[0], "no extensions unless asked")


def test_tokens(cid, tok):
    r = req("GET", "/open311/v2/tokens/%s.xml" % tok)
    root = r.xml()
    ok(r.status == 200 and root is not None and root.tag == "service_requests" and
       root.findtext("request/service_request_id") == str(cid) and
       root.findtext("request/token") == tok, "tokens/T.xml: id and token", r)
    j = req("GET", "/open311/v2/tokens/%s.json" % tok).json()
    ok(isinstance(j, list) and j[0]["service_request_id"] == str(cid) and j[0]["token"] == tok,
       "tokens/T.json: one-element array")
    error_is(req("GET", "/open311/v2/tokens/nosuchtoken.xml"), 404, "xml", "unknown token: 404")


def upd(cid, status="IN_PROGRESS", key=None, drop=(), desc="Đã cử cán bộ kiểm tra hiện trường"):
    form = {"api_key": KEY_SXD if key is None else key, "service_request_id": str(cid),
            "update_id": "ext-1", "status": status, "updated_datetime": w3c(int(time.time())),
            "description": desc}
    return [(k, v) for k, v in form.items() if k not in drop]


def test_updates(cid):
    path = "/open311/v2/servicerequestupdates.json"
    error_is(req("POST", path, "", upd(cid, drop=("api_key",))), 403, "json",
             "POST update without api_key: 403")
    error_is(req("POST", path, "", upd(cid, key=KEY)), 403, "json",
             "the center's key may not act as an agency: 403")
    error_is(req("POST", path, "", upd(cid, status="PLANNED")), 400, "json",
             "a status with no action: 400")
    error_is(req("POST", path, "", upd(cid, drop=("description",))), 400, "json",
             "missing description: 400")
    error_is(req("POST", path, "", upd(999999)), 404, "json", "unknown request: 404")
    r = req("POST", "/open311/v2/servicerequestupdates.xml", "", upd(cid))
    root = r.xml()
    uid = root.findtext("request_update/update_id") if root is not None else None
    ok(r.status == 200 and root.tag == "service_request_updates" and uid and uid.isdigit(),
       "IN_PROGRESS: 200 with our update_id", r)
    is_(sql("SELECT state FROM cases WHERE id = %d" % cid), "in_processing",
        "IN_PROGRESS applied the accept action")
    j = req("GET", "/open311/v2/requests/%d.json" % cid).json() or [{}]
    is_(j[0].get("status_notes"), "Đang xử lý tại Sở Xây dựng", "status_notes follow the workflow")
    error_is(req("POST", path, "", upd(cid)), 400, "json", "the same action again: 400 (wrong state)")
    j = req("GET", path).json() or []
    mine = [u for u in j if u.get("update_id") == uid]
    ok(mine and mine[0]["service_request_id"] == str(cid) and mine[0]["status"] == "in_progress"
       and mine[0]["description"] == "Đã cử cán bộ kiểm tra hiện trường" and
       mine[0]["external_status_code"] == "in_processing" and
       mine[0]["updated_datetime"].endswith("+07:00"), "GET updates: the event, mySociety shape", j)
    ids = [int(u["update_id"]) for u in j]
    staged = sql("SELECT id FROM case_events WHERE case_id = %d AND kind = 'distributed'" % cid)
    ok(ids == sorted(ids) and staged in [str(i) for i in ids],
       "updates in event order, events of the current second included", (ids, staged))
    r = req("GET", "/open311/v2/servicerequestupdates.xml")
    root = r.xml()
    ok(root is not None and root.tag == "service_request_updates" and
       root.find("request_update/update_id") is not None, "GET updates.xml", r)
    now = int(time.time())
    error_is(req("GET", path, {"start_date": w3c(now - 91 * 86400), "end_date": w3c(now)}), 400,
             "json", "updates: range over 90 days: 400")
    is_(req("GET", path, {"start_date": w3c(now + 3600)}).json(), [], "updates: empty window")
    r = req("POST", path, "", upd(cid, status="FIXED", desc="Đã vá ổ gà"))
    ok(r.status == 200 and sql("SELECT state FROM cases WHERE id = %d" % cid) ==
       "awaiting_approval", "FIXED applied submit_result", r)


def test_no_personal_data():
    blob = b"\n".join(BODIES)
    for what, needle in (("phone (E.164)", PHONE_E164), ("phone as typed", PHONE_IN),
                         ("phone digits", "912345678"), ("e-mail", EMAIL),
                         ("name", NAME_LAST), ("device_id", "dev-1")):
        ok(needle.encode() not in blob, "no reporter %s in any response" % what)


def attributes_sql(path):
    def q(v):
        return "NULL" if v is None else "'" + str(v).replace("\\", "\\\\").replace("'", "''") + "'"
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for a in data["field_attributes"]:
        values = json.dumps(a["values"], ensure_ascii=False) if "values" in a else None
        print("INSERT INTO field_attributes (field_id, code, variable, datatype, required,"
              " datatype_description, ord, description, values_json) SELECT id, %s, %d, %s, %d,"
              " %s, %d, %s, %s FROM fields WHERE code = %s;" % (
                  q(a["code"]), 1 if a.get("variable", True) else 0, q(a["datatype"]),
                  1 if a.get("required") else 0, q(a.get("datatype_description", "")),
                  a["order"], q(a["description"]), q(values), q(a["field"])))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--attributes-sql":
        attributes_sql(sys.argv[2])
        return 0
    print("1..103")
    test_discovery()
    test_services()
    test_post_errors()
    cid, created = test_post_ok()
    test_by_id(cid)
    conf = new_case({"confidential": "true", "extensions": "true"})
    secret = new_case()
    old = new_case()
    if not (conf and secret and old):
        print("Bail out! cannot create cases")
        return 1
    conf_id, secret_id, old_id = (int(x["service_request_id"]) for x in (conf, secret, old))
    for x in (conf_id, secret_id, old_id):
        distribute(x)
    sql("UPDATE cases SET secret = 1 WHERE id = %d" % secret_id)
    sql("UPDATE cases SET received_at = received_at - INTERVAL 100 DAY WHERE id = %d" % old_id)
    test_hidden(conf_id, secret_id, cid, conf["token"])
    test_list(cid, old_id)
    test_paging()
    test_extensions(cid)
    test_tokens(int(created["service_request_id"]), created["token"])
    test_updates(cid)
    test_no_personal_data()
    if N != 103:
        print("# planned 103 tests but ran %d" % N)
        return 1
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
