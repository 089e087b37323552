/* Unit tests for sync: the JSON tree, item ids in every form, the store's queue and the server's state, the sync config line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline/config.h"
#include "byline/mem.h"
#include "byline/store.h"
#include "byline/store_sync.h"
#include "byline/sync.h"
#include "../../src/sync/sync_int.h"

/* ---- the JSON tree ---- */

static struct sync_json *
parse(const char *s)
{
	size_t at;
	const char *why;

	return sync_json_parse(s, strlen(s), &at, &why);
}

static void
test_json_tree(void **state)
{
	struct sync_json *doc = parse("{\"a\": [1, -9223372036854775808, 2.5, \"x\\u00e9\\n\", "
				      "true, null], \"b\": {\"c\": \"d\"}, \"big\": 9223372036854775808}");
	struct sync_json *a, *v, *kept;
	size_t i, n = 0;

	(void)state;
	assert_non_null(doc);
	a = sync_json_get(doc, "a");
	assert_int_equal(sync_json_len(a), 6);
	assert_true(sync_json_is(sync_json_at(a, 0), SJ_INT));
	assert_int_equal(sync_json_at(a, 1)->i, INT64_MIN);
	assert_true(sync_json_is(sync_json_at(a, 2), SJ_DOUBLE));
	assert_string_equal(sync_json_string(sync_json_at(a, 3)), "x\xc3\xa9\n");
	assert_true(sync_json_is(sync_json_at(a, 4), SJ_BOOL) && sync_json_at(a, 4)->b);
	assert_true(sync_json_is(sync_json_at(a, 5), SJ_NULL));
	assert_null(sync_json_at(a, 6));
	SYNC_JSON_EACH(a, i, v)
		n++;
	assert_int_equal(n, 6);
	/* An integer past int64 is no id: a double, never a wrapped number. */
	assert_true(sync_json_is(sync_json_get(doc, "big"), SJ_DOUBLE));
	assert_int_equal(sync_json_int(doc, "big", -1), -1);
	assert_null(sync_json_get(a, "c"));		/* a list has no keys */
	assert_null(sync_json_get(doc, "nothing"));
	assert_int_equal(sync_json_len(doc), 0);	/* an object is no list */
	/* A value kept outlives the parse's own reference. */
	kept = sync_json_keep(sync_json_get(doc, "b"));
	sync_json_drop(doc);
	assert_string_equal(sync_json_str(kept, "c"), "d");
	sync_json_drop(kept);
	sync_json_drop(NULL);
}

static void
test_json_bounds(void **state)
{
	char deep[200];
	size_t at = 0;
	const char *why = NULL;
	struct sync_json *doc;

	(void)state;
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	assert_null(sync_json_parse(deep, sizeof(deep), &at, &why));
	assert_string_equal(why, "nested too deeply");
	assert_true(at <= 65);
	doc = sync_json_parse(deep + 40, 120, &at, &why);	/* 60 deep: read */
	assert_non_null(doc);
	sync_json_drop(doc);
	assert_null(sync_json_parse("{\"a\": [1, 2", 11, &at, &why));
	assert_string_equal(why, "cut off or garbled");
	assert_null(sync_json_parse("{\"a\": 1,, }", 12, &at, &why));
	assert_int_equal(at, 9);
	assert_null(sync_json_parse("", 0, &at, &why));
	/* Invalid UTF-8 in a body is read, for the text layer to clean. */
	doc = sync_json_parse("[\"a\xff\"]", 6, &at, &why);
	assert_non_null(doc);
	sync_json_drop(doc);
}

/* ---- item ids ---- */

static void
test_item_id_forms(void **state)
{
	int64_t a = 0, b = 0;

	(void)state;
	assert_true(sync_item_id("tag:google.com,2005:reader/item/000000000000001F", &a));
	assert_true(sync_item_id("31", &b));
	assert_int_equal(a, 31);
	assert_int_equal(a, b);
	/* FreshRSS: 16 decimal digits are decimal, not hex. */
	assert_true(sync_item_id("1796620613886818", &a));
	assert_true(sync_item_id("tag:google.com,2005:reader/item/00066204557ca362", &b));
	assert_int_equal(a, 1796620613886818LL);
	assert_int_equal(a, b);
	/* Google's signed decimal ids and their two's-complement hex form. */
	assert_true(sync_item_id("-1191926365", &a));
	assert_true(sync_item_id("tag:google.com,2005:reader/item/ffffffffb8f4a5a3", &b));
	assert_int_equal(a, b);
	/* Bare hex, padded or with letters. */
	assert_true(sync_item_id("00066204557ca362", &a));
	assert_int_equal(a, 1796620613886818LL);
}

