/* Internals of the store shared by its files (not a public interface). */
#ifndef BYLINE_STORE_INT_H
#define BYLINE_STORE_INT_H

#include <sqlite3.h>
#include <stdarg.h>

#include "byline/buf.h"
#include "byline/query.h"
#include "byline/store.h"

/* Statements used often enough to keep prepared. */
enum stmt_id {
	ST_FEED_INSERT,
	ST_FEED_SELECT,
	ST_FEED_LOOKUP,
	ST_FEED_SAVE_STATE,
	ST_FEED_INFO,
	ST_FEED_COUNT_NEW,
	ST_FEED_COUNT_ADD,
	ST_FEED_ROWS,
	ST_ITEM_FIND,
	ST_ITEM_INSERT,
	ST_STATE_INSERT,
	ST_ITEM_UPDATE,
	ST_STATE_REDATE,
	ST_ITEM_EXPIRED_FIND,
	ST_FTS_INSERT,
	ST_FTS_TODO_ADD,
	ST_FTS_TODO_NEXT,
	ST_FTS_TODO_DONE,
	ST_FTS_TODO_COUNT,
	ST_FTS_TODO_HAS,
	ST_FTS_SOURCE,
	ST_FTS_DELETE,
	ST_SET_READ,
	ST_SET_STARRED,
	ST_ITEM_GET,
	ST_ITEM_ENCLOSURES,
	ST_DATA_VERSION,
	ST_COUNT_FEED_TOTAL,
	ST_COUNT_FEED_UNREAD,
	ST_COUNT_ALL_TOTAL,
	ST_COUNT_ALL_UNREAD,
	ST_COUNT_ALL_STARRED,
	ST_EXPIRE_NEXT,
	ST_EXPIRE_ITEM,
	ST_EXPIRE_REMEMBER,
	ST_ITEM_DELETE,
	ST_STATE_DELETE,
	ST_DICT_NEWEST,
	ST_DICT_GET,
	ST_DICT_ADD,
	ST_COUNT
};

/*
 * Changes to the feeds' counts within one transaction (store_read.c),
 * applied before its commit: one UPDATE of the feed row per feed.
 */
struct store_deltas {
	struct store_delta {
		int64_t feed, unread, starred;
	} *d;
	size_t n;
};
/* The last "mark all read" of a connection, for its undo (store_read.c). */
struct store_mark {
	int64_t gen;		/* the value its articles' read holds; 0: none */
	int64_t feed_id;	/* the feed they are all of, or 0 */
	size_t n;		/* how many */
	uint64_t hash;		/* of their ids */
};

struct store {
	sqlite3 *db;
	char *path;
	bool in_tx;
	bool in_batch;		/* store_batch_begin's transaction is open: a refresh is a savepoint */
	/* Articles inserted and not yet counted in their feed's row (store_write.c). */
	int64_t uncounted_feed, uncounted;
	int64_t inserted;	/* articles this connection inserted */
	int64_t expire_id;	/* where store_expire goes on (store_write.c) */
	size_t expire_wal_left;	/* pages its last checkpoint left in the WAL (store_write.c) */
	bool expire_checkpointed;	/* its last step was a checkpoint */
	int64_t busy_since;	/* when the wait for another's lock began (ms, store.c) */
	struct store_mark last_mark;
	struct store_codec *codec;	/* compression contexts and dictionaries (body.c) */
	store_progress_fn progress;	/* told how a long migration goes, or NULL */
	void *progress_ud;
	bool checked;		/* store_check found it sound: store_close notes the file */
	size_t wal_pages;	/* pages in the WAL not yet checkpointed (as of our last commit) */
	bool defer_checkpoints;	/* commits leave checkpoints to another connection */
	bool plain_vfs;		/* store_options.plain_vfs, for store_reopen */
	sqlite3_stmt *stmts[ST_COUNT];
	struct store_sync_stmts *sync;	/* store_sync.c's statements, or NULL */
	/* The ignore rules arriving articles are checked against (store_hide.c; borrowed). */
	struct store_rule *rules;	/* owned array; texts and queries borrowed */
	size_t nrules;
};

/* Finalizes store_sync.c's statements (store_close). */
void store_sync_close(struct store *s);

