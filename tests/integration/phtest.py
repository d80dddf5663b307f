"""phtest.py: TAP output and an HTTP client with a cookie jar for the
integration tests written in Python (stdlib only). The stack is started by
the calling shell script (tests/integration/lib.sh); T_BASE is its URL."""
import http.cookiejar
import json
import os
import sys
import urllib.error
import urllib.request

_n = 0
_failed = 0


def ok(cond, desc, diag=None):
    global _n, _failed
    _n += 1
    if not cond:
        _failed += 1
    print("%sok %d - %s" % ("" if cond else "not ", _n, desc), flush=True)
    if not cond and diag is not None:
        for line in str(diag).splitlines()[:40]:
            print("#   " + line)
    return bool(cond)


def eq(got, want, desc):
    return ok(got == want, desc, "got:      %r\nexpected: %r" % (got, want))


def diag(msg):
    for line in str(msg).splitlines():
        print("# " + line, flush=True)


def done():
    print("1..%d" % _n)
    sys.exit(1 if _failed else 0)


class Client:
    """One browser-like session: cookies, CSRF header, a test clock."""

    def __init__(self, base=None):
        self.base = base or os.environ["T_BASE"]
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None
        self.now = None

    def req(self, method, path, body=None, ctype="application/json",
            headers=None):
        data = None
        h = dict(headers or {})
        if body is not None:
            if isinstance(body, (dict, list)):
                data = json.dumps(body, ensure_ascii=False).encode()
            elif isinstance(body, str):
                data = body.encode()
            else:
                data = body
            h["Content-Type"] = ctype
        if self.csrf:
            h["X-CSRF-Token"] = self.csrf
        if self.now is not None:
            h["X-Test-Now"] = str(int(self.now))
        r = urllib.request.Request(self.base + path, data=data, method=method,
                                   headers=h)
        try:
            with self.opener.open(r, timeout=60) as resp:
                raw = resp.read()
                status = resp.status
                hdrs = resp.headers
        except urllib.error.HTTPError as e:
            raw = e.read()
            status = e.code
            hdrs = e.headers
        try:
            js = json.loads(raw.decode()) if raw else None
        except ValueError:
            js = None
        return status, js, raw, hdrs

    def get(self, path, **kw):
        return self.req("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.req("POST", path, body if body is not None else {}, **kw)

    def login(self, user, password="demo-pass-1"):
        st, js, _, _ = self.post("/api/v1/auth/login",
                                 {"username": user, "password": password})
        if st == 200:
            self.csrf = js["csrf"]
        return st, js

    def act(self, code, action, body=None):
        return self.post("/api/v1/cases/%s/actions/%s" % (code, action),
                         body or {})
