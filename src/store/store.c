/* The store's connection: opening (WAL, busy timeout, checks, migrations), statements, transactions. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/xdg.h"
#include "store_int.h"

/* A writer waits this long for another process's transaction to finish. */
#define STORE_BUSY_MS 15000
/*
 * A commit checkpoints when the WAL has grown to this many pages (32 MiB;
 * SQLite's default, 4 MiB, made a refresh sync five times as often).
 */
#define STORE_WAL_PAGES 8192

static const char *const stmt_sql[ST_COUNT] = {
	[ST_FEED_INSERT] = "INSERT OR IGNORE INTO feed (url) VALUES (?)",
	[ST_FEED_SELECT] = "SELECT id, url, fetch_url, etag, last_modified, next_fetch, gone, "
			   "last_error, last_error_at, last_fetch, title, site_link "
			   "FROM feed WHERE url = ?",
	[ST_FEED_LOOKUP] = "SELECT id FROM feed WHERE url = ?",
	[ST_FEED_SAVE_STATE] = "UPDATE feed SET fetch_url = ?2, etag = ?3, last_modified = ?4, "
			       "next_fetch = ?5, gone = ?6, last_error = ?7, last_error_at = ?8, "
			       "last_fetch = ?9 WHERE id = ?1",
	[ST_FEED_INFO] = "UPDATE feed SET title = ?2, site_link = ?3, format = ?4, "
			 "description = ?5, language = ?6 WHERE id = ?1",
	[ST_FEED_COUNT_NEW] = "UPDATE feed SET n_total = n_total + ?2, "
			      "n_unread = n_unread + ?2 WHERE id = ?1",
	[ST_FEED_COUNT_ADD] = "UPDATE feed SET n_total = n_total + ?2, n_unread = n_unread + ?3, "
			      "n_starred = n_starred + ?4 WHERE id = ?1",
	[ST_FEED_ROWS] = "SELECT id, url, title, last_error, n_unread, n_total, "
			  "last_error_at, last_fetch, tags FROM feed "
			  "LEFT JOIN sync_feed ON sync_feed.feed_id = feed.id",
	[ST_ITEM_FIND] = "SELECT id, hash, first_seen FROM item WHERE feed_id = ? AND guid = ?",
	[ST_ITEM_INSERT] = "INSERT INTO item (feed_id, guid, hash, first_seen, published, updated, "
			   "title, link, author, categories, enclosures, body) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[ST_STATE_INSERT] = "INSERT INTO item_state (feed_id, date, id) VALUES (?, ?, ?)",
	[ST_ITEM_UPDATE] = "UPDATE item SET hash = ?3, first_seen = ?4, published = ?5, "
			   "updated = ?6, title = ?7, link = ?8, author = ?9, categories = ?10, "
			   "enclosures = ?11, body = ?12 WHERE id = ?1",
	[ST_STATE_REDATE] = "UPDATE item_state SET date = ?2 WHERE id = ?1 AND date != ?2",
	[ST_ITEM_EXPIRED_FIND] = "SELECT 1 FROM item_expired WHERE feed_id = ? AND guid = ?",
	[ST_FTS_INSERT] = "INSERT INTO item_fts (rowid, title, author, text, link) "
			  "VALUES (?, ?, ?, ?, ?)",
	[ST_FTS_DELETE] = "INSERT INTO item_fts (item_fts, rowid, title, author, text, link) "
			  "VALUES ('delete', ?, ?, ?, ?, ?)",
	[ST_FTS_TODO_ADD] = "INSERT OR IGNORE INTO item_fts_todo (id) VALUES (?)",
	[ST_FTS_TODO_NEXT] = "SELECT id FROM item_fts_todo ORDER BY id LIMIT ?",
	[ST_FTS_TODO_DONE] = "DELETE FROM item_fts_todo WHERE id = ?",
	[ST_FTS_TODO_COUNT] = "SELECT count(*) FROM item_fts_todo",
	[ST_FTS_TODO_HAS] = "SELECT 1 FROM item_fts_todo WHERE id = ?",
	[ST_FTS_SOURCE] = "SELECT title, author, body, link FROM item WHERE id = ?",
	[ST_SET_READ] = "UPDATE item_state SET read = ?2 WHERE id = ?1 AND "
			"(read != 0) != (?2 != 0) RETURNING feed_id",
	[ST_SET_STARRED] = "UPDATE item_state SET starred = ?2 WHERE id = ?1 AND "
			   "(starred != 0) != (?2 != 0) RETURNING feed_id",
	[ST_ITEM_GET] = "SELECT guid, title, link, author, published, updated, body, categories, "
			"enclosures FROM item WHERE id = ?",
	[ST_ITEM_ENCLOSURES] = "SELECT enclosures FROM item WHERE id = ?",
	[ST_DATA_VERSION] = "PRAGMA data_version",
	[ST_COUNT_FEED_TOTAL] = "SELECT n_total FROM feed WHERE id = ?",
	[ST_COUNT_FEED_UNREAD] = "SELECT n_unread FROM feed WHERE id = ?",
	[ST_COUNT_ALL_TOTAL] = "SELECT coalesce(sum(n_total), 0) FROM feed",
	[ST_COUNT_ALL_UNREAD] = "SELECT coalesce(sum(n_unread), 0) FROM feed",
	[ST_COUNT_ALL_STARRED] = "SELECT coalesce(sum(n_starred), 0) FROM feed",
	/* In the order they were stored, from where the last batch stopped; hidden ones too. */
	[ST_EXPIRE_NEXT] = "SELECT id, feed_id, date, read, starred, 0 FROM item_state "
			   "INDEXED BY item_state_id WHERE id > ?1 "
			   "UNION ALL SELECT h.id, i.feed_id, h.date, 0, 0, 1 FROM item_hidden h "
			   "JOIN item i ON i.id = h.id WHERE h.id > ?1 ORDER BY 1 LIMIT ?2",
	[ST_EXPIRE_ITEM] = "SELECT guid, first_seen FROM item WHERE id = ?",
	[ST_EXPIRE_REMEMBER] = "INSERT OR IGNORE INTO item_expired (feed_id, guid) VALUES (?, ?)",
	[ST_ITEM_DELETE] = "DELETE FROM item WHERE id = ?",
	[ST_STATE_DELETE] = "DELETE FROM item_state WHERE feed_id = ? AND date = ? AND id = ?",
	[ST_DICT_NEWEST] = "SELECT id, dict FROM zdict ORDER BY id DESC LIMIT 1",
	[ST_DICT_GET] = "SELECT dict FROM zdict WHERE id = ?",
	[ST_DICT_ADD] = "INSERT INTO zdict (dict) VALUES (?)",
};

