"""fake_push.py: a push gateway for the tests (python3 http.server): each
POST is checked against X-Phananh-Signature (sha256=<hex HMAC-SHA256 of the
body with the key in KEYFILE>) and recorded as one JSON line in
DIR/push.jsonl: {"n", "sig_ok", "status", "body"}. With FAIL_FIRST=1 the
first POST of each notification id gets 503 (the retry path), later ones
200. Usage: fake_push.py PORT DIR KEYFILE; DIR/ready appears once it
listens."""
import hashlib
import hmac
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
SEEN = set()
COUNT = [0]


class Gateway(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n)
        key = open(self.server.keyfile, "rb").read().strip()
        want = "sha256=" + hmac.new(key, raw, hashlib.sha256).hexdigest()
        got = self.headers.get("X-Phananh-Signature", "")
        sig_ok = hmac.compare_digest(want, got)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        with LOCK:
            COUNT[0] += 1
            nid = body.get("id") if isinstance(body, dict) else None
            first = nid not in SEEN
            SEEN.add(nid)
            status = 401 if not sig_ok else (
                503 if first and os.environ.get("FAIL_FIRST") == "1"
                else 200)
            with open(os.path.join(self.server.dir, "push.jsonl"), "a") as f:
                f.write(json.dumps({"n": COUNT[0], "sig_ok": sig_ok,
                                    "status": status, "body": body},
                                   ensure_ascii=False) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    port, d, keyfile = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    os.makedirs(d, exist_ok=True)
    srv = ThreadingHTTPServer(("127.0.0.1", port), Gateway)
    srv.dir = d
    srv.keyfile = keyfile
    open(os.path.join(d, "ready"), "w").close()
    srv.serve_forever()


if __name__ == "__main__":
    main()
