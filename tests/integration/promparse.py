"""promparse.py: a strict parser of the Prometheus text exposition format
(version 0.0.4), for tests: HELP/TYPE lines, metric and label names, label
value escapes, float values, one TYPE per family before its samples, families
not interleaved, no duplicate series, counters >= 0, histograms with
increasing le, monotonic buckets, +Inf == _count and _sum present.

parse(text) -> {(name, ((label, value), ...)): float, ...} plus families;
raises ParseError with the line number on the first violation.
"""
import math
import re

NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
LABEL = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
TYPES = ("counter", "gauge", "histogram", "summary", "untyped")
FLOAT = re.compile(r"^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Inf|inf|NaN)$")


class ParseError(Exception):
    pass


class Result:
    def __init__(self):
        self.samples = {}      # (name, labels tuple) -> value
        self.types = {}        # family -> type
        self.helps = {}        # family -> help text
        self.order = []        # sample keys in order

    def get(self, name, **labels):
        return self.samples.get((name, tuple(sorted(labels.items()))))

    def sum(self, name, **labels):
        """Sum of the samples of name whose labels include these."""
        want = set(labels.items())
        return sum(v for (n, ls), v in self.samples.items()
                   if n == name and want <= set(ls))


def parse_float(s, ln):
    if not FLOAT.match(s):
        raise ParseError("line %d: bad value %r" % (ln, s))
    return float(s)


def parse_labels(s, ln):
    """s starts after '{'; returns (labels, rest after '}')."""
    labels, i = [], 0
    while True:
        if s[i:i + 1] == "}":
            return labels, s[i + 1:]
        m = LABEL.match(s, i)
        if not m:
            raise ParseError("line %d: bad label name at %r" % (ln, s[i:]))
        name, i = m.group(0), m.end()
        if s[i:i + 2] != '="':
            raise ParseError("line %d: expected =\" after %s" % (ln, name))
        i += 2
        val = []
        while True:
            if i >= len(s):
                raise ParseError("line %d: unterminated label value" % ln)
            c = s[i]
            if c == "\\":
                nxt = s[i + 1:i + 2]
                if nxt not in ("\\", '"', "n"):
                    raise ParseError("line %d: bad escape \\%s" % (ln, nxt))
                val.append("\n" if nxt == "n" else nxt)
                i += 2
            elif c == '"':
                i += 1
                break
            elif c == "\n":
                raise ParseError("line %d: newline in label value" % ln)
            else:
                val.append(c)
                i += 1
        if name in [k for k, _ in labels]:
            raise ParseError("line %d: label %s twice" % (ln, name))
        labels.append((name, "".join(val)))
        if s[i:i + 1] == ",":
            i += 1
        elif s[i:i + 1] != "}":
            raise ParseError("line %d: expected , or } after a label" % ln)


def family_of(name, types):
    for suffix in ("_bucket", "_sum", "_count"):
        base = name[:-len(suffix)]
        if name.endswith(suffix) and types.get(base) in ("histogram",
                                                         "summary"):
            return base
    return name


