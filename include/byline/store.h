/* The article store: SQLite (WAL, FTS5 word index, compressed bodies), feeds, items, flags, fetch state. */
#ifndef BYLINE_STORE_H
#define BYLINE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/err.h"
#include "byline/item.h"

struct store;
struct query;

/*
 * Opens (creating directories and the file, mode 0600) and migrates the
 * database. NULL path: $XDG_DATA_HOME/byline/byline.db. Refuses a database
 * from a newer byline. Returns NULL with a message on failure. A store is
 * used by one thread at a time; another thread opens its own.
 */
struct store *store_open(const char *path, struct bl_err *err);
/* $XDG_DATA_HOME/byline/byline.db, the database store_open(NULL) opens (caller frees). */
char *store_default_path(void);
typedef void (*store_progress_fn)(void *ud, const char *what, int64_t done, int64_t total);
/* How store_open_with opens a connection; all zero is store_open's way. */
struct store_options {
	/*
	 * SQLite's default VFS, without byline's gathering of small writes into
	 * one (src/store/vfs.c): for telling whether a problem is the
	 * gathering's (`set gather-writes no`). The file is the same either way.
	 * BYLINE_GATHER_WRITES=no in the environment does the same for every
	 * connection, whatever the options say.
	 */
	bool plain_vfs;
	/*
	 * Told how a long step of opening goes (an upgrade of an older
	 * database can take minutes): what it does, and how many of how many
	 * articles are done. Called at the start, every quarter second or so,
	 * and at the end. A step whose length is not known is told with
	 * done = total = -1 while it runs and done = total = 0 at its end.
	 * NULL: not told.
	 */
	store_progress_fn progress;
	void *progress_ud;
};
/* store_open with options (o may be NULL: the defaults). */
struct store *store_open_with(const char *path, const struct store_options *o,
			      struct bl_err *err);
/*
 * The killfile (ignore lines): an article one of the rules matches when a
 * refresh or sync stores it is kept hidden, in no list, search or count,
 * remembering the rule's text. The rules are borrowed (they must outlive
 * s and every store reopened from it). Articles hidden by a rule no
 * longer given are shown again, and counted, in one transaction.
 */
struct store_rule {
	const char *text;
	const struct query *q;
};
enum bl_status store_set_ignore(struct store *s, const struct store_rule *rules, size_t n,
				struct bl_err *err);
/* One hidden article (strings valid during the call). */
struct hidden_row {
	int64_t rowid;
	const char *feed_title, *title, *link, *rule;
	int64_t date;
};
/* Calls fn for every hidden article, newest first. */
enum bl_status store_hidden_rows(struct store *s,
				 void (*fn)(void *ud, const struct hidden_row *r), void *ud,
				 struct bl_err *err);
/* Another connection to s's database, opened as s was: for another thread. */
struct store *store_reopen(const struct store *s, struct bl_err *err);
/*
 * Gives the connection a page cache of `mb` MiB (SQLite's default is 2): for
 * a refresh's writer, whose inserts land all over the article and flag
 * indexes of 2,000 feeds, and read their pages again from the file
 * otherwise.
 */
enum bl_status store_cache_mb(struct store *s, int mb, struct bl_err *err);
void store_close(struct store **sp);
/* The database file's path (owned by the store). */
const char *store_path(const struct store *s);
/* True when the database was opened for reading only (nobody may write the file). */
bool store_read_only(const struct store *s);
/*
 * PRAGMA quick_check: tells a damaged database (and what to do) before a
 * writer adds to it. Not part of store_open: it reads the whole file (a few
 * tenths of a second at 100,000 articles), which the reader's first screen
 * cannot afford; `byline refresh` runs it. Skipped when the file is as the
 * last checked store left it at store_close (noted in "DB-checked": device,
 * inode, size, change time; no WAL pending). Damage met by any query is
 * reported too.
 */
enum bl_status store_check(struct store *s, struct bl_err *err);