static void
test_item_id_garbage(void **state)
{
	int64_t id;

	(void)state;
	assert_false(sync_item_id(NULL, &id));
	assert_false(sync_item_id("", &id));
	assert_false(sync_item_id("tag:google.com,2005:reader/item/", &id));
	assert_false(sync_item_id("tag:google.com,2005:reader/item/12345", &id));
	assert_false(sync_item_id("tag:google.com,2005:reader/item/0000000000000zzz", &id));
	assert_false(sync_item_id("12 34", &id));
	assert_false(sync_item_id("-", &id));
	assert_false(sync_item_id("99999999999999999999999", &id));
}

/* ---- the store's side ---- */

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
	struct store_sync_feed f = { .remote = "feed/7", .url = "https://example.com/f.xml",
				     .title = "F", .tags = "科技\nnews" };
	struct bl_err err = {0};
	size_t removed;
	bool is_new;

	strcpy(fx->dir, "/tmp/byline-test-sync-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	fx->path = xasprintf("%s/byline.db", fx->dir);
	fx->s = store_open(fx->path, &err);
	assert_non_null(fx->s);
	assert_int_equal(store_sync_feeds_begin(fx->s, &err), BL_OK);
	assert_int_equal(store_sync_feed_put(fx->s, &f, &fx->feed, &is_new, &err), BL_OK);
	assert_true(is_new);
	assert_int_equal(store_sync_feeds_end(fx->s, &removed, &err), BL_OK);
	assert_int_equal(removed, 0);
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

/* Stores articles 1..n from the server, each unread unless read_every divides it. */
static void
put_items(struct fixture *fx, int n, int read_every)
{
	struct bl_err err = {0};
	struct item it = { .published = 1700000000, .updated = BL_NO_DATE };
	char title[32];
	bool is_new;
	int i;

	assert_int_equal(store_sync_items_begin(fx->s, &err), BL_OK);
	for (i = 1; i <= n; i++) {
		snprintf(title, sizeof(title), "item %d", i);
		it.title = title;
		assert_int_equal(store_sync_item_put(fx->s, fx->feed, i, &it,
						     read_every && i % read_every == 0, false,
						     &is_new, &err), BL_OK);
		assert_true(is_new);
	}
	assert_int_equal(store_sync_items_end(fx->s, &err), BL_OK);
}

/* The rowid of the article the server calls `remote`. */
static int64_t
rowid_of(struct fixture *fx, int remote)
{
	struct item_filter f = { .feed_id = fx->feed };
	struct item_row rows[64];
	struct bl_err err;
	char title[32];
	size_t n, i;
	int64_t id = 0;

	snprintf(title, sizeof(title), "item %d", remote);
	assert_int_equal(store_list(fx->s, &f, 0, 64, rows, &n, &err), BL_OK);
	for (i = 0; i < n; i++) {
		if (!strcmp(rows[i].title, title))
			id = rows[i].rowid;
		item_row_clear(&rows[i]);
	}
	assert_true(id > 0);
	return id;
}

static bool
is_read(struct fixture *fx, int remote)
{
	struct item_filter f = { .feed_id = fx->feed, .unread_only = true };
	int64_t pos = -2;
	struct bl_err err;

	assert_int_equal(store_position(fx->s, &f, rowid_of(fx, remote), &pos, &err), BL_OK);
	return pos < 0;
}

static void
test_new_items_keep_server_flags(void **state)
{
	struct fixture *fx = *state;
	struct feed_counts c;
	struct bl_err err;
	int64_t n = -1;
	char *tags = NULL;

	put_items(fx, 6, 3);
	assert_int_equal(store_feed_counts(fx->s, fx->feed, &c, &err), BL_OK);
	assert_int_equal(c.total, 6);
	assert_int_equal(c.unread, 4);
	assert_true(is_read(fx, 3));
	assert_false(is_read(fx, 1));
	/* The server's own flags are not changes made here. */
	assert_int_equal(store_sync_queue_count(fx->s, &n, &err), BL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_sync_feed_tags(fx->s, fx->feed, &tags, &err), BL_OK);
	assert_string_equal(tags, "科技\nnews");
	free(tags);
}

static void
test_queue_last_change_wins(void **state)
{
	struct fixture *fx = *state;
	struct store_sync_mark *m = NULL;
	struct bl_err err;
	size_t n = 0;
	int64_t left = -1;

	put_items(fx, 4, 0);
	/* read, unread, read again: the server must end with read, sent once. */
	assert_int_equal(store_set_read(fx->s, rowid_of(fx, 2), true, &err), BL_OK);
	assert_int_equal(store_set_read(fx->s, rowid_of(fx, 2), false, &err), BL_OK);
	assert_int_equal(store_set_starred(fx->s, rowid_of(fx, 4), true, &err), BL_OK);
	assert_int_equal(store_set_read(fx->s, rowid_of(fx, 2), true, &err), BL_OK);
	assert_int_equal(store_sync_queue(fx->s, &m, &n, &err), BL_OK);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].remote, 4);	/* in the order of the last changes */
	assert_int_equal(m[0].flag, SYNC_FLAG_STARRED);
	assert_true(m[0].value);
	assert_int_equal(m[1].remote, 2);
	assert_int_equal(m[1].flag, SYNC_FLAG_READ);
	assert_true(m[1].value);
	/* A change made after the queue was read stays for the next send. */
	assert_int_equal(store_set_read(fx->s, rowid_of(fx, 2), false, &err), BL_OK);
	assert_int_equal(store_sync_queue_done(fx->s, m, n, &err), BL_OK);
	free(m);
	assert_int_equal(store_sync_queue_count(fx->s, &left, &err), BL_OK);
	assert_int_equal(left, 1);
	assert_int_equal(store_sync_queue(fx->s, &m, &n, &err), BL_OK);
	assert_int_equal(n, 1);
	assert_false(m[0].value);
	free(m);
}

