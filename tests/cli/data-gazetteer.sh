#!/bin/sh
# data-gazetteer.sh: check the gazetteer files in data/ against the format
# in data/README.md.  Regenerates the country list from iso-codes with
# data/gen-countries, then checks every file: TSV well-formed (UTF-8, LF,
# escapes), required columns, valid types and kinds, ids unique per type
# and shaped as the mention ids, country codes known to iso-codes, parents
# and affiliations that exist, aliases that are non-empty, unique and not
# dangerous on ordinary English, rows sorted.
#
# Run from the repo root: sh tests/cli/data-gazetteer.sh
# Exit 0 pass, 1 fail, 77 skip (python3 or iso-codes absent).

set -u
ROOT=${NEWSPIPE_HOME:-.}
ISO=${ISO_3166_JSON:-/usr/share/iso-codes/json/iso_3166-1.json}

command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
[ -r "$ISO" ] || { echo "skip: no iso-codes ($ISO)"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! timeout 60 python3 "$ROOT/data/gen-countries" "$ISO" "$ROOT/data/country-extra.tsv" \
	>"$tmp/countries.tsv"; then
	echo "FAIL: data/gen-countries exited non-zero"
	exit 1
fi

# The generator must reject bad input: an unknown code and a missing row.
printf 'id\tname\tmodifiers\tcapital\taliases\tdrop\tkind\tparent\nzz\tNowhere\t\t\t\t\tstate\t\n' \
	>"$tmp/bad-extra.tsv"
if python3 "$ROOT/data/gen-countries" "$ISO" "$tmp/bad-extra.tsv" >/dev/null 2>"$tmp/err"; then
	echo "FAIL: data/gen-countries accepted an unknown code"
	exit 1
fi
grep -q "'zz' is not an ISO 3166-1 code" "$tmp/err" || {
	echo "FAIL: data/gen-countries: no diagnostic for an unknown code"
	cat "$tmp/err"
	exit 1
}
python3 "$ROOT/data/gen-countries" "$ISO" >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: data/gen-countries usage error must exit 2"; exit 1; }

cat >"$tmp/check.py" <<'EOF'
import json, re, sys

# usage: check.py ISO_3166-1.json COUNTRIES.TSV DATADIR...
# Checks each DATADIR (with the generated COUNTRIES.TSV) and prints its
# diagnostics prefixed with the directory and a final "DIR: status N";
# exits 1 if any directory has errors.
iso_path, countries = sys.argv[1], sys.argv[2]
iso = {e["alpha_2"].lower() for e in json.load(open(iso_path, encoding="utf-8"))["3166-1"]}
codes = iso | {"eu"}
prefix = ""

SPEC = {
    # file: (type, extra required columns, kinds, country column)
    "countries.tsv": ("GOV", ["country", "kind", "parent", "source"],
                      {"state", "subnational"}, "country"),
    "gov.tsv": ("GOV", ["country", "kind", "parent", "source"],
                {"state", "government", "ministry", "agency", "regulator", "legislature",
                 "court", "military", "security", "subnational", "capital"}, "country"),
    "companies.tsv": ("COMPANY", ["hq_country", "ticker", "former_names", "sector", "source"],
                      None, "hq_country"),
    "laws.tsv": ("LAW", ["jurisdiction", "year", "kind", "source"],
                 {"act", "regulation", "directive", "executive-order", "bill", "treaty",
                  "list", "case", "framework", "section"}, "jurisdiction"),
    "people.tsv": ("PERSON", ["country", "role", "affiliation", "source"], None, "country"),
    "orgs.tsv": ("ORG", ["country", "kind", "source"], None, "country"),
}
BASE = ["id", "type", "name", "aliases"]
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ACRONYM = re.compile(r"[A-Z0-9][A-Z0-9.&-]{0,6}\Z")
# Words of ordinary English an alias may only match case-sensitively.
COMMON = set("""
may will mark bill act apple meta amazon oracle shell signal snap square block
box uber visa target gap office house senate congress council commission court
parliament commerce state treasury defense defence justice interior labor labour
energy home cabinet crown union bloc agency authority ministry department
government administration regime republic kingdom capital party alphabet intel
arm nothing open line zoom slack discord ring nest general sky three orange
shield framework section order rule list entity cloud chips notice chase
""".split())

errors = 0


def err(where, msg):
    global errors
    errors += 1
    print(f"{prefix}{where}: {msg}")


def unescape(field, where):
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\":
            n = field[i + 1] if i + 1 < len(field) else ""
            if n not in ("\\", "t", "n", "r"):
                err(where, "bad escape '\\%s'" % n)
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}.get(n, ""))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load(path, name):
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        err(name, str(e))
        return None, []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(name, f"not UTF-8: {e}")
        return None, []
    if "\r" in text:
        err(name, "CR in file (LF line ends only)")
    if not text.endswith("\n"):
        err(name, "no newline at end of file")
    lines = text.split("\n")[:-1]
    if not lines:
        err(name, "empty file")
        return None, []
    header = lines[0].split("\t")
    if len(set(header)) != len(header):
        err(f"{name}:1", "duplicate column names")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        where = f"{name}:{n}"
        fields = line.split("\t")
        if len(fields) != len(header):
            err(where, f"{len(fields)} fields, header has {len(header)}")
            continue
        row = {h: unescape(v, where) for h, v in zip(header, fields)}
        row["@"] = where
        rows.append(row)
    return header, rows


