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
  - HTML is kept as the feed wrote it: the same HTML serialised another way
    (attribute order, quotes, <br/> or <br />, xmlns attributes, a wrapping
    div feedparser drops) counts;
  - ids are taken as written, not resolved: "/x" counts for "http://h/x";
  - fields the item model has no place for (category scheme/label, gofeed's
    authors[], feed categories/image/rights/dates) are not scored;
  - newsboat: an item without a guid has its link as id (the item model
    needs one), and a body's surrounding blanks are trimmed.
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


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


class _Canon(HTMLParser):
    """HTML as a list of tokens that serialisation does not change."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def handle_starttag(self, tag, attrs):
        attrs = sorted((k.split(":")[-1], v or "") for k, v in attrs if not k.startswith("xmlns"))
        self.out.append(("<", tag.split(":")[-1], tuple(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.split(":")[-1] not in VOID:
            self.out.append(("/", tag.split(":")[-1]))

    def handle_endtag(self, tag):
        if tag.split(":")[-1] not in VOID:
            self.out.append(("/", tag.split(":")[-1]))

    def handle_data(self, d):
        d = re.sub(r"\s+", " ", d)
        if self.out and self.out[-1][0] == "t":
            self.out[-1] = ("t", self.out[-1][1] + d)
        elif d.strip():
            self.out.append(("t", d))


def canon(s):
    p = _Canon()
    p.feed(s)
    p.close()
    t = [x if x[0] != "t" else ("t", x[1].strip()) for x in p.out]
    if len(t) >= 2 and t[0][:2] == ("<", "div") and t[-1] == ("/", "div"):
        t = t[1:-1]  # the wrapping div feedparser drops
    return t


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
    if re.search(r"(^|\.)title$", path) and isinstance(exp, str) and isinstance(got, (str, type(None))):
        return plain(exp) == (got or "")
    if path.endswith(".length") and exp is not None:
        return str(exp) == str(got)
    if path.endswith("enclosures[0]") or re.search(r"enclosures\[\d+\]$", path):
        return isinstance(exp, dict) and isinstance(got, dict) and all(
            str(got.get(k)) == str(v) for k, v in exp.items())
    if path.endswith(".author") and isinstance(exp, str):
        return re.sub(r"\s*\([^)]*@[^)]*\)$", "", exp) == got
    if re.search(r"(summary|subtitle|content\[\d+\]\.value)$", path) and isinstance(exp, str):
        if html.escape(exp, quote=False) == got and exp != got:
            return True
        return isinstance(got, str) and len(exp) < 200 and canon(exp) == canon(got)
    if path.endswith(".id") and isinstance(exp, str) and isinstance(got, str):
        return got.startswith("/") and re.match(r"https?://[^/]+" + re.escape(got) + "$", exp) is not None
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


def nb_policy_ok(path, exp, got):
    exp, got = val(exp), val(got)
    if not isinstance(got, list):
        return False
    if path.endswith(".guid") and exp == "":
        return any(isinstance(g, str) and re.match(r"https?://", g) for g in got)
    return isinstance(exp, str) and any(isinstance(g, str) and g.strip() == exp.strip() for g in got)


def newsboat(rows):
    ok = sum(r[2] == "pass" for r in rows)
    model = sum(r[2] == "pass" or nb_policy_ok(r[1], r[3], r[4]) for r in rows)
    print(f"newsboat {ok / len(rows):.4f} {ok}/{len(rows)}")
    print(f"newsboat-model {model / len(rows):.4f} {model}/{len(rows)}")


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "feedparser":
        feedparser(load(path))
    elif mode == "gofeed":
        gofeed(load(path), int(sys.argv[3]))
    else:
        newsboat(load(path))
