/* The sync tables: server ids of feeds and articles, the queue of flag changes made here, sync state. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/store_sync.h"
#include "store_int.h"

enum sync_stmt {
	SS_ITEM_BY_REMOTE,
	SS_ITEM_ROW,
	SS_ITEM_MAP,
	SS_IDS_ADD,
	SS_COUNT
};

static const char *const sync_sql[SS_COUNT] = {
	[SS_ITEM_BY_REMOTE] = "SELECT item_id IS NOT NULL FROM sync_item WHERE remote = ?1",
	[SS_ITEM_ROW] = "SELECT id FROM item WHERE feed_id = ?1 AND guid = ?2",
	[SS_ITEM_MAP] = "INSERT OR REPLACE INTO sync_item (remote, item_id) VALUES (?1, ?2)",
	[SS_IDS_ADD] = "INSERT OR IGNORE INTO temp.sync_ids (remote) VALUES (?1)",
};

struct store_sync_stmts {
	sqlite3_stmt *st[SS_COUNT];
};

void
store_sync_close(struct store *s)
{
	int i;

	if (!s->sync)
		return;
	for (i = 0; i < SS_COUNT; i++)
		sqlite3_finalize(s->sync->st[i]);
	free(s->sync);
	s->sync = NULL;
}

/* A kept statement, reset, with fmt's values bound (as store_row's). */
static sqlite3_stmt *
ss_stmt(struct store *s, enum sync_stmt id, struct bl_err *err, const char *fmt, ...)
{
	sqlite3_stmt **st;
	va_list ap;

	if (!s->sync)
		s->sync = xcalloc(1, sizeof(*s->sync));
	st = &s->sync->st[id];
	if (!*st && sqlite3_prepare_v3(s->db, sync_sql[id], -1, SQLITE_PREPARE_PERSISTENT, st,
				       NULL)) {
		store_fail(s, err, "cannot prepare a query");
		return NULL;
	}
	sqlite3_reset(*st);
	sqlite3_clear_bindings(*st);
	va_start(ap, fmt);
	store_bind(*st, fmt, ap);
	va_end(ap);
	return *st;
}

/* Steps a kept statement once: 1 a row, 0 done, -1 failed (err set). Reset by the next use. */
static int
row_step(struct store *s, sqlite3_stmt *st, const char *what, struct bl_err *err)
{
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_fail(s, err, what);
	return -1;
}

/* One statement prepared for this call: SQL with fmt's values bound. */
static sqlite3_stmt *
once(struct store *s, const char *sql, struct bl_err *err, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) {
		store_fail(s, err, "cannot prepare a query");
		return NULL;
	}
	va_start(ap, fmt);
	store_bind(st, fmt, ap);
	va_end(ap);
	return st;
}

/* The first column of st's row as text (NULL: no row); finalizes st. */
static enum bl_status
text_row(struct store *s, sqlite3_stmt *st, const char *what, char **out, struct bl_err *err)
{
	int rc;

	*out = NULL;
	if (!st)
		return BL_ERR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = store_col_strdup(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, what);
	return BL_OK;
}

/* ---- account and state ---- */

enum bl_status
store_sync_meta_get(struct store *s, const char *key, char **value, struct bl_err *err)
{
	sqlite3_stmt *st = once(s, "SELECT value FROM sync_meta WHERE key = ?1", err, "t", key);

	return text_row(s, st, "cannot read the sync state", value, err);
}

enum bl_status
store_sync_meta_set(struct store *s, const char *key, const char *value, struct bl_err *err)
{
	return store_run_sql(s, "INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?1, ?2)",
			"cannot save the sync state", err, "tt", key, value);
}

