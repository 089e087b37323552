#!/usr/bin/env python3
"""Pass rates of byline parse from compare_dump.py's --out reports (TSV).

score.py feedparser FP.tsv CORPUS DUMP | feedparser-extended CORPUS DUMP
       | gofeed GF.tsv NFILES CORPUS DUMP | gofeed-json CORPUS DUMP | newsboat NB.tsv
       | realworld CORPUS DUMP | excluded
DUMP is compare_dump's --dump template; values compare_dump cut at 200
characters, and fields its projection leaves out, are read again from
byline's own dump of the file. Prints "NAME RATE PASS/TOTAL" lines.
Besides the raw rates it prints rates on what byline's item model shares
with each peer, judged by the policies written in byline-config(5),
PARSING POLICIES:
  - titles are plain text: feedparser's HTML title counts when its text
    (tags dropped, entities decoded, whitespace collapsed) equals ours;
  - an enclosure length is a number: "42301" equals 42301;
  - author is the name alone ("Name (email)" counts when the name matches;
    gofeed's authors[] is the names joined with ", ", else the e-mail);
  - summaries and content are HTML: feedparser's plain-text value (a text
    construct, or base64 that decodes to text) counts when ours is that
    text escaped into HTML, which shows the same;
  - HTML is kept as the feed wrote it: the same HTML serialised another way
    (attribute order, quotes, <br/> or <br />, xmlns attributes, a wrapping
    div feedparser drops) counts;
  - content is not copied into a missing summary: a peer's summary that is
    its copy of the content counts when our content is that HTML (the
    reader shows the content, else the summary);
  - the reader's date is published, else updated: gofeed's published that
    is its copy of updated counts when ours is updated alone;
  - ids are taken as written, not resolved: "/x" counts for "http://h/x";
  - fields the item model has no place for (category scheme/label, the
    feed's authors, categories, rights, dates, image title) are not scored;
  - newsboat: an item without a guid has its link as id (the item model
    needs one), and a body's surrounding blanks are trimmed;
  - the version is the feed's format and version as written: feedparser's
    rss20 is any RSS 2.x, rss for a missing one; its rss091n and rss091u
    (Netscape's or UserLand's 0.91, told apart by a DOCTYPE) are both 0.91.
The expectations byline does not meet by choice are in EXCLUDED, each with
its reason (doc/PARSE-web.md says more): the -model rates leave them out,
the -model-all rates count them as disagreements.
"""
import html
import json
import os
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
    """HTML as a list of tokens that serialisation does not change: an element left open
    is closed by its parent's end tag (<circle></svg> is <circle/></svg>), as HTML reads it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.open = []

    def handle_starttag(self, tag, attrs):
        attrs = sorted((k.split(":")[-1], v or "") for k, v in attrs if not k.startswith("xmlns"))
        tag = tag.split(":")[-1]
        self.out.append(("<", tag, tuple(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.split(":")[-1] not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.split(":")[-1]
        if tag in VOID:
            return
        if tag in self.open:
            while self.open:
                t = self.open.pop()
                self.out.append(("/", t))
                if t == tag:
                    break
        else:
            self.out.append(("/", tag))

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


# Reviewed: each entry is a peer's answer byline does not give, by choice, with why.
# (suite, file, path or None for every row of the file): reason.
EXCLUDED = {
    ("feedparser", "encoding/bozo_linenoise.xml", "items[0].summary"):
        "encodings: one stray byte costs one character; feedparser re-decodes the whole "
        "document as windows-1252 and every other character turns to mojibake",
    ("feedparser", "entities/lrm.xml", "feed.title"):
        "bidi controls (U+200E) are dropped from one-line fields (SECURITY.md, TEXT.md)",
    ("feedparser", "entities/rlm.xml", "feed.title"):
        "bidi controls (U+200F) are dropped from one-line fields (SECURITY.md, TEXT.md)",
    ("feedparser", "wellformed/rss/entity_in_doctype.xml", "items[0].id"):
        "entities a DTD declares are never expanded (no XXE, no entity bombs: SECURITY.md)",
    ("feedparser", "wellformed/http/headers_content_location-unsafe.xml", "feed.link"):
        "harness: compare_dump passes the javascript: Content-Location as the only base; byline "
        "refuses it as feedparser does, but is never told the document URI feedparser falls back to",
    ("feedparser", "wellformed/rss/item_description_and_summary.xml", None):
        "no RSS spec or module has <summary>; feedparser aliases it to description and moves "
        "the second of the two into content, so which text is the body depends on their order",
    ("feedparser", "wellformed/rss/item_summary_and_description.xml", None):
        "no RSS spec or module has <summary> (see item_description_and_summary)",
    ("feedparser", "wellformed/rss/item_madeup_tags_element.xml", None):
        "<tags> is an element feedparser made up (the test says so); no element outside "
        "the specs and modules byline knows is read",
    ("feedparser", "wellformed/rss/item_description_not_a_doctype.xml", "items[0].summary"):
        "HTML is kept as the feed wrote it: feedparser's sanitiser rewrites the stray <! "
        "as &lt;!; what it shows is the renderer's business",
    ("gofeed", "atom/feed_categories_-_atom_feed_categories.xml", "items[0].categories[0].term"):
        "peers disagree: gofeed takes the Atom category label, feedparser's "
        "entry_category_term the term; byline keeps the term, the stable name tags and "
        "queries match",
    ("gofeed", "rss/feed_image_-_rss_channel_description.xml", "feed.image.url"):
        "a guess: gofeed takes the first <img> of the channel description; byline's image is "
        "what the feed names as its image",
    ("feedparser", "wellformed/lang/http_content_language.xml", "feed.language"):
        "harness: the language is only in the HTTP Content-Language header, and compare_dump "
        "passes a case's Content-Type and Content-Location, never its other headers",
    ("newsboat", "atom10_feed_authors.xml", "items[0].author"):
        "an Atom feed author after the entries (RFC 4287's schema puts entries last; the file "
        "says \"actually-illegal\"): items are delivered as they end, so it reaches only "
        "the entries after it",
}
_used = set()


def excluded(suite, f, path):
    for key in ((suite, f, path), (suite, f, None)):
        if key in EXCLUDED:
            _used.add(key)
            return True
    return False


def report_stale(suite, mine=lambda key: True):
    for key in EXCLUDED:
        if key[0] == suite and mine(key) and key not in _used:
            print(f"score.py: stale exclusion (it agrees now, or is gone): {key}", file=sys.stderr)


def disagree(r):
    """SCORE_VERBOSE=1 lists each disagreement the model rates count, on stderr."""
    if os.environ.get("SCORE_VERBOSE"):
        print("disagrees:", *r[:2], "expected", r[-2][:120], "got", r[-1][:120], file=sys.stderr)


def line(name, ok, total, extra=""):
    print(f"{name} {ok / total if total else 0:.4f} {ok}/{total}{extra}")


class Dumps:
    """byline's own dump of a corpus file, through compare_dump (same template, same shape)."""

    def __init__(self, corpus, template):
        sys.path.insert(0, os.path.join(corpus, "tools"))
        import compare_dump
        self.cd, self.corpus, self.template = compare_dump, corpus, template

    def get(self, sub, f, path, ct="", base=""):
        d = self.cd.run_dump(self.template, os.path.join(self.corpus, sub, f), ct, base)
        return self.cd.get(d, path)

    def raw(self, sub, f, ct="", base=""):
        """The dump as byline prints it (compare_dump's reshaping drops the feed's image)."""
        import shlex
        import subprocess
        cmd = self.template.replace("{file}", shlex.quote(os.path.join(self.corpus, sub, f))) \
            .replace("{ct}", shlex.quote(ct)).replace("{base}", shlex.quote(base))
        p = subprocess.run(cmd, shell=True, capture_output=True)
        try:
            return json.loads(p.stdout.decode("utf-8"))
        except ValueError:
            return {}


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
        return isinstance(got, str) and canon(exp) == canon(got)
    if path.endswith(".id") and isinstance(exp, str) and isinstance(got, str):
        return got.startswith("/") and re.match(r"https?://[^/]+" + re.escape(got) + "$", exp) is not None
    return False


