/* Feed discovery: from the address of any page to the feeds it offers, each previewed. */
#ifndef BYLINE_DISCOVER_H
#define BYLINE_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/config.h"
#include "byline/err.h"

/*
 * One run for one address, through byline's fetcher (the config's limits,
 * user agent and proxy). The page is fetched; if it is a feed, it is the
 * one found. If it is HTML, the feeds it links (<link rel="alternate"> of
 * RSS, Atom or JSON Feed types) are fetched and read; when it links none
 * that reads, the usual places (/feed, /rss.xml, /atom.xml, /index.xml,
 * /feed.json) are tried. Like a refresh it never blocks for long: the
 * caller alternates discover_wait() and discover_step() until
 * discover_done().
 */
struct discover;

/* A feed found, with what a person needs to choose it. */
struct discover_feed {
	const char *url;	/* what to subscribe to */
	const char *title;	/* the feed's own title, or NULL */
	const char *format;	/* "rss", "atom" or "json" */
	size_t nitems;
	int64_t newest;		/* the newest article's date, or BL_NO_DATE */
	const char *first[3];	/* the first articles' titles (NULL past the last) */
};

/* NULL with a message when the URL cannot be a page address or libcurl cannot be loaded. */
struct discover *discover_start(const struct config *cfg, const char *url, struct bl_err *err);
/* Waits until a transfer can move, extra_fd (>= 0) is readable, or timeout_ms passes. */
void discover_wait(struct discover *d, int extra_fd, int timeout_ms, bool *extra_ready);
void discover_step(struct discover *d);
bool discover_done(const struct discover *d);
/* After discover_done: the feeds found (in the page's order), owned by d. */
size_t discover_count(const struct discover *d);
const struct discover_feed *discover_get(const struct discover *d, size_t i);
/* After discover_done with no feed: why, in words ("no feed on this page: ..."). */
const char *discover_problem(const struct discover *d);
/* discover_start, then waits and steps until done (for the command line). */
struct discover *discover_run(const struct config *cfg, const char *url, struct bl_err *err);
void discover_free(struct discover **dp);

#endif
