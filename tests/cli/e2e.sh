#!/bin/sh
# End to end over the bundled samples, as `make demo` runs it: the header
# has the columns analysts rely on, and the article in which the UK Home
# Office demands access to Apple's encrypted data under the Investigatory
# Powers Act yields those three entities with offsets that point at them,
# and a lawful-access stance for the Home Office (support) and Apple (oppose).
set -u
# A program whose source is not in this tree (a branch holding only some
# of the stages) cannot run here; one whose source is here must have been built.
for p in news-load news-strip news-extract news-stance; do
	[ -f "pipeline/$p.c" ] || { echo "e2e: $p is not in this tree"; exit 77; }
	[ -x "$BIN/$p" ] || { echo "e2e: $BIN/$p was not built"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN/news-load" data/samples/index.tsv | "$BIN/news-strip" | "$BIN/news-extract" |
	"$BIN/news-stance" >"$tmp/out.tsv" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
python3 - "$tmp/out.tsv" <<'PY'
import sys
sys.path.insert(0, "tests/cli")
from tsvlib import read
rows = list(read(sys.argv[1]))
need = "url title published text mentions governments companies laws stances".split()
missing = [c for c in need if c not in rows[0]]
assert not missing, f"columns missing from the demo output: {missing}"
n_samples = sum(1 for l in open("data/samples/index.tsv", encoding="utf-8")) - 1
assert len(rows) == n_samples, f"{len(rows)} rows out, {n_samples} samples in"
ipa = [r for r in rows if "Investigatory Powers Act" in r["text"] and "Apple" in r["text"]]
assert ipa, "no sample article about the Investigatory Powers Act and Apple"
r = ipa[0]
text = r["text"]
ments = []
for m in filter(None, r["mentions"].split(";")):
    typ, ident, span = m.split(":")[0], ":".join(m.split(":")[1:-1]), m.split(":")[-1]
    s, e = map(int, span.split("-"))
    ments.append((typ, ident, s, e, text[s:e]))
def has(typ, pred, surface_pred):
    return [m for m in ments if m[0] == typ and pred(m[1]) and surface_pred(m[4])]
assert has("GOV", lambda i: i.startswith("gb/"), lambda s: "Home Office" in s), f"no GOV gb/... Home Office mention: {ments}"
assert has("COMPANY", lambda i: i == "apple", lambda s: s == "Apple"), "no COMPANY:apple mention on 'Apple'"
assert has("LAW", lambda i: i == "investigatory-powers-act", lambda s: s.startswith("Investigatory Powers Act")), "no LAW:investigatory-powers-act mention"
stances = {}
for st in filter(None, r["stances"].split(";")):
    p = st.split(":")
    stances[(p[0], p[1])] = p[2]
ho = [v for (a, t), v in stances.items() if a.startswith("gb/") and "home-office" in a and t == "lawful-access"]
assert ho == ["support"], f"Home Office lawful-access stance: {ho} in {r['stances']}"
assert stances.get(("apple", "lawful-access")) == "oppose", f"Apple lawful-access stance in {r['stances']}"
print("e2e: ok")
PY
