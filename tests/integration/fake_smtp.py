"""fake_smtp.py: a real SMTP server for the tests (Debian's python3-aiosmtpd):
every message accepted is written to DIR/<n>.eml (the bytes received after
DATA) with DIR/<n>.env (envelope: MAIL FROM, RCPT TO). A recipient in the
domain reject.invalid is refused with 550 (the permanent-failure path).
Usage: fake_smtp.py PORT DIR; DIR/ready appears once it listens; SIGTERM
stops it."""
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, d):
        self.d = d
        self.n = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        if address.lower().endswith("@reject.invalid"):
            return "550 5.1.1 <%s>: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            n = self.n
        raw = envelope.original_content or envelope.content
        with open(os.path.join(self.d, "%d.env" % n), "w") as f:
            f.write("from %s\nto %s\n" % (envelope.mail_from,
                                          ",".join(envelope.rcpt_tos)))
        tmp = os.path.join(self.d, ".%d.tmp" % n)
        with open(tmp, "wb") as f:
            f.write(raw)
        os.rename(tmp, os.path.join(self.d, "%d.eml" % n))
        return "250 2.0.0 Message accepted"


def main():
    port, d = int(sys.argv[1]), sys.argv[2]
    os.makedirs(d, exist_ok=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    c = Controller(Recorder(d), hostname="127.0.0.1", port=port)
    c.start()
    open(os.path.join(d, "ready"), "w").close()
    while not stop.wait(0.5):
        pass
    c.stop()


if __name__ == "__main__":
    main()
