-- The schema of byline databases at version 1 (frozen: never edit).
-- tests/unit/test_store.c builds a version-1 database from this file and
-- checks that the current byline opens and migrates it.
CREATE TABLE feed (
	id INTEGER PRIMARY KEY,
	url TEXT NOT NULL UNIQUE,
	fetch_url TEXT,
	etag TEXT,
	last_modified TEXT,
	next_fetch INTEGER NOT NULL DEFAULT 0,
	gone INTEGER NOT NULL DEFAULT 0,
	last_error TEXT,
	last_error_at INTEGER NOT NULL DEFAULT 0,
	last_fetch INTEGER NOT NULL DEFAULT 0,
	title TEXT,
	site_link TEXT,
	format TEXT,
	description TEXT,
	language TEXT
);
CREATE TABLE item (
	id INTEGER PRIMARY KEY,
	feed_id INTEGER NOT NULL REFERENCES feed (id) ON DELETE CASCADE,
	guid TEXT NOT NULL,
	title TEXT,
	link TEXT,
	author TEXT,
	published INTEGER,
	updated INTEGER,
	summary TEXT,
	content TEXT,
	categories TEXT,
	enclosures TEXT,
	first_seen INTEGER NOT NULL,
	date INTEGER NOT NULL,
	read INTEGER NOT NULL DEFAULT 0,
	starred INTEGER NOT NULL DEFAULT 0,
	UNIQUE (feed_id, guid)
);
CREATE INDEX item_by_date ON item (date DESC, id DESC);
CREATE INDEX item_by_feed_date ON item (feed_id, date DESC, id DESC);
CREATE INDEX item_by_feed_read ON item (feed_id, read, date DESC, id DESC);
CREATE INDEX item_unread ON item (date DESC, id DESC) WHERE read = 0;
CREATE INDEX item_starred ON item (date DESC, id DESC) WHERE starred = 1;
PRAGMA user_version = 1;
