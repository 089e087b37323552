#!/usr/bin/env python3
"""Writes byline's catalogue of hostile feeds into a directory (big ones are generated, never committed).

usage: gen.py DIR SECRET_FILE XXE_URL [MILLION]

DIR/NAME.xml for every case below; SECRET_FILE is what the XXE cases try
to read, XXE_URL where they try to fetch from. MILLION is the item count of
the "many-items" case (default 1,000,000). Prints the case names, one a line,
each followed by a tab and a one-line description.
"""

import os
import sys

ESC = "\x1b"
# Every kind of terminal control we know of, each with a marker a test can look for.
CONTROLS = (
    ESC + "[2J" + ESC + "[8;99;99t" + ESC + "[6n"         # CSI: clear, resize, report
    + ESC + "]0;PWNED-TITLE0" + "\x07"                   # OSC 0: window and icon title
    + ESC + "]2;PWNED-TITLE2" + ESC + "\\"                # OSC 2: window title, ST-terminated
    + ESC + "]8;;http://evil.example/" + ESC + "\\link" + ESC + "]8;;" + ESC + "\\"  # OSC 8
    + ESC + "]52;c;UFdORUQtQ0xJUA==" + "\x07"            # OSC 52: set the clipboard
    + ESC + "P+q544e" + ESC + "\\"                       # DCS: request termcap
    + "\x9b2J\x9d0;PWNED-C1\x9c\x90DCS\x9c"              # C1: 8-bit CSI, OSC, ST, DCS
    + "\r\b\b\b\x7f\x0bover\x0cwrite"                    # cursor movers and DEL
)
BIDI = "\u202egnp.exe\u202c \u2066isolate\u2069 \u202dforced\u200f\u061c"


