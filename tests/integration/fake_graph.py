#!/usr/bin/env python3
"""fake_graph.py: a tiny stand-in for Meta's Graph API, for t_facebook.sh.

  POST /<version>/me/messages?access_token=T   recorded (one JSON line per call in LOG), answers
                                               {"recipient_id":…, "message_id":…}
  GET  /files/<name>                           serves DIR/<name> (attachment URLs)

Usage: fake_graph.py PORTFILE LOG DIR   (binds 127.0.0.1:0, writes the port to PORTFILE)
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        u = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            data = json.loads(body)
        except ValueError:
            return self.reply(400, b'{"error":{"message":"bad json"}}')
        rec = {"path": u.path, "query": parse_qs(u.query), "body": data}
        with open(LOG, "a") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        rid = data.get("recipient", {}).get("id", "")
        self.reply(200, json.dumps({"recipient_id": rid, "message_id": "m_sent"}).encode())

    def do_GET(self):
        name = os.path.basename(urlsplit(self.path).path)
        path = os.path.join(DIR, name)
        if not self.path.startswith("/files/") or not os.path.isfile(path):
            return self.reply(404, b"{}")
        with open(path, "rb") as f:
            self.reply(200, f.read(), "image/jpeg")


PORTFILE, LOG, DIR = sys.argv[1:4]
srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
