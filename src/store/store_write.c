/* Writing the store: feeds and their fetch state, one transaction per refreshed feed, expiry. */
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "store_int.h"

/* A date more than this far in the future sorts as the moment it was first seen. */
#define FUTURE_SLACK (24 * 3600)

void
feed_state_clear(struct feed_state *fs)
{
	free(fs->url);
	free(fs->fetch_url);
	free(fs->etag);
	free(fs->last_modified);
	free(fs->last_error);
	free(fs->title);
	free(fs->site_link);
	memset(fs, 0, sizeof(*fs));
}

static char *
col_strdup(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return t ? xstrdup(t) : NULL;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_date(sqlite3_stmt *st, int i, int64_t t)
{
	if (t == BL_NO_DATE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, t);
}

enum bl_status
store_feed_lookup(struct store *s, const char *url, int64_t *id, struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_FEED_LOOKUP, err);
	int rc;

	if (!st)
		return BL_ERR;
	*id = 0;
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read feeds");
	return BL_OK;
}

static void
feed_state_fill(sqlite3_stmt *st, struct feed_state *fs)
{
	fs->id = sqlite3_column_int64(st, 0);
	fs->url = col_strdup(st, 1);
	fs->fetch_url = col_strdup(st, 2);
	fs->etag = col_strdup(st, 3);
	fs->last_modified = col_strdup(st, 4);
	fs->next_fetch = sqlite3_column_int64(st, 5);
	fs->gone = sqlite3_column_int(st, 6) != 0;
	fs->last_error = col_strdup(st, 7);
	fs->last_error_at = sqlite3_column_int64(st, 8);
	fs->last_fetch = sqlite3_column_int64(st, 9);
	fs->title = col_strdup(st, 10);
	fs->site_link = col_strdup(st, 11);
}

enum bl_status
store_feed_get(struct store *s, const char *url, struct feed_state *fs, struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_FEED_INSERT, err);
	int rc;

	memset(fs, 0, sizeof(*fs));
	if (!st)
		return BL_ERR;
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_fail(s, err, "cannot add the feed");
	if (!(st = store_stmt(s, ST_FEED_SELECT, err)))
		return BL_ERR;
	sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		feed_state_fill(st, fs);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, err, "cannot read the feed");
	return BL_OK;
}

enum bl_status
store_feed_save_state(struct store *s, const struct feed_state *fs, struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_FEED_SAVE_STATE, err);
	int rc;

	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, fs->id);
	bind_text(st, 2, fs->fetch_url);
	bind_text(st, 3, fs->etag);
	bind_text(st, 4, fs->last_modified);
	sqlite3_bind_int64(st, 5, fs->next_fetch);
	sqlite3_bind_int(st, 6, fs->gone);
	bind_text(st, 7, fs->last_error);
	sqlite3_bind_int64(st, 8, fs->last_error_at);
	sqlite3_bind_int64(st, 9, fs->last_fetch);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot save the feed's state");
	return BL_OK;
}

enum bl_status
store_refresh_begin(struct store *s, int64_t feed_id, struct bl_err *err)
{
	if (s->in_tx)
		return bl_err_set(err, "%s: a refresh is already open (internal error)", s->path);
	if (store_begin(s, err))
		return BL_ERR;
	s->in_tx = true;
	return BL_OK;
}

enum bl_status
store_refresh_end(struct store *s, struct bl_err *err)
{
	if (!s->in_tx)
		return bl_err_set(err, "%s: no refresh is open (internal error)", s->path);
	s->in_tx = false;
	return store_commit(s, err);
}

void
store_refresh_abort(struct store *s)
{
	s->in_tx = false;
	store_rollback(s);
}

enum bl_status
store_refresh_info(struct store *s, int64_t feed_id, const struct feed_info *fi,
		   struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_FEED_INFO, err);
	int rc;

	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, feed_id);
	bind_text(st, 2, fi->title);
	bind_text(st, 3, fi->link);
	bind_text(st, 4, fi->format);
	bind_text(st, 5, fi->description);
	bind_text(st, 6, fi->language);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot save the feed's title");
	return BL_OK;
}

