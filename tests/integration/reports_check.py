"""reports_check.py: the figures of the monthly report 2026-03, the
dashboard, the documents (CSV, XLSX read back with unzip, PDFs rendered
with pdftoppm), notices and exports, against values worked out by hand
from reports_fixture.sql (docs/reports.md, "The test data set")."""
import csv
import datetime as dt
import io
import os
import subprocess
import time

from phtest import Client, diag, done, eq, ok

TZ = dt.timezone(dt.timedelta(hours=7))
AS_OF = int(dt.datetime(2026, 3, 18, 9, 0, tzinfo=TZ).timestamp())
W_FROM = int(dt.datetime(2026, 2, 15, 0, 0, tzinfo=TZ).timestamp())
W_TO = int(dt.datetime(2026, 3, 14, 23, 59, 59, tzinfo=TZ).timestamp())
T_DIR = os.environ["T_DIR"]


def sql(q):
    return subprocess.run(["mariadb", "--defaults-file=%s/my.cnf" % T_DIR,
                           "-N", "-B", "-e", q], capture_output=True,
                          text=True, check=True).stdout.strip()


def by(rows, key="code"):
    return {r[key]: r for r in rows}


def non_white_share(pdf, png_out):
    """Renders page 1 to PPM (counted here) and PNG (kept as screenshot)."""
    base = os.path.join(T_DIR, "page")
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", pdf, base],
                   check=True)
    subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-png",
                    "-singlefile", pdf, png_out], check=True)
    ppm = [f for f in os.listdir(T_DIR) if f.startswith("page")
           and f.endswith(".ppm")][0]
    with open(os.path.join(T_DIR, ppm), "rb") as f:
        data = f.read()
    os.unlink(os.path.join(T_DIR, ppm))
    # P6 header: magic, width, height, maxval, then RGB bytes
    parts = data.split(b"\n", 3)
    w, h = (int(x) for x in parts[1].split())
    px = parts[3]
    dark = sum(1 for i in range(0, w * h * 3, 3)
               if px[i] < 200 or px[i + 1] < 200 or px[i + 2] < 200)
    return dark / float(w * h)


def unzip(path, member):
    return subprocess.run(["unzip", "-p", path, member], capture_output=True,
                          check=True).stdout.decode()


def check_totals(rep):
    t = rep["totals"]
    want = {"received": 10, "pending_intake": 1, "not_accepted": 1,
            "merged": 0, "distributed": 8, "returned": 1,
            "in_processing": 3, "answered": 5, "answered_on_time": 3,
            "answered_late": 2, "secret": 0, "escalated": 1, "ncr": 4,
            "rated_very": 1, "rated_sat": 2, "rated_not": 1, "rated": 4,
            "overdue": 3}
    eq({k: t.get(k) for k in want}, want, "monthly totals")
    eq(round(t["satisfaction_rate"], 4), 0.75, "satisfaction rate 3/4")
    eq(round(t["on_time_rate"], 4), 0.6, "on-time rate 3/5")


def check_dims(rep):
    a = by(rep["by_agency"])
    eq({k: a["SXD"].get(k) for k in ("received", "answered",
        "answered_on_time", "answered_late", "in_processing", "ncr",
        "overdue", "process_on_time", "process_late")},
       {"received": 5, "answered": 3, "answered_on_time": 2,
        "answered_late": 1, "in_processing": 2, "ncr": 2, "overdue": 2,
        "process_on_time": 3, "process_late": 0}, "Sở Xây dựng row")
    eq(a["SXD"]["satisfaction_rate"], 1.0, "SXD satisfaction 2/2")
    eq((a["SNNMT"]["received"], a["SNNMT"]["answered_late"],
        a["SNNMT"]["satisfaction_rate"], a["SNNMT"]["overdue"]),
       (2, 1, 0.0, 0), "SNNMT row")
    eq((a["UBND-QN"]["received"], a["UBND-QN"]["answered_on_time"],
        a["UBND-QN"]["satisfaction_rate"]), (1, 1, None), "UBND-QN row")
    eq((a["TTCDS"]["received"], a["TTCDS"]["overdue"]), (0, 1),
       "the center: no cases led, one intake overdue")
    eq((a[""]["received"], a[""]["not_accepted"], a[""]["pending_intake"]),
       (2, 1, 1), "cases without an agency")
    eq({k: v["received"] for k, v in by(rep["by_field"]).items()},
       {"XD": 5, "TNMT": 3, "GTVT": 1, "": 1}, "received per field")
    eq({k: v["received"] for k, v in by(rep["by_channel"]).items()},
       {"portal": 5, "hotline": 3, "app": 2}, "received per channel")
    eq({k: v["received"] for k, v in by(rep["by_unit"]).items()},
       {"21550": 3, "": 7}, "received per administrative unit")
    eq({r["code"]: r["returns"] for r in rep["returns"]},
       {"SXD": 1, "UBND-QN": 1}, "wrong-jurisdiction returns per agency")


