#!/usr/bin/env python3
# fcgi_echo.py: a tiny FastCGI responder for the deployment tests. It answers
# every request with 200 and a JSON object of the FastCGI params it received
# (plus "_body_bytes"), so a test can see what nginx passed upstream.
# usage: fcgi_echo.py SOCKET_PATH   (runs until killed)
import json
import os
import socketserver
import struct
import sys

BEGIN, END, PARAMS, STDIN, STDOUT = 1, 3, 4, 5, 6


def read_exact(f, n):
    data = b""
    while len(data) < n:
        chunk = f.read(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_len(buf, i):
    if buf[i] < 128:
        return buf[i], i + 1
    return struct.unpack(">I", buf[i:i + 4])[0] & 0x7FFFFFFF, i + 4


def parse_params(buf):
    out, i = {}, 0
    while i < len(buf):
        nl, i = read_len(buf, i)
        vl, i = read_len(buf, i)
        name = buf[i:i + nl].decode("utf-8", "replace")
        i += nl
        out[name] = buf[i:i + vl].decode("utf-8", "replace")
        i += vl
    return out


def record(rtype, rid, content):
    return struct.pack(">BBHHBB", 1, rtype, rid, len(content), 0, 0) + content


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        params, body, rid = b"", 0, 1
        try:
            while True:
                hdr = read_exact(self.rfile, 8)
                _, rtype, rid, clen, plen, _ = struct.unpack(">BBHHBB", hdr)
                content = read_exact(self.rfile, clen + plen)[:clen]
                if rtype == PARAMS:
                    params += content
                elif rtype == STDIN:
                    if clen == 0:
                        break
                    body += clen
        except EOFError:
            return
        p = parse_params(params)
        p["_body_bytes"] = str(body)
        out = json.dumps(p, sort_keys=True).encode() + b"\n"
        head = b"Status: 200 OK\r\nContent-Type: application/json\r\n\r\n"
        resp = head + out
        w = b""
        for i in range(0, len(resp), 32768):
            w += record(STDOUT, rid, resp[i:i + 32768])
        w += record(STDOUT, rid, b"")
        w += record(END, rid, struct.pack(">IB3x", 0, 0))
        self.wfile.write(w)


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    srv = Server(path, Handler)
    os.chmod(path, 0o666)
    srv.serve_forever()


if __name__ == "__main__":
    main()
