#!/usr/bin/env python3
"""Writes byline's catalogue of hostile JSON Feeds into a directory (big ones are generated, never committed).

usage: gen_json.py DIR [ITEMS]

DIR/NAME.json for every case below; ITEMS is the item count of the
"many-items-json" case (default 1,000,000). Prints the case names, one a
line, each followed by a tab, "read" or "refused" (what byline must do with
it) and a tab and a one-line description.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import BIDI, CONTROLS  # noqa: E402  the same controls as the XML cases

V11 = "https://jsonfeed.org/version/1.1"


def feed(items, **top):
    doc = {"version": V11, "title": "hostile json", "home_page_url": "http://example.org/"}
    doc.update(top)
    doc["items"] = items
    return json.dumps(doc, ensure_ascii=False)


def item(i, title, **fields):
    d = {"id": i, "title": title, "url": "http://example.org/%s" % i, "content_html": "<p>body</p>"}
    d.update(fields)
    return d


def cases(d, million):
    depth = 100000
    yield "nesting-json", "read", "100,000 nested arrays in an item's extension", (
        '{"version":"%s","title":"deep","items":[{"id":"n1","title":"deep","_x":' % V11
        + "[" * depth + "1" + "]" * depth + '},{"id":"n2","title":"after the deep one"}]}')
    yield "nesting-objects", "read", "100,000 nested objects as an item's title", (
        '{"version":"%s","items":[{"id":"o1","title":"shallow"},{"id":"o2","title":' % V11
        + '{"a":' * depth + "1" + "}" * depth + "}]}")

    big = "T" * (50 << 20)
    yield "big-string", "read", "a 50 MB title", feed(
        [item("t1", big), item("t2", "small after big")])
    yield "big-number", "read", "a 1,000,000-digit number as an id and a size", (
        '{"version":"%s","items":[{"id":%s,"title":"long id","attachments":[{"url":'
        '"http://example.org/a.mp3","size_in_bytes":%s}]},{"id":"after","title":"after"}]}'
        % (V11, "9" * 1000000, "9" * 1000000))

    yield "nul", "read", "\\u0000 in the title, body and feed title", feed(
        [item("z1", "before\x00after", content_html="<p>a\x00b</p>"), item("z2", "second")],
        title="nul\x00title")

    bad = [b"\xff\xfe", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf0\x80\x80\xaf", b"\xed\xa0\x80",
           b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80", b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80",
           b"\xe4\xb8", b"\x80\x80"]
    items = [b'{"id":"u%d","title":"utf8 %d ' % (i, i) + b + b' tail","content_html":"<p>'
             + b + b'</p>","authors":[{"name":"' + b + b'"}]}' for i, b in enumerate(bad)]
    items.append(b'{"id":"s1","title":"lone \\udc00 \\ud800 and \\ud800\\u0041 surrogates"}')
    yield "bad-utf8-json", "read", "invalid, overlong and surrogate UTF-8, lone surrogate escapes", (
        b'{"version":"' + V11.encode() + b'","title":"utf8 \xc0\x80","items":['
        + b",".join(items) + b"]}")

    yield "numbers", "read", "sizes and durations out of range, negative, not numbers", feed([
        item("r1", "range", attachments=[
            {"url": "http://example.org/1.mp3", "size_in_bytes": 1e300, "duration_in_seconds": -5},
            {"url": "http://example.org/2.mp3", "size_in_bytes": -1, "duration_in_seconds": 1e-300}]),
        item(123456789012345678901234567890, "a huge number id")]).replace(
            "1e+300", "1e400").replace("1e-300", "1e-400")

    yield "duplicate-keys", "read", "the same key twice in the feed and in an item", (
        '{"version":"%s","title":"first","title":"second","items":[{"id":"d1","title":"kept",'
        '"title":"dropped","url":"http://example.org/1","url":"javascript:alert(1)"}],'
        '"items":[{"id":"never"}]}' % V11)

    yield "wrong-types", "read", "every field with a value of the wrong type", feed(
        [{"id": True, "url": 5, "title": {"a": "b"}, "content_html": ["x"], "summary": 1,
          "tags": {"a": 1}, "authors": 7, "attachments": "nope", "date_published": 20240101},
         "not an item", [1, 2], None, {"id": "ok", "title": "ok after wrong types"}],
        title=["not", "text"], home_page_url=42, authors={"name": ["x"]})

    c = CONTROLS
    yield "controls-json", "read", "C0, C1 and ESC sequences (CSI, OSC 0/2/8/52, DCS) in every field", feed(
        [item("ctl-" + c, "ctl " + c, url="http://example.org/" + c, summary=c,
              content_html="<p>%s</p><a href=\"http://e.example/%s\">%s</a>" % (c, c, c),
              content_text=c, tags=[c], authors=[{"name": c}],
              attachments=[{"url": "http://example.org/%s.mp3" % c, "mime_type": "audio/" + c}])],
        title="ctl feed " + c, description=c)
    raw = CONTROLS.replace("\x00", "").replace("\\", "\\\\")  # raw controls; a backslash stays one
    doc = feed([item("raw1", "raw " + "@@RAW@@", url="http://example.org/@@RAW@@",
                     content_text="@@RAW@@", authors=[{"name": "@@RAW@@"}])], title="raw feed @@RAW@@")
    yield "controls-raw-json", "read", "the same controls raw inside strings (not valid JSON)", \
        doc.replace("@@RAW@@", raw)

    yield "bidi-json", "read", "bidi overrides and isolates in title, author, link, tag", feed(
        [item("bd1", "bidi " + BIDI, url="http://example.org/\u202eevil", tags=[BIDI],
              authors=[{"name": BIDI}])], title="bidi feed " + BIDI)

    links = [("javascript", "javascript:alert(document.cookie)"), ("file", "file:///etc/passwd"),
             ("data", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
             ("vbscript", "vbscript:msgbox(1)")]
    yield "schemes-json", "read", "javascript:, file:, data: and vbscript: links and bases", feed(
        [item("s-" + n, "scheme " + n, url=u, external_url=u, content_html='<a href="%s">x</a>' % u,
              attachments=[{"url": u, "mime_type": "text/html"}]) for n, u in links],
        feed_url="javascript:alert(1)//", home_page_url="file:///etc/")

    good = feed([item("g1", "first"), item("g2", "second")])
    yield "syntax", "refused", "a missing comma between two keys", good.replace('"title": "first", ', '"title": "first" ')
    yield "truncated", "refused", "the document cut off inside an item", good[:len(good) // 2]
    yield "array", "refused", "a JSON array at the top", "[" + good + "]"

    path = "many-items-json"
    with open(os.path.join(d, path + ".json"), "w") as fp:
        fp.write('{"version":"%s","title":"many","items":[' % V11)
        chunk = []
        for i in range(million):
            chunk.append('%s{"id":"m%d","title":"many %d"}' % ("," if i else "", i, i))
            if len(chunk) == 10000:
                fp.write("".join(chunk))
                chunk = []
        fp.write("".join(chunk) + "]}\n")
    yield path, "read", "%d items" % million, None


def main():
    d = sys.argv[1]
    million = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    os.makedirs(d, exist_ok=True)
    for name, verdict, what, data in cases(d, million):
        if data is not None:
            with open(os.path.join(d, name + ".json"), "wb") as fp:
                fp.write(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
        print("%s\t%s\t%s" % (name, verdict, what))


if __name__ == "__main__":
    main()