/* The statement, prepared once and reset for reuse; NULL with err set on failure. */
sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id, struct bl_err *err);
/*
 * Runs the prepared statement `id` once, with fmt's values bound from ?1 on:
 * 'i' int64_t, 't' const char * (NULL binds NULL; the text must outlive the
 * call), 'd' an int64_t date (BL_NO_DATE binds NULL), 'b' a blob as two
 * values, const void * and int64_t length (NULL binds NULL). The first row, if
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
/* Prepares sql, binds fmt's values (as store_bind), steps once (no rows wanted), finalizes. */
enum bl_status store_run_sql(struct store *s, const char *sql, const char *what,
			     struct bl_err *err, const char *fmt, ...);
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
enum bl_status store_pragma_int64(struct store *s, const char *sql, int64_t *out,
				  struct bl_err *err);
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

/*
 * All unread articles are indexed by week, then feed (item_state_unread):
 * queries must order by the same expression to use it. Never change it
 * without a new index.
 */
#define STORE_WEEK "604800"
#define STORE_WEEK_SECONDS 604800	/* the same, as a number */

void store_deltas_add(struct store_deltas *ds, int64_t feed, int64_t unread, int64_t starred);
/* Applies ds (and empties it). */
enum bl_status store_deltas_apply(struct store *s, struct store_deltas *ds, struct bl_err *err);
/*
 * Sets a flag (id: ST_SET_READ or ST_SET_STARRED) of one article and
 * notes the change of counts it makes in ds; nothing when it already was.
 */
enum bl_status store_flag_set(struct store *s, enum stmt_id id, int64_t rowid, bool on,
			      struct store_deltas *ds, struct bl_err *err);

/* A filter turned into SQL text and the values to bind, in order (store_read.c). */
struct fsql {
	struct buf sql;
	bool one;	/* for one article (store_query_matches): terms looked up, not sets read */
	bool sets;	/* a query's ORs read as unions of sets (store_query_sets) */
	bool scan;	/* a list walks the table itself and sorts its matches (ditto) */
	/*
	 * A count of unread articles: each date term also bounds the week
	 * (date / STORE_WEEK), so the unread index's leading column gives the
	 * range and no article's flag is looked up.
	 */
	bool weeks;
	struct fbind {
		bool is_text;
		int64_t i;
		char *s;
	} *binds;
	size_t nbinds;
};
void fsql_int(struct fsql *q, int64_t v);
/* Binds owned text (freed with the query). */
void fsql_text(struct fsql *q, char *owned);
/*
 * Appends word w[0..n) to the FTS5 expression m as a string in its field
 * (" " before it when m is not empty). False when the word holds nothing
 * to look for (punctuation only).
 */
bool store_match_word(struct buf *m, enum store_field field, const char *w, size_t n);

/*
 * The query language over the store (store_query.c): " AND (<cond>)" for
 * the query's tree, with its values; *drives: a word term every result
 * must hold, so the list may start from the index's hits.
 */
void store_query_sql(struct fsql *q, const struct query_node *root, bool *drives);
/* Whether article rowid (with its row of item_state) matches query q (store_read.c). */
enum bl_status store_query_matches(struct store *s, const struct query *q, int64_t rowid,
				   bool *match, struct bl_err *err);
/*
 * An article just inserted, with its row of item_state and not yet counted:
 * when an ignore rule matches it, its row of item_state goes to
 * item_hidden with the rule (store_hide.c). *hidden tells.
 */
/* s's rules become a copy of rules[0..n) (the array; texts and queries stay borrowed). */
void store_rules_copy(struct store *s, const struct store_rule *rules, size_t n);
enum bl_status store_hide_new(struct store *s, int64_t rowid, bool *hidden, struct bl_err *err);
/*
 * f with a query of states only (unread, starred, joined by AND) made the
 * filter's own flags, so that the counts kept per feed and the lists'
 * partial indexes answer it; any other filter as it is.
 */
void store_query_plain(const struct item_filter *f, struct item_filter *out);
/*
 * The count of f (a query, after store_query_plain) from counts that indexes
 * answer, where its tree allows: a NOT as the total less the count of what
 * it negates, an OR as the sum of its sides' counts less their overlap.
 * *done false: the caller counts the rows.
 */
enum bl_status store_query_count(struct store *s, const struct item_filter *f, int64_t *n,
				 bool *done, struct bl_err *err);
