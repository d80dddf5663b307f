#!/usr/bin/env python3
# bench/gen.py: generates a benchmark data set (cases over 5 years with reporters, events, timers
# and coordinating agencies) as tab-separated files and loads them with LOAD DATA LOCAL INFILE.
# The reference data (fields, agencies, units, users) must be loaded first (phananh-admin load
# data/demo/demo.json); this script reads their ids from the database.
#
#   bench/gen.py --cnf MY.CNF [--size 100000] [--dir DIR] [--seed 1] [--now EPOCH] [--no-load]
#
# Case life cycles follow docs/workflow.md: each case walks the main path (submit, distribute,
# accept, submit_result, approve, publish, auto_close) or a variant (reject, merge, withdraw,
# needs_info, return_not_competent, confidential delivery, flag_secret, clarification), with
# stage durations drawn at random; the state is wherever the case is at --now, so the open queues
# hold realistic numbers of recent cases and 5-year-old cases are closed. Ids are dense for cases;
# events and timers use case_id * 16 + k so that chunks generate independently, in key order.
# Writes DIR/meta.json (counts, sample ids) for bench/run.sh and the Lua scripts.
import argparse
import hashlib
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import phrases as P  # noqa: E402

YEARS = 5
CHUNK = 20000
HOUR = 3600.0
DAY = 86400.0
WD = 480  # working minutes per working day

# timer kind -> (budget working minutes, owner 'center'/'agency', window)
TIMERS = {"intake": (60, "center", 0), "accept": (30, "agency", 0), "return": (480, "agency", 1),
          "process": (2880, "agency", 0), "approve": (480, "agency", 0),
          "publish": (60, "center", 0), "redistribute": (60, "center", 0),
          "clarify": (960, "agency", 0), "supplement": (2400, "center", 0)}
CHANNELS = (["portal"] * 50 + ["app"] * 30 + ["hotline"] * 8 + ["facebook"] * 5 + ["email"] * 3
            + ["open311"] * 2 + ["direct"] * 2)
FIELD_WEIGHTS = {"GTVT": 30, "XD": 20, "TNMT": 20, "TTTT": 8, "YT": 8, "DL": 7, "VHTT": 7}

CASE_COLS = ("id, track_hash, state, channel, channel_ref, received_at, incident_at, description,"
             " field_suggested_id, field_id, group_id, lat, lng, address, admin_unit_id,"
             " confidential, secret, lead_org_id, assignee_id, merged_into, rating, rated_at,"
             " answer_officer, answer_leader, answer_published, distributed_at, published_at,"
             " closed_at, return_count, reopen_count, created_at, updated_at")
REPORTER_COLS = "case_id, name, phone, email, reporter_type, lang, channel_user"
EVENT_COLS = ("id, case_id, at, kind, from_state, to_state, actor_kind, actor_user_id,"
              " actor_org_id, org_id, public, note, data_json")
TIMER_COLS = ("id, case_id, kind, org_id, started_at, budget_min, used_min, resumed_at, due_at,"
              " stopped_at, status, window_only")
COORD_COLS = "case_id, org_id"
TABLES = (("cases", CASE_COLS), ("case_reporters", REPORTER_COLS), ("case_events", EVENT_COLS),
          ("case_timers", TIMER_COLS), ("case_coord_orgs", COORD_COLS))

N = "\\N"


