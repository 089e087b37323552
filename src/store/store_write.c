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

enum bl_status
store_feed_lookup(struct store *s, const char *url, int64_t *id, struct bl_err *err)
{
	*id = 0;
	return store_int(s, ST_FEED_LOOKUP, "cannot read feeds", id, NULL, err, "t", url);
}

static void
feed_state_fill(sqlite3_stmt *st, void *ud)
{
	struct feed_state *fs = ud;

	fs->id = sqlite3_column_int64(st, 0);
	fs->url = store_col_strdup(st, 1);
	fs->fetch_url = store_col_strdup(st, 2);
	fs->etag = store_col_strdup(st, 3);
	fs->last_modified = store_col_strdup(st, 4);
	fs->next_fetch = sqlite3_column_int64(st, 5);
	fs->gone = sqlite3_column_int(st, 6) != 0;
	fs->last_error = store_col_strdup(st, 7);
	fs->last_error_at = sqlite3_column_int64(st, 8);
	fs->last_fetch = sqlite3_column_int64(st, 9);
	fs->title = store_col_strdup(st, 10);
	fs->site_link = store_col_strdup(st, 11);
}

enum bl_status
store_feed_get(struct store *s, const char *url, struct feed_state *fs, struct bl_err *err)
{
	const char *what = "cannot read the feed";
	bool found;

	memset(fs, 0, sizeof(*fs));
	/* A known feed costs no write (and no wait for another process's write lock). */
	if (store_row(s, ST_FEED_SELECT, what, feed_state_fill, fs, &found, err, "t", url))
		return BL_ERR;
	if (found)
		return BL_OK;
	if (store_run(s, ST_FEED_INSERT, "cannot add the feed", err, "t", url) ||
	    store_row(s, ST_FEED_SELECT, what, feed_state_fill, fs, &found, err, "t", url))
		return BL_ERR;
	if (!found)
		return bl_err_set(err, "%s: cannot read the feed: its row is missing", s->path);
	return BL_OK;
}

enum bl_status
store_feed_save_state(struct store *s, const struct feed_state *fs, struct bl_err *err)
{
	return store_run(s, ST_FEED_SAVE_STATE, "cannot save the feed's state", err, "itttiitii",
			 fs->id, fs->fetch_url, fs->etag, fs->last_modified, fs->next_fetch,
			 (int64_t)fs->gone, fs->last_error, fs->last_error_at, fs->last_fetch);
}

/*
 * Adds the articles inserted since the last call to their feed's counts
 * (new articles are unread): once a refresh, before its commit.
 */
static enum bl_status
count_new(struct store *s, struct bl_err *err)
{
	int64_t n = s->uncounted;

	if (!n)
		return BL_OK;
	s->uncounted = 0;
	return store_run(s, ST_FEED_COUNT_NEW, "cannot save an article", err, "ii",
			 s->uncounted_feed, n);
}

/* One more article of feed_id to count. */
static enum bl_status
count_one(struct store *s, int64_t feed_id, struct bl_err *err)
{
	if (s->uncounted && s->uncounted_feed != feed_id && count_new(s, err))
		return BL_ERR;
	s->uncounted_feed = feed_id;
	s->uncounted++;
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
	s->uncounted = 0;
	return BL_OK;
}

enum bl_status
store_refresh_end(struct store *s, struct bl_err *err)
{
	if (!s->in_tx)
		return bl_err_set(err, "%s: no refresh is open (internal error)", s->path);
	if (count_new(s, err))
		return BL_ERR;
	s->in_tx = false;
	return store_commit(s, err);
}

void
store_refresh_abort(struct store *s)
{
	s->in_tx = false;
	s->uncounted = 0;
	store_rollback(s);
}

enum bl_status
store_refresh_info(struct store *s, int64_t feed_id, const struct feed_info *fi,
		   struct bl_err *err)
{
	return store_run(s, ST_FEED_INFO, "cannot save the feed's title", err, "ittttt", feed_id,
			 fi->title, fi->link, fi->format, fi->description, fi->language);
}

