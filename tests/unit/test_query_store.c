/*
 * The query language over a real store, as a property: random queries over
 * generated articles, each answer (set and order, and the count) compared
 * with a straightforward evaluation of the same tree over the same articles.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "byline/query.h"
#include "byline/store.h"
#include "byline/store_sync.h"
#include "../../src/store/store_int.h"

#define NFEEDS 6
#define NARTICLES 360
#define NQUERIES 400
#define MAXTOK 24

/* Latin words (as stored: some capitalised, "Café" precomposed) and CJK words of distinct characters. */
static const char *const latin[] = {
	"kernel", "Rust", "rustc", "Café", "apple", "linux", "phone", "market", "river", "night",
	"KERNEL", "trust",
};
static const char *const cjk[] = { "苹果", "手机", "東京", "芯片", "猫" };

enum { F_TITLE, F_AUTHOR, F_TEXT, F_LINK, NFIELDS };

/* An article as the test knows it: its fields as folded tokens, its flags. */
struct art {
	int feed;
	char *tok[NFIELDS][MAXTOK];
	int ntok[NFIELDS];
	int64_t date, rowid;
	bool read, starred, enclosure, fulltext;
	char *link;
};

static const char *const feed_urls[NFEEDS] = {
	"https://alpha.example/rss", "https://beta.example/atom", "https://gamma.example/feed",
	"https://delta.example/x.xml", "https://news.example/rss", "https://blog.example/",
};
static const char *const feed_titles[NFEEDS] = {
	"Alpha News", "Beta Tech", "Gamma", "Delta Café", "Daily News", "Blog",
};

static struct art arts[NARTICLES];
static int64_t now;

/* ASCII lowered, "É" to "é": the folding the generated words need. */
static char *
fold(const char *s)
{
	char *f = xstrdup(s), *p;

	for (p = f; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p |= 0x20;
		else if ((unsigned char)p[0] == 0xc3 && (unsigned char)p[1] == 0x89)
			p[1] = (char)0xa9, p++;
	}
	return f;
}

static unsigned rng = 12345;

static unsigned
rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

static const char *
any_word(void)
{
	return rnd(4) ? latin[rnd(sizeof(latin) / sizeof(*latin))] : cjk[rnd(5)];
}

/* n words into text (separated by blanks and punctuation), their folded forms into the article. */
static void
words(struct art *a, int field, int n, struct buf *text)
{
	int i;

	for (i = 0; i < n && a->ntok[field] < MAXTOK; i++) {
		const char *w = any_word();

		if (i)
			buf_puts(text, rnd(5) ? " " : ", ");
		buf_puts(text, w);
		a->tok[field][a->ntok[field]++] = fold(w);
	}
}

static void
make_article(struct art *a, int k, struct item *it)
{
	struct buf title = {0}, author = {0}, text = {0};
	const char *lw = latin[rnd(sizeof(latin) / sizeof(*latin))];

	memset(it, 0, sizeof(*it));
	a->feed = (int)rnd(NFEEDS);
	a->date = now - (int64_t)rnd(400 * 86400);
	words(a, F_TITLE, 1 + (int)rnd(4), &title);
	if (rnd(3))
		words(a, F_AUTHOR, 1, &author);
	buf_puts(&text, "<p>");
	words(a, F_TEXT, (int)rnd(12), &text);
	buf_puts(&text, "</p>");
	/* the link: https example org WORD K */
	a->link = xasprintf("https://example.org/%s/%d", lw, k);
	a->tok[F_LINK][a->ntok[F_LINK]++] = xstrdup("https");
	a->tok[F_LINK][a->ntok[F_LINK]++] = xstrdup("example");
	a->tok[F_LINK][a->ntok[F_LINK]++] = xstrdup("org");
	a->tok[F_LINK][a->ntok[F_LINK]++] = fold(lw);
	a->tok[F_LINK][a->ntok[F_LINK]++] = xasprintf("%d", k);
	it->id = xasprintf("g%d", k);
	it->title = buf_steal(&title);
	it->author = author.len ? buf_steal(&author) : NULL;
	it->content = buf_steal(&text);
	it->link = xstrdup(a->link);
	it->published = a->date;
	it->updated = BL_NO_DATE;
	if ((a->enclosure = rnd(5) == 0)) {
		it->enclosures = xcalloc(1, sizeof(*it->enclosures));
		it->enclosures[0] = (struct enclosure){ xasprintf("https://example.org/%d.mp3", k),
							xstrdup("audio/mpeg"), 1000, -1 };
		it->nenclosures = 1;
	}
	buf_free(&author);
}

