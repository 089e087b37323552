/* Unit tests for the store: refresh semantics, flags, lists, search, expiry, migrations, two processes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "byline/mem.h"
#include "byline/query.h"
#include "byline/store.h"
#include "../../src/store/store_int.h"

struct fixture {
	char dir[64];
	char *path;
	struct store *s;
	int64_t feed;
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	struct bl_err err = {0};
	struct feed_state fs;

	strcpy(fx->dir, "/tmp/byline-test-store-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	fx->path = xasprintf("%s/sub/dir/byline.db", fx->dir);
	fx->s = store_open(fx->path, &err);
	assert_non_null(fx->s);
	assert_int_equal(store_feed_get(fx->s, "https://example.com/feed", &fs, &err), BL_OK);
	fx->feed = fs.id;
	feed_state_clear(&fs);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char *cmd = xasprintf("rm -rf '%s'", fx->dir);

	store_close(&fx->s);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(fx->path);
	free(fx);
	return 0;
}

/* An item with the given id, title, content and date (0: none). */
static struct item
mk(const char *id, const char *title, const char *content, int64_t date)
{
	struct item it = {0};

	it.id = xstrdup(id);
	it.title = xstrdup_null(title);
	it.content = xstrdup_null(content);
	it.link = xasprintf("https://example.com/%s", id);
	it.published = date ? date : BL_NO_DATE;
	it.updated = BL_NO_DATE;
	return it;
}

/* Stores items as one refresh of feed; returns how many were new. */
static int
refresh(struct store *s, int64_t feed, struct item *items, size_t n)
{
	struct bl_err err = {0};
	int news = 0;
	bool is_new;
	size_t i;

	assert_int_equal(store_refresh_begin(s, feed, &err), BL_OK);
	for (i = 0; i < n; i++) {
		assert_int_equal(store_refresh_item(s, feed, &items[i], &is_new, &err), BL_OK);
		news += is_new;
	}
	assert_int_equal(store_refresh_end(s, &err), BL_OK);
	return news;
}

static void
clear_items(struct item *items, size_t n)
{
	while (n--)
		item_clear(&items[n]);
}

static int64_t
count(struct store *s, const struct item_filter *f)
{
	struct bl_err err = {0};
	int64_t n = -1;

	assert_int_equal(store_count(s, f, &n, &err), BL_OK);
	return n;
}

/* The rowid of the first row of the filter's list. */
static int64_t
first_rowid(struct store *s, const struct item_filter *f, char **title)
{
	struct item_row r;
	struct bl_err err = {0};
	size_t n;
	int64_t id;

	assert_int_equal(store_list(s, f, 0, 1, &r, &n, &err), BL_OK);
	assert_int_equal(n, 1);
	id = r.rowid;
	if (title)
		*title = xstrdup(r.title);
	item_row_clear(&r);
	return id;
}

