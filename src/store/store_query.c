/* The query language over the store: a query's tree into one SQL condition over item_state, words through the word index. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "store_int.h"

static enum store_field
store_field_of(enum query_field f)
{
	switch (f) {
	case QUERY_FIELD_TITLE:
		return STORE_FIELD_TITLE;
	case QUERY_FIELD_AUTHOR:
		return STORE_FIELD_AUTHOR;
	case QUERY_FIELD_TEXT:
		return STORE_FIELD_TEXT;
	case QUERY_FIELD_LINK:
		return STORE_FIELD_LINK;
	default:
		return STORE_FIELD_ANY;
	}
}

/*
 * A subtree of words joined by AND and OR (and NOT as the right side of
 * an AND: FTS5's NOT is binary) as one FTS5 expression, so that the index
 * answers it in one MATCH. False when the subtree holds anything else, or
 * a word with nothing to look for.
 */
static bool
fts_expr(struct buf *m, const struct query_node *n)
{
	const struct query_node *pos, *neg;
	const char *op;

	switch (n->kind) {
	case QUERY_WORD:
		buf_putc(m, '(');
		if (!store_match_word(m, store_field_of(n->field), n->text, strlen(n->text)))
			return false;
		buf_putc(m, ')');
		return true;
	case QUERY_AND:
	case QUERY_OR:
		pos = n->a, neg = n->b, op = n->kind == QUERY_AND ? " AND " : " OR ";
		if (n->kind == QUERY_AND && n->a->kind == QUERY_NOT)
			pos = n->b, neg = n->a;
		if (n->kind == QUERY_AND && neg->kind == QUERY_NOT && pos->kind != QUERY_NOT) {
			neg = neg->a;
			op = " NOT ";
		}
		buf_putc(m, '(');
		if (!fts_expr(m, pos))
			return false;
		buf_puts(m, op);
		if (!fts_expr(m, neg))
			return false;
		buf_putc(m, ')');
		return true;
	default:
		return false;
	}
}

static void
cond(struct fsql *q, const struct query_node *n);

/* " OR url IN (?, ...)" for the feeds the config names, or "" when none. */
static void
urls_in(struct fsql *q, const struct query_node *n, const char *or)
{
	size_t i;

	if (!n->nurls)
		return;
	buf_printf(&q->sql, "%surl IN (", or);
	for (i = 0; i < n->nurls; i++) {
		buf_puts(&q->sql, i ? ", ?" : "?");
		fsql_text(q, xstrdup(n->urls[i]));
	}
	buf_putc(&q->sql, ')');
}

/* The feed's own title or URL holds the (folded) text, or the config names it so. */
static void
cond_feed(struct fsql *q, const struct query_node *n)
{
	buf_puts(&q->sql, "s.feed_id IN (SELECT id FROM feed WHERE"
		 " instr(byline_fold(title), ?) OR instr(byline_fold(url), ?)");
	fsql_text(q, xstrdup(n->text));
	fsql_text(q, xstrdup(n->text));
	urls_in(q, n, " OR ");
	buf_putc(&q->sql, ')');
}

/* The feeds carrying the tag (none: no article). */
static void
cond_tag(struct fsql *q, const struct query_node *n)
{
	if (!n->nurls) {
		buf_puts(&q->sql, "0");
		return;
	}
	buf_puts(&q->sql, "s.feed_id IN (SELECT id FROM feed WHERE ");
	urls_in(q, n, "");
	buf_putc(&q->sql, ')');
}

/* The subtree as one MATCH of the word index, when it is words only. */
static bool
cond_fts(struct fsql *q, const struct query_node *n)
{
	struct buf m = {0};

	if (!fts_expr(&m, n)) {
		buf_free(&m);
		return false;
	}
	buf_puts(&q->sql, "s.id IN (SELECT rowid FROM item_fts WHERE item_fts MATCH ?)");
	fsql_text(q, buf_steal(&m));
	return true;
}

