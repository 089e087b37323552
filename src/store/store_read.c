/* Reading the store: article lists as windows over indexed queries, search, flags. */
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "store_int.h"

/* A filter turned into SQL text and the values to bind, in order. */
struct fsql {
	struct buf sql;
	struct fbind {
		bool is_text;
		int64_t i;
		char *s;
	} *binds;
	size_t nbinds;
};

static void
fsql_int(struct fsql *q, int64_t v)
{
	q->binds = xreallocarray(q->binds, q->nbinds + 1, sizeof(*q->binds));
	q->binds[q->nbinds++] = (struct fbind){ .i = v };
}

static void
fsql_text(struct fsql *q, char *owned)
{
	q->binds = xreallocarray(q->binds, q->nbinds + 1, sizeof(*q->binds));
	q->binds[q->nbinds++] = (struct fbind){ .is_text = true, .s = owned };
}

static void
fsql_free(struct fsql *q)
{
	size_t i;

	for (i = 0; i < q->nbinds; i++)
		free(q->binds[i].s);
	free(q->binds);
	buf_free(&q->sql);
}

/* Length of the blank at p (ASCII blanks and U+3000 IDEOGRAPHIC SPACE), or 0. */
static size_t
blank_len(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return 1;
	if (!strncmp(p, "\xe3\x80\x80", 3))
		return 3;
	return 0;
}

static size_t
count_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* A LIKE pattern %word% with the wildcards of the word escaped. */
static char *
like_pattern(const char *w, size_t n)
{
	struct buf b = {0};
	size_t i;

	buf_putc(&b, '%');
	for (i = 0; i < n; i++) {
		if (w[i] == '%' || w[i] == '_' || w[i] == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, w[i]);
	}
	buf_putc(&b, '%');
	return buf_steal(&b);
}

/* Appends word as an FTS5 string ("…" with quotes doubled): matched as a substring. */
static void
match_word(struct buf *m, const char *w, size_t n)
{
	size_t i;

	buf_puts(m, m->len ? " \"" : "\"");
	for (i = 0; i < n; i++) {
		if (w[i] == '"')
			buf_putc(m, '"');
		buf_putc(m, w[i]);
	}
	buf_putc(m, '"');
}

/*
 * Every word must occur. The trigram index answers words of three or more
 * characters. Shorter words (one or two CJK characters, say) cannot use it:
 * with a longer word they are matched with LIKE among its hits; alone they
 * are matched against titles only, by a scan of the small title index
 * (a LIKE scan of every body takes over a second at 100,000 articles).
 */
static void
fsql_search(struct fsql *q, const char *query)
{
	struct buf match = {0};
	char **pats = NULL;
	const char *p = query, *w;
	size_t n, k, npats = 0, i;

	for (;;) {
		while ((k = blank_len(p)))
			p += k;
		if (!*p)
			break;
		for (w = p; *p && !blank_len(p); p++)
			;
		n = (size_t)(p - w);
		if (count_chars(w, n) >= 3) {
			match_word(&match, w, n);
			continue;
		}
		pats = xreallocarray(pats, npats + 1, sizeof(*pats));
		pats[npats++] = like_pattern(w, n);
	}
	if (match.len) {
		buf_puts(&q->sql, " AND i.id IN (SELECT rowid FROM item_fts WHERE item_fts MATCH ?");
		fsql_text(q, buf_steal(&match));
		/* Each pattern serves three columns: repeat it for the three ?s. */
		for (i = 0; i < npats; i++) {
			buf_puts(&q->sql, " AND (title LIKE ? ESCAPE '\\' OR author LIKE ? "
				 "ESCAPE '\\' OR body LIKE ? ESCAPE '\\')");
			fsql_text(q, xstrdup(pats[i]));
			fsql_text(q, xstrdup(pats[i]));
			fsql_text(q, pats[i]);
		}
		buf_putc(&q->sql, ')');
	} else if (npats) {
		buf_puts(&q->sql, " AND i.id IN (SELECT id FROM item INDEXED BY item_by_feed_title WHERE 1");
		for (i = 0; i < npats; i++) {
			buf_puts(&q->sql, " AND title LIKE ? ESCAPE '\\'");
			fsql_text(q, pats[i]);
		}
		buf_putc(&q->sql, ')');
	}
	free(pats);
	buf_free(&match);
}