enum bl_status
store_sync_account(struct store *s, const char *account, struct bl_err *err)
{
	char *had = NULL;
	enum bl_status ret;

	if (store_sync_meta_get(s, "account", &had, err))
		return BL_ERR;
	if (!had)
		return store_sync_meta_set(s, "account", account, err);
	ret = strcmp(had, account) ? bl_err_set(err, "%s: this database syncs with another "
						 "account (%s); sync the new one into its own "
						 "database (-d FILE)", s->path, had) : BL_OK;
	free(had);
	return ret;
}

/* ---- subscriptions ---- */

enum bl_status
store_sync_feeds_begin(struct store *s, struct bl_err *err)
{
	if (store_begin(s, err))
		return BL_ERR;
	/* Feeds not marked seen by the end of this run are gone from the server. */
	if (store_run_sql(s, "UPDATE sync_feed SET seen = 0", "cannot save the feeds", err, "")) {
		store_rollback(s);
		return BL_ERR;
	}
	return BL_OK;
}

/* The first column of SQL's first row as an integer (*out 0 when no row). */
static enum bl_status
int_of(struct store *s, const char *sql, int64_t *out, struct bl_err *err, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	*out = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return store_fail(s, err, "cannot prepare a query");
	va_start(ap, fmt);
	store_bind(st, fmt, ap);
	va_end(ap);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read the sync state");
	return BL_OK;
}

enum bl_status
store_sync_feed_id(struct store *s, const char *remote, int64_t *feed_id, struct bl_err *err)
{
	return int_of(s, "SELECT feed_id FROM sync_feed WHERE remote = ?1", feed_id, err, "t",
		      remote);
}

enum bl_status
store_sync_feed_put(struct store *s, const struct store_sync_feed *f, int64_t *feed_id,
		    bool *is_new, struct bl_err *err)
{
	const char *what = "cannot save the feeds";
	struct feed_state fs;

	*is_new = false;
	if (store_sync_feed_id(s, f->remote, feed_id, err))
		return BL_ERR;
	if (!*feed_id) {
		if (store_feed_get(s, f->url, &fs, err))
			return BL_ERR;
		*feed_id = fs.id;
		feed_state_clear(&fs);
		*is_new = true;
	}
	/* The server may have moved the feed to another URL, or renamed it. */
	if (store_run_sql(s, "UPDATE OR IGNORE feed SET url = ?2 WHERE id = ?1", what, err, "it",
		     *feed_id, f->url) ||
	    store_run_sql(s, "UPDATE feed SET title = coalesce(?2, title), "
		     "site_link = coalesce(?3, site_link) WHERE id = ?1", what, err, "itt",
		     *feed_id, f->title, f->site_link))
		return BL_ERR;
	return store_run_sql(s, "INSERT INTO sync_feed (feed_id, remote, tags, seen) "
			"VALUES (?1, ?2, ?3, 1) ON CONFLICT (feed_id) DO UPDATE SET "
			"remote = ?2, tags = ?3, seen = 1", what, err, "itt", *feed_id,
			f->remote, f->tags ? f->tags : "");
}

/*
 * The articles of the feeds about to go: out of the search index and the
 * flags' table (the feed's row takes its articles with it, not those).
 */
