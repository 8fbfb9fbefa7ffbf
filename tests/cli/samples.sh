#!/bin/sh
# The bundled samples through news-load and news-strip, compared with the
# extraction a perfect extractor gives (data/samples/expected.tsv, see
# README.md, "Samples"): title, published, author, is_article and the text,
# per sample, with a diff of what differs.  Skips (77) while there is no
# news-strip to test.
set -u
: "${BIN:?BIN must name the directory of the programs}"
[ -x "$BIN/news-load" ] || { echo "samples: no $BIN/news-load"; exit 1; }
[ -x "$BIN/news-strip" ] || { echo "samples: no $BIN/news-strip to test"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

timeout 60 "$BIN/news-load" data/samples/index.tsv >"$tmp/loaded.tsv" 2>"$tmp/load.err"
st=$?
[ $st -eq 0 ] || { echo "samples: news-load exit $st"; cat "$tmp/load.err"; exit 1; }
timeout 60 "$BIN/news-strip" <"$tmp/loaded.tsv" >"$tmp/out.tsv" 2>"$tmp/strip.err"
st=$?
[ $st -eq 0 ] || { echo "samples: news-strip exit $st"; head -20 "$tmp/strip.err"; exit 1; }

python3 - "$tmp/out.tsv" data/samples/expected.tsv <<'PY'
import difflib, sys
sys.path.insert(0, "tests/cli")
from tsvlib import read

got_rows = list(read(sys.argv[1]))
want_rows = list(read(sys.argv[2]))
fields = ["title", "published", "author", "is_article", "text"]
bad = []
if got_rows:
    missing = [f for f in fields + ["id"] if f not in got_rows[0]]
    if missing:
        print(f"samples: news-strip output lacks columns {missing}")
        sys.exit(1)
got = {r["id"]: r for r in got_rows}
if len(got_rows) != len(want_rows):
    bad.append("(count)")
    print(f"samples: {len(got_rows)} records out, {len(want_rows)} samples in")


def flag(v):
    """is_article as 1/0 whatever spelling the stage uses."""
    return {"true": "1", "yes": "1", "false": "0", "no": "0"}.get(v.lower(), v)


for want in want_rows:
    sid = want["id"]
    have = got.get(sid)
    if have is None:
        bad.append(sid)
        print(f"--- {sid}: missing from the output")
        continue
    report = []
    for f in fields:
        w, g = want[f], have[f]
        if f == "is_article":
            w, g = flag(w), flag(g)
        if w == g:
            continue
        if f == "text":
            wl, gl = w.split("\n") if w else [], g.split("\n") if g else []
            sm = difflib.SequenceMatcher(None, wl, gl, autojunk=False)
            same = sum(b.size for b in sm.get_matching_blocks())
            diff = difflib.unified_diff(wl, gl, "expected", "news-strip", n=0, lineterm="")
            report.append(f"  text differs: {same} of {len(wl)} expected lines found, "
                          f"{len(wl) - same} missing or changed, {len(gl) - same} extra")
            report += ["    " + line for line in diff]
        else:
            report.append(f"  {f}: expected {w!r}, got {g!r}")
    if report:
        bad.append(sid)
        print(f"--- {sid}")
        print("\n".join(report))
print(f"samples: {len(want_rows) - len(bad)} of {len(want_rows)} samples match")
sys.exit(1 if bad else 0)
PY
