#!/usr/bin/python3
"""Scores an article extractor on the held-out pages (bench/heldout), with score.py's F1.

usage: extract_heldout.py SCORE_PY [-v] -- CMD ...   ({file} in CMD: each page's source.html)

The pages were written for this benchmark, each like a kind of real site (news,
blogs, a council notice, a press release, a recipe, a tutorial, a magazine
feature; Chinese, Japanese, Hindi; GBK and Shift_JIS bytes; an article only in
JSON-LD; articles of two or three short paragraphs), and the extractor's rules
were not tuned to any one of them. expected.txt is the article text, one block a
line; bench/heldout/make_pages.py makes each page and its text from the marked
template in bench/heldout/src, here into a temporary folder. The metric
is score.py's own (its shingles and page_scores functions, imported): F1 of
4-gram shingles of \\w+ tokens, precision and recall averaged over pages.
-v prints each page's figures, worst first.
"""
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout")


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    score = load("score", sys.argv[1])
    pages = load("make_pages", os.path.join(HERE, "make_pages.py"))
    with tempfile.TemporaryDirectory() as tmp:
        for name in pages.names():
            pages.build(name, tmp)
        run(score, tmp)


def run(score, top):
    args = sys.argv[2:]
    verbose = "-v" in args
    cmd = args[args.index("--") + 1:]
    rows = []
    for name in sorted(os.listdir(top)):
        src, exp = os.path.join(top, name, "source.html"), os.path.join(top, name, "expected.txt")
        if not (os.path.exists(src) and os.path.exists(exp)):
            continue
        try:
            out = subprocess.run([a.replace("{file}", src) for a in cmd], capture_output=True, timeout=20)
            failed = out.returncode != 0
            pred = "" if failed else out.stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            pred, failed = "", True
        p, r = score.page_scores(open(exp, encoding="utf-8").read(), pred)
        rows.append((name, p, r, failed))
    P = statistics.mean(r[1] for r in rows)
    R = statistics.mean(r[2] for r in rows)
    if verbose:
        for name, p, r, failed in sorted(rows, key=lambda x: x[1] + x[2]):
            print("%-28s precision %.3f recall %.3f%s" % (name, p, r, "  FAILED" if failed else ""))
    print("%d pages, %d failed: F1 %.3f precision %.3f recall %.3f"
          % (len(rows), sum(r[3] for r in rows), 2 * P * R / (P + R) if P + R else 0, P, R))


if __name__ == "__main__":
    main()