/* ---- the straightforward evaluation ---- */

static bool
is_cjk(const char *w)
{
	return (unsigned char)w[0] >= 0xe3;
}

/* Whether the field holds the word (or phrase, or prefix) w, folded. */
static bool
field_has(const struct art *a, int field, const char *w)
{
	char *parts[8];
	int np = 0, i, j;
	char *copy = xstrdup(w), *p, *save = NULL;
	size_t n = strlen(w);
	bool prefix = n > 1 && w[n - 1] == '*', found = false;

	if (prefix)
		copy[n - 1] = '\0';
	for (p = strtok_r(copy, " ", &save); p && np < 8; p = strtok_r(NULL, " ", &save))
		parts[np++] = p;
	for (i = 0; i < a->ntok[field] && !found; i++) {
		for (j = 0; j < np && i + j < a->ntok[field]; j++) {
			const char *t = a->tok[field][i + j];
			bool last = j == np - 1;

			if (is_cjk(parts[j]) ? !strstr(t, parts[j]) :
			    last && prefix ? strncmp(t, parts[j], strlen(parts[j])) :
			    strcmp(t, parts[j]))
				break;
		}
		found = np && j == np;
	}
	free(copy);
	return found;
}

static bool
has_word(const struct art *a, const struct query_node *n)
{
	char *w = fold(n->text);
	bool r = false;
	int f;

	switch (n->field) {
	case QUERY_FIELD_TITLE: r = field_has(a, F_TITLE, w); break;
	case QUERY_FIELD_AUTHOR: r = field_has(a, F_AUTHOR, w); break;
	case QUERY_FIELD_TEXT: r = field_has(a, F_TEXT, w); break;
	case QUERY_FIELD_LINK: r = field_has(a, F_LINK, w); break;
	default:
		for (f = 0; f < NFIELDS && !r; f++)
			r = field_has(a, f, w);
	}
	free(w);
	return r;
}

static bool
feed_has(const struct art *a, const char *folded)
{
	char *t = fold(feed_titles[a->feed]), *u = fold(feed_urls[a->feed]);
	bool r = strstr(t, folded) || strstr(u, folded);

	free(t);
	free(u);
	return r;
}

static bool
eval(const struct art *a, const struct query_node *n)
{
	size_t i;

	switch (n->kind) {
	case QUERY_AND: return eval(a, n->a) && eval(a, n->b);
	case QUERY_OR: return eval(a, n->a) || eval(a, n->b);
	case QUERY_NOT: return !eval(a, n->a);
	case QUERY_WORD: return has_word(a, n);
	case QUERY_FEED: return feed_has(a, n->text);
	case QUERY_TAG:
		for (i = 0; i < n->nurls; i++)
			if (!strcmp(n->urls[i], feed_urls[a->feed]))
				return true;
		return false;
	case QUERY_UNREAD: return !a->read;
	case QUERY_READ: return a->read;
	case QUERY_STARRED: return a->starred;
	case QUERY_AFTER: return a->date >= n->value;
	case QUERY_BEFORE: return a->date < n->value;
	case QUERY_NEWER: return a->date >= now - n->value;
	case QUERY_OLDER: return a->date < now - n->value;
	case QUERY_HAS_ENCLOSURE: return a->enclosure;
	case QUERY_HAS_FULLTEXT: return a->fulltext;
	}
	return false;
}

