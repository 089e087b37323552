/*
 * Unit tests for the store's VFS (src/store/vfs.c) over a default VFS of
 * an older kind: files whose methods are version 2 (no xFetch, xUnfetch);
 * and for switching it off (set gather-writes no, BYLINE_GATHER_WRITES=no).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/cli_common.h"
#include "byline/config.h"
#include "byline/mem.h"
#include "byline/store.h"
#include "../../src/store/store_int.h"

/* ---- "old": the unix VFS, its files' methods cut down to version 2 ---- */

static sqlite3_vfs *unix_vfs;
static sqlite3_vfs old_vfs;
/* The unix VFS's methods seen (locking for databases, none for journals) and their cuts. */
static const sqlite3_io_methods *unix_methods[4];
static sqlite3_io_methods old_methods[4];

/* The version 2 cut of a unix file's methods. */
static const sqlite3_io_methods *
cut(const sqlite3_io_methods *m)
{
	size_t i;

	for (i = 0; i < 4 && unix_methods[i] && unix_methods[i] != m; i++)
		;
	if (i == 4)
		abort();
	if (!unix_methods[i]) {
		unix_methods[i] = m;
		old_methods[i] = *m;
		old_methods[i].iVersion = 2;
		old_methods[i].xFetch = NULL;
		old_methods[i].xUnfetch = NULL;
	}
	return &old_methods[i];
}

/* Whether m is one of the cuts: a file of the default VFS, not wrapped by the store's. */
static bool
is_old(const sqlite3_io_methods *m)
{
	return m >= old_methods && m < old_methods + 4;
}

static int
old_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	int rc = unix_vfs->xOpen(unix_vfs, name, f, flags, out_flags);

	(void)vfs;
	if (f->pMethods)
		f->pMethods = cut(f->pMethods);
	return rc;
}

/* Made the default before the store sets its own VFS over the default one. */
static void
register_old_vfs(void)
{
	unix_vfs = sqlite3_vfs_find(NULL);
	old_vfs = *unix_vfs;
	old_vfs.pNext = NULL;
	old_vfs.zName = "old";
	old_vfs.xOpen = old_open;
	if (sqlite3_vfs_register(&old_vfs, 1) != SQLITE_OK)
		abort();
}

/* ---- fixture ---- */

struct fixture {
	char dir[64];
	char *path;
};

static int
setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));

	strcpy(fx->dir, "/tmp/byline-test-vfs-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	fx->path = xasprintf("%s/byline.db", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char *cmd = xasprintf("rm -rf '%s'", fx->dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(fx->path);
	free(fx);
	return 0;
}

/* The sqlite3_file SQLite holds for a connection's database file. */
static sqlite3_file *
main_file(sqlite3 *db)
{
	sqlite3_file *f = NULL;

	assert_int_equal(sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f),
			 SQLITE_OK);
	assert_non_null(f);
	return f;
}

static void
put_items(struct store *s, int64_t feed, int from, int n)
{
	struct bl_err err = {0};
	bool is_new;
	int i;

	assert_int_equal(store_refresh_begin(s, feed, &err), BL_OK);
	for (i = from; i < from + n; i++) {
		char id[16];
		struct item it = { .published = 1000 + i, .updated = BL_NO_DATE };

		snprintf(id, sizeof(id), "%d", i);
		it.id = id;
		it.title = id;
		assert_int_equal(store_refresh_item(s, feed, &it, &is_new, &err), BL_OK);
		assert_true(is_new);
	}
	assert_int_equal(store_refresh_end(s, &err), BL_OK);
}

/* ---- tests ---- */

/*
 * The store's files claim no more than the files under them: version 2
 * here, so SQLite never maps the file (xFetch, version 3), even when told
 * to, and reading through the mapping it does not have works.
 */
static void
test_methods_no_newer_than_the_file(void **state)
{
	struct fixture *fx = *state;
	struct bl_err err = {0};
	struct feed_state fs;
	struct item_filter all = {0};
	struct item_row rows[4];
	struct store *s = store_open(fx->path, &err);
	int64_t n = 0;
	size_t got = 0;

	assert_non_null(s);
	assert_int_equal(store_feed_get(s, "https://example.com/feed", &fs, &err), BL_OK);
	put_items(s, fs.id, 0, 300);
	assert_int_equal(store_checkpoint(s, 0, &err), BL_OK);
	store_close(&s);

	s = store_open(fx->path, &err);
	assert_non_null(s);
	assert_false(is_old(main_file(s->db)->pMethods));	/* the store's */
	assert_int_equal(main_file(s->db)->pMethods->iVersion, 2);
	assert_int_equal(sqlite3_exec(s->db, "PRAGMA mmap_size = 67108864", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(store_count(s, &all, &n, &err), BL_OK);
	assert_int_equal(n, 300);
	assert_int_equal(store_list(s, &all, 0, 4, rows, &got, &err), BL_OK);
	assert_int_equal(got, 4);
	assert_string_equal(rows[0].title, "299");
	while (got)
		item_row_clear(&rows[--got]);
	put_items(s, fs.id, 300, 10);
	store_close(&s);
	feed_state_clear(&fs);
}

/*
 * Files other than the database and its WAL (here a rollback journal) are
 * the default VFS's own, their methods not wrapped.
 */
static void
test_journal_passes_through(void **state)
{
	struct fixture *fx = *state;
	sqlite3 *db;
	sqlite3_file *journal = NULL;

	assert_non_null(store_vfs());
	assert_int_equal(sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READWRITE |
					 SQLITE_OPEN_CREATE, store_vfs()), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1); "
				      "BEGIN; INSERT INTO t VALUES (2);", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER,
					      &journal), SQLITE_OK);
	assert_non_null(journal);
	assert_non_null(journal->pMethods);
	assert_true(is_old(journal->pMethods));
	assert_false(is_old(main_file(db)->pMethods));
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* The name of the VFS a connection was opened with. */
static const char *
vfs_of(const struct store *s)
{
	sqlite3_vfs *v = NULL;

	assert_int_equal(sqlite3_file_control(s->db, "main", SQLITE_FCNTL_VFS_POINTER, &v),
			 SQLITE_OK);
	assert_non_null(v);
	return v->zName;
}