int64_t
store_now(void)
{
	return (int64_t)time(NULL);
}

enum bl_status
store_fail(struct store *s, struct bl_err *err, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);

	if (code == SQLITE_NOTADB)
		return bl_err_set(err, "%s: %s: not an SQLite database. Check -d FILE; if this is "
				  "byline's database, it is damaged: move it aside (mv %s %s.damaged) "
				  "and run byline again to start a new one", s->path, what, s->path,
				  s->path);
	if ((code & 0xff) == SQLITE_CORRUPT) {
		store_saw_damage();
		return bl_err_set(err, "%s: %s: the database is damaged (%s). Move it aside "
				  "(mv %s %s.damaged) and run byline again to start a new one",
				  s->path, what, sqlite3_errmsg(s->db), s->path, s->path);
	}
	if ((code & 0xff) == SQLITE_FULL)
		return bl_err_set(err, "%s: %s: the disk is full; nothing was lost, free some "
				  "space and try again", s->path, what);
	if ((code & 0xff) == SQLITE_READONLY)
		return bl_err_set(err, "%s: %s: the database is read-only (a read-only file "
				  "system?); byline can show it but not change it", s->path, what);
	return bl_err_set(err, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *
store_stmt(struct store *s, enum stmt_id id, struct bl_err *err)
{
	sqlite3_stmt *st = s->stmts[id];

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL)) {
		store_fail(s, err, "cannot prepare a query");
		return NULL;
	}
	s->stmts[id] = st;
	return st;
}

