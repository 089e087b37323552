/* The scale bench's timings through the store API: search, opening articles, marking a feed read, expiry. */
/*
 * usage: scale_probe search DB RUNS WORD...   first screen of a search (count + 60 rows)
 *        scale_probe open DB RUNS             opening an article (store_item_get)
 *        scale_probe mark DB RUNS             mark the biggest feed read, undo
 *        scale_probe expire DB DAYS           keep-days DAYS, while a second
 *                                             connection marks an article every 5 ms
 *        scale_probe lists DB RUNS            the reader's lists: all unread, a feed,
 *                                             starred; first and last screen
 *        scale_probe query DB RUNS EXPR...    a query's first screen: its count, its
 *                                             unread count and 60 rows (and the
 *                                             median of each of the three)
 * Each timing line: "name median_ms max_ms [extra]" over RUNS runs (wall
 * time; the machine is shared, so medians). No figure here is asserted.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "byline/mem.h"
#include "byline/query.h"
#include "byline/store.h"
#include "bench.h"

static void
report(const char *name, double *t, int n, const char *extra)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	printf("%-28s %9.2f %9.2f %s\n", name, t[n / 2], t[n - 1], extra ? extra : "");
}

static void
die(const char *what, const struct bl_err *err)
{
	fprintf(stderr, "scale_probe: %s: %s\n", what, err->msg);
	exit(1);
}

static struct store *
open_db(const char *path)
{
	struct bl_err err = {0};
	struct store *s = store_open(path, &err);

	if (!s)
		die(path, &err);
	return s;
}

/* count + the first 60 rows, as the reader's first screen of a list asks. */
static double
screen(struct store *s, const struct item_filter *f, int64_t offset, int64_t *n)
{
	struct item_row rows[60];
	struct bl_err err = {0};
	double t0 = now_ms();
	size_t got, i;

	if (store_count(s, f, n, &err) || store_list(s, f, offset, 60, rows, &got, &err))
		die("list", &err);
	for (i = 0; i < got; i++)
		item_row_clear(&rows[i]);
	return now_ms() - t0;
}

static int
cmd_search(const char *db, int runs, char **words, int nwords)
{
	struct store *s = open_db(db);
	double *t = xcalloc((size_t)runs, sizeof(*t));
	struct bl_err err = {0};
	char extra[64];
	int64_t n = 0;
	int w, r;

	/* Whatever refreshes left waiting is indexed first, untimed. */
	if (store_index(s, 0, NULL, &err))
		die("index", &err);
	for (w = 0; w < nwords; w++) {
		struct item_filter f = { .search = words[w] };

		for (r = 0; r < runs; r++)
			t[r] = screen(s, &f, 0, &n);
		snprintf(extra, sizeof(extra), "(%lld hits)", (long long)n);
		report(words[w], t, runs, extra);
	}
	free(t);
	store_close(&s);
	return 0;
}

/* A query view's first screen: count + 60 rows (screen) and its unread count. */
static int
cmd_query(const char *db, int runs, char **exprs, int n)
{
	struct store *s = open_db(db);
	double *t = xcalloc((size_t)runs * 4, sizeof(*t)), *part[3], t0, t1, t2;
	struct bl_err err = {0};
	struct query_error qe;
	struct item_row rows[60];
	char extra[128];
	int64_t hits = 0, unread = 0;
	size_t got, i;
	int w, r, k;

	for (k = 0; k < 3; k++)
		part[k] = t + (size_t)runs * (size_t)(k + 1);
	if (store_index(s, 0, NULL, &err))
		die("index", &err);
	for (w = 0; w < n; w++) {
		struct query *q = query_parse(exprs[w], &qe);
		struct item_filter f = { .query = q }, fu = { .query = q, .unread_only = true };

		if (!q) {
			fprintf(stderr, "scale_probe: %s: %s\n", exprs[w], qe.msg);
			return 1;
		}
		for (r = 0; r < runs; r++) {
			t0 = now_ms();
			if (store_count(s, &f, &hits, &err))
				die("count", &err);
			t1 = now_ms();
			if (store_count(s, &fu, &unread, &err))
				die("count", &err);
			t2 = now_ms();
			if (store_list(s, &f, 0, 60, rows, &got, &err))
				die("list", &err);
			for (i = 0; i < got; i++)
				item_row_clear(&rows[i]);
			t[r] = now_ms() - t0;
			part[0][r] = t1 - t0, part[1][r] = t2 - t1, part[2][r] = now_ms() - t2;
		}
		for (k = 0; k < 3; k++)
			qsort(part[k], (size_t)runs, sizeof(double), cmp_double);
		snprintf(extra, sizeof(extra), "(%lld hits, %lld unread; %.1f + %.1f + %.1f)",
			 (long long)hits, (long long)unread, part[0][runs / 2], part[1][runs / 2],
			 part[2][runs / 2]);
		report(exprs[w], t, runs, extra);
		query_free(&q);
	}
	free(t);
	store_close(&s);
	return 0;
}

