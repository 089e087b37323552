/* The store's schema as forward migrations: version N-1 to N, applied in order. */
#include <stdio.h>

#include "byline/clock.h"

#include "store_int.h"

/* Version 1: feeds, items, flags, fetch state, list indexes. */
static const char schema_v1[] =
	"CREATE TABLE feed ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" fetch_url TEXT, etag TEXT, last_modified TEXT,"
	" next_fetch INTEGER NOT NULL DEFAULT 0,"
	" gone INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" last_error_at INTEGER NOT NULL DEFAULT 0,"
	" last_fetch INTEGER NOT NULL DEFAULT 0,"
	" title TEXT, site_link TEXT, format TEXT, description TEXT, language TEXT);"
	"CREATE TABLE item ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feed (id) ON DELETE CASCADE,"
	" guid TEXT NOT NULL,"
	" title TEXT, link TEXT, author TEXT,"
	" published INTEGER, updated INTEGER,"
	" summary TEXT, content TEXT, categories TEXT, enclosures TEXT,"
	" first_seen INTEGER NOT NULL,"
	" date INTEGER NOT NULL,"		/* sort key: published, updated, first seen */
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (feed_id, guid));"
	"CREATE INDEX item_by_date ON item (date DESC, id DESC);"
	"CREATE INDEX item_by_feed_date ON item (feed_id, date DESC, id DESC);"
	"CREATE INDEX item_by_feed_read ON item (feed_id, read, date DESC, id DESC);"
	"CREATE INDEX item_unread ON item (date DESC, id DESC) WHERE read = 0;"
	"CREATE INDEX item_starred ON item (date DESC, id DESC) WHERE starred = 1;";

/*
 * Version 2: the full-text index (trigram, so CJK words are found), an
 * index of titles for one- and two-character searches, the ids of expired
 * items (so a refresh does not bring them back as new), and per-feed
 * counts kept by triggers so the feeds view never counts 100,000 rows.
 */
static const char schema_v2[] =
	"CREATE VIRTUAL TABLE item_fts USING fts5 (title, author, body, tokenize = 'trigram');"
	"CREATE TRIGGER item_fts_delete AFTER DELETE ON item BEGIN"
	" DELETE FROM item_fts WHERE rowid = old.id; END;"
	"CREATE INDEX item_by_title ON item (title);"
	"CREATE TABLE item_expired ("
	" feed_id INTEGER NOT NULL REFERENCES feed (id) ON DELETE CASCADE,"
	" guid TEXT NOT NULL,"
	" PRIMARY KEY (feed_id, guid)) WITHOUT ROWID;"
	"ALTER TABLE feed ADD COLUMN n_total INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feed ADD COLUMN n_unread INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feed SET n_total = (SELECT count(*) FROM item WHERE feed_id = feed.id),"
	" n_unread = (SELECT count(*) FROM item WHERE feed_id = feed.id AND read = 0);"
	"CREATE TRIGGER item_count_insert AFTER INSERT ON item BEGIN"
	" UPDATE feed SET n_total = n_total + 1, n_unread = n_unread + (new.read = 0)"
	" WHERE id = new.feed_id; END;"
	"CREATE TRIGGER item_count_delete AFTER DELETE ON item BEGIN"
	" UPDATE feed SET n_total = n_total - 1, n_unread = n_unread - (old.read = 0)"
	" WHERE id = old.feed_id; END;"
	"CREATE TRIGGER item_count_read AFTER UPDATE OF read ON item"
	" WHEN (old.read = 0) != (new.read = 0) BEGIN"
	" UPDATE feed SET n_unread = n_unread + (new.read = 0) - (old.read = 0)"
	" WHERE id = new.feed_id; END;";

/*
 * Version 3: articles wait in item_fts_todo to be indexed (store_index), so
 * a refresh does not pay the trigram index (about 1 ms an article) inside
 * its transaction.
 */