def check_stages(rep):
    s = by(rep["stages"], "stage")
    cols = ("on_time", "late", "running", "overdue", "paused", "cancelled")
    want = {"intake": (9, 0, 1, 1, 0, 0), "accept": (1, 0, 0, 0, 0, 0),
            "return": (0, 0, 1, 0, 0, 0), "process": (4, 1, 1, 1, 1, 1),
            "approve": (5, 0, 1, 0, 0, 0), "publish": (4, 1, 0, 0, 0, 0),
            "redistribute": (0, 1, 0, 0, 0, 0),
            "clarify": (0, 0, 1, 0, 0, 0)}
    eq({k: tuple(v[c] for c in cols) for k, v in s.items()}, want,
       "clocks per stage: on time, late, running, overdue, paused, "
       "cancelled")
    pct = {"intake": (35, 52), "accept": (10, 10), "process": (900, 2040),
           "approve": (60, 160), "publish": (20, 57),
           "redistribute": (90, 90)}
    eq({k: (round(s[k]["median_min"], 1), round(s[k]["p90_min"], 1))
        for k in pct}, {k: (float(a), float(b)) for k, (a, b) in
                        pct.items()},
       "median and 90th percentile working minutes per stage")


def check_lists(rep):
    eq([(x["code"], x["stage"], x["agency_code"], x["overdue_min"],
         x["days_overdue"]) for x in rep["overdue"]],
       [("101", "process", "SXD", 5760, 12), ("104", "process", "SXD", 2640,
                                                6),
        ("109", "intake", "TTCDS", 1020, 3)],
       "overdue list: backlog included, window clocks and later cases not")
    eq([(x["code"], x["stage"], x["late_min"], x["days_late"])
        for x in rep["late"]],
       [("103", "process", 200, 1), ("105", "redistribute", 30, 1),
        ("108", "publish", 15, 1)], "completed-late list")
    eq([(x["code"], x["reasons"]) for x in rep["ncr"]],
       [("103", ["not_satisfied"]), ("105", ["escalated", "returned_twice"]),
        ("106", ["clarifying"]), ("111", ["reopened"])],
       "not conclusively resolved, with reasons")
    eq([x["code"] for x in rep["escalated"]], ["105"], "escalated list")


def check_docs(c):
    st, _, raw, h = c.get("/api/v1/reports/monthly?period=2026-03&format=csv"
                          "&table=by_agency")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    eq((st, rows[0][:3]),
       (200, ["Cơ quan, đơn vị", "Tiếp nhận", "Đang xử lý"]),
       "CSV of the agency table: Vietnamese header")
    ok(["Sở Xây dựng", "5", "2", "3", "2", "1", "66.7%", "2", "2",
        "100.0%"] in rows, "CSV row of Sở Xây dựng", rows)
    st, _, raw, h = c.get("/api/v1/reports/monthly?period=2026-03"
                          "&format=xlsx")
    path = os.path.join(T_DIR, "monthly.xlsx")
    with open(path, "wb") as f:
        f.write(raw)
    eq((st, raw[:2]), (200, b"PK"), "XLSX download")
    strings = unzip(path, "xl/sharedStrings.xml")
    for s in ("Tổng hợp kết quả tiếp nhận, xử lý", "Sở Xây dựng",
              "Số ngày LV quá hạn", "Lý do chưa dứt điểm"):
        ok(s in strings, "XLSX shared strings hold '%s'" % s)
    wb = unzip(path, "xl/workbook.xml")
    ok('name="Quá hạn"' in wb and 'name="Chưa dứt điểm"' in wb,
       "XLSX has the overdue and NCR sheets")
    # sheet 9 is the overdue list: days overdue 12, 6, 3 in column E
    s9 = unzip(path, "xl/worksheets/sheet9.xml")
    ok('<c r="E6" s="' in s9 and "<v>12</v>" in s9 and "<v>6</v>" in s9
       and "<v>3</v>" in s9, "XLSX overdue sheet: days overdue", s9[-800:])
    st, _, raw, h = c.get("/api/v1/reports/monthly?period=2026-03"
                          "&format=pdf")
    pdf = os.path.join(T_DIR, "monthly.pdf")
    with open(pdf, "wb") as f:
        f.write(raw)
    eq((st, raw[:4], h.get("Content-Type")), (200, b"%PDF",
       "application/pdf"), "PDF download")
    share = non_white_share(pdf, os.path.join(T_DIR, "report-monthly"))
    ok(share > 0.02, "report PDF page 1 is not blank (%.1f%% ink)"
       % (share * 100))
    diag("screenshot: %s/report-monthly.png" % T_DIR)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                          capture_output=True, text=True).stdout
    ok("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text
       and "Lưu: VT." in text, "PDF: national title, title, recipients")


