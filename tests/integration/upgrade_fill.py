"""upgrade_fill.py: fills a database through the API for t_upgrade.sh:
reports from citizens, distribution, acceptance and a note by staff.
Prints the case codes it made, one a line, on stdout (TAP goes to stderr
in this helper: t_upgrade.sh counts its own tests)."""
import sys

from phtest import Client

REPORT = {
    "description": "Cây đổ chắn ngang đường Nguyễn Huệ sau cơn mưa, "
                   "xe không qua được.",
    "field": "GTVT", "lat": 13.7701, "lng": 109.2231,
    "address": "45 Nguyễn Huệ, phường Quy Nhơn",
    "name": "Phạm Văn Chí", "phone": "0905 765 432",
    "email": "chi@example.com", "declaration": True,
}


def must(cond, what, raw=b""):
    if not cond:
        print("upgrade_fill: %s failed: %s" % (what, raw[:300]),
              file=sys.stderr)
        sys.exit(1)


def main():
    citizen, staff, agency = Client(), Client(), Client()
    codes = []
    for i in range(6):
        body = dict(REPORT)
        body["description"] += " Lần %d." % (i + 1)
        st, js, raw, _ = citizen.post("/api/v1/reports", body)
        must(st == 201, "report %d" % i, raw)
        codes.append(str(js["code"]))
    must(staff.login("tiepnhan")[0] == 200, "login tiepnhan")
    must(agency.login("sxd.canbo")[0] == 200, "login sxd.canbo")
    for code in codes[:3]:
        st, js, raw, _ = staff.act(code, "distribute", {
            "field": "GTVT", "group": "GTVT-DUONG", "lead_agency": "SXD"})
        must(st == 200, "distribute %s" % code, raw)
    st, _, raw, _ = agency.act(codes[0], "accept", {})
    must(st == 200, "accept %s" % codes[0], raw)
    st, _, raw, _ = agency.post("/api/v1/cases/%s/notes" % codes[0],
                                {"text": "Đã cử đội cây xanh đến hiện trường."})
    must(st in (200, 201), "note on %s" % codes[0], raw)
    print("\n".join(codes))


if __name__ == "__main__":
    main()
