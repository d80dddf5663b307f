"""media_check.py: the media pipeline through nginx (run by t_media.sh).
Fixtures are made here: a 2000x1500 picture (written as PPM by Python,
turned into JPEG/HEIC/PNG by the vips command) with GPS, time and
orientation EXIF written by exiftool; tiny MP4 and WebM containers built by
hand. Publication is staged with SQL: the workflow has its own tests."""
import hashlib
import os
import re
import socket
import struct
import subprocess
import threading
import time

from phtest import Client, diag, done, eq, ok

T_DIR = os.environ["T_DIR"]
MEDIA = os.path.join(T_DIR, "media")
FIX = os.path.join(T_DIR, "fixtures")
REPORT = {
    "description": "Cây đổ chắn ngang đường Lê Lợi, xe không qua được.",
    "field": "GTVT", "lat": 13.7765, "lng": 109.2235,
    "address": "45 Lê Lợi, phường Quy Nhơn", "name": "Trần Thị Ảnh",
    "phone": "0905 222 333", "email": "anh@example.com", "declaration": True,
}


def run(*cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        diag("%s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    return r


def sql(stmt):
    r = run("mariadb", "--defaults-file=" + os.path.join(T_DIR, "my.cnf"),
            "--batch", "--raw", "--skip-column-names", "-e", stmt)
    return r.stdout.strip()


def ppm(path, w, h):
    """A smooth gradient (compresses well, so the fixtures stay small)."""
    rows = bytearray()
    base = bytearray(w * 3)
    base[0::3] = bytes(x * 255 // w for x in range(w))
    base[2::3] = bytes([96]) * w
    for y in range(h):
        base[1::3] = bytes([y * 255 // h]) * w
        rows += base
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (w, h) + bytes(rows))


def make_fixtures():
    os.makedirs(FIX, exist_ok=True)
    src = os.path.join(FIX, "pic.ppm")
    ppm(src, 2000, 1500)
    out = {}
    for name, target in (("jpg", "gps.jpg[Q=90]"), ("heic", "pic.heic")):
        path = os.path.join(FIX, target.split("[")[0])
        if run("vips", "copy", src, os.path.join(FIX, target)).returncode == 0:
            out[name] = path
    png = os.path.join(FIX, "alpha.png")      # RGBA: flattened for JPEG
    if run("vips", "bandjoin_const", src, png, "200").returncode == 0:
        out["png"] = png
    run("exiftool", "-q", "-overwrite_original", "-n",
        "-GPSLatitude=13.7765", "-GPSLatitudeRef=N",
        "-GPSLongitude=109.2237", "-GPSLongitudeRef=E",
        "-DateTimeOriginal=2024:05:01 08:30:00", "-Orientation=6",
        "-Artist=Nguyen Van Chup", "-Make=TestCam", out["jpg"])
    return out


def mp4(duration_units, scale=1000):
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 512, b"isom",
                       b"mp41")
    mvhd_body = struct.pack(">B3sIIII", 0, b"\0\0\0", 0, 0, scale,
                            duration_units) + bytes(80)
    mvhd = struct.pack(">I4s", 8 + len(mvhd_body), b"mvhd") + mvhd_body
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    mdat = struct.pack(">I4s", 8 + 4000, b"mdat") + os.urandom(4000)
    return ftyp + moov + mdat


WEBM = (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81"
        b"\x04\x42\xf3\x81\x08\x42\x82\x84webm\x42\x87\x81\x02\x42\x85\x81"
        b"\x02\x18\x53\x80\x67\x01\xff\xff\xff\xff\xff\xff\xff" +
        bytes(2000))


def jpeg_info(data):
    """(width, height, [APPn markers]) of a JPEG, or None."""
    if data[:2] != b"\xff\xd8":
        return None
    i, apps, size = 2, [], None
    while i + 4 <= len(data) and data[i] == 0xFF:
        m = data[i + 1]
        n = struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xE0 <= m <= 0xEF:
            apps.append(m)
        if m in (0xC0, 0xC1, 0xC2) and size is None:
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            size = (w, h)
        if m == 0xDA:
            break
        i += 2 + n
    return (size[0], size[1], apps) if size else None


def no_metadata(data, desc):
    info = jpeg_info(data)
    ok(info is not None and 0xE1 not in info[2] and b"Exif" not in data
       and b"http://ns.adobe.com/xap" not in data, desc + ": no EXIF/XMP",
       info)
    path = os.path.join(FIX, "served.jpg")
    with open(path, "wb") as f:
        f.write(data)
    tags = run("exiftool", "-s", "-G", "-a", "-GPS:all", "-EXIF:all",
               "-XMP:all", "-Artist", "-Make", path).stdout.strip()
    eq(tags, "", desc + ": exiftool finds no GPS, EXIF or XMP tags")


def upload(cl, data, ctype="image/jpeg", name="photo.jpg"):
    return cl.req("POST", "/api/v1/media", data, ctype=ctype,
                  headers={"X-File-Name": name})


def report(cl, **extra):
    body = dict(REPORT)
    body.update(extra)
    return cl.post("/api/v1/reports", body)


def check_upload(fx):
    cl = Client()
    data = open(fx["jpg"], "rb").read()
    sha = hashlib.sha256(data).hexdigest()
    st, js, raw, hd = upload(cl, data, ctype="application/octet-stream",
                             name="x.bin")
    ok(st == 201, "a JPEG is accepted by its content (201)", raw)
    js = js or {}
    eq((js.get("kind"), js.get("mime")), ("image", "image/jpeg"),
       "kind image, image/jpeg (the Content-Type sent was octet-stream)")
    eq((js.get("width"), js.get("height")), (1500, 2000),
       "dimensions upright (EXIF orientation 6)")
    ex = js.get("exif") or {}
    ok(abs((ex.get("lat") or 0) - 13.7765) < 1e-6 and
       abs((ex.get("lng") or 0) - 109.2237) < 1e-6,
       "EXIF GPS offered as a suggestion", ex)
    eq(ex.get("taken_at"), 1714527000,
       "EXIF DateTimeOriginal (camera time, +07:00) as epoch")
    ok(re.match(r"^[A-Za-z0-9_-]{43}$", js.get("token", "")) is not None,
       "a one-time upload token is returned")
    ok(("pa_up_%d=%s;" % (js.get("id", 0), js.get("token"))) in
       (hd.get("Set-Cookie") or ""), "the browser gets the upload cookie")
    orig = os.path.join(MEDIA, "originals", sha[:2], sha[2:4], sha)
    ok(os.path.isfile(orig) and open(orig, "rb").read() == data,
       "original stored under originals/ab/cd/<sha256>, unchanged")
    st, _, body, hd = cl.get(js.get("url", "/none"))
    ok(st == 200 and hd.get("Content-Type") == "image/jpeg",
       "display copy served (signed URL, X-Accel-Redirect)", (st, hd))
    info = jpeg_info(body) or (0, 0, [])
    eq(info[:2], (1200, 1600), "display copy <= 1600 px, upright")
    no_metadata(body, "display copy")
    st, _, tbody, _ = cl.get(js.get("thumb_url", "/none"))
    tinfo = jpeg_info(tbody) or (0, 0, [])
    ok(st == 200 and tinfo[:2] == (240, 320) and len(tbody) < len(body),
       "thumbnail <= 320 px and smaller than the display copy",
       (st, tinfo[:2], len(tbody), len(body)))
    no_metadata(tbody, "thumbnail")
    st2, js2, _, _ = upload(cl, data)
    ok(st2 == 201 and js2["id"] != js["id"],
       "the same file again: a new upload record")
    names = os.listdir(os.path.dirname(orig))
    eq(names, [sha], "... but still one file on disk (content-addressed)")
    return cl, js, data


def check_refusals():
    cl = Client()
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    st, js, raw, _ = upload(cl, html, name="cat.jpg")
    ok(st == 415 and js["error"]["code"] == "unsupported_type",
       "HTML named .jpg sent as image/jpeg: 415 unsupported_type", raw)
    elf = open("/bin/true", "rb").read()
    st, js, raw, _ = upload(cl, elf, name="cat.jpg")
    ok(st == 415 and js["error"]["code"] == "unsupported_type",
       "an ELF executable named .jpg: 415 unsupported_type", raw)
    st, js, raw, _ = upload(cl, b"\xff\xd8\xff\xe0" + os.urandom(3000))
    ok(st == 422 and js["error"]["code"] == "invalid_image",
       "JPEG magic followed by garbage: 422 invalid_image", raw)
    bad = bytearray(mp4(3000))
    bad[24 + 3] = 0xF0                        # moov size past the end
    st, js, raw, _ = upload(cl, bytes(bad), ctype="video/mp4")
    ok(st == 422 and js["error"]["code"] == "invalid_video",
       "MP4 with a broken box structure: 422 invalid_video", raw)
    st, js, raw, _ = upload(cl, b"")
    ok(st == 400 and js["error"]["code"] == "empty_body",
       "empty upload: 400 empty_body", raw)
    eq(os.listdir(os.path.join(MEDIA, "originals")) if
       os.path.isdir(os.path.join(MEDIA, "originals")) else [], [],
       "nothing refused was stored")


def check_other_types(fx):
    cl = Client()
    for kind in ("heic", "png"):
        if kind not in fx:
            ok(True, "%s upload # SKIP vips cannot write %s here" %
               (kind, kind))
            continue
        st, js, raw, _ = upload(cl, open(fx[kind], "rb").read(),
                                ctype="image/" + kind)
        ok(st == 201 and js["mime"] == "image/" + kind and
           (js["width"], js["height"]) == (2000, 1500),
           "%s accepted, decoded by libvips" % kind.upper(), raw)
        st, _, body, _ = cl.get(js["url"]) if st == 201 else (0, 0, b"", 0)
        eq((jpeg_info(body) or (0, 0))[:2], (1600, 1200),
           "%s display copy is a 1600 px JPEG" % kind.upper())
    path = os.path.join(FIX, "served.jpg")
    with open(path, "wb") as f:
        f.write(body)
    eq(run("vipsheader", "-f", "bands", path).stdout.strip(), "3",
       "PNG with alpha: flattened to 3 bands")
    st, js, raw, _ = upload(cl, mp4(12500, 1000), ctype="video/mp4")
    ok(st == 201 and js["kind"] == "video" and js["duration_ms"] == 12500
       and js["thumb_url"] is None, "MP4: video, duration from mvhd", raw)
    st, _, body, hd = cl.get(js["url"]) if st == 201 else (0, 0, b"", {})
    ok(st == 200 and hd.get("Content-Type") == "video/mp4" and
       body[4:8] == b"ftyp", "the uploader can play it back (original)")
    st, js, raw, _ = upload(cl, WEBM, ctype="video/webm", name="a.webm")
    ok(st == 201 and js["mime"] == "video/webm" and
       js["duration_ms"] is None, "WebM: EBML header with DocType webm",
       raw)


def check_body_cap():
    """2 GB announced: nginx answers 413 itself, the worker never hears."""
    s = socket.create_connection(("127.0.0.1", int(os.environ["T_PORT"])),
                                 timeout=20)
    s.sendall(b"POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\n"
              b"Content-Type: image/jpeg\r\nContent-Length: 2147483648\r\n"
              b"Connection: close\r\n\r\n" + b"\xff\xd8\xff" + bytes(4096))
    resp = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            resp += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    head = resp.split(b"\r\n\r\n")[0].decode("latin-1")
    ok(head.startswith("HTTP/1.1 413") and b"payload_too_large" in resp,
       "a 2 GB upload is refused by nginx with 413 (JSON error)", head)
    rid = re.search(r"(?im)^X-Request-Id: *([0-9a-f]+)", head)
    time.sleep(0.5)
    log = open(os.path.join(T_DIR, "fcgi.log"), errors="replace").read()
    ok(rid is not None and rid.group(1) not in log,
       "the worker's log has no trace of that request",
       rid and rid.group(1))


def check_attach(fx):
    a = Client()
    ups = [None, None]

    def send(i, data, ctype):
        ups[i] = upload(a, data, ctype=ctype)[1]
    # the web client uploads the chosen files in parallel
    th = [threading.Thread(target=send, args=(0, open(fx["jpg"], "rb").read(),
                                              "image/jpeg")),
          threading.Thread(target=send, args=(1, WEBM, "video/webm"))]
    for t in th:
        t.start()
    for t in th:
        t.join()
    ids = [u["id"] for u in ups if u]
    st, js, raw, _ = report(a, media=ids)
    ok(st == 201 and len(ids) == 2,
       "report with media: [ids] of parallel uploads, by their cookies", raw)
    eq(sql("SELECT COUNT(*) FROM media WHERE case_id = %s AND upload_token"
           " IS NULL" % (js or {}).get("code", 0)), "2",
       "both attached, their tokens cleared")
    up = ups[0]
    st, js, raw, _ = report(a, media=[up["id"]])
    ok(st == 422 and js["error"]["field"] == "media",
       "the same upload again: 422 (the token is one-time)", raw)
    st, up2, _, _ = upload(a, mp4(2000), ctype="video/mp4")
    b = Client()
    st, js, raw, _ = report(b, media=[up2["id"]])
    ok(st == 422 and js["error"]["code"] == "invalid_media",
       "someone else's upload id without its token: 422", raw)
    st, js, raw, _ = report(b, media=[{"id": up2["id"], "token": "x" * 43}])
    ok(st == 422, "a wrong token: 422", raw)
    eq(sql("SELECT COUNT(*) FROM media WHERE id = %d AND case_id IS NULL"
           % up2["id"]), "1", "refused reports attached nothing")
    st, js, raw, _ = report(b, media=[{"id": up2["id"],
                                       "token": up2["token"]}])
    ok(st == 201, "{id, token} from another client (201)", raw)


def check_public(fx):
    cit = Client()
    st, up, _, _ = upload(cit, open(fx["jpg"], "rb").read())
    st, rep, _, _ = report(cit, media=[up["id"]])
    code, mid = rep["code"], up["id"]
    pub = Client()
    st, _, _, _ = pub.get("/api/v1/media/%d/display" % mid)
    eq(st, 404, "public: no photo before the answer is published")
    sql("UPDATE cases SET state = 'published', published_at = NOW(),"
        " answer_published = 'Đã dọn cây.' WHERE id = %s" % code)
    st, js, raw, _ = pub.get("/api/v1/public/cases/%s" % code)
    media = (js or {}).get("media") or [{}]
    ok(st == 200 and len(media) == 1 and media[0].get("url") ==
       "/api/v1/media/%d/display" % mid and "exif" not in media[0] and
       "original_url" not in media[0],
       "public view: plain display/thumb URLs, no EXIF, no original", raw)
    st, _, body, hd = pub.get("/api/v1/media/%d/display" % mid)
    ok(st == 200 and hd.get("Content-Type") == "image/jpeg",
       "public: the published case's display copy is served", st)
    no_metadata(body, "public copy of the GPS-tagged JPEG")
    st, _, _, _ = pub.get("/api/v1/media/%d/original" % mid)
    eq(st, 404, "public: never the original")
    st, _, _, _ = pub.get("/internal/media/")
    eq(st, 404, "the internal location is not reachable from outside")
    staff = Client()
    staff.login("tiepnhan")
    st, js, raw, _ = staff.post("/api/v1/media/%d/hide" % mid)
    ok(st == 200 and js["hidden"] is True, "center staff hide the photo",
       raw)
    st, _, _, _ = pub.get("/api/v1/media/%d/thumb" % mid)
    eq(st, 404, "hidden: the public no longer gets it")
    st, js, _, _ = pub.get("/api/v1/public/cases/%s" % code)
    eq(js.get("media"), [], "hidden: not in the public view")
    st, js, _, _ = staff.get("/api/v1/cases/%s" % code)
    m = (js.get("media") or [{}])[0]
    ok(m.get("hidden") is True and abs(m["exif"]["lat"] - 13.7765) < 1e-6,
       "staff view: hidden flag and the EXIF suggestion", m)
    other = Client()
    other.login("snnmt.canbo")
    st, _, _, _ = other.post("/api/v1/media/%d/unhide" % mid)
    eq(st, 403, "an agency that does not lead the case may not unhide")
    st, _, _, _ = staff.post("/api/v1/media/%d/unhide" % mid)
    st2, _, _, _ = pub.get("/api/v1/media/%d/thumb" % mid)
    eq((st, st2), (200, 200), "unhidden: public again")


def check_confidential(fx):
    cit = Client()
    st, up, _, _ = upload(cit, open(fx["jpg"], "rb").read())
    st, rep, raw, _ = report(cit, media=[up["id"]], confidential=True)
    ok(st == 201, "confidential report with a photo (201)", raw)
    code, mid = rep["code"], up["id"]
    sql("UPDATE cases SET state = 'published', published_at = NOW()"
        " WHERE id = %s" % code)
    pub = Client()
    codes = [pub.get("/api/v1/media/%d/%s" % (mid, v))[0]
             for v in ("display", "thumb", "original")]
    eq(codes, [404, 404, 404], "public: 404 for every variant, even "
       "once published")
    st, js, _, _ = pub.get("/api/v1/public/cases/%s" % code)
    ok(st == 404 or not (js or {}).get("media"), "not in any public view")
    st, js, raw, _ = pub.get("/api/v1/track/%s" % rep["token"])
    m = ((js or {}).get("media") or [{}])[0]
    st1 = pub.get(m.get("url", "/none"))[0]
    st2 = pub.get(m.get("original_url", "/none"))[0]
    eq((st, st1, st2), (200, 200, 200),
       "the reporter (tracking link) gets display and original")
    forged = re.sub(r"sig=[0-9a-f]{4}", "sig=0000", m.get("url", ""))
    eq(pub.get(forged)[0], 404, "a tampered signature: 404")
    staff = Client()
    staff.login("tiepnhan")
    st, _, body, hd = staff.get("/api/v1/media/%d/original" % mid)
    ok(st == 200 and body == open(fx["jpg"], "rb").read() and
       hd.get("Content-Type") == "image/jpeg",
       "center staff get the original (session, X-Accel-Redirect)", st)
    agency = Client()
    agency.login("snnmt.canbo")
    eq(agency.get("/api/v1/media/%d/display" % mid)[0], 404,
       "staff of an agency without the case: 404")


def main():
    fx = make_fixtures()
    ok("jpg" in fx and "GPS" in run("exiftool", "-GPSPosition",
                                    fx["jpg"]).stdout,
       "fixture: a 2000x1500 JPEG with GPS EXIF")
    check_refusals()
    check_upload(fx)
    check_other_types(fx)
    check_body_cap()
    check_attach(fx)
    check_public(fx)
    check_confidential(fx)
    done()


main()
