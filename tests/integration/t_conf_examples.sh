#!/bin/bash
# t_conf_examples.sh: etc/fcgi.conf.example, etc/admin.conf.example and
# etc/jobd.conf.example document every key of fcgi_conf_keys (fcgi/conf.c),
# admin_conf_keys (admin/main.c) and jobd_conf_keys (jobd/conf.c), read from
# the C tables themselves: each key appears once as "key = value" or
# "#key = value", preceded by its type line ("# Integer MIN..MAX. Default:
# D." and so on) whose range and default are the C table's; a commented
# value is the default, an uncommented one is valid for its type; no key is
# documented that the program does not know; and my.cnf.example has the
# groups the defaults name. etc/smsd.conf.example (the SMS side's own
# layout: every key uncommented at its default under a comment) is checked
# for the same keys, values equal to the defaults and a comment per key.
# If PHANANH_FCGI, PHANANH_ADMIN, PHANANH_JOBD and PHANANH_SMSD are set, the
# programs load their example (up to the database, which is not there) and
# report a bad line as file:line. TAP.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
if ! command -v python3 >/dev/null 2>&1; then
	if [ -n "${PHANANH_REQUIRE_INTEGRATION:-}" ]; then
		echo "Bail out! python3 not installed"
		exit 1
	fi
	echo "1..0 # SKIP python3 not installed"
	exit 0
fi
exec python3 - "$top_srcdir" <<'EOF'
import os
import re
import shutil
import subprocess
import sys
import tempfile

top = sys.argv[1]
n = 0
failed = False


def ok(cond, desc, diag=None):
    global n, failed
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, desc))
    if not cond:
        failed = True
        if diag:
            print("#   " + diag)


def cexpr(s):
    s = s.strip()
    if not re.fullmatch(r"[0-9<>x \t()+*-]+", s):
        raise ValueError(s)
    return int(eval(s, {"__builtins__": {}}))


def c_table(path, name):
    """Keys of a conf_key table: name -> dict(type, min, max, default)."""
    src = open(path).read()
    enums = {m.group(1): re.findall(r'"([^"]*)"', m.group(2)) for m in
             re.finditer(r"(\w+)\[\]\s*=\s*\{([^}]*)\}", src)}
    m = re.search(name + r"\[\]\s*=\s*\{(.*?)\{\s*NULL\s*\}", src, re.S)
    keys = {}
    # jobd/conf.c: STR("key", field, "default")
    for e in re.finditer(r'STR\(\s*"(\w+)",\s*\w+,\s*"([^"]*)"\s*\)', m.group(1)):
        keys[e.group(1)] = {"type": "STR", "def": e.group(2)}
    for e in re.finditer(r'\{\s*"(\w+)",\s*CONF_(\w+),\s*OFF\(\w+\)(.*?)\}\s*,',
                         m.group(1), re.S):
        key, typ, rest = e.group(1), e.group(2), e.group(3)
        d = {"type": typ}
        desig = {k: v for k, v in
                 re.findall(r"\.(min|max|def_i)\s*=\s*([^,}]+)", rest)}
        ds = re.search(r'\.def_s\s*=\s*"([^"]*)"', rest)
        di = re.search(r"\.def_i\s*=\s*([^,}]+)", rest)
        en = re.search(r"\.enums\s*=\s*(\w+)", rest)
        pos = [p for p in rest.split(",")[1:] if p.strip()]
        if typ == "INT" and "min" in desig:
            d["min"], d["max"], d["def"] = (cexpr(desig[k]) for k in ("min", "max", "def_i"))
        elif typ == "INT":
            d["min"], d["max"], d["def"] = (cexpr(p) for p in pos[:3])
        elif typ == "STR":
            d["def"] = ds.group(1)
        elif typ == "OCTAL":
            d["def"] = "0%o" % int(di.group(1).strip(), 8)
        elif typ == "BOOL":
            d["def"] = "yes" if cexpr(di.group(1)) else "no"
        elif typ == "ENUM":
            d["enums"] = enums[en.group(1)]
            d["def"] = d["enums"][cexpr(di.group(1))]
        keys[key] = d
    return keys


