/* The refresh engine: fetch feeds at once, parse while bytes arrive, store a feed's articles and state together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/clock.h"
#include "byline/fetch.h"
#include "byline/mem.h"
#include "byline/parse.h"
#include "byline/refresh.h"
#include "byline/schedule.h"
#include "refresh_int.h"

/*
 * keep-days expires in slices of this long, one a step of the loop, with
 * a pause as long between them: another process's writer (a reader
 * marking an article) gets the lock in the gap (SQLite's locks queue
 * nobody).
 */
#define EXPIRE_STEP_MS 25
/* The writer commits the feeds that queued up at least this often (jobs_write). */
#define BATCH_MS 25

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
 * writer (JOB_WRITING), the writer until writer_take_done gives it back.
 */
struct job {
	struct refresh *r;
	enum job_state state;
	char *url;			/* as configured */
	const struct config_feed *cf;	/* its line (charset=, ignore=), or NULL */
	size_t ignored;			/* articles ignore= skipped */
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

struct refresh {
	struct store *s;
	const struct config *cfg;
	struct fetcher *f;
	struct writer *w;
	struct job *jobs;
	size_t njobs;
	refresh_result_fn on_result;
	void *ud;
	struct refresh_progress p;
	int64_t now;		/* the scheduler's clock when the run started: the base of due times */
	bool force;		/* due times do not hold feeds back */
	bool skips_reported;
	bool expiring;		/* keep-days has articles left to expire */
	char *problem;			/* refresh_error's words, or NULL */
};

/* ---- what the parser hands over ---- */

static void
on_parsed_item(void *ud, const struct item *it)
{
	struct job *j = ud;

	if (j->cf && config_feed_ignores(j->cf, it->title)) {
		j->ignored++;
		return;
	}
	if (j->nitems == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 64;
		j->items = xreallocarray(j->items, j->cap, sizeof(*j->items));
	}
	item_dup(&j->items[j->nitems++], it);
}

static void
job_drop_body(struct job *j)
{
	size_t i;

	feed_parser_free(&j->parser);
	for (i = 0; i < j->nitems; i++)
		item_clear(&j->items[i]);
	free(j->items);
	j->items = NULL;
	j->nitems = j->cap = 0;
	free(j->new_etag);
	free(j->new_last_modified);
	free(j->new_fetch_url);
	j->new_etag = j->new_last_modified = j->new_fetch_url = NULL;
}

/* ---- outcomes ---- */

static void
format_utc(char *out, size_t n, int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm);
}

static void
report(struct job *j)
{
	struct refresh *r = j->r;
	struct refresh_result *res = &j->res;

	res->url = j->url;
	res->feed_id = j->fs.id;
	r->p.done++;
	if (!res->ok)
		r->p.failed++;
	r->p.new_items += res->new_items;
	if (res->not_due)
		r->p.not_due++;
	res->next_due = j->have_fs && j->fs.next_fetch > r->now ? j->fs.next_fetch : 0;
	if (res->next_due && (!r->p.next_due || res->next_due < r->p.next_due))
		r->p.next_due = res->next_due;
	if (res->new_items || res->updated_items)
		r->p.changed_feeds++;
	j->state = JOB_REPORTED;
	if (r->on_result)
		r->on_result(r->ud, res);
	job_drop_body(j);
}

/* Sets j->msg/res.error and fs.last_error to msg. */
static void
job_set_error(struct job *j, const char *msg)
{
	free(j->msg);
	j->msg = xstrdup(msg);
	j->res.ok = false;
	j->res.error = j->msg;
	free(j->fs.last_error);
	j->fs.last_error = xstrdup(msg);
	j->fs.last_error_at = (int64_t)time(NULL);
}

/*
 * A failure: remembered in the store, then reported. The feed is due again
 * at once: the failure may be on this side (no network), and a server that
 * wants a pause says so with Retry-After (job_retry_later).
 */
static void
job_fail(struct job *j, const char *msg)
{
	job_set_error(j, msg);
	j->fs.next_fetch = 0;
	j->write = WRITE_STATE;
}

