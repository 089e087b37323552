/* Reading the store: article lists as windows over indexed queries, search, flags and their counts. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "store_int.h"

/* Past this offset, a list may be read from its other end (see store_list). */
#define REVERSE_FROM 2000

void
fsql_int(struct fsql *q, int64_t v)
{
	q->binds = xreallocarray(q->binds, q->nbinds + 1, sizeof(*q->binds));
	q->binds[q->nbinds++] = (struct fbind){ .i = v };
}

void
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
	*q = (struct fsql){0};	/* ready for the next query */
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

/* How many tokens a query word has, and whether its last is open-ended. */
struct word_tokens {
	int n;
	bool open_ended;
};

static int
count_token(void *ud, int flags, const char *tok, int n, int start, int end)
{
	struct word_tokens *w = ud;

	(void)flags, (void)start, (void)end;
	w->n++;
	w->open_ended = store_token_open_ended(tok, n);
	return 0;
}

/* FTS5's column filter for a field (the columns of item_fts, schema_v6.c). */
static const char *
field_filter(enum store_field field)
{
	switch (field) {
	case STORE_FIELD_TITLE:
		return "title : ";
	case STORE_FIELD_AUTHOR:
		return "author : ";
	case STORE_FIELD_TEXT:
		return "text : ";
	case STORE_FIELD_LINK:
		return "link : ";
	default:
		return "";
	}
}

/*
 * Appends word as an FTS5 string ("…" with quotes doubled) in its field,
 * which FTS5 cuts with byline's tokenizer: a word, or the phrase of a CJK
 * run's characters. A trailing '*' makes it a prefix, and so does a last
 * kana (or Thai ...) letter that articles hold as the start of a pair.
 * False when the word holds nothing to look for (punctuation only).
 */