static enum bl_status
drop_items(struct store *s, const char *what, struct bl_err *err)
{
	sqlite3_stmt *st = once(s, "SELECT id FROM item WHERE feed_id IN (SELECT feed_id FROM "
				"sync_feed WHERE seen = 0)", err, "");
	enum bl_status ret = BL_OK;
	int rc;

	if (!st)
		return BL_ERR;
	while (!ret && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ret = store_fts_unindex(s, sqlite3_column_int64(st, 0), err);
	if (!ret && rc != SQLITE_DONE)
		ret = store_fail(s, err, what);
	sqlite3_finalize(st);
	if (ret)
		return BL_ERR;
	return store_run_sql(s, "DELETE FROM item_state WHERE feed_id IN (SELECT feed_id FROM "
			"sync_feed WHERE seen = 0)", what, err, "");
}

enum bl_status
store_sync_feeds_end(struct store *s, size_t *removed, struct bl_err *err)
{
	const char *what = "cannot remove a feed the server no longer has";

	*removed = 0;
	if (drop_items(s, what, err) ||
	    store_run_sql(s, "DELETE FROM feed WHERE id IN (SELECT feed_id FROM sync_feed "
		     "WHERE seen = 0)", what, err, "")) {
		store_rollback(s);
		return BL_ERR;
	}
	*removed = (size_t)sqlite3_changes(s->db);
	return store_commit(s, err);
}

void
store_sync_feeds_abort(struct store *s)
{
	store_rollback(s);
}

enum bl_status
store_sync_feed_remote(struct store *s, const char *url, char **remote, struct bl_err *err)
{
	sqlite3_stmt *st = once(s, "SELECT remote FROM sync_feed JOIN feed ON feed.id = "
				"sync_feed.feed_id WHERE feed.url = ?1", err, "t", url);

	return text_row(s, st, "cannot read the feeds", remote, err);
}

enum bl_status
store_sync_feed_tags(struct store *s, int64_t feed_id, char **tags, struct bl_err *err)
{
	sqlite3_stmt *st = once(s, "SELECT tags FROM sync_feed WHERE feed_id = ?1", err, "i",
				feed_id);

	return text_row(s, st, "cannot read the feeds", tags, err);
}

/* ---- articles ---- */

enum bl_status
store_sync_items_begin(struct store *s, struct bl_err *err)
{
	return store_refresh_begin(s, 0, err);
}

enum bl_status
store_sync_items_end(struct store *s, struct bl_err *err)
{
	return store_refresh_end(s, err);
}

void
store_sync_items_abort(struct store *s)
{
	store_refresh_abort(s);
}

/* The server's flags of an article, its feed's counts with them. */
static enum bl_status
item_flags(struct store *s, int64_t rowid, bool read, bool starred, struct bl_err *err)
{
	struct store_deltas ds = {0};

	if (store_flag_set(s, ST_SET_READ, rowid, read, &ds, err) ||
	    store_flag_set(s, ST_SET_STARRED, rowid, starred, &ds, err)) {
		free(ds.d);
		return BL_ERR;
	}
	return store_deltas_apply(s, &ds, err);
}

/* The new article's row, its server flags, and its server id. */
static enum bl_status
map_new(struct store *s, int64_t feed_id, int64_t remote, const char *guid, bool read,
	bool starred, struct bl_err *err)
{
	const char *what = "cannot save an article";
	sqlite3_stmt *st = ss_stmt(s, SS_ITEM_ROW, err, "it", feed_id, guid);
	int64_t rowid = 0;
	int r = row_step(s, st, what, err);

	if (r < 0)
		return BL_ERR;
	if (r > 0)
		rowid = sqlite3_column_int64(st, 0);
	if (rowid && (read || starred) && item_flags(s, rowid, read, starred, err))
		return BL_ERR;
	/* No row: expired here (keep-days). The id is kept so it is not fetched again. */
	st = rowid ? ss_stmt(s, SS_ITEM_MAP, err, "ii", remote, rowid)
		   : ss_stmt(s, SS_ITEM_MAP, err, "it", remote, NULL);
	return row_step(s, st, what, err) < 0 ? BL_ERR : BL_OK;
}

enum bl_status
store_sync_item_put(struct store *s, int64_t feed_id, int64_t remote, const struct item *it,
		    bool read, bool starred, bool *is_new, struct bl_err *err)
{
	char guid[32];
	struct item copy = *it;
	enum store_put res;
	sqlite3_stmt *st;
	int known;

	*is_new = false;
	st = ss_stmt(s, SS_ITEM_BY_REMOTE, err, "i", remote);
	known = row_step(s, st, "cannot read articles", err);
	if (known < 0)
		return BL_ERR;
	if (known && !sqlite3_column_int(st, 0))
		return BL_OK;	/* expired here: not brought back */
	snprintf(guid, sizeof(guid), "sync:%" PRId64, remote);
	copy.id = guid;
	if (store_refresh_put(s, feed_id, &copy, &res, err))
		return BL_ERR;
	if (known)
		return BL_OK;	/* flags come from the state lists */
	*is_new = res == STORE_PUT_NEW;
	return map_new(s, feed_id, remote, guid, read, starred, err);
}

/* temp.sync_ids holds ids[0..n). */
static enum bl_status
ids_load(struct store *s, const int64_t *ids, size_t n, struct bl_err *err)
{
	size_t i;

	if (store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS sync_ids (remote INTEGER PRIMARY KEY);"
		       "DELETE FROM temp.sync_ids", err))
		return BL_ERR;
	for (i = 0; i < n; i++)
		if (row_step(s, ss_stmt(s, SS_IDS_ADD, err, "i", ids[i]), "cannot read articles",
			      err) < 0)
			return BL_ERR;
	return BL_OK;
}