/* Articles as a reader sees them: the list's rows, one line each. */
static char *
listing(struct store *s)
{
	struct bl_err err = {0};
	struct item_filter all = {0};
	struct item_row rows[64];
	struct buf b = {0};
	size_t n = 0, i;

	assert_int_equal(store_list(s, &all, 0, 64, rows, &n, &err), BL_OK);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s|%s|%s|%lld|%d%d\n", rows[i].feed_title, rows[i].title,
			   rows[i].link, (long long)rows[i].date, rows[i].read, rows[i].starred);
		item_row_clear(&rows[i]);
	}
	return buf_steal(&b);
}

/* The option and its second connections (store_reopen) use the default VFS. */
static void
test_plain_vfs_option(void **state)
{
	struct fixture *fx = *state;
	struct bl_err err = {0};
	struct store_options plain = { .plain_vfs = true };
	struct store *s = store_open(fx->path, &err), *again;

	assert_non_null(s);
	assert_string_equal(vfs_of(s), STORE_VFS);
	again = store_reopen(s, &err);
	assert_string_equal(vfs_of(again), STORE_VFS);
	store_close(&again);
	store_close(&s);
	s = store_open_with(fx->path, &plain, &err);
	assert_non_null(s);
	assert_string_equal(vfs_of(s), "old");
	again = store_reopen(s, &err);
	assert_non_null(again);
	assert_string_equal(vfs_of(again), "old");
	store_close(&again);
	store_close(&s);
}

/* BYLINE_GATHER_WRITES=no wins over the options; other values leave them be. */
static void
test_plain_vfs_environment(void **state)
{
	struct fixture *fx = *state;
	struct bl_err err = {0};
	struct store *s;
	static const char *const off[] = { "no", "OFF", "false", "0" };
	size_t i;

	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		setenv("BYLINE_GATHER_WRITES", off[i], 1);
		s = store_open(fx->path, &err);
		assert_non_null(s);
		assert_string_equal(vfs_of(s), "old");
		store_close(&s);
	}
	setenv("BYLINE_GATHER_WRITES", "yes", 1);
	s = store_open(fx->path, &err);
	assert_string_equal(vfs_of(s), STORE_VFS);
	store_close(&s);
	unsetenv("BYLINE_GATHER_WRITES");
}

/* `set gather-writes no` reaches the store the commands open. */
static void
test_plain_vfs_setting(void **state)
{
	struct fixture *fx = *state;
	struct bl_err err = {0};
	struct cli_common co = { .db_path = fx->path };
	struct config *cfg = config_parse("set gather-writes no\n", "test", &err);
	struct store *s;

	assert_non_null(cfg);
	s = cli_open_store(&co, cfg);
	assert_non_null(s);
	assert_string_equal(vfs_of(s), "old");
	store_close(&s);
	config_free(&cfg);
	cfg = config_parse("", "test", &err);
	s = cli_open_store(&co, cfg);
	assert_string_equal(vfs_of(s), STORE_VFS);
	store_close(&s);
	config_free(&cfg);
}

/* What one way wrote, the other reads the same, and goes on writing. */
static void
test_same_file_either_way(void **state)
{
	struct fixture *fx = *state;
	struct bl_err err = {0};
	struct store_options plain = { .plain_vfs = true };
	struct feed_state fs;
	struct store *s = store_open(fx->path, &err);
	char *gathered, *seen;

	assert_int_equal(store_feed_get(s, "https://example.com/feed", &fs, &err), BL_OK);
	put_items(s, fs.id, 0, 20);
	gathered = listing(s);
	store_close(&s);
	s = store_open_with(fx->path, &plain, &err);
	seen = listing(s);
	assert_string_equal(seen, gathered);
	free(seen);
	put_items(s, fs.id, 20, 20);
	free(gathered);
	gathered = listing(s);
	store_close(&s);
	s = store_open(fx->path, &err);
	seen = listing(s);
	assert_string_equal(seen, gathered);
	assert_non_null(strstr(seen, "|39|"));
	store_close(&s);
	free(seen);
	free(gathered);
	feed_state_clear(&fs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_methods_no_newer_than_the_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_journal_passes_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_vfs_option, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_vfs_environment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_vfs_setting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_file_either_way, setup, teardown),
	};

	unsetenv("BYLINE_GATHER_WRITES");	/* these tests say when the gathering is off */
	register_old_vfs();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