static bool
search_is_blank(const char *p)
{
	size_t k;

	if (!p)
		return true;
	while ((k = blank_len(p)))
		p += k;
	return !*p;
}

/* "head WHERE <filter>" with its values. */
static void
fsql_build(struct fsql *q, const char *head, const struct item_filter *f)
{
	buf_puts(&q->sql, head);
	buf_puts(&q->sql, " WHERE 1");
	if (f->feed_id) {
		buf_puts(&q->sql, " AND i.feed_id = ?");
		fsql_int(q, f->feed_id);
	}
	if (f->unread_only)
		buf_puts(&q->sql, " AND i.read = 0");
	if (f->starred_only)
		buf_puts(&q->sql, " AND i.starred = 1");
	if (f->search)
		fsql_search(q, f->search);
}

/*
 * Runs q (and frees it): each row goes to row(st, ud) until it returns
 * false. A failure is worded "cannot read articles".
 */
static enum bl_status
fsql_run(struct store *s, struct fsql *q, bool (*row)(sqlite3_stmt *, void *), void *ud,
	 struct bl_err *err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_ERROR;

	if (sqlite3_prepare_v2(s->db, buf_cstr(&q->sql), -1, &st, NULL) == SQLITE_OK) {
		for (i = 0; i < q->nbinds; i++) {
			if (q->binds[i].is_text)
				sqlite3_bind_text(st, (int)i + 1, q->binds[i].s, -1, SQLITE_STATIC);
			else
				sqlite3_bind_int64(st, (int)i + 1, q->binds[i].i);
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && row(st, ud))
			;
		sqlite3_finalize(st);
	}
	fsql_free(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read articles");
	return BL_OK;
}

/* A search must see every article: index what refreshes left waiting. */
static enum bl_status
index_for(struct store *s, const struct item_filter *f, struct bl_err *err)
{
	if (search_is_blank(f->search) || s->in_tx)
		return BL_OK;
	return store_index(s, 0, NULL, err);
}

/* The first column of the first row, if one comes. */
struct one_int {
	int64_t *out;
	bool found;
};

static bool
one_int_row(sqlite3_stmt *st, void *ud)
{
	struct one_int *o = ud;

	*o->out = sqlite3_column_int64(st, 0);
	o->found = true;
	return false;
}

/* Runs a one-value query built from f plus tail (with `extra` int64 values). */
static enum bl_status
query_int(struct store *s, const char *head, const struct item_filter *f, const char *tail,
	  const int64_t *extra, int nextra, int64_t *out, bool *found, struct bl_err *err)
{
	struct fsql q = {0};
	struct one_int o = { .out = out };
	enum bl_status ret;
	int i;

	if (index_for(s, f, err))
		return BL_ERR;
	fsql_build(&q, head, f);
	buf_puts(&q.sql, tail);
	for (i = 0; i < nextra; i++)
		fsql_int(&q, extra[i]);
	ret = fsql_run(s, &q, one_int_row, &o, err);
	*found = o.found;
	return ret;
}

/* Feed and unread filters are answered from the counts triggers keep per feed. */
static enum bl_status
count_from_feeds(struct store *s, const struct item_filter *f, int64_t *n, struct bl_err *err)
{
	const char *what = "cannot count articles";

	if (f->feed_id)
		return store_int(s, f->unread_only ? ST_COUNT_FEED_UNREAD : ST_COUNT_FEED_TOTAL,
				 what, n, NULL, err, "i", f->feed_id);
	return store_int(s, f->unread_only ? ST_COUNT_ALL_UNREAD : ST_COUNT_ALL_TOTAL, what, n,
			 NULL, err, "");
}

enum bl_status
store_count(struct store *s, const struct item_filter *f, int64_t *n, struct bl_err *err)
{
	bool found;

	*n = 0;
	if (!f->starred_only && search_is_blank(f->search))
		return count_from_feeds(s, f, n, err);
	return query_int(s, "SELECT count(*) FROM item i", f, "", NULL, 0, n, &found, err);
}

enum bl_status
store_feed_counts(struct store *s, int64_t feed_id, struct feed_counts *c, struct bl_err *err)
{
	struct item_filter f = { .feed_id = feed_id };

	if (store_count(s, &f, &c->total, err))
		return BL_ERR;
	f.unread_only = true;
	return store_count(s, &f, &c->unread, err);
}

void
item_row_clear(struct item_row *r)
{
	free(r->feed_title);
	free(r->title);
	free(r->link);
	memset(r, 0, sizeof(*r));
}

/* Rows of store_list going into the caller's array. */
struct row_sink {
	struct item_row *rows;
	size_t *n, limit;
};

static bool
row_fill(sqlite3_stmt *st, void *ud)
{
	struct row_sink *k = ud;
	struct item_row *r = &k->rows[(*k->n)++];

	r->rowid = sqlite3_column_int64(st, 0);
	r->feed_id = sqlite3_column_int64(st, 1);
	r->feed_title = store_col_strdup(st, 2);
	r->title = store_col_strdup(st, 3);
	r->link = store_col_strdup(st, 4);
	r->date = sqlite3_column_int64(st, 5);
	r->read = sqlite3_column_int(st, 6) != 0;
	r->starred = sqlite3_column_int(st, 7) != 0;
	return *k->n < k->limit;
}

enum bl_status
store_list(struct store *s, const struct item_filter *f, int64_t offset, size_t limit,
	   struct item_row *rows, size_t *n, struct bl_err *err)
{
	struct fsql q = {0};
	struct row_sink k = { rows, n, limit };

	*n = 0;
	if (limit == 0)
		return BL_OK;
	if (index_for(s, f, err))
		return BL_ERR;
	/* The feed title by subquery keeps the plan item-first, in index order. */
	fsql_build(&q, "SELECT i.id, i.feed_id, (SELECT coalesce(title, url) FROM feed "
		   "WHERE id = i.feed_id), i.title, i.link, i.date, i.read, i.starred "
		   "FROM item i", f);
	buf_puts(&q.sql, " ORDER BY i.date DESC, i.id DESC LIMIT ? OFFSET ?");
	fsql_int(&q, (int64_t)limit);
	fsql_int(&q, offset);
	if (fsql_run(s, &q, row_fill, &k, err)) {
		while (*n)
			item_row_clear(&rows[--*n]);
		return BL_ERR;
	}
	return BL_OK;
}

enum bl_status
store_position(struct store *s, const struct item_filter *f, int64_t rowid, int64_t *pos,
	       struct bl_err *err)
{
	int64_t date = 0, extra[3];
	bool found;

	*pos = -1;
	if (query_int(s, "SELECT i.date FROM item i", f, " AND i.id = ?", &rowid, 1, &date,
		      &found, err))
		return BL_ERR;
	if (!found)
		return BL_OK;
	extra[0] = date, extra[1] = date, extra[2] = rowid;
	return query_int(s, "SELECT count(*) FROM item i", f,
			 " AND (i.date > ? OR (i.date = ? AND i.id > ?))", extra, 3, pos, &found,
			 err);
}

/* Splits the packed lists of store_write.c back into the item. */
static void
unpack_lists(const char *cats, const char *encs, struct item *it)
{
	const char *p, *e;
	char *rec, *f1, *f2, *f3;

	for (p = cats; p && *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		e = e ? e : p + strlen(p);
		it->categories = xreallocarray(it->categories, it->ncategories + 1, sizeof(char *));
		it->categories[it->ncategories++] = xstrndup(p, (size_t)(e - p));
	}
	for (p = encs; p && *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\x1e');
		e = e ? e : p + strlen(p);
		rec = xstrndup(p, (size_t)(e - p));
		f1 = strchr(rec, '\x1f');
		f2 = f1 ? strchr(f1 + 1, '\x1f') : NULL;
		f3 = f2 ? strchr(f2 + 1, '\x1f') : NULL;	/* rows stored before durations have none */
		if (f1 && f2) {
			*f1 = *f2 = '\0';
			it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
						       sizeof(*it->enclosures));
			it->enclosures[it->nenclosures++] = (struct enclosure){
				.url = xstrdup(rec), .type = *(f1 + 1) ? xstrdup(f1 + 1) : NULL,
				.length = strtoll(f2 + 1, NULL, 10),
				.duration = f3 ? strtoll(f3 + 1, NULL, 10) : -1,
			};
		}
		free(rec);
	}
}

