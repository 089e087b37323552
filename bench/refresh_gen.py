#!/usr/bin/env python3
"""Generates the refresh bench's feeds: N feeds x M items, every fourth Atom.

usage: refresh_gen.py DIR [FEEDS [ITEMS]]   (default 200 x 50, about 31 MB)
Deterministic: the same arguments give the same bytes. Files: DIR/fNNN.xml.
"""

import os
import random
import sys

WORDS_EN = ("the quick brown fox jumps over a lazy dog while engineers ship small "
            "careful changes to feed readers terminal databases and networks").split()
WORDS_ZH = list("科技新闻手机发布会苹果谷歌人工智能芯片电动汽车网络安全数据隐私开源软件")
WORDS_JA = list("東京大学研究者新技術発表世界初実験成功報告")


def paragraph(rng, n):
    parts = []
    for _ in range(n):
        r = rng.random()
        if r < 0.6:
            parts.append(" ".join(rng.choice(WORDS_EN) for _ in range(12)) + ".")
        elif r < 0.85:
            parts.append("".join(rng.choice(WORDS_ZH) for _ in range(30)) + "。")
        else:
            parts.append("".join(rng.choice(WORDS_JA) for _ in range(25)) + "。")
    return " ".join(parts)


def body(rng):
    html = []
    for k in range(rng.randint(4, 6)):
        html.append("<p>%s <a href=\"https://example.org/ref/%d\">link</a></p>"
                    % (paragraph(rng, 6), rng.randint(1, 10 ** 6)))
    return "".join(html)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rss(i, items, rng):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
           '<title>Bench feed %d</title><link>https://example.org/%d/</link>'
           '<description>Feed %d of the refresh bench</description>' % (i, i, i)]
    for j in range(items):
        day = 1 + (i + j) % 28
        out.append('<item><title>%s</title><link>https://example.org/%d/%d</link>'
                   '<guid isPermaLink="false">bench-%d-%d</guid><dc:creator>Author %d</dc:creator>'
                   '<pubDate>Mon, %02d Sep 2026 %02d:%02d:00 +0000</pubDate>'
                   '<category>cat%d</category><description>%s</description></item>'
                   % (esc(paragraph(rng, 1)[:80]), i, j, i, j, j % 7, day, j % 24, j % 60,
                      j % 5, esc(body(rng))))
    out.append("</channel></rss>\n")
    return "".join(out)


def atom(i, items, rng):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
           '<title>Bench feed %d</title><id>urn:bench:%d</id><link href="https://example.org/%d/"/>'
           '<updated>2026-09-28T00:00:00Z</updated>' % (i, i, i)]
    for j in range(items):
        day = 1 + (i + j) % 28
        out.append('<entry><title>%s</title><id>urn:bench:%d:%d</id>'
                   '<link href="https://example.org/%d/%d"/><author><name>Author %d</name></author>'
                   '<updated>2026-09-%02dT%02d:%02d:00Z</updated><category term="cat%d"/>'
                   '<content type="html">%s</content></entry>'
                   % (esc(paragraph(rng, 1)[:80]), i, j, i, j, j % 7, day, j % 24, j % 60,
                      j % 5, esc(body(rng))))
    out.append("</feed>\n")
    return "".join(out)


def main():
    d = sys.argv[1]
    feeds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    items = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    os.makedirs(d, exist_ok=True)
    for i in range(feeds):
        rng = random.Random(i)
        text = atom(i, items, rng) if i % 4 == 3 else rss(i, items, rng)
        with open(os.path.join(d, "f%03d.xml" % i), "w", encoding="utf-8") as fp:
            fp.write(text)


if __name__ == "__main__":
    main()
