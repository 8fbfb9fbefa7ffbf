#!/bin/sh
# Each page in tests/fixtures/strip/ is built to trip one or more
# extraction rules; its NAME.expect says what news-strip must make of it:
#   url<TAB>U          the page's address given in the url column
#   FIELD<TAB>VALUE    an output column's exact value (empty allowed)
#   text+<TAB>S        S appears in text ("\n" stands for a line break)
#   text-<TAB>S        S does not appear in text
set -u
dir=tests/fixtures/strip
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$BIN/news-strip" "$dir" "$tmp" <<'PY'
import glob, os, subprocess, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read

prog, d, tmp = sys.argv[1:4]
def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
fails = 0
pages = sorted(glob.glob(os.path.join(d, "*.html")))
assert pages, "no fixtures"
for page in pages:
    name = os.path.basename(page)[:-5]
    expect = [l.rstrip("\n").split("\t", 1) for l in open(page[:-5] + ".expect", encoding="utf-8") if l.strip()]
    url = dict((k, v) for k, v in expect).get("url", "")
    body = open(page, encoding="utf-8").read()
    inp = os.path.join(tmp, "in.tsv")
    with open(inp, "w", encoding="utf-8") as f:
        f.write("id\turl\tbody\n%s\t%s\t%s\n" % (name, esc(url), esc(body)))
    out = os.path.join(tmp, "out.tsv")
    with open(inp, "rb") as fi, open(out, "wb") as fo:
        r = subprocess.run([prog], stdin=fi, stdout=fo, stderr=subprocess.PIPE, timeout=60)
    if r.returncode != 0:
        print("%s: exit %d: %s" % (name, r.returncode, r.stderr.decode()))
        fails += 1
        continue
    row = list(read(out))[0]
    for key, want in expect:
        if key == "url":
            continue
        if key in ("text+", "text-"):
            s = want.replace("\\n", "\n")
            if (s in row["text"]) != (key == "text+"):
                print("%s: %s %r; text was:\n%s" % (name, key, s, row["text"]))
                fails += 1
        elif row.get(key) != want:
            print("%s: %s is %r, expected %r" % (name, key, row.get(key), want))
            fails += 1
sys.exit(1 if fails else 0)
PY
