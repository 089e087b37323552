#!/usr/bin/python3
"""score.py of ../shared/readability-pages with its expected pages read as UTF-8.

usage: extract_score.py SCORE_PY [-v] -- CMD ...   (arguments as score.py's)

score.py hands expected.html to lxml as bytes: a page with no <meta charset>
is then read as Latin-1, and every accented or CJK word of it becomes
mojibake that no extractor's UTF-8 output can match (qq, aktualne, lemonde-1
score 0 or near it for every extractor). The pages are UTF-8; this runs
score.py unchanged but for that one reading, so both figures can be shown.
"""
import importlib.util
import sys

import lxml.html


def text_of(path):
    with open(path, "rb") as fp:
        return lxml.html.fromstring(fp.read().decode("utf-8", "replace")).text_content()


def main():
    spec = importlib.util.spec_from_file_location("score", sys.argv[1])
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    score.text_of = text_of
    sys.argv = [sys.argv[1]] + sys.argv[2:]
    score.main()


if __name__ == "__main__":
    main()