static const char schema_v3[] =
	"CREATE TABLE item_fts_todo (id INTEGER PRIMARY KEY);"
	"CREATE TRIGGER item_fts_todo_delete AFTER DELETE ON item BEGIN"
	" DELETE FROM item_fts_todo WHERE id = old.id; END;";

/*
 * Version 4, for the cost of a refresh. The title index leads with the
 * feed, so one feed's transaction touches a few of its pages instead of one
 * a new article (ordered by title alone, titles land all over it; the
 * short-word search scans it whole either way). New articles are counted
 * by the writer, once a transaction (store_refresh_end), not by a trigger:
 * an INSERT that fires a trigger runs with a statement journal, a copy of
 * every page it touches, which doubled the cost of storing an article.
 */
static const char schema_v4[] =
	"DROP INDEX item_by_title;"
	"CREATE INDEX item_by_feed_title ON item (feed_id, title);"
	"DROP TRIGGER item_count_insert;";

/*
 * Version 5, sync with a feed server (src/sync/, store_sync.c): the
 * server's ids of feeds (and their folders as tags) and of articles (one
 * 64-bit id each; an expired article keeps its id, with no row, so it is
 * not fetched again), the flag changes made here that wait to be sent (a
 * trigger queues every change of read or starred on a synced article, in
 * order, by the server's id so that it outlives the article), and the
 * account's sync state. The existing tables are not changed.
 */
static const char schema_sync[] =
	"CREATE TABLE sync_feed ("
	" feed_id INTEGER PRIMARY KEY REFERENCES feed (id) ON DELETE CASCADE,"
	" remote TEXT NOT NULL UNIQUE,"
	" tags TEXT NOT NULL DEFAULT '',"
	" seen INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE sync_item ("
	" remote INTEGER PRIMARY KEY,"
	" item_id INTEGER UNIQUE REFERENCES item (id) ON DELETE SET NULL);"
	"CREATE TABLE sync_queue ("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	" remote INTEGER NOT NULL,"
	" flag INTEGER NOT NULL,"		/* 0 read, 1 starred */
	" value INTEGER NOT NULL,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX sync_queue_by_remote ON sync_queue (remote, flag);"
	"CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON item"
	" WHEN (old.read = 0) != (new.read = 0) BEGIN"
	" INSERT INTO sync_queue (remote, flag, value, at)"
	" SELECT remote, 0, new.read != 0, unixepoch() FROM sync_item WHERE item_id = new.id; END;"
	"CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON item"
	" WHEN (old.starred = 0) != (new.starred = 0) BEGIN"
	" INSERT INTO sync_queue (remote, flag, value, at)"
	" SELECT remote, 1, new.starred != 0, unixepoch() FROM sync_item WHERE item_id = new.id; END;";

/*
 * Version 6 also keeps the full text of articles (reader mode, store_fulltext.c): the
 * article as extracted from its web page, one row an article, gone with it.
 * The existing tables are not changed.
 */
static const char schema_fulltext[] =
	"CREATE TABLE item_fulltext ("
	" item_id INTEGER PRIMARY KEY REFERENCES item (id) ON DELETE CASCADE,"
	" html TEXT NOT NULL,"
	" fetched_at INTEGER NOT NULL);";

/*
 * Version 7, the killfile (ignore lines, store_hide.c): an article an
 * ignore rule matched when it arrived keeps its row of item but has no row
 * of item_state, so no list, search or count sees it; item_hidden holds it
 * with the rule's text, to be shown again when the rule is gone. The
 * existing tables are not changed.
 */
static enum bl_status
to_hidden(struct store *s, struct bl_err *err)
{
	return store_exec(s, "CREATE TABLE item_hidden ("
			  " id INTEGER PRIMARY KEY REFERENCES item (id) ON DELETE CASCADE,"
			  " rule TEXT NOT NULL,"
			  " date INTEGER NOT NULL);"
			  "CREATE INDEX item_hidden_rule ON item_hidden (rule);", err);
}