/* ---- random queries ---- */

static void
put_day(struct buf *b, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char day[16];

	gmtime_r(&tt, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	buf_puts(b, day);
}

/* One surface form of a word: as stored, in capitals, decomposed. */
static void
put_word(struct buf *b)
{
	const char *w = any_word();
	const char *p;

	if (!strcmp(w, "Café") && rnd(2)) {
		buf_puts(b, rnd(2) ? "cafe\xcc\x81" : "CAF\xc3\x89");
		return;
	}
	if (is_cjk(w) || rnd(3)) {
		buf_puts(b, w);
		return;
	}
	for (p = w; *p; p++)
		buf_putc(b, *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p);
}

static void
put_term(struct buf *b)
{
	static const char *const fields[] = { "title:", "author:", "text:", "link:" };
	static const char *const units[] = { "s", "m", "h", "d", "w" };
	static const char *const feedw[] = { "news", "BETA", "café", "example", "zzz", "/rss" };
	const char *w;

	switch (rnd(16)) {
	case 0: case 1: case 2:
		put_word(b);
		break;
	case 3: case 4:
		buf_puts(b, fields[rnd(4)]);
		put_word(b);
		break;
	case 5:	/* a prefix */
		do	/* cut where a character ends */
			w = latin[rnd(sizeof(latin) / sizeof(*latin))];
		while (!strcmp(w, "Café"));
		buf_printf(b, "%.*s*", 2 + (int)rnd(3), w);
		break;
	case 6:	/* a phrase */
		buf_putc(b, '"');
		put_word(b);
		buf_putc(b, ' ');
		put_word(b);
		buf_putc(b, '"');
		break;
	case 7:
		buf_puts(b, rnd(2) ? "unread" : rnd(2) ? "read" : "starred");
		break;
	case 8:
		buf_printf(b, "feed:\"%s\"", feedw[rnd(6)]);
		break;
	case 9:
		buf_printf(b, "tag:t%u", rnd(3));
		break;
	case 10:
		buf_puts(b, rnd(2) ? "after:" : "before:");
		put_day(b, now - (int64_t)rnd(400) * 86400);
		break;
	case 11:
		w = units[rnd(5)];
		buf_printf(b, "%s:%u%s", rnd(2) ? "newer" : "older",
			   1 + rnd(*w == 'w' ? 60 : *w == 'd' ? 400 : 10000), w);
		break;
	case 12:
		buf_puts(b, rnd(2) ? "has:enclosure" : "has:fulltext");
		break;
	default:
		put_word(b);
	}
}

static void
put_query(struct buf *b, int depth)
{
	int n = 1 + (int)rnd(3), i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_puts(b, rnd(3) ? " " : " OR ");
		if (!rnd(4))
			buf_puts(b, rnd(2) ? "-" : "NOT ");
		if (depth < 3 && !rnd(4)) {
			buf_putc(b, '(');
			put_query(b, depth + 1);
			buf_putc(b, ')');
		} else
			put_term(b);
	}
}

/* tag:tK: the feeds whose index has bit K. */
static void
tags(void *ud, enum query_kind kind, const char *text, char ***urls, size_t *n)
{
	int k, f;

	(void)ud;
	if (kind != QUERY_TAG)
		return;
	k = text[1] - '0';
	for (f = 0; f < NFEEDS; f++)
		if ((f + 1) & (1 << k)) {
			*urls = xreallocarray(*urls, *n + 1, sizeof(**urls));
			(*urls)[(*n)++] = xstrdup(feed_urls[f]);
		}
}

static int
by_date(const void *x, const void *y)
{
	const struct art *a = *(struct art *const *)x, *b = *(struct art *const *)y;

	if (a->date != b->date)
		return a->date < b->date ? 1 : -1;
	return a->rowid < b->rowid ? 1 : a->rowid > b->rowid ? -1 : 0;
}

/* ---- the store ---- */

