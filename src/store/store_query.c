/* The query language over the store: a query's tree into one SQL condition over item_state, words through the word index. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "byline/store.h"
#include "store_int.h"

/*
 * The articles with an enclosure: the entries of the partial index
 * item_enclosed (schema version 8), never the article rows beside their
 * bodies (reading those is reading the store).
 */
#define ENCLOSED "SELECT id FROM item INDEXED BY item_enclosed WHERE enclosures <> ''"

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

/* Whether a subtree is words only (the index's hits answer it). */
static bool
words_only(const struct query_node *n)
{
	struct buf m = {0};
	bool r = fts_expr(&m, n);

	buf_free(&m);
	return r;
}

static void
cond(struct fsql *q, const struct query_node *n);

/*
 * Whether the subtree has a form as a set of ids that indexes answer
 * (set_expr): words, states but read, dates, feeds, tags, has:, ORs of
 * those, and ANDs of which one side is one. A NOT or `read` alone would be
 * most of the store.
 */
static bool
settable(const struct query_node *n)
{
	switch (n->kind) {
	case QUERY_AND:
		return words_only(n) || settable(n->a) || settable(n->b);
	case QUERY_OR:
		return words_only(n) || (settable(n->a) && settable(n->b));
	case QUERY_WORD:
		return words_only(n);
	case QUERY_NOT:
	case QUERY_READ:
		return false;
	default:
		return true;
	}
}

/* A settable subtree as one SELECT of the ids it matches: its terms' sets united or intersected. */
static void
set_expr(struct fsql *q, const struct query_node *n)
{
	const struct query_node *set;
	struct buf m = {0};

	if (fts_expr(&m, n)) {
		buf_puts(&q->sql, "SELECT rowid AS id FROM item_fts WHERE item_fts MATCH ?");
		fsql_text(q, buf_steal(&m));
		return;
	}
	buf_free(&m);
	switch (n->kind) {
	case QUERY_AND:	/* one side's set, the other side tested on its rows */
		set = settable(n->a) ? n->a : n->b;
		buf_puts(&q->sql, "SELECT s.id AS id FROM item_state s WHERE s.id IN (");
		set_expr(q, set);
		buf_puts(&q->sql, ") AND ");
		cond(q, set == n->a ? n->b : n->a);
		return;
	case QUERY_OR:
		buf_puts(&q->sql, "SELECT id FROM (");
		set_expr(q, n->a);
		buf_puts(&q->sql, ") UNION SELECT id FROM (");
		set_expr(q, n->b);
		buf_putc(&q->sql, ')');
		return;
	case QUERY_STARRED:	/* the partial index's own condition */
		buf_puts(&q->sql, "SELECT id FROM item_state WHERE starred = 1");
		return;
	case QUERY_HAS_ENCLOSURE:
		buf_puts(&q->sql, ENCLOSED);
		return;
	case QUERY_HAS_FULLTEXT:
		buf_puts(&q->sql, "SELECT item_id AS id FROM item_fulltext");
		return;
	default:
		buf_puts(&q->sql, "SELECT s.id AS id FROM item_state s WHERE ");
		cond(q, n);
	}
}

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

/*
 * The feeds carrying the tag: those the config tags so (their URLs) and
 * the synced feeds whose server folders hold it (sync_feed.tags, one a
 * line), the same rule for both (byline_tagged).
 */
