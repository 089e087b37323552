#!/usr/bin/env python3
"""Writes byline's catalogue of hostile web pages, for byline extract, into a directory.

usage: gen_pages.py DIR SECRET_FILE NET_URL [SCALE]

DIR/NAME.html for every case below; SECRET_FILE is what the XXE case tries
to read; NET_URL is a URL prefix the pages point resources at (the test
checks nothing was fetched from it). SCALE (default 1) multiplies the big
cases' sizes (make robustness passes 10). Prints one line a case:
NAME<TAB>EXPECT<TAB>what it is, where EXPECT is "article" (exit 0, the
marker ARTICLE-MARKER in the text) or "refused:TEXT" (exit 1, TEXT in the
message).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import BIDI, CONTROLS  # noqa: E402  the feed catalogue's terminal controls

PARA = ("<p>ARTICLE-MARKER This paragraph is the article: it has commas, clauses, and enough "
        "words to be read as prose by any reader mode, which is what the test looks for here.</p>"
        "<p>A second paragraph follows, also long, with commas, so that the page holds an article "
        "of more than one block, and the extractor has something to choose.</p>")


def page(body, head=""):
    return "<!DOCTYPE html><html><head>%s</head><body>%s</body></html>" % (head, body)


def cases(secret, net, scale):
    mib = 1 << 20
    yield "huge", "refused:larger than 64 MiB", "a 65 MiB page", (
        page("<div>" + "<p>x</p>" * ((65 * mib) // 8) + "</div>"))
    yield "deep", "article", "1,000,000 nested divs around the article", (
        page("<div>" * (1000000 * scale) + PARA + "</div>" * (1000000 * scale)))
    yield "wide", "article", "100,000 sibling paragraphs (13 MB)", (
        page("<div>" + PARA * (50000 * scale) + "</div>"))
    yield "attributes", "article", "one element with 100,000 attributes", (
        page('<div %s>' % " ".join('a%d="v%d"' % (i, i) for i in range(100000 * scale)) + PARA + "</div>"))
    yield "big-title", "article", "a 20 MB title, og:title and author", (
        page("<article>" + PARA + "</article>",
             "<title>%s</title><meta property=\"og:title\" content=\"%s\"><meta name=\"author\" "
             "content=\"%s\">" % ("T" * (20 * mib), "O" * (20 * mib), "A" * (1 * mib))))
    yield "controls", "article", "terminal controls and bidi overrides everywhere", (
        page("<article><h2>%s</h2>" % (CONTROLS + BIDI) + PARA.replace("test", CONTROLS + BIDI)
             + '<p><img src="/a.png" alt="%s"><a href="/x" title="%s">link %s</a></p></article>'
             % (CONTROLS, BIDI, CONTROLS),
             "<title>%s</title><meta name=\"author\" content=\"%s\">"
             '<script type="application/ld+json">{"@type":"Article","headline":"\\u001b]0;pwned\\u0007%s",'
             '"publisher":{"name":"\\u202e\\u001b[2J"}}</script>' % (CONTROLS + BIDI, CONTROLS, BIDI)))
    yield "schemes", "article", "javascript:, vbscript:, data: and file: links and images", (
        page("<article>" + PARA + '<p><a href="javascript:alert(document.cookie)">one</a> '
             '<a href=" JaVaScRiPt:alert(1)">two</a> <a href="vbscript:msgbox(1)">three</a> '
             '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">four</a> '
             '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="five"> '
             '<a href="java&#x09;script:alert(1)">six</a> <a href="file:///etc/passwd">seven</a>, '
             "and words to make this a paragraph of some length, with commas.</p></article>"))
    secret_uri = "file://" + os.path.abspath(secret)
    yield "xxe", "article", "a DOCTYPE declaring entities from a local file and a URL", (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "%s"><!ENTITY net SYSTEM "%s/xxe">]>'
        "<html><body><article><p>&xxe; &net;</p>%s</article></body></html>" % (secret_uri, net, PARA))
    yield "network", "article", "images, frames, styles, scripts and objects pointing at a server", (
        page("<article>" + PARA + '<img src="%s/img.png"><iframe src="%s/frame"></iframe>'
             '<object data="%s/object"></object><embed src="%s/embed"><video src="%s/video" '
             'poster="%s/poster"></video><picture><source srcset="%s/source"><img src="%s/img2"></picture>'
             "</article>" % ((net,) * 8),
             '<link rel="stylesheet" href="%s/style.css"><script src="%s/script.js"></script>'
             '<meta http-equiv="refresh" content="0; url=%s/refresh"><base href="%s/">' % ((net,) * 4)))
    yield "jsonld-deep", "article", "JSON-LD nested 1,000,000 deep", (
        page("<article>" + PARA + "</article>",
             '<script type="application/ld+json">' + "[" * (1000000 * scale) + "</script>"))
    yield "jsonld-big", "article", "a 10 MB JSON-LD string", (
        page("<article>" + PARA + "</article>",
             '<script type="application/ld+json">{"@type":"Article","articleBody":"'
             + "B" * (10 * mib) + '"}</script>'))
    yield "bad-utf8", "article", "invalid UTF-8, NUL bytes and overlong forms in the article", (
        page("<article>" + PARA.replace("commas", "commas BAD-BYTES") + "</article>").encode()
        .replace(b"BAD-BYTES", b"\xff\xfe\x00\xc0\xaf\xed\xa0\x80\x1b[2J\xc2\x9b"))
    yield "script-tricks", "article", "script and comment contents that look like markup", (
        page("<article><script>document.write('</scr'+'ipt><p>INJECTED-SCRIPT</p>')</script>"
             "<!-- <p>INJECTED-COMMENT</p> --><style>p::after{content:'INJECTED-STYLE'}</style>"
             "<template><p>INJECTED-TEMPLATE</p></template>" + PARA + "</article>"))
    yield "charset-garbage", "article", "a <meta charset> naming a path, and one naming nothing", (
        page("<article>" + PARA + "</article>",
             '<meta charset="../../../../etc/passwd"><meta http-equiv="content-type" content="text/html; charset=">'))
    yield "many-links", "article", "100,000 links beside the article", (
        page("<div>" + "".join('<a href="/l%d">l%d</a> ' % (i, i) for i in range(100000 * scale))
             + "</div><article>" + PARA + "</article>"))
    yield "binary", "refused:not a web page", "1 MiB of binary data", (
        bytes((i * 7919 + 13) % 256 for i in range(mib)))
    yield "no-text", "refused:holds no text", "a page built by scripts", (
        page('<div id="app"></div><script src="/bundle.js"></script>'))


def main():
    d, secret, net = sys.argv[1], sys.argv[2], sys.argv[3]
    scale = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    os.makedirs(d, exist_ok=True)
    for name, expect, what, data in cases(secret, net, scale):
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(d, name + ".html"), "wb") as fp:
            fp.write(data)
        print("%s\t%s\t%s" % (name, expect, what))


if __name__ == "__main__":
    main()
