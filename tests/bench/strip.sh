#!/bin/sh
# strip.sh BINDIR: news-strip against its peers on the same pages, in the
# same run: `xmllint --html --noout` (libxml2's parse alone, the ceiling)
# and readability-lxml (tests/bench/readability_lxml.py).  Prints MB/s of
# each, the ratios, and news-strip's peak memory on the pages once and
# four times over (it must not grow with the number of pages).
#
# Pages: the dev sets in ../shared/eval/strip when present (or the
# directory in $STRIP_BENCH_PAGES), else the project's own fixtures and
# samples.  Each program is run ${STRIP_BENCH_RUNS:-3} times; the best
# wall time counts (machines are shared and noisy).
set -eu
bindir=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pages=${STRIP_BENCH_PAGES:-$root/../shared/eval/strip}
exec python3 - "$bindir" "$root" "$pages" "$tmp" "${STRIP_BENCH_RUNS:-3}" <<'PY'
import glob, gzip, os, shutil, subprocess, sys, time

bindir, root, pages, tmp, runs = sys.argv[1:6]
runs = int(runs)
files = sorted(glob.glob(os.path.join(pages, "*", "*.html.gz")))
src = "dev pages in " + pages
if not files:
    files = sorted(glob.glob(os.path.join(root, "tests/fixtures/strip/*.html")) +
                   glob.glob(os.path.join(root, "data/samples/*.html")))
    src = "the project's fixtures and samples"
if not files:
    sys.exit("strip bench: no pages")
html = []
for i, f in enumerate(files):
    raw = gzip.open(f).read() if f.endswith(".gz") else open(f, "rb").read()
    path = os.path.join(tmp, "%04d.html" % i)
    open(path, "wb").write(raw)
    html.append((path, raw))
# Small sets are repeated so that a run takes measurable time.
reps = max(1, int(4e6 // max(1, sum(len(r) for _, r in html))))
paths = [p for p, _ in html] * reps
size = sum(len(r) for _, r in html) * reps

def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

def write_tsv(path, times):
    with open(path, "w", encoding="utf-8") as o:
        o.write("id\turl\tbody\n")
        for t in range(times):
            for i, (_, raw) in enumerate(html):
                body = raw.decode("utf-8", errors="replace").replace("\0", "")
                o.write("%d\t\t%s\n" % (i, esc(body)))

tsv, tsv4 = os.path.join(tmp, "in.tsv"), os.path.join(tmp, "in4.tsv")
write_tsv(tsv, reps)
write_tsv(tsv4, reps * 4)

# Peak memory through /usr/bin/time when there is one: a child forked from
# this (large) Python process would otherwise be charged for its pages.
gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

def run(argv, stdin=None, times=None):
    """Best wall time over `times` runs, and the peak RSS (MB) seen."""
    best, peak = None, 0
    mem = os.path.join(tmp, "mem")
    for _ in range(times or runs):
        cmd = [gnu_time, "-f", "%M", "-o", mem] + argv if gnu_time else argv
        with open(stdin or os.devnull, "rb") as fi, open(os.path.join(tmp, "out"), "wb") as fo:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=fi, stdout=fo, stderr=subprocess.DEVNULL)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit("strip bench: %s failed" % argv[0])
        best = wall if best is None else min(best, wall)
        kb = ru.ru_maxrss
        if gnu_time:
            try:
                kb = int(open(mem).read().split()[-1])
            except (OSError, ValueError, IndexError):
                pass
        peak = max(peak, kb / 1024)
    return best, peak

print("strip bench: %d pages x %d (%.1f MB of HTML) from %s" % (len(html), reps, size / 1e6, src))
res = {}
res["news-strip"] = run([os.path.join(bindir, "news-strip")], tsv)
if shutil.which("xmllint"):
    res["xmllint"] = run(["xmllint", "--html", "--noout"] + paths)
py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
peer = os.path.join(root, "tests/bench/readability_lxml.py")
if subprocess.run([py, "-c", "import readability"], capture_output=True).returncode == 0:
    # One run: it is tens of times slower, so noise does not matter.
    res["readability-lxml"] = run([py, peer] + paths, times=1)
for name, (wall, peak) in res.items():
    print("%-17s %8.2f MB/s  %6.2f s  peak %6.1f MB" % (name, size / 1e6 / wall, wall, peak))
ours = res["news-strip"][0]
if "readability-lxml" in res:
    print("news-strip / readability-lxml speed: %.1fx (target >= 15x)" % (res["readability-lxml"][0] / ours))
else:
    print("readability-lxml: not installed (python3-readability), skipped")
if "xmllint" in res:
    print("news-strip / xmllint --html --noout rate: %.0f%% (target >= 70%%)" % (100 * res["xmllint"][0] / ours))
_, peak4 = run([os.path.join(bindir, "news-strip")], tsv4, times=1)
print("news-strip peak memory: %.1f MB on the pages, %.1f MB on 4x the pages" % (res["news-strip"][1], peak4))
PY