/* Marking a feed read queues every article of it the server knows; its undo queues them unread. */
static void
test_queue_mark_all_and_undo(void **state)
{
	struct fixture *fx = *state;
	struct item_filter f = { .feed_id = fx->feed };
	struct store_sync_mark *m = NULL;
	struct bl_err err;
	int64_t *changed = NULL, queued = -1;
	size_t nchanged = 0, n = 0, i;

	put_items(fx, 5, 2);	/* 2 and 4 read on the server: the mark changes 1, 3, 5 */
	assert_int_equal(store_mark_all_read(fx->s, &f, &changed, &nchanged, &err), BL_OK);
	assert_int_equal(nchanged, 3);
	assert_int_equal(store_sync_queue_count(fx->s, &queued, &err), BL_OK);
	assert_int_equal(queued, 3);	/* once each */
	assert_int_equal(store_sync_queue(fx->s, &m, &n, &err), BL_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_int_equal(m[i].remote % 2, 1);
		assert_int_equal(m[i].flag, SYNC_FLAG_READ);
		assert_true(m[i].value);
	}
	free(m);
	assert_int_equal(store_set_read_many(fx->s, changed, nchanged, false, &err), BL_OK);
	free(changed);
	assert_int_equal(store_sync_queue(fx->s, &m, &n, &err), BL_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_false(m[i].value);	/* the last change wins: unread again */
	free(m);
	assert_true(is_read(fx, 2));
	assert_false(is_read(fx, 3));
}

static void
test_apply_skips_waiting_changes(void **state)
{
	struct fixture *fx = *state;
	const int64_t unread[] = { 1, 2, 5 };
	struct bl_err err;
	size_t changed = 0;
	int64_t n = -1;

	put_items(fx, 5, 0);
	/* Read here, not yet sent: the server still lists it unread. */
	assert_int_equal(store_set_read(fx->s, rowid_of(fx, 2), true, &err), BL_OK);
	assert_int_equal(store_sync_apply(fx->s, SYNC_FLAG_READ, false, unread, 3, 0, &changed,
					  &err), BL_OK);
	assert_int_equal(changed, 2);	/* 3 and 4 read elsewhere */
	assert_true(is_read(fx, 3));
	assert_true(is_read(fx, 4));
	assert_false(is_read(fx, 1));
	assert_true(is_read(fx, 2));	/* the later change, made here, wins */
	assert_int_equal(store_sync_queue_count(fx->s, &n, &err), BL_OK);
	assert_int_equal(n, 1);		/* the server's changes are not queued */
}

static void
test_unknown_and_expired(void **state)
{
	struct fixture *fx = *state;
	const int64_t ids[] = { 2, 9, 11, 9 };
	struct bl_err err;
	int64_t *unk = NULL, max = 0;
	size_t n = 0;

	put_items(fx, 3, 0);
	assert_int_equal(store_sync_unknown(fx->s, ids, 4, &unk, &n, &err), BL_OK);
	assert_int_equal(n, 2);
	assert_int_equal(unk[0], 9);
	assert_int_equal(unk[1], 11);
	free(unk);
	assert_int_equal(store_sync_max_remote(fx->s, &max, &err), BL_OK);
	assert_int_equal(max, 3);
}

static void
test_account_is_kept(void **state)
{
	struct fixture *fx = *state;
	struct bl_err err = {0};

	assert_int_equal(store_sync_account(fx->s, "greader https://a/ alice", &err), BL_OK);
	assert_int_equal(store_sync_account(fx->s, "greader https://a/ alice", &err), BL_OK);
	assert_int_equal(store_sync_account(fx->s, "ttrss https://b/ bob", &err), BL_ERR);
	assert_non_null(strstr(err.msg, "another account"));
}

static void
test_feed_gone_from_server(void **state)
{
	struct fixture *fx = *state;
	struct bl_err err;
	size_t removed = 0;
	int64_t id = -1;

	put_items(fx, 2, 0);
	assert_int_equal(store_sync_feeds_begin(fx->s, &err), BL_OK);
	assert_int_equal(store_sync_feeds_end(fx->s, &removed, &err), BL_OK);
	assert_int_equal(removed, 1);
	assert_int_equal(store_sync_feed_id(fx->s, "feed/7", &id, &err), BL_OK);
	assert_int_equal(id, 0);
}

/* ---- the config line ---- */

static void
expect_error(const char *text, const char *part)
{
	struct bl_err err = {0};
	struct config *cfg = config_parse(text, "t.conf", &err);

	assert_null(cfg);
	if (!strstr(err.msg, part))
		fail_msg("'%s' not in '%s'", part, err.msg);
}

static void
test_config_sync_line(void **state)
{
	struct bl_err err = {0};
	struct config *cfg;

	(void)state;
	cfg = config_parse("sync greader https://h/api/greader.php user=alice "
			   "password-command=\"pass show rss\"\n", "t.conf", &err);
	assert_non_null(cfg);
	assert_string_equal(cfg->sync->kind, "greader");
	assert_string_equal(cfg->sync->url, "https://h/api/greader.php");
	assert_string_equal(cfg->sync->user, "alice");
	assert_string_equal(cfg->sync->password_command, "pass show rss");
	assert_null(cfg->sync->password_file);
	config_free(&cfg);
	expect_error("sync greader https://h/ user=a password=hunter2\n",
		     "the password does not go into the config");
	expect_error("sync greader https://h/ user=a password=hunter2\n", "t.conf:1:");
	expect_error("sync newsblur https://h/ user=a password-file=/x\n", "unknown sync server");
	expect_error("sync ttrss ftp://h/ user=a password-file=/x\n", "bad sync URL");
	expect_error("sync ttrss https://h/ password-file=/x\n", "needs user=");
	expect_error("sync ttrss https://h/ user=a\n", "one of password-command");
	expect_error("sync ttrss https://h/ user=a password-file=/x password-command=y\n",
		     "one of password-command");
	expect_error("sync ttrss https://h/ user=a token=x\n", "unknown sync option 'token='");
	expect_error("sync ttrss https://h/ user=a password-file=/x\n"
		     "sync ttrss https://h/ user=a password-file=/x\n", "a second sync line");
}

static void
test_config_password_never_echoed(void **state)
{
	struct bl_err err = {0};

	(void)state;
	assert_null(config_parse("sync greader https://h/ user=a password=s3cr3t-xyz\n", "t",
				 &err));
	assert_null(strstr(err.msg, "s3cr3t-xyz"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_tree),
		cmocka_unit_test(test_json_bounds),
		cmocka_unit_test(test_item_id_forms),
		cmocka_unit_test(test_item_id_garbage),
		cmocka_unit_test_setup_teardown(test_new_items_keep_server_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_last_change_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_mark_all_and_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_skips_waiting_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_expired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_is_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_gone_from_server, setup, teardown),
		cmocka_unit_test(test_config_sync_line),
		cmocka_unit_test(test_config_password_never_echoed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
