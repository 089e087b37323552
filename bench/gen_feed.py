#!/usr/bin/env python3
"""Writes a synthetic RSS 2.0 feed for `make bench`: N items (default 10,000,
about 30 MB) with Chinese HTML bodies in content:encoded, Hindi and English
paragraphs, links, images and lists. Deterministic: the same N gives the
same bytes. With --json, the same items as a JSON Feed 1.1 document
(3,300 items make about 10 MB). Usage: gen_feed.py [--json] [N] > feed
"""
import json
import random
import sys

ZH = ("科技 手机 芯片 发布会 人工智能 模型 推理 数据 隐私 电池 续航 屏幕 折叠 相机 "
      "开源 社区 开发者 系统 更新 安全 漏洞 修复 性能 提升 价格 市场 用户 体验 设计 "
      "汽车 电动 自动驾驶 充电 网络 卫星 通信 云计算 服务器 游戏 平台 内容 创作者").split()
ZH_PUNCT = "，。、；："
HI = ("भारत में तकनीक तेज़ी से बदल रही है और लोग नए उपकरणों को अपना रहे हैं "
      "डिजिटल भुगतान ग्रामीण इलाकों तक पहुँच गया है विशेषज्ञों का कहना है कि "
      "अगला कदम कृत्रिम बुद्धिमत्ता और सस्ती इंटरनेट सेवा होगी").split()
EN = ("the new device ships with a faster chip and a brighter screen while "
      "developers praise the open tools and users ask about battery life privacy "
      "and price in a market that keeps moving quickly").split()


def zh_sentence(rng):
    n = rng.randint(8, 18)
    s = ""
    for i in range(n):
        s += rng.choice(ZH)
        if i % 4 == 3:
            s += rng.choice(ZH_PUNCT)
    return s + "。"


def words(rng, pool, lo, hi):
    return " ".join(rng.choice(pool) for _ in range(rng.randint(lo, hi)))


def body(rng, i):
    parts = []
    for p in range(rng.randint(4, 6)):
        text = "".join(zh_sentence(rng) for _ in range(rng.randint(2, 3)))
        if p == 1:
            text += f'<a href="https://news.example.cn/{i}/related-{p}">相关阅读</a>'
        parts.append(f"<p>{text}</p>")
        if p == 2:
            parts.append(f'<p><img src="https://img.example.cn/{i}/{p}.jpg" alt="{rng.choice(ZH)}"></p>')
        if p == 3:
            parts.append("<ul>" + "".join(f"<li>{zh_sentence(rng)}</li>" for _ in range(4)) + "</ul>")
    parts.append(f"<p>{words(rng, HI, 30, 50)}।</p>")
    parts.append(f'<p>{words(rng, EN, 30, 50)}. <a href="https://example.org/{i}">Read more</a></p>')
    return "\n".join(parts)


def json_feed(n, rng, out):
    """The same items as a JSON Feed 1.1, one item a line, written as it goes."""
    out.write('{"version":"https://jsonfeed.org/version/1.1","title":"基准测试 · byline bench",'
              '"home_page_url":"https://news.example.cn/","description":"Synthetic feed for make bench",'
              '"items":[\n')
    for i in range(n):
        day = 1 + i % 28
        item = {
            "id": "bench-%d" % i,
            "url": "https://news.example.cn/2024/10/%d/" % i,
            "title": "%s #%d" % (zh_sentence(rng)[:-1], i),
            "authors": [{"name": rng.choice(ZH) + rng.choice(ZH)}],
            "date_published": "2024-10-%02dT%02d:30:00+08:00" % (day, i % 24),
            "tags": [rng.choice(ZH)],
            "summary": zh_sentence(rng),
            "content_html": body(rng, i),
        }
        out.write(("," if i else "") + json.dumps(item, ensure_ascii=False) + "\n")
    out.write("]}\n")


def main():
    args = [a for a in sys.argv[1:] if a != "--json"]
    n = int(args[0]) if args else 10000
    rng = random.Random(20241001)
    out = sys.stdout
    if "--json" in sys.argv[1:]:
        json_feed(n, rng, out)
        return
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
              "<title>基准测试 · byline bench</title><link>https://news.example.cn/</link>\n"
              "<description>Synthetic feed for make bench</description>\n")
    for i in range(n):
        day = 1 + i % 28
        out.write(f"<item><title>{zh_sentence(rng)[:-1]} #{i}</title>"
                  f"<link>https://news.example.cn/2024/10/{i}/</link>"
                  f'<guid isPermaLink="false">bench-{i}</guid>'
                  f"<dc:creator>{rng.choice(ZH)}{rng.choice(ZH)}</dc:creator>"
                  f"<pubDate>Tue, {day:02d} Oct 2024 {i % 24:02d}:30:00 +0800</pubDate>"
                  f"<category>{rng.choice(ZH)}</category>"
                  f"<description><![CDATA[<p>{zh_sentence(rng)}</p>]]></description>"
                  f"<content:encoded><![CDATA[{body(rng, i)}]]></content:encoded></item>\n")
    out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