/*
 * Version 8: the articles that have an enclosure, a partial index of
 * item's ids (store_query.c): has:enclosure walks its entries, a few
 * thousand at 100,000 articles, instead of reading every article's row
 * beside its body. Building it reads the articles once.
 */
static enum bl_status
to_enclosed(struct store *s, struct bl_err *err)
{
	return store_exec(s, "CREATE INDEX item_enclosed ON item (id) WHERE enclosures <> ''", err);
}

static enum bl_status
to_v1(struct store *s, struct bl_err *err)
{
	return store_exec(s, schema_v1, err);
}

/* What a version-1 database holds is indexed by version 6 (store_to_v6 queues it all). */
static enum bl_status
to_v2(struct store *s, struct bl_err *err)
{
	return store_exec(s, schema_v2, err);
}

static enum bl_status
to_v3(struct store *s, struct bl_err *err)
{
	return store_exec(s, schema_v3, err);
}

static enum bl_status
to_v4(struct store *s, struct bl_err *err)
{
	return store_exec(s, schema_v4, err);
}

static enum bl_status
to_sync(struct store *s, struct bl_err *err)
{
	return store_exec(s, schema_sync, err);
}

/* Version 6: the store at scale (schema_v6.c), and the full text of articles. */
static enum bl_status
to_v6(struct store *s, struct bl_err *err)
{
	if (store_to_v6(s, err))
		return BL_ERR;
	return store_exec(s, schema_fulltext, err);
}

/* migrations[i] takes a database from version i to i + 1. */
static enum bl_status (*const migrations[STORE_SCHEMA_VERSION])(struct store *,
								 struct bl_err *) = {
	to_v1,
	to_v2,
	to_v3,
	to_v4,
	to_sync,
	to_v6,
	to_hidden,
	to_enclosed,
};

/*
 * A step of unknown length (an index built over every article) is told as
 * one: "still at it" when SQLite first looks in and then at most every
 * quarter second, "done" at its end (the caller decides what to show after
 * how long). The copy of version 6 tells its own articles.
 */
struct step_progress {
	struct store *s;
	int64_t last_ms;
	bool told;
};

static int
step_tick(void *p)
{
	struct step_progress *sp = p;
	int64_t now = clock_ms();

	if (now - sp->last_ms >= 250) {
		sp->last_ms = now;
		sp->told = true;
		sp->s->progress(sp->s->progress_ud, "upgrading the database", -1, -1);
	}
	return 0;
}

static enum bl_status
run_step(struct store *s, int v, struct bl_err *err)
{
	struct step_progress sp = { .s = s, .last_ms = clock_ms() - 250 };	/* the first look tells */
	enum bl_status st;

	if (!s->progress || migrations[v] == to_v6)
		return migrations[v](s, err);
	sqlite3_progress_handler(s->db, 1000, step_tick, &sp);
	st = migrations[v](s, err);
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	if (sp.told)
		s->progress(s->progress_ud, "upgrading the database", 0, 0);
	return st;
}

enum bl_status
store_migrate(struct store *s, int from, struct bl_err *err)
{
	struct bl_err ignored;
	char sql[64];
	int v = from;

	/*
	 * A step may rebuild a table (version 6 rebuilds item): with foreign
	 * keys on, dropping the old one would first delete its rows from
	 * every table that refers to them. Only outside a transaction can
	 * they be turned off.
	 */
	if (store_exec(s, "PRAGMA foreign_keys = OFF", err))
		return BL_ERR;
	if (store_begin(s, err))
		goto fail;
	/* Another byline may have migrated while we waited for the lock. */
	if (store_pragma_int(s, "PRAGMA user_version", &v, err))
		goto fail;
	for (; v < STORE_SCHEMA_VERSION; v++)
		if (run_step(s, v, err))
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
	if (store_exec(s, sql, err) || store_commit(s, err))
		goto fail;
	return store_exec(s, "PRAGMA foreign_keys = ON", err);
fail:
	store_rollback(s);
	store_exec(s, "PRAGMA foreign_keys = ON", &ignored);
	return BL_ERR;
}
