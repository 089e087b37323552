/* Writing the store: feeds and their fetch state, a transaction (or a batch's savepoint) per refreshed feed, expiry. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/clock.h"
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
	if (s->in_batch ? store_exec(s, "SAVEPOINT refresh", err) :
	    store_body_train(s, err) || store_begin(s, err))
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
	if (s->in_batch)
		return store_exec(s, "RELEASE refresh", err);
	return store_commit(s, err);
}

void
store_refresh_abort(struct store *s)
{
	s->in_tx = false;
	s->uncounted = 0;
	if (!s->in_batch)
		store_rollback(s);
	else if (store_batch_open(s))	/* the feed's own writes out, the batch's kept */
		sqlite3_exec(s->db, "ROLLBACK TO refresh; RELEASE refresh", NULL, NULL, NULL);
}

enum bl_status
store_batch_begin(struct store *s, struct bl_err *err)
{
	if (s->in_tx || s->in_batch)
		return bl_err_set(err, "%s: a refresh is already open (internal error)", s->path);
	/* Training has its own transaction: before the batch's. */
	if (store_body_train(s, err) || store_begin(s, err))
		return BL_ERR;
	s->in_batch = true;
	return BL_OK;
}

bool
store_batch_open(const struct store *s)
{
	return s->in_batch && !sqlite3_get_autocommit(s->db);
}

enum bl_status
store_batch_commit(struct store *s, struct bl_err *err)
{
	if (!s->in_batch || s->in_tx)
		return bl_err_set(err, "%s: no batch is open (internal error)", s->path);
	s->in_batch = false;
	return store_commit(s, err);
}

void
store_batch_rollback(struct store *s)
{
	s->in_tx = s->in_batch = false;
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

/* ---- expiry ---- */

/*
 * A transaction of expiry lasts about this long, so that other writers
 * never wait more (an article takes 0.2 to 0.5 ms: unpacked, its words
 * found, taken out of the index).
 */
#define EXPIRE_SLICE_MS 10
/* Articles looked at a transaction, at most (their keys are read before any is deleted). */
#define EXPIRE_BATCH 512
/*
 * Expiry writes about 15 pages of WAL an article (the index's pages
 * above all): once it has written this many (4 MiB) since its last
 * checkpoint, its next step is a checkpoint. Left to the commit (at
 * STORE_WAL_PAGES, store.c), one copied 32 MiB inside a slice: 50 to
 * 180 ms.
 */
#define EXPIRE_WAL_PAGES 1024

struct doomed {
	int64_t id, feed_id, date;
	bool read, starred;
	bool hidden;	/* an ignore rule's (item_hidden): no row of item_state, not counted */
};

/* The next articles in the order they were stored, after the cursor. */
static enum bl_status
doomed_next(struct store *s, struct doomed *d, size_t *n, struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_EXPIRE_NEXT, err);
	int rc;

	*n = 0;
	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, s->expire_id);
	sqlite3_bind_int64(st, 2, EXPIRE_BATCH);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d[*n] = (struct doomed){
			.id = sqlite3_column_int64(st, 0),
			.feed_id = sqlite3_column_int64(st, 1),
			.date = sqlite3_column_int64(st, 2),
			.read = sqlite3_column_int64(st, 3) != 0,
			.starred = sqlite3_column_int64(st, 4) != 0,
			.hidden = sqlite3_column_int64(st, 5) != 0,
		};
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BL_OK : store_fail(s, err, "cannot expire old articles");
}

/* What expiry needs of the article row: its guid (to remember) and first sighting. */
struct seen {
	char *guid;
	int64_t first_seen;
};

static void
seen_fill(sqlite3_stmt *st, void *ud)
{
	struct seen *w = ud;

	w->guid = store_col_strdup(st, 0);
	w->first_seen = sqlite3_column_int64(st, 1);
}

/*
 * One article out, unless seen after `before` (*frontier: every later one
 * was too): remembered as expired, out of the index, the counts, both
 * tables.
 */
static enum bl_status
expire_one(struct store *s, const struct doomed *d, int64_t before, bool *frontier,
	   struct bl_err *err)
{
	const char *what = "cannot expire old articles";
	struct seen w = {0};
	enum bl_status ret;
	bool found;