void
store_bind(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	const void *blob;
	const char *t;
	int64_t v;
	int i;

	for (i = 1; *fmt; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'd':
			v = va_arg(ap, int64_t);
			if (v == BL_NO_DATE)
				sqlite3_bind_null(st, i);
			else
				sqlite3_bind_int64(st, i, v);
			break;
		case 'b':
			blob = va_arg(ap, const void *);
			v = va_arg(ap, int64_t);
			if (blob)
				sqlite3_bind_blob(st, i, blob, (int)v, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, i);
			break;
		default:	/* 't' */
			t = va_arg(ap, const char *);
			if (t)
				sqlite3_bind_text(st, i, t, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, i);
			break;
		}
	}
}

static enum bl_status
store_vrow(struct store *s, enum stmt_id id, const char *what, store_fill_fn fill, void *ud,
	   bool *found, struct bl_err *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = store_stmt(s, id, err);
	int rc;

	if (found)
		*found = false;
	if (!st)
		return BL_ERR;
	store_bind(st, fmt, ap);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && fill)
		fill(st, ud);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, what);
	if (found)
		*found = rc == SQLITE_ROW;
	return BL_OK;
}

enum bl_status
store_row(struct store *s, enum stmt_id id, const char *what, store_fill_fn fill, void *ud,
	  bool *found, struct bl_err *err, const char *fmt, ...)
{
	va_list ap;
	enum bl_status ret;

	va_start(ap, fmt);
	ret = store_vrow(s, id, what, fill, ud, found, err, fmt, ap);
	va_end(ap);
	return ret;
}

enum bl_status
store_run(struct store *s, enum stmt_id id, const char *what, struct bl_err *err,
	  const char *fmt, ...)
{
	va_list ap;
	enum bl_status ret;

	va_start(ap, fmt);
	ret = store_vrow(s, id, what, NULL, NULL, NULL, err, fmt, ap);
	va_end(ap);
	return ret;
}

static void
fill_int(sqlite3_stmt *st, void *ud)
{
	*(int64_t *)ud = sqlite3_column_int64(st, 0);
}

enum bl_status
store_int(struct store *s, enum stmt_id id, const char *what, int64_t *out, bool *found,
	  struct bl_err *err, const char *fmt, ...)
{
	va_list ap;
	enum bl_status ret;

	va_start(ap, fmt);
	ret = store_vrow(s, id, what, fill_int, out, found, err, fmt, ap);
	va_end(ap);
	return ret;
}

char *
store_col_strdup(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return t ? xstrdup(t) : NULL;
}

int64_t
store_col_date(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? BL_NO_DATE
							   : sqlite3_column_int64(st, col);
}

/* Runs SQL once (no rows wanted). */
enum bl_status
store_run_sql(struct store *s, const char *sql, const char *what, struct bl_err *err,
	 const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return store_fail(s, err, "cannot prepare a query");
	va_start(ap, fmt);
	store_bind(st, fmt, ap);
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, err, what);
	return BL_OK;
}

enum bl_status
store_exec(struct store *s, const char *sql, struct bl_err *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, "cannot write");
	return BL_OK;
}

enum bl_status
store_begin(struct store *s, struct bl_err *err)
{
	/* IMMEDIATE takes the write lock now, so the busy timeout applies. */
	return store_exec(s, "BEGIN IMMEDIATE", err);
}

enum bl_status
store_commit(struct store *s, struct bl_err *err)
{
	if (store_exec(s, "COMMIT", err)) {
		store_rollback(s);
		return BL_ERR;
	}
	return BL_OK;
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	store_codec_forget(s);
}

/* Creates the file with mode 0600 before SQLite does (SQLite would use 0644). */
static enum bl_status
create_private(const char *path, struct bl_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0 && errno != EEXIST)
		return bl_err_set(err, "%s: cannot create the database: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return BL_OK;
}

enum bl_status
store_pragma_int(struct store *s, const char *sql, int *out, struct bl_err *err)
{
	int64_t v = *out;
	enum bl_status ret = store_pragma_int64(s, sql, &v, err);

	*out = (int)v;
	return ret;
}