/*
 * Whether a list of f wanting `rows` rows (offset and limit) is cheaper
 * with the ORs of its query as unions of sets (fsql.sets), or by a walk of
 * the table (fsql.scan), than by the dates, by their counts.
 */
enum bl_status store_query_sets(struct store *s, const struct item_filter *f, int64_t rows,
				bool *sets, bool *scan, struct bl_err *err);
/* store_count of f after store_query_plain, from the feeds' counts or the rows (store_read.c). */
enum bl_status store_count_rows(struct store *s, const struct item_filter *f, int64_t *n,
				struct bl_err *err);
/* Registers byline_fold(text) (feed: terms) with the connection. */
int store_query_register(sqlite3 *db);

/* Schema: the current version and the migrations (schema.c). */
#define STORE_SCHEMA_VERSION 8
/* Moves the database from version `from` to STORE_SCHEMA_VERSION inside a transaction. */
enum bl_status store_migrate(struct store *s, int from, struct bl_err *err);
/* The step to version 6 (schema_v6.c), inside store_migrate's transaction. */
enum bl_status store_to_v6(struct store *s, struct bl_err *err);

/*
 * The search index (fts.c, fts_token.c). store_fts_queue marks an article
 * for store_index; an article is either queued or indexed, never both.
 * store_fts_unindex takes an indexed article out of the index (with the
 * values it was indexed with, an external-content table needs them); a
 * queued one is only unqueued.
 */
enum bl_status store_fts_queue(struct store *s, int64_t rowid, struct bl_err *err);
/* Indexes a queued article now (an ignore rule with words must see an arriving one). */
enum bl_status store_fts_index_now(struct store *s, int64_t rowid, struct bl_err *err);
enum bl_status store_fts_unindex(struct store *s, int64_t rowid, struct bl_err *err);
/* Registers the tokenizer "byline" with the connection's FTS5. */
int store_fts_register(sqlite3 *db);
/*
 * Tokens of text (HTML or plain) as FTS5 wants them: markup skipped,
 * entities decoded, words case-folded to NFC, a CJK (Thai, Khmer ...) run
 * a token a character: the character alone, or the pair it starts for the
 * small alphabets (kana, Thai ...) and before one (fts_token.c). A query
 * leaves out a last character a pair holds already. Returns the first
 * non-zero result of emit, else 0.
 */
typedef int (*store_token_fn)(void *ud, int flags, const char *tok, int n, int start, int end);
int store_tokenize(const char *text, int n, bool query, store_token_fn emit, void *ud);
/*
 * A query's last token that an article may hold as the first of a pair (a
 * lone kana ...): the query must take it as a prefix.
 */
bool store_token_open_ended(const char *tok, int n);

/*
 * Bodies (body.c): summary and content packed into one stored value,
 * compressed with zstd and the newest dictionary of table zdict. A NULL
 * pair packs to nothing (out->len 0: store NULL).
 */
enum bl_status store_body_pack(struct store *s, const char *summary, const char *content,
			       struct buf *out, struct bl_err *err);
/* The fields back (caller frees); a NULL blob gives NULLs. */
enum bl_status store_body_unpack(struct store *s, const void *blob, size_t n, char **summary,
				 char **content, struct bl_err *err);
/* The indexed text of a body: summary and content as one HTML text. */
enum bl_status store_body_text(struct store *s, const void *blob, size_t n, struct buf *text,
			       struct bl_err *err);
void store_body_join(const char *summary, const char *content, struct buf *text);
/*
 * Trains the database's dictionary once it holds enough articles (a
 * writer calls it outside its transactions; it runs its own).
 * store_body_train_from does it inside the caller's transaction from sql
 * (one parameter: how many rows; rows of a body, or of summary and content).
 */
enum bl_status store_body_train(struct store *s, struct bl_err *err);
enum bl_status store_body_train_from(struct store *s, const char *sql, int64_t articles,
				     struct bl_err *err);
/* Registers byline_text(body) with the connection. */
int store_body_register(struct store *s);
/* After a rollback: the dictionary in use may be gone with it. */
void store_codec_forget(struct store *s);
void store_codec_free(struct store *s);
/* The hash of every stored field of an article (NULL and "" alike), to tell a changed one. */
uint64_t store_item_hash(const char *title, const char *link, const char *author,
			 int64_t published, int64_t updated, const char *summary,
			 const char *content, const char *categories, const char *enclosures);

#endif