/*
 * A feed that answered: when it is next due (schedule_due). fi is the
 * document's hints, NULL for a 304: the document is as it was, so the
 * period its hints gave last time is kept (the time from that fetch to the
 * due time it got), a day at most like every hint.
 */
static void
job_schedule(struct job *j, const struct fetch_result *fr, const struct feed_info *fi)
{
	struct refresh *r = j->r;
	struct schedule_hints h = { 0 };

	h.floor = j->cf && j->cf->interval_s ? j->cf->interval_s : r->cfg->refresh_interval_s;
	h.http_fresh = schedule_http_fresh(fr->cache_control, fr->expires, fr->date, r->now);
	if (fi) {
		h.ttl = (int64_t)fi->ttl * 60;
		h.update_period = fi->update_period;
		h.skip_hours = fi->skip_hours;
		h.skip_days = fi->skip_days;
	} else if (j->fs.last_fetch > 0 && j->fs.next_fetch > j->fs.last_fetch) {
		h.ttl = j->fs.next_fetch - j->fs.last_fetch;
	}
	j->fs.next_fetch = schedule_due(&h, r->now, NULL);
	j->fs.last_fetch = r->now;
}

/* ---- a finished feed's write (on the writer's thread) ---- */

static void
set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = xstrdup_null(v);
}

/* Items, feed info and the new validators in one transaction. */
static enum bl_status
write_items(struct store *s, struct job *j, struct bl_err *err)
{
	struct feed_state st = j->fs;	/* shallow: the new fields only if all goes well */
	bool is_new;
	size_t i;

	j->res.new_items = j->res.updated_items = 0;	/* a batch written again counts afresh */
	if (store_refresh_begin(s, j->fs.id, err) != BL_OK)
		return BL_ERR;
	for (i = 0; i < j->nitems; i++) {
		if (store_refresh_item(s, j->fs.id, &j->items[i], &is_new, err) != BL_OK)
			goto abort;
		if (is_new)
			j->res.new_items++;
		else
			j->res.updated_items++;
	}
	if (store_refresh_info(s, j->fs.id, feed_parser_info(j->parser), err) != BL_OK)
		goto abort;
	st.etag = j->new_etag;
	st.last_modified = j->new_last_modified;
	if (j->new_fetch_url)
		st.fetch_url = j->new_fetch_url;
	st.last_error = NULL;
	st.gone = false;
	if (store_feed_save_state(s, &st, err) != BL_OK || store_refresh_end(s, err) != BL_OK)
		goto abort;
	set_str(&j->fs.etag, j->new_etag);
	set_str(&j->fs.last_modified, j->new_last_modified);
	if (j->new_fetch_url)
		set_str(&j->fs.fetch_url, j->new_fetch_url);
	set_str(&j->fs.last_error, NULL);
	return BL_OK;
abort:
	store_refresh_abort(s);
	j->res.new_items = j->res.updated_items = 0;
	return BL_ERR;
}

/*
 * The feed's fetch state (validators, redirect, error, Retry-After) could
 * not be saved: the feed reports it, with its own error if it had one.
 * What the next refresh lacks it asks the server again.
 */
static void
job_state_not_saved(struct job *j, const char *why)
{
	char *msg;

	if (j->res.ok)
		msg = xasprintf("could not save what the server said (the next refresh asks "
				"again): %s", why);
	else if (!j->msg || strstr(j->msg, why))	/* the articles' failure, same reason */
		return;
	else
		msg = xasprintf("%s (and byline could not save this: %s)", j->msg, why);
	job_set_error(j, msg);
	free(msg);
}

/* A job's write on store s (any thread), in a transaction of its own or the batch's; fills j->res. */
static void
job_write(struct store *s, struct job *j)
{
	struct bl_err err = { "" };
	char msg[1200];

	if (j->write == WRITE_ITEMS && write_items(s, j, &err) != BL_OK) {
		snprintf(msg, sizeof(msg), "could not save the articles: %s", err.msg);
		job_set_error(j, msg);
		j->fs.next_fetch = 0;	/* not stored: due again at once */
		j->write = WRITE_STATE;
	}
	if (j->write == WRITE_STATE && j->have_fs && store_feed_save_state(s, &j->fs, &err))
		job_state_not_saved(j, err.msg);
}