static int
cmd_open(const char *db, int runs)
{
	struct store *s = open_db(db);
	struct item_filter all = {0};
	double *t = xcalloc((size_t)runs, sizeof(*t)), t0;
	struct bl_err err = {0};
	struct item_row row;
	struct item it;
	int64_t total = 0;
	size_t got;
	int r;

	if (store_count(s, &all, &total, &err) || total == 0)
		die("count", &err);
	for (r = 0; r < runs; r++) {
		/* An article anywhere in the list: its row, then the article (untimed list). */
		if (store_list(s, &all, (int64_t)((unsigned)r * 2654435761u % (uint64_t)total), 1,
			       &row, &got, &err) || got != 1)
			die("list", &err);
		t0 = now_ms();
		if (store_item_get(s, row.rowid, &it, &err))
			die("get", &err);
		t[r] = now_ms() - t0;
		item_clear(&it);
		item_row_clear(&row);
	}
	report("open an article", t, runs, NULL);
	free(t);
	store_close(&s);
	return 0;
}

/* The feed with the most unread articles. */
static int64_t
biggest_feed(struct store *s, int64_t *unread)
{
	struct feed_counts c;
	struct bl_err err = {0};
	int64_t id, best = 0;

	*unread = -1;
	for (id = 1; id <= 100000; id++) {
		if (store_feed_counts(s, id, &c, &err))
			break;
		if (c.total == 0 && id > 5000)
			break;
		if (c.unread > *unread) {
			*unread = c.unread;
			best = id;
		}
	}
	return best;
}

static int
cmd_mark(const char *db, int runs)
{
	struct store *s = open_db(db);
	double *tm = xcalloc((size_t)runs, sizeof(*tm)), *tu = xcalloc((size_t)runs, sizeof(*tu));
	struct bl_err err = {0};
	int64_t unread, *ids, feed = biggest_feed(s, &unread);
	struct item_filter f = { .feed_id = feed };
	size_t n = 0;
	double t0;
	char extra[64];
	int r;

	for (r = 0; r < runs; r++) {
		t0 = now_ms();
		if (store_mark_all_read(s, &f, &ids, &n, &err))
			die("mark", &err);
		tm[r] = now_ms() - t0;
		t0 = now_ms();
		if (store_set_read_many(s, ids, n, false, &err))
			die("undo", &err);
		tu[r] = now_ms() - t0;
		free(ids);
	}
	snprintf(extra, sizeof(extra), "(%zu articles)", n);
	report("mark a feed read", tm, runs, extra);
	report("undo it", tu, runs, extra);
	free(tm);
	free(tu);
	store_close(&s);
	return 0;
}

/* Durations in ms, for their quantiles. */
struct spread {
	double *t;
	size_t n, cap;
};

static void
spread_add(struct spread *d, double ms)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		d->t = xreallocarray(d->t, d->cap, sizeof(*d->t));
	}
	d->t[d->n++] = ms;
}

/* "median M, 99th P, 99.9th Q, max X ms, K over 50 ms" (sorts d). */
static void
spread_print(const char *name, struct spread *d)
{
	size_t over = 0, i;

	if (!d->n)
		return;
	qsort(d->t, d->n, sizeof(*d->t), cmp_double);
	for (i = 0; i < d->n; i++)
		over += d->t[i] > 50;
	printf("  %s: median %.1f, 99th %.1f, 99.9th %.1f, max %.1f ms; %zu of %zu over 50 ms\n",
	       name, d->t[d->n / 2], d->t[d->n * 99 / 100], d->t[d->n * 999 / 1000], d->t[d->n - 1],
	       over, d->n);
	free(d->t);
}