bool
store_match_word(struct buf *m, enum store_field field, const char *w, size_t n)
{
	bool prefix = n > 1 && w[n - 1] == '*';
	struct word_tokens wt = {0};
	size_t i;

	if (prefix)
		n--;
	store_tokenize(w, (int)n, true, count_token, &wt);
	if (!wt.n)
		return false;
	prefix |= wt.open_ended;
	buf_printf(m, "%s%s\"", m->len ? " " : "", field_filter(field));
	for (i = 0; i < n; i++) {
		if (w[i] == '"')
			buf_putc(m, '"');
		buf_putc(m, w[i]);
	}
	buf_puts(m, prefix ? "\"*" : "\"");
	return true;
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

/* Whether the filter asks the full-text index. */
static bool
filter_searches(const struct item_filter *f)
{
	return !search_is_blank(f->search) || f->nwords ||
	       (f->query && query_has_words(f->query->root));
}

/* Whether the filter holds more than a feed and the flags (the counts kept per feed cannot answer). */
static bool
filter_narrows(const struct item_filter *f)
{
	return filter_searches(f) || f->query;
}

/* Every word must occur (the full-text index answers all of them). */
static void
fsql_search(struct fsql *q, const struct item_filter *f)
{
	struct buf match = {0};
	const char *p = f->search ? f->search : "", *w;
	size_t k;
	bool useless = false;

	for (;;) {
		while ((k = blank_len(p)))
			p += k;
		if (!*p)
			break;
		for (w = p; *p && !blank_len(p); p++)
			;
		useless |= !store_match_word(&match, STORE_FIELD_ANY, w, (size_t)(p - w));
	}
	for (k = 0; k < f->nwords; k++)
		useless |= !f->words[k].word ||
			   !store_match_word(&match, f->words[k].field, f->words[k].word,
				       strlen(f->words[k].word));
	if (useless || !match.len) {	/* a word of punctuation only is in no article */
		buf_puts(&q->sql, " AND 0");
		buf_free(&match);
		return;
	}
	buf_puts(&q->sql, " AND s.id IN (SELECT rowid FROM item_fts WHERE item_fts MATCH ?)");
	fsql_text(q, buf_steal(&match));
}

/*
 * "cols FROM item_state s WHERE <filter>" with its values. A search starts
 * from the index's hits (the planner would rather walk a million rows in
 * date order).
 */
/* " AND <col> IN (?, ...)" of a filter's feed set; a set of none matches nothing. */
static void
fsql_feed_set(struct fsql *q, const char *col, const struct item_filter *f)
{
	size_t i;

	if (!f->feed_ids)
		return;
	if (!f->nfeed_ids) {
		buf_puts(&q->sql, " AND 0");
		return;
	}
	buf_printf(&q->sql, " AND %s IN (", col);
	for (i = 0; i < f->nfeed_ids; i++) {
		buf_puts(&q->sql, i ? ", ?" : "?");
		fsql_int(q, f->feed_ids[i]);
	}
	buf_putc(&q->sql, ')');
}

static void
fsql_build(struct fsql *q, const char *cols, const struct item_filter *f)
{
	bool search = !search_is_blank(f->search) || f->nwords, drives = false;
	struct fsql cond = { .one = q->one, .sets = q->sets, .weeks = q->weeks };
	size_t i;

	/* The query's condition first: whether a word drives it decides the index. */
	if (f->query)
		store_query_sql(&cond, f->query->root, &drives);
	buf_printf(&q->sql, "%s FROM item_state s%s WHERE 1", cols,
		   search || drives ? " INDEXED BY item_state_id" : q->scan ? " NOT INDEXED" : "");
	if (f->feed_id) {
		buf_puts(&q->sql, " AND s.feed_id = ?");
		fsql_int(q, f->feed_id);
	}
	fsql_feed_set(q, "s.feed_id", f);
	if (f->unread_only)
		buf_puts(&q->sql, " AND s.read = 0");
	if (f->starred_only)
		buf_puts(&q->sql, " AND s.starred = 1");
	if (search)
		fsql_search(q, f);
	buf_append(&q->sql, cond.sql.data, cond.sql.len);
	for (i = 0; i < cond.nbinds; i++) {
		q->binds = xreallocarray(q->binds, q->nbinds + 1, sizeof(*q->binds));
		q->binds[q->nbinds++] = cond.binds[i];
	}
	free(cond.binds);
	buf_free(&cond.sql);
}

/*
 * Newest first (or oldest first). All unread go by the index of weeks
 * (item_state_unread), whose order is the same.
 */
static void
fsql_order(struct fsql *q, const struct item_filter *f, bool newest_first)
{
	const char *dir = newest_first ? "DESC" : "ASC";

	if (q->scan) {	/* the table walked, its matches sorted: no index gives the order */
		buf_printf(&q->sql, " ORDER BY +s.date %s, +s.id %s", dir, dir);
		return;
	}

	if (f->unread_only && !f->feed_id && !f->feed_ids && !f->starred_only &&
	    !filter_narrows(f))
		buf_printf(&q->sql, " ORDER BY s.date / " STORE_WEEK " %s,", dir);
	else
		buf_puts(&q->sql, " ORDER BY");
	buf_printf(&q->sql, " s.date %s, s.id %s", dir, dir);
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
	if (!filter_searches(f) || s->in_tx)
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

/* The columns of a count of rows. */
#define COUNT_ROWS "SELECT count(*)"

/* Runs a one-value query built from f plus tail (with `extra` int64 values). */
static enum bl_status
query_int(struct store *s, const char *cols, const struct item_filter *f, const char *tail,
	  const int64_t *extra, int nextra, int64_t *out, bool *found, struct bl_err *err)
{
	struct fsql q = { .weeks = f->unread_only && !strcmp(cols, COUNT_ROWS) };
	struct one_int o = { .out = out };
	enum bl_status ret;
	int i;

	if (index_for(s, f, err))
		return BL_ERR;
	fsql_build(&q, cols, f);
	buf_puts(&q.sql, tail);
	for (i = 0; i < nextra; i++)
		fsql_int(&q, extra[i]);
	ret = fsql_run(s, &q, one_int_row, &o, err);
	*found = o.found;
	return ret;
}

enum bl_status
store_query_matches(struct store *s, const struct query *q, int64_t rowid, bool *match,
		    struct bl_err *err)
{
	struct item_filter f = { .query = q };
	struct fsql sq = { .one = true };
	int64_t one = 0;
	struct one_int o = { .out = &one };
	enum bl_status ret;

	fsql_build(&sq, "SELECT 1", &f);
	buf_puts(&sq.sql, " AND s.id = ?");
	fsql_int(&sq, rowid);
	ret = fsql_run(s, &sq, one_int_row, &o, err);
	*match = o.found;
	return ret;
}

/* Feed, unread and starred filters are answered from the counts the writers keep per feed. */
static enum bl_status
count_from_feeds(struct store *s, const struct item_filter *f, int64_t *n, struct bl_err *err)
{
	const char *what = "cannot count articles";

	if (f->feed_ids) {	/* a tag's feeds: the sum of their counts */
		struct fsql q = {0};
		struct one_int o = { .out = n };

		buf_printf(&q.sql, "SELECT coalesce(sum(%s), 0) FROM feed WHERE 1",
			   f->unread_only ? "n_unread" : "n_total");
		fsql_feed_set(&q, "id", f);
		return fsql_run(s, &q, one_int_row, &o, err);
	}
	if (f->feed_id)
		return store_int(s, f->unread_only ? ST_COUNT_FEED_UNREAD : ST_COUNT_FEED_TOTAL,
				 what, n, NULL, err, "i", f->feed_id);
	if (f->starred_only)
		return store_int(s, ST_COUNT_ALL_STARRED, what, n, NULL, err, "");
	return store_int(s, f->unread_only ? ST_COUNT_ALL_UNREAD : ST_COUNT_ALL_TOTAL, what, n,
			 NULL, err, "");
}

enum bl_status
store_count(struct store *s, const struct item_filter *fq, int64_t *n, struct bl_err *err)
{
	struct item_filter plain;
	bool done = false;

	store_query_plain(fq, &plain);
	if (store_query_count(s, &plain, n, &done, err))
		return BL_ERR;
	return done ? BL_OK : store_count_rows(s, &plain, n, err);
}

enum bl_status
store_count_rows(struct store *s, const struct item_filter *f, int64_t *n, struct bl_err *err)
{
	bool found;

	*n = 0;
	if (!filter_narrows(f) &&
	    !(f->starred_only && (f->feed_id || f->feed_ids || f->unread_only)))
		return count_from_feeds(s, f, n, err);
	return query_int(s, COUNT_ROWS, f, "", NULL, 0, n, &found, err);
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

enum bl_status
store_feed_rows(struct store *s, void (*fn)(void *ud, const struct feed_row *r), void *ud,
		struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_FEED_ROWS, err);
	struct feed_row r;
	int rc;

	if (!st)
		return BL_ERR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = (struct feed_row){
			.id = sqlite3_column_int64(st, 0),
			.url = (const char *)sqlite3_column_text(st, 1),
			.title = (const char *)sqlite3_column_text(st, 2),
			.last_error = (const char *)sqlite3_column_text(st, 3),
			.counts = { sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5) },
			.last_error_at = sqlite3_column_int64(st, 6),
			.last_fetch = sqlite3_column_int64(st, 7),
			.sync_tags = (const char *)sqlite3_column_text(st, 8),
		};
		fn(ud, &r);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BL_OK : store_fail(s, err, "cannot read feeds");
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

static void
rows_reverse(struct item_row *rows, size_t n)
{
	struct item_row t;
	size_t i;

	for (i = 0; i < n / 2; i++) {
		t = rows[i];
		rows[i] = rows[n - 1 - i];
		rows[n - 1 - i] = t;
	}
}

/*
 * The window's rows with what the list shows of them: the window is cut
 * from item_state alone (its indexes hold the sort key), and only its rows
 * are looked up in item_state and item. Joined before the cut, every row
 * skipped or sorted away cost a read of the article's page.
 */
static void
fsql_window(struct fsql *q, bool ascending)
{
	struct buf outer = {0};
	const char *dir = ascending ? "ASC" : "DESC";

	buf_puts(&outer, "SELECT k.id, k.feed_id, (SELECT coalesce(title, url) FROM feed WHERE "
		 "id = k.feed_id), i.title, i.link, k.date, st.read, st.starred FROM (");
	buf_append(&outer, q->sql.data, q->sql.len);
	buf_printf(&outer, ") k CROSS JOIN item_state st ON st.feed_id = k.feed_id AND "
		   "st.date = k.date AND st.id = k.id CROSS JOIN item i ON i.id = k.id "
		   "ORDER BY k.date %s, k.id %s", dir, dir);
	buf_free(&q->sql);
	q->sql = outer;
}

enum bl_status
store_list(struct store *s, const struct item_filter *fq, int64_t offset, size_t limit,
	   struct item_row *rows, size_t *n, struct bl_err *err)
{
	struct item_filter plain, *f = &plain;
	struct fsql q = {0};
	struct row_sink k = { rows, n, limit };
	int64_t total = 0;
	bool reverse = false;

	store_query_plain(fq, &plain);
	*n = 0;
	if (limit == 0)
		return BL_OK;
	if (index_for(s, f, err))
		return BL_ERR;
	/*
	 * SQLite steps over an offset row by row: deep in a long list (the
	 * last screen of a million), count from the other end instead.
	 */
	if (offset >= REVERSE_FROM) {
		if (store_count(s, f, &total, err))
			return BL_ERR;
		if (offset >= total)
			return BL_OK;
		reverse = offset > total / 2;
	}
	if (store_query_sets(s, f, offset + (int64_t)limit, &q.sets, &q.scan, err))
		return BL_ERR;
	fsql_build(&q, "SELECT s.id, s.feed_id, s.date", f);
	fsql_order(&q, f, !reverse);
	buf_puts(&q.sql, " LIMIT ? OFFSET ?");
	if (reverse) {
		int64_t end = offset + (int64_t)limit > total ? total : offset + (int64_t)limit;

		k.limit = (size_t)(end - offset);
		fsql_int(&q, (int64_t)k.limit);
		fsql_int(&q, total - end);
	} else {
		fsql_int(&q, (int64_t)limit);
		fsql_int(&q, offset);
	}
	fsql_window(&q, reverse);
	if (fsql_run(s, &q, row_fill, &k, err)) {
		while (*n)
			item_row_clear(&rows[--*n]);
		return BL_ERR;
	}
	if (reverse)
		rows_reverse(rows, *n);
	return BL_OK;
}

enum bl_status
store_position(struct store *s, const struct item_filter *fq, int64_t rowid, int64_t *pos,
	       struct bl_err *err)
{
	struct item_filter plain, *f = &plain;
	int64_t date = 0, extra[3];
	bool found;

	store_query_plain(fq, &plain);
	*pos = -1;
	if (query_int(s, "SELECT s.date", f, " AND s.id = ?", &rowid, 1, &date, &found, err))
		return BL_ERR;
	if (!found)
		return BL_OK;
	extra[0] = date, extra[1] = date, extra[2] = rowid;
	return query_int(s, "SELECT count(*)", f,
			 " AND (s.date > ? OR (s.date = ? AND s.id > ?))", extra, 3, pos, &found,
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

/* The article being read, and the fate of its body. */
struct item_get {
	struct store *s;
	struct item *it;
	struct bl_err *err;
	enum bl_status ret;
};

static void
item_fill(sqlite3_stmt *st, void *ud)
{
	struct item_get *g = ud;
	struct item *it = g->it;

	it->id = store_col_strdup(st, 0);
	it->title = store_col_strdup(st, 1);
	it->link = store_col_strdup(st, 2);
	it->author = store_col_strdup(st, 3);
	it->published = store_col_date(st, 4);
	it->updated = store_col_date(st, 5);
	g->ret = store_body_unpack(g->s, sqlite3_column_blob(st, 6),
				   (size_t)sqlite3_column_bytes(st, 6), &it->summary, &it->content,
				   g->err);
	unpack_lists((const char *)sqlite3_column_text(st, 7),
		     (const char *)sqlite3_column_text(st, 8), it);
}

enum bl_status
store_item_get(struct store *s, int64_t rowid, struct item *it, struct bl_err *err)
{
	struct item_get g = { s, it, err, BL_OK };
	bool found;

	memset(it, 0, sizeof(*it));
	it->published = it->updated = BL_NO_DATE;
	if (store_row(s, ST_ITEM_GET, "cannot read the article", item_fill, &g, &found, err,
		      "i", rowid) || g.ret) {
		item_clear(it);
		return BL_ERR;
	}
	if (!found)
		return bl_err_set(err, "%s: the article is no longer stored", s->path);
	return BL_OK;
}

static void
enclosures_fill(sqlite3_stmt *st, void *ud)
{
	unpack_lists(NULL, (const char *)sqlite3_column_text(st, 0), ud);
}

enum bl_status
store_item_enclosures(struct store *s, int64_t rowid, struct item *it, struct bl_err *err)
{
	bool found;

	memset(it, 0, sizeof(*it));
	it->published = it->updated = BL_NO_DATE;
	return store_row(s, ST_ITEM_ENCLOSURES, "cannot read the article", enclosures_fill, it,
			 &found, err, "i", rowid);
}

enum bl_status
store_data_version(struct store *s, int64_t *v, struct bl_err *err)
{
	*v = 0;
	return store_int(s, ST_DATA_VERSION, "cannot read the database's version", v, NULL, err,
			 "");
}

/* ---- flags, and the counts that follow them ---- */

void
store_deltas_add(struct store_deltas *ds, int64_t feed, int64_t unread, int64_t starred)
{
	if (ds->n && ds->d[ds->n - 1].feed == feed) {
		ds->d[ds->n - 1].unread += unread;
		ds->d[ds->n - 1].starred += starred;
		return;
	}
	ds->d = xreallocarray(ds->d, ds->n + 1, sizeof(*ds->d));
	ds->d[ds->n++] = (struct store_delta){ feed, unread, starred };
}

static int
delta_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct store_delta *)a)->feed;
	int64_t y = ((const struct store_delta *)b)->feed;

	return x < y ? -1 : x > y;
}

/* One update of the feed row per feed; frees ds. */
enum bl_status
store_deltas_apply(struct store *s, struct store_deltas *ds, struct bl_err *err)
{
	enum bl_status ret = BL_OK;
	size_t i, j;

	if (ds->n > 1)
		qsort(ds->d, ds->n, sizeof(*ds->d), delta_cmp);
	for (i = 0; i < ds->n && !ret; i = j) {
		struct store_delta sum = ds->d[i];

		for (j = i + 1; j < ds->n && ds->d[j].feed == sum.feed; j++) {
			sum.unread += ds->d[j].unread;
			sum.starred += ds->d[j].starred;
		}
		if (sum.unread || sum.starred)
			ret = store_run(s, ST_FEED_COUNT_ADD, "cannot save the mark", err, "iiii",
					sum.feed, (int64_t)0, sum.unread, sum.starred);
	}
	free(ds->d);
	ds->d = NULL;
	ds->n = 0;
	return ret;
}

static void
feed_fill(sqlite3_stmt *st, void *ud)
{
	*(int64_t *)ud = sqlite3_column_int64(st, 0);
}

enum bl_status
store_flag_set(struct store *s, enum stmt_id id, int64_t rowid, bool on,
	       struct store_deltas *ds, struct bl_err *err)
{
	int64_t feed = 0;
	bool changed;

	if (store_row(s, id, "cannot save the mark", feed_fill, &feed, &changed, err, "ii",
		      rowid, (int64_t)on))
		return BL_ERR;
	if (changed && id == ST_SET_READ)
		store_deltas_add(ds, feed, on ? -1 : 1, 0);
	else if (changed)
		store_deltas_add(ds, feed, 0, on ? 1 : -1);
	return BL_OK;
}

/* Ends a transaction of flag changes: the counts, then the commit. */
static enum bl_status
flags_end(struct store *s, struct store_deltas *ds, enum bl_status ret, struct bl_err *err)
{
	if (!ret)
		ret = store_deltas_apply(s, ds, err);
	free(ds->d);
	if (!ret)
		return store_commit(s, err);
	store_rollback(s);
	return BL_ERR;
}

static enum bl_status
flags_many(struct store *s, enum stmt_id id, const int64_t *rowids, size_t n, bool on,
	   struct bl_err *err)
{
	struct store_deltas ds = {0};
	enum bl_status ret = BL_OK;
	size_t i;

	if (store_begin(s, err))
		return BL_ERR;
	for (i = 0; i < n && !ret; i++)
		ret = store_flag_set(s, id, rowids[i], on, &ds, err);
	return flags_end(s, &ds, ret, err);
}

enum bl_status
store_set_read(struct store *s, int64_t rowid, bool read, struct bl_err *err)
{
	return flags_many(s, ST_SET_READ, &rowid, 1, read, err);
}

enum bl_status
store_set_starred(struct store *s, int64_t rowid, bool starred, struct bl_err *err)
{
	return flags_many(s, ST_SET_STARRED, &rowid, 1, starred, err);
}

/* ---- marking all read, and its undo ---- */

/* A hash of the ids a mark changed: its undo names them again. */
static uint64_t
ids_hash(const int64_t *ids, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint64_t)ids[i]) * 0x100000001b3ULL;
	return h ^ n;
}