/* What the fetcher needs to know and remembers about a feed. */
struct feed_state {
	int64_t id;
	char *url;		/* as configured */
	char *fetch_url;	/* permanent-redirect target, or NULL */
	char *etag;
	char *last_modified;
	int64_t next_fetch;	/* epoch seconds: when it is due (schedule.h, Retry-After); 0 = now */
	bool gone;		/* 410 seen */
	char *last_error;	/* words, or NULL after a success */
	int64_t last_error_at;
	int64_t last_fetch;	/* start of the refresh that last fetched it (the scheduler's clock) */
	char *title;		/* from the feed document */
	char *site_link;
};
void feed_state_clear(struct feed_state *fs);

/* Finds or creates the feed row for `url`; fills *fs (caller clears it). */
enum bl_status store_feed_get(struct store *s, const char *url, struct feed_state *fs,
			      struct bl_err *err);

/* The id of the feed row for `url` without creating it: *id = 0 when there is none. */
enum bl_status store_feed_lookup(struct store *s, const char *url, int64_t *id,
				 struct bl_err *err);

/*
 * A refresh of one feed is one transaction: begin, put items, end.
 * store_refresh_end commits; store_refresh_abort rolls back.
 */
enum bl_status store_refresh_begin(struct store *s, int64_t feed_id, struct bl_err *err);
/* Inserts a new item or updates a changed one; never touches read/starred. */
enum bl_status store_refresh_item(struct store *s, int64_t feed_id, const struct item *it,
				  bool *is_new, struct bl_err *err);
/* What store_refresh_put did with an item. */
enum store_put {
	STORE_PUT_UNCHANGED,	/* known and identical: nothing written */
	STORE_PUT_NEW,		/* inserted, unread */
	STORE_PUT_UPDATED,	/* known, changed fields rewritten; flags kept */
	STORE_PUT_EXPIRED,	/* removed earlier by keep-days: not brought back */
	STORE_PUT_HIDDEN,	/* new, but an ignore rule matched it: stored hidden, not counted */
};
/* store_refresh_item that also tells updated from unchanged; exported for the unit tests. */
enum bl_status store_refresh_put(struct store *s, int64_t feed_id, const struct item *it,
				 enum store_put *res, struct bl_err *err);
enum bl_status store_refresh_info(struct store *s, int64_t feed_id,
				  const struct feed_info *fi, struct bl_err *err);
enum bl_status store_refresh_end(struct store *s, struct bl_err *err);
void store_refresh_abort(struct store *s);

/*
 * Several feeds' refreshes in one transaction, each refresh of them a
 * savepoint: store_refresh_end releases it, store_refresh_abort rolls back
 * that feed alone, and nothing is durable before store_batch_commit (a
 * feed's articles and its state still commit together). For a writer
 * whose feeds queue up: a commit costs more than a feed's inserts.
 * store_batch_rollback drops every feed of the batch.
 */
enum bl_status store_batch_begin(struct store *s, struct bl_err *err);
enum bl_status store_batch_commit(struct store *s, struct bl_err *err);
void store_batch_rollback(struct store *s);
/* The batch's transaction is still open (SQLite rolls it back itself on a full disk, say). */
bool store_batch_open(const struct store *s);

/*
 * The full-text index is kept apart from refreshes, which must store
 * 100,000 articles a second: stored and changed articles wait in a queue;
 * store_index indexes up to `max` of them (0: all) in transactions of 256
 * and sets *left (may be NULL) to how many still wait. Searches (a filter
 * with `search`) call it first, so results are always complete; the reader
 * calls it with a small max when idle.
 */
enum bl_status store_index(struct store *s, size_t max, size_t *left, struct bl_err *err);

/*
 * The WAL's upkeep for a connection that writes a lot, such as the refresh
 * writer's: a checkpointer with its own connection and thread copies the
 * WAL into the database file while the writer goes on writing, and the
 * writer's commits no longer checkpoint (a checkpoint is two fsyncs inside
 * a commit). The WAL is used in cycles (src/store/checkpointer.c), so it
 * stays about 8 MiB long however much a refresh writes. Every call but
 * store_checkpointer_stop is made on the writer's thread.
 */