def xml_text(s):
    """Text for XML 1.1 character references: every control as &#N; (XML 1.0 forbids C0)."""
    out = []
    for ch in s:
        o = ord(ch)
        if o < 0x20 or 0x7f <= o <= 0x9f:
            out.append("&#%d;" % o)
        elif ch in "<>&\"":
            out.append({"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}[ch])
        else:
            out.append(ch)
    return "".join(out)


def rss(items, title="hostile", head="", decl='<?xml version="1.0" encoding="utf-8"?>\n'):
    return (decl + head + '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>%s</title>'
            '<link>http://example.org/</link><description>d</description>%s</channel></rss>\n'
            % (title, "".join(items)))


def item(guid, title, link="http://example.org/a", body="<p>body</p>", extra=""):
    return ("<item><guid>%s</guid><title>%s</title><link>%s</link>"
            "<description><![CDATA[%s]]></description>%s</item>" % (guid, title, link, body, extra))


def write(d, name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    kw = {} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": ""}
    with open(os.path.join(d, name + ".xml"), mode, **kw) as fp:
        fp.write(data)


def cases(d, secret, xxe_url, million):
    secret_uri = "file://" + os.path.abspath(secret)
    doctype = ('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "%s"><!ENTITY %% p SYSTEM "%s"> %%p;]>\n'
               % (secret_uri, secret_uri))
    yield "xxe-file", "XXE: an external entity naming a local file", rss(
        [item("x1", "&xxe;", body="&xxe;", extra="<author>&xxe;</author>")],
        title="&xxe;", head=doctype)
    head = ('<!DOCTYPE rss SYSTEM "%s/external.dtd" [<!ENTITY xxe SYSTEM "%s/entity">'
            '<!ENTITY %% r SYSTEM "%s/parameter"> %%r;]>\n' % (xxe_url, xxe_url, xxe_url))
    yield "xxe-url", "XXE: external DTD, entity and parameter entity over HTTP", rss(
        [item("x2", "before &xxe; after", body="&xxe;")], title="&xxe;", head=head)

    ents = '<!ENTITY lol0 "lol">' + "".join(
        '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
    yield "billion-laughs", "billion laughs: 10^9 lols in ten entities", rss(
        [item("b1", "&lol9;", body="&lol9;")], title="&lol9;",
        head="<!DOCTYPE rss [%s]>\n" % ents)
    big = "A" * 50000
    yield "quadratic", "quadratic blow-up: a 50 kB entity used 50,000 times", rss(
        [item("q1", "t", body="&a;" * 50000)], title="&a;" * 1000,
        head='<!DOCTYPE rss [<!ENTITY a "%s">]>\n' % big)

    depth = 100000
    yield "nesting-xml", "100,000 nested elements inside an item", rss(
        ["<item><guid>n1</guid><title>deep</title>" + "<x>" * depth + "y" + "</x>" * depth
         + "</item>", item("n2", "after the deep one")])
    yield "nesting-html", "100,000 nested HTML elements in an article body", rss(
        [item("h1", "deep body", body="<div>" * depth + "deep text" + "</div>" * depth),
         item("h2", "unclosed tags", body="<b><i><u><span>" * 25000 + "text")])

    title = "T" * (50 << 20)
    yield "big-title", "a 50 MB title", rss([item("t1", title), item("t2", "small after big")])

    nul = rss([item("z1", "before\x00after", body="<p>a\x00b</p>"), item("z2", "second")],
              title="nul\x00title").encode()
    yield "nul", "NUL bytes in the title, body and feed title", nul

    bad = [b"\xff\xfe", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf0\x80\x80\xaf",  # invalid, overlong '/'
           b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80",   # surrogates (CESU)
           b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\xfc\x84\x80\x80\x80\x80",
           b"\xe4\xb8", b"\x80\x80"]                                       # truncated, stray
    titles = [b"<item><guid>u%d</guid><title>utf8 %d " % (i, i) + b + b" tail</title>"
              b"<description>" + b + b"</description><author>" + b + b"</author></item>"
              for i, b in enumerate(bad)]
    yield "bad-utf8", "invalid, overlong and surrogate UTF-8", (
        b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>utf8 \xc0\x80'
        b'\xed\xa0\x80</title>' + b"".join(titles) + b"</channel></rss>\n")

    c = xml_text(CONTROLS)
    fields = ("<author>%s</author><dc:creator>%s</dc:creator><category>%s</category>"
              '<enclosure url="http://example.org/%s.mp3" type="audio/%s" length="1"/>'
              "<content:encoded>&lt;p&gt;%s&lt;/p&gt;&lt;a href=\"http://e.example/%s\"&gt;%s&lt;/a&gt;"
              "</content:encoded>" % ((c,) * 8))
    yield "controls", "C0, C1 and ESC sequences (CSI, OSC 0/2/8/52, DCS) in every field", rss(
        ["<item><guid>ctl-%s</guid><title>ctl %s</title><link>http://example.org/%s</link>"
         "<description>%s</description>%s</item>" % (c, c, c, c, fields)],
        title="ctl feed " + c, decl='<?xml version="1.1" encoding="utf-8"?>\n')
    raw = (CONTROLS.replace("\x00", ""))
    yield "controls-raw", "the same controls as raw bytes (not well-formed XML)", rss(
        [item("raw1", "raw " + raw, link="http://example.org/" + raw, body=raw,
              extra="<author>%s</author>" % raw)], title="raw feed " + raw)

    yield "bidi", "bidi overrides and isolates in title, author, link, category", rss(
        [item("bd1", "bidi " + BIDI, link="http://example.org/\u202eevil",
              extra="<author>%s</author><category>%s</category>" % (BIDI, BIDI))],
        title="bidi feed " + BIDI)

    links = [("javascript", "javascript:alert(document.cookie)"),
             ("file", "file:///etc/passwd"),
             ("data", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
             ("vbscript", "vbscript:msgbox(1)")]
    yield "schemes", "javascript:, file:, data: and vbscript: links", rss(
        [item("s-" + n, "scheme " + n, link=xml_text(u), body='<a href="%s">link</a>' % xml_text(u),
              extra='<enclosure url="%s" type="text/html" length="1"/>' % xml_text(u))
         for n, u in links])

    shells = ["https://example.org/$(touch${IFS}PWNED-DIR/dollar)",
              "https://example.org/`touch PWNED-DIR/backtick`",
              "https://example.org/a;touch PWNED-DIR/semicolon",
              "https://example.org/a'\"|touch PWNED-DIR/quotes&",
              "https://example.org/a%0atouch PWNED-DIR/newline\n;touch PWNED-DIR/nl2",
              "https://example.org/-oProxyCommand=touch PWNED-DIR/option"]
    yield "shell", "links full of shell metacharacters: $(), backticks, ;, quotes, pipes", rss(
        [item("sh%d" % i, "shell %d" % i, link=xml_text(u), body='<a href="%s">link</a>' % xml_text(u))
         for i, u in enumerate(shells)])

    with open(os.path.join(d, "many-items.xml"), "w") as fp:
        fp.write('<?xml version="1.0"?><rss version="2.0"><channel><title>many</title>')
        chunk = []
        for i in range(million):
            chunk.append("<item><guid>m%d</guid><title>many %d</title></item>" % (i, i))
            if len(chunk) == 10000:
                fp.write("".join(chunk))
                chunk = []
        fp.write("".join(chunk) + "</channel></rss>\n")
    yield "many-items", "%d items" % million, None


def main():
    d, secret, xxe_url = sys.argv[1], sys.argv[2], sys.argv[3]
    million = int(sys.argv[4]) if len(sys.argv) > 4 else 1000000
    os.makedirs(d, exist_ok=True)
    for name, what, data in cases(d, secret, xxe_url, million):
        if data is not None:
            write(d, name, data.replace("PWNED-DIR", d) if isinstance(data, str) else data)
        print("%s\t%s" % (name, what))


if __name__ == "__main__":
    main()