static void
cond_pair(struct fsql *q, const struct query_node *n)
{
	if (cond_fts(q, n))
		return;
	buf_putc(&q->sql, '(');
	cond(q, n->a);
	buf_puts(&q->sql, n->kind == QUERY_AND ? " AND " : " OR ");
	cond(q, n->b);
	buf_putc(&q->sql, ')');
}

static void
cond(struct fsql *q, const struct query_node *n)
{
	int64_t now = (int64_t)time(NULL);

	switch (n->kind) {
	case QUERY_AND:
	case QUERY_OR:
		cond_pair(q, n);
		return;
	case QUERY_WORD:
		if (!cond_fts(q, n))	/* nothing to look for: in no article */
			buf_puts(&q->sql, "0");
		return;
	case QUERY_NOT:
		buf_puts(&q->sql, "NOT (");
		cond(q, n->a);
		buf_putc(&q->sql, ')');
		return;
	case QUERY_FEED:
		cond_feed(q, n);
		return;
	case QUERY_TAG:
		cond_tag(q, n);
		return;
	case QUERY_UNREAD:
		buf_puts(&q->sql, "s.read = 0");
		return;
	case QUERY_READ:
		buf_puts(&q->sql, "s.read <> 0");
		return;
	case QUERY_STARRED:
		buf_puts(&q->sql, "s.starred <> 0");
		return;
	case QUERY_AFTER:
	case QUERY_NEWER:
		buf_puts(&q->sql, "s.date >= ?");
		fsql_int(q, n->kind == QUERY_AFTER ? n->value : now - n->value);
		return;
	case QUERY_BEFORE:
	case QUERY_OLDER:
		buf_puts(&q->sql, "s.date < ?");
		fsql_int(q, n->kind == QUERY_BEFORE ? n->value : now - n->value);
		return;
	case QUERY_HAS_ENCLOSURE:
		/* One pass over the articles, once a statement (a lookup a row is 7 times slower). */
		buf_puts(&q->sql, "s.id IN (SELECT id FROM item WHERE enclosures <> '')");
		return;
	case QUERY_HAS_FULLTEXT:
		buf_puts(&q->sql, "s.id IN (SELECT item_id FROM item_fulltext)");
		return;
	}
}

/* Whether every result must hold a word of the index (a word term in the top AND chain). */
static bool
drives(const struct query_node *n)
{
	struct buf m = {0};
	bool r;

	if (n->kind == QUERY_AND)
		return drives(n->a) || drives(n->b);
	if (n->kind != QUERY_WORD && n->kind != QUERY_OR)
		return false;
	r = fts_expr(&m, n);
	buf_free(&m);
	return r;
}

/* Whether the tree is states only, joined by AND: *unread, *starred say which. */
static bool
states_only(const struct query_node *n, bool *unread, bool *starred)
{
	if (n->kind == QUERY_AND)
		return states_only(n->a, unread, starred) && states_only(n->b, unread, starred);
	if (n->kind == QUERY_UNREAD)
		return *unread = true;
	if (n->kind == QUERY_STARRED)
		return *starred = true;
	return false;
}

void
store_query_plain(const struct item_filter *f, struct item_filter *out)
{
	bool unread = false, starred = false;

	*out = *f;
	if (!f->query || !states_only(f->query->root, &unread, &starred))
		return;
	out->query = NULL;
	out->unread_only |= unread;
	out->starred_only |= starred;
}

void
store_query_sql(struct fsql *q, const struct query_node *root, bool *drv)
{
	*drv = false;
	if (!root)
		return;
	*drv = drives(root);
	buf_puts(&q->sql, " AND (");
	cond(q, root);
	buf_putc(&q->sql, ')');
}

/* SQL byline_fold(text): case-folded NFC, as feed: terms are (NULL: ""). */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *f = query_fold((const char *)sqlite3_value_text(argv[0]));

	(void)argc;
	sqlite3_result_text(ctx, f, -1, free);
}

int
store_query_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "byline_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				       NULL, sql_fold, NULL, NULL);
}
