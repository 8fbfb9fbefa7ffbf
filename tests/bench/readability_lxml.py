#!/usr/bin/python3
"""Peer for tests/bench/strip.sh: readability-lxml (Debian python3-readability)
over HTML files named as arguments, the article summary of each written to
stdout, so its work is timed like news-strip's."""
import sys

from readability import Document


def main():
    out = sys.stdout
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            raw = f.read()
        html = raw.decode("utf-8", errors="replace")
        try:
            doc = Document(html)
            out.write(doc.title() + "\t" + str(len(doc.summary())) + "\n")
        except Exception as e:  # a page it cannot handle is skipped, as it would be
            out.write("error\t%s\n" % type(e).__name__)


if __name__ == "__main__":
    main()