enum bl_status
store_sync_unknown(struct store *s, const int64_t *ids, size_t n, int64_t **unknown,
		   size_t *nunknown, struct bl_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*unknown = NULL;
	*nunknown = 0;
	if (ids_load(s, ids, n, err))
		return BL_ERR;
	st = once(s, "SELECT remote FROM temp.sync_ids WHERE remote NOT IN "
		  "(SELECT remote FROM sync_item) ORDER BY remote", err, "");
	if (!st)
		return BL_ERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*nunknown == cap) {
			cap = cap ? 2 * cap : 16;
			*unknown = xreallocarray(*unknown, cap, sizeof(**unknown));
		}
		(*unknown)[(*nunknown)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read articles");
	return BL_OK;
}

enum bl_status
store_sync_max_remote(struct store *s, int64_t *max, struct bl_err *err)
{
	return int_of(s, "SELECT coalesce(max(remote), 0) FROM sync_item", max, err, "");
}

/*
 * The UPDATE of one flag for the articles in (or not in) temp.sync_ids, in
 * scope; the feeds' counts follow.
 */
static enum bl_status
apply_one(struct store *s, const char *col, int flag, bool value, bool in_list,
	  int64_t feed_id, size_t *changed, struct bl_err *err)
{
	const char *what = "cannot save the server's flags";
	struct store_deltas ds = {0};
	int64_t d = flag == SYNC_FLAG_READ ? (value ? -1 : 1) : (value ? 1 : -1);
	char sql[1024];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof(sql),
		 "UPDATE item_state SET %s = ?1 WHERE (%s != 0) != (?1 != 0) AND "
		 "(?2 = 0 OR feed_id = ?2) AND id IN "
		 "(SELECT m.item_id FROM sync_item m WHERE m.item_id IS NOT NULL AND m.remote %s "
		 "(SELECT remote FROM temp.sync_ids) AND NOT EXISTS (SELECT 1 FROM sync_queue q "
		 "WHERE q.remote = m.remote AND q.flag = %d)) RETURNING feed_id",
		 col, col, in_list ? "IN" : "NOT IN", flag);
	st = once(s, sql, err, "ii", (int64_t)value, feed_id);
	if (!st)
		return BL_ERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_deltas_add(&ds, sqlite3_column_int64(st, 0), flag == SYNC_FLAG_READ ? d : 0,
				 flag == SYNC_FLAG_READ ? 0 : d);
		(*changed)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ds.d);
		return store_fail(s, err, what);
	}
	return store_deltas_apply(s, &ds, err);
}

