/* Schema step to version 6: bodies compressed, flags apart from articles, a word index of plain text (doc/SCALE.md). */
#include <stdlib.h>
#include <string.h>

#include "byline/clock.h"
#include "byline/mem.h"
#include "store_int.h"

/*
 * The articles' table is rebuilt: summary and content become one
 * compressed body (body.c), with a hash of every stored field so that a
 * refresh tells a changed article without reading it. The sort date and
 * the read and star flags move to item_state, a narrow table clustered by
 * feed: marking a feed read rewrites a few pages of it instead of one page
 * an article. Its partial indexes serve the lists: unread of a feed, all
 * unread (by week, then feed, so a feed's unread articles lie together in
 * each week), starred. Counts per feed (total, unread, starred) are kept by
 * the writers. The trigram index (its own copy of every text, and trigrams
 * of the markup) gives way to an external-content FTS5 index of plain text
 * with byline's tokenizer (fts_token.c), filled by store_index.
 */
static const char v6_tables[] =
	"DROP TRIGGER IF EXISTS item_fts_delete;"
	"DROP TRIGGER IF EXISTS item_fts_todo_delete;"
	"DROP TRIGGER IF EXISTS item_count_delete;"
	"DROP TRIGGER IF EXISTS item_count_read;"
	"DROP TRIGGER IF EXISTS sync_queue_read;"
	"DROP TRIGGER IF EXISTS sync_queue_starred;"
	"DROP TABLE IF EXISTS item_fts;"
	"DELETE FROM item_fts_todo;"
	"ALTER TABLE feed ADD COLUMN n_starred INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE item_v6 ("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feed (id) ON DELETE CASCADE,"
	" guid TEXT NOT NULL,"
	" hash INTEGER NOT NULL,"
	" first_seen INTEGER NOT NULL,"
	" published INTEGER, updated INTEGER,"
	" title TEXT, link TEXT, author TEXT, categories TEXT, enclosures TEXT,"
	" body BLOB,"
	" UNIQUE (feed_id, guid));"
	"CREATE TABLE item_state ("
	" feed_id INTEGER NOT NULL,"
	" date INTEGER NOT NULL,"
	" id INTEGER NOT NULL,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (feed_id, date, id)) WITHOUT ROWID;"
	"CREATE TABLE zdict (id INTEGER PRIMARY KEY, dict BLOB NOT NULL);";

static const char v6_indexes[] =
	"DROP TABLE item;"
	"ALTER TABLE item_v6 RENAME TO item;"
	"CREATE UNIQUE INDEX item_state_id ON item_state (id);"
	"CREATE INDEX item_state_date ON item_state (date DESC, id DESC);"
	"CREATE INDEX item_state_unread ON item_state (date / " STORE_WEEK " DESC, feed_id, date DESC,"
	" id DESC) WHERE read = 0;"
	"CREATE INDEX item_state_starred ON item_state (date DESC, id DESC) WHERE starred = 1;"
	"CREATE VIEW item_text (id, title, author, text, link) AS"
	" SELECT id, title, author, byline_text(body), link FROM item;"
	"CREATE VIRTUAL TABLE item_fts USING fts5 (title, author, text, link,"
	" content = 'item_text',"
	" content_rowid = 'id', tokenize = 'byline', columnsize = 0);"
	"INSERT INTO item_fts_todo (id) SELECT id FROM item;"
	/* Sync's triggers (version 5) went with the old table: they watch the flags where they are now. */
	"CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON item_state"
	" WHEN (old.read = 0) != (new.read = 0) BEGIN"
	" INSERT INTO sync_queue (remote, flag, value, at)"
	" SELECT remote, 0, new.read != 0, unixepoch() FROM sync_item WHERE item_id = new.id; END;"
	"CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON item_state"
	" WHEN (old.starred = 0) != (new.starred = 0) BEGIN"
	" INSERT INTO sync_queue (remote, flag, value, at)"
	" SELECT remote, 1, new.starred != 0, unixepoch() FROM sync_item WHERE item_id = new.id; END;"
	"UPDATE feed SET n_total = 0, n_unread = 0, n_starred = 0;"
	"UPDATE feed SET (n_total, n_unread, n_starred) = (SELECT count(*), sum(read = 0),"
	" sum(starred != 0) FROM item_state WHERE feed_id = feed.id)"
	" WHERE id IN (SELECT DISTINCT feed_id FROM item_state);";

/* Tells the caller how far the copy is, at most every quarter second. */
struct v6_progress {
	struct store *s;
	int64_t total, done;
	int64_t last_ms;
};

static void
v6_tick(struct v6_progress *p, bool force)
{
	int64_t now = clock_ms();

	if (!p->s->progress || (!force && now - p->last_ms < 250))
		return;
	p->last_ms = now;
	p->s->progress(p->s->progress_ud, "upgrading the database", p->done, p->total);
}

/* One article of the old table into the new ones. */
static enum bl_status
v6_copy_row(struct store *s, sqlite3_stmt *old, sqlite3_stmt *ins_item, sqlite3_stmt *ins_state,
	    struct buf *body, struct bl_err *err)
{
	const char *f[9];
	int i;