def fp_full(dumps, expect, r):
    """The row's expected and got values whole, with our content beside a missing summary."""
    exp, got = r[3], r[4]
    if len(exp) >= 200:
        exp = json.dumps(expect[(r[0], r[1])]["expected"], ensure_ascii=False)
    if len(got) >= 200 or (got == "null" and r[1].endswith(".summary")):
        e = expect[(r[0], r[1])]
        hdr, base = e.get("headers", {}), e.get("doc_uri", "")
        if hdr.get("Content-Location"):
            base = dumps.cd.urllib.parse.urljoin(base, hdr["Content-Location"])
        path = r[1]
        if got == "null":
            path = r[1][:-len("summary")] + "content[0].value"  # the body the reader shows
        got = json.dumps(dumps.get("feedparser/tests", r[0], path, hdr.get("Content-type", ""), base),
                         ensure_ascii=False)
    return exp, got


def feedparser(rows, dumps):
    expect = {}
    with open(os.path.join(dumps.corpus, "feedparser/derived/expectations.core.jsonl"), encoding="utf-8") as fp:
        for ln in fp:
            e = json.loads(ln)
            expect[(e["file"], dumps.cd.fp_path_to_dump(e["path"])[0])] = e
    rows = [r for r in rows if "/sanitize/" not in r[0]]
    raw = sum(r[2] == "pass" for r in rows)
    scored = [r for r in rows if not re.search(r"\.(scheme|label)$", r[1])]
    ok = nex = 0
    for r in scored:
        if r[2] == "pass" or fp_policy_ok(r[1], *fp_full(dumps, expect, r)):
            ok += 1
        elif excluded("feedparser", r[0], r[1]):
            nex += 1
        else:
            disagree(r)
    report_stale("feedparser", lambda key: key[2] not in FP_EXTENDED)
    line("feedparser-core-raw", raw, len(rows))
    line("feedparser-core-model", ok, len(scored) - nex, f" excluded {nex}")
    line("feedparser-core-model-all", ok, len(scored))