/*
 * The batch's commit failed, or SQLite dropped its transaction (a full
 * disk): nothing of jobs[from..to) is stored. Each is written again in a
 * transaction of its own, so each reports its own outcome.
 */
static void
batch_redo(struct store *s, void **jobs, size_t from, size_t to)
{
	for (; from < to; from++)
		job_write(s, jobs[from]);
}

/*
 * The writer's work: the feeds that queued up while it stored the last
 * ones, written in transactions of several feeds (a commit, with its WAL
 * frames of the pages every feed touches, costs more than a feed's
 * inserts). A transaction is committed once it has lasted BATCH_MS, so
 * another process's writer (a reader marking an article) never waits
 * longer; each feed is a savepoint, so one feed's failure leaves the
 * others, and its articles and fetch state still commit together. Jobs
 * are handed back only after their commit.
 */
static void
jobs_write(struct store *s, void **jobs, size_t n, void *ud)
{
	struct bl_err err = { "" };
	size_t i, from = 0;
	int64_t t0 = clock_ms();

	(void)ud;
	if (n == 1 || store_batch_begin(s, &err)) {
		batch_redo(s, jobs, 0, n);
		return;
	}
	for (i = 0; i < n; i++) {
		job_write(s, jobs[i]);
		if (!store_batch_open(s)) {
			store_batch_rollback(s);
			batch_redo(s, jobs, from, n);
			return;
		}
		if (i + 1 == n || clock_ms() - t0 < BATCH_MS)
			continue;
		if (store_batch_commit(s, &err))
			batch_redo(s, jobs, from, i + 1);
		from = i + 1;
		t0 = clock_ms();
		if (store_batch_begin(s, &err)) {
			batch_redo(s, jobs, from, n);
			return;
		}
	}
	if (store_batch_commit(s, &err))
		batch_redo(s, jobs, from, n);
}

/* The writer's wake: a job done ends the loop's wait. */
static void
wake_loop(void *ud)
{
	struct refresh *r = ud;

	fetcher_wakeup(r->f);
}

static void
job_parsed(struct job *j, const struct fetch_result *fr)
{
	struct bl_err err = { "" };
	static const struct parse_callbacks none = { 0 };

	if (!j->parser)	/* an empty body */
		j->parser = feed_parser_new(fr->effective_url, NULL, &none, j);
	if (feed_parser_finish(j->parser, &err) != BL_OK) {
		job_fail(j, err.msg[0] ? err.msg : "not a feed");
		return;
	}
	j->res.ok = true;
	j->new_etag = xstrdup_null(fr->etag);
	j->new_last_modified = xstrdup_null(fr->last_modified);
	j->new_fetch_url = xstrdup_null(fr->permanent_url);
	job_schedule(j, fr, feed_parser_info(j->parser));
	j->write = WRITE_ITEMS;
}

static void
job_not_modified(struct job *j, const struct fetch_result *fr)
{
	int64_t was_due = j->fs.next_fetch, was_fetched = j->fs.last_fetch;
	bool changed = j->fs.last_error != NULL;

	j->res.ok = true;
	j->res.not_modified = true;
	/* A 304 writes its new due time (and a new address, an error gone), if any is new. */
	if (fr->permanent_url && (!j->fs.fetch_url || strcmp(fr->permanent_url, j->fs.fetch_url))) {
		free(j->fs.fetch_url);
		j->fs.fetch_url = xstrdup(fr->permanent_url);
		changed = true;
	}
	free(j->fs.last_error);
	j->fs.last_error = NULL;
	job_schedule(j, fr, NULL);
	if (j->fs.next_fetch != was_due || j->fs.last_fetch != was_fetched)
		changed = true;
	j->write = changed ? WRITE_STATE : WRITE_NONE;
}

