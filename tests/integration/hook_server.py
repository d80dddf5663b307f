"""hook_server.py: a local webhook receiver for tests/integration/t_sync.sh.
It records every POST (path, headers, raw body, time) and answers by path:
  /ok/...            200
  /fail<N>/...       500 for the first N requests of each event id, then 200
  /hang/...          never answers in time (sleeps 30 s)
GET /_log returns the recorded requests as JSON (body base64-free: the raw
body is kept as a latin-1 string so the bytes survive). Usage:
  python3 hook_server.py PORTFILE   (binds 127.0.0.1 on a free port)."""
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = []
SEEN = {}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path != "/_log":
            self.send_error(404)
            return
        with LOCK:
            body = json.dumps(LOG).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n)
        ev = self.headers.get("X-Phananh-Event-Id", "")
        rec = {"path": self.path, "at": time.time(),
               "headers": {k.lower(): v for k, v in self.headers.items()},
               "body": raw.decode("latin-1")}
        with LOCK:
            LOG.append(rec)
            key = (self.path, ev)
            SEEN[key] = SEEN.get(key, 0) + 1
            count = SEEN[key]
        m = re.match(r"^/fail(\d+)/", self.path)
        if self.path.startswith("/hang/"):
            time.sleep(30)
            return
        status = 500 if m and count <= int(m.group(1)) else 200
        out = b'{"ok":true}' if status == 200 else b'{"error":"down"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