GF_SKIP = re.compile(r"^feed\.(authors|categories|image|rights|updated|published)|"
                     r"^items\[\d+\]\.authors")


# feedparser's expectations outside the core set on fields the model has (the feed's
# language and image, the version), with how byline's dump answers each.
FP_EXTENDED = {
    "feed.language": lambda d: d.get("language"),
    "feed.image.href": lambda d: d.get("image"),
    "version": lambda d: fp_version(d.get("format"), d.get("version")),
}


def fp_version(fmt, ver):
    """byline's format and version as feedparser's names (the policy in the docstring)."""
    if fmt == "rss":
        if not ver:
            return ("rss",)
        if ver.startswith("2."):
            return ("rss20",)
        names = {"0.90": ("rss090",), "0.91": ("rss091n", "rss091u"), "0.92": ("rss092",),
                 "0.93": ("rss093",), "0.94": ("rss094",), "1.0": ("rss10",)}
        return names.get(ver, ())
    if fmt == "atom":
        return ("atom" + (ver or "").replace(".", ""),) if ver else ("atom",)
    return ()


def feedparser_extended(dumps):
    core, rows = set(), []
    with open(os.path.join(dumps.corpus, "feedparser/derived/expectations.core.jsonl"), encoding="utf-8") as fp:
        for ln in fp:
            e = json.loads(ln)
            core.add((e["file"], e["path"]))
    with open(os.path.join(dumps.corpus, "feedparser/derived/expectations.all.jsonl"), encoding="utf-8") as fp:
        for ln in fp:
            e = json.loads(ln)
            if e.get("path") in FP_EXTENDED and e.get("op") == "eq" and (e["file"], e["path"]) not in core:
                rows.append(e)
    ok = nex = 0
    for e in rows:
        hdr, base = e.get("headers", {}), e.get("doc_uri", "")
        if hdr.get("Content-Location"):
            base = dumps.cd.urllib.parse.urljoin(base, hdr["Content-Location"])
        got = FP_EXTENDED[e["path"]](dumps.raw("feedparser/tests", e["file"], hdr.get("Content-type", ""), base))
        if e["expected"] == got or (isinstance(got, tuple) and e["expected"] in got):
            ok += 1
        elif excluded("feedparser", e["file"], e["path"]):
            nex += 1
        else:
            disagree((e["file"], e["path"], json.dumps(e["expected"]), json.dumps(got)))
    report_stale("feedparser", lambda key: key[2] in FP_EXTENDED)
    line("feedparser-extended-model", ok, len(rows) - nex, f" excluded {nex}")
    line("feedparser-extended-model-all", ok, len(rows))