static void
cond_tag(struct fsql *q, const struct query_node *n)
{
	buf_puts(&q->sql, "s.feed_id IN (SELECT feed_id FROM sync_feed WHERE tags <> ''"
		 " AND byline_tagged(tags, ?)");
	fsql_text(q, query_fold(n->text));
	if (n->nurls) {
		buf_puts(&q->sql, " UNION SELECT id FROM feed WHERE ");
		urls_in(q, n, "");
	}
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

/*
 * s.date >= at, or s.date < at. For an unread count (q->weeks) the week
 * too, a bound the date implies (the division is monotonic, so the
 * condition is the same): it is the leading column of item_state_unread,
 * so the count reads that index's range of weeks, the unread ones only,
 * instead of every article's flag in the range of the dates' index.
 */
static void
cond_date(struct fsql *q, const char *op, int64_t at)
{
	int64_t week = at / STORE_WEEK_SECONDS;	/* truncated, as SQLite divides */

	if (!q->weeks) {
		buf_printf(&q->sql, "s.date %s ?", op);
		fsql_int(q, at);
		return;
	}
	buf_printf(&q->sql, "(s.date / " STORE_WEEK " %s ? AND s.date %s ?)",
		   op[0] == '<' ? "<=" : ">=", op);
	fsql_int(q, week);
	fsql_int(q, at);
}

static void
cond_pair(struct fsql *q, const struct query_node *n)
{
	if (cond_fts(q, n))
		return;
	if (n->kind == QUERY_OR && q->sets && settable(n)) {
		buf_puts(&q->sql, "s.id IN (");
		set_expr(q, n);
		buf_putc(&q->sql, ')');
		return;
	}
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
		cond_date(q, ">=", n->kind == QUERY_AFTER ? n->value : now - n->value);
		return;
	case QUERY_BEFORE:
	case QUERY_OLDER:
		cond_date(q, "<", n->kind == QUERY_BEFORE ? n->value : now - n->value);
		return;
	case QUERY_HAS_ENCLOSURE:
		/* One article (the killfile's): its row; a list: the index's entries. */
		buf_puts(&q->sql, q->one ? "EXISTS (SELECT 1 FROM item WHERE id = s.id AND"
					   " enclosures <> '')"
					 : "s.id IN (" ENCLOSED ")");
		return;
	case QUERY_HAS_FULLTEXT:
		buf_puts(&q->sql, "s.id IN (SELECT item_id FROM item_fulltext)");
		return;
	}
}

/*
 * Whether every result must be in a set an index gives: a word term in the
 * top AND chain (the index's hits), or with sets an OR of the chain
 * (the union of its sides' sets).
 */
static bool
drives(const struct query_node *n, bool sets)
{
	if (n->kind == QUERY_AND)
		return drives(n->a, sets) || drives(n->b, sets);
	if (n->kind != QUERY_WORD && n->kind != QUERY_OR)
		return false;
	return words_only(n) || (sets && n->kind == QUERY_OR && settable(n));
}

/* Whether the tree holds an OR that set_expr can make a set (and words do not drive it). */
static bool
holds_set_or(const struct query_node *n)
{
	if (!n || words_only(n))
		return false;
	if (n->kind == QUERY_OR && settable(n))
		return true;
	return holds_set_or(n->a) || holds_set_or(n->b);
}

/* Whether the top AND chain holds an OR (an AND of ORs may match few articles). */
static bool
chain_or(const struct query_node *n)
{
	if (n->kind == QUERY_AND)
		return chain_or(n->a) || chain_or(n->b);
	return n->kind == QUERY_OR;
}

/*
 * Rows of a list come in date order: walking the date index and testing
 * each row costs about (rows wanted) x (all) / (matches) steps, each a
 * look-up of the row's flags in item_state (the index holds none), about
 * SCAN_STEPS steps of a plain walk of the table; reading the matches from
 * their sets and sorting them costs about twice the sets' size. So a query
 * with an OR of sets (`kernel OR starred`) and few matches is read from
 * the union; with many (`kernel OR unread`), by the dates. With fewer
 * matches than SCAN_STEPS x rows, the table itself is walked (*scan) and
 * its matches sorted, with ORs of sets or not: one pass over a narrow
 * table, where an AND of ORs (`(unread OR starred) (read OR starred)`)
 * would look up a union of thousands of rows for each OR, or most of the
 * store by the dates. So a query no word drives, with an OR of sets or an
 * OR in its top AND chain, is counted first (within the rules' bound a few
 * cheap statements, past it one walk); the others (`before:`, `-kernel`)
 * are not, their lists are cheap by the dates.
 */