enum bl_status
store_sync_apply(struct store *s, enum store_sync_flag flag, bool value, const int64_t *ids,
		 size_t n, int64_t feed_id, size_t *changed, struct bl_err *err)
{
	const char *col = flag == SYNC_FLAG_READ ? "read" : "starred";
	int64_t last = 0;

	*changed = 0;
	if (store_begin(s, err))
		return BL_ERR;
	/* The triggers queue what this writes, as if changed here: dropped below. */
	if (int_of(s, "SELECT coalesce(max(seq), 0) FROM sync_queue", &last, err, "") ||
	    ids_load(s, ids, n, err) ||
	    apply_one(s, col, flag, value, true, feed_id, changed, err) ||
	    apply_one(s, col, flag, !value, false, feed_id, changed, err) ||
	    store_run_sql(s, "DELETE FROM sync_queue WHERE seq > ?1", "cannot save the server's flags",
		     err, "i", last)) {
		store_rollback(s);
		return BL_ERR;
	}
	return store_commit(s, err);
}

/* ---- the queue ---- */

enum bl_status
store_sync_queue(struct store *s, struct store_sync_mark **marks, size_t *n, struct bl_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*marks = NULL;
	*n = 0;
	/* The last change of each article and flag, in the order of those last changes. */
	st = once(s, "SELECT seq, remote, flag, value FROM sync_queue q WHERE seq = (SELECT "
		  "max(seq) FROM sync_queue q2 WHERE q2.remote = q.remote AND q2.flag = q.flag) "
		  "ORDER BY seq", err, "");
	if (!st)
		return BL_ERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*marks = xreallocarray(*marks, cap, sizeof(**marks));
		}
		(*marks)[*n].seq = sqlite3_column_int64(st, 0);
		(*marks)[*n].remote = sqlite3_column_int64(st, 1);
		(*marks)[*n].flag = sqlite3_column_int(st, 2) ? SYNC_FLAG_STARRED : SYNC_FLAG_READ;
		(*marks)[*n].value = sqlite3_column_int(st, 3) != 0;
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read the marks to send");
	return BL_OK;
}

enum bl_status
store_sync_queue_done(struct store *s, const struct store_sync_mark *marks, size_t n,
		      struct bl_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_DONE;

	if (store_begin(s, err))
		return BL_ERR;
	/* Only up to the change sent: one made since waits for the next send. */
	st = once(s, "DELETE FROM sync_queue WHERE remote = ?1 AND flag = ?2 AND seq <= ?3", err,
		  "");
	if (!st) {
		store_rollback(s);
		return BL_ERR;
	}
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, marks[i].remote);
		sqlite3_bind_int(st, 2, (int)marks[i].flag);
		sqlite3_bind_int64(st, 3, marks[i].seq);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, err, "cannot note the marks sent");
		store_rollback(s);
		return BL_ERR;
	}
	return store_commit(s, err);
}

enum bl_status
store_sync_queue_count(struct store *s, int64_t *n, struct bl_err *err)
{
	return int_of(s, "SELECT count(*) FROM sync_queue", n, err, "");
}

/* ---- counts (tt-rss compares them with the server's counters) ---- */

enum bl_status
store_sync_counts(struct store *s, struct store_sync_count **counts, size_t *n,
		  struct bl_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*counts = NULL;
	*n = 0;
	st = once(s, "SELECT f.remote, coalesce(sum(i.read = 0), 0), coalesce(sum(i.starred), 0) "
		  "FROM sync_feed f LEFT JOIN (SELECT st.feed_id, st.read, st.starred FROM "
		  "item_state st JOIN sync_item m ON m.item_id = st.id) i ON i.feed_id = f.feed_id "
		  "GROUP BY f.feed_id", err, "");
	if (!st)
		return BL_ERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*counts = xreallocarray(*counts, cap, sizeof(**counts));
		}
		(*counts)[*n].remote = store_col_strdup(st, 0);
		(*counts)[*n].unread = sqlite3_column_int64(st, 1);
		(*counts)[*n].starred = sqlite3_column_int64(st, 2);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_sync_counts_free(*counts, *n);
		*counts = NULL;
		*n = 0;
		return store_fail(s, err, "cannot count articles");
	}
	return BL_OK;
}

void
store_sync_counts_free(struct store_sync_count *counts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(counts[i].remote);
	free(counts);
}