def gf_model_rows(g, d):
    """What compare_dump's projection leaves out but the item model has: the item's author
    (gofeed's authors[], names joined, else the e-mail) and the feed's image."""
    out = []
    ditems = d.get("items") or []
    for i, it in enumerate(g.get("items") or []):
        names = [a.get("name") or a.get("email") for a in it.get("authors") or []]
        exp = ", ".join(n for n in names if n) or None
        got = ditems[i].get("author") if i < len(ditems) else None
        if exp != got:
            out.append((f"items[{i}].author", exp, got))
    exp = (g.get("image") or {}).get("url")
    if exp != d.get("image"):
        out.append(("feed.image.url", exp, d.get("image")))
    return out


def gf_policy_ok(path, exp, got, d):
    exp, got = val(exp), val(got)
    if path.endswith(".length"):
        return str(exp) == str(got)
    m = re.match(r"^items\[(\d+)\]\.published\.utc$", path)
    if m and got is None and int(m.group(1)) < len(d.get("items") or []):
        return d["items"][int(m.group(1))].get("updated") == exp  # gofeed's copy of updated
    return False


def gofeed(rows, nfiles, dumps):
    bad_raw = set()
    fails = {}
    for f, path, res, exp, got in (r[:5] for r in rows):
        if res != "fail":
            continue  # "extra": a field gofeed leaves empty (lenient)
        bad_raw.add(f)
        if not GF_SKIP.search(path):
            fails.setdefault(f, []).append((path, exp, got))
    base = os.path.join(dumps.corpus, "gofeed/testdata/translator")
    dumped = {}
    for sub in ("rss", "atom"):
        for n in sorted(os.listdir(os.path.join(base, sub))):
            if n.endswith(".xml"):
                f = f"{sub}/{n}"
                g = json.load(open(os.path.join(base, f[:-4] + ".json"), encoding="utf-8"))
                dumped[f] = dumps.raw("gofeed/testdata/translator", f)
                for path, exp, got in gf_model_rows(g, dumped[f]):
                    fails.setdefault(f, []).append((path, json.dumps(exp), json.dumps(got)))
    bad, only_excluded = set(), set()
    for f, lst in fails.items():
        real = [x for x in lst if not gf_policy_ok(x[0], x[1], x[2], dumped.get(f, {}))]
        kept = [x for x in real if not excluded("gofeed", f, x[0])]
        if kept:
            bad.add(f)
            for x in kept:
                disagree((f,) + x)
        elif real:
            only_excluded.add(f)
    report_stale("gofeed")
    line("gofeed-files-lenient", nfiles - len(bad_raw), nfiles)
    line("gofeed-files-model", nfiles - len(bad) - len(only_excluded), nfiles - len(only_excluded),
         f" excluded {len(only_excluded)}")
    line("gofeed-files-model-all", nfiles - len(bad) - len(only_excluded), nfiles)


