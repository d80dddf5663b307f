#!/usr/bin/env python3
"""mail_fixture.py: e-mail messages for t_mailin.sh, built with Python's own
email package (not our code).  Usage: mail_fixture.py KIND OUT key=value...

  jpeg    OUT tag=T                      a tiny valid JPEG (a COM segment makes each one distinct)
  report  OUT mid= date= from= jpegs=a,b a Vietnamese report, text + HTML, with photos
  reply   OUT mid= from= subject= [irt=] [refs=] body=
  bounce  OUT mid=                       a delivery-status report from MAILER-DAEMON
  big     OUT mid= from= mb=N            a report with an N MB photo
"""
import sys
from email.message import EmailMessage
from email.utils import formatdate

# A 1x1 baseline JPEG (SOI, APP0, DQT, SOF0, DHT, SOS, EOI), hand-checked.
JPEG_HEAD = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000")
JPEG_BODY = bytes.fromhex(
    "ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e"
    "2720222c231c1c2837292c30313434341f27393d38323c2e333432"
    "ffc0000b080001000101011100"
    "ffc4001f0000010501010101010100000000000000000102030405060708090a0b"
    "ffda0008010100003f00d2cf20ffd9")


def jpeg(tag):
    com = tag.encode()
    return JPEG_HEAD + b"\xff\xfe" + (len(com) + 2).to_bytes(2, "big") + com + JPEG_BODY


def base(kv, subject):
    m = EmailMessage()
    m["From"] = kv.get("from", "Nguyễn Thị Hoa <hoa@example.vn>")
    m["To"] = "dttm@binhdinh.gov.vn"
    m["Subject"] = subject
    m["Date"] = formatdate(float(kv["date"]) if "date" in kv else None, localtime=False)
    m["Message-ID"] = "<%s>" % kv["mid"]
    return m


def report(kv):
    m = base(kv, "Đèn đường hỏng ở đường Lê Lợi")
    text = ("Kính gửi Sở,\n\nĐèn đường trước số 12 Lê Lợi, phường Quy Nhơn "
            "bị hỏng ba ngày nay, ban đêm rất tối.\n\nXin cảm ơn.\n")
    m.set_content(text, cte="quoted-printable")
    m.add_alternative("<p>Kính gửi Sở,</p><p>Đèn đường trước số 12 Lê Lợi "
                      "bị hỏng.</p>", subtype="html")
    for i, path in enumerate(kv["jpegs"].split(",")):
        with open(path, "rb") as f:
            m.add_attachment(f.read(), maintype="image", subtype="jpeg",
                             filename="anh-%d.jpg" % (i + 1))
    return m


def reply(kv):
    m = base(kv, kv["subject"])
    if "irt" in kv:
        m["In-Reply-To"] = "<%s>" % kv["irt"]
        m["References"] = "<%s>" % kv.get("refs", kv["irt"])
    m.set_content(kv["body"] + "\n\n> đoạn trích thư cũ\n")
    return m


def bounce(kv):
    m = base(dict(kv, **{"from": "MAILER-DAEMON@mx.example.vn"}),
             "Undelivered Mail Returned to Sender")
    m.set_content("This is the mail system. Your message could not be delivered.\n")
    m.make_mixed()
    m.set_param("report-type", "delivery-status")
    m.set_type("multipart/report")
    return m


def big(kv):
    m = base(kv, "Ảnh hiện trường dung lượng lớn")
    m.set_content("Ảnh kèm theo.\n")
    size = int(kv["mb"]) << 20
    m.add_attachment(jpeg("big") + bytes(size), maintype="image", subtype="jpeg",
                     filename="lon.jpg")
    return m


def main():
    kind, out = sys.argv[1], sys.argv[2]
    kv = dict(a.split("=", 1) for a in sys.argv[3:])
    if kind == "jpeg":
        data = jpeg(kv["tag"])
    else:
        msg = {"report": report, "reply": reply, "bounce": bounce, "big": big}[kind](kv)
        data = msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