def parse(text):
    r = Result()
    if text and not text.endswith("\n"):
        raise ParseError("the text must end with a newline")
    done, current = set(), None
    for ln, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("#"):
            parts = line.split(None, 3)
            if len(parts) >= 2 and parts[1] in ("HELP", "TYPE"):
                if len(parts) < 3 or not NAME.fullmatch(parts[2]):
                    raise ParseError("line %d: bad %s line" % (ln, parts[1]))
                fam = parts[2]
                if parts[1] == "TYPE":
                    if len(parts) != 4 or parts[3] not in TYPES:
                        raise ParseError("line %d: bad type" % ln)
                    if fam in r.types or fam in done:
                        raise ParseError("line %d: second TYPE for %s, or "
                                         "after its samples" % (ln, fam))
                    r.types[fam] = parts[3]
                else:
                    if fam in r.helps:
                        raise ParseError("line %d: second HELP" % ln)
                    r.helps[fam] = parts[3] if len(parts) == 4 else ""
            continue
        if line.strip() == "":
            continue
        m = NAME.match(line)
        if not m:
            raise ParseError("line %d: bad metric name: %r" % (ln, line))
        name, rest = m.group(0), line[m.end():]
        labels = []
        if rest.startswith("{"):
            labels, rest = parse_labels(rest[1:], ln)
        if not rest.startswith(" "):
            raise ParseError("line %d: expected a space before the value" % ln)
        fields = rest.split()
        if len(fields) not in (1, 2):
            raise ParseError("line %d: expected value [timestamp]" % ln)
        value = parse_float(fields[0], ln)
        if len(fields) == 2 and not re.fullmatch(r"-?\d+", fields[1]):
            raise ParseError("line %d: bad timestamp" % ln)
        fam = family_of(name, r.types)
        if fam != current:
            if fam in done:
                raise ParseError("line %d: family %s interleaved" % (ln, fam))
            if current is not None:
                done.add(current)
            current = fam
        key = (name, tuple(sorted(labels)))
        if key in r.samples:
            raise ParseError("line %d: duplicate series %s" % (ln, key))
        if r.types.get(fam) == "counter" and not value >= 0:
            raise ParseError("line %d: negative counter" % ln)
        r.samples[key] = value
        r.order.append(key)
    check_histograms(r)
    return r


def check_histograms(r):
    for fam, typ in r.types.items():
        if typ != "histogram":
            continue
        groups = {}
        for (name, labels), v in r.samples.items():
            if name == fam + "_bucket":
                d = dict(labels)
                if "le" not in d:
                    raise ParseError("%s: bucket without le" % fam)
                le = d.pop("le")
                groups.setdefault(tuple(sorted(d.items())), []).append(
                    (parse_float(le, 0), v, le))
            elif name == fam:
                raise ParseError("%s: bare sample of a histogram" % fam)
        for labels, buckets in groups.items():
            les = [b[0] for b in buckets]       # in exposition order
            if les != sorted(les) or len(set(les)) != len(les):
                raise ParseError("%s%s: le not increasing" % (fam, labels))
            if not math.isinf(les[-1]) or buckets[-1][2] != "+Inf":
                raise ParseError("%s%s: no +Inf bucket" % (fam, labels))
            counts = [b[1] for b in buckets]
            if any(a > b for a, b in zip(counts, counts[1:])):
                raise ParseError("%s%s: buckets not monotonic" % (fam, labels))
            cnt = r.samples.get((fam + "_count", labels))
            if cnt is None or (fam + "_sum", labels) not in r.samples:
                raise ParseError("%s%s: _count or _sum missing" % (fam, labels))
            if cnt != counts[-1]:
                raise ParseError("%s%s: +Inf %g != _count %g" %
                                 (fam, labels, counts[-1], cnt))


def main(argv):
    """promparse.py FILE [NAME [label=value ...]]: parse FILE (exit 1 with
    the error); with NAME, print the sum of its matching samples.
    promparse.py --dump FILE: parse, then print one sample a line:
    name TAB value TAB label=value TAB ... (for shell tests)."""
    import sys
    dump = argv[1] == "--dump"
    if dump:
        argv = argv[1:]
    with open(argv[1], encoding="utf-8") as f:
        text = f.read()
    try:
        r = parse(text)
    except ParseError as e:
        print("ParseError: %s" % e, file=sys.stderr)
        return 1
    if dump:
        for name, labels in r.order:
            print("\t".join([name, "%.17g" % r.samples[(name, labels)]] +
                             ["%s=%s" % kv for kv in labels]))
    elif len(argv) > 2:
        labels = dict(a.split("=", 1) for a in argv[3:])
        print("%.17g" % r.sum(argv[2], **labels))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