_HMS = ["%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60) for s in range(86400)]
_DAYS = {}


def ts(t):
    """UTC DATETIME text of an epoch (cached per day: this is the generator's hot spot)."""
    t = int(t)
    d, s = divmod(t, 86400)
    day = _DAYS.get(d)
    if day is None:
        g = time.gmtime(d * 86400)
        day = _DAYS[d] = "%04d-%02d-%02d " % (g[0], g[1], g[2])
    return day + _HMS[s]


def wall(minutes):
    """Working minutes to wall-clock seconds (480 per working day, 5 of 7 days)."""
    return minutes / WD * 1.4 * DAY


class Ref:
    """Reference ids read from the database: fields, groups, orgs, units, users, routing."""

    def __init__(self, rows):
        self.fields, self.groups, self.orgs, self.units, self.users = {}, {}, {}, [], {}
        self.routing, self.center = [], None
        for r in rows:
            kind = r[0]
            if kind == "f":
                self.fields[r[2]] = int(r[1])
            elif kind == "g":
                self.groups.setdefault(int(r[2]), []).append(int(r[1]))
            elif kind == "o":
                self.orgs[r[2]] = (int(r[1]), int(r[3]), int(r[4]))
                if r[3] == "1":
                    self.center = int(r[1])
            elif kind == "u" and r[3] == "commune":
                self.units.append((int(r[1]), r[2]))
            elif kind == "r":
                self.routing.append((int(r[1]), None if r[2] in ("", "NULL") else int(r[2]),
                                     int(r[3]), [int(x) for x in r[4].split(",") if x]))
            elif kind == "p":
                for role in r[3].split(","):
                    self.users.setdefault((int(r[2]), role), []).append(int(r[1]))

    def route(self, field_id, unit_id):
        best = None
        for f, u, lead, coord in self.routing:
            if f == field_id and u == unit_id:
                return lead, coord
            if f == field_id and u is None and best is None:
                best = (lead, coord)
        return best or (self.center, [])

    def user(self, org, role, rnd):
        lst = self.users.get((org, role)) or self.users.get((org, "officer")) or [None]
        return rnd.choice(lst)


REF_SQL = """
SELECT 'f', id, code, '', '' FROM fields WHERE active = 1
UNION ALL SELECT 'g', id, field_id, '', '' FROM report_groups WHERE active = 1
UNION ALL SELECT 'o', id, code, is_center, process_minutes FROM organisations WHERE active = 1
UNION ALL SELECT 'u', id, name, level, '' FROM admin_units
UNION ALL SELECT 'r', field_id, COALESCE(admin_unit_id, ''), lead_org_id, coord_org_ids
  FROM routing_rules
UNION ALL SELECT 'p', id, org_id, roles, '' FROM users WHERE active = 1
"""


def mysql(cnf, sql, local=False):
    args = ["mariadb", "--defaults-file=" + cnf, "--batch", "--raw", "--skip-column-names"]
    if local:
        args.append("--local-infile=1")
    out = subprocess.run(args + ["-e", sql], check=True, capture_output=True, text=True)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


class Case:
    """One case's life up to `now`: events, timers and the final columns."""

    def __init__(self, g, cid, t0):
        self.g, self.id, self.t, self.state = g, cid, t0, None
        self.events, self.timers, self.open = [], [], {}
        self.lead = self.assignee = None
        self.distributed_at = self.published_at = self.closed_at = None
        self.returns = 0
        self.done = False

    # -- events and timers --------------------------------------------------------------------
    def step(self, dt, kind, to, actor="staff", user=None, org=None, public=1, note=None):
        t = self.t + dt
        if t > self.g.now or self.done or len(self.events) >= 15:
            self.done = True
            return False
        self.t = t
        self.events.append((t, kind, self.state, to, actor, user, org, self.lead, public, note))
        self.state = to
        return True

    def start(self, kind, org):
        budget, _, window = TIMERS[kind]
        if kind == "process":
            budget = self.g.ref.orgs_by_id.get(org, 2880)
        self.open[kind] = [self.t, org, budget, 0, self.t, self.t + wall(budget), None, "running",
                           window, kind]

    def stop(self, kind, how="stop"):
        tm = self.open.pop(kind, None)
        if tm is None:
            return
        tm[6] = self.t
        if how == "cancel":
            tm[7] = "cancelled"
        elif tm[7] == "paused":
            tm[7] = "late" if tm[3] > tm[2] else "on_time"
        else:
            tm[7] = "late" if tm[5] is not None and self.t > tm[5] else "on_time"
        self.timers.append(tm)

    def pause(self, kind):
        tm = self.open.get(kind)
        if tm is not None and tm[7] == "running":
            tm[3] += int((self.t - tm[4]) / (1.4 * DAY) * WD)
            tm[5], tm[7] = None, "paused"

    def resume(self, kind):
        tm = self.open.get(kind)
        if tm is not None and tm[7] == "paused":
            tm[4], tm[7] = self.t, "running"
            tm[5] = self.t + wall(max(tm[2] - tm[3], 0))

    def finish(self):
        self.timers.extend(self.open.values())
        self.open = {}


class Gen:
    def __init__(self, ref, now, seed):
        self.ref, self.now, self.seed = ref, now, seed
        ref.orgs_by_id = {v[0]: v[2] for v in ref.orgs.values()}
        self.field_codes = [c for c in FIELD_WEIGHTS if c in ref.fields]
        self.field_w = [FIELD_WEIGHTS[c] for c in self.field_codes]
        self.start = now - YEARS * 365 * DAY

    def chunk(self, lo, hi):
        rnd = random.Random(self.seed * 1000003 + lo)
        out = ([], [], [], [], [])
        span = self.now - self.start
        for cid in range(lo, hi):
            # slightly more reports in later years; ids in receipt order
            frac = ((cid - 1) + rnd.random()) / self.size
            t0 = self.start + span * frac
            self.one(rnd, cid, t0, out)
        return tuple("".join(x) for x in out)

    def one(self, rnd, cid, t0, out):
        ref = self.ref
        c = Case(self, cid, t0)
        fcode = rnd.choices(self.field_codes, self.field_w)[0]
        fid = ref.fields[fcode]
        unit = rnd.choice(ref.units) if ref.units else (None, "")
        lead, coord = ref.route(fid, unit[0])
        text = self.text(rnd, fcode)
        recv = self.reception(rnd)
        channel = rnd.choice(CHANNELS)
        c.state = None
        c.step(0, "submitted", "received", actor="reporter")
        c.start("intake", ref.center)
        conf = rnd.random() < 0.02
        secret = 0
        r = rnd.random()
        fate = ("reject" if r < 0.04 else "merge" if r < 0.06 else "withdraw" if r < 0.07 else
                "info" if r < 0.12 else "return" if r < 0.15 else "secret" if r < 0.153 else
                "clarify" if r < 0.175 else "main")
        merged_into = None
        if fate == "info":
            if c.step(rnd.uniform(0.2, 4) * HOUR, "info_requested", "needs_info", user=recv,
                      org=ref.center, note=rnd.choice(P.REASONS)):
                c.pause("intake")
                c.start("supplement", None)
            if c.step(rnd.uniform(2, 72) * HOUR, "info_supplied", "received", actor="reporter"):
                c.stop("supplement")
                c.stop("intake")
                c.start("intake", ref.center)
        if fate in ("reject", "merge", "withdraw"):
            kind, to = {"reject": ("rejected", "not_accepted"), "merge": ("merged", "merged"),
                        "withdraw": ("withdrawn", "withdrawn")}[fate]
            if c.step(rnd.uniform(0.3, 6) * HOUR, kind, to,
                      actor="reporter" if fate == "withdraw" else "staff",
                      user=None if fate == "withdraw" else recv, org=ref.center,
                      note=rnd.choice(P.REASONS) if fate == "reject" else None):
                c.stop("intake", "cancel" if fate == "withdraw" else "stop")
                c.closed_at = c.t
                if fate == "merge" and cid > 1:
                    merged_into = rnd.randint(max(1, cid - 500), cid - 1)
        else:
            self.process(rnd, c, lead, coord, recv, conf, fate)
            secret = 1 if c.state == "secret_offline" else 0
        c.finish()
        self.emit(rnd, c, out, dict(fid=fid, unit=unit, text=text, channel=channel, conf=conf,
                                    secret=secret, merged=merged_into, coord=coord))

    def process(self, rnd, c, lead, coord, recv, conf, fate):
        ref, center = self.ref, self.ref.center
        dist_dt = rnd.uniform(0.1, 1.5 if rnd.random() < 0.9 else 30) * HOUR
        c.lead = lead
        if not c.step(dist_dt, "distributed", "distributed", user=recv, org=center):
            c.lead = None
            return
        c.distributed_at = c.t
        c.stop("intake")
        for k in ("accept", "return", "process"):
            c.start(k, lead)
        if fate == "return":
            officer = ref.user(lead, "officer", rnd)
            if c.step(rnd.uniform(0.5, 8) * HOUR, "returned_not_competent",
                      "returned_to_center", user=officer, org=lead, note=rnd.choice(P.REASONS)):
                c.stop("accept")
                c.stop("return")
                c.stop("process", "cancel")
                c.start("redistribute", center)
                c.returns += 1
            others = [o[0] for o in ref.orgs.values() if o[0] not in (lead, center)]
            lead = rnd.choice(others) if others else lead
            c.lead = lead
            if c.step(rnd.uniform(0.2, 6) * HOUR, "redistributed", "distributed", user=recv,
                      org=center):
                c.stop("redistribute")
                for k in ("accept", "return", "process"):
                    c.start(k, lead)
        officer = ref.user(lead, "officer", rnd)
        leader = ref.user(lead, "leader", rnd)
        publisher = ref.user(center, "publisher", rnd)
        if c.step(rnd.uniform(0.05, 1.0 if rnd.random() < 0.85 else 10) * HOUR, "accepted",
                  "in_processing", user=officer, org=lead):
            c.stop("accept")
            c.assignee = officer
        if rnd.random() < 0.3:
            c.step(rnd.uniform(2, 48) * HOUR, "note", c.state, user=officer, org=lead, public=0,
                   note=rnd.choice(P.NOTES))
        if fate == "secret":
            if c.step(rnd.uniform(1, 5) * DAY, "flagged_secret", "secret_offline", user=leader,
                      org=lead, note=rnd.choice(P.REASONS)):
                for k in list(c.open):
                    c.stop(k, "cancel")
                c.closed_at = c.t
            return
        work = rnd.uniform(1, 8.5 if rnd.random() < 0.9 else 20) * DAY
        if not c.step(work, "result_submitted", "awaiting_approval", user=officer, org=lead):
            return
        c.pause("process")
        c.start("approve", lead)
        if not c.step(rnd.uniform(0.1, 2) * DAY, "approved", "approved", user=leader, org=lead):
            return
        c.stop("approve")
        c.start("publish", center)
        if conf:
            ok = c.step(rnd.uniform(0.05, 1) * DAY, "delivered_privately",
                        "delivered_privately", user=publisher, org=center)
        else:
            ok = c.step(rnd.uniform(0.05, 1) * DAY, "published", "published", user=publisher,
                        org=center)
        if not ok:
            return
        c.stop("return", "cancel")
        c.stop("process")
        c.stop("publish")
        if not conf:
            c.published_at = c.t
        self.after_publish(rnd, c, officer, leader, publisher, fate)

    def after_publish(self, rnd, c, officer, leader, publisher, fate):
        center = self.ref.center
        settled = c.state
        if fate == "clarify":
            if not c.step(rnd.uniform(0.5, 5) * DAY, "feedback_received", "clarifying",
                          actor="reporter"):
                return
            c.start("clarify", c.lead)
            for kind, to, who, org in (("clarification_submitted", "clarify_approval", officer,
                                        c.lead),
                                       ("clarification_approved", "clarify_approved", leader,
                                        c.lead),
                                       ("clarification_published", settled, publisher, center)):
                if not c.step(rnd.uniform(0.2, 2) * DAY, kind, to, user=who, org=org):
                    return
            c.stop("clarify")
        c.rating = None
        if rnd.random() < 0.3:
            if c.step(rnd.uniform(0.1, 9) * DAY, "rated", c.state, actor="reporter"):
                c.rating = (rnd.choices(["very_satisfied", "satisfied", "not_satisfied"],
                                        [45, 40, 15])[0], c.t)
        if c.step(10 * DAY, "auto_closed", "closed", actor="system"):
            c.closed_at = c.t

    def reception(self, rnd):
        return self.ref.user(self.ref.center, "reception", rnd)

    def text(self, rnd, fcode):
        street = rnd.choice(P.STREETS)
        parts = [rnd.choice(P.OPENERS), "tại đường %s, gần %s," % (street, rnd.choice(
            P.LANDMARKS)), rnd.choice(P.PROBLEMS[fcode]) + ";", rnd.choice(P.DETAILS) + "."]
        if rnd.random() < 0.5:
            parts.append(rnd.choice(P.DETAILS).capitalize() + ".")
        parts.append(rnd.choice(P.REQUESTS))
        return " ".join(parts)

    def answer(self, rnd):
        return " ".join([rnd.choice(P.ANSWER_OPENERS), rnd.choice(P.ANSWER_ACTIONS),
                         rnd.choice(P.ANSWER_ACTIONS), rnd.choice(P.ANSWER_CLOSINGS)])

    def emit(self, rnd, c, out, x):
        cases, reps, evs, tms, coords = out
        t0 = c.events[0][0]
        unit_id, unit_name = x["unit"]
        answered = c.published_at is not None or c.state in ("delivered_privately",) or (
            c.state == "closed" and c.distributed_at is not None)
        ans = self.answer(rnd) if answered else None
        classified = c.distributed_at is not None
        groups = self.ref.groups.get(x["fid"], [])
        rating = getattr(c, "rating", None)
        lat = 13.5 + rnd.random()
        lng = 108.5 + rnd.random() * 0.8
        addr = "%d đường %s, %s" % (rnd.randint(1, 400), rnd.choice(P.STREETS), unit_name)
        ch = x["channel"]
        cases.append("\t".join((
            str(c.id), hashlib.sha256(b"%d:%d" % (self.seed, c.id)).hexdigest(), c.state, ch,
            "o311-%d" % c.id if ch == "open311" else N, ts(t0),
            ts(t0 - rnd.uniform(1, 72) * HOUR) if rnd.random() < 0.4 else N, x["text"],
            str(x["fid"]), str(x["fid"]) if classified else N,
            str(rnd.choice(groups)) if classified and groups else N,
            "%.6f" % lat, "%.6f" % lng, addr, str(unit_id) if unit_id else N,
            "1" if x["conf"] else "0", str(x["secret"]), str(c.lead) if c.lead else N,
            str(c.assignee) if c.assignee else N, str(x["merged"]) if x["merged"] else N,
            rating[0] if rating else N, ts(rating[1]) if rating else N,
            ans if ans else N, N, ans if ans else N,
            ts(c.distributed_at) if c.distributed_at else N,
            ts(c.published_at) if c.published_at else N,
            ts(c.closed_at) if c.closed_at else N, str(c.returns), "0",
            ts(t0) + ".000", ts(c.t) + ".000")) + "\n")
        phone = "+849%08d" % rnd.randint(0, 99999999) if rnd.random() < 0.8 else N
        reps.append("%d\t%s %s %s\t%s\t%s\tindividual\tvi\t\\N\n" % (
            c.id, rnd.choice(P.FAMILY), rnd.choice(P.MIDDLE), rnd.choice(P.GIVEN), phone,
            "nguoidan%d@example.invalid" % c.id if rnd.random() < 0.3 else N))
        for k, e in enumerate(c.events):
            t, kind, frm, to, actor, user, org, lead, public, note = e
            evs.append("\t".join((
                str(c.id * 16 + k), str(c.id), ts(t) + ".%03d" % rnd.randint(0, 999), kind,
                frm or N, to or N, actor, str(user) if user else N, str(org) if org else N,
                str(lead) if lead else N, str(public), note or N, N)) + "\n")
        for k, tm in enumerate(c.timers[:16]):
            started, org, budget, used, resumed, due, stopped, status, window, kind = tm
            tms.append("\t".join((
                str(c.id * 16 + k), str(c.id), kind, str(org) if org else N,
                ts(started), str(budget), str(used), ts(resumed), ts(due) if due else N,
                ts(stopped) if stopped else N, status, str(window))) + "\n")
        if classified:
            for o in x["coord"]:
                if o != c.lead:
                    coords.append("%d\t%d\n" % (c.id, o))


_G = None


def _init(g):
    global _G
    _G = g


def _work(span):
    return _G.chunk(*span)


def generate(g, size, outdir, procs):
    g.size = size
    files = [open(os.path.join(outdir, t + ".tsv"), "w", encoding="utf-8") for t, _ in TABLES]
    spans = [(lo, min(lo + CHUNK, size + 1)) for lo in range(1, size + 1, CHUNK)]
    with multiprocessing.Pool(procs, initializer=_init, initargs=(g,)) as pool:
        for parts in pool.imap(_work, spans):
            for f, s in zip(files, parts):
                f.write(s)
    for f in files:
        f.close()


def load(cnf, outdir):
    """One LOAD DATA per table, one after the other (in parallel they were slower: the
    tables compete for the same two cores and the redo log)."""
    for table, cols in TABLES:
        path = os.path.join(outdir, table + ".tsv")
        sql = ("SET unique_checks = 0; SET foreign_key_checks = 0; SET time_zone = '+00:00';"
               " LOAD DATA LOCAL INFILE '%s' INTO TABLE %s CHARACTER SET utf8mb4"
               " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'"
               " (%s);" % (path, table, cols))
        args = ["mariadb", "--defaults-file=" + cnf, "--local-infile=1", "-e", sql]
        if subprocess.run(args).returncode != 0:
            sys.exit("gen.py: LOAD DATA into %s failed" % table)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cnf", required=True, help="option file with [client] and [mysql] database")
    ap.add_argument("--size", type=int, default=int(os.environ.get("BENCH_SIZE", 100000)))
    ap.add_argument("--dir", default=None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--now", type=float, default=None)
    ap.add_argument("--procs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-load", action="store_true")
    a = ap.parse_args()
    outdir = a.dir or os.path.join(os.path.dirname(os.path.abspath(a.cnf)), "gen")
    os.makedirs(outdir, exist_ok=True)
    now = a.now or time.time()
    ref = Ref(mysql(a.cnf, REF_SQL))
    if ref.center is None or not ref.fields:
        sys.exit("gen.py: no reference data; run phananh-admin load data/demo/demo.json first")
    t0 = time.time()
    generate(Gen(ref, now, a.seed), a.size, outdir, a.procs)
    t1 = time.time()
    print("gen.py: generated %d cases in %.1f s" % (a.size, t1 - t0), flush=True)
    if a.no_load:
        return
    load(a.cnf, outdir)
    t2 = time.time()
    mysql(a.cnf, "ANALYZE TABLE cases, case_events, case_timers, case_reporters,"
          " case_coord_orgs")
    t3 = time.time()
    counts = mysql(a.cnf, "SELECT (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM"
                   " case_events), (SELECT COUNT(*) FROM case_timers)")[0]
    print("gen.py: loaded %s cases, %s events, %s timers in %.1f s (analyze %.1f s);"
          " total %.1f s" % (counts[0], counts[1], counts[2], t2 - t1, t3 - t2, t3 - t0),
          flush=True)
    with open(os.path.join(outdir, "meta.json"), "w") as f:
        json.dump({"size": a.size, "now": now, "gen_s": t1 - t0, "load_s": t2 - t1,
                   "analyze_s": t3 - t2}, f)


if __name__ == "__main__":
    main()
