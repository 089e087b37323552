-- The schema of byline databases at version 7 (frozen: never edit).
-- tests/unit/test_store.c builds a version-7 database from this file and
-- checks that the current byline opens and migrates it.
CREATE TABLE feed ( id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, fetch_url TEXT, etag TEXT, last_modified TEXT, next_fetch INTEGER NOT NULL DEFAULT 0, gone INTEGER NOT NULL DEFAULT 0, last_error TEXT, last_error_at INTEGER NOT NULL DEFAULT 0, last_fetch INTEGER NOT NULL DEFAULT 0, title TEXT, site_link TEXT, format TEXT, description TEXT, language TEXT, n_total INTEGER NOT NULL DEFAULT 0, n_unread INTEGER NOT NULL DEFAULT 0, n_starred INTEGER NOT NULL DEFAULT 0);
CREATE TABLE item_expired ( feed_id INTEGER NOT NULL REFERENCES feed (id) ON DELETE CASCADE, guid TEXT NOT NULL, PRIMARY KEY (feed_id, guid)) WITHOUT ROWID;
CREATE TABLE item_fts_todo (id INTEGER PRIMARY KEY);
CREATE TABLE sync_feed ( feed_id INTEGER PRIMARY KEY REFERENCES feed (id) ON DELETE CASCADE, remote TEXT NOT NULL UNIQUE, tags TEXT NOT NULL DEFAULT '', seen INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sync_item ( remote INTEGER PRIMARY KEY, item_id INTEGER UNIQUE REFERENCES item (id) ON DELETE SET NULL);
CREATE TABLE sync_queue ( seq INTEGER PRIMARY KEY AUTOINCREMENT, remote INTEGER NOT NULL, flag INTEGER NOT NULL, value INTEGER NOT NULL, at INTEGER NOT NULL);
CREATE INDEX sync_queue_by_remote ON sync_queue (remote, flag);
CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS "item" ( id INTEGER PRIMARY KEY, feed_id INTEGER NOT NULL REFERENCES feed (id) ON DELETE CASCADE, guid TEXT NOT NULL, hash INTEGER NOT NULL, first_seen INTEGER NOT NULL, published INTEGER, updated INTEGER, title TEXT, link TEXT, author TEXT, categories TEXT, enclosures TEXT, body BLOB, UNIQUE (feed_id, guid));
CREATE TABLE item_state ( feed_id INTEGER NOT NULL, date INTEGER NOT NULL, id INTEGER NOT NULL, read INTEGER NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (feed_id, date, id)) WITHOUT ROWID;
CREATE TABLE zdict (id INTEGER PRIMARY KEY, dict BLOB NOT NULL);
CREATE UNIQUE INDEX item_state_id ON item_state (id);
CREATE INDEX item_state_date ON item_state (date DESC, id DESC);
CREATE INDEX item_state_unread ON item_state (date / 604800 DESC, feed_id, date DESC, id DESC) WHERE read = 0;
CREATE INDEX item_state_starred ON item_state (date DESC, id DESC) WHERE starred = 1;
CREATE VIEW item_text (id, title, author, text, link) AS SELECT id, title, author, byline_text(body), link FROM item;
CREATE VIRTUAL TABLE item_fts USING fts5 (title, author, text, link, content = 'item_text', content_rowid = 'id', tokenize = 'byline', columnsize = 0);
CREATE TABLE IF NOT EXISTS 'item_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'item_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'item_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON item_state WHEN (old.read = 0) != (new.read = 0) BEGIN INSERT INTO sync_queue (remote, flag, value, at) SELECT remote, 0, new.read != 0, unixepoch() FROM sync_item WHERE item_id = new.id; END;
CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON item_state WHEN (old.starred = 0) != (new.starred = 0) BEGIN INSERT INTO sync_queue (remote, flag, value, at) SELECT remote, 1, new.starred != 0, unixepoch() FROM sync_item WHERE item_id = new.id; END;
CREATE TABLE item_fulltext ( item_id INTEGER PRIMARY KEY REFERENCES item (id) ON DELETE CASCADE, html TEXT NOT NULL, fetched_at INTEGER NOT NULL);
CREATE TABLE item_hidden ( id INTEGER PRIMARY KEY REFERENCES item (id) ON DELETE CASCADE, rule TEXT NOT NULL, date INTEGER NOT NULL);
CREATE INDEX item_hidden_rule ON item_hidden (rule);
PRAGMA user_version = 7;
