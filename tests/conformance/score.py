#!/usr/bin/env python3
"""Pass rates of byline parse from compare_dump.py's --out reports (TSV).

score.py feedparser FP.tsv | gofeed GF.tsv | newsboat NB.tsv
Prints "NAME RATE PASS/TOTAL" lines. Besides the raw rates it prints rates
on what byline's item model shares with each peer, judged by the policies
written in byline-config(5), PARSING POLICIES:
  - titles are plain text: feedparser's HTML title counts when its text
    (tags dropped, entities decoded, whitespace collapsed) equals ours;
  - an enclosure length is a number: "42301" equals 42301;
  - author is the name alone ("Name (email)" counts when the name matches);
  - summaries and content are HTML: feedparser's plain-text value (a text
    construct, or base64 that decodes to text) counts when ours is that
    text escaped into HTML, which shows the same;
  - fields the item model has no place for (category scheme/label, gofeed's
    authors[], feed categories/image/rights/dates) are not scored.
"""
import html
import json
import re
import sys
from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def handle_data(self, d):
        self.out.append(d)


def plain(s):
    p = _Text()
    p.feed(s)
    p.close()
    return re.sub(r"\s+", " ", "".join(p.out)).strip()


def load(path):
    rows = []
    with open(path, encoding="utf-8") as fp:
        next(fp)
        for line in fp:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 5:
                rows.append(f)
    return rows


def val(s):
    try:
        return json.loads(s)
    except ValueError:
        return s  # cut at 200 characters by compare_dump


def fp_policy_ok(path, exp, got):
    exp, got = val(exp), val(got)
    if re.search(r"(^|\.)title$", path) and isinstance(exp, str) and isinstance(got, str):
        return plain(exp) == got
    if path.endswith(".length") and exp is not None:
        return str(exp) == str(got)
    if path.endswith("enclosures[0]") or re.search(r"enclosures\[\d+\]$", path):
        return isinstance(exp, dict) and isinstance(got, dict) and all(
            str(got.get(k)) == str(v) for k, v in exp.items())
    if path.endswith(".author") and isinstance(exp, str):
        return re.sub(r"\s*\([^)]*@[^)]*\)$", "", exp) == got
    if re.search(r"(summary|subtitle|content\[\d+\]\.value)$", path) and isinstance(exp, str):
        return html.escape(exp, quote=False) == got and exp != got
    return False


def feedparser(rows):
    rows = [r for r in rows if "/sanitize/" not in r[0]]
    raw = sum(r[2] == "pass" for r in rows)
    scored = [r for r in rows if not re.search(r"\.(scheme|label)$", r[1])]
    ok = sum(r[2] == "pass" or fp_policy_ok(r[1], r[3], r[4]) for r in scored)
    print(f"feedparser-core-raw {raw / len(rows):.4f} {raw}/{len(rows)}")
    print(f"feedparser-core-model {ok / len(scored):.4f} {ok}/{len(scored)}")


GF_SKIP = re.compile(r"^feed\.(authors|categories|image|rights|updated|published)|"
                     r"^items\[\d+\]\.authors")


def gofeed(rows, nfiles):
    bad_raw, bad_model = set(), set()
    for f, path, res, exp, got in (r[:5] for r in rows):
        if res != "fail":
            continue  # "extra": a field gofeed leaves empty (lenient)
        bad_raw.add(f)
        if not GF_SKIP.search(path) and not (path.endswith(".length") and str(val(exp)) == str(val(got))):
            bad_model.add(f)
    print(f"gofeed-files-lenient {(nfiles - len(bad_raw)) / nfiles:.4f} {nfiles - len(bad_raw)}/{nfiles}")
    print(f"gofeed-files-model {(nfiles - len(bad_model)) / nfiles:.4f} {nfiles - len(bad_model)}/{nfiles}")


def newsboat(rows):
    ok = sum(r[2] == "pass" for r in rows)
    print(f"newsboat {ok / len(rows):.4f} {ok}/{len(rows)}")


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "feedparser":
        feedparser(load(path))
    elif mode == "gofeed":
        gofeed(load(path), int(sys.argv[3]))
    else:
        newsboat(load(path))
