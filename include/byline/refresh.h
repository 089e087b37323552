/* The refresh engine: fetch many feeds at once, parse as bytes arrive, store. */
#ifndef BYLINE_REFRESH_H
#define BYLINE_REFRESH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/config.h"
#include "byline/err.h"
#include "byline/store.h"

/*
 * One refresh run over a set of feeds. It never blocks for long: the caller
 * (the reader's event loop, or `byline refresh`) alternates refresh_wait()
 * and refresh_step() until refresh_done(). Transfers and parsing run in the
 * caller's thread; finished feeds are stored by a writer thread on its own
 * connection to the same database, so the caller's store stays free for
 * reading (WAL) and a slow write never holds up the loop.
 */
struct refresh;

/* Progress, for a status line or a progress bar. */
struct refresh_progress {
	size_t total;		/* feeds in this run */
	size_t done;		/* finished, whatever the outcome */
	size_t failed;
	size_t new_items;	/* inserted in this run so far */
	size_t changed_feeds;	/* feeds whose items changed (for redraws) */
	size_t not_due;		/* skipped: not due yet (their due time is to come) */
	int64_t next_due;	/* epoch s: the earliest due time to come of the run's feeds, or 0 */
};

/* How one feed ended, reported as each finishes. */
struct refresh_result {
	const char *url;	/* as configured */
	int64_t feed_id;
	bool ok;
	bool not_modified;	/* 304 */
	bool skipped;		/* not fetched: not due, held back by Retry-After (ok), gone (!ok) */
	bool not_due;		/* skipped as not due yet */
	int64_t next_due;	/* epoch s: when the feed is due next, or 0 for at once */
	size_t new_items;
	size_t updated_items;
	const char *error;	/* words, when !ok; why, when skipped */
};

/*
 * Called from refresh_step as each feed finishes (feeds skipped without a
 * fetch are reported at the first step). The strings in *r are valid only
 * during the call.
 */
typedef void (*refresh_result_fn)(void *ud, const struct refresh_result *r);

/* refresh_start's flags. */
enum {
	REFRESH_FORCE = 1 << 0,	/* every feed, due or not (named feeds are always fetched) */
};

/*
 * Starts refreshing `urls` (NULL = every feed of the config that is due:
 * schedule.h; REFRESH_FORCE in flags, every one). Feeds named in urls are
 * fetched whatever their due time. The store and config must outlive the run. on_result (may be NULL) is called from
 * refresh_step for each feed that finishes. Returns NULL with a message
 * when nothing can be done.
 */
struct refresh *refresh_start(struct store *s, const struct config *cfg,
			      const char *const *urls, size_t nurls, unsigned flags,
			      refresh_result_fn on_result, void *ud, struct bl_err *err);
/*
 * Waits until a transfer has something to do, `extra_fd` (>= 0, e.g. the
 * terminal; -1 for none) is readable, or timeout_ms passes (negative: no
 * limit of the caller's). Sets *extra_ready (may be NULL) when extra_fd is
 * readable. Returns at once when a result is waiting to be reported.
 */
void refresh_wait(struct refresh *r, int extra_fd, int timeout_ms, bool *extra_ready);
/* Moves every transfer on without blocking; stores feeds that finished. */
void refresh_step(struct refresh *r);
bool refresh_done(const struct refresh *r);
void refresh_get_progress(const struct refresh *r, struct refresh_progress *p);
/*
 * What went wrong with the run as a whole rather than with one feed (the
 * articles older than keep-days could not be removed), in words; NULL
 * when nothing did. Owned by r, valid until refresh_free.
 */
const char *refresh_error(const struct refresh *r);
/*
 * Stops what is still running and frees. A feed being written is finished
 * first (its one transaction, normally milliseconds); feeds not yet written
 * are dropped whole, so nothing half-written stays.
 */
void refresh_free(struct refresh **rp);

struct fetcher;
/* A fetcher with the config's limits, timeout, user agent and proxy (for discovery too). */
struct fetcher *refresh_fetcher_new(const struct config *cfg, struct bl_err *err);

#endif