	if (store_row(s, ST_EXPIRE_ITEM, what, seen_fill, &w, &found, err, "i", d->id))
		return BL_ERR;
	*frontier = found && w.first_seen >= before;
	if (!found || *frontier) {
		free(w.guid);
		return BL_OK;
	}
	ret = store_run(s, ST_EXPIRE_REMEMBER, what, err, "it", d->feed_id, w.guid);
	free(w.guid);
	if (ret || store_fts_unindex(s, d->id, err) ||
	    store_run(s, ST_ITEM_DELETE, what, err, "i", d->id))
		return BL_ERR;
	if (d->hidden)	/* its row of item_hidden goes with the article (ON DELETE CASCADE) */
		return BL_OK;
	if (store_run(s, ST_STATE_DELETE, what, err, "iii", d->feed_id, d->date, d->id))
		return BL_ERR;
	return store_run(s, ST_FEED_COUNT_ADD, what, err, "iiii", d->feed_id, (int64_t)-1,
			 (int64_t)(d->read ? 0 : -1), (int64_t)0);
}

/*
 * One transaction of at most EXPIRE_SLICE_MS and EXPIRE_BATCH articles, the
 * oldest stored first; *more: some may be left. A refresh stores articles
 * as it first sees them, so they are in the order of their first
 * sighting: the first one seen after `before` ends the walk. Starred ones
 * and ones dated after `before` are stepped over.
 */
static enum bl_status
expire_slice(struct store *s, int64_t before, bool *more, struct bl_err *err)
{
	struct doomed *d = xcalloc(EXPIRE_BATCH, sizeof(*d));
	int64_t t0 = clock_ms();
	size_t n = 0, i;
	bool frontier = false;
	enum bl_status ret = BL_ERR;

	*more = false;
	if (store_begin(s, err) || doomed_next(s, d, &n, err))
		goto out;
	for (i = 0; i < n && !frontier && (i == 0 || clock_ms() - t0 < EXPIRE_SLICE_MS); i++) {
		if (!d[i].starred && d[i].date < before && expire_one(s, &d[i], before, &frontier,
								      err))
			goto out;
		if (!frontier)
			s->expire_id = d[i].id;
	}
	*more = !frontier && (i < n || n == EXPIRE_BATCH);
	ret = store_commit(s, err);
out:
	if (ret)
		store_rollback(s);
	free(d);
	return ret;
}

/*
 * A step of its own (s->expire_checkpointed) when the WAL has grown by
 * EXPIRE_WAL_PAGES since the last one: a checkpoint (PASSIVE: it holds no
 * lock another writer waits for). What a reader still needs stays in the
 * WAL; the next checkpoint comes after as many pages again, not at once.
 */
static enum bl_status
expire_wal_step(struct store *s, struct bl_err *err)
{
	size_t base = s->expire_wal_left < s->wal_pages ? s->expire_wal_left : s->wal_pages;

	s->expire_checkpointed = s->wal_pages - base >= EXPIRE_WAL_PAGES;
	if (!s->expire_checkpointed)
		return BL_OK;
	if (store_checkpoint(s, 0, err))
		return BL_ERR;
	s->expire_wal_left = s->wal_pages;
	return BL_OK;
}

enum bl_status
store_expire(struct store *s, int keep_days, int budget_ms, bool *more, struct bl_err *err)
{
	int64_t before = store_now() - (int64_t)keep_days * 86400, t0 = clock_ms(), step;
	bool left = true;

	if (more)
		*more = false;
	if (keep_days <= 0)
		return BL_OK;
	if (s->in_tx)
		return bl_err_set(err, "%s: cannot expire during a refresh (internal error)", s->path);
	do {
		step = clock_ms();
		if (expire_wal_step(s, err) || (!s->expire_checkpointed &&
						expire_slice(s, before, &left, err)))
			return BL_ERR;
		step = clock_ms() - step;
		/* A next step only when it too ends within the budget. */
	} while (left && (budget_ms <= 0 || clock_ms() - t0 + step < budget_ms));
	/* Done: the next run starts from the oldest again (the cutoff has moved). */
	if (!left)
		s->expire_id = 0;
	if (more)
		*more = left;
	return BL_OK;
}

static int64_t
sort_date(const struct item *it, int64_t first_seen)
{
	int64_t d = it->published != BL_NO_DATE ? it->published : it->updated;

	if (d == BL_NO_DATE || d > first_seen + FUTURE_SLACK)
		return first_seen;
	return d;
}

/* 64 bits of a field, 8 bytes a step (FNV's prime, a xorshift to mix). */
static uint64_t
hash_bytes(uint64_t h, const char *p)
{
	size_t n = p ? strlen(p) : 0, i;
	uint64_t w;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, p ? p + i : "", n - i);
	h = (h ^ w ^ ((uint64_t)n << 56)) * 0x100000001b3ULL;
	return h ^ (h >> 31);
}