def check_narrative(c):
    st, js = c.post("/api/v1/reports/monthly/narrative",
                    {"period": "2026-03", "narrative": "Vướng mắc: thiếu "
                     "kinh phí sửa đường.\nKiến nghị: bổ sung kinh phí.",
                     "doc_number": "Số: 15/BC-TTCDS"})[:2]
    eq(st, 200, "narrative saved")
    st, rep = c.get("/api/v1/reports/monthly?period=2026-03")[:2]
    eq((rep["meta"]["narrative"].split("\n")[0], rep["meta"]["doc_number"],
        rep["meta"]["narrative_is_draft"]),
       ("Vướng mắc: thiếu kinh phí sửa đường.", "Số: 15/BC-TTCDS", False),
       "the report carries the stored narrative and number")
    eq(c.get("/api/v1/reports/monthly?period=2026-13")[0], 422,
       "a bad period is refused")
    eq(c.get("/api/v1/reports/weekly?week=2026-W11")[0], 200,
       "weekly report")
    eq(c.get("/api/v1/reports/daily?period=2026")[0], 404, "unknown type")


def check_dashboard(c, leader):
    q = "/api/v1/stats/overview?from=%d&to=%d" % (W_FROM, W_TO)
    st, o = c.get(q)[:2]
    eq((st, o["scope"], o["totals"]["received"], o["totals"]["overdue"],
        o["totals"]["open"]), (200, "province", 10, 3, 3),
       "dashboard totals (province)")
    eq(o["by_state"], {"published": 2, "in_processing": 1, "escalated": 1,
                       "clarifying": 1, "not_accepted": 1, "closed": 1,
                       "received": 1, "delivered_privately": 1,
                       "awaiting_approval": 1}, "cases by state")
    eq((sum(d["received"] for d in o["trend"]),
        sum(d["answered"] for d in o["trend"])), (10, 5),
       "trend: received and answered per day")
    eq([x["code"] for x in o["at_risk"]], ["112"], "at risk: due in 2 h")
    eq([x["code"] for x in o["escalated"]], ["105"], "escalated now")
    eq(sorted((p["code"], p["lat"]) for p in o["points"]),
       [("102", 13.78), ("104", 13.78)],
       "map points: coarse, never confidential")
    st, o = leader.get(q + "&agency=SNNMT")[:2]
    eq((st, o["scope"], o["agency"]["code"], o["totals"]["received"],
        len(o["by_agency"])), (200, "agency", "SXD", 5, 1),
       "a leader sees only the own agency")
    st, rep = leader.get("/api/v1/reports/monthly?period=2026-03")[:2]
    eq((st, rep["totals"]["received"], rep["totals"]["overdue"]),
       (200, 5, 2), "the agency's monthly report")


def check_notices(c):
    st, _, raw, h = c.get("/api/v1/public/cases/102/notice.pdf")
    pdf = os.path.join(T_DIR, "notice.pdf")
    with open(pdf, "wb") as f:
        f.write(raw)
    eq((st, raw[:4]), (200, b"%PDF"), "public notice PDF")
    share = non_white_share(pdf, os.path.join(T_DIR, "notice"))
    ok(share > 0.01, "notice page 1 is not blank (%.1f%% ink)"
       % (share * 100))
    diag("screenshot: %s/notice.png" % T_DIR)
    eq(c.get("/api/v1/public/cases/111/notice.pdf")[0], 404,
       "no public notice for a confidential case")
    st, _, raw, h = c.get("/api/v1/track/tok-111/notice.pdf")
    with open(pdf, "wb") as f:
        f.write(raw)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                          text=True).stdout
    ok(st == 200 and "Người phản ánh 111" in text and "THÔNG BÁO" in text,
       "the reporter's copy is addressed by name", text[:400])
    eq(c.get("/api/v1/track/nope/notice.pdf")[0], 404, "unknown link")