#define SCAN_STEPS 6

enum bl_status
store_query_sets(struct store *s, const struct item_filter *f, int64_t rows, bool *sets,
		 bool *scan, struct bl_err *err)
{
	struct item_filter all = *f;
	int64_t n, total;

	*sets = *scan = false;
	if (!f->query || drives(f->query->root, false) ||
	    (!holds_set_or(f->query->root) && !chain_or(f->query->root)))
		return BL_OK;
	all.query = NULL;
	if (store_count(s, f, &n, err) || store_count(s, &all, &total, err))
		return BL_ERR;
	*scan = n < SCAN_STEPS * rows;
	*sets = !*scan && holds_set_or(f->query->root) && 2 * n * n < rows * total;
	return BL_OK;
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
	*drv = drives(root, q->sets);
	buf_puts(&q->sql, " AND (");
	cond(q, root);
	buf_putc(&q->sql, ')');
}

/* ---- counts from counts ---- */

/*
 * The most statements a count from counts may run (a NOT asks two counts,
 * an OR three, each taken apart by the rules again), and how deep the
 * rules may nest (each level's nodes are on the stack).
 */
#define RULES_STATEMENTS 32
#define RULES_DEPTH 16
/* The most terms of an AND chain the rules look at. */
#define CHAIN_MAX 16

/* The terms of a top AND chain. */
struct chain {
	const struct query_node *t[CHAIN_MAX];
	size_t n;
};

static bool
chain_add(struct chain *c, const struct query_node *n)
{
	if (n->kind == QUERY_AND)
		return chain_add(c, n->a) && chain_add(c, n->b);
	if (c->n == CHAIN_MAX)
		return false;
	c->t[c->n++] = n;
	return true;
}

/*
 * The AND of c's terms but the skip-th, and x and y (NULL: none), made of
 * the nodes of and[] (the terms are borrowed, never changed). NULL: no term.
 */
static const struct query_node *
chain_tree(struct query_node and[CHAIN_MAX + 1], const struct chain *c, size_t skip,
	   const struct query_node *x, const struct query_node *y)
{
	const struct query_node *t[CHAIN_MAX + 2], *r;
	size_t n = 0, k;

	for (k = 0; k < c->n; k++)
		if (k != skip)
			t[n++] = c->t[k];
	if (x)
		t[n++] = x;
	if (y)
		t[n++] = y;
	r = n ? t[0] : NULL;
	for (k = 1; k < n; k++, and++) {
		*and = (struct query_node){ .kind = QUERY_AND, .a = (struct query_node *)r,
					    .b = (struct query_node *)t[k] };
		r = and;
	}
	return r;
}

/*
 * A count from counts under way: the statements it may run, and whether
 * this is the dry run that only counts them (store_query_count).
 */
struct rules {
	struct store *s;
	bool dry;
	int statements;
	int depth;
};

static enum bl_status
count_by_rules(struct rules *r, const struct item_filter *f, int64_t *n, bool *done,
	       struct bl_err *err);

/* A piece no rule takes apart: one statement over its rows (none in the dry run). */
static enum bl_status
count_rows(struct rules *r, const struct item_filter *f, int64_t *n, struct bl_err *err)
{
	r->statements++;
	*n = 0;
	return r->dry ? BL_OK : store_count_rows(r->s, f, n, err);
}

/* The count of f with its query's tree made root, by the rules again or from its rows. */
static enum bl_status
count_tree(struct rules *r, const struct item_filter *f, const struct query_node *root,
	   int64_t *n, struct bl_err *err)
{
	struct query q = { .root = (struct query_node *)root, .src = f->query->src };
	struct item_filter g = *f, plain;
	bool done = false;
	enum bl_status ret;

	if (r->dry && r->statements > RULES_STATEMENTS)
		return BL_OK;	/* over the bound already: the dry run's answer is known */
	g.query = root ? &q : NULL;
	store_query_plain(&g, &plain);
	r->depth++;
	ret = count_by_rules(r, &plain, n, &done, err);
	r->depth--;
	if (ret)
		return BL_ERR;
	return done ? BL_OK : count_rows(r, &plain, n, err);
}