def check_alias_list(row, col, seen_aliases, typ):
    where = row["@"]
    value = row.get(col, "")
    if value == "":
        return
    parts = value.split(";")
    local = set()
    for a in parts:
        if a == "" or a == "=":
            err(where, f"empty alias in {col}")
            continue
        if a != a.strip() or "  " in a:
            err(where, f"alias '{a}' has stray spaces")
        cs = a.startswith("=")
        body = a[1:] if cs else a
        key = body if cs else body.lower()
        if key in local:
            err(where, f"alias '{body}' listed twice")
        local.add(key)
        if not cs and len(body) <= 2:
            err(where, f"alias '{a}': two letters or fewer must be case-sensitive (=)")
        if not cs and ACRONYM.match(body) and any(ch.isalpha() for ch in body):
            err(where, f"acronym alias '{a}' must be case-sensitive (=)")
        if not cs and body.lower() in COMMON:
            err(where, f"alias '{a}' is an ordinary English word: mark it case-sensitive (=)")
        if body.lower().startswith("the ") and not body.startswith("The "):
            err(where, f"alias '{a}': spans carry no leading 'the'")
        # Two entities of one type may share a surface form only when
        # both mark it case-sensitive and the cases differ (=US, =Us).
        # Across types the same marked form would leave the matcher a coin
        # to toss: one surface form, one entity.
        exact = (body if cs else body.lower(), cs)
        owner = seen_forms.setdefault(exact, (typ, row["id"]))
        if owner[0] != typ:
            err(where, f"alias '{a}' is also a {owner[0]} alias of '{owner[1]}'")
        # Within GOV, bodies of different states may share a generic
        # name ("Foreign Ministry", "Supreme Court"): the matcher takes the
        # one of the country in or around the text.
        cc = row.get("country", "") if typ == "GOV" else ""
        entries = seen_aliases.setdefault((typ, body.lower()), [])
        for other_id, other_cs, other_body, other_cc in entries:
            if other_id == row["id"]:
                continue
            if typ == "GOV" and cc != other_cc:
                continue
            if not cs or not other_cs or other_body == body:
                err(where, f"alias '{a}' also belongs to '{other_id}'")
                break
        entries.append((row["id"], cs, body, cc))