def gofeed_json(dumps):
    """gofeed's JSON Feed cases (testdata/translator/json, X.json with X_expected.json), judged
    as its RSS and Atom ones; and every JSON Feed of the corpus must be read, none refused."""
    sub = "gofeed/testdata/translator/json"
    names = sorted(n for n in os.listdir(os.path.join(dumps.corpus, sub))
                   if n.endswith(".json") and not n.endswith("_expected.json"))
    bad, only_excluded = set(), set()
    for n in names:
        g = json.load(open(os.path.join(dumps.corpus, sub, n[:-5] + "_expected.json"), encoding="utf-8"))
        exp = dumps.cd.gofeed_project(g)
        got = dumps.cd.dump_project(dumps.cd.run_dump(dumps.template, os.path.join(dumps.corpus, sub, n)))
        d = dumps.raw(sub, n)
        fails = [(k, json.dumps(exp[k]), json.dumps(got.get(k))) for k in sorted(exp)
                 if not GF_SKIP.search(k) and exp[k] != got.get(k)]
        fails += [(path, json.dumps(e), json.dumps(v)) for path, e, v in gf_model_rows(g, d)]
        real = [x for x in fails if not gf_policy_ok(x[0], x[1], x[2], d)]
        kept = [x for x in real if not excluded("gofeed", "json/" + n, x[0])]
        if kept:
            bad.add(n)
            for x in kept:
                disagree(("json/" + n,) + x)
        elif real:
            only_excluded.add(n)
    line("gofeed-json-model", len(names) - len(bad) - len(only_excluded), len(names) - len(only_excluded),
         f" excluded {len(only_excluded)}")
    feeds = [(sub, n) for n in names] + [("feedparser/tests/json", n) for n in
                                         sorted(os.listdir(os.path.join(dumps.corpus, "feedparser/tests/json")))]
    read = 0
    for where, n in feeds:
        d = dumps.raw(where, n)
        if d.get("format") == "json" and d.get("items"):
            read += 1
        else:
            disagree((f"{where}/{n}", "refused", "a JSON Feed with its items", json.dumps(d)[:120]))
    line("jsonfeed-read", read, len(feeds))


def nb_policy_ok(path, exp, got):
    exp, got = val(exp), val(got)
    if not isinstance(got, list):
        return False
    if path.endswith(".guid") and exp == "":
        return any(isinstance(g, str) and re.match(r"https?://", g) for g in got)
    return isinstance(exp, str) and any(isinstance(g, str) and g.strip() == exp.strip() for g in got)


def newsboat(rows):
    ok = sum(r[2] == "pass" for r in rows)
    model = nex = 0
    for r in rows:
        if r[2] == "pass" or nb_policy_ok(r[1], r[3], r[4]):
            model += 1
        elif excluded("newsboat", r[0], r[1]):
            nex += 1
        else:
            disagree(r)
    report_stale("newsboat")
    line("newsboat", ok, len(rows))
    line("newsboat-model", model, len(rows) - nex, f" excluded {nex}")
    line("newsboat-model-all", model, len(rows))


def realworld(dumps):
    """NetNewsWire's expectations on kc0011.rss (realworld/SOURCES.md): a real GB2312 feed."""
    d = dumps.raw("realworld/chinese-gb2312", "kc0011.rss")
    items = d.get("items") or []
    checks = [
        ("channel title", d.get("title") == "投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文"),
        ("items", len(items) > 0),
        ("every item has HTML", all(it.get("content") or it.get("summary") for it in items)),
        ("every title is CJK without U+FFFD", all(re.search("[\u4e00-\u9fff]", it.get("title") or "")
                                                  and "\ufffd" not in it["title"] for it in items)),
        ("an item dated 2020-01-10", any((it.get("published") or "").startswith("2020-01-10")
                                         for it in items)),
        ("first title", items and items[0].get("title") == "建国35周年纪念，华表，和平鸽"),
        ("first author", items and items[0].get("author") == "大鱼儿"),
    ]
    for what, ok in checks:
        if not ok:
            disagree(("kc0011.rss", what, "", ""))
    line("netnewswire-kc0011", sum(bool(ok) for _, ok in checks), len(checks))


def list_excluded():
    for (suite, f, path), why in EXCLUDED.items():
        print(f"{suite}\t{f}\t{path or '*'}\t{why}")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "feedparser":
        feedparser(load(sys.argv[2]), Dumps(sys.argv[3], sys.argv[4]))
    elif mode == "feedparser-extended":
        feedparser_extended(Dumps(sys.argv[2], sys.argv[3]))
    elif mode == "gofeed":
        gofeed(load(sys.argv[2]), int(sys.argv[3]), Dumps(sys.argv[4], sys.argv[5]))
    elif mode == "gofeed-json":
        gofeed_json(Dumps(sys.argv[2], sys.argv[3]))
    elif mode == "newsboat":
        newsboat(load(sys.argv[2]))
    elif mode == "realworld":
        realworld(Dumps(sys.argv[2], sys.argv[3]))
    else:
        list_excluded()