def type_line(d):
    default = d["def"] if d["def"] != "" else "(empty)"
    if d["type"] == "INT":
        return "Integer %d..%d. Default: %s." % (d["min"], d["max"], default)
    if d["type"] == "STR":
        return "String. Default: %s." % default
    if d["type"] == "OCTAL":
        return "Octal mode. Default: %s." % default
    if d["type"] == "BOOL":
        return "Boolean (yes or no). Default: %s." % default
    return "One of %s. Default: %s." % (", ".join(d["enums"]), default)


def valid(d, v):
    if d["type"] == "INT":
        return re.fullmatch(r"-?\d+", v) and d["min"] <= int(v) <= d["max"]
    if d["type"] == "BOOL":
        return v in ("yes", "no", "true", "false")
    if d["type"] == "OCTAL":
        return re.fullmatch(r"0[0-7]{3,4}", v) is not None
    if d["type"] == "ENUM":
        return v in d["enums"]
    return "#" not in v


def check(example, csrc, table, nkeys_min):
    keys = c_table(top + "/" + csrc, table)
    ok(len(keys) >= nkeys_min, "%s: %d keys read from %s" % (table, len(keys), csrc))
    lines = open(top + "/" + example).read().split("\n")
    seen = {}
    for i, line in enumerate(lines):
        m = re.fullmatch(r"(#?)(\w+) =(?: (.*))?", line)
        if m:
            seen.setdefault(m.group(2), []).append((i, m.group(1), m.group(3) or ""))
    for key, d in keys.items():
        where = seen.get(key, [])
        ok(len(where) == 1, "%s: %s documented once" % (example, key),
           "found %d times" % len(where))
        if len(where) != 1:
            continue
        i, hashed, val = where[0]
        want = "# " + type_line(d)
        ok(i > 0 and lines[i - 1] == want, "%s: %s type, range and default" % (example, key),
           "got %r, want %r" % (lines[i - 1] if i else "", want))
        if hashed:
            ok(val == str(d["def"]), "%s: commented %s shows the default" % (example, key),
               "got %r, want %r" % (val, d["def"]))
        else:
            ok(valid(d, val), "%s: %s = %s is valid" % (example, key, val))
        ok(any(lines[j].startswith("# %s: " % key) for j in range(max(0, i - 6), i)),
           "%s: %s has a sentence" % (example, key))
    extra = sorted(set(seen) - set(keys))
    ok(not extra, "%s: no key the program does not know" % example, "extra: %s" % extra)
    return keys


def check_loose(example, csrc, table, nkeys_min):
    """The smsd layout: key = default, uncommented, under a comment."""
    keys = c_table(top + "/" + csrc, table)
    ok(len(keys) >= nkeys_min, "%s: %d keys read from %s" % (table, len(keys), csrc))
    lines = open(top + "/" + example).read().split("\n")
    seen = {}
    for i, line in enumerate(lines):
        m = re.fullmatch(r"(#?)(\w+) =(?: (.*))?", line)
        if m:
            seen.setdefault(m.group(2), []).append((i, m.group(3) or ""))
    for key, d in keys.items():
        where = seen.get(key, [])
        ok(len(where) == 1, "%s: %s documented once" % (example, key),
           "found %d times" % len(where))
        if len(where) != 1:
            continue
        i, val = where[0]
        ok(val == str(d["def"]), "%s: %s shows the default" % (example, key),
           "got %r, want %r" % (val, d["def"]))
        j = i - 1
        while j >= 0 and re.fullmatch(r"\w+ =.*", lines[j]):
            j -= 1     # keys grouped under one comment
        ok(j >= 0 and lines[j].startswith("# "), "%s: %s has a comment" % (example, key))
    extra = sorted(set(seen) - set(keys))
    ok(not extra, "%s: no key the program does not know" % example, "extra: %s" % extra)
    return keys