enum bl_status
store_pragma_int64(struct store *s, const char *sql, int64_t *out, struct bl_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return store_fail(s, err, "cannot read the database");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read the database");
	return BL_OK;
}

/* Switches to WAL (a no-op when already there); *wal tells whether it is on. */
static enum bl_status
journal_wal(struct store *s, int *wal, struct bl_err *err)
{
	sqlite3_stmt *st;
	const char *mode;

	*wal = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL))
		return store_fail(s, err, "cannot open the database");
	if (sqlite3_step(st) == SQLITE_ROW) {
		mode = (const char *)sqlite3_column_text(st, 0);
		*wal = mode && !strcasecmp(mode, "wal");
	} else {
		sqlite3_finalize(st);
		return store_fail(s, err, "cannot open the database");
	}
	sqlite3_finalize(st);
	return BL_OK;
}

/*
 * Waiting for another connection's write lock: a look every 2 ms, up to
 * STORE_BUSY_MS. SQLite's own busy timeout backs off to a sleep of 100 ms,
 * so a writer that asked while keep-days held the lock for a slice of 10 ms
 * slept on long after it was free, or found the next slice holding it
 * (measured: waits of 0.4 to 2 s, doc/SCALE.md). Locks queue nobody;
 * looking often is what keeps a wait near the holder's transaction.
 */
static int
busy_wait(void *ud, int calls)
{
	struct store *s = ud;
	struct timespec now;
	int64_t ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	if (calls == 0)
		s->busy_since = ms;
	if (ms - s->busy_since >= STORE_BUSY_MS)
		return 0;
	sqlite3_sleep(2);
	return 1;
}

/* After each commit: SQLite's automatic checkpoint, and the WAL's size for store_checkpoint. */
static int
wal_hook(void *ud, sqlite3 *db, const char *name, int pages)
{
	struct store *s = ud;
	struct bl_err err;

	s->wal_pages = pages > 0 ? (size_t)pages : 0;
	/* A failure here is not the commit's: the next checkpoint tries again. */
	if (!s->defer_checkpoints && s->wal_pages >= STORE_WAL_PAGES)
		store_checkpoint(s, 0, &err);
	(void)db;
	(void)name;
	return SQLITE_OK;
}

/* What the schema needs of a connection: the tokenizer, byline_text(). */
static enum bl_status
store_functions(struct store *s, struct bl_err *err)
{
	if (store_fts_register(s->db) != SQLITE_OK || store_body_register(s) != SQLITE_OK ||
	    store_query_register(s->db) != SQLITE_OK)
		return bl_err_set(err, "%s: cannot open the database: this SQLite has no FTS5 "
				  "(byline needs SQLite 3.20 or later, built with FTS5)", s->path);
	return BL_OK;
}

/* Settings every connection needs, then the checks and migrations. */
static enum bl_status
store_setup(struct store *s, struct bl_err *err)
{
	int version = 0, wal = 0;

	sqlite3_busy_handler(s->db, busy_wait, s);
	sqlite3_extended_result_codes(s->db, 1);
	if (store_functions(s, err) || store_pragma_int(s, "PRAGMA user_version", &version, err))
		return BL_ERR;
	if (version > STORE_SCHEMA_VERSION)
		return bl_err_set(err, "%s: this database was written by a newer byline (schema "
				  "version %d; this byline knows up to %d). Upgrade byline, or "
				  "use another database with -d FILE", s->path, version,
				  STORE_SCHEMA_VERSION);
	/*
	 * Statement journals (the delete and read triggers need them) in memory, not in a
	 * file created and deleted per transaction; a checkpoint (two fsyncs,
	 * inside a commit, so transfers wait) every 32 MiB of WAL (wal_hook).
	 */
	if (store_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
		       "PRAGMA temp_store = MEMORY", err))
		return BL_ERR;
	sqlite3_wal_hook(s->db, wal_hook, s);
	if (journal_wal(s, &wal, err))
		return BL_ERR;
	if (!wal)
		return bl_err_set(err, "%s: cannot switch the database to WAL mode (is it on a "
				  "network file system?)", s->path);
	if (version < STORE_SCHEMA_VERSION)
		return store_migrate(s, version, err);
	return BL_OK;
}