static const struct query_node unread_term = { .kind = QUERY_UNREAD };

/* rest AND NOT x: the count of rest less that of rest AND x. */
static enum bl_status
count_without(struct rules *r, const struct item_filter *f, const struct chain *c, size_t i,
	      const struct query_node *x, int64_t *n, struct bl_err *err)
{
	struct query_node and[2][CHAIN_MAX + 1];
	int64_t all, with;

	if (count_tree(r, f, chain_tree(and[0], c, i, NULL, NULL), &all, err) ||
	    count_tree(r, f, chain_tree(and[1], c, i, x, NULL), &with, err))
		return BL_ERR;
	*n = all - with;
	return BL_OK;
}

/* rest AND (a OR b): the counts of rest AND a and of rest AND b, less that of both. */
static enum bl_status
count_either(struct rules *r, const struct item_filter *f, const struct chain *c, size_t i,
	     int64_t *n, struct bl_err *err)
{
	struct query_node and[3][CHAIN_MAX + 1];
	const struct query_node *or = c->t[i];
	int64_t a, b, both;

	if (count_tree(r, f, chain_tree(and[0], c, i, or->a, NULL), &a, err) ||
	    count_tree(r, f, chain_tree(and[1], c, i, or->b, NULL), &b, err) ||
	    count_tree(r, f, chain_tree(and[2], c, i, or->a, or->b), &both, err))
		return BL_ERR;
	*n = a + b - both;
	return BL_OK;
}

/*
 * Whether more than half the articles are older than at: the newer ones
 * are counted by the dates' index up to that half, so that the answer
 * costs the smaller side, never a walk of the whole range.
 */
static enum bl_status
mostly_older(struct rules *r, int64_t at, bool *older, struct bl_err *err)
{
	struct item_filter all = { 0 };
	sqlite3_stmt *st;
	int64_t total = 0, newer;

	*older = true;
	if (count_rows(r, &all, &total, err))
		return BL_ERR;
	r->statements++;
	if (r->dry)
		return BL_OK;
	if (sqlite3_prepare_v2(r->s->db, "SELECT count(*) FROM (SELECT 1 FROM item_state INDEXED BY"
			       " item_state_date WHERE date >= ?1 LIMIT ?2)", -1, &st, NULL))
		return store_fail(r->s, err, "cannot count articles");
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, total / 2 + 1);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(r->s, err, "cannot count articles");
	}
	newer = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	*older = 2 * newer < total;
	return BL_OK;
}

/*
 * The unread older than a date: the planner walks the dates' index and
 * looks up each article's flag (0.05 s for older:1d at 100,000). When
 * the range holds most articles, the count is the unread of the rest
 * (the counts kept per feed, when the rest is nothing) less the unread
 * newer ones, a range of the unread index's weeks (fsql.weeks).
 */
static enum bl_status
count_old(struct rules *r, const struct item_filter *f, const struct chain *c, size_t i,
	  int64_t *n, bool *done, struct bl_err *err)
{
	const struct query_node *t = c->t[i];
	int64_t at = t->kind == QUERY_BEFORE ? t->value : (int64_t)time(NULL) - t->value;
	struct query_node after = { .kind = QUERY_AFTER, .value = at };
	bool older;

	if (mostly_older(r, at, &older, err))
		return BL_ERR;
	if (!older)
		return BL_OK;
	*done = true;
	return count_without(r, f, c, i, &after, n, err);
}

/*
 * A count the statement would have to walk item_state for, made of counts
 * that do not: where a term of the top AND chain is a word (the index's
 * hits drive the statement) nothing is gained; a NOT (or `read`, which is
 * NOT unread) of the chain becomes two counts, an OR three.
 */