uint64_t
store_item_hash(const char *title, const char *link, const char *author, int64_t published,
		int64_t updated, const char *summary, const char *content, const char *categories,
		const char *enclosures)
{
	const char *f[] = { title, link, author, summary, content, categories, enclosures };
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		h = hash_bytes(h + i, f[i]);
	h = (h ^ (uint64_t)published) * 0x100000001b3ULL;
	h = (h ^ (uint64_t)updated) * 0x100000001b3ULL;
	return h ^ (h >> 33);
}

/* An article on its way in, and what the store has of it. */
struct put {
	const struct item *it;
	struct buf cats, encs;	/* packed lists */
	struct buf body;	/* summary and content as stored */
	uint64_t hash;
	int64_t rowid;		/* 0: not stored yet */
	int64_t first_seen;
	bool changed;
};

/* Runs ST_ITEM_INSERT / ST_ITEM_UPDATE, whose ?1 is the feed or the row. */
static enum bl_status
item_write(struct store *s, enum stmt_id id, int64_t key, struct put *p, int64_t first_seen,
	   struct bl_err *err)
{
	const struct item *it = p->it;

	if (store_body_pack(s, it->summary, it->content, &p->body, err))
		return BL_ERR;
	return store_run(s, id, "cannot save an article", err, "itiiddtttttb", key, it->id,
			 (int64_t)p->hash, first_seen, it->published, it->updated, it->title,
			 it->link, it->author, p->cats.len ? buf_cstr(&p->cats) : NULL,
			 p->encs.len ? buf_cstr(&p->encs) : NULL,
			 p->body.len ? p->body.data : NULL, (int64_t)p->body.len);
}

static enum bl_status
item_insert(struct store *s, int64_t feed_id, struct put *p, enum store_put *res,
	    struct bl_err *err)
{
	int64_t now = store_now(), rowid;
	bool expired;

	/* Expired by keep-days? Then a refresh must not bring it back. */
	if (store_row(s, ST_ITEM_EXPIRED_FIND, "cannot read articles", NULL, NULL, &expired,
		      err, "it", feed_id, p->it->id))
		return BL_ERR;
	if (expired) {
		*res = STORE_PUT_EXPIRED;
		return BL_OK;
	}
	if (item_write(s, ST_ITEM_INSERT, feed_id, p, now, err))
		return BL_ERR;
	rowid = sqlite3_last_insert_rowid(s->db);
	if (store_run(s, ST_STATE_INSERT, "cannot save an article", err, "iii", feed_id,
		      sort_date(p->it, now), rowid) ||
	    store_fts_queue(s, rowid, err))
		return BL_ERR;
	s->inserted++;
	if (s->nrules) {
		bool hidden;

		if (store_hide_new(s, rowid, &hidden, err))
			return BL_ERR;
		if (hidden) {
			*res = STORE_PUT_HIDDEN;
			return BL_OK;
		}
	}
	*res = STORE_PUT_NEW;
	return count_one(s, feed_id, err);
}

/* A changed article: out of the index with its old text, rewritten, queued again. */
static enum bl_status
item_update(struct store *s, struct put *p, enum store_put *res, struct bl_err *err)
{
	if (store_fts_unindex(s, p->rowid, err) ||
	    item_write(s, ST_ITEM_UPDATE, p->rowid, p, p->first_seen, err) ||
	    store_run(s, ST_STATE_REDATE, "cannot save an article", err, "ii", p->rowid,
		      sort_date(p->it, p->first_seen)) ||
	    store_fts_queue(s, p->rowid, err))
		return BL_ERR;
	*res = STORE_PUT_UPDATED;
	return BL_OK;
}

static void
put_fill(sqlite3_stmt *st, void *ud)
{
	struct put *p = ud;

	p->rowid = sqlite3_column_int64(st, 0);
	p->changed = (uint64_t)sqlite3_column_int64(st, 1) != p->hash;
	p->first_seen = sqlite3_column_int64(st, 2);
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
	p.hash = store_item_hash(it->title, it->link, it->author, it->published, it->updated,
				 it->summary, it->content, buf_cstr(&p.cats), buf_cstr(&p.encs));
	ret = store_row(s, ST_ITEM_FIND, "cannot read articles", put_fill, &p, NULL, err, "it",
			feed_id, it->id);
	if (!ret && !p.rowid)
		ret = item_insert(s, feed_id, &p, res, err);
	else if (!ret && p.changed)
		ret = item_update(s, &p, res, err);
	buf_free(&p.cats);
	buf_free(&p.encs);
	buf_free(&p.body);
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