fk = check("etc/fcgi.conf.example", "fcgi/conf.c", "fcgi_conf_keys", 10)
ak = check("etc/admin.conf.example", "admin/main.c", "admin_conf_keys", 4)
jk = check("etc/jobd.conf.example", "jobd/conf.c", "jobd_conf_keys", 10)
sk = check_loose("etc/smsd.conf.example", "sms/conf.c", "smsd_conf_keys", 10)

mycnf = open(top + "/etc/my.cnf.example").read()
for grp in sorted({fk["db_group"]["def"], ak["db_group"]["def"], jk["db_group"]["def"],
                   sk["db_group"]["def"], "client-phananh-admin"}):
    ok(re.search(r"^\[%s\]$" % re.escape(grp), mycnf, re.M) is not None,
       "my.cnf.example has [%s]" % grp)
ok(re.search(r"^db_group = client-phananh-admin$",
             open(top + "/etc/admin.conf.example").read(), re.M) is not None,
   "admin.conf.example uses the admin group")


# The programs' own loader on the examples: with db_defaults_file pointing
# at a socket that does not exist, a good file gets as far as the database
# ("cannot connect"), a bad line stops at "file:line".
def runtime(env, example, args, wait=20):
    prog = os.environ.get(env, "")
    if not (prog and os.access(prog, os.X_OK)):
        print("ok %d # SKIP %s not set" % (n + 1, env))
        print("ok %d # SKIP %s not set" % (n + 2, env))
        globals()["n"] += 2
        return
    tmp = tempfile.mkdtemp()
    try:
        cnf = os.path.join(tmp, "my.cnf")
        with open(cnf, "w") as f:
            f.write("[client-phananh]\nsocket = %s/none.sock\n"
                    "[client-phananh-admin]\nsocket = %s/none.sock\n" % (tmp, tmp))
        text = open(top + "/" + example).read()
        good = os.path.join(tmp, "good.conf")
        with open(good, "w") as f:
            f.write(text + "db_defaults_file = %s\n" % cnf)
        bad = os.path.join(tmp, "bad.conf")
        with open(bad, "w") as f:
            f.write(text + "db_defaults_file = %s\nno_such_key = 1\n" % cnf)
        nl = (text + "x\n").count("\n") + 1
        try:
            r = subprocess.run([prog, "-c", good] + args, capture_output=True,
                               text=True, timeout=wait, stdin=subprocess.DEVNULL)
            code, err = r.returncode, r.stderr
        except subprocess.TimeoutExpired as e:     # phananh-smsd waits for the database
            code, err = -1, e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or "")
        ok(code != 0 and re.search(r"cannot connect|db connect", err) and good + ":" not in err,
           "%s parses %s (stops at the database)" % (os.path.basename(prog), example),
           err.strip().replace("\n", " | "))
        r = subprocess.run([prog, "-c", bad] + args, capture_output=True, text=True,
                           timeout=20, stdin=subprocess.DEVNULL)
        want = "%s:%d: unknown key 'no_such_key'" % (bad, nl)
        ok(r.returncode != 0 and want in r.stderr,
           "%s reports a bad line as file:line" % os.path.basename(prog),
           "want %r in %r" % (want, r.stderr.strip()))
    finally:
        shutil.rmtree(tmp)


runtime("PHANANH_FCGI", "etc/fcgi.conf.example", [])
runtime("PHANANH_ADMIN", "etc/admin.conf.example", ["status"])
runtime("PHANANH_JOBD", "etc/jobd.conf.example", [])
runtime("PHANANH_SMSD", "etc/smsd.conf.example", [], wait=3)
print("1..%d" % n)
sys.exit(1 if failed else 0)
EOF
