#!/usr/bin/env python3
# bench/table.py: formats the rows measured by bench/run.sh (DIR/rows.tsv, DIR/memory.tsv) as the
# one result table, with each row's ratio to the ceilings measured in the same run:
#   vs nginx  : requests/s over nginx `return 200`
#   vs health : over GET /api/v1/health, the trivial phananh-fcgi route (the FastCGI ceiling)
#   vs raw DB : over bench/sqlbench running the same lib/store calls without HTTP
import argparse
import os
import subprocess
import time

RAW = {"public": "sql_public", "list1": "sql_list1", "list50": "sql_list50",
       "queue": "sql_queue", "report": "sql_create"}
HTTP_CEILINGS = ("static", "hello", "health")


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
    load = open("/proc/loadavg").read().split()[:3]
    return "%d cores, %s, %.1f GiB RAM, load average %s" % (os.cpu_count(), model, mem,
                                                             " ".join(load))


def git_rev(top):
    try:
        return subprocess.run(["git", "-C", top, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip() or "?"
    except OSError:
        return "?"


def fnum(x, ms=False):
    if x in ("", None):
        return ""
    v = float(x)
    if ms:
        return "%.1f" % (v / 1000.0) if v < 100000 else "%.0f" % (v / 1000.0)
    return "%.0f" % v


def pct(a, b):
    try:
        return "%.0f%%" % (100.0 * float(a) / float(b)) if float(b) > 0 else ""
    except ValueError:
        return ""


def main():
    ap = argparse.ArgumentParser()
    for k in ("dir", "size", "workers", "conns", "duration", "rounds", "elapsed"):
        ap.add_argument("--" + k, required=True)
    a = ap.parse_args()
    rows = []
    with open(os.path.join(a.dir, "rows.tsv")) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            rows.append((p + [""] * 7)[:7])
    by = {r[0]: r for r in rows}
    out = []
    out.append("phananh bench, %s, commit %s: %s cases, %s phananh-fcgi workers, wrk -t2 -c%s, "
               "%s s per run, %s round(s), run took %s s" % (
                   time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                   git_rev(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                   a.size, a.workers, a.conns, a.duration, a.rounds, a.elapsed))
    out.append("machine: " + machine())
    hdr = "%-46s %5s %9s %8s %8s %8s %9s %8s %7s" % (
        "endpoint", "conns", "req/s", "p50 ms", "p99 ms", "vs nginx", "vs health", "vs rawDB",
        "non2xx")
    out.append(hdr)
    out.append("-" * len(hdr))
    static = by.get("static", [""] * 7)[3]
    health = by.get("health", [""] * 7)[3]
    for key, label, conns, rps, p50, p99, bad in rows:
        if rps == "n/a":
            out.append("%-46s %5s %9s" % (label, "-", "n/a"))
            continue
        http = not key.startswith("sql_") and not key.startswith("sms_")
        vs_nginx = pct(rps, static) if http and key != "static" else ""
        vs_health = pct(rps, health) if http and key not in HTTP_CEILINGS else ""
        raw = by.get(RAW.get(key, ""), None)
        vs_raw = pct(rps, raw[3]) if raw else ""
        out.append("%-46s %5s %9s %8s %8s %8s %9s %8s %7s" % (
            label[:46], conns, fnum(rps), fnum(p50, True), fnum(p99, True), vs_nginx,
            vs_health, vs_raw, bad))
    mem = os.path.join(a.dir, "memory.tsv")
    if os.path.exists(mem):
        for line in open(mem):
            p = line.rstrip("\n").split("\t")
            if len(p) == 3 and p[2]:
                kb = [int(x) for x in p[2].split()]
                out.append("worker RSS after %s requests (fresh pool): max %.1f MB, mean %.1f MB"
                           " (%d workers)" % (p[1], max(kb) / 1024.0, sum(kb) / len(kb) / 1024.0,
                                              len(kb)))
    out.append("SMS rows: req/s = messages per second; p50/p99 = latency (replies: median and "
               "max of 5 single replies, 10 ms polling)")
    print("\n".join(out))


if __name__ == "__main__":
    main()
