/* Two-way sync with a feed server (Google Reader API, Tiny Tiny RSS): subscriptions, articles, read and starred. */
#ifndef BYLINE_SYNC_H
#define BYLINE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/config.h"
#include "byline/err.h"
#include "byline/store.h"

/*
 * One sync run with the server of the config's `sync` line. It never
 * blocks for long (but for the password command, run once at the start):
 * the caller (`byline sync`, or the reader's event loop) alternates
 * sync_wait() and sync_step() until sync_done(), then sync_finish(). In
 * order: log in; send the flag changes made here (the store's queue); read
 * the subscriptions; the articles that are new since the last sync (one
 * stream for all feeds); the server's read and starred state. Each step
 * writes through the store in short transactions, so the reader's own
 * connection stays free and a kill loses nothing: a change made here
 * stays queued until the server took it, and a change made here while
 * the sync runs is not overwritten by it.
 */
struct sync;
/*
 * A login kept from one run to the next (the reader's): the server's
 * session tokens, in memory only, wiped when destroyed. A run given one
 * starts from its session (no login request; an expired one is renewed)
 * and leaves its own there.
 */
struct sync_session;
struct sync_session *sync_session_create(void);
void sync_session_destroy(struct sync_session **sp);

/* What a run does besides the sync itself. */
struct sync_options {
	bool full;			/* compare every article's flags, not only what changed */
	const char *subscribe;		/* subscribe to this feed URL on the server first, or NULL */
	const char *folder;		/* with subscribe: the folder (category) for it, or NULL */
	const char *unsubscribe;	/* unsubscribe from this feed URL first, or NULL */
	/*
	 * Only log in and send the marks waiting here (nothing at all when
	 * none wait): what the reader runs a moment after a key press.
	 */
	bool marks_only;
	/*
	 * The password, read before (sync_password): the run copies it and
	 * runs no command. NULL: the run reads it from the sync line.
	 */
	const char *password;
	struct sync_session *session;	/* borrowed, or NULL: the run logs in */
};

/* Progress and totals, for a status line or `byline sync`'s report. */
struct sync_progress {
	const char *doing;	/* "logging in", "sending 3 marks", ... (static text) */
	size_t requests;	/* made so far */
	size_t feeds;		/* subscriptions the server listed */
	size_t feeds_added, feeds_removed;
	size_t new_items;
	size_t marks_sent;	/* flag changes made here that the server took */
	size_t flags_changed;	/* flags changed here by the server's state */
	size_t marks_waiting;	/* changes made here still to send (after a failure) */
	size_t warnings;
};

/*
 * Starts a run. The store and config must outlive it; opt may be NULL.
 * Returns NULL with a message when nothing can be done (no sync line, no
 * password, a database of another account, no libcurl).
 */
struct sync *sync_start(struct store *s, const struct config *cfg,
			const struct sync_options *opt, struct bl_err *err);
/*
 * Waits until a transfer has something to do, extra_fd (>= 0) is readable,
 * or timeout_ms passes (negative: no limit of the caller's). Sets
 * *extra_ready (may be NULL) when extra_fd is readable.
 */
void sync_wait(struct sync *y, int extra_fd, int timeout_ms, bool *extra_ready);
/* Moves the run on without blocking: transfers, answers, writes. */
void sync_step(struct sync *y);
bool sync_done(const struct sync *y);
void sync_get_progress(const struct sync *y, struct sync_progress *p);
/*
 * After sync_done: BL_OK, or BL_ERR with what failed in err (which server,
 * what byline was doing, why, what was kept). Never holds the password.
 */
enum bl_status sync_finish(struct sync *y, struct bl_err *err);
/* Warnings of the run (an article the server listed and never sent, ...): i < warnings. */
const char *sync_warning(const struct sync *y, size_t i);
/* Stops what still runs and frees; what was written stays. Accepts NULL. */
void sync_free(struct sync **yp);

/*
 * `byline add` / `remove` in sync mode: subscribes to (or unsubscribes
 * from) url on the server, then syncs, all before returning (it blocks).
 */
enum bl_status sync_subscribe(struct store *s, const struct config *cfg, const char *url,
			      const char *folder, struct bl_err *err);
enum bl_status sync_unsubscribe(struct store *s, const struct config *cfg, const char *url,
				struct bl_err *err);

/*
 * The password of the sync line: the first line a command prints (run
 * without a shell, its words split once) or of a file only the user may
 * read. Blocks while the command runs. Caller frees with
 * sync_secret_free (which wipes it). Messages never hold the password.
 */
char *sync_password(const struct config_sync *cs, struct bl_err *err);
/* Wipes and frees a secret; accepts a NULL *p. */
void sync_secret_free(char **p);

/*
 * A Google Reader item id in any of its forms — long-form hex
 * ("tag:google.com,2005:reader/item/000000000000001f"), bare 16-digit hex,
 * or signed decimal ("31", "-1191926365") — as the one 64-bit id. False
 * when s is none of them.
 */
bool sync_item_id(const char *s, int64_t *id);

#endif
