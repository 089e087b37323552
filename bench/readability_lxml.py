#!/usr/bin/python3
"""readability-lxml (Debian's python3-readability) as bench/extract.sh runs it beside byline.

usage: readability_lxml.py FILE           the article's text (what score.py compares)
       readability_lxml.py --time FILE... one line per file: milliseconds spent in
                                          Document(...).summary(), in this process
"""
import sys
import time

import lxml.html
from readability import Document


def text(raw):
    html = Document(raw).summary(html_partial=True)
    return lxml.html.fromstring(html).text_content() if html.strip() else ""


def main():
    args = sys.argv[1:]
    if args and args[0] == "--time":
        for path in args[1:]:
            raw = open(path, "rb").read()
            t0 = time.perf_counter()
            Document(raw).summary(html_partial=True)
            print("%.3f %s" % (1000 * (time.perf_counter() - t0), path))
        return
    sys.stdout.write(text(open(args[0], "rb").read()))


if __name__ == "__main__":
    main()
