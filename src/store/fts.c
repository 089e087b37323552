/* The full-text index: articles queued as they are stored, indexed in short batches, taken out as they change or go. */
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "store_int.h"

/* Articles indexed per transaction (about 10 ms on a 2-core machine). */
#define FTS_BATCH 256

/* The indexed fields of one article: its title, author, body's text and link. */
struct fts_source {
	struct store *s;
	char *title, *author, *link;
	struct buf text;
	struct bl_err *err;
	enum bl_status ret;
};

static void
source_fill(sqlite3_stmt *st, void *ud)
{
	struct fts_source *src = ud;

	src->title = store_col_strdup(st, 0);
	src->author = store_col_strdup(st, 1);
	src->link = store_col_strdup(st, 3);
	src->ret = store_body_text(src->s, sqlite3_column_blob(st, 2),
				   (size_t)sqlite3_column_bytes(st, 2), &src->text, src->err);
}

/* Runs ST_FTS_INSERT or ST_FTS_DELETE with the article's fields; *found: it exists. */
static enum bl_status
fts_write(struct store *s, enum stmt_id id, int64_t rowid, bool *found, struct bl_err *err)
{
	struct fts_source src = { .s = s, .err = err };
	enum bl_status ret;

	ret = store_row(s, ST_FTS_SOURCE, "cannot index an article", source_fill, &src, found,
			err, "i", rowid);
	if (!ret && *found && !src.ret)
		ret = store_run(s, id, "cannot update the search index", err, "itttt", rowid,
				src.title ? src.title : "", src.author ? src.author : "",
				buf_cstr(&src.text), src.link ? src.link : "");
	else if (!ret)
		ret = src.ret;
	free(src.title);
	free(src.author);
	free(src.link);
	buf_free(&src.text);
	return ret;
}

enum bl_status
store_fts_unindex(struct store *s, int64_t rowid, struct bl_err *err)
{
	bool queued, found;

	if (store_row(s, ST_FTS_TODO_HAS, "cannot update the search index", NULL, NULL, &queued,
		      err, "i", rowid))
		return BL_ERR;
	if (queued)
		return store_run(s, ST_FTS_TODO_DONE, "cannot update the search index", err, "i",
				 rowid);
	return fts_write(s, ST_FTS_DELETE, rowid, &found, err);
}

enum bl_status
store_fts_queue(struct store *s, int64_t rowid, struct bl_err *err)
{
	return store_run(s, ST_FTS_TODO_ADD, "cannot save an article", err, "i", rowid);
}

/* Indexes one queued article (gone from item: nothing to index) and unqueues it. */
static enum bl_status
index_one(struct store *s, int64_t rowid, struct bl_err *err)
{
	bool found;

	if (fts_write(s, ST_FTS_INSERT, rowid, &found, err))
		return BL_ERR;
	return store_run(s, ST_FTS_TODO_DONE, "cannot index an article", err, "i", rowid);
}

enum bl_status
store_fts_index_now(struct store *s, int64_t rowid, struct bl_err *err)
{
	return index_one(s, rowid, err);
}

/* The next `max` queued rowids (all when max is 0). */
static enum bl_status
todo_next(struct store *s, size_t max, int64_t **ids, size_t *n, struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_FTS_TODO_NEXT, err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, max ? (int64_t)max : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BL_OK : store_fail(s, err, "cannot index articles");
}

static enum bl_status
todo_count(struct store *s, size_t *left, struct bl_err *err)
{
	int64_t n = 0;

	if (store_int(s, ST_FTS_TODO_COUNT, "cannot index articles", &n, NULL, err, ""))
		return BL_ERR;
	*left = (size_t)n;
	return BL_OK;
}

/* One transaction: indexes up to max queued articles. */
static enum bl_status
index_batch(struct store *s, size_t max, size_t *done, struct bl_err *err)
{
	int64_t *ids = NULL;
	size_t n = 0, i;
	enum bl_status ret = BL_ERR;

	*done = 0;
	if (store_begin(s, err))
		return BL_ERR;
	if (todo_next(s, max, &ids, &n, err))
		goto out;
	for (i = 0; i < n; i++)
		if (index_one(s, ids[i], err))
			goto out;
	ret = store_commit(s, err);
	*done = n;
out:
	if (ret)
		store_rollback(s);
	free(ids);
	return ret;
}

enum bl_status
store_index(struct store *s, size_t max, size_t *left, struct bl_err *err)
{
	size_t dummy, want, done, total = 0;

	left = left ? left : &dummy;
	if (s->in_tx)
		return bl_err_set(err, "%s: cannot index during a refresh (internal error)", s->path);
	/* Most calls find nothing to do: look before taking the write lock. */
	if (todo_count(s, left, err))
		return BL_ERR;
	/* Short transactions, so a refresh in another process never waits long. */
	while (*left > 0 && (!max || total < max)) {
		want = FTS_BATCH;
		if (max && max - total < want)
			want = max - total;
		if (index_batch(s, want, &done, err) || todo_count(s, left, err))
			return BL_ERR;
		total += done;
		if (!done)
			break;
	}
	return BL_OK;
}