struct store_checkpointer;
/* Called on the checkpointer's thread when the writer should call store_checkpointer_idle. */
typedef void (*store_wake_fn)(void *ud);
/*
 * Starts a checkpointer for `writer` (which must outlive it). Never NULL:
 * when its connection or thread cannot start, the writer's connection
 * checkpoints as it would alone and store_checkpointer_idle checkpoints
 * what is left when there is nothing to write.
 */
struct store_checkpointer *store_checkpointer_start(struct store *writer, store_wake_fn wake,
						    void *ud);
/* After each of the writer's commits: starts a cycle, or ends the one prepared. */
void store_checkpointer_poke(struct store_checkpointer *c);
/* When the writer has nothing to write, and each time `wake` is called. */
void store_checkpointer_idle(struct store_checkpointer *c);
/* Stops the thread (after the writer's last commit), closes its connection, frees. */
void store_checkpointer_stop(struct store_checkpointer **cp);

/* Saves the fetch state fields of fs (validators, redirect, error, next fetch, gone). */
enum bl_status store_feed_save_state(struct store *s, const struct feed_state *fs,
				     struct bl_err *err);

/*
 * Deletes unstarred items whose date and first sighting are both older than
 * keep_days (0: none). Their ids are remembered so a refresh does not bring
 * them back. Works in transactions of about 20 ms, so no other writer (a
 * reader marking an article, a refresh) waits longer, for about budget_ms
 * (0: until none is left); *more (may be NULL) tells whether some are left
 * for the next call. Not during a refresh's transaction.
 */
enum bl_status store_expire(struct store *s, int keep_days, int budget_ms, bool *more,
			    struct bl_err *err);

/* ---- Reading: lists are windows over queries (offset/limit). ---- */

struct feed_counts {
	int64_t unread;
	int64_t total;
};
enum bl_status store_feed_counts(struct store *s, int64_t feed_id, struct feed_counts *c,
				 struct bl_err *err);

/* What a list of feeds shows of one (strings owned by the store, valid during the call). */
struct feed_row {
	int64_t id;
	const char *url;
	const char *title;	/* from the feed document, or NULL */
	const char *last_error;	/* or NULL */
	int64_t last_error_at;	/* when it failed (epoch seconds), 0 = never */
	int64_t last_fetch;	/* the last success, 0 = never */
	struct feed_counts counts;
	const char *sync_tags;	/* a synced feed's server folders, one a line; NULL: not synced */
};
/*
 * Calls fn for every stored feed, in one read of the feed table: the
 * feeds view's start costs the same with 2,000 feeds as with 20.
 */
enum bl_status store_feed_rows(struct store *s, void (*fn)(void *ud, const struct feed_row *r),
			       void *ud, struct bl_err *err);

/* The fields of an article the search index holds (struct store_word). */
enum store_field {
	STORE_FIELD_ANY,	/* any of the four */
	STORE_FIELD_TITLE,
	STORE_FIELD_AUTHOR,
	STORE_FIELD_TEXT,	/* the summary's and content's text, markup left out */
	STORE_FIELD_LINK,	/* the article's link, cut into words at its punctuation */
};
/*
 * One word to find in one field: "match word W in field F", for a query
 * language built on the store. word matches as a word of
 * item_filter.search does (a trailing '*' makes it a prefix); it is taken
 * as one word even when it holds blanks (a phrase: its words in order).
 */
struct store_word {
	enum store_field field;
	const char *word;
};

/*
 * Which articles a list shows. search: words separated by blanks, each of
 * which must occur in the title, author, summary, content or link. A word
 * matches a whole word, any case (NFC on both sides), or every word that
 * begins with it when it ends in '*'; in Chinese, Japanese, Korean, Thai
 * (scripts without spaces) it matches wherever its characters stand
 * together, whatever their number.
 */
struct item_filter {
	int64_t feed_id;	/* 0 = every feed */
	bool unread_only;
	bool starred_only;
	const char *search;	/* words, or NULL */
	/* Words each of which must be found too, each in its field (NULL: none). */
	const struct store_word *words;
	size_t nwords;
	/* Any of these feeds (a tag's list), with feed_id 0; NULL: no such limit. */
	const int64_t *feed_ids;
	size_t nfeed_ids;
	/* A query of the query language (query.h) the articles must match too, or NULL. */
	const struct query *query;
};