/* Rows of id, feed_id of the articles a mark changes: the ids kept, the counts noted. */
struct changed_sink {
	int64_t *ids;
	size_t n, cap;
	struct store_deltas ds;
};

static bool
changed_row(sqlite3_stmt *st, void *ud)
{
	struct changed_sink *k = ud;

	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->ids = xreallocarray(k->ids, k->cap, sizeof(*k->ids));
	}
	k->ids[k->n++] = sqlite3_column_int64(st, 0);
	store_deltas_add(&k->ds, sqlite3_column_int64(st, 1), -1, 0);
	return true;
}

/*
 * An article marked read by "mark all read" holds, instead of 1, the
 * microsecond of the mark (its generation, never 0 or 1): the undo puts
 * back exactly those in one statement, in the feed's rows of item_state,
 * instead of one lookup an article.
 */
static int64_t
mark_generation(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 + 2;
}

/*
 * "<head> WHERE read = 0 AND <f>": the articles a mark of f changes, read
 * once (their ids and feeds) and then written. An UPDATE ... RETURNING
 * would do both in one statement, but its rows cost as much again as the
 * change (SQLite keeps them aside until the statement ends).
 */
static void
fsql_mark(struct fsql *q, const char *head, const struct item_filter *f)
{
	struct item_filter unread = *f;

	buf_puts(&q->sql, head);
	buf_puts(&q->sql, " WHERE read = 0");
	if (!filter_narrows(f) && !f->starred_only) {
		if (f->feed_id) {
			buf_puts(&q->sql, " AND feed_id = ?");
			fsql_int(q, f->feed_id);
		}
		fsql_feed_set(q, "feed_id", f);
	} else {
		unread.unread_only = true;
		buf_puts(&q->sql, " AND id IN (");
		fsql_build(q, "SELECT s.id", &unread);
		buf_putc(&q->sql, ')');
	}
}