static struct store *
build_store(const char *path)
{
	struct bl_err err = {0};
	struct store *s = store_open(path, &err);
	int64_t feeds[NFEEDS];
	struct item_row *rows = xcalloc(NARTICLES, sizeof(*rows));
	struct item_filter all = {0};
	struct feed_state fs;
	size_t n, i, j;
	int f, k;

	assert_non_null(s);
	for (f = 0; f < NFEEDS; f++) {
		struct feed_info fi = { .title = (char *)feed_titles[f] };

		assert_int_equal(store_feed_get(s, feed_urls[f], &fs, &err), BL_OK);
		feeds[f] = fs.id;
		feed_state_clear(&fs);
		assert_int_equal(store_refresh_begin(s, feeds[f], &err), BL_OK);
		assert_int_equal(store_refresh_info(s, feeds[f], &fi, &err), BL_OK);
		assert_int_equal(store_refresh_end(s, &err), BL_OK);
	}
	for (k = 0; k < NARTICLES; k++) {
		struct item it;
		bool is_new;

		make_article(&arts[k], k, &it);
		assert_int_equal(store_refresh_begin(s, feeds[arts[k].feed], &err), BL_OK);
		assert_int_equal(store_refresh_item(s, feeds[arts[k].feed], &it, &is_new, &err),
				 BL_OK);
		assert_int_equal(store_refresh_end(s, &err), BL_OK);
		item_clear(&it);
	}
	assert_int_equal(store_list(s, &all, 0, NARTICLES, rows, &n, &err), BL_OK);
	assert_int_equal(n, NARTICLES);
	for (i = 0; i < n; i++) {
		for (j = 0; j < NARTICLES && strcmp(arts[j].link, rows[i].link); j++)
			;
		assert_true(j < NARTICLES);
		arts[j].rowid = rows[i].rowid;
		if ((arts[j].read = rnd(2)))
			assert_int_equal(store_set_read(s, rows[i].rowid, true, &err), BL_OK);
		if ((arts[j].starred = rnd(6) == 0))
			assert_int_equal(store_set_starred(s, rows[i].rowid, true, &err), BL_OK);
		if ((arts[j].fulltext = rnd(7) == 0))
			assert_int_equal(store_fulltext_put(s, rows[i].rowid, "<p>full</p>", &err),
					 BL_OK);
		item_row_clear(&rows[i]);
	}
	free(rows);
	return s;
}

/* The store's rows[0..n) are want's, in order (and are cleared). */
static void
check_rows(const char *src, struct item_row *rows, size_t n, struct art **want)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (rows[i].rowid != want[i]->rowid)
			print_message("query [%s]: row %zu is %lld, want %lld\n", src, i,
				      (long long)rows[i].rowid, (long long)want[i]->rowid);
		assert_int_equal(rows[i].rowid, want[i]->rowid);
		item_row_clear(&rows[i]);
	}
}

/* One query: the store's rows and counts against the evaluation's. */
static void
check_query(struct store *s, const char *src, struct item_row *rows, struct art **want)
{
	struct query_error qe;
	struct query *q = query_parse(src, &qe);
	struct item_filter f = {0};
	struct bl_err err = {0};
	size_t n = 0, nwant = 0, i;
	int64_t count = -1;
	int k;

	if (!q)
		print_message("query [%s]: %s\n", src, qe.msg);
	assert_non_null(q);
	query_resolve_feeds(q, tags, NULL);
	for (k = 0; k < NARTICLES; k++)
		if (eval(&arts[k], q->root))
			want[nwant++] = &arts[k];
	qsort(want, nwant, sizeof(*want), by_date);
	f.query = q;
	assert_int_equal(store_list(s, &f, 0, NARTICLES + 1, rows, &n, &err), BL_OK);
	assert_int_equal(store_count(s, &f, &count, &err), BL_OK);
	if (n != nwant || count != (int64_t)nwant)
		print_message("query [%s]: store %zu rows, count %lld; evaluation %zu\n", src, n,
			      (long long)count, nwant);
	assert_int_equal(n, nwant);
	assert_int_equal(count, (int64_t)nwant);
	check_rows(src, rows, n, want);
	/*
	 * A screen of the list (a list of few rows may be read another way
	 * than the whole, doc/QUERY.md) and the unread count a virtual feed shows.
	 */
	assert_int_equal(store_list(s, &f, 5, 10, rows, &n, &err), BL_OK);
	assert_int_equal(n, nwant <= 5 ? 0 : nwant - 5 < 10 ? nwant - 5 : 10);
	check_rows(src, rows, n, want + 5);
	f.unread_only = true;
	assert_int_equal(store_count(s, &f, &count, &err), BL_OK);
	for (i = 0, k = 0; i < nwant; i++)
		if (!want[i]->read)
			want[k++] = want[i];
	if (count != k)
		print_message("query [%s]: unread count %lld, want %d\n", src, (long long)count, k);
	assert_int_equal(count, k);
	assert_int_equal(store_list(s, &f, 0, NARTICLES + 1, rows, &n, &err), BL_OK);
	assert_int_equal(n, (size_t)k);
	check_rows(src, rows, n, want);
	query_free(&q);
}