/* Categories as lines; enclosures as records of url, type, length (see store_item_get). */
static void
pack_lists(const struct item *it, struct buf *cats, struct buf *encs)
{
	size_t i;

	for (i = 0; i < it->ncategories; i++)
		buf_printf(cats, "%s%s", i ? "\n" : "", it->categories[i]);
	for (i = 0; i < it->nenclosures; i++)
		buf_printf(encs, "%s%s\x1f%s\x1f%lld", i ? "\x1e" : "",
			   it->enclosures[i].url ? it->enclosures[i].url : "",
			   it->enclosures[i].type ? it->enclosures[i].type : "",
			   (long long)it->enclosures[i].length);
}

static int64_t
sort_date(const struct item *it, int64_t first_seen)
{
	int64_t d = it->published != BL_NO_DATE ? it->published : it->updated;

	if (d == BL_NO_DATE || d > first_seen + FUTURE_SLACK)
		return first_seen;
	return d;
}

static bool
same_text(sqlite3_stmt *st, int col, const char *s)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	if (!t || !s)
		return !t && (!s || !*s);
	return !strcmp(t, s);
}

static bool
same_date(sqlite3_stmt *st, int col, int64_t v)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return v == BL_NO_DATE;
	return v != BL_NO_DATE && sqlite3_column_int64(st, col) == v;
}

/* What an existing row differs in: 0 nothing, 1 fields, 2 also indexed text. */
static int
item_diff(sqlite3_stmt *st, const struct item *it, const struct buf *cats,
	  const struct buf *encs)
{
	if (!same_text(st, 1, it->title) || !same_text(st, 3, it->author) ||
	    !same_text(st, 6, it->summary) || !same_text(st, 7, it->content))
		return 2;
	if (!same_text(st, 2, it->link) || !same_date(st, 4, it->published) ||
	    !same_date(st, 5, it->updated) || !same_text(st, 8, buf_cstr(cats)) ||
	    !same_text(st, 9, buf_cstr(encs)))
		return 1;
	return 0;
}

/* Binds ?1..?13 of ST_ITEM_INSERT / ST_ITEM_UPDATE (?1 is the feed or the row). */
static void
bind_item(sqlite3_stmt *st, int64_t key, const struct item *it, const struct buf *cats,
	  const struct buf *encs, int64_t first_seen)
{
	sqlite3_bind_int64(st, 1, key);
	bind_text(st, 2, it->id);
	bind_text(st, 3, it->title);
	bind_text(st, 4, it->link);
	bind_text(st, 5, it->author);
	bind_date(st, 6, it->published);
	bind_date(st, 7, it->updated);
	bind_text(st, 8, it->summary);
	bind_text(st, 9, it->content);
	bind_text(st, 10, cats->len ? buf_cstr(cats) : NULL);
	bind_text(st, 11, encs->len ? buf_cstr(encs) : NULL);
	sqlite3_bind_int64(st, 12, first_seen);
	sqlite3_bind_int64(st, 13, sort_date(it, first_seen));
}

static enum bl_status
step_done(struct store *s, sqlite3_stmt *st, struct bl_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot save an article");
	return BL_OK;
}

/* Was this item expired by keep-days? Then a refresh must not bring it back. */
static enum bl_status
item_expired(struct store *s, int64_t feed_id, const char *guid, bool *yes,
	     struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_ITEM_EXPIRED_FIND, err);
	int rc;

	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_text(st, 2, guid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read articles");
	*yes = rc == SQLITE_ROW;
	return BL_OK;
}