static void
item_fill(sqlite3_stmt *st, void *ud)
{
	struct item *it = ud;

	it->id = store_col_strdup(st, 0);
	it->title = store_col_strdup(st, 1);
	it->link = store_col_strdup(st, 2);
	it->author = store_col_strdup(st, 3);
	it->published = store_col_date(st, 4);
	it->updated = store_col_date(st, 5);
	it->summary = store_col_strdup(st, 6);
	it->content = store_col_strdup(st, 7);
	unpack_lists((const char *)sqlite3_column_text(st, 8),
		     (const char *)sqlite3_column_text(st, 9), it);
}

enum bl_status
store_item_get(struct store *s, int64_t rowid, struct item *it, struct bl_err *err)
{
	bool found;

	memset(it, 0, sizeof(*it));
	it->published = it->updated = BL_NO_DATE;
	if (store_row(s, ST_ITEM_GET, "cannot read the article", item_fill, it, &found, err,
		      "i", rowid))
		return BL_ERR;
	if (!found)
		return bl_err_set(err, "%s: the article is no longer stored", s->path);
	return BL_OK;
}

static enum bl_status
set_flag(struct store *s, enum stmt_id id, int64_t rowid, bool on, struct bl_err *err)
{
	return store_run(s, id, "cannot save the mark", err, "ii", rowid, (int64_t)on);
}