static void
job_retry_later(struct job *j, const struct fetch_result *fr)
{
	char msg[1200], when[40];
	int64_t until = j->r->now + fr->retry_after;

	if (fr->retry_after <= 0) {
		job_fail(j, fr->error);
		return;
	}
	format_utc(when, sizeof(when), until);
	snprintf(msg, sizeof(msg), "%s; byline waits until %s before asking again",
		 fr->error, when);
	job_fail(j, msg);
	j->fs.next_fetch = until;
}

/*
 * Parsed articles wait in memory until the writer has stored them. When
 * storing falls behind (a slow disk, another process holding the lock) no
 * new transfer starts, so memory stays bounded whatever the number of feeds.
 */
static void
hold_for_writer(struct refresh *r)
{
	size_t conns = r->cfg->max_connections > 0 ? (size_t)r->cfg->max_connections : 1;

	fetcher_hold(r->f, writer_backlog(r->w) >= 2 * conns);
}

static void
on_fetched(void *ud, const struct fetch_result *fr)
{
	struct job *j = ud;

	switch (fr->outcome) {
	case FETCH_OK:
		job_parsed(j, fr);
		break;
	case FETCH_NOT_MODIFIED:
		job_not_modified(j, fr);
		break;
	case FETCH_GONE:
		j->fs.gone = true;
		job_fail(j, fr->error);
		break;
	case FETCH_RETRY_LATER:
		job_retry_later(j, fr);
		break;
	case FETCH_ERROR:
		job_fail(j, fr->error ? fr->error : "failed");
		break;
	}
	if (j->write == WRITE_NONE) {
		report(j);
		return;
	}
	j->state = JOB_WRITING;
	writer_push(j->r->w, j);
	hold_for_writer(j->r);
}

static enum bl_status
on_body(void *ud, const char *buf, size_t len, const char *doc_url, const char *charset,
	struct bl_err *err)
{
	static const struct parse_callbacks cbs = { .on_item = on_parsed_item };
	struct job *j = ud;

	if (!j->parser)	/* charset=: the feed's bytes lie about their encoding */
		j->parser = feed_parser_new(doc_url, j->cf && j->cf->charset ? j->cf->charset :
					    charset, &cbs, j);
	return feed_parser_push(j->parser, buf, len, err);
}

/* ---- setting up a run ---- */

static void
job_skip(struct job *j, bool ok, const char *msg)
{
	j->state = JOB_SKIP;
	free(j->msg);
	j->msg = xstrdup(msg);
	j->res.ok = ok;
	j->res.skipped = true;
	j->res.error = j->msg;
}

static void
job_begin(struct refresh *r, struct job *j, const char *url)
{
	static const struct fetch_callbacks cbs = { .on_body = on_body, .on_done = on_fetched };
	struct fetch_request req = { 0 };
	struct bl_err err = { "" };
	char when[40], msg[1200];

	j->r = r;
	j->url = xstrdup(url);
	j->cf = config_find_feed(r->cfg, url);
	if (store_feed_get(r->s, url, &j->fs, &err) != BL_OK) {
		job_skip(j, false, err.msg);
		return;
	}
	j->have_fs = true;
	if (j->fs.gone) {
		job_skip(j, false, "skipped: the server said the feed is gone (410 Gone); "
			 "remove it from the config");
		return;
	}
	if (!r->force && j->fs.next_fetch > r->now) {
		format_utc(when, sizeof(when), j->fs.next_fetch);
		if (j->fs.last_error) {	/* only Retry-After leaves an error and a due time */
			snprintf(msg, sizeof(msg), "skipped until %s: the server asked byline to wait",
				 when);
		} else {
			snprintf(msg, sizeof(msg), "not due until %s", when);
			j->res.not_due = true;
		}
		job_skip(j, true, msg);
		return;
	}
	j->state = JOB_RUNNING;
	req.url = j->fs.fetch_url ? j->fs.fetch_url : url;
	req.etag = j->fs.etag;
	req.last_modified = j->fs.last_modified;
	fetcher_add(r->f, &req, &cbs, j);
}

struct fetcher *
refresh_fetcher_new(const struct config *cfg, struct bl_err *err)
{
	struct fetch_options o = {
		.max_connections = cfg->max_connections,
		.max_per_host = cfg->max_per_host,
		.timeout = cfg->timeout,
		.max_size = cfg->max_size,
		.user_agent = cfg->user_agent,
		.proxy = cfg->proxy,
	};

	return fetcher_new(&o, err);
}