static enum bl_status
item_insert(struct store *s, int64_t feed_id, const struct item *it, const struct buf *cats,
	    const struct buf *encs, enum store_put *res, struct bl_err *err)
{
	sqlite3_stmt *st;
	bool expired = false;

	if (item_expired(s, feed_id, it->id, &expired, err))
		return BL_ERR;
	if (expired) {
		*res = STORE_PUT_EXPIRED;
		return BL_OK;
	}
	if (!(st = store_stmt(s, ST_ITEM_INSERT, err)))
		return BL_ERR;
	bind_item(st, feed_id, it, cats, encs, store_now());
	if (step_done(s, st, err))
		return BL_ERR;
	*res = STORE_PUT_NEW;
	return store_fts_queue(s, sqlite3_last_insert_rowid(s->db), err);
}

static enum bl_status
item_update(struct store *s, int64_t rowid, int diff, const struct item *it,
	    const struct buf *cats, const struct buf *encs, int64_t first_seen,
	    enum store_put *res, struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_ITEM_UPDATE, err);

	if (!st)
		return BL_ERR;
	bind_item(st, rowid, it, cats, encs, first_seen);
	if (step_done(s, st, err))
		return BL_ERR;
	*res = STORE_PUT_UPDATED;
	if (diff < 2)
		return BL_OK;
	return store_fts_queue(s, rowid, err);
}

enum bl_status
store_refresh_put(struct store *s, int64_t feed_id, const struct item *it,
		  enum store_put *res, struct bl_err *err)
{
	struct buf cats = {0}, encs = {0};
	sqlite3_stmt *st;
	enum bl_status ret = BL_ERR;
	int64_t rowid = 0, first_seen = 0;
	int rc, diff = 0;

	*res = STORE_PUT_UNCHANGED;
	if (!it->id || !*it->id)
		return bl_err_set(err, "%s: an article without an id cannot be stored", s->path);
	pack_lists(it, &cats, &encs);
	if (!(st = store_stmt(s, ST_ITEM_FIND, err)))
		goto out;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_text(st, 2, it->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rowid = sqlite3_column_int64(st, 0);
		first_seen = sqlite3_column_int64(st, 10);
		diff = item_diff(st, it, &cats, &encs);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(s, err, "cannot read articles");
		goto out;
	}
	if (!rowid)
		ret = item_insert(s, feed_id, it, &cats, &encs, res, err);
	else if (diff)
		ret = item_update(s, rowid, diff, it, &cats, &encs, first_seen, res, err);
	else
		ret = BL_OK;
out:
	buf_free(&cats);
	buf_free(&encs);
	return ret;
}

enum bl_status
store_refresh_item(struct store *s, int64_t feed_id, const struct item *it, bool *is_new,
		   struct bl_err *err)
{
	enum store_put res;
	enum bl_status st = store_refresh_put(s, feed_id, it, &res, err);

	if (is_new)
		*is_new = res == STORE_PUT_NEW;
	return st;
}

enum bl_status
store_expire(struct store *s, int keep_days, struct bl_err *err)
{
	sqlite3_stmt *st = NULL;
	enum bl_status ret = BL_ERR;
	bool own_tx = !s->in_tx;
	int i;
	static const char *const sql[] = {
		"INSERT OR IGNORE INTO item_expired (feed_id, guid) SELECT feed_id, guid "
		"FROM item WHERE date < ?1 AND first_seen < ?1 AND starred = 0",
		"DELETE FROM item WHERE date < ?1 AND first_seen < ?1 AND starred = 0",
	};

	if (keep_days <= 0)
		return BL_OK;
	if (own_tx && store_begin(s, err))
		return BL_ERR;
	for (i = 0; i < 2; i++) {
		if (sqlite3_prepare_v2(s->db, sql[i], -1, &st, NULL)) {
			store_fail(s, err, "cannot expire old articles");
			goto out;
		}
		sqlite3_bind_int64(st, 1, store_now() - (int64_t)keep_days * 86400);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_fail(s, err, "cannot expire old articles");
			goto out;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	ret = own_tx ? store_commit(s, err) : BL_OK;
out:
	sqlite3_finalize(st);
	if (ret && own_tx)
		store_rollback(s);
	return ret;
}
