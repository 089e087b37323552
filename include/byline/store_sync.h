/* The store's side of sync: the server's ids of feeds and articles, flag changes waiting to be sent, sync state. */
#ifndef BYLINE_STORE_SYNC_H
#define BYLINE_STORE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/err.h"
#include "byline/item.h"
#include "byline/store.h"

/*
 * Every change of an article's read or starred flag made through the
 * store (or by anything else writing the database) on an article that came
 * from the server is queued by a trigger, in order, and survives a crash;
 * the sync engine sends the queue and drops what the server took. Only the
 * sync engine writes the sync tables. All strings passed in are copied or
 * used during the call only.
 */

/* Flags a server knows. */
enum store_sync_flag {
	SYNC_FLAG_READ = 0,
	SYNC_FLAG_STARRED = 1,
};

/*
 * The database syncs with one account ("greader https://host/ alice"):
 * the first sync records it; another account is refused (the ids would
 * mix), saying what to do.
 */
enum bl_status store_sync_account(struct store *s, const char *account, struct bl_err *err);

/* A value of the sync state (since ids, newest timestamps); *value NULL when unset. Caller frees. */
enum bl_status store_sync_meta_get(struct store *s, const char *key, char **value,
				   struct bl_err *err);
enum bl_status store_sync_meta_set(struct store *s, const char *key, const char *value,
				   struct bl_err *err);

/* One subscription as the server lists it. */
struct store_sync_feed {
	const char *remote;	/* the server's id of the feed ("feed/12", "12") */
	const char *url;	/* the feed's own URL */
	const char *title;	/* or NULL */
	const char *site_link;	/* or NULL */
	const char *tags;	/* folder names, one a line, or "" */
};

/*
 * The subscriptions, whole: begin, put each, end. A feed is found by its
 * server id, else by URL (a feed byline already had), else created.
 * store_sync_feeds_end removes the synced feeds the server no longer
 * listed, with their articles (*removed counts them); abort rolls back.
 */
enum bl_status store_sync_feeds_begin(struct store *s, struct bl_err *err);
enum bl_status store_sync_feed_put(struct store *s, const struct store_sync_feed *f,
				   int64_t *feed_id, bool *is_new, struct bl_err *err);
enum bl_status store_sync_feeds_end(struct store *s, size_t *removed, struct bl_err *err);
void store_sync_feeds_abort(struct store *s);
/* The feed with this server id: *feed_id 0 when there is none. */
enum bl_status store_sync_feed_id(struct store *s, const char *remote, int64_t *feed_id,
				  struct bl_err *err);
/* The server id of the synced feed with this URL, or NULL (caller frees). */
enum bl_status store_sync_feed_remote(struct store *s, const char *url, char **remote,
				      struct bl_err *err);
/* The tags of a synced feed, one a line ("" when none; NULL when not synced). Caller frees. */
enum bl_status store_sync_feed_tags(struct store *s, int64_t feed_id, char **tags,
				    struct bl_err *err);

/*
 * Articles from the server, in one transaction: begin, put each, end (or
 * abort). An article the store already has (by server id) is updated, its
 * flags left alone (they come from the state lists); a new one is stored
 * with the server's flags. it->id is ignored: the article's id in its feed
 * is made from the server id.
 */
enum bl_status store_sync_items_begin(struct store *s, struct bl_err *err);
enum bl_status store_sync_item_put(struct store *s, int64_t feed_id, int64_t remote,
				   const struct item *it, bool read, bool starred, bool *is_new,
				   struct bl_err *err);
enum bl_status store_sync_items_end(struct store *s, struct bl_err *err);
void store_sync_items_abort(struct store *s);

/* Of ids[0..n), those the store has never seen (in *unknown, caller frees). */
enum bl_status store_sync_unknown(struct store *s, const int64_t *ids, size_t n,
				  int64_t **unknown, size_t *nunknown, struct bl_err *err);
/* The largest server id seen (tt-rss's since_id), 0 when none. */
enum bl_status store_sync_max_remote(struct store *s, int64_t *max, struct bl_err *err);

/*
 * The server's state of one flag: the synced articles whose ids are in
 * ids[0..n) get `value`, the others in scope get !value. Scope: the
 * articles of feed_id, or every synced article when feed_id is 0. An
 * article with a change of that flag waiting in the queue keeps its own
 * (the later change wins: it was made after the server's state was read,
 * or has yet to reach it). *changed counts the articles changed.
 */
enum bl_status store_sync_apply(struct store *s, enum store_sync_flag flag, bool value,
				const int64_t *ids, size_t n, int64_t feed_id, size_t *changed,
				struct bl_err *err);

/* A change made here, waiting to be sent. */
struct store_sync_mark {
	int64_t seq;		/* order of the change */
	int64_t remote;		/* the server's id of the article */
	enum store_sync_flag flag;
	bool value;
};
/*
 * The changes waiting, oldest first, only the last of each article and
 * flag (what the server must end up with). *marks: caller frees.
 */
enum bl_status store_sync_queue(struct store *s, struct store_sync_mark **marks, size_t *n,
				struct bl_err *err);
/* The server took marks[0..n): their changes (and older ones of the same article and flag) go. */
enum bl_status store_sync_queue_done(struct store *s, const struct store_sync_mark *marks,
				     size_t n, struct bl_err *err);
/* Changes waiting to be sent. */
enum bl_status store_sync_queue_count(struct store *s, int64_t *n, struct bl_err *err);

/* Per synced feed: its server id and the unread and starred synced articles it has. */
struct store_sync_count {
	char *remote;
	int64_t unread, starred;
};
enum bl_status store_sync_counts(struct store *s, struct store_sync_count **counts, size_t *n,
				 struct bl_err *err);
void store_sync_counts_free(struct store_sync_count *counts, size_t n);

#endif