/* The file exists and may not be written (a read-only file system, say). */
static bool
read_only_file(const char *path)
{
	return access(path, F_OK) == 0 && access(path, W_OK) != 0;
}

/*
 * A database nobody can write: opened immutable (no WAL index, no lock
 * files to create), for reading. Every write fails as SQLITE_READONLY.
 */
static enum bl_status
open_read_only(struct store *s, struct bl_err *err)
{
	struct buf uri = {0};
	const char *p;
	int rc, version = 0;

	buf_puts(&uri, "file:");
	for (p = s->path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_putc(&uri, *p);
	buf_puts(&uri, "?immutable=1");
	rc = sqlite3_open_v2(buf_cstr(&uri), &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	buf_free(&uri);
	if (rc != SQLITE_OK)
		return bl_err_set(err, "%s: cannot open the database: %s", s->path,
				  s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	sqlite3_extended_result_codes(s->db, 1);
	if (store_functions(s, err) || store_pragma_int(s, "PRAGMA user_version", &version, err))
		return BL_ERR;
	if (version != STORE_SCHEMA_VERSION)
		return bl_err_set(err, "%s: the database is read-only and of schema version %d, "
				  "not %d; byline cannot %s it", s->path, version,
				  STORE_SCHEMA_VERSION, version > STORE_SCHEMA_VERSION ?
				  "read (a newer byline wrote it)" : "upgrade");
	return BL_OK;
}

/* BYLINE_GATHER_WRITES=no (or off, false, 0): SQLite's default VFS whatever the config says. */
static bool
env_plain_vfs(void)
{
	const char *v = getenv("BYLINE_GATHER_WRITES");

	return v && (!strcasecmp(v, "no") || !strcasecmp(v, "off") || !strcasecmp(v, "false") ||
		     !strcmp(v, "0"));
}

char *
store_default_path(void)
{
	return xdg_path("XDG_DATA_HOME", ".local/share", "byline/byline.db");
}

struct store *
store_open_with(const char *path, const struct store_options *o, struct bl_err *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	const char *vfs;
	int rc;

	s->path = path ? xstrdup(path) : store_default_path();
	s->plain_vfs = o && o->plain_vfs;
	if (o) {
		s->progress = o->progress;
		s->progress_ud = o->progress_ud;
	}
	if (read_only_file(s->path)) {
		if (open_read_only(s, err))
			goto fail;
		return s;
	}
	if (xdg_make_parents(s->path, err) || create_private(s->path, err))
		goto fail;
	/* NOMUTEX: a connection is used by one thread only (the refresh writer has its own). */
	vfs = s->plain_vfs || env_plain_vfs() ? NULL : store_vfs();
	rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			     SQLITE_OPEN_NOMUTEX, vfs);
	if (rc != SQLITE_OK) {
		bl_err_set(err, "%s: cannot open the database: %s", s->path,
			   s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		goto fail;
	}
	if (store_setup(s, err))
		goto fail;
	return s;
fail:
	store_close(&s);
	return NULL;
}

struct store *
store_open(const char *path, struct bl_err *err)
{
	return store_open_with(path, NULL, err);
}

struct store *
store_reopen(const struct store *s, struct bl_err *err)
{
	struct store_options o = { .plain_vfs = s->plain_vfs };
	struct store *r = store_open_with(s->path, &o, err);

	if (r) {
		store_rules_copy(r, s->rules, s->nrules);
	}
	return r;
}

enum bl_status
store_cache_mb(struct store *s, int mb, struct bl_err *err)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", mb * 1024);	/* negative: KiB */
	return store_exec(s, sql, err);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

bool
store_read_only(const struct store *s)
{
	return sqlite3_db_readonly(s->db, "main") == 1;
}

void
store_close(struct store **sp)
{
	struct store *s = sp ? *sp : NULL;
	int i;

	if (!s)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmts[i]);
	store_codec_free(s);
	store_sync_close(s);
	if (s->db) {
		store_rollback(s);
		sqlite3_close(s->db);
		if (s->checked)
			store_note_sound(s);
	}
	free(s->rules);
	free(s->path);
	free(s);
	*sp = NULL;
}