/* Categories as lines; enclosures as records of url, type, length, duration (see store_item_get). */
static void
pack_lists(const struct item *it, struct buf *cats, struct buf *encs)
{
	size_t i;

	for (i = 0; i < it->ncategories; i++)
		buf_printf(cats, "%s%s", i ? "\n" : "", it->categories[i]);
	for (i = 0; i < it->nenclosures; i++) {
		buf_printf(encs, "%s%s\x1f%s\x1f%lld", i ? "\x1e" : "",
			   it->enclosures[i].url ? it->enclosures[i].url : "",
			   it->enclosures[i].type ? it->enclosures[i].type : "",
			   (long long)it->enclosures[i].length);
		/* only when known: a record stored without one stays the same text */
		if (it->enclosures[i].duration > 0)
			buf_printf(encs, "\x1f%lld", (long long)it->enclosures[i].duration);
	}
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
	return store_col_date(st, col) == v;
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

/* An article on its way in, and what the store has of it. */
struct put {
	const struct item *it;
	struct buf cats, encs;	/* packed lists */
	int64_t rowid;		/* 0: not stored yet */
	int64_t first_seen;
	int diff;
};

/* Runs ST_ITEM_INSERT / ST_ITEM_UPDATE, whose ?1 is the feed or the row. */
static enum bl_status
item_write(struct store *s, enum stmt_id id, int64_t key, const struct put *p,
	   int64_t first_seen, struct bl_err *err)
{
	const struct item *it = p->it;

	return store_run(s, id, "cannot save an article", err, "ittttddttttii", key, it->id,
			 it->title, it->link, it->author, it->published, it->updated,
			 it->summary, it->content, p->cats.len ? buf_cstr(&p->cats) : NULL,
			 p->encs.len ? buf_cstr(&p->encs) : NULL, first_seen,
			 sort_date(it, first_seen));
}

static enum bl_status
item_insert(struct store *s, int64_t feed_id, const struct put *p, enum store_put *res,
	    struct bl_err *err)
{
	bool expired;

	/* Expired by keep-days? Then a refresh must not bring it back. */
	if (store_row(s, ST_ITEM_EXPIRED_FIND, "cannot read articles", NULL, NULL, &expired,
		      err, "it", feed_id, p->it->id))
		return BL_ERR;
	if (expired) {
		*res = STORE_PUT_EXPIRED;
		return BL_OK;
	}
	if (item_write(s, ST_ITEM_INSERT, feed_id, p, store_now(), err))
		return BL_ERR;
	*res = STORE_PUT_NEW;
	if (store_fts_queue(s, sqlite3_last_insert_rowid(s->db), err))
		return BL_ERR;
	return count_one(s, feed_id, err);
}

static enum bl_status
item_update(struct store *s, const struct put *p, enum store_put *res, struct bl_err *err)
{
	if (item_write(s, ST_ITEM_UPDATE, p->rowid, p, p->first_seen, err))
		return BL_ERR;
	*res = STORE_PUT_UPDATED;
	if (p->diff < 2)
		return BL_OK;
	return store_fts_queue(s, p->rowid, err);
}

static void
put_fill(sqlite3_stmt *st, void *ud)
{
	struct put *p = ud;

	p->rowid = sqlite3_column_int64(st, 0);
	p->first_seen = sqlite3_column_int64(st, 10);
	p->diff = item_diff(st, p->it, &p->cats, &p->encs);
}

enum bl_status
store_refresh_put(struct store *s, int64_t feed_id, const struct item *it,
		  enum store_put *res, struct bl_err *err)
{
	struct put p = { .it = it };
	enum bl_status ret;

	*res = STORE_PUT_UNCHANGED;
	if (!s->in_tx)
		return bl_err_set(err, "%s: no refresh is open (internal error)", s->path);
	if (!it->id || !*it->id)
		return bl_err_set(err, "%s: an article without an id cannot be stored", s->path);
	pack_lists(it, &p.cats, &p.encs);
	ret = store_row(s, ST_ITEM_FIND, "cannot read articles", put_fill, &p, NULL, err, "it",
			feed_id, it->id);
	if (!ret && !p.rowid)
		ret = item_insert(s, feed_id, &p, res, err);
	else if (!ret && p.diff)
		ret = item_update(s, &p, res, err);
	buf_free(&p.cats);
	buf_free(&p.encs);
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
	const char *what = "cannot expire old articles";
	int64_t before = store_now() - (int64_t)keep_days * 86400;
	bool own_tx = !s->in_tx;

	if (keep_days <= 0)
		return BL_OK;
	if (own_tx && store_begin(s, err))
		return BL_ERR;
	if (store_run(s, ST_EXPIRE_REMEMBER, what, err, "i", before) ||
	    store_run(s, ST_EXPIRE_DELETE, what, err, "i", before)) {
		if (own_tx)
			store_rollback(s);
		return BL_ERR;
	}
	return own_tx ? store_commit(s, err) : BL_OK;
}
