/* Internals of the refresh engine shared by refresh.c and refresh_writer.c (not a public interface). */
#ifndef BYLINE_REFRESH_INT_H
#define BYLINE_REFRESH_INT_H

#include "byline/fetch.h"
#include "byline/parse.h"
#include "byline/refresh.h"

enum job_state {
	JOB_SKIP,	/* not fetched (gone, held back, no row): reported at the first step */
	JOB_RUNNING,	/* fetching and parsing (main thread) */
	JOB_WRITING,	/* handed to the writer */
	JOB_REPORTED,
};

/* What the writer does for a finished feed. */
enum job_write {
	WRITE_NONE,	/* a 304 with nothing new to remember */
	WRITE_STATE,	/* fetch state only (errors, 304 with a new address) */
	WRITE_ITEMS,	/* items, feed info and new validators: one transaction */
};

/*
 * One feed of the run. The main thread owns it until it is handed to the
 * writer (JOB_WRITING), the writer until it is back on the done list.
 */
struct job {
	struct refresh *r;
	struct job *next;		/* in a writer list */
	enum job_state state;
	char *url;			/* as configured */
	struct feed_state fs;
	bool have_fs;
	struct feed_parser *parser;
	struct item *items;		/* parsed, written when the feed is complete */
	size_t nitems, cap;
	enum job_write write;
	char *new_etag, *new_last_modified, *new_fetch_url;	/* for WRITE_ITEMS */
	struct refresh_result res;	/* the outcome, reported from refresh_step */
	char *msg;			/* owns res.error */
};

struct writer;

/*
 * The writer: a thread with its own connection to the store, so that
 * SQLite's work (and any wait for another process's lock) never holds up
 * the event loop, and parsing and storing use both cores. Started on the
 * first write; when it cannot start, writes happen inline on `s`.
 */
struct writer *writer_new(struct store *s, struct fetcher *f);
/* Queues a finished job (state JOB_WRITING). */
void writer_push(struct writer *w, struct job *j);
/* Takes the jobs written so far (a list through ->next), or NULL. */
struct job *writer_take_done(struct writer *w);
bool writer_has_done(struct writer *w);
/* Jobs pushed and not yet taken back as done. */
size_t writer_backlog(struct writer *w);
/* Stops after the job in hand (queued ones are dropped, unwritten), joins, frees. */
void writer_free(struct writer **wp);

/* Does a job's write on store s (any thread); fills j->res. */
void job_write(struct store *s, struct job *j);
/* Sets j->msg/res.error and fs.last_error to msg. */
void job_set_error(struct job *j, const char *msg);

#endif