/* ---- the statements a count runs ---- */

/* The counts (or lists) a store runs while traced: their SQL, values written in. */
static char **traced;
static size_t ntraced;
static const char *trace_prefix;

static int
trace_count(unsigned type, void *ud, void *p, void *x)
{
	char *sql = sqlite3_expanded_sql(p);

	(void)type, (void)ud, (void)x;
	if (sql && !strncmp(sql, trace_prefix, strlen(trace_prefix))) {
		traced = xreallocarray(traced, ntraced + 1, sizeof(*traced));
		traced[ntraced++] = xstrdup(sql);
	}
	sqlite3_free(sql);
	return 0;
}

/*
 * The count of src (of its unread when unread), or with limit its list's
 * first limit rows (*n: how many came), the number of count (or list)
 * statements it ran, and their plans (EXPLAIN QUERY PLAN, a line each) in
 * *plans.
 */
static size_t
query_plans(struct store *s, const char *src, bool unread, size_t limit, struct buf *plans,
	    int64_t *n)
{
	struct query_error qe;
	struct query *q = query_parse(src, &qe);
	struct item_filter f = { .query = q, .unread_only = unread };
	struct item_row rows[16];
	struct bl_err err = {0};
	size_t i, ran, got;

	assert_non_null(q);
	assert_true(limit <= 16);
	query_resolve_feeds(q, tags, NULL);
	trace_prefix = limit ? "SELECT k.id" : "SELECT count(*)";
	sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, trace_count, NULL);
	if (limit) {
		assert_int_equal(store_list(s, &f, 0, limit, rows, &got, &err), BL_OK);
		*n = (int64_t)got;
		while (got)
			item_row_clear(&rows[--got]);
	} else {
		assert_int_equal(store_count(s, &f, n, &err), BL_OK);
	}
	sqlite3_trace_v2(s->db, 0, NULL, NULL);
	buf_reset(plans);
	buf_putc(plans, '\n');	/* each line between newlines */
	for (i = 0; i < ntraced; i++) {
		char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", traced[i]);
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(s->db, eqp, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(plans, "%s\n", (const char *)sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
		free(eqp);
		free(traced[i]);
	}
	ran = ntraced;
	free(traced);
	traced = NULL;
	ntraced = 0;
	query_free(&q);
	return ran;
}

/* The count of src (its unread: unread) is the evaluation's. */
static void
check_count(const char *src, bool unread, int64_t n)
{
	struct query_error qe;
	struct query *q = query_parse(src, &qe);
	int64_t want = 0;
	int k;

	query_resolve_feeds(q, tags, NULL);
	for (k = 0; k < NARTICLES; k++)
		want += eval(&arts[k], q->root) && (!unread || !arts[k].read);
	if (n != want)
		print_message("query [%s]: count %lld, want %lld\n", src, (long long)n,
			      (long long)want);
	assert_int_equal(n, want);
	query_free(&q);
}

/*
 * What the counts from counts read, by their plans (no time is measured):
 * the unread of a wide date range from a range of the unread index (its
 * weeks), not the flag of every article in the range; a count of five NOTs taken apart whole, no piece walking the
 * articles; and one past the rules' bound counted by one statement.
 */
static void
check_count_plans(struct store *s)
{
	struct buf plans = {0};
	int64_t n;
	size_t ran;

	ran = query_plans(s, "older:30d", true, 0, &plans, &n);
	check_count("older:30d", true, n);
	if (strstr(buf_cstr(&plans), "USING INDEX item_state_date") || !strstr(buf_cstr(&plans),
	    "USING INDEX item_state_unread (<expr>"))
		print_message("unread older:30d, %zu statements:\n%s", ran, buf_cstr(&plans));
	assert_null(strstr(buf_cstr(&plans), "USING INDEX item_state_date"));
	assert_non_null(strstr(buf_cstr(&plans), "USING INDEX item_state_unread (<expr>"));

	ran = query_plans(s, "-kernel -rust -apple -phone -night", false, 0, &plans, &n);
	check_count("-kernel -rust -apple -phone -night", false, n);
	if (strstr(buf_cstr(&plans), "SCAN s"))
		print_message("five NOTs, %zu statements:\n%s", ran, buf_cstr(&plans));
	assert_null(strstr(buf_cstr(&plans), "SCAN s"));

	ran = query_plans(s, "(unread OR starred) (has:fulltext OR starred) (feed:news OR read) "
			  "(tag:t0 OR unread)", false, 0, &plans, &n);
	check_count("(unread OR starred) (has:fulltext OR starred) (feed:news OR read) "
		    "(tag:t0 OR unread)", false, n);
	assert_int_equal(ran, 1);
	buf_free(&plans);
}

/*
 * A list of few matches with ORs of sets walks item_state itself, once
 * ("SCAN s", a line of its own), never the dates' index (a look-up of
 * each row's flags) nor a union of each OR's thousands of rows.
 */
static void
check_list_plans(struct store *s)
{
	static const char src[] = "(unread OR starred) (has:fulltext OR starred) (feed:news OR read)"
				  " (newer:60w OR unread)";
	struct buf plans = {0};
	const char *p;
	int64_t n;
	size_t ran;

	ran = query_plans(s, src, false, 10, &plans, &n);
	assert_int_equal(ran, 1);
	p = buf_cstr(&plans);
	if (!strstr(p, "\nSCAN s\n") || strstr(p, "item_state_date") || strstr(p, "UNION"))
		print_message("the list of %s:\n%s", src, p);
	assert_non_null(strstr(p, "\nSCAN s\n"));
	assert_null(strstr(p, "item_state_date"));
	assert_null(strstr(p, "UNION"));
	buf_free(&plans);
}

static void
test_random_queries(void **state)
{
	char dir[] = "/tmp/byline-test-query-XXXXXX", *path, *cmd;
	struct item_row *rows = xcalloc(NARTICLES + 1, sizeof(*rows));
	struct art **want = xcalloc(NARTICLES, sizeof(*want));
	struct buf b = {0};
	struct store *s;
	int i, nonempty = 0;

	(void)state;
	now = (int64_t)time(NULL);
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/byline.db", dir);
	s = build_store(path);
	/* Fixed ones first: every kind of term, alone. */
	static const char *const fixed[] = {
		"kernel", "KERNEL", "rust*", "cafe\xcc\x81", "苹果", "猫", "title:東京",
		"\"rust kernel\"", "link:apple", "author:night", "text:phone", "feed:news",
		"tag:t0", "unread", "read", "starred", "newer:30d", "older:10w",
		"has:enclosure", "has:fulltext", "-kernel", "kernel OR 芯片", "NOT (unread OR starred)",
		"unread -title:rust*", "(apple OR phone) -(read starred)",
	};
	for (i = 0; i < (int)(sizeof(fixed) / sizeof(*fixed)); i++)
		check_query(s, fixed[i], rows, want);
	check_count_plans(s);
	check_list_plans(s);
	for (i = 0; i < NQUERIES; i++) {
		struct query_error qe;
		struct query *q;
		int k, hits = 0;

		buf_reset(&b);
		put_query(&b, 0);
		check_query(s, buf_cstr(&b), rows, want);
		q = query_parse(buf_cstr(&b), &qe);
		for (k = 0; k < NARTICLES; k++)
			hits += eval(&arts[k], q->root);
		nonempty += hits > 0 && hits < NARTICLES;
		query_free(&q);
	}
	/* the queries must tell articles apart, or the property says little */
	print_message("%d of %d random queries chose some articles but not all\n", nonempty,
		      NQUERIES);
	assert_true(nonempty > NQUERIES / 3);
	store_close(&s);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
	free(rows);
	free(want);
	buf_free(&b);
	for (i = 0; i < NARTICLES; i++) {
		int f, t;

		for (f = 0; f < NFIELDS; f++)
			for (t = 0; t < arts[i].ntok[f]; t++)
				free(arts[i].tok[f][t]);
		free(arts[i].link);
	}
}

/* One article of feed `feed` by connection s, with an enclosure or not (an update when guid is known). */
static void
put_episode(struct store *s, int64_t feed, const char *guid, bool enclosure)
{
	struct enclosure e = { (char *)"https://example.org/e.mp3", (char *)"audio/mpeg", 1, -1 };
	struct item it = { .id = (char *)guid, .title = (char *)guid, .published = now,
			   .updated = BL_NO_DATE, .enclosures = enclosure ? &e : NULL,
			   .nenclosures = enclosure };
	struct bl_err err = {0};
	bool is_new;

	assert_int_equal(store_refresh_begin(s, feed, &err), BL_OK);
	assert_int_equal(store_refresh_item(s, feed, &it, &is_new, &err), BL_OK);
	assert_int_equal(store_refresh_end(s, &err), BL_OK);
}

/* tag:T of a config naming one feed (its URL, ud; NULL: none) as carrying "podcasts". */
static void
config_tags(void *ud, enum query_kind kind, const char *text, char ***urls, size_t *n)
{
	if (!ud || kind != QUERY_TAG || strcmp(text, "podcasts"))
		return;
	*urls = xreallocarray(*urls, *n + 1, sizeof(**urls));
	(*urls)[(*n)++] = xstrdup(ud);
}

/* The store's count of a query, its tags as config_tags gives them for config_url. */
static int64_t
tag_count(struct store *s, const char *src, const char *config_url)
{
	struct query_error qe;
	struct query *q = query_parse(src, &qe);
	struct item_filter f = { .query = q };
	struct bl_err err = {0};
	int64_t n = -1;

	assert_non_null(q);
	query_resolve_feeds(q, config_tags, (void *)config_url);
	assert_int_equal(store_count(s, &f, &n, &err), BL_OK);
	query_free(&q);
	return n;
}

static int64_t
count_of(struct store *s, const char *src)
{
	return tag_count(s, src, NULL);
}

/* A store in a new folder of /tmp (dir: a mkdtemp template); *path: its file. */
static struct store *
temp_store(char *dir, char **path)
{
	struct bl_err err = {0};
	struct store *s;

	now = (int64_t)time(NULL);
	assert_non_null(mkdtemp(dir));
	*path = xasprintf("%s/byline.db", dir);
	assert_non_null(s = store_open(*path, &err));
	return s;
}

/* Closes a temp_store and removes its folder. */
static void
temp_store_remove(struct store **s, const char *dir, char *path)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	store_close(s);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
}

