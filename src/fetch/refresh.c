/* The refresh engine: fetch feeds at once, parse while bytes arrive, store one transaction per feed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "refresh_int.h"

/* keep-days expires in slices of this long, one a step of the loop. */
#define EXPIRE_STEP_MS 25

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
	bool skips_reported;
	bool expiring;		/* keep-days has articles left to expire */
};

/* ---- copying what the parser hands over ---- */

static void
item_copy(struct item *dst, const struct item *src)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	dst->id = xstrdup_null(src->id);
	dst->title = xstrdup_null(src->title);
	dst->link = xstrdup_null(src->link);
	dst->author = xstrdup_null(src->author);
	dst->published = src->published;
	dst->updated = src->updated;
	dst->summary = xstrdup_null(src->summary);
	dst->content = xstrdup_null(src->content);
	if (src->ncategories) {
		dst->categories = xcalloc(src->ncategories, sizeof(char *));
		for (i = 0; i < src->ncategories; i++)
			dst->categories[i] = xstrdup_null(src->categories[i]);
		dst->ncategories = src->ncategories;
	}
	if (src->nenclosures) {
		dst->enclosures = xcalloc(src->nenclosures, sizeof(struct enclosure));
		for (i = 0; i < src->nenclosures; i++) {
			dst->enclosures[i].url = xstrdup_null(src->enclosures[i].url);
			dst->enclosures[i].type = xstrdup_null(src->enclosures[i].type);
			dst->enclosures[i].length = src->enclosures[i].length;
		}
		dst->nenclosures = src->nenclosures;
	}
}

static void
on_parsed_item(void *ud, const struct item *it)
{
	struct job *j = ud;

	if (j->nitems == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 64;
		j->items = xreallocarray(j->items, j->cap, sizeof(*j->items));
	}
	item_copy(&j->items[j->nitems++], it);
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
	if (res->new_items || res->updated_items)
		r->p.changed_feeds++;
	j->state = JOB_REPORTED;
	if (r->on_result)
		r->on_result(r->ud, res);
	job_drop_body(j);
}

void
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

/* A failure: remembered in the store, then reported. */
static void
job_fail(struct job *j, const char *msg)
{
	job_set_error(j, msg);
	j->write = WRITE_STATE;
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
	j->write = WRITE_ITEMS;
}

static void
job_not_modified(struct job *j, const struct fetch_result *fr)
{
	j->res.ok = true;
	j->res.not_modified = true;
	/* A 304 costs no write, unless there is something new to remember. */
	if (fr->permanent_url && (!j->fs.fetch_url || strcmp(fr->permanent_url, j->fs.fetch_url))) {
		free(j->fs.fetch_url);
		j->fs.fetch_url = xstrdup(fr->permanent_url);
		j->write = WRITE_STATE;
	}
	if (j->fs.last_error) {
		free(j->fs.last_error);
		j->fs.last_error = NULL;
		j->write = WRITE_STATE;
	}
	if (j->write == WRITE_STATE)
		j->fs.last_fetch = (int64_t)time(NULL);
}

static void
job_retry_later(struct job *j, const struct fetch_result *fr)
{
	char msg[1200], when[40];

	if (fr->retry_after <= 0) {
		job_fail(j, fr->error);
		return;
	}
	j->fs.next_fetch = (int64_t)time(NULL) + fr->retry_after;
	format_utc(when, sizeof(when), j->fs.next_fetch);
	snprintf(msg, sizeof(msg), "%s; byline waits until %s before asking again",
		 fr->error, when);
	job_fail(j, msg);
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

	if (!j->parser)
		j->parser = feed_parser_new(doc_url, charset, &cbs, j);
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
	if (j->fs.next_fetch > (int64_t)time(NULL)) {
		format_utc(when, sizeof(when), j->fs.next_fetch);
		snprintf(msg, sizeof(msg), "skipped until %s: the server asked byline to wait", when);
		job_skip(j, true, msg);
		return;
	}
	j->state = JOB_RUNNING;
	req.url = j->fs.fetch_url ? j->fs.fetch_url : url;
	req.etag = j->fs.etag;
	req.last_modified = j->fs.last_modified;
	fetcher_add(r->f, &req, &cbs, j);
}

static struct fetcher *
new_fetcher(const struct config *cfg, struct bl_err *err)
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
	      refresh_result_fn on_result, void *ud, struct bl_err *err)
{
	struct refresh *r;
	size_t i, n = urls ? nurls : cfg->nfeeds;

	if (n == 0) {
		bl_err_set(err, "nothing to refresh: %s has no feed lines",
			   cfg->path ? cfg->path : "the configuration");
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->f = new_fetcher(cfg, err);
	if (!r->f) {
		free(r);
		return NULL;
	}
	r->w = writer_new(s, r->f);
	r->s = s;
	r->cfg = cfg;
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
	if (!r->skips_reported || refresh_done(r) || writer_has_done(r->w) || r->expiring)
		timeout_ms = 0;	/* something to report, or to expire, right away */
	fetcher_wait(r->f, extra_fd, timeout_ms, extra_ready);
}

void
refresh_step(struct refresh *r)
{
	struct bl_err err;
	struct job *j, *next;
	size_t i;

	if (!r->skips_reported) {
		r->skips_reported = true;
		for (i = 0; i < r->njobs; i++)
			if (r->jobs[i].state == JOB_SKIP)
				report(&r->jobs[i]);
	}
	fetcher_step(r->f);
	for (j = writer_take_done(r->w); j; j = next) {
		next = j->next;
		j->next = NULL;
		report(j);
	}
	hold_for_writer(r);
	/*
	 * Then keep-days, a slice a step: the loop goes on reading keys and
	 * other writers wait no longer than a slice.
	 */
	if (r->expiring && r->p.done == r->njobs &&
	    store_expire(r->s, r->cfg->keep_days, EXPIRE_STEP_MS, &r->expiring, &err))
		r->expiring = false;
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
	free(r);
	*rp = NULL;
}
