/* Internals of the store shared by its files (not a public interface). */
#ifndef BYLINE_STORE_INT_H
#define BYLINE_STORE_INT_H

#include <sqlite3.h>
#include <stdarg.h>

#include "byline/buf.h"
#include "byline/store.h"

/* Statements used often enough to keep prepared. */
enum stmt_id {
	ST_FEED_INSERT,
	ST_FEED_SELECT,
	ST_FEED_LOOKUP,
	ST_FEED_SAVE_STATE,
	ST_FEED_INFO,
	ST_FEED_COUNT_NEW,
	ST_ITEM_FIND,
	ST_ITEM_INSERT,
	ST_ITEM_UPDATE,
	ST_ITEM_EXPIRED_FIND,
	ST_FTS_INSERT,
	ST_FTS_TODO_ADD,
	ST_FTS_TODO_NEXT,
	ST_FTS_TODO_DONE,
	ST_FTS_TODO_COUNT,
	ST_FTS_SOURCE,
	ST_FTS_DELETE,
	ST_SET_READ,
	ST_SET_STARRED,
	ST_ITEM_GET,
	ST_COUNT_FEED_TOTAL,
	ST_COUNT_FEED_UNREAD,
	ST_COUNT_ALL_TOTAL,
	ST_COUNT_ALL_UNREAD,
	ST_EXPIRE_REMEMBER,
	ST_EXPIRE_DELETE,
	ST_COUNT
};

struct store {
	sqlite3 *db;
	char *path;
	bool in_tx;
	/* Articles inserted and not yet counted in their feed's row (store_write.c). */
	int64_t uncounted_feed, uncounted;
	bool checked;		/* store_check found it sound: store_close notes the file */
	size_t wal_pages;	/* pages in the WAL not yet checkpointed (as of our last commit) */
	bool defer_checkpoints;	/* commits leave checkpoints to another connection */
	bool plain_vfs;		/* store_options.plain_vfs, for store_reopen */
	sqlite3_stmt *stmts[ST_COUNT];
	struct store_sync_stmts *sync;	/* store_sync.c's statements, or NULL */
};

/* Finalizes store_sync.c's statements (store_close). */
void store_sync_close(struct store *s);

/* The statement, prepared once and reset for reuse; NULL with err set on failure. */
sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id, struct bl_err *err);
/*
 * Runs the prepared statement `id` once, with fmt's values bound from ?1 on:
 * 'i' int64_t, 't' const char * (NULL binds NULL; the text must outlive the
 * call), 'd' an int64_t date (BL_NO_DATE binds NULL). The first row, if
 * any, goes to fill(st, ud) (NULL: ignored), while its columns are valid;
 * *found (may be NULL) tells whether a row came. The statement is reset
 * before return. On failure err says "DB: what: ...".
 */
typedef void (*store_fill_fn)(sqlite3_stmt *st, void *ud);
enum bl_status store_row(struct store *s, enum stmt_id id, const char *what,
			 store_fill_fn fill, void *ud, bool *found, struct bl_err *err,
			 const char *fmt, ...);
/* store_row for a statement whose rows (if any) do not matter. */
enum bl_status store_run(struct store *s, enum stmt_id id, const char *what,
			 struct bl_err *err, const char *fmt, ...);
/* store_row for the first column as an integer; *out is left alone when no row came. */
enum bl_status store_int(struct store *s, enum stmt_id id, const char *what, int64_t *out,
			 bool *found, struct bl_err *err, const char *fmt, ...);
/* Binds fmt's values (as store_row) to st from ?1 on. */
void store_bind(sqlite3_stmt *st, const char *fmt, va_list ap);
/* A copy of a text column, or NULL. */
char *store_col_strdup(sqlite3_stmt *st, int col);
/* A date column: BL_NO_DATE where it is NULL. */
int64_t store_col_date(sqlite3_stmt *st, int col);
/*
 * The VFS read-write connections open with (vfs.c): SQLite's default one
 * with the WAL's writes gathered, one write a transaction. NULL (the
 * default VFS) when it cannot be set up. Not used with
 * store_options.plain_vfs or BYLINE_GATHER_WRITES=no (store.c).
 */
#define STORE_VFS "byline"
const char *store_vfs(void);
/*
 * The WAL (checkpointer.c). store_checkpoint: a checkpoint (the WAL copied
 * into the database file, two fsyncs) when the WAL holds at least
 * min_pages pages not yet copied; else nothing. SQLite runs one inside a
 * commit every 32 MiB of WAL (wal_hook in store.c), and the last connection
 * to close copies what is left. Never blocks on other connections.
 */
enum bl_status store_checkpoint(struct store *s, size_t min_pages, struct bl_err *err);
/* The WAL's length in pages after s's last commit (the checkpointer's, and the unit tests'). */
size_t store_wal_pages(const struct store *s);
/* Formats "DB: what: sqlite's message" into err; returns BL_ERR. */
enum bl_status store_fail(struct store *s, struct bl_err *err, const char *what);
/* Runs SQL without results (several statements allowed). */
enum bl_status store_exec(struct store *s, const char *sql, struct bl_err *err);
/* The first column of a one-row query (PRAGMA user_version ...). */
enum bl_status store_pragma_int(struct store *s, const char *sql, int *out, struct bl_err *err);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK for short writers. */
enum bl_status store_begin(struct store *s, struct bl_err *err);
enum bl_status store_commit(struct store *s, struct bl_err *err);
void store_rollback(struct store *s);
/* Current time in epoch seconds. */
int64_t store_now(void);

/*
 * What store_check relies on (check.c). store_saw_damage records, for the
 * whole process, that some connection met a damaged database;
 * store_note_sound, called after a checked connection closed, remembers
 * the file as byline left it unless damage was met or another connection
 * left pages in the WAL.
 */
void store_saw_damage(void);
void store_note_sound(const struct store *s);

/* Schema: the current version and the migrations (schema.c). */
#define STORE_SCHEMA_VERSION 7
/* Moves the database from version `from` to STORE_SCHEMA_VERSION inside a transaction. */
enum bl_status store_migrate(struct store *s, int from, struct bl_err *err);

/* Full-text index rows (fts.c). store_fts_queue marks an article for store_index. */
enum bl_status store_fts_queue(struct store *s, int64_t rowid, struct bl_err *err);
enum bl_status store_fts_put(struct store *s, int64_t rowid, const char *title,
			     const char *author, const char *html, struct bl_err *err);

#endif