/*
 * Runs q, an UPDATE of read, with the connection's triggers off: the
 * caller queues the changes for sync itself (queue_mark) in one statement,
 * where sync's trigger (sync_queue_read) would run once an article, as
 * long again as the change. Every other writer (a flag at a time, another
 * process, the sqlite3 shell) keeps the trigger. Turning them off or on
 * makes SQLite prepare this connection's statements again when next run.
 */
static enum bl_status
run_untriggered(struct store *s, struct fsql *q, struct bl_err *err)
{
	enum bl_status ret;

	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	ret = fsql_run(s, q, NULL, NULL, err);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, (int *)NULL);
	return ret;
}

/*
 * The articles of mark `gen` (of feed_id, or of every feed when 0) that a
 * feed server knows, queued for sync as read (or unread again: value),
 * in one statement. Most databases sync nothing: then nothing is read.
 */
static enum bl_status
queue_mark(struct store *s, int64_t gen, int64_t feed_id, bool value, struct bl_err *err)
{
	const char *what = "cannot save the mark";
	int64_t any = 0;

	if (store_pragma_int64(s, "SELECT EXISTS (SELECT 1 FROM sync_item)", &any, err))
		return BL_ERR;
	if (!any)
		return BL_OK;
	return store_run_sql(s, "INSERT INTO sync_queue (remote, flag, value, at)"
			     " SELECT m.remote, 0, ?3, unixepoch() FROM item_state st"
			     " JOIN sync_item m ON m.item_id = st.id"
			     " WHERE st.read = ?1 AND (?2 = 0 OR st.feed_id = ?2)", what, err,
			     "iii", gen, feed_id, (int64_t)value);
}