static enum bl_status
count_by_rules(struct rules *r, const struct item_filter *f, int64_t *n, bool *done,
	       struct bl_err *err)
{
	struct query_node and[CHAIN_MAX + 1];
	struct chain c = {0};
	size_t i, dates;

	*done = false;
	if (!f->query || r->depth > RULES_DEPTH || !chain_add(&c, f->query->root))
		return BL_OK;
	for (i = 0; i < c.n; i++)
		if (words_only(c.t[i]))
			return BL_OK;
	for (i = 0; i < c.n; i++)
		if (c.t[i]->kind == QUERY_NOT || c.t[i]->kind == QUERY_READ) {
			*done = true;
			return count_without(r, f, &c, i,
					     c.t[i]->kind == QUERY_NOT ? c.t[i]->a : &unread_term,
					     n, err);
		}
	for (i = 0; i < c.n; i++)
		if (c.t[i]->kind == QUERY_OR) {
			*done = true;
			return count_either(r, f, &c, i, n, err);
		}
	for (i = 0; i < c.n; i++)
		if (c.t[i]->kind == QUERY_UNREAD) {	/* the filter's flag (its own counts) */
			struct item_filter g = *f;

			g.unread_only = *done = true;
			return count_tree(r, &g, chain_tree(and, &c, i, NULL, NULL), n, err);
		}
	for (i = 0, dates = 0; i < c.n; i++)
		dates += c.t[i]->kind >= QUERY_AFTER && c.t[i]->kind <= QUERY_OLDER;
	for (i = 0; i < c.n && f->unread_only && dates == 1; i++)
		if (c.t[i]->kind == QUERY_BEFORE || c.t[i]->kind == QUERY_OLDER)
			return count_old(r, f, &c, i, n, done, err);
	return BL_OK;
}

/*
 * The rules' pieces multiply (a NOT makes two, an OR three, each taken
 * apart again), so the count is planned first, dry: within the bound the
 * rules answer it whole, past it one statement does (it is exact either
 * way, only slower), never a walk of the rows a piece deep inside.
 */
enum bl_status
store_query_count(struct store *s, const struct item_filter *f, int64_t *n, bool *done,
		  struct bl_err *err)
{
	struct rules r = { .s = s, .dry = true };

	if (count_by_rules(&r, f, n, done, err))
		return BL_ERR;
	if (!*done || r.statements > RULES_STATEMENTS) {
		*done = false;
		return BL_OK;
	}
	r = (struct rules){ .s = s };
	return count_by_rules(&r, f, n, done, err);
}

/* SQL byline_fold(text): case-folded NFC, as feed: terms are (NULL: ""). */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *f = query_fold((const char *)sqlite3_value_text(argv[0]));

	(void)argc;
	sqlite3_result_text(ctx, f, -1, free);
}

/*
 * SQL byline_tagged(tags, want): whether a line of tags (a synced feed's
 * folders), folded, is want (folded) or a folder under it ("科技/AI"
 * under "科技"), the rule of the config's tags (config_query.c).
 */
static void
sql_tagged(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *tags = (const char *)sqlite3_value_text(argv[0]);
	const char *want = (const char *)sqlite3_value_text(argv[1]);
	const char *p, *nl;
	size_t n;
	int r = 0;

	(void)argc;
	if (!tags || !want || !*want) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	n = strlen(want);
	for (p = tags; *p && !r; p = *nl ? nl + 1 : nl) {
		char *line, *t;

		if (!(nl = strchr(p, '\n')))
			nl = p + strlen(p);
		line = xstrndup(p, (size_t)(nl - p));
		t = query_fold(line);
		r = !strncmp(t, want, n) && (t[n] == '\0' || t[n] == '/');
		free(t);
		free(line);
	}
	sqlite3_result_int(ctx, r);
}

int
store_query_register(sqlite3 *db)
{
	int rc = sqlite3_create_function(db, "byline_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
					 NULL, sql_fold, NULL, NULL);

	return rc ? rc : sqlite3_create_function(db, "byline_tagged", 2,
						 SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
						 sql_tagged, NULL, NULL);
}
