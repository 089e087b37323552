-- The schema of byline databases at version 5 (frozen: never edit).
-- tests/unit/test_store.c builds a version-5 database from this file and
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
CREATE VIRTUAL TABLE item_fts USING fts5 (title, author, body, tokenize = 'trigram');
CREATE TRIGGER item_fts_delete AFTER DELETE ON item BEGIN
	DELETE FROM item_fts WHERE rowid = old.id; END;
CREATE INDEX item_by_title ON item (title);
CREATE TABLE item_expired (
	feed_id INTEGER NOT NULL REFERENCES feed (id) ON DELETE CASCADE,
	guid TEXT NOT NULL,
	PRIMARY KEY (feed_id, guid)) WITHOUT ROWID;
ALTER TABLE feed ADD COLUMN n_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feed ADD COLUMN n_unread INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER item_count_insert AFTER INSERT ON item BEGIN
	UPDATE feed SET n_total = n_total + 1, n_unread = n_unread + (new.read = 0)
	WHERE id = new.feed_id; END;
CREATE TRIGGER item_count_delete AFTER DELETE ON item BEGIN
	UPDATE feed SET n_total = n_total - 1, n_unread = n_unread - (old.read = 0)
	WHERE id = old.feed_id; END;
CREATE TRIGGER item_count_read AFTER UPDATE OF read ON item
	WHEN (old.read = 0) != (new.read = 0) BEGIN
	UPDATE feed SET n_unread = n_unread + (new.read = 0) - (old.read = 0)
	WHERE id = new.feed_id; END;
CREATE TABLE item_fts_todo (id INTEGER PRIMARY KEY);
CREATE TRIGGER item_fts_todo_delete AFTER DELETE ON item BEGIN
	DELETE FROM item_fts_todo WHERE id = old.id; END;
-- version 4 (schema.c, schema_v4): the title index leads with the feed; new articles counted by the writer
DROP INDEX item_by_title;
CREATE INDEX item_by_feed_title ON item (feed_id, title);
DROP TRIGGER item_count_insert;
-- version 5 (schema.c, to_sync): sync with a feed server
CREATE TABLE sync_feed (
	feed_id INTEGER PRIMARY KEY REFERENCES feed (id) ON DELETE CASCADE,
	remote TEXT NOT NULL UNIQUE,
	tags TEXT NOT NULL DEFAULT '',
	seen INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sync_item (
	remote INTEGER PRIMARY KEY,
	item_id INTEGER UNIQUE REFERENCES item (id) ON DELETE SET NULL);
CREATE TABLE sync_queue (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	remote INTEGER NOT NULL,
	flag INTEGER NOT NULL,
	value INTEGER NOT NULL,
	at INTEGER NOT NULL);
CREATE INDEX sync_queue_by_remote ON sync_queue (remote, flag);
CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON item
	WHEN (old.read = 0) != (new.read = 0) BEGIN
	INSERT INTO sync_queue (remote, flag, value, at)
	SELECT remote, 0, new.read != 0, unixepoch() FROM sync_item WHERE item_id = new.id; END;
CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON item
	WHEN (old.starred = 0) != (new.starred = 0) BEGIN
	INSERT INTO sync_queue (remote, flag, value, at)
	SELECT remote, 1, new.starred != 0, unixepoch() FROM sync_item WHERE item_id = new.id; END;
PRAGMA user_version = 5;
