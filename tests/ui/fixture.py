#!/usr/bin/env python3
"""Fixture for the screen tests and the benchmark: a config and a filled database.

  fixture.py config FILE        writes the config (feeds on a dead loopback port)
  fixture.py db FILE [small|N]  fills a database that the store has created:
                                small = the screen-test articles; N = N generated ones

The store creates the schema (the reader is started once on the file first);
this script only inserts rows, the way a refresh would have.
"""
import sqlite3
import sys
import time

BASE = "http://127.0.0.1:9"
ESC, BEL = "\x1b", "\x07"

FEEDS = [
    # url, tags, title in the database (as the feed document gave it), last error
    ("alpha.xml", "en", "Alpha News", None),
    ("cjk.xml", "zh", "科技新闻 Tech", None),
    ("evil.xml", "", ESC + "]0;PWNED" + BEL + "Evil" + ESC + "[2J feed", None),
    ("broken.xml", "", "Broken feed",
     "HTTP 404 Not Found: the server has no feed at this address; check the URL"),
    ("beta.xml", "en", "Beta Blog", None),
]

CJK_TITLES = [
    "人工智能改变了我们的生活方式，这是一个非常长的标题，用于测试宽字符的截断和对齐是否正确无误，再加上更多的文字",
    "日本語のニュース：東京で新しい技術展示会が開催されました。とても長いタイトルですので、途中で切られるはずです",
    "हिन्दी समाचार: भारत में नई तकनीक का विकास और भविष्य की योजनाएँ, एक बहुत लंबा शीर्षक जो काटा जाना चाहिए ताकि",
    "📰 Emoji headline 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
    "混合 Mixed 标题 with 漢字 and ASCII 문자 한국어 제목도 있습니다 그리고 아주 긴 제목입니다 정말로 길어요 끝까지",
]


def write_config(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# screen-test fixture\nset refresh-on-start no\nset refresh-interval 0\n"
                "set layout list\nset browser \"true %u\"\n")
        for url, tags, _, _ in FEEDS:
            f.write(f"feed {BASE}/{url} {tags}\n".replace("  ", " "))


def feed_id(db, url, title, error):
    db.execute("INSERT OR IGNORE INTO feed (url) VALUES (?)", (f"{BASE}/{url}",))
    db.execute("UPDATE feed SET title = ?, last_error = ?, last_error_at = ? WHERE url = ?",
               (title, error, int(time.time()) if error else 0, f"{BASE}/{url}"))
    return db.execute("SELECT id FROM feed WHERE url = ?", (f"{BASE}/{url}",)).fetchone()[0]


def add_item(db, fid, n, title, body, date, read=0, starred=0):
    # The body as text: the store reads text as the article's content (src/store/body.c).
    cur = db.execute(
        "INSERT INTO item (feed_id, guid, hash, title, link, author, published, first_seen,"
        " body) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)",
        (fid, f"guid-{fid}-{n}", title, f"https://example.org/{fid}/{n}", "A. Writer", date,
         date, body))
    db.execute("INSERT INTO item_state (feed_id, date, id, read, starred) VALUES (?, ?, ?, ?, ?)",
               (fid, date, cur.lastrowid, read, starred))
    # A refresh queues what it stores for the search index; the reader indexes it.
    db.execute("INSERT INTO item_fts_todo (id) VALUES (?)", (cur.lastrowid,))


def fill_small(db):
    now = int(time.time()) - 3600
    ids = {url: feed_id(db, url, title, err) for url, _, title, err in FEEDS}
    words = ["one", "two", "three", "four", "five"]
    for i, w in enumerate(words):
        body = f"<p>Body of alpha {w}. See <a href=\"https://example.org/a{i}\">this</a>.</p>"
        add_item(db, ids["alpha.xml"], i, f"Alpha {w}", body, now - i * 60,
                 read=1 if w == "five" else 0)
    for i, t in enumerate(CJK_TITLES):
        body = "<p>这篇文章讨论人工智能的发展。</p>" if i == 0 else "<p>正文内容。</p>"
        add_item(db, ids["cjk.xml"], i, t, body, now - 1000 - i * 60)
    evil = "Evil " + ESC + "[2J" + ESC + "]0;HACKED" + BEL + " title\r\nsecond line"
    add_item(db, ids["evil.xml"], 0, evil, "<p>Body " + ESC + "[31mred" + ESC + "[0m</p>",
             now - 2000)
    for i, w in enumerate(["first", "second", "third"]):
        add_item(db, ids["beta.xml"], i, f"Beta {w}", f"<p>Beta body {w}.</p>",
                 now - 3000 - i * 60, starred=1 if w == "third" else 0)


def fill_many(db, n):
    """n articles over 20 feeds, the way bench/ui.sh wants them."""
    now = int(time.time())
    ids = [feed_id(db, url, title, err) for url, _, title, err in FEEDS]
    rows = ((i + 1, ids[i % len(ids)], f"g{i}", f"Article {i}: 新闻标题 headline number {i}",
             f"https://example.org/{i}", "Writer", now - i * 37,
             f"<p>Body of article {i}, 正文 {i}.</p>", now - i * 37)
            for i in range(n))
    db.executemany(
        "INSERT INTO item (id, feed_id, guid, hash, title, link, author, published, body,"
        " first_seen) VALUES (?,?,?,0,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO item_state (feed_id, date, id, read) VALUES (?,?,?,?)",
                   ((ids[i % len(ids)], now - i * 37, i + 1, 1 if i % 3 else 0)
                    for i in range(n)))
    db.execute("INSERT INTO item_fts_todo (id) SELECT id FROM item")


def main():
    if sys.argv[1] == "config":
        write_config(sys.argv[2])
        return
    db = sqlite3.connect(sys.argv[2])
    what = sys.argv[3] if len(sys.argv) > 3 else "small"
    with db:
        if what == "small":
            fill_small(db)
        else:
            fill_many(db, int(what))
        # The feeds' counts, as a refresh keeps them.
        db.execute("UPDATE feed SET (n_total, n_unread, n_starred) = (SELECT count(*),"
                   " coalesce(sum(read = 0), 0), coalesce(sum(starred), 0) FROM item_state"
                   " WHERE feed_id = feed.id)")
    db.close()


if __name__ == "__main__":
    main()