def check(data):
    global errors, seen_forms
    errors = 0
    seen_forms = {}
    tables = {}
    ids = {}            # type -> {id: where}
    seen_aliases = {}
    for fname, (typ, cols, kinds, ccol) in SPEC.items():
        path = countries if fname == "countries.tsv" else f"{data}/{fname}"
        header, rows = load(path, fname)
        if header is None:
            continue
        for c in BASE + cols:
            if c not in header:
                err(f"{fname}:1", f"missing column '{c}'")
        if errors:
            continue
        tables[fname] = rows
        prev = None
        for row in rows:
            where = row["@"]
            rid = row["id"]
            if row["type"] != typ:
                err(where, f"type '{row['type']}' (expected {typ})")
            if not row["name"].strip():
                err(where, "empty name")
            if not row["aliases"].strip():
                err(where, "no aliases")
            cc = row[ccol]
            if cc and cc not in codes:
                err(where, f"{ccol} '{cc}' is not an ISO 3166-1 alpha-2 code or 'eu'")
            if typ == "GOV":
                if not cc:
                    err(where, "GOV row without country")
                head, _, slug = rid.partition("/")
                if head != cc:
                    err(where, f"id '{rid}' must start with its country '{cc}'")
                if "/" in rid and not SLUG.match(slug):
                    err(where, f"id '{rid}': slug must be lowercase a-z0-9 and '-'")
                if fname == "gov.tsv" and "/" not in rid:
                    err(where, f"id '{rid}': bodies are written cc/slug")
            elif not SLUG.match(rid):
                err(where, f"id '{rid}' is not a lowercase slug")
            if kinds is not None and row["kind"] not in kinds:
                err(where, f"kind '{row['kind']}' not one of {sorted(kinds)}")
            if fname == "laws.tsv" and row["year"] and not re.fullmatch(r"1[89]\d\d|20\d\d", row["year"]):
                err(where, f"year '{row['year']}'")
            if rid in ids.setdefault(typ, {}):
                err(where, f"duplicate {typ} id '{rid}' (first at {ids[typ][rid]})")
            ids[typ][rid] = where
            check_alias_list(row, "aliases", seen_aliases, typ)
            if "former_names" in row:
                check_alias_list(row, "former_names", seen_aliases, typ)
            key = (cc, rid)
            if prev and key < prev:
                err(where, f"rows not sorted by {ccol}, id ('{rid}' after '{prev[1]}')")
            prev = key

    gov_ids = ids.get("GOV", {})
    known = set(gov_ids) | set(ids.get("COMPANY", {})) | set(ids.get("ORG", {}))
    for fname in ("countries.tsv", "gov.tsv"):
        for row in tables.get(fname, []):
            if row["parent"] and row["parent"] not in gov_ids:
                err(row["@"], f"parent '{row['parent']}' is not a GOV id")
            if row["parent"] == row["id"]:
                err(row["@"], "row is its own parent")
    company_ids = ids.get("COMPANY", {})
    for row in tables.get("companies.tsv", []):
        if row.get("parent") and row["parent"] not in company_ids:
            err(row["@"], f"parent '{row['parent']}' is not a COMPANY id")
    for row in tables.get("people.tsv", []):
        for a in filter(None, row["affiliation"].split(";")):
            if a not in known:
                err(row["@"], f"affiliation '{a}' is not a GOV, COMPANY or ORG id")

    # Every sovereign state of iso-codes is present (a few codes are left out
    # on purpose by kind=skip in country-extra.tsv).
    for row in tables.get("countries.tsv", []):
        if row["kind"] == "state" and row["id"] not in codes:
            err(row["@"], "state id not an ISO code")
    if "eu" not in gov_ids:
        err("countries.tsv", "no row for the European Union (eu)")

    counts = {f: len(r) for f, r in tables.items()}
    print("data-gazetteer: rows " + " ".join(f"{f}={n}" for f, n in counts.items()))

    return errors


failed = 0
for d in sys.argv[3:]:
    prefix = f"{d}: "
    n = check(d)
    print(f"{prefix}status {1 if n else 0}")
    failed += n > 0
sys.exit(1 if failed else 0)
EOF

# 1. The real data.
if ! timeout 60 python3 "$tmp/check.py" "$ISO" "$tmp/countries.tsv" "$ROOT/data" >"$tmp/out" 2>&1; then
	cat "$tmp/out"
	echo "FAIL: data/ does not pass the gazetteer checks"
	exit 1
fi
grep '^data-gazetteer: rows' "$tmp/out"

# 2. The checker itself: a small valid set passes, and each broken copy
# fails with the diagnostic named.  One mutation per case, as data:
# NAME|FILE|sed script|expected message.  All fixture sets are written
# first and checked in one run of the checker.
T=$(printf '\t')
row() { # row DIR FILE FIELD... : append one TSV record
	d=$1 f=$2
	shift 2
	(IFS=$T && printf '%s\n' "$*") >>"$d/$f"
}
mkfixture() { # mkfixture DIR: a small gazetteer that passes every check
	mkdir -p "$1"
	row "$1" gov.tsv id type name aliases country kind parent source
	row "$1" gov.tsv gb/home-office GOV 'Home Office' '=Home Office;UK Home Office;Interior Ministry' gb ministry gb gov.uk
	row "$1" gov.tsv ie/justice-department GOV 'Department of Justice' 'Department of Justice;Interior Ministry' ie ministry ie gov.ie
	row "$1" companies.tsv id type name aliases hq_country ticker former_names sector source parent
	row "$1" companies.tsv apple COMPANY Apple '=Apple;=Apple Inc.' us NASDAQ:AAPL '' hardware filings ''
	row "$1" companies.tsv meta COMPANY Meta '=Meta' us NASDAQ:META '=Facebook' platform filings ''
	row "$1" laws.tsv id type name aliases jurisdiction year kind source
	row "$1" laws.tsv investigatory-powers-act LAW 'Investigatory Powers Act' 'Investigatory Powers Act;=IPA' gb 2016 act legislation.gov.uk
	row "$1" people.tsv id type name aliases country role affiliation source
	row "$1" people.tsv tim-cook PERSON 'Tim Cook' 'Tim Cook' us 'Chief Executive' apple site
	row "$1" orgs.tsv id type name aliases country kind source
	row "$1" orgs.tsv eff ORG 'Electronic Frontier Foundation' '=EFF' us ngo site
}