static void
test_open_creates_private_wal_file(void **state)
{
	struct fixture *fx = *state;
	struct stat st;
	sqlite3 *db;
	sqlite3_stmt *q;

	assert_int_equal(stat(fx->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
	sqlite3_finalize(q);
	sqlite3_close(db);
}

static void
test_refresh_dedupes_and_keeps_flags(void **state)
{
	struct fixture *fx = *state;
	struct item_filter all = {0}, unread = { .unread_only = true };
	struct item items[3] = {
		mk("a", "First", "<p>one</p>", 1000), mk("b", "Second", "<p>two</p>", 2000),
		mk("c", "Third", "<p>three</p>", 3000),
	};
	struct bl_err err = {0};
	enum store_put res;
	int64_t c_row;
	char *title;

	assert_int_equal(refresh(fx->s, fx->feed, items, 3), 3);
	assert_int_equal(refresh(fx->s, fx->feed, items, 3), 0);
	assert_int_equal(count(fx->s, &all), 3);

	c_row = first_rowid(fx->s, &all, NULL);
	assert_int_equal(store_set_read(fx->s, c_row, true, &err), BL_OK);
	assert_int_equal(store_set_starred(fx->s, c_row, true, &err), BL_OK);
	assert_int_equal(count(fx->s, &unread), 2);

	/* The feed changes the article: content and title rewritten, flags kept. */
	free(items[2].title);
	items[2].title = xstrdup("Third, corrected");
	assert_int_equal(store_refresh_begin(fx->s, fx->feed, &err), BL_OK);
	assert_int_equal(store_refresh_put(fx->s, fx->feed, &items[2], &res, &err), BL_OK);
	assert_int_equal(res, STORE_PUT_UPDATED);
	assert_int_equal(store_refresh_put(fx->s, fx->feed, &items[1], &res, &err), BL_OK);
	assert_int_equal(res, STORE_PUT_UNCHANGED);
	assert_int_equal(store_refresh_end(fx->s, &err), BL_OK);

	assert_int_equal(first_rowid(fx->s, &all, &title), c_row);
	assert_string_equal(title, "Third, corrected");
	free(title);
	struct item_filter starred = { .starred_only = true };
	assert_int_equal(count(fx->s, &starred), 1);
	assert_int_equal(count(fx->s, &unread), 2);

	/* Items that left the feed stay as history. */
	assert_int_equal(refresh(fx->s, fx->feed, &items[2], 1), 0);
	assert_int_equal(count(fx->s, &all), 3);
	clear_items(items, 3);
}

static void
test_abort_rolls_back(void **state)
{
	struct fixture *fx = *state;
	struct item_filter all = {0};
	struct item it = mk("x", "Never", NULL, 5);
	struct bl_err err = {0};
	bool is_new;

	assert_int_equal(store_refresh_begin(fx->s, fx->feed, &err), BL_OK);
	assert_int_equal(store_refresh_item(fx->s, fx->feed, &it, &is_new, &err), BL_OK);
	assert_true(is_new);
	store_refresh_abort(fx->s);
	assert_int_equal(count(fx->s, &all), 0);
	item_clear(&it);
}

static void
test_lists_are_windows_newest_first(void **state)
{
	struct fixture *fx = *state;
	struct item items[50];
	struct item_row rows[10];
	struct item_filter all = {0};
	struct bl_err err = {0};
	int64_t pos, row;
	size_t n, i;
	char id[16];

	for (i = 0; i < 50; i++) {
		snprintf(id, sizeof(id), "i%02zu", i);
		items[i] = mk(id, id, NULL, 1000000 + (int64_t)i * 60);
	}
	refresh(fx->s, fx->feed, items, 50);
	assert_int_equal(store_list(fx->s, &all, 10, 10, rows, &n, &err), BL_OK);
	assert_int_equal(n, 10);
	assert_string_equal(rows[0].title, "i39");
	assert_string_equal(rows[9].title, "i30");
	assert_string_equal(rows[0].feed_title, "https://example.com/feed");
	row = rows[3].rowid;
	for (i = 0; i < n; i++)
		item_row_clear(&rows[i]);
	assert_int_equal(store_position(fx->s, &all, row, &pos, &err), BL_OK);
	assert_int_equal(pos, 13);
	assert_int_equal(store_list(fx->s, &all, 45, 10, rows, &n, &err), BL_OK);
	assert_int_equal(n, 5);
	for (i = 0; i < n; i++)
		item_row_clear(&rows[i]);
	struct item_filter other = { .feed_id = fx->feed + 1 };
	assert_int_equal(store_position(fx->s, &other, row, &pos, &err), BL_OK);
	assert_int_equal(pos, -1);
	clear_items(items, 50);
}

static void
test_counts_per_feed(void **state)
{
	struct fixture *fx = *state;
	struct item a[2] = { mk("1", "a", NULL, 10), mk("2", "b", NULL, 20) };
	struct item b[1] = { mk("1", "same id, other feed", NULL, 30) };
	struct feed_state fs;
	struct feed_counts c;
	struct bl_err err = {0};
	int64_t other;

	assert_int_equal(store_feed_get(fx->s, "https://other.example/rss", &fs, &err), BL_OK);
	other = fs.id;
	feed_state_clear(&fs);
	refresh(fx->s, fx->feed, a, 2);
	assert_int_equal(refresh(fx->s, other, b, 1), 1);
	struct item_filter f = { .feed_id = fx->feed };
	assert_int_equal(store_set_read(fx->s, first_rowid(fx->s, &f, NULL), true, &err), BL_OK);
	assert_int_equal(store_feed_counts(fx->s, fx->feed, &c, &err), BL_OK);
	assert_int_equal(c.total, 2);
	assert_int_equal(c.unread, 1);
	assert_int_equal(store_feed_counts(fx->s, other, &c, &err), BL_OK);
	assert_int_equal(c.total, 1);
	assert_int_equal(c.unread, 1);
	assert_int_equal(store_feed_counts(fx->s, 0, &c, &err), BL_OK);
	assert_int_equal(c.total, 3);
	assert_int_equal(c.unread, 2);
	/* Known articles again, and new ones in a refresh rolled back: counted neither. */
	assert_int_equal(refresh(fx->s, fx->feed, a, 2), 0);
	assert_int_equal(store_refresh_begin(fx->s, other, &err), BL_OK);
	assert_int_equal(store_refresh_item(fx->s, other, &a[0], NULL, &err), BL_OK);
	store_refresh_abort(fx->s);
	assert_int_equal(store_feed_counts(fx->s, 0, &c, &err), BL_OK);
	assert_int_equal(c.total, 3);
	assert_int_equal(c.unread, 2);
	clear_items(a, 2);
	clear_items(b, 1);
}

/* Feeds whose kept counts differ from a recount of their shown articles (item_state). */
static int64_t
counts_off(struct store *s)
{
	int64_t n = -1;
	struct bl_err err = {0};

	assert_int_equal(store_pragma_int64(s, "SELECT count(*) FROM feed f WHERE (n_total, n_unread,"
					    " n_starred) IS NOT (SELECT count(*), coalesce(sum(read = 0), 0),"
					    " coalesce(sum(starred != 0), 0) FROM item_state WHERE"
					    " feed_id = f.id)", &n, &err), BL_OK);
	return n;
}

/* Ignore rules: arriving matches hidden from lists, searches and counts; shown again when the rule goes. */
static void
test_ignore_hides_and_shows_again(void **state)
{
	struct fixture *fx = *state;
	struct item a[3] = { mk("1", "Good news", NULL, 10), mk("2", "Sponsored post", NULL, 20),
			     mk("3", "other", NULL, 30) };
	struct query_error qe;
	struct query *q = query_parse("title:sponsored", &qe);
	struct store_rule rule = { "title:sponsored", q };
	struct item_filter all = {0}, words = { .search = "sponsored" };
	struct feed_counts c;
	struct bl_err err = {0};

	assert_non_null(q);
	assert_int_equal(store_set_ignore(fx->s, &rule, 1, &err), BL_OK);
	assert_int_equal(refresh(fx->s, fx->feed, a, 2), 1);
	assert_int_equal(count(fx->s, &all), 1);
	assert_int_equal(count(fx->s, &words), 0);
	assert_int_equal(store_feed_counts(fx->s, fx->feed, &c, &err), BL_OK);
	assert_int_equal(c.total, 1);
	assert_int_equal(c.unread, 1);
	assert_int_equal(counts_off(fx->s), 0);
	/* Not new again on the next refresh. */
	assert_int_equal(refresh(fx->s, fx->feed, a, 3), 1);
	assert_int_equal(count(fx->s, &all), 2);
	assert_int_equal(counts_off(fx->s), 0);
	/* The rule gone: shown and counted again, exactly. */
	assert_int_equal(store_set_ignore(fx->s, NULL, 0, &err), BL_OK);
	assert_int_equal(count(fx->s, &all), 3);
	assert_int_equal(count(fx->s, &words), 1);
	assert_int_equal(store_feed_counts(fx->s, fx->feed, &c, &err), BL_OK);
	assert_int_equal(c.total, 3);
	assert_int_equal(c.unread, 3);
	assert_int_equal(counts_off(fx->s), 0);
	query_free(&q);
	clear_items(a, 3);
}

/*
 * Items as a plain SQLite connection (the default VFS) sees them: with the
 * WAL, or (file_only) in the database file itself (immutable: SQLite then
 * reads only the file).
 */
static int
rows(const char *path, bool file_only)
{
	char *uri = xasprintf("file:%s%s", path, file_only ? "?immutable=1" : "");
	sqlite3 *db;
	sqlite3_stmt *q;
	int n = -1;

	assert_int_equal(sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL),
			 SQLITE_OK);
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM item", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	free(uri);
	return n;
}

static void age_items(const char *path);

/*
 * The number a query gives on a second connection (what is committed),
 * with word bound to its ? when not NULL; -1 on failure. The connection
 * knows byline's tokenizer, for item_fts.
 */
static int
db_int(const char *path, const char *sql, const char *word)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	int n = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(store_fts_register(db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
		if (word)
			sqlite3_bind_text(q, 1, word, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			n = sqlite3_column_int(q, 0);
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	return n;
}

/* Every article's read and star flags as a second connection sees them: "id:read:starred ..." (caller frees). */
static char *
flags_of(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	char *t = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, "SELECT group_concat(id || ':' || (read != 0) || ':' || starred,"
			       " ' ') FROM (SELECT * FROM item_state ORDER BY id)", -1, &q,
			       NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		t = xstrdup(sqlite3_column_text(q, 0) ? (const char *)sqlite3_column_text(q, 0) : "");
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_non_null(t);
	return t;
}

/* Feeds whose kept counts differ from a recount of their articles (a second connection). */
static int
counts_wrong(const char *path)
{
	return db_int(path, "SELECT count(*) FROM feed f WHERE (n_total, n_unread, n_starred)"
			     " IS NOT (SELECT count(*), coalesce(sum(read = 0), 0),"
			     " coalesce(sum(starred != 0), 0) FROM item_state WHERE feed_id = f.id)"
			     " OR n_total != (SELECT count(*) FROM item WHERE feed_id = f.id)", NULL);
}

/* Articles another connection sees (what is committed). */
static int
committed_items(const char *path)
{
	return db_int(path, "SELECT count(*) FROM item", NULL);
}

/*
 * Several feeds in one batch: a feed aborted leaves the others, nothing is
 * committed before the batch is, a batch rolled back drops every feed of
 * it, and the counts equal a recount throughout.
 */
static void
test_batch_keeps_each_feed_apart(void **state)
{
	struct fixture *fx = *state;
	struct item_filter all = {0};
	struct item a[2] = { mk("a1", "A one", NULL, 5), mk("a2", "A two", NULL, 6) };
	struct item b[2] = { mk("b1", "B one", NULL, 7), mk("b2", "B two", NULL, 8) };
	struct item late = mk("a3", "A three", NULL, 9);
	struct feed_state fs;
	struct bl_err err = {0};
	bool is_new;
	int64_t other;

	assert_int_equal(store_feed_get(fx->s, "https://other.example/rss", &fs, &err), BL_OK);
	other = fs.id;
	feed_state_clear(&fs);

	assert_int_equal(store_batch_begin(fx->s, &err), BL_OK);
	assert_int_equal(refresh(fx->s, fx->feed, a, 2), 2);
	assert_int_equal(store_refresh_begin(fx->s, other, &err), BL_OK);
	assert_int_equal(store_refresh_item(fx->s, other, &b[0], &is_new, &err), BL_OK);
	store_refresh_abort(fx->s);	/* this feed's article out, the first feed's kept */
	assert_true(store_batch_open(fx->s));
	assert_int_equal(refresh(fx->s, other, &b[1], 1), 1);
	assert_int_equal(committed_items(fx->path), 0);
	assert_int_equal(store_batch_commit(fx->s, &err), BL_OK);
	assert_int_equal(committed_items(fx->path), 3);
	assert_int_equal(count(fx->s, &all), 3);
	assert_int_equal(counts_wrong(fx->path), 0);

	assert_int_equal(store_batch_begin(fx->s, &err), BL_OK);
	assert_int_equal(refresh(fx->s, fx->feed, &late, 1), 1);
	store_batch_rollback(fx->s);
	assert_false(store_batch_open(fx->s));
	assert_int_equal(count(fx->s, &all), 3);
	assert_int_equal(counts_wrong(fx->path), 0);
	/* Out of a batch, a refresh is its own transaction again. */
	assert_int_equal(refresh(fx->s, fx->feed, &late, 1), 1);
	assert_int_equal(committed_items(fx->path), 4);
	clear_items(a, 2);
	clear_items(b, 2);
	item_clear(&late);
}

/* A random article's rowid (0: none stored). */
static int64_t
any_rowid(struct store *s, uint64_t *seed)
{
	struct item_filter all = {0};
	int64_t n = count(s, &all);
	struct item_row r;
	struct bl_err err = {0};
	size_t got;

	if (n == 0)
		return 0;
	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	assert_int_equal(store_list(s, &all, (int64_t)((*seed >> 33) % (uint64_t)n), 1, &r, &got,
				    &err), BL_OK);
	assert_int_equal(got, 1);
	n = r.rowid;
	item_row_clear(&r);
	return n;
}

/* One random step: new articles, a flag, a mark of all and its undo, or expiry. */
static void
counts_step(struct fixture *fx, const int64_t *feeds, int step, uint64_t *seed)
{
	struct item_filter f = { .feed_id = feeds[step % 3] };
	struct bl_err err = {0};
	int64_t *changed = NULL;
	size_t nchanged;
	char id[32], *before, *after;
	struct item it;
	int64_t row;
	unsigned r;
	bool on;

	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	r = (unsigned)(*seed >> 33) % 6;
	if (r <= 1) {	/* old dates now and then: keep-days takes those */
		snprintf(id, sizeof(id), "g%d", step);
		it = mk(id, "t", "<p>x</p>", step % 4 ? store_now() : 1000 + step);
		refresh(fx->s, f.feed_id, &it, 1);
		item_clear(&it);
	} else if (r <= 3 && (row = any_rowid(fx->s, seed))) {
		on = (*seed >> 40) & 1;
		assert_int_equal(r == 2 ? store_set_read(fx->s, row, on, &err)
					: store_set_starred(fx->s, row, on, &err), BL_OK);
	} else if (r == 4) {	/* of a feed, of all, or of a search; undone exactly */
		f.feed_id = step % 2 ? f.feed_id : 0;
		f.search = step % 5 == 0 ? "t" : NULL;
		before = flags_of(fx->path);
		assert_int_equal(store_mark_all_read(fx->s, &f, &changed, &nchanged, &err), BL_OK);
		if (step % 3) {
			assert_int_equal(store_set_read_many(fx->s, changed, nchanged, false, &err),
					 BL_OK);
			after = flags_of(fx->path);
			assert_string_equal(before, after);
			free(after);
		}
		free(before);
		free(changed);
	} else if (r == 5) {
		age_items(fx->path);
		assert_int_equal(store_expire(fx->s, 30, 0, NULL, &err), BL_OK);
	}
}

/* The kept counts agree with a recount after every kind of change, in any order. */
static void
test_counts_follow_every_change(void **state)
{
	struct fixture *fx = *state;
	int64_t feeds[3] = { fx->feed };
	struct feed_state fs;
	struct bl_err err = {0};
	uint64_t seed = 42;
	char url[64];
	int step, i;

	for (i = 1; i < 3; i++) {
		snprintf(url, sizeof(url), "https://f%d.example/rss", i);
		assert_int_equal(store_feed_get(fx->s, url, &fs, &err), BL_OK);
		feeds[i] = fs.id;
		feed_state_clear(&fs);
	}
	for (step = 0; step < 400; step++) {
		counts_step(fx, feeds, step, &seed);
		if (step % 20 == 19)
			assert_int_equal(counts_wrong(fx->path), 0);
	}
	assert_int_equal(counts_wrong(fx->path), 0);
}

/* store_checkpoint copies the WAL into the file, and only once it holds enough. */
static void
test_checkpoint_when_asked(void **state)
{
	struct fixture *fx = *state;
	struct item a[2] = { mk("1", "a", NULL, 10), mk("2", "b", NULL, 20) };
	struct bl_err err = {0};

	assert_int_equal(store_checkpoint(fx->s, 0, &err), BL_OK);
	refresh(fx->s, fx->feed, a, 2);
	assert_int_equal(rows(fx->path, true), 0);
	assert_int_equal(store_checkpoint(fx->s, 100000, &err), BL_OK);
	assert_int_equal(rows(fx->path, true), 0);
	assert_int_equal(store_checkpoint(fx->s, 1, &err), BL_OK);
	assert_int_equal(rows(fx->path, true), 2);
	clear_items(a, 2);
}

/* The checkpointer's wakes, counted for the test to wait on. */
struct wakes {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n;
};

static void
on_wake(void *ud)
{
	struct wakes *w = ud;

	pthread_mutex_lock(&w->mu);
	w->n++;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/* Whether the n-th wake came (it is given two minutes: a safety, not a measure). */
static bool
wait_wake(struct wakes *w, int n)
{
	struct timespec until;
	bool came;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 120;
	pthread_mutex_lock(&w->mu);
	while (w->n < n && pthread_cond_timedwait(&w->cv, &w->mu, &until) == 0)
		;
	came = w->n >= n;
	pthread_mutex_unlock(&w->mu);
	return came;
}

static off_t
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_size;
}

/*
 * A writer with a checkpointer: however much it writes, its WAL stays
 * about one cycle (8 MiB, 2048 pages: checkpointer.c) long, and what it
 * wrote reaches the database file. Alone (its commits no longer
 * checkpoint) the WAL would hold all 24 MiB.
 */
static void
test_checkpointer_keeps_the_wal_short(void **state)
{
	struct fixture *fx = *state;
	struct wakes wk = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 };
	struct store_checkpointer *c = store_checkpointer_start(fx->s, on_wake, &wk);
	char *body = xcalloc(256 * 1024 + 1, 1), *wal = xasprintf("%s-wal", fx->path);
	off_t most = 0;
	uint64_t seed = 1;
	int i, cycles = 0;

	for (i = 0; i < 96; i++) {
		char id[16];
		struct item it;
		size_t k;

		snprintf(id, sizeof(id), "%d", i);
		/* Characters drawn at random: bodies are compressed, this text hardly. */
		for (k = 0; k < 256 * 1024; k++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			body[k] = (char)('!' + (seed >> 33) % 94);
		}
		it = mk(id, "a", body, 10);
		refresh(fx->s, fx->feed, &it, 1);
		item_clear(&it);
		store_checkpointer_poke(c);
		if (store_wal_pages(fx->s) >= 2048) {	/* the poke started a cycle */
			assert_true(wait_wake(&wk, ++cycles));
			store_checkpointer_idle(c);	/* ends it: the next commit writes from the start */
		}
		if (file_size(wal) > most)
			most = file_size(wal);
	}
	store_checkpointer_stop(&c);
	assert_null(c);
	assert_true(cycles >= 2);
	assert_true(most < 12 * 1024 * 1024);
	assert_true(rows(fx->path, true) >= 64);	/* the cycles' articles are in the file */
	free(wal);
	free(body);
}

static void
test_mark_all_read_and_undo(void **state)
{
	struct fixture *fx = *state;
	struct item items[4] = { mk("1", "a", NULL, 1), mk("2", "b", NULL, 2),
				 mk("3", "c", NULL, 3), mk("4", "d", NULL, 4) };
	struct item_filter all = {0}, unread = { .unread_only = true };
	struct bl_err err = {0};
	int64_t *changed;
	size_t n;

	refresh(fx->s, fx->feed, items, 4);
	assert_int_equal(store_set_read(fx->s, first_rowid(fx->s, &all, NULL), true, &err), BL_OK);
	assert_int_equal(store_mark_all_read(fx->s, &all, &changed, &n, &err), BL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(count(fx->s, &unread), 0);
	assert_int_equal(store_set_read_many(fx->s, changed, n, false, &err), BL_OK);
	assert_int_equal(count(fx->s, &unread), 3);
	free(changed);
	clear_items(items, 4);
}

/* A tag's list: the articles of a set of feeds, counted, listed, marked and unmarked. */
static void
test_feed_set(void **state)
{
	struct fixture *fx = *state;
	struct item a[2] = { mk("1", "a1", NULL, 10), mk("2", "a2", NULL, 20) };
	struct item b[1] = { mk("1", "b1", NULL, 30) };
	struct item c[1] = { mk("1", "c1", NULL, 40) };
	struct feed_state fs;
	struct bl_err err = {0};
	int64_t ids[2], other, *changed;
	size_t n;
	char *title;

	assert_int_equal(store_feed_get(fx->s, "https://b.example/rss", &fs, &err), BL_OK);
	ids[0] = fx->feed;
	ids[1] = fs.id;
	feed_state_clear(&fs);
	assert_int_equal(store_feed_get(fx->s, "https://c.example/rss", &fs, &err), BL_OK);
	other = fs.id;
	feed_state_clear(&fs);
	refresh(fx->s, ids[0], a, 2);
	refresh(fx->s, ids[1], b, 1);
	refresh(fx->s, other, c, 1);
	struct item_filter set = { .feed_ids = ids, .nfeed_ids = 2 };
	struct item_filter set_unread = { .feed_ids = ids, .nfeed_ids = 2, .unread_only = true };
	struct item_filter none = { .feed_ids = ids, .nfeed_ids = 0 };
	assert_int_equal(count(fx->s, &set), 3);
	assert_int_equal(count(fx->s, &set_unread), 3);
	assert_int_equal(count(fx->s, &none), 0);
	first_rowid(fx->s, &set, &title);
	assert_string_equal(title, "b1");	/* newest of the set; c1 of the other feed is not in it */
	free(title);
	assert_int_equal(store_mark_all_read(fx->s, &set, &changed, &n, &err), BL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(count(fx->s, &set_unread), 0);
	struct item_filter all_unread = { .unread_only = true };
	assert_int_equal(count(fx->s, &all_unread), 1);	/* the other feed's stays unread */
	assert_int_equal(store_set_read_many(fx->s, changed, n, false, &err), BL_OK);
	assert_int_equal(count(fx->s, &set_unread), 3);
	free(changed);
	clear_items(a, 2);
	clear_items(b, 1);
	clear_items(c, 1);
}

static void
test_fetch_state_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct feed_state fs, back;
	struct feed_info fi = { .title = "Example 例子", .link = "https://example.com/" };
	struct bl_err err = {0};

	assert_int_equal(store_feed_get(fx->s, "https://example.com/feed", &fs, &err), BL_OK);
	fs.etag = xstrdup("\"abc\"");
	fs.last_modified = xstrdup("Wed, 21 Oct 2015 07:28:00 GMT");
	fs.fetch_url = xstrdup("https://new.example.com/feed");
	fs.next_fetch = 1234;
	fs.gone = true;
	fs.last_error = xstrdup("HTTP 410 Gone");
	fs.last_error_at = 99;
	assert_int_equal(store_feed_save_state(fx->s, &fs, &err), BL_OK);
	assert_int_equal(store_refresh_begin(fx->s, fs.id, &err), BL_OK);
	assert_int_equal(store_refresh_info(fx->s, fs.id, &fi, &err), BL_OK);
	assert_int_equal(store_refresh_end(fx->s, &err), BL_OK);
	assert_int_equal(store_feed_get(fx->s, "https://example.com/feed", &back, &err), BL_OK);
	assert_int_equal(back.id, fs.id);
	assert_string_equal(back.etag, "\"abc\"");
	assert_string_equal(back.last_modified, fs.last_modified);
	assert_string_equal(back.fetch_url, fs.fetch_url);
	assert_int_equal(back.next_fetch, 1234);
	assert_true(back.gone);
	assert_string_equal(back.last_error, "HTTP 410 Gone");
	assert_int_equal(back.last_error_at, 99);
	assert_string_equal(back.title, "Example 例子");
	feed_state_clear(&fs);
	feed_state_clear(&back);
}

static void
test_item_get_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct item it = mk("e", "Enclosed", "<p>body</p>", 77), back;
	struct item_filter all = {0};
	struct bl_err err = {0};

	it.author = xstrdup("作者");
	it.summary = xstrdup("sum");
	it.updated = 88;
	it.ncategories = 2;
	it.categories = xcalloc(2, sizeof(char *));
	it.categories[0] = xstrdup("科技");
	it.categories[1] = xstrdup("news");
	it.nenclosures = 2;
	it.enclosures = xcalloc(2, sizeof(*it.enclosures));
	it.enclosures[0].url = xstrdup("https://example.com/a.mp3");
	it.enclosures[0].type = xstrdup("audio/mpeg");
	it.enclosures[0].length = 12345;
	it.enclosures[0].duration = 3600;
	it.enclosures[1].url = xstrdup("https://example.com/b.mp3");
	it.enclosures[1].length = -1;
	it.enclosures[1].duration = -1;
	refresh(fx->s, fx->feed, &it, 1);
	assert_int_equal(store_item_get(fx->s, first_rowid(fx->s, &all, NULL), &back, &err), BL_OK);
	assert_string_equal(back.id, "e");
	assert_string_equal(back.author, "作者");
	assert_string_equal(back.content, "<p>body</p>");
	assert_int_equal(back.published, 77);
	assert_int_equal(back.updated, 88);
	assert_int_equal(back.ncategories, 2);
	assert_string_equal(back.categories[0], "科技");
	assert_int_equal(back.nenclosures, 2);
	assert_string_equal(back.enclosures[0].type, "audio/mpeg");
	assert_int_equal(back.enclosures[0].length, 12345);
	assert_int_equal(back.enclosures[0].duration, 3600);
	assert_null(back.enclosures[1].type);
	assert_int_equal(back.enclosures[1].length, -1);
	assert_int_equal(back.enclosures[1].duration, -1);	/* none stored: none read */
	item_clear(&back);
	item_clear(&it);
}

static int64_t
search(struct store *s, const char *q)
{
	struct item_filter f = { .search = q };

	return count(s, &f);
}

static void
test_search_finds_cjk_words(void **state)
{
	struct fixture *fx = *state;
	struct item items[4] = {
		mk("zh", "苹果发布新款 iPhone", "<p>爱范儿报道：<b>人工</b>智能芯片的性能提升了。</p>", 1),
		mk("ja", "東京の天気", "<p>今日のニュースです。猫が好き。</p>", 2),
		mk("en", "Linux Kernel release", "<div>The kernel &amp; drivers</div>", 3),
		mk("hi", "भारत समाचार", "<p>आज की ताज़ा ख़बरें</p>", 4),
	};

	refresh(fx->s, fx->feed, items, 4);
	assert_int_equal(search(fx->s, "人工智能"), 1);	/* across an inline tag */
	assert_int_equal(search(fx->s, "芯片的性能"), 1);
	assert_int_equal(search(fx->s, "ニュース"), 1);
	assert_int_equal(search(fx->s, "東京"), 1);	/* two characters, in a title */
	assert_int_equal(search(fx->s, "天"), 1);	/* one character, in a title */
	assert_int_equal(search(fx->s, "猫"), 1);	/* one character, in a body */
	assert_int_equal(search(fx->s, "芯片"), 1);	/* two characters, in a body */
	assert_int_equal(search(fx->s, "ニュース 猫"), 1);
	assert_int_equal(search(fx->s, "ニュース 犬"), 0);
	assert_int_equal(search(fx->s, "苹果　iphone"), 1);	/* ideographic space, any case */
	assert_int_equal(search(fx->s, "KERNEL drivers"), 1);
	assert_int_equal(search(fx->s, "समाचार"), 1);
	assert_int_equal(search(fx->s, "kernel 猫"), 0);	/* every word must occur */
	assert_int_equal(search(fx->s, "\"quoted"), 0);	/* FTS syntax is not obeyed */
	assert_int_equal(search(fx->s, "100%"), 0);
	assert_int_equal(search(fx->s, "div"), 0);	/* markup is not indexed */
	clear_items(items, 4);
}

/* How many articles hold word in field (store_word), alone or beside a search. */
static int64_t
search_in(struct store *s, enum store_field field, const char *word, const char *also)
{
	struct store_word w = { field, word };
	struct item_filter f = { .search = also, .words = &w, .nwords = 1 };

	return count(s, &f);
}

/* Each field is searched on its own: title, author, text, link. */
static void
test_search_by_field(void **state)
{
	struct fixture *fx = *state;
	struct item items[2] = {
		mk("a1", "Kernel 新闻", "<p>猫 and 芯片 in the <a href=\"https://x.example/\">body</a></p>",
		   1),
		mk("a2", "Weather", "<p>Rain in the kernel of 東京</p>", 2),
	};

	items[0].author = xstrdup("張偉 Zhang");
	free(items[1].link);
	items[1].link = xstrdup("https://news.example/world/rain-report");
	refresh(fx->s, fx->feed, items, 2);
	assert_int_equal(search_in(fx->s, STORE_FIELD_TITLE, "kernel", NULL), 1);
	assert_int_equal(search_in(fx->s, STORE_FIELD_TEXT, "kernel", NULL), 1);
	assert_int_equal(search_in(fx->s, STORE_FIELD_ANY, "kernel", NULL), 2);
	assert_int_equal(search_in(fx->s, STORE_FIELD_TEXT, "猫", NULL), 1);	/* 1 CJK char */
	assert_int_equal(search_in(fx->s, STORE_FIELD_TITLE, "猫", NULL), 0);
	assert_int_equal(search_in(fx->s, STORE_FIELD_TEXT, "芯片", NULL), 1);	/* 2 CJK chars */
	assert_int_equal(search_in(fx->s, STORE_FIELD_TITLE, "新", NULL), 1);
	assert_int_equal(search_in(fx->s, STORE_FIELD_AUTHOR, "zhang", NULL), 1);
	assert_int_equal(search_in(fx->s, STORE_FIELD_AUTHOR, "偉", NULL), 1);
	assert_int_equal(search_in(fx->s, STORE_FIELD_TITLE, "zhang", NULL), 0);
	assert_int_equal(search_in(fx->s, STORE_FIELD_LINK, "report", NULL), 1);
	assert_int_equal(search_in(fx->s, STORE_FIELD_LINK, "rain", NULL), 1);
	assert_int_equal(search_in(fx->s, STORE_FIELD_LINK, "weather", NULL), 0);
	assert_int_equal(search_in(fx->s, STORE_FIELD_LINK, "x", NULL), 0);	/* markup's links are not */
	assert_int_equal(search_in(fx->s, STORE_FIELD_LINK, "wor*", NULL), 1);	/* a prefix */
	assert_int_equal(search_in(fx->s, STORE_FIELD_TEXT, "rain in", NULL), 1);	/* a phrase */
	assert_int_equal(search_in(fx->s, STORE_FIELD_TEXT, "in rain", NULL), 0);
	assert_int_equal(search_in(fx->s, STORE_FIELD_TEXT, "東京", "rain"), 1);	/* with a search */
	assert_int_equal(search_in(fx->s, STORE_FIELD_TEXT, "東京", "猫"), 0);
	assert_int_equal(search_in(fx->s, STORE_FIELD_TITLE, "\"", NULL), 0);	/* nothing to look for */
	clear_items(items, 2);
}

/* Pretends byline first saw every stored item long ago. */
static void
age_items(const char *path)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_exec(db, "UPDATE item SET first_seen = 5000", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
}

static void
test_index_runs_apart_from_refreshes(void **state)
{
	struct fixture *fx = *state;
	struct item items[3] = { mk("1", "第一篇文章", NULL, 1), mk("2", "第二篇文章", NULL, 2),
				 mk("3", "第三篇文章", NULL, 3) };
	struct bl_err err = {0};
	size_t left = 99;

	refresh(fx->s, fx->feed, items, 3);
	assert_int_equal(store_index(fx->s, 2, &left, &err), BL_OK);
	assert_int_equal(left, 1);
	assert_int_equal(store_index(fx->s, 0, &left, &err), BL_OK);
	assert_int_equal(left, 0);
	assert_int_equal(store_index(fx->s, 0, NULL, &err), BL_OK);
	assert_int_equal(search(fx->s, "篇文章"), 3);
	clear_items(items, 3);
}

static void
test_search_follows_updates_and_deletes(void **state)
{
	struct fixture *fx = *state;
	struct item it = mk("u", "旧标题", "<p>旧的内容</p>", 1);
	struct bl_err err = {0};

	refresh(fx->s, fx->feed, &it, 1);
	assert_int_equal(search(fx->s, "旧的内容"), 1);
	free(it.content);
	it.content = xstrdup("<p>全新的内容</p>");
	refresh(fx->s, fx->feed, &it, 1);
	assert_int_equal(search(fx->s, "旧的内容"), 0);
	assert_int_equal(search(fx->s, "全新的内容"), 1);
	age_items(fx->path);
	assert_int_equal(store_expire(fx->s, 1, 0, NULL, &err), BL_OK);
	assert_int_equal(search(fx->s, "全新的内容"), 0);
	item_clear(&it);
}

/* The page's own title, author and date are stored with its full text and read back; older texts are all HTML. */
static void
test_fulltext_page_meta(void **state)
{
	struct fixture *fx = *state;
	struct item items[1] = { mk("a", "alpha", NULL, 1000) };
	struct item_filter fa = { .search = "alpha" };
	struct bl_err err = {0};
	struct fulltext_meta m = { "Wolves return --> to the valley", "Ana Ruiz", 1700000000 }, back;
	struct fulltext_meta none = { NULL, NULL, BL_NO_DATE };
	char *stored, *html;
	const char *body;
	int64_t a;

	refresh(fx->s, fx->feed, items, 1);
	a = first_rowid(fx->s, &fa, NULL);
	stored = store_fulltext_pack(&m, "<p>whole article</p>");
	assert_int_equal(store_fulltext_put(fx->s, a, stored, &err), BL_OK);
	free(stored);
	assert_int_equal(store_fulltext_get(fx->s, a, &html, &err), BL_OK);
	body = store_fulltext_unpack(html, &back);
	assert_string_equal(body, "<p>whole article</p>");
	assert_string_equal(back.title, "Wolves return --> to the valley");
	assert_string_equal(back.author, "Ana Ruiz");
	assert_int_equal(back.published, 1700000000);
	fulltext_meta_clear(&back);
	free(html);
	/* a page that gives none of them */
	stored = store_fulltext_pack(&none, "<p>x</p>");
	body = store_fulltext_unpack(stored, &back);
	assert_string_equal(body, "<p>x</p>");
	assert_null(back.title);
	assert_null(back.author);
	assert_int_equal(back.published, BL_NO_DATE);
	free(stored);
	/* a text stored before the metadata was: all of it is the HTML */
	body = store_fulltext_unpack("<!--byline-meta but no line end <p>y</p>", &back);
	assert_string_equal(body, "<!--byline-meta but no line end <p>y</p>");
	assert_null(back.title);
	clear_items(items, 1);
}

/* The full text of an article: stored, read back, replaced, listed while missing, gone with the article. */
static void
test_fulltext_kept_with_the_article(void **state)
{
	struct fixture *fx = *state;
	int64_t now = (int64_t)time(NULL);
	struct item items[2] = { mk("a", "alpha", NULL, 1000), mk("b", "beta", NULL, 2000) };
	struct item_filter fa = { .search = "alpha" }, all = {0};
	struct fulltext_todo *todo;
	struct bl_err err = {0};
	bool more;
	int64_t a, gone = 999999;
	size_t n;
	char *html;

	refresh(fx->s, fx->feed, items, 2);
	a = first_rowid(fx->s, &fa, NULL);
	assert_int_equal(store_fulltext_get(fx->s, a, &html, &err), BL_OK);
	assert_null(html);
	assert_int_equal(store_fulltext_missing(fx->s, fx->feed, now - 3600, 10, &todo, &n, &err),
			 BL_OK);
	assert_int_equal(n, 2);
	free(todo[0].link);
	free(todo[1].link);
	free(todo);
	assert_int_equal(store_fulltext_put(fx->s, a, "<p>first</p>", &err), BL_OK);
	assert_int_equal(store_fulltext_put(fx->s, a, "<p>whole article</p>", &err), BL_OK);
	assert_int_equal(store_fulltext_put(fx->s, gone, "<p>no such article</p>", &err), BL_OK);
	assert_int_equal(store_fulltext_get(fx->s, a, &html, &err), BL_OK);
	assert_string_equal(html, "<p>whole article</p>");
	free(html);
	assert_int_equal(store_fulltext_get(fx->s, gone, &html, &err), BL_OK);
	assert_null(html);
	/* Only beta still waits; nothing first seen after now does. */
	assert_int_equal(store_fulltext_missing(fx->s, fx->feed, now - 3600, 10, &todo, &n, &err),
			 BL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(todo[0].link, "https://example.com/b");
	free(todo[0].link);
	free(todo);
	assert_int_equal(store_fulltext_missing(fx->s, fx->feed, now + 3600, 10, &todo, &n, &err),
			 BL_OK);
	assert_int_equal(n, 0);
	free(todo);
	/* Expired with its article. */
	age_items(fx->path);
	do
		assert_int_equal(store_expire(fx->s, 30, 1000, &more, &err), BL_OK);
	while (more);
	assert_int_equal(count(fx->s, &all), 0);
	assert_int_equal(store_fulltext_get(fx->s, a, &html, &err), BL_OK);
	assert_null(html);
	clear_items(items, 2);
}

/* An expired article the feed still carries, refreshed again: not stored again. */
static void
assert_stays_expired(struct fixture *fx, const struct item *it)
{
	struct bl_err err = {0};
	enum store_put res;

	assert_int_equal(store_refresh_begin(fx->s, fx->feed, &err), BL_OK);
	assert_int_equal(store_refresh_put(fx->s, fx->feed, it, &res, &err), BL_OK);
	assert_int_equal(res, STORE_PUT_EXPIRED);
	assert_int_equal(store_refresh_end(fx->s, &err), BL_OK);
}

static void
test_keep_days_expires_but_keeps_starred(void **state)
{
	struct fixture *fx = *state;
	int64_t now = (int64_t)time(NULL);
	struct item items[3] = { mk("old", "old", NULL, 1000), mk("star", "starred", NULL, 2000),
				 mk("new", "new", NULL, now - 3600) };
	struct item_filter all = {0}, starred = { .starred_only = true };
	struct bl_err err = {0};
	int64_t star_row;

	refresh(fx->s, fx->feed, items, 3);
	age_items(fx->path);
	struct item_filter f = { .search = "starred" };
	star_row = first_rowid(fx->s, &f, NULL);
	assert_int_equal(store_set_starred(fx->s, star_row, true, &err), BL_OK);

	assert_int_equal(store_expire(fx->s, 0, 0, NULL, &err), BL_OK);
	assert_int_equal(count(fx->s, &all), 3);
	assert_int_equal(store_expire(fx->s, 30, 0, NULL, &err), BL_OK);
	assert_int_equal(count(fx->s, &all), 2);
	assert_int_equal(count(fx->s, &starred), 1);
	/* The feed still carries the old article: it does not come back. */
	assert_stays_expired(fx, &items[0]);
	assert_int_equal(count(fx->s, &all), 2);
	clear_items(items, 3);
}

/* Rowids the word index holds for a word, as a second connection reads them. */
static int
fts_hits(const char *path, const char *word)
{
	return db_int(path, "SELECT count(*) FROM item_fts WHERE item_fts MATCH ?", word);
}

static void
count_hidden(void *ud, const struct hidden_row *r)
{
	(*(int *)ud)++;
	(void)r;
}

/* keep-days takes old articles an ignore rule hid too: out of the index, not back on a refresh. */
static void
test_keep_days_expires_hidden(void **state)
{
	struct fixture *fx = *state;
	int64_t now = (int64_t)time(NULL);
	struct item a[3] = { mk("1", "old news", NULL, 1000), mk("2", "Sponsored old", NULL, 1000),
			     mk("3", "Sponsored new", NULL, now - 3600) };
	struct query_error qe;
	struct query *q = query_parse("title:sponsored", &qe);
	struct store_rule rule = { "title:sponsored", q };
	struct item_filter all = {0};
	struct bl_err err = {0};
	int hidden = 0;

	assert_non_null(q);
	assert_int_equal(store_set_ignore(fx->s, &rule, 1, &err), BL_OK);
	assert_int_equal(refresh(fx->s, fx->feed, a, 3), 1);
	assert_int_equal(store_index(fx->s, 0, NULL, &err), BL_OK);
	assert_int_equal(fts_hits(fx->path, "sponsored"), 2);
	age_items(fx->path);
	assert_int_equal(store_expire(fx->s, 30, 0, NULL, &err), BL_OK);
	assert_int_equal(count(fx->s, &all), 0);
	assert_int_equal(rows(fx->path, false), 1);	/* the new hidden one */
	assert_int_equal(store_hidden_rows(fx->s, count_hidden, &hidden, &err), BL_OK);
	assert_int_equal(hidden, 1);
	assert_int_equal(fts_hits(fx->path, "sponsored"), 1);
	assert_int_equal(counts_off(fx->s), 0);
	/* The feed still carries it: remembered as expired, not hidden again as new. */
	assert_stays_expired(fx, &a[1]);
	/* The rule gone, only the one kept shows. */
	assert_int_equal(store_set_ignore(fx->s, NULL, 0, &err), BL_OK);
	assert_int_equal(count(fx->s, &all), 1);
	assert_int_equal(counts_off(fx->s), 0);
	query_free(&q);
	clear_items(a, 3);
}

/* Runs SQL from a file into a new database at path. */
static void
load_sql(const char *path, const char *sqlfile, const char *extra)
{
	FILE *fp = fopen(sqlfile, "r");
	char *text = xcalloc(1, 1 << 20);
	sqlite3 *db;

	assert_non_null(fp);
	fread(text, 1, (1 << 20) - 1, fp);
	fclose(fp);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	/* Version 6's word index names byline's tokenizer. */
	assert_int_equal(store_fts_register(db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, text, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, extra, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(text);
}

static int
user_version(const char *path)
{
	return db_int(path, "PRAGMA user_version", NULL);
}

/* The count of a query's articles. */
static int64_t
query_count(struct store *s, const char *src)
{
	struct query_error qe;
	struct query *q = query_parse(src, &qe);
	struct item_filter f = { .query = q };
	int64_t n;

	assert_non_null(q);
	n = count(s, &f);
	query_free(&q);
	return n;
}

/* Every earlier schema (tests/data/store/schema-vN.sql) opens, migrated, data intact. */
static void
test_migrates_every_earlier_version(void **state)
{
	struct fixture *fx = *state;
	struct item_filter unread = { .unread_only = true }, starred = { .starred_only = true };
	struct bl_err err = {0};
	char file[64], *path;
	struct store *s;
	int v;

	for (v = 1;; v++) {
		snprintf(file, sizeof(file), "tests/data/store/schema-v%d.sql", v);
		if (access(file, R_OK))
			break;
		path = xasprintf("%s/v%d.db", fx->dir, v);
		/* From version 6 on, flags live in item_state and bodies are packed: the words go in a title. */
		load_sql(path, file, v >= 6 ?
			 "INSERT INTO feed (id, url, title) VALUES (1, 'https://old.example/', 'Old');"
			 "INSERT INTO item (id, feed_id, guid, hash, title, first_seen, enclosures) VALUES"
			 " (1, 1, 'g1', 0, '机器学习入门', 1, NULL),"
			 " (2, 1, 'g2', 0, 'unread one', 1, 'https://old.example/e.mp3');"
			 "INSERT INTO item_state (feed_id, date, id, read, starred) VALUES"
			 " (1, 100, 1, 1, 1), (1, 200, 2, 0, 0);"
			 "INSERT INTO item_fts_todo (id) VALUES (1), (2);"
			 "UPDATE feed SET n_total = 2, n_unread = 1, n_starred = 1;" :
			 "INSERT INTO feed (id, url, title) VALUES (1, 'https://old.example/', 'Old');"
			 "INSERT INTO item (feed_id, guid, title, content, first_seen, date, read, "
			 "starred, enclosures) VALUES (1, 'g1', '旧文章', '<p>机器学习入门</p>', 1, "
			 "100, 1, 1, ''), (1, 'g2', 'unread one', NULL, 1, 200, 0, 0, "
			 "'https://old.example/e.mp3');");
		/* From version 2 on, byline indexed what it stored: do as it did. */
		if (v >= 2 && v < 6)
			load_sql(path, "/dev/null", "INSERT INTO item_fts (rowid, title, author, body) "
				 "SELECT id, title, '', '机器学习入门' FROM item WHERE guid = 'g1'");
		/* From version 4 on, the writer counted new articles itself: do as it did. */
		if (v >= 4 && v < 6)
			load_sql(path, "/dev/null", "UPDATE feed SET n_total = 2, n_unread = 1");
		s = store_open(path, &err);
		assert_non_null(s);
		assert_int_equal(count(s, &unread), 1);
		assert_int_equal(count(s, &starred), 1);
		assert_int_equal(search(s, "机器学习"), 1);
		/* Version 8 indexes the articles with an enclosure (none: NULL, or '' before). */
		assert_int_equal(query_count(s, "has:enclosure"), 1);
		assert_int_equal(query_count(s, "has:enclosure unread"), 1);
		store_close(&s);
		assert_int_equal(db_int(path, "SELECT count(*) FROM sqlite_master WHERE type = "
					 "'index' AND name = 'item_enclosed'", NULL), 1);
		free(path);
	}
	/* Every version before the current one has its frozen schema. */
	assert_int_equal(v, user_version(fx->path));
}

/* What an upgrade's step of unknown length tells store_options.progress. */
struct told {
	int running, done, other;
};

static void
tell(void *ud, const char *what, int64_t done, int64_t total)
{
	struct told *t = ud;

	assert_string_equal(what, "upgrading the database");
	if (done == -1 && total == -1)
		t->running++;
	else if (done == 0 && total == 0)
		t->done += !!t->running;
	else
		t->other++;
}

/*
 * Version 7 to 8 builds an index over every article, a step SQLite does in
 * one statement: it is told as running, then done, so that the CLI can say
 * what it does when it takes more than a second.
 */
static void
test_upgrade_step_is_told(void **state)
{
	struct fixture *fx = *state;
	char *path = xasprintf("%s/v7-big.db", fx->dir);
	struct told t = { 0 };
	struct store_options o = { .progress = tell, .progress_ud = &t };
	struct bl_err err = {0};
	struct store *s;

	load_sql(path, "tests/data/store/schema-v7.sql",
		 "INSERT INTO feed (id, url, title) VALUES (1, 'https://old.example/', 'Old');"
		 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
		 " INSERT INTO item (id, feed_id, guid, hash, title, first_seen, enclosures)"
		 " SELECT i, 1, 'g' || i, 0, 'title ' || i, 1,"
		 " CASE WHEN i % 10 = 0 THEN 'https://old.example/' || i || '.mp3' END FROM n;");
	s = store_open_with(path, &o, &err);
	assert_non_null(s);
	assert_true(t.running >= 1);
	assert_int_equal(t.done, 1);
	assert_int_equal(t.other, 0);
	store_close(&s);
	assert_int_equal(db_int(path, "SELECT count(*) FROM item INDEXED BY item_enclosed "
				 "WHERE enclosures <> ''", NULL), 2000);
	free(path);
}

static void
test_refuses_newer_database(void **state)
{
	struct fixture *fx = *state;
	char *path = xasprintf("%s/new.db", fx->dir);
	struct bl_err err = {0};
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_null(store_open(path, &err));
	assert_non_null(strstr(err.msg, "newer byline"));
	assert_non_null(strstr(err.msg, path));
	free(path);
}

static void
test_not_a_database(void **state)
{
	struct fixture *fx = *state;
	char *path = xasprintf("%s/junk.db", fx->dir);
	struct bl_err err = {0};
	FILE *fp = fopen(path, "w");
	int i;

	for (i = 0; i < 1000; i++)
		fputs("this is not an SQLite database, just text.\n", fp);
	fclose(fp);
	assert_null(store_open(path, &err));
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "not an SQLite database"));
	free(path);
}

/*
 * Writes to the WAL are gathered (vfs.c), but never past a commit: every
 * committed refresh is seen at once by another connection, and survives
 * the process ending without closing the database (as kill -9 would).
 * Transactions big and small: 1 item, and 40 of 6 KB (more than the
 * gathering buffer holds).
 */
static void
test_commits_reach_the_file_at_once(void **state)
{
	struct fixture *fx = *state;
	struct bl_err err = {0};
	int done[2], go[2], status, round, i, n, want = 0;
	char c;
	pid_t pid;

	alarm(120);	/* a commit held back would leave both sides waiting: fail instead */
	assert_int_equal(pipe(done), 0);
	assert_int_equal(pipe(go), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *w = store_open(fx->path, &err);
		struct item batch[40];
		char id[32], *body;

		if (!w)
			_exit(2);
		for (round = 0; round < 30; round++) {
			n = round % 2 ? 40 : 1;
			for (i = 0; i < n; i++) {
				snprintf(id, sizeof(id), "c%d-%d", round, i);
				body = xasprintf("<p>%06d %0*d</p>", round, 6000, i);
				batch[i] = mk(id, id, body, 1000 + round);
				free(body);
			}
			if (store_refresh_begin(w, fx->feed, &err))
				_exit(3);
			for (i = 0; i < n; i++)
				if (store_refresh_item(w, fx->feed, &batch[i], NULL, &err))
					_exit(4);
			if (store_refresh_end(w, &err))
				_exit(5);
			clear_items(batch, (size_t)n);
			/* Committed: the parent looks, then says go on. */
			if (write(done[1], "c", 1) != 1 || read(go[0], &c, 1) != 1)
				_exit(6);
		}
		_exit(0);	/* no store_close: the WAL as a killed process leaves it */
	}
	for (round = 0; round < 30; round++) {
		assert_int_equal(read(done[0], &c, 1), 1);
		want += round % 2 ? 40 : 1;
		assert_int_equal(rows(fx->path, false), want);
		assert_int_equal(write(go[1], "g", 1), 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(done[0]);
	close(done[1]);
	close(go[0]);
	close(go[1]);
	/* Opened again after the writer's end without a close: everything, sound. */
	store_close(&fx->s);
	fx->s = store_open(fx->path, &err);
	assert_non_null(fx->s);
	assert_int_equal(store_check(fx->s, &err), BL_OK);
	assert_int_equal(rows(fx->path, false), want);
	alarm(0);
}

/* A writer process refreshes while this one reads and marks: neither sees "locked". */
static void
test_two_processes_at_once(void **state)
{
	struct fixture *fx = *state;
	struct item_filter all = {0};
	struct bl_err err = {0};
	struct store *w;
	int status, i, round;
	pid_t pid;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct item batch[20];
		char id[32];
		w = store_open(fx->path, &err);
		if (!w)
			_exit(2);
		for (round = 0; round < 40; round++) {
			for (i = 0; i < 20; i++) {
				snprintf(id, sizeof(id), "r%d-%d", round, i);
				batch[i] = mk(id, id, "<p>写入中的内容 text</p>", 1000 + round);
			}
			if (store_refresh_begin(w, fx->feed, &err))
				_exit(3);
			for (i = 0; i < 20; i++)
				if (store_refresh_item(w, fx->feed, &batch[i], NULL, &err))
					_exit(4);
			if (store_refresh_end(w, &err))
				_exit(5);
			clear_items(batch, 20);
		}
		store_close(&w);
		_exit(0);
	}
	for (i = 0; i < 200; i++) {
		struct item_row rows[5];
		size_t n, j;
		assert_int_equal(store_list(fx->s, &all, 0, 5, rows, &n, &err), BL_OK);
		if (n)
			assert_int_equal(store_set_read(fx->s, rows[0].rowid, true, &err), BL_OK);
		for (j = 0; j < n; j++)
			item_row_clear(&rows[j]);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(count(fx->s, &all), 800);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_open_creates_private_wal_file),
		T(test_refresh_dedupes_and_keeps_flags),
		T(test_abort_rolls_back),
		T(test_batch_keeps_each_feed_apart),
		T(test_lists_are_windows_newest_first),
		T(test_counts_per_feed),
		T(test_ignore_hides_and_shows_again),
		T(test_counts_follow_every_change),
		T(test_checkpoint_when_asked),
		T(test_checkpointer_keeps_the_wal_short),
		T(test_mark_all_read_and_undo),
		T(test_feed_set),
		T(test_fetch_state_round_trip),
		T(test_item_get_round_trip),
		T(test_search_finds_cjk_words),
		T(test_search_by_field),
		T(test_index_runs_apart_from_refreshes),
		T(test_search_follows_updates_and_deletes),
		T(test_keep_days_expires_but_keeps_starred),
		T(test_keep_days_expires_hidden),
		T(test_fulltext_kept_with_the_article),
		T(test_fulltext_page_meta),
		T(test_migrates_every_earlier_version),
		T(test_upgrade_step_is_told),
		T(test_refuses_newer_database),
		T(test_not_a_database),
		T(test_two_processes_at_once),
		T(test_commits_reach_the_file_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