/* The second writer: marks an article every 5 ms and notes its waits. */
struct marker {
	const char *db;
	volatile int stop;
	double worst;
	long marks;
	struct spread waits;
};

static void *
marker_run(void *ud)
{
	struct marker *m = ud;
	struct store *s = open_db(m->db);
	struct item_filter all = {0};
	struct bl_err err = {0};
	struct item_row row;
	size_t got;
	double t0, d;

	if (store_list(s, &all, 0, 1, &row, &got, &err) || got != 1)
		die("list", &err);
	while (!m->stop) {
		t0 = now_ms();
		if (store_set_read(s, row.rowid, m->marks % 2 == 0, &err))
			die("mark", &err);
		d = now_ms() - t0;
		spread_add(&m->waits, d);
		if (d > m->worst)
			m->worst = d;
		m->marks++;
		usleep(5000);
	}
	item_row_clear(&row);
	store_close(&s);
	return NULL;
}

static int
cmd_expire(const char *db, int days)
{
	struct store *s = open_db(db);
	struct marker m = { .db = db };
	struct item_filter all = {0};
	struct bl_err err = {0};
	int64_t before = 0, after = 0;
	double t0, t, worst = 0, total;
	bool more = true;
	pthread_t th;
	long slices = 0;
	struct spread calls = {0};

	store_count(s, &all, &before, &err);
	pthread_create(&th, NULL, marker_run, &m);
	t0 = now_ms();
	/* As the refresh does: a slice of 25 ms a step of its loop, a pause as long between. */
	while (more) {
		if (slices)
			usleep(25000);
		t = now_ms();
		if (store_expire(s, days, 25, &more, &err))
			die("expire", &err);
		t = now_ms() - t;
		spread_add(&calls, t);
		if (t > worst)
			worst = t;
		slices++;
	}
	total = now_ms() - t0;
	m.stop = 1;
	pthread_join(th, NULL);
	store_count(s, &all, &after, &err);
	printf("expired %lld of %lld articles in %.1f s, %ld calls; longest call %.1f ms; "
	       "another writer's longest wait %.1f ms (%ld marks)\n", (long long)(before - after),
	       (long long)before, total / 1e3, slices, worst, m.worst, m.marks);
	spread_print("expiry's calls", &calls);
	spread_print("the other writer's marks", &m.waits);
	store_close(&s);
	return 0;
}

static int
cmd_lists(const char *db, int runs)
{
	struct store *s = open_db(db);
	double *t = xcalloc((size_t)runs, sizeof(*t));
	int64_t unread, feed = biggest_feed(s, &unread), n = 0;
	struct {
		const char *name;
		struct item_filter f;
	} lists[] = {
		{ "all unread", { .unread_only = true } },
		{ "the biggest feed", { .feed_id = feed } },
		{ "its unread", { .feed_id = feed, .unread_only = true } },
		{ "starred", { .starred_only = true } },
		{ "every article", { 0 } },
	};
	char name[64], extra[64];
	size_t i;
	int r, last;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		for (last = 0; last < 2; last++) {
			screen(s, &lists[i].f, 0, &n);
			for (r = 0; r < runs; r++)
				t[r] = screen(s, &lists[i].f, last && n > 60 ? n - 60 : 0, &n);
			snprintf(name, sizeof(name), "%s: %s", lists[i].name,
				 last ? "last screen" : "first");
			snprintf(extra, sizeof(extra), "(%lld rows)", (long long)n);
			report(name, t, runs, extra);
		}
	free(t);
	store_close(&s);
	return 0;
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 5 && !strcmp(argv[1], "search"))
		return cmd_search(argv[2], atoi(argv[3]), argv + 4, argc - 4);
	if (argc == 4 && !strcmp(argv[1], "open"))
		return cmd_open(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "mark"))
		return cmd_mark(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "expire"))
		return cmd_expire(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "lists"))
		return cmd_lists(argv[2], atoi(argv[3]));
	if (argc >= 5 && !strcmp(argv[1], "query"))
		return cmd_query(argv[2], atoi(argv[3]), argv + 4, argc - 4);
	fprintf(stderr, "usage: scale_probe search DB RUNS WORD... | open DB RUNS | mark DB RUNS | "
			"expire DB DAYS | lists DB RUNS | query DB RUNS EXPR...\n");
	return 2;
}
