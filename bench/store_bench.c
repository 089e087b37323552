/* Store benchmark: builds a database of N articles, then times what the reader's first screen and search need. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/store.h"
#include "bench.h"

#define FEEDS 200

/* CPU time of this process: on a loaded machine, wall time says little. */
static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Marker words, each put in about 1% of the articles (see fill_item). */
static const char *const markers[] = { "人工智能", "ニュース", "kernel", "芯片", "भारत" };
#define NMARKERS (sizeof(markers) / sizeof(markers[0]))

static void
put_utf8(struct buf *b, unsigned cp)
{
	char u[3] = { (char)(0xe0 | cp >> 12), (char)(0x80 | ((cp >> 6) & 0x3f)),
		      (char)(0x80 | (cp & 0x3f)) };

	buf_append(b, u, 3);
}

/* A word of the vocabulary: Chinese (2 characters), Japanese katakana (3) or Latin (5-8 letters). */
static void
make_word(struct buf *b, unsigned *seed)
{
	int kind = rand_r(seed) % 3, i;

	if (kind == 0)
		for (i = 0; i < 2; i++)
			put_utf8(b, 0x4e00 + rand_r(seed) % 3000);
	else if (kind == 1)
		for (i = 0; i < 3; i++)
			put_utf8(b, 0x30a1 + rand_r(seed) % 80);
	else
		for (i = 5 + rand_r(seed) % 4; i > 0; i--)
			buf_putc(b, (char)('a' + rand_r(seed) % 26));
}

#define VOCAB 5000
static char *vocab[VOCAB];

/* Like language, a fixed vocabulary with a few frequent words and many rare ones. */
static void
put_word(struct buf *b, unsigned *seed)
{
	unsigned vseed = 7;
	double u;
	int i;

	if (!vocab[0])
		for (i = 0; i < VOCAB; i++) {
			struct buf w = {0};
			make_word(&w, &vseed);
			vocab[i] = buf_steal(&w);
		}
	u = (double)rand_r(seed) / RAND_MAX;
	buf_puts(b, vocab[(int)(VOCAB * u * u * u) % VOCAB]);
}

static void
fill_item(struct item *it, int feed, int i, unsigned *seed)
{
	struct buf b = {0};
	int w;

	memset(it, 0, sizeof(*it));
	it->id = xasprintf("tag:bench,%d:%d", feed, i);
	for (w = 0; w < 6; w++) {
		if (w)
			buf_putc(&b, ' ');
		if (rand_r(seed) % 600 == 0)
			buf_puts(&b, markers[rand_r(seed) % NMARKERS]);
		else
			put_word(&b, seed);
	}
	it->title = buf_steal(&b);
	it->link = xasprintf("https://feed%d.example/%d", feed, i);
	it->author = xstrdup("作者 Author");
	it->published = 1700000000 + (int64_t)i * 3600 + feed * 7;
	it->updated = BL_NO_DATE;
	for (w = 0; w < 300; w++) {
		buf_puts(&b, w % 20 ? " " : "<p>");
		if (rand_r(seed) % 3000 == 0)
			buf_puts(&b, markers[rand_r(seed) % NMARKERS]);
		else
			put_word(&b, seed);
		if (w % 20 == 19)
			buf_puts(&b, "</p>");
	}
	it->content = buf_steal(&b);
}

static void
build(struct store *s, int per_feed)
{
	struct bl_err err = {0};
	struct feed_state fs;
	struct item it;
	unsigned seed = 42;
	char url[64];
	int f, i;
	double t_start = now_ms();

	for (f = 0; f < FEEDS; f++) {
		snprintf(url, sizeof(url), "https://feed%d.example/rss", f);
		if (store_feed_get(s, url, &fs, &err) || store_refresh_begin(s, fs.id, &err))
			goto fail;
		for (i = 0; i < per_feed; i++) {
			fill_item(&it, f, i, &seed);
			if (store_refresh_item(s, fs.id, &it, NULL, &err))
				goto fail;
			item_clear(&it);
		}
		if (store_refresh_end(s, &err))
			goto fail;
		feed_state_clear(&fs);
		if (getenv("BENCH_TRACE") && f % 20 == 19)
			fprintf(stderr, "%d feeds: %.0f ms\n", f + 1, now_ms() - t_start);
	}
	return;
fail:
	fprintf(stderr, "store_bench: %s\n", err.msg);
	exit(1);
}

