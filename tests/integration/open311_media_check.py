"""open311_media_check.py: Open311 media through nginx (run by
t_open311_media.sh). Multipart POSTs are built here byte by byte (stdlib);
the photos are PPM gradients turned into JPEG by the vips command, with GPS
and camera EXIF written by exiftool. The main case is driven to publication
through the staff API; the confidential one is staged with SQL (it is the
visibility rule that matters there, not the workflow)."""
import json
import os
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET

from phtest import Client, diag, done, eq, ok

T_DIR = os.environ["T_DIR"]
KEY = os.environ["O311_KEY"]
FIX = os.path.join(T_DIR, "fixtures")
BASE_URL = "https://www.phananh.test"
POINT = {"lat": "13.7765", "long": "109.2235"}


def run(*cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        diag("%s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    return r


def sql(stmt):
    return run("mariadb", "--defaults-file=" + os.path.join(T_DIR, "my.cnf"),
               "--batch", "--raw", "--skip-column-names", "-e",
               stmt).stdout.strip()


def jpeg(name, w, h, shade):
    """A w x h gradient as JPEG with GPS, time and camera EXIF."""
    ppm = os.path.join(FIX, name + ".ppm")
    row = bytearray(w * 3)
    row[0::3] = bytes(x * 255 // w for x in range(w))
    row[2::3] = bytes([shade]) * w
    with open(ppm, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (w, h))
        for y in range(h):
            row[1::3] = bytes([y * 255 // h]) * w
            f.write(row)
    out = os.path.join(FIX, name + ".jpg")
    run("vips", "copy", ppm, out + "[Q=85]")
    run("exiftool", "-q", "-overwrite_original", "-n",
        "-GPSLatitude=13.7765", "-GPSLatitudeRef=N",
        "-GPSLongitude=109.2237", "-GPSLongitudeRef=E",
        "-DateTimeOriginal=2026:03:01 07:30:00", "-Artist=Nguyen Van Chup",
        "-Make=TestCam", out)
    with open(out, "rb") as f:
        return f.read()


def multipart(fields, files):
    """(body, content type): fields [(name, value)], files [(name,
    filename, content type, bytes)]."""
    b = "pa-o311-7MA4YWxkTrZu0gW"
    out = bytearray(b"preamble, ignored\r\n")
    for name, value in fields:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n"
                "\r\n" % (b, name)).encode() + value.encode() + b"\r\n"
    for name, fname, ctype, data in files:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                "filename=\"%s\"\r\nContent-Type: %s\r\n\r\n" %
                (b, name, fname, ctype)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % b).encode()
    return bytes(out), "multipart/form-data; boundary=" + b


def post(fields, files=(), fmt="json", ctype=None):
    cl = Client()
    if ctype is None:
        body, ctype = multipart(fields, files)
    else:
        body = urllib.parse.urlencode(fields).encode()
    return cl.req("POST", "/open311/v2/requests." + fmt, body, ctype=ctype)


def fields(desc, **extra):
    f = {"api_key": KEY, "service_code": "GTVT", "description": desc,
         "lat": POINT["lat"], "long": POINT["long"],
         "jurisdiction_id": "phananh.test"}
    f.update(extra)
    return list(f.items())


def request(cid, ext=False, fmt="json"):
    q = "?extensions=true" if ext else ""
    st, js, raw, _ = Client().get("/open311/v2/requests/%s.%s%s" %
                                  (cid, fmt, q))
    return st, (js[0] if st == 200 and fmt == "json" else raw)


def check_post(p1, p2):
    n0 = sql("SELECT COUNT(*) FROM cases")
    st, js, raw, _ = post(fields("Ổ gà có ảnh, gửi qua Open311 multipart",
                                 media_url="http://example.org/x.jpg"),
                          [("media[]", "o-ga-1.jpg", "image/jpeg", p1),
                           ("media[]", "ổ gà 2.jpg", "image/jpeg", p2)])
    ok(st == 200 and isinstance(js, list) and js[0].get(
        "service_request_id"), "multipart POST with two JPEGs: 200", raw)
    cid = js[0]["service_request_id"] if st == 200 else "0"
    eq(sql("SELECT COUNT(*) FROM cases"), str(int(n0) + 1), "one case")
    eq(sql("SELECT CONCAT(channel, '/', description) FROM cases WHERE id = "
           + cid), "open311/Ổ gà có ảnh, gửi qua Open311 multipart",
       "fields from the multipart body (UTF-8 kept), channel open311")
    eq(sql("SELECT GROUP_CONCAT(CONCAT(kind, ':', mime, ':', width, 'x',"
           " height, ':', upload_token IS NULL) ORDER BY id) FROM media"
           " WHERE case_id = " + cid),
       "image:image/jpeg:800x600:1,image:image/jpeg:640x480:1",
       "both photos attached to the case, in order, tokens cleared")
    eq(sql("SELECT attributes_json LIKE '%example.org%' FROM cases"
           " WHERE id = " + cid), "0", "uploaded files win over media_url")
    return cid


def check_refusals(p1):
    n0 = sql("SELECT COUNT(*) FROM cases")
    m0 = sql("SELECT COUNT(*) FROM media")
    st, js, raw, _ = post(fields("Không phải ảnh"),
                          [("media[]", "anh.jpg", "image/jpeg", p1),
                           ("media[]", "evil.html", "image/jpeg",
                            b"<html><script>alert(1)</script></html>")])
    desc = (js or [{}])[0].get("description", "") if isinstance(
        js, list) else ""
    ok(st == 400 and js[0]["code"] == 400 and "evil.html" in desc,
       "a non-image part: 400 in Open311's shape naming the file", raw)
    eq((sql("SELECT COUNT(*) FROM cases"), sql("SELECT COUNT(*) FROM media")),
       (n0, m0), "... and no case, no upload stored")
    st, _, raw, _ = post(fields("XML"), [("media[]", "a.txt", "text/plain",
                                          b"hello")], fmt="xml")
    root = ET.fromstring(raw) if raw.startswith(b"<?xml") else None
    ok(st == 400 and root is not None and root.tag == "errors" and
       "a.txt" in root.findtext("error/description", ""),
       "the same refusal in XML", raw)
    st, js, raw, _ = post(fields("Hỏng"), [("media[]", "cut.jpg",
                                             "image/jpeg", p1[:3000])])
    ok(st == 400 and "cut.jpg" in js[0]["description"],
       "a truncated JPEG: 400 naming it (the decoder's check)", raw)
    st, js, raw, _ = post(fields("x", api_key="wrong"),
                          [("media[]", "a.jpg", "image/jpeg", p1)])
    eq(st, 403, "multipart with a wrong api_key: 403")
    st, js, raw, _ = post(fields("x", jurisdiction_id="other.vn"),
                          [("media[]", "a.jpg", "image/jpeg", p1)])
    eq(st, 404, "multipart with another jurisdiction_id: 404")
    st, js, raw, _ = Client().req(
        "POST", "/open311/v2/requests.json", b"--x\r\nnot a form",
        ctype="multipart/form-data; boundary=x")
    ok(st == 400 and "multipart" in js[0]["description"],
       "a malformed multipart body: 400", raw)
    eq(sql("SELECT COUNT(*) FROM cases"), n0, "none of these made a case")


def check_form_spooled():
    st, js, raw, _ = post(fields("Đèn đường hỏng – form-encoded qua nginx"),
                          ctype="application/x-www-form-urlencoded")
    ok(st == 200 and js[0].get("service_request_id"),
       "a form-encoded POST still works (body read from nginx's file)", raw)
    cid = js[0]["service_request_id"] if st == 200 else "0"
    eq(sql("SELECT description FROM cases WHERE id = " + cid),
       "Đèn đường hỏng – form-encoded qua nginx", "... its description")
    big = fields("x" * 10, attribute="y" * 1100000)
    st, js, raw, _ = post(big, ctype="application/x-www-form-urlencoded")
    ok(st == 400 and "bytes" in js[0]["description"],
       "a form-encoded body over max_body_bytes: 400", raw)


def act(cl, cid, action, body=None):
    st, js, raw, _ = cl.act(cid, action, body or {})
    ok(st == 200, "staff: %s" % action, raw)


def publish(cid):
    users = {}
    for u in ("tiepnhan", "sxd.canbo", "sxd.lanhdao", "bientap"):
        users[u] = Client()
        st, _ = users[u].login(u)
        if st != 200:
            diag("login %s: %s" % (u, st))
    act(users["tiepnhan"], cid, "distribute", {
        "field": "GTVT", "group": "GTVT-DUONG", "lead_agency": "SXD",
        "coord_agencies": []})
    act(users["sxd.canbo"], cid, "accept")
    act(users["sxd.canbo"], cid, "submit_result", {"text": "Đã vá ổ gà."})
    st, r = request(cid)
    eq(r.get("media_url") if st == 200 else st, None,
       "in processing (content public, answer not published): null")
    act(users["sxd.lanhdao"], cid, "approve")
    act(users["bientap"], cid, "publish")
    return users["tiepnhan"]


def no_exif(data, desc):
    path = os.path.join(FIX, "served.jpg")
    with open(path, "wb") as f:
        f.write(data)
    ok(data[:3] == b"\xff\xd8\xff" and b"Exif\x00" not in data,
       desc + ": a JPEG without an EXIF block", data[:16])
    eq(run("exiftool", "-s", "-GPS:all", "-EXIF:all", "-Artist", "-Make",
           path).stdout.strip(), "", desc + ": exiftool finds no GPS/camera")


def check_get(cid):
    st, r = request(cid)
    ok(st == 200 and "media_url" in r and r["media_url"] is None,
       "new request (received): media_url null", r)
    st, r = request(cid, ext=True)
    eq(r.get("media_urls") if st == 200 else st, [],
       "extensions: media_urls empty before publication")
    staff = publish(cid)
    ids = sql("SELECT GROUP_CONCAT(id ORDER BY id) FROM media WHERE case_id "
              "= " + cid).split(",")
    want = ["%s/api/v1/media/%s/display" % (BASE_URL, i) for i in ids]
    st, r = request(cid)
    eq(r.get("media_url") if st == 200 else st, want[0],
       "published: media_url = absolute URL of the first photo's display "
       "copy")
    ok("media_urls" not in r, "standard output has no media_urls")
    st, r = request(cid, ext=True)
    eq(r.get("media_urls") if st == 200 else st, want,
       "extensions=true: media_urls lists both photos")
    st, raw = request(cid, fmt="xml")
    ok(st == 200 and ("<media_url>%s</media_url>" % want[0]).encode() in
       raw, "XML: <media_url>", raw)
    st, raw = request(cid, ext=True, fmt="xml")
    ok(st == 200 and ("<media_urls><media_url>%s</media_url><media_url>%s"
                      "</media_url></media_urls>" % tuple(want)).encode()
       in raw, "XML extensions: <media_urls><media_url>...", raw)
    st, js, raw, _ = Client().get("/open311/v2/requests.json")
    mine = [x for x in (js or []) if x["service_request_id"] == cid]
    ok(st == 200 and len(mine) == 1 and mine[0]["media_url"] == want[0],
       "the list carries the same media_url", raw[:400])
    path = urllib.parse.urlparse(want[0]).path
    st, _, body, hd = Client().get(path)
    ok(st == 200 and hd.get("Content-Type") == "image/jpeg",
       "the URL's path through nginx: 200 image/jpeg", st)
    no_exif(body, "served display copy")
    st, _, _, _ = Client().get(path.replace("display", "original"))
    eq(st, 404, "the original stays private")
    st, js, raw, _ = staff.post("/api/v1/media/%s/hide" % ids[0])
    ok(st == 200, "staff hide the first photo", raw)
    st, r = request(cid, ext=True)
    ok(st == 200 and r["media_url"] == want[1] and r["media_urls"] ==
       want[1:], "hidden: media_url moves to the next public photo", r)


def check_confidential(p1):
    st, js, raw, _ = post(fields("Bí mật, có ảnh", confidential="true"),
                          [("media[]", "mat.jpg", "image/jpeg", p1)])
    ok(st == 200, "confidential multipart POST: 200", raw)
    cid = js[0]["service_request_id"] if st == 200 else "0"
    mid = sql("SELECT id FROM media WHERE case_id = " + cid)
    ok(mid != "", "its photo is attached")
    sql("UPDATE cases SET state = 'published', published_at = NOW(),"
        " answer_published = 'Đã xử lý.' WHERE id = " + cid)
    st, r = request(cid)
    eq(st, 404, "published confidential case: 404 by id")
    bodies = []
    for q in ("", "?extensions=true"):
        st, _, raw, _ = Client().get("/open311/v2/requests.json" + q)
        bodies.append(raw)
        st, _, raw, _ = Client().get("/open311/v2/requests.xml" + q)
        bodies.append(raw)
    needle = ("/api/v1/media/%s/" % mid).encode()
    ok(all(needle not in b for b in bodies) and
       all(b'"%s"' % cid.encode() not in b for b in bodies[:1]),
       "no list (JSON, XML, extensions) shows it or its photo URL")
    eq(Client().get("/api/v1/media/%s/display" % mid)[0], 404,
       "its display URL answers 404 to the public")


def main():
    os.makedirs(FIX, exist_ok=True)
    p1 = jpeg("p1", 800, 600, 60)
    p2 = jpeg("p2", 640, 480, 200)
    ok(b"Exif" in p1 and b"Exif" in p2, "fixtures: two JPEGs with EXIF")
    cid = check_post(p1, p2)
    check_refusals(p1)
    check_form_spooled()
    check_get(cid)
    check_confidential(p1)
    done()


main()
