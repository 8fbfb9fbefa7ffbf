#!/bin/sh
# Benchmark news-feed: throughput on generated RSS and Atom feeds, in the
# same run against xmllint (libxml2 parsing the same documents and doing
# nothing else: the floor news-feed's parse is built on).  Prints MB/s of
# each and the ratio; news-feed also unescapes TSV, walks the tree,
# converts text, dates and links, and writes TSV.
#   sh tests/bench/feed.sh BINDIR
set -eu
bin=$1
command -v xmllint >/dev/null || { echo "feed bench: xmllint not installed (libxml2-utils)"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import sys, random
out = sys.argv[1]
random.seed(7)
words = "state agency minister data privacy export chip court ruling law vote bill act market cloud".split()
def text(n):
    return " ".join(random.choice(words) for _ in range(n))
def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
rss = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title><link>https://bench.example/</link>']
for i in range(4000):
    rss.append(f"<item><title>{text(8)} &amp; {text(3)}</title><link>/news/{i}.html</link>"
               f"<pubDate>Tue, 02 Mar 2021 {i % 24:02d}:{i % 60:02d}:15 +0100</pubDate><guid>urn:bench:{i}</guid>"
               f"<dc:creator>Writer {i % 17}</dc:creator><category>{random.choice(words)}</category>"
               f"<description><![CDATA[<p>{text(60)}</p><p>{text(40)} <a href=\"/x\">more</a></p>]]></description></item>\n")
rss.append("</channel></rss>\n")
atom = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://bench.example/"><title>Bench</title>']
for i in range(4000):
    atom.append(f"<entry><title type=\"html\">{text(8)} &lt;b&gt;x&lt;/b&gt;</title><link rel=\"alternate\" href=\"posts/{i}\"/>"
                f"<id>tag:bench.example,2021:{i}</id><published>2021-03-02T10:{i % 60:02d}:00.5+01:00</published>"
                f"<updated>2021-03-03T10:00:00Z</updated><author><name>W {i % 9}</name></author>"
                f"<summary type=\"html\">&lt;p&gt;{text(80)}&lt;/p&gt;</summary></entry>\n")
atom.append("</feed>\n")
docs = {"rss.xml": "".join(rss), "atom.xml": "".join(atom)}
for name, d in docs.items():
    open(f"{out}/{name}", "w").write(d)
with open(f"{out}/in.tsv", "w") as f:
    f.write("url\tbody\n")
    for r in range(5):
        for name, d in docs.items():
            f.write(f"https://bench.example/{name}\t{esc(d)}\n")
PY

now() { date +%s.%N; }
mb=$(python3 -c "import os; print((os.path.getsize('$tmp/rss.xml') + os.path.getsize('$tmp/atom.xml')) * 5 / 1e6)")
best_ours=999 best_peer=999
for run in 1 2 3; do
	t0=$(now)
	"$bin/news-feed" "$tmp/in.tsv" >"$tmp/out.tsv"
	t1=$(now)
	for r in 1 2 3 4 5; do xmllint --noout "$tmp/rss.xml" "$tmp/atom.xml" >"$tmp/peer.out"; done
	t2=$(now)
	best_ours=$(python3 -c "print(min($best_ours, $t1 - $t0))")
	best_peer=$(python3 -c "print(min($best_peer, $t2 - $t1))")
done
rows=$(($(wc -l <"$tmp/out.tsv") - 1))
python3 - "$mb" "$best_ours" "$best_peer" "$rows" <<'PY'
import sys
mb, ours, peer, rows = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"feed bench: {mb:.1f} MB of feeds, {rows} entries (best of 3)")
print(f"  news-feed        {mb / ours:8.1f} MB/s  {rows / ours:10.0f} entries/s")
print(f"  xmllint --noout  {mb / peer:8.1f} MB/s  (parse only)")
print(f"  ratio news-feed / xmllint: {peer / ours:.2f}")
PY