/*
 * has:enclosure reads its set of articles once and keeps it: an article
 * with an enclosure that arrives afterwards, by this connection or another
 * (a background refresh), and one that loses its enclosure, are counted.
 */
static void
test_enclosure_set_follows(void **state)
{
	char dir[] = "/tmp/byline-test-query-XXXXXX", *path;
	struct bl_err err = {0};
	struct store *s, *other;
	struct feed_state fs;
	int64_t feed;

	(void)state;
	s = temp_store(dir, &path);
	assert_int_equal(store_feed_get(s, "https://pod.example/rss", &fs, &err), BL_OK);
	feed = fs.id;
	feed_state_clear(&fs);
	put_episode(s, feed, "e1", true);
	put_episode(s, feed, "t1", false);
	assert_int_equal(count_of(s, "has:enclosure"), 1);
	assert_int_equal(count_of(s, "-has:enclosure"), 1);
	put_episode(s, feed, "e2", true);
	assert_int_equal(count_of(s, "has:enclosure"), 2);
	assert_non_null(other = store_open(path, &err));
	put_episode(other, feed, "e3", true);
	assert_int_equal(count_of(s, "has:enclosure"), 3);
	put_episode(other, feed, "e1", false);	/* the episode's file was taken down */
	assert_int_equal(count_of(s, "has:enclosure"), 2);
	assert_int_equal(count_of(s, "has:enclosure OR starred"), 2);
	store_close(&other);
	temp_store_remove(&s, dir, path);
}