def check_exports(c, leader):
    base = "/api/v1/exports/cases?from=2026-02-15&to=2026-03-14"
    st, _, raw, _ = c.get(base)
    lines = [x for x in raw.decode("utf-8-sig").split("\r\n") if x]
    eq((st, len(lines)), (200, 11), "export: header and 10 cases")
    ok("Họ tên" not in lines[0] and "Người phản ánh" not in raw.decode(),
       "no identity by default")
    eq(c.get(base + "&identity=1")[0], 422, "identity needs a reason")
    st, _, raw, _ = c.get(base + "&identity=1&reason=C%C3%B4ng+an+t%E1%BB"
                          "%89nh+y%C3%AAu+c%E1%BA%A7u+s%E1%BB%91+123")
    ok(st == 200 and "Họ tên người phản ánh" in raw.decode("utf-8-sig")
       and "Người phản ánh 104" in raw.decode(), "identity with a reason")
    eq(sql("SELECT action, reason, actor FROM audit_log WHERE action"
           " = 'export_cases_identity'"),
       "export_cases_identity\tCông an tỉnh yêu cầu số 123\tgiamsat",
       "the identity export is in the audit log")
    eq(leader.get(base + "&identity=1&reason=xxxxxxxxxxxxx")[0], 403,
       "agencies never export identity")
    st, _, raw, _ = c.get(base + "&format=xlsx&field=XD")
    ok(st == 200 and raw[:2] == b"PK", "XLSX export")


def check_refresh(c):
    """A new case with an event: the report refreshes the changed day."""
    sql("INSERT INTO cases (id, track_hash, state, channel, received_at,"
        " description, created_at, updated_at) VALUES (113, SHA2('t113',"
        " 256), 'received', 'email', '2026-03-10 03:00:00', 'x', NOW(),"
        " NOW()); INSERT INTO case_events (case_id, at, kind, actor_kind)"
        " VALUES (113, '2026-03-10 03:00:00', 'submitted', 'staff')")
    st, rep = c.get("/api/v1/reports/monthly?period=2026-03")[:2]
    eq((rep["totals"]["received"], rep["totals"]["pending_intake"]),
       (11, 2), "the report refreshes days with new events")


def check_jobd():
    """phananh-jobd at 18 Mar 2026 09:00 with a lead time of 3 working
    days: the March monthly and Q1 reports (due 19 Mar) and week 11 (due
    Mon 16 Mar) are generated, nothing older; two recipients each."""
    rdir = os.path.join(T_DIR, "reports")
    os.makedirs(rdir, exist_ok=True)
    sql("INSERT INTO settings (name, value) VALUES ('report_recipients',"
        " 'lanhdao@ubnd.invalid, vanphong@ubnd.invalid')")
    conf = os.path.join(T_DIR, "jobd.conf")
    with open(conf, "w") as f:
        f.write("db_defaults_file = %s/my.cnf\nmodules = stats,reports\n"
                "tick_ms = 100\nreports_interval = 1\nreports_dir = %s\n"
                "test_clock_offset_s = %d\n"
                % (T_DIR, rdir, AS_OF - int(time.time())))
    log = open(os.path.join(T_DIR, "jobd.log"), "a")
    p = subprocess.Popen([os.environ["PHANANH_JOBD"], "-c", conf],
                         stdout=log, stderr=log)
    want = "monthly 2026-03\nquarterly 2026-Q1\nweekly 2026-W11"
    got = ""
    for _ in range(150):
        got = sql("SELECT type, period FROM report_instances WHERE"
                  " generated_at IS NOT NULL ORDER BY type").replace("\t",
                                                                     " ")
        if got == want:
            break
        time.sleep(0.2)
    time.sleep(1.5)     # a second pass must not generate them again
    p.terminate()
    p.wait(timeout=30)
    eq(got, want, "the daemon generated the reports that are due")
    eq(sorted(f for f in os.listdir(rdir) if f.startswith("monthly")),
       ["monthly-2026-03.csv", "monthly-2026-03.pdf",
        "monthly-2026-03.xlsx"], "files of the monthly report")
    eq(sql("SELECT COUNT(*), COUNT(DISTINCT recipient_addr) FROM"
           " notifications WHERE template = 'report_ready'"), "6\t2",
       "one e-mail per report and recipient, queued once")
    ok(sql("SELECT narrative FROM report_instances WHERE type = 'monthly'")
       .startswith("Vướng mắc"), "generation keeps the narrative")


def main():
    c = Client()
    c.now = AS_OF
    eq(c.login("giamsat")[0], 200, "monitor signs in")
    leader = Client()
    leader.now = AS_OF
    eq(leader.login("sxd.lanhdao")[0], 200, "agency leader signs in")
    officer = Client()
    officer.login("sxd.canbo")
    eq(officer.get("/api/v1/stats/overview")[0], 403,
       "officers have no dashboard")
    st, rep = c.get("/api/v1/reports/monthly?period=2026-03")[:2]
    eq((st, rep["meta"]["from"], rep["meta"]["to"]),
       (200, "2026-02-15", "2026-03-14"), "monthly window 15 Feb - 14 Mar")
    check_totals(rep)
    check_dims(rep)
    check_stages(rep)
    check_lists(rep)
    check_docs(c)
    check_narrative(c)
    check_dashboard(c, leader)
    check_notices(c)
    check_exports(c, leader)
    check_refresh(c)
    check_jobd()
    done()


main()
