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

def run_once(argv, stdin=None):
    """Wall time, CPU time (user + system) and peak RSS (MB) of one run."""
    mem = os.path.join(tmp, "mem")
    cmd = [gnu_time, "-f", "%M", "-o", mem] + argv if gnu_time else argv
    with open(stdin or os.devnull, "rb") as fi, open(os.path.join(tmp, "out"), "wb") as fo:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fi, stdout=fo, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit("strip bench: %s failed" % argv[0])
    kb = ru.ru_maxrss
    if gnu_time:
        try:
            kb = int(open(mem).read().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return wall, ru.ru_utime + ru.ru_stime, kb / 1024

def best(results):
    """Best wall and best CPU time over runs, and the largest peak."""
    return (min(r[0] for r in results), min(r[1] for r in results), max(r[2] for r in results))

print("strip bench: %d pages x %d (%.1f MB of HTML) from %s" % (len(html), reps, size / 1e6, src))
progs = {"news-strip": ([os.path.join(bindir, "news-strip")], tsv)}
if shutil.which("xmllint"):
    progs["xmllint"] = (["xmllint", "--html", "--noout"] + paths, None)
# Rounds alternate the programs, so a burst of load hits both alike.
runs_of = {name: [] for name in progs}
for _ in range(runs):
    for name, (argv, stdin) in progs.items():
        runs_of[name].append(run_once(argv, stdin))
res = {name: best(r) for name, r in runs_of.items()}
py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
peer = os.path.join(root, "tests/bench/readability_lxml.py")
if subprocess.run([py, "-c", "import readability"], capture_output=True).returncode == 0:
    # One run: it is tens of times slower, so noise matters little.
    res["readability-lxml"] = best([run_once([py, peer] + paths)])
for name, (wall, cpu, peak) in res.items():
    print("%-17s %8.2f MB/s wall %8.2f MB/s cpu  (%6.2f s, %6.2f s cpu)  peak %6.1f MB" %
          (name, size / 1e6 / wall, size / 1e6 / cpu, wall, cpu, peak))
ours = res["news-strip"]
if "readability-lxml" in res:
    r = res["readability-lxml"]
    print("news-strip / readability-lxml speed: %.1fx wall, %.1fx cpu (target >= 15x)" %
          (r[0] / ours[0], r[1] / ours[1]))
else:
    print("readability-lxml: not installed (python3-readability), skipped")
if "xmllint" in res:
    x = res["xmllint"]
    print("news-strip / xmllint --html --noout rate: %.0f%% wall, %.0f%% cpu (target >= 70%%)" %
          (100 * x[0] / ours[0], 100 * x[1] / ours[1]))
_, _, peak4 = run_once([os.path.join(bindir, "news-strip")], tsv4)
print("news-strip peak memory: %.1f MB on the pages, %.1f MB on 4x the pages" % (ours[2], peak4))
PY
