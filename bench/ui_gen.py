#!/usr/bin/env python3
"""Feeds for the reader bench: FEEDS RSS files of ITEMS short articles each.

usage: ui_gen.py DIR FEEDS ITEMS   -> DIR/feedNN.xml, titled "Feed NN"
Titles mix Chinese and English; bodies are one short paragraph. Deterministic.
"""
import os
import sys
from email.utils import formatdate

ZH = "科技新闻手机发布会苹果谷歌人工智能芯片电动汽车网络安全数据隐私开源软件"


def main():
    out, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    base = 1767225600  # 2026-01-01
    for f in range(1, feeds + 1):
        parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                 f'<title>Feed {f:02d}</title><link>https://example.org/{f}</link>'
                 '<description>bench</description>']
        for i in range(items):
            n = f * items + i
            zh = "".join(ZH[(n * 7 + k) % len(ZH)] for k in range(12))
            parts.append(f'<item><guid>f{f}-{i}</guid><title>{zh} headline {n}</title>'
                         f'<link>https://example.org/{f}/{i}</link>'
                         f'<pubDate>{formatdate(base - n * 60, usegmt=True)}</pubDate>'
                         f'<description>&lt;p&gt;{zh}。Article {n} of feed {f}.&lt;/p&gt;'
                         '</description></item>')
        parts.append('</channel></rss>\n')
        with open(os.path.join(out, f"feed{f:02d}.xml"), "w", encoding="utf-8") as fp:
            fp.write("".join(parts))


if __name__ == "__main__":
    main()
