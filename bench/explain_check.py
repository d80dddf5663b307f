#!/usr/bin/env python3
# bench/explain_check.py: reads a MariaDB slow log written with long_query_time = 0 and
# log_slow_verbosity = query_plan,explain (tests/integration/t_explain.sh) and judges, per
# endpoint, the plans of the statements logged after each "SELECT 'explain-mark:NAME'" marker.
# An endpoint fails when a plan reads cases by a table scan (type ALL) or a full index scan
# (type index) that read more than MAX_INDEX_ROWS rows (the data set has 6,000 cases, so a scan
# of the table is caught; a scan stopped early by a LIMIT of one page or one capped count is
# bounded and allowed), or when none of its statements touched cases.
# Prints one line per endpoint: PASS|FAIL <TAB> name <TAB> detail.
import re
import sys

MAX_INDEX_ROWS = 1100	# page 50 of 20, or a count capped at 1000, reads ~1000
KEYWORDS = {"where", "join", "left", "on", "set", "order", "group", "limit", "inner", "using",
            "union", "values", "for"}
MARK = re.compile(r"SELECT 'explain-mark:(.*)'")


def entries(text):
    """(statement, [explain rows as lists]) for each logged statement, in log order."""
    for chunk in re.split(r"^# User@Host.*$", text, flags=re.M)[1:]:
        lines = chunk.splitlines()
        sql = " ".join(x for x in lines if x and not x.startswith("#")
                       and not x.startswith("SET timestamp") and not x.startswith("use "))
        plan = [x[len("# explain: "):].split("\t") for x in lines if x.startswith("# explain: ")]
        yield sql, plan[1:] if plan else []


def aliases(sql):
    names = {"cases"}
    for m in re.finditer(r"\bcases\s+(?:AS\s+)?([A-Za-z_]\w*)", sql):
        if m.group(1).lower() not in KEYWORDS:
            names.add(m.group(1))
    return names


def judge(sql, plan):
    """(touches cases, problem or None) for one statement."""
    if not re.search(r"\bcases\b", sql):
        return False, None
    names = aliases(sql)
    target = re.match(r"\s*INSERT\s+INTO\s+(\w+)", sql, re.I)
    for row in plan:
        if len(row) < 10 or row[2] not in names:
            continue
        if target and row[2] == target.group(1) and row[1] in ("INSERT", "SIMPLE", "PRIMARY"):
            continue	# the row being inserted, not a read
        kind, rrows = row[3], row[9]
        try:
            read = float(rrows)
        except ValueError:
            read = float("inf") if kind == "ALL" else 0.0
        if kind in ("ALL", "index") and read > MAX_INDEX_ROWS:
            return True, "%s scan of cases (%s rows read) in: %s" % (kind, rrows, sql[:300])
    return True, None


def main():
    text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
    current, order, seen, problems = None, [], {}, {}
    for sql, plan in entries(text):
        m = MARK.search(sql)
        if m:
            current = None if m.group(1) == "end" else m.group(1)
            if current is not None and current not in seen:
                order.append(current)
                seen[current] = 0
            continue
        if current is None:
            continue
        touches, problem = judge(sql, plan)
        seen[current] += touches
        if problem and current not in problems:
            problems[current] = problem
    for name in order:
        if name in problems:
            print("FAIL\t%s\t%s" % (name, problems[name]))
        elif seen[name] == 0:
            print("FAIL\t%s\tno statement on cases was logged" % name)
        else:
            print("PASS\t%s\t%d statements on cases" % (name, seen[name]))


if __name__ == "__main__":
    main()
