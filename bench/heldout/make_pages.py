#!/usr/bin/python3
"""Builds the held-out pages: src/NAME.html -> OUT/NAME/source.html and OUT/NAME/expected.txt.

usage: make_pages.py OUT [NAME ...]   (bench/extract_heldout.py runs it into a temporary folder)


A template is a whole web page in UTF-8 with the article marked by <!--A--> ...
<!--/A--> (one or more regions; for a page whose article is only in its JSON-LD,
<!--T--> ... <!--/T--> holds the expected text itself, outside the page). The
markers are removed from source.html, which is then encoded as the page's
<meta charset> says (gbk, shift_jis); expected.txt is the marked regions' text,
one block a line. The pages were written before any rule was tuned on them.
"""
import os, re, sys
import lxml.html

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "figcaption", "tr", "dd", "dt", "div"}


def block_text(fragment):
    doc = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for el in doc.iter():
        if isinstance(el.tag, str) and el.tag in BLOCKS:
            el.tail = "\n" + (el.tail or "")
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
    lines = [" ".join(l.split()) for l in doc.text_content().split("\n")]
    return "\n".join(l for l in lines if l) + "\n"


def build(name, outdir):
    tmpl = open(os.path.join(HERE, "src", name + ".html"), encoding="utf-8").read()
    texts = re.findall(r"<!--T-->(.*?)<!--/T-->", tmpl, re.S)
    page = re.sub(r"<!--T-->.*?<!--/T-->\n?", "", tmpl, flags=re.S)
    if texts:
        expected = "\n".join(" ".join(l.split()) for t in texts for l in t.strip().split("\n") if l.strip()) + "\n"
    else:
        regions = re.findall(r"<!--A-->(.*?)<!--/A-->", page, re.S)
        expected = "".join(block_text(r) for r in regions)
    page = page.replace("<!--A-->", "").replace("<!--/A-->", "")
    m = re.search(r'charset="?([\w-]+)', page[:1024])
    enc = (m.group(1) if m else "utf-8").lower()
    out = os.path.join(outdir, name)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "source.html"), "wb") as fp:
        fp.write(page.encode(enc))
    with open(os.path.join(out, "expected.txt"), "w", encoding="utf-8") as fp:
        fp.write(expected)


def names():
    return sorted(f[:-5] for f in os.listdir(os.path.join(HERE, "src")) if f.endswith(".html"))


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: make_pages.py OUT [NAME ...]")
    for n in sys.argv[2:] or names():
        build(n, sys.argv[1])


if __name__ == "__main__":
    main()