enum bl_status
store_mark_all_read(struct store *s, const struct item_filter *fq, int64_t **changed,
		    size_t *nchanged, struct bl_err *err)
{
	struct item_filter plain, *f = &plain;
	struct changed_sink k = {0};
	struct fsql q = {0};
	int64_t gen = mark_generation(), feed_id;
	enum bl_status ret;

	store_query_plain(fq, &plain);
	*changed = NULL;
	*nchanged = 0;
	if (index_for(s, f, err) || store_begin(s, err))
		return BL_ERR;
	feed_id = !filter_narrows(f) && !f->starred_only ? f->feed_id : 0;
	fsql_mark(&q, "SELECT id, feed_id FROM item_state", f);
	ret = fsql_run(s, &q, changed_row, &k, err);
	if (!ret && k.n) {
		fsql_int(&q, gen);
		fsql_mark(&q, "UPDATE item_state SET read = ?", f);
		ret = run_untriggered(s, &q, err);
	}
	if (!ret && k.n)
		ret = queue_mark(s, gen, feed_id, true, err);
	if (flags_end(s, &k.ds, ret, err)) {
		free(k.ids);
		return BL_ERR;
	}
	s->last_mark = (struct store_mark){
		.gen = gen, .n = k.n, .hash = ids_hash(k.ids, k.n), .feed_id = feed_id,
	};
	*changed = k.ids;
	*nchanged = k.n;
	return BL_OK;
}