/*
 * tag:T sees a synced feed's folders (sync_feed.tags, one a line) as it
 * sees the config's tags: any case, a folder under T included; and the
 * feeds of both, once each.
 */
static void
test_sync_folders(void **state)
{
	char dir[] = "/tmp/byline-test-query-XXXXXX", *path;
	const struct store_sync_feed sf[] = {
		{ .remote = "feed/1", .url = "https://a.example/rss", .tags = "科技/AI\nNews" },
		{ .remote = "feed/2", .url = "https://b.example/rss", .tags = "Podcasts" },
		{ .remote = "feed/3", .url = "https://c.example/rss", .tags = "" },
	};
	struct bl_err err = {0};
	struct feed_state fs;
	struct store *s;
	int64_t feed[4];
	size_t i, removed;
	bool is_new;

	(void)state;
	s = temp_store(dir, &path);
	assert_int_equal(store_sync_feeds_begin(s, &err), BL_OK);
	for (i = 0; i < 3; i++)
		assert_int_equal(store_sync_feed_put(s, &sf[i], &feed[i], &is_new, &err), BL_OK);
	assert_int_equal(store_sync_feeds_end(s, &removed, &err), BL_OK);
	assert_int_equal(store_feed_get(s, "https://own.example/rss", &fs, &err), BL_OK);
	feed[3] = fs.id;
	feed_state_clear(&fs);
	for (i = 0; i < 4; i++) {
		char guid[16];

		snprintf(guid, sizeof(guid), "g%zu", i);
		put_episode(s, feed[i], guid, false);
		if (i == 0)
			put_episode(s, feed[i], "g0b", false);
	}
	assert_int_equal(tag_count(s, "tag:news", NULL), 2);
	assert_int_equal(tag_count(s, "tag:科技", NULL), 2);
	assert_int_equal(tag_count(s, "tag:科技/ai", NULL), 2);
	assert_int_equal(tag_count(s, "tag:科", NULL), 0);
	assert_int_equal(tag_count(s, "tag:AI", NULL), 0);
	assert_int_equal(tag_count(s, "tag:podcasts", NULL), 1);
	assert_int_equal(tag_count(s, "-tag:news", NULL), 3);
	assert_int_equal(tag_count(s, "tag:news OR tag:podcasts", NULL), 3);
	/* The config tags another feed "podcasts": both count; the synced one tagged twice, once. */
	assert_int_equal(tag_count(s, "tag:podcasts", "https://own.example/rss"), 2);
	assert_int_equal(tag_count(s, "tag:podcasts", "https://b.example/rss"), 1);
	temp_store_remove(&s, dir, path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_queries),
		cmocka_unit_test(test_enclosure_set_follows),
		cmocka_unit_test(test_sync_folders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