fx="$tmp/fx"
mkfixture "$fx/valid"
dirs="$fx/valid"
while IFS='|' read -r name file script want; do
	[ -n "$name" ] || continue
	mkfixture "$fx/$name"
	sed "$script" "$fx/$name/$file" >"$fx/x" && mv "$fx/x" "$fx/$name/$file"
	printf '%s\n' "$want" >"$fx/$name.want"
	dirs="$dirs $fx/$name"
done <<'CASES'
dup-id|companies.tsv|3s/^meta/apple/|duplicate COMPANY id 'apple'
bad-type|orgs.tsv|2s/	ORG	/	NGO	/|type 'NGO' (expected ORG)
bad-country|people.tsv|2s/	us	/	uk	/|country 'uk' is not an ISO 3166-1 alpha-2 code
gov-id-country|gov.tsv|2s/^gb/fr/|must start with its country 'gb'
gov-bare-id|gov.tsv|2s/^gb.home-office/gb/|bodies are written cc/slug
bad-kind|gov.tsv|2s/ministry/department/|kind 'department' not one of
bad-parent|gov.tsv|2s/	gb	gov.uk/	gb\/cabinet	gov.uk/|parent 'gb/cabinet' is not a GOV id
bad-affiliation|people.tsv|2s/	apple	/	apple-inc	/|affiliation 'apple-inc' is not a GOV, COMPANY or ORG id
bad-company-parent|companies.tsv|3s/	$/	facebook/|parent 'facebook' is not a COMPANY id
empty-alias|laws.tsv|2s/;=IPA/;;=IPA/|empty alias in aliases
empty-aliases|orgs.tsv|2s/	=EFF	/		/|no aliases
short-alias|orgs.tsv|2s/=EFF/=EFF;ef/|two letters or fewer must be case-sensitive
acronym-ci|laws.tsv|2s/=IPA/IPA/|acronym alias 'IPA' must be case-sensitive
common-word|companies.tsv|2s/=Apple;/Apple;/|is an ordinary English word
leading-the|orgs.tsv|2s/=EFF/=EFF;the EFF group/|spans carry no leading 'the'
alias-twice|gov.tsv|2s/UK Home Office/UK Home Office;uk home office/|listed twice
alias-shared|companies.tsv|3s/=Meta/=Meta;=Apple Inc./|also belongs to 'apple'
alias-cross-type|orgs.tsv|2s/=EFF/=EFF;=IPA/|is also a LAW alias
gov-shared-one-state|gov.tsv|$a gb/a-office\tGOV\tA Office\tUK Home Office\tgb\tministry\tgb\tgov.uk|also belongs to 'gb/home-office'
bad-year|laws.tsv|2s/	2016	/	16	/|year '16'
bad-slug|people.tsv|2s/^tim-cook/Tim_Cook/|is not a lowercase slug
field-count|people.tsv|2s/	site$//|fields, header has
missing-column|laws.tsv|1s/	year//|missing column 'year'
bad-escape|orgs.tsv|2s/Electronic/Elec\\xtronic/|bad escape
crlf|orgs.tsv|2s/$/\r/|CR in file
unsorted|companies.tsv|2{h;d};3G|rows not sorted
missing-file|orgs.tsv|$d;1d|empty file
CASES

# shellcheck disable=SC2086 # $dirs is a list of temp paths without spaces
timeout 60 python3 "$tmp/check.py" "$ISO" "$tmp/countries.tsv" $dirs >"$tmp/out" 2>&1
fails=0
grep -qxF "$fx/valid: status 0" "$tmp/out" || {
	echo "FAIL: the valid fixture set was rejected:"
	grep -F "$fx/valid: " "$tmp/out"
	fails=1
}
ncases=0
for want in "$fx"/*.want; do
	ncases=$((ncases + 1))
	name=$(basename "$want" .want)
	msg=$(cat "$want")
	if ! grep -qxF "$fx/$name: status 1" "$tmp/out"; then
		echo "FAIL: case $name: broken fixture accepted"
		fails=$((fails + 1))
	elif ! grep -F "$fx/$name: " "$tmp/out" | grep -qF -- "$msg"; then
		echo "FAIL: case $name: expected '$msg' in:"
		grep -F "$fx/$name: " "$tmp/out"
		fails=$((fails + 1))
	fi
done
[ "$fails" -eq 0 ] || exit 1
echo "data-gazetteer: ok ($ncases error cases)"