/* The undo of this connection's last mark, when rowids are exactly what it changed. */
static bool
is_last_mark(const struct store *s, const int64_t *rowids, size_t n, bool read)
{
	return !read && n > 0 && s->last_mark.gen && s->last_mark.n == n &&
	       s->last_mark.hash == ids_hash(rowids, n);
}

/* "<head> WHERE read = <the last mark> [AND feed_id = <its feed>]<tail>" */
static void
fsql_last_mark(struct fsql *q, const struct store *s, const char *head, const char *tail)
{
	buf_puts(&q->sql, head);
	buf_puts(&q->sql, " WHERE read = ?");
	fsql_int(q, s->last_mark.gen);
	if (s->last_mark.feed_id) {
		buf_puts(&q->sql, " AND feed_id = ?");
		fsql_int(q, s->last_mark.feed_id);
	}
	buf_puts(&q->sql, tail);
}

/* Rows of feed_id, count(*) of articles made unread again. */
static bool
unmarked_feed(sqlite3_stmt *st, void *ud)
{
	store_deltas_add(ud, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), 0);
	return true;
}

/* The last mark's articles unread again, in one statement (and its counts in one). */
static enum bl_status
unmark(struct store *s, struct bl_err *err)
{
	struct store_deltas ds = {0};
	struct fsql q = {0};
	enum bl_status ret;

	if (store_begin(s, err))
		return BL_ERR;
	ret = queue_mark(s, s->last_mark.gen, s->last_mark.feed_id, false, err);
	if (!ret) {
		fsql_last_mark(&q, s, "SELECT feed_id, count(*) FROM item_state", " GROUP BY feed_id");
		ret = fsql_run(s, &q, unmarked_feed, &ds, err);
	}
	if (!ret) {
		fsql_last_mark(&q, s, "UPDATE item_state SET read = 0", "");
		ret = run_untriggered(s, &q, err);
	}
	s->last_mark.gen = 0;
	return flags_end(s, &ds, ret, err);
}

enum bl_status
store_set_read_many(struct store *s, const int64_t *rowids, size_t n, bool read,
		    struct bl_err *err)
{
	if (is_last_mark(s, rowids, n, read))
		return unmark(s, err);
	return flags_many(s, ST_SET_READ, rowids, n, read, err);
}
