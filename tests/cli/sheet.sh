#!/bin/sh
# news-sheet: the workbook read back by LibreOffice (headless, converted
# to CSV, one file per sheet) holds exactly the cells written: titles
# crafted as formulas come back as the text they are, dates are dates
# (converted to UTC), the mentions and stances sheets hold one row per
# item with the text cut from `text` by code-point offsets; the package
# has no formula anywhere.  --tsv: BOM, formula guard, quoting, the
# 32,767-character cap.  The LibreOffice part is skipped (exit 77) only
# when soffice is not installed (deps/ops.check installs it).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "sheet: $*"; fail=1; }

# The input, written by us: code-point offsets computed here, with
# characters outside the BMP before them so bytes, UTF-16 units and code
# points all differ.
python3 - "$tmp/in.tsv" <<'PY'
import sys
text = ("Le minist\u00e8re de l\u2019Int\u00e9rieur \U0001F1EC\U0001F1E7: the Home Office asked "
        "Apple to weaken encryption.\nApple refused to comply.")
def span(s, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return i, i + len(s)
ho, ap, ap2 = span("Home Office"), span("Apple"), span("Apple", 1)
s1, s2 = (0, text.index("\n")), (text.index("\n") + 1, len(text))
def esc(v):
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
rows = [
    dict(url="http://news.test/a?x=1&y=2", title='=HYPERLINK("http://evil.test","click me")',
         published="2026-11-20T10:30:00+01:00", source="Wire", region="eu", text=text,
         mentions=f"GOV:gb/home-office:{ho[0]}-{ho[1]};COMPANY:apple:{ap[0]}-{ap[1]};"
                  f"COMPANY:apple:{ap2[0]}-{ap2[1]}",
         governments="Home Office", companies="Apple", laws="", topics="encryption",
         stances=f"gb/home-office:encryption:support:{s1[0]}-{s1[1]}:0.80;"
                 f"apple:encryption:oppose:{s2[0]}-{s2[1]}:0.75", tone="-0.2"),
    dict(url="javascript:alert(1)", title="+SUM(1,2)", published="2026-11-21", source="@handle",
         region="-1", text="short", mentions="bad-item;COMPANY:x:2-99", governments="",
         companies="", laws="", topics="", stances="", tone=""),
    dict(url="http://news.test/b", title="@cmd|' /C calc'!A0", published="not a date",
         source="=1+1", region="\ttab", text="", mentions="", governments="", companies="",
         laws="", topics="", stances="", tone=""),
]
cols = list(rows[0])
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("\t".join(cols) + "\n")
    for r in rows:
        f.write("\t".join(esc(r[c]) for c in cols) + "\n")
PY

# Usage.
"$BIN/news-sheet" <"$tmp/in.tsv" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || say "no -o and no --tsv: expected exit 2"

# The workbook: bad mention items are reported, the rest is written.
timeout 30 "$BIN/news-sheet" -o "$tmp/out.xlsx" "$tmp/in.tsv" 2>"$tmp/err"
[ $? -eq 1 ] || say "malformed mentions: expected exit 1"
grep -q "in.tsv:3: mentions: malformed item 'bad-item'" "$tmp/err" || say "bad item not reported: $(cat "$tmp/err")"
grep -q "in.tsv:3: mentions: offsets 2-99 outside the text" "$tmp/err" || say "bad offsets not reported"
[ -s "$tmp/out.xlsx" ] || { say "no workbook"; exit 1; }
ls "$tmp"/*.part >/dev/null 2>&1 && say "part file left behind"

# No formula in any sheet of the package; every text cell a string.
python3 - "$tmp/out.xlsx" <<'PY' || fail=1
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
assert len(sheets) == 3, sheets
for n in sheets:
    xml = z.read(n).decode()
    assert "<f>" not in xml and "<f " not in xml, f"formula in {n}"
    assert 'state="frozen"' in xml and "<autoFilter" in xml and "<cols>" in xml, n
PY

# --tsv: BOM first, every cell that could start a formula guarded, and a
# cell past Excel's limit cut on a character boundary with the marker.
python3 - "$tmp/long.tsv" <<'PY'
import sys
long = "=" + "\U0001F600" * 20000 + "tail"   # 40,005 code points, 40,002 UTF-16 pairs
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("url\tbig\nhttp://x.test/\t" + long + "\n")
PY
timeout 30 "$BIN/news-sheet" --tsv "$tmp/long.tsv" >"$tmp/long.out" 2>"$tmp/err" || say "--tsv: exit $?"
grep -q "1 cell longer than 32767 characters cut" "$tmp/err" || say "--tsv: cut not reported: $(cat "$tmp/err")"
python3 - "$tmp/long.out" <<'PY' || fail=1
import sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
lines = raw[3:].decode("utf-8").split("\n")
assert lines[0] == "url\tbig" and lines[2] == "", lines[:1]
url, big = lines[1].split("\t")
assert big.startswith("'=\U0001F600"), big[:10]
assert big.endswith("\U0001F600\u2026[truncated]"), big[-20:]
units = len(big[1:].encode("utf-16-le")) // 2
assert units <= 32767, units
PY

if ! command -v soffice >/dev/null 2>&1; then
	echo "soffice not installed (deps/ops.check: libreoffice-calc): LibreOffice read-back skipped"
	[ $fail -eq 0 ] && exit 77
	exit 1
fi
# One conversion, every sheet to its own CSV (filter token 12 = -1).
(cd "$tmp" && timeout 180 soffice -env:UserInstallation="file://$tmp/lo" --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
	--outdir "$tmp" "$tmp/out.xlsx" >"$tmp/lo.log" 2>&1)
for s in articles mentions stances; do
	[ -s "$tmp/out-$s.csv" ] || { say "LibreOffice wrote no $s sheet: $(cat "$tmp/lo.log")"; exit 1; }
done

python3 - "$tmp" <<'PY' || fail=1
import csv, sys
d = sys.argv[1]
def sheet(name):
    with open(f"{d}/out-{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
a = sheet("articles")
assert len(a) == 3, a
assert a[0]["title"] == '=HYPERLINK("http://evil.test","click me")', a[0]["title"]
assert a[1]["title"] == "+SUM(1,2)", a[1]["title"]
assert a[2]["title"] == "@cmd|' /C calc'!A0", a[2]["title"]
assert a[2]["source"] == "=1+1" and a[2]["region"] == "\ttab", a[2]
assert a[1]["source"] == "@handle" and a[1]["region"] == "-1", a[1]
assert a[0]["url"] == "http://news.test/a?x=1&y=2" and a[1]["url"] == "javascript:alert(1)"
assert a[0]["published"] == "2026-11-20 09:30:00", a[0]["published"]   # UTC
assert a[1]["published"] == "2026-11-21", a[1]["published"]
assert a[2]["published"] == "not a date"
assert a[0]["companies"] == "Apple" and a[0]["topics"] == "encryption"
assert list(a[0])[:5] == ["url", "title", "published", "source", "region"], list(a[0])
m = sheet("mentions")
assert [(r["type"], r["id"], r["mention"]) for r in m] == [
    ("GOV", "gb/home-office", "Home Office"), ("COMPANY", "apple", "Apple"),
    ("COMPANY", "apple", "Apple"), ("COMPANY", "x", "")], m
assert m[0]["source"] == "Wire" and m[0]["published"] == "2026-11-20 09:30:00"
s = sheet("stances")
assert [(r["actor"], r["topic"], r["stance"], r["confidence"]) for r in s] == [
    ("gb/home-office", "encryption", "support", "0.80"),
    ("apple", "encryption", "oppose", "0.75")], s
assert s[0]["evidence"].startswith("Le minist\u00e8re") and s[0]["evidence"].endswith("encryption.")
assert s[1]["evidence"] == "Apple refused to comply.", s[1]["evidence"]
PY

# A workbook is written only when it is complete: a failing run leaves
# nothing where the workbook would be.
"$BIN/news-sheet" -o "$tmp/nodir/x.xlsx" "$tmp/in.tsv" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || say "unwritable output: expected exit 1"
exit $fail