/* One row of an article list; strings owned by the row. */
struct item_row {
	int64_t rowid;		/* the store's key for the item */
	int64_t feed_id;
	char *feed_title;
	char *title;
	char *link;
	int64_t date;		/* published, else updated, else first seen */
	bool read;
	bool starred;
};
void item_row_clear(struct item_row *r);

/* Number of rows the filter matches. */
enum bl_status store_count(struct store *s, const struct item_filter *f, int64_t *n,
			   struct bl_err *err);
/*
 * Fills rows[0..*n) with at most `limit` rows from `offset`, newest first.
 * The caller clears each row.
 */
enum bl_status store_list(struct store *s, const struct item_filter *f, int64_t offset,
			  size_t limit, struct item_row *rows, size_t *n, struct bl_err *err);
/* Position of rowid in the filter's order, or -1 (to keep a cursor in place). */
enum bl_status store_position(struct store *s, const struct item_filter *f, int64_t rowid,
			      int64_t *pos, struct bl_err *err);

/* The whole article, for the article view (caller clears it). */
enum bl_status store_item_get(struct store *s, int64_t rowid, struct item *it,
			      struct bl_err *err);

/*
 * A number that changes when another connection (another byline, a
 * refresh's writer) commits to the database; the same while none does.
 */
enum bl_status store_data_version(struct store *s, int64_t *v, struct bl_err *err);

/* Only the article's enclosures, into an empty item (caller clears it): for byline list --json. */
enum bl_status store_item_enclosures(struct store *s, int64_t rowid, struct item *it,
				     struct bl_err *err);

enum bl_status store_set_read(struct store *s, int64_t rowid, bool read, struct bl_err *err);
enum bl_status store_set_starred(struct store *s, int64_t rowid, bool starred,
				 struct bl_err *err);
/*
 * Marks every unread item the filter matches read. Returns the rowids it
 * changed in *changed (caller frees) so the change can be undone with
 * store_set_read_many(..., false). Counts follow every change of a flag.
 */
enum bl_status store_mark_all_read(struct store *s, const struct item_filter *f,
				   int64_t **changed, size_t *nchanged, struct bl_err *err);
enum bl_status store_set_read_many(struct store *s, const int64_t *rowids, size_t n,
				   bool read, struct bl_err *err);

/*
 * The full text of articles (reader mode): the article's web page as
 * extracted, clean HTML, stored with the article (and removed with it).
 * store_fulltext_get sets *html (caller frees) to the stored text, or NULL
 * when there is none. store_fulltext_put stores or replaces it.
 */
enum bl_status store_fulltext_get(struct store *s, int64_t rowid, char **html,
				  struct bl_err *err);
enum bl_status store_fulltext_put(struct store *s, int64_t rowid, const char *html,
				  struct bl_err *err);
/*
 * The page's own title, author and date, stored with its full text (so the
 * reader shows them offline): store_fulltext_pack returns the text to store
 * (caller frees), a first line "<!--byline-meta\tTITLE\tAUTHOR\tDATE-->" before the
 * HTML (the fields hold no tab or newline; extract.h says so). store_fulltext_unpack
 * reads one back: m's fields (caller frees, fulltext_meta_clear) NULL or BL_NO_DATE
 * when not given, and the HTML after the line (a text stored without one is all HTML).
 */
struct fulltext_meta {
	char *title, *author;
	int64_t published;
};
char *store_fulltext_pack(const struct fulltext_meta *m, const char *html);
const char *store_fulltext_unpack(const char *stored, struct fulltext_meta *m);
void fulltext_meta_clear(struct fulltext_meta *m);
/* An article waiting for its full text: its rowid and link (caller frees link). */
struct fulltext_todo {
	int64_t rowid;
	char *link;
};
/*
 * The articles of a feed first seen at or after `since` (seconds) that have
 * a link and no full text yet, newest first, at most `max`; *todo is an
 * array the caller frees (and each link).
 */
enum bl_status store_fulltext_missing(struct store *s, int64_t feed_id, int64_t since,
				      size_t max, struct fulltext_todo **todo, size_t *n,
				      struct bl_err *err);

#endif
