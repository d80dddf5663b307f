#!/usr/bin/env bash
# t_openapi.sh: docs/openapi.yaml and fcgi/routes.c list the same JSON API
# routes (method + path, ":x" written "{x}"), so the document cannot drift.
. "${top_srcdir:-.}/tests/integration/lib.sh"
t_init openapi
t_require python3
python3 - "$top_srcdir" <<'PY'
import re, sys
top = sys.argv[1]
routes = set()
for m in re.finditer(r'\{\s*M_(GET|POST|PUT|PATCH|DELETE),\s*"(/api/[^"]+)"',
                     open(top + "/fcgi/routes.c").read()):
    routes.add((m.group(1).lower(), re.sub(r":(\w+)", r"{\1}", m.group(2))))
doc = set()
path = None
for line in open(top + "/docs/openapi.yaml"):
    m = re.match(r"^  (/api/\S+):\s*$", line)
    if m:
        path = m.group(1)
        continue
    m = re.match(r"^    (get|post|put|patch|delete):\s*$", line)
    if m and path:
        doc.add((m.group(1), path))
    elif re.match(r"^\S", line):
        path = None
n = 0
def ok(c, d):
    global n
    n += 1
    print(("ok" if c else "not ok") + " %d - %s" % (n, d))
ok(len(routes) > 10, "routes.c has %d JSON routes" % len(routes))
for r in sorted(routes):
    ok(r in doc, "documented: %s %s" % (r[0].upper(), r[1]))
for r in sorted(doc - routes):
    ok(False, "documented but not routed: %s %s" % (r[0].upper(), r[1]))
print("1..%d" % n)
sys.exit(0 if all(r in doc for r in routes) and not (doc - routes) else 1)
PY