struct refresh *
refresh_start(struct store *s, const struct config *cfg, const char *const *urls, size_t nurls,
	      unsigned flags, refresh_result_fn on_result, void *ud, struct bl_err *err)
{
	struct refresh *r;
	size_t i, n = urls ? nurls : cfg->nfeeds;

	if (n == 0) {
		bl_err_set(err, "nothing to refresh: %s has no feed lines",
			   cfg->path ? cfg->path : "the configuration");
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->f = refresh_fetcher_new(cfg, err);
	if (!r->f) {
		free(r);
		return NULL;
	}
	r->w = writer_new(s, jobs_write, wake_loop, r);
	r->s = s;
	r->cfg = cfg;
	r->now = schedule_now();
	r->force = urls || (flags & REFRESH_FORCE);	/* feeds named are fetched, due or not */
	r->expiring = cfg->keep_days > 0;
	r->on_result = on_result;
	r->ud = ud;
	r->jobs = xcalloc(n, sizeof(*r->jobs));
	r->njobs = n;
	r->p.total = n;
	for (i = 0; i < n; i++)
		job_begin(r, &r->jobs[i], urls ? urls[i] : cfg->feeds[i].url);
	return r;
}

/* ---- driving a run ---- */

void
refresh_wait(struct refresh *r, int extra_fd, int timeout_ms, bool *extra_ready)
{
	if (!r->skips_reported || refresh_done(r) || writer_has_done(r->w))
		timeout_ms = 0;	/* something to report right away */
	else if (r->expiring && (timeout_ms < 0 || timeout_ms > EXPIRE_STEP_MS))
		timeout_ms = EXPIRE_STEP_MS;	/* the next slice after a pause */
	fetcher_wait(r->f, extra_fd, timeout_ms, extra_ready);
}

/* keep-days: the old articles go once every feed is done, a slice a call; a failure is the run's problem. */
static void
expire(struct refresh *r)
{
	struct bl_err err = { "" };
	int days = r->cfg->keep_days;

	if (days <= 0 || store_expire(r->s, days, EXPIRE_STEP_MS, &r->expiring, &err) == BL_OK)
		return;
	r->expiring = false;
	r->problem = xasprintf("could not remove the articles older than keep-days (%d day%s): "
			       "%s; they stay stored, and the next refresh tries again", days,
			       days == 1 ? "" : "s", err.msg);
}

void
refresh_step(struct refresh *r)
{
	struct job *j;
	size_t i;

	if (!r->skips_reported) {
		r->skips_reported = true;
		for (i = 0; i < r->njobs; i++)
			if (r->jobs[i].state == JOB_SKIP)
				report(&r->jobs[i]);
	}
	fetcher_step(r->f);
	while ((j = writer_take_done(r->w)))
		report(j);
	hold_for_writer(r);
	/*
	 * Then keep-days, a slice a step: the loop goes on reading keys and
	 * other writers wait no longer than a slice.
	 */
	if (r->expiring && r->p.done == r->njobs)
		expire(r);
}

bool
refresh_done(const struct refresh *r)
{
	return r->p.done == r->njobs && !r->expiring;
}

void
refresh_get_progress(const struct refresh *r, struct refresh_progress *p)
{
	*p = r->p;
}

const char *
refresh_error(const struct refresh *r)
{
	return r->problem;
}

void
refresh_free(struct refresh **rp)
{
	struct refresh *r = rp ? *rp : NULL;
	size_t i;

	if (!r)
		return;
	/* The writer finishes the feed in hand (its own transaction); queued ones are dropped. */
	writer_free(&r->w);
	fetcher_free(&r->f);
	for (i = 0; i < r->njobs; i++) {
		job_drop_body(&r->jobs[i]);
		feed_state_clear(&r->jobs[i].fs);
		free(r->jobs[i].url);
		free(r->jobs[i].msg);
	}
	free(r->jobs);
	free(r->problem);
	free(r);
	*rp = NULL;
}