static void
time_list(struct store *s, const char *what, const struct item_filter *f)
{
	struct item_row rows[60];
	struct bl_err err = {0};
	int64_t n = 0;
	size_t got, i;
	double t0 = now_ms(), c0 = cpu_ms(), t1, c1;

	if (store_count(s, f, &n, &err) || store_list(s, f, 0, 60, rows, &got, &err)) {
		fprintf(stderr, "store_bench: %s\n", err.msg);
		exit(1);
	}
	t1 = now_ms();
	c1 = cpu_ms();
	for (i = 0; i < got; i++)
		item_row_clear(&rows[i]);
	printf("  %-34s %8.2f ms  (cpu %7.2f ms)  (%lld rows)\n", what, t1 - t0, c1 - c0,
	       (long long)n);
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *path = argc > 1 ? argv[1] : "bench/out/store-100k.db";
	int per_feed = argc > 2 ? atoi(argv[2]) : 500;
	struct bl_err err = {0};
	struct store *s;
	struct feed_counts c;
	double t0;
	int f;

	if (access(path, F_OK)) {
		s = store_open(path, &err);
		if (!s)
			return fprintf(stderr, "store_bench: %s\n", err.msg), 1;
		t0 = now_ms();
		build(s, per_feed);
		printf("stored %d articles in %.1f s (200 refresh transactions)\n", FEEDS * per_feed,
		       (now_ms() - t0) / 1e3);
		if (getenv("BENCH_STORE_ONLY"))
			return 0;
		t0 = now_ms();
		if (store_index(s, 0, NULL, &err))
			return fprintf(stderr, "store_bench: %s\n", err.msg), 1;
		printf("indexed them for search in %.1f s\n", (now_ms() - t0) / 1e3);
		store_close(&s);
	}
	t0 = now_ms();
	s = store_open(path, &err);
	if (!s)
		return fprintf(stderr, "store_bench: %s\n", err.msg), 1;
	printf("store on %s\n  %-34s %8.2f ms\n", path, "open",
	       now_ms() - t0);
	t0 = now_ms();
	for (f = 1; f <= FEEDS; f++)
		store_feed_counts(s, f, &c, &err);
	printf("  %-34s %8.2f ms\n", "unread/total counts of 200 feeds", now_ms() - t0);
	time_list(s, "all: count + first 60 rows", &(struct item_filter){ 0 });
	time_list(s, "unread: count + first 60", &(struct item_filter){ .unread_only = true });
	time_list(s, "one feed: count + first 60", &(struct item_filter){ .feed_id = 7 });
	time_list(s, "starred: count + first 60", &(struct item_filter){ .starred_only = true });
	if (getenv("BENCH_NO_SEARCH")) {
		store_close(&s);
		return 0;
	}
	time_list(s, "search 人工智能 (trigram)", &(struct item_filter){ .search = "人工智能" });
	time_list(s, "search ニュース kernel (trigram)",
		  &(struct item_filter){ .search = "ニュース kernel" });
	time_list(s, "search kernel (trigram)", &(struct item_filter){ .search = "kernel" });
	time_list(s, "search 芯片 (2 chars: titles)", &(struct item_filter){ .search = "芯片" });
	time_list(s, "search 芯片 kernel (mixed)",
		  &(struct item_filter){ .search = "芯片 kernel" });
	time_list(s, "search zzzqqq (no match)", &(struct item_filter){ .search = "zzzqqq" });
	t0 = now_ms();
	if (store_check(s, &err))
		fprintf(stderr, "store_bench: %s\n", err.msg);
	printf("  %-34s %8.2f ms\n", "quick_check (store_check)", now_ms() - t0);
	store_close(&s);
	return 0;
}