enum bl_status
store_set_read(struct store *s, int64_t rowid, bool read, struct bl_err *err)
{
	return set_flag(s, ST_SET_READ, rowid, read, err);
}

enum bl_status
store_set_starred(struct store *s, int64_t rowid, bool starred, struct bl_err *err)
{
	return set_flag(s, ST_SET_STARRED, rowid, starred, err);
}

enum bl_status
store_set_read_many(struct store *s, const int64_t *rowids, size_t n, bool read,
		    struct bl_err *err)
{
	size_t i;

	if (store_begin(s, err))
		return BL_ERR;
	for (i = 0; i < n; i++)
		if (set_flag(s, ST_SET_READ, rowids[i], read, err)) {
			store_rollback(s);
			return BL_ERR;
		}
	return store_commit(s, err);
}

/* Rowids going into a growing array. */
struct id_sink {
	int64_t **ids;
	size_t *n, cap;
};

static bool
id_push(sqlite3_stmt *st, void *ud)
{
	struct id_sink *k = ud;

	if (*k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 64;
		*k->ids = xreallocarray(*k->ids, k->cap, sizeof(**k->ids));
	}
	(*k->ids)[(*k->n)++] = sqlite3_column_int64(st, 0);
	return true;
}

/* The unread rowids the filter matches (inside the caller's transaction). */
static enum bl_status
unread_ids(struct store *s, const struct item_filter *f, int64_t **ids, size_t *n,
	   struct bl_err *err)
{
	struct fsql q = {0};
	struct id_sink k = { ids, n, 0 };

	fsql_build(&q, "SELECT i.id FROM item i", f);
	buf_puts(&q.sql, " AND i.read = 0");
	return fsql_run(s, &q, id_push, &k, err);
}

enum bl_status
store_mark_all_read(struct store *s, const struct item_filter *f, int64_t **changed,
		    size_t *nchanged, struct bl_err *err)
{
	size_t i;

	*changed = NULL;
	*nchanged = 0;
	if (index_for(s, f, err) || store_begin(s, err))
		return BL_ERR;
	if (unread_ids(s, f, changed, nchanged, err))
		goto fail;
	for (i = 0; i < *nchanged; i++)
		if (set_flag(s, ST_SET_READ, (*changed)[i], true, err))
			goto fail;
	if (store_commit(s, err))
		goto fail_out;
	return BL_OK;
fail:
	store_rollback(s);
fail_out:
	free(*changed);
	*changed = NULL;
	*nchanged = 0;
	return BL_ERR;
}