	/* title link author summary content categories enclosures, as store_write.c hashes them */
	for (i = 0; i < 7; i++)
		f[i] = (const char *)sqlite3_column_text(old, 3 + i);
	if (store_body_pack(s, f[3], f[4], body, err))
		return BL_ERR;
	sqlite3_reset(ins_item);
	sqlite3_bind_int64(ins_item, 1, sqlite3_column_int64(old, 0));	/* id */
	sqlite3_bind_int64(ins_item, 2, sqlite3_column_int64(old, 1));	/* feed_id */
	sqlite3_bind_value(ins_item, 3, sqlite3_column_value(old, 2));	/* guid */
	sqlite3_bind_int64(ins_item, 4, (sqlite3_int64)store_item_hash(
				   f[0], f[1], f[2], store_col_date(old, 10), store_col_date(old, 11),
				   f[3], f[4], f[5], f[6]));
	sqlite3_bind_value(ins_item, 5, sqlite3_column_value(old, 12));	/* first_seen */
	sqlite3_bind_value(ins_item, 6, sqlite3_column_value(old, 10));	/* published */
	sqlite3_bind_value(ins_item, 7, sqlite3_column_value(old, 11));	/* updated */
	for (i = 0; i < 3; i++)						/* title, link, author */
		sqlite3_bind_value(ins_item, 8 + i, sqlite3_column_value(old, 3 + i));
	sqlite3_bind_value(ins_item, 11, sqlite3_column_value(old, 8));	/* categories */
	sqlite3_bind_value(ins_item, 12, sqlite3_column_value(old, 9));	/* enclosures */
	if (body->len)
		sqlite3_bind_blob(ins_item, 13, body->data, (int)body->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(ins_item, 13);
	if (sqlite3_step(ins_item) != SQLITE_DONE)
		return store_fail(s, err, "cannot upgrade the database");
	sqlite3_reset(ins_state);
	sqlite3_bind_int64(ins_state, 1, sqlite3_column_int64(old, 1));
	sqlite3_bind_int64(ins_state, 2, sqlite3_column_int64(old, 13));	/* date */
	sqlite3_bind_int64(ins_state, 3, sqlite3_column_int64(old, 0));
	sqlite3_bind_int(ins_state, 4, sqlite3_column_int64(old, 14) != 0);
	sqlite3_bind_int(ins_state, 5, sqlite3_column_int64(old, 15) != 0);
	if (sqlite3_step(ins_state) != SQLITE_DONE)
		return store_fail(s, err, "cannot upgrade the database");
	return BL_OK;
}

static const char v6_select_old[] =
	"SELECT id, feed_id, guid, title, link, author, summary, content, categories, enclosures,"
	" published, updated, first_seen, date, read, starred FROM item ORDER BY id";

/* Every article of the old table, in id order, into the new tables. */
static enum bl_status
v6_copy(struct store *s, struct bl_err *err)
{
	sqlite3_stmt *old = NULL, *ins_item = NULL, *ins_state = NULL;
	struct v6_progress p = { .s = s };
	struct buf body = {0};
	enum bl_status ret = BL_ERR;
	int rc;

	if (store_pragma_int64(s, "SELECT count(*) FROM item", &p.total, err))
		return BL_ERR;
	if (sqlite3_prepare_v2(s->db, v6_select_old, -1, &old, NULL) ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO item_v6 (id, feed_id, guid, hash, first_seen,"
			       " published, updated, title, link, author, categories, enclosures,"
			       " body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
			       &ins_item, NULL) ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO item_state (feed_id, date, id, read, starred)"
			       " VALUES (?, ?, ?, ?, ?)", -1, &ins_state, NULL)) {
		store_fail(s, err, "cannot upgrade the database");
		goto out;
	}
	v6_tick(&p, true);
	while ((rc = sqlite3_step(old)) == SQLITE_ROW) {
		if (v6_copy_row(s, old, ins_item, ins_state, &body, err))
			goto out;
		p.done++;
		if (p.done % 256 == 0)
			v6_tick(&p, false);
	}
	if (rc != SQLITE_DONE) {
		store_fail(s, err, "cannot upgrade the database");
		goto out;
	}
	v6_tick(&p, true);
	ret = BL_OK;
out:
	sqlite3_finalize(old);
	sqlite3_finalize(ins_item);
	sqlite3_finalize(ins_state);
	buf_free(&body);
	return ret;
}

enum bl_status
store_to_v6(struct store *s, struct bl_err *err)
{
	int64_t n = 0;

	if (store_exec(s, v6_tables, err) ||
	    store_pragma_int64(s, "SELECT count(*) FROM item", &n, err))
		return BL_ERR;
	/* The dictionary first, trained on the articles as they are: every body gets it. */
	if (store_body_train_from(s, "SELECT summary, content FROM item ORDER BY id DESC LIMIT ?",
				  n, err) ||
	    v6_copy(s, err))
		return BL_ERR;
	return store_exec(s, v6_indexes, err);
}
