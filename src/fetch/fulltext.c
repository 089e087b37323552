/* Reader mode in the background: a queue of articles' pages, fetched a few a second a host, extracted, stored. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "byline/clock.h"
#include "byline/extract.h"
#include "byline/fulltext.h"
#include "byline/mem.h"

#include <libxml/parser.h>

#define HOST_MAX 256
#define PACE_MS (1000 / FULLTEXT_HOST_RATE)

/* ---- one page's download (also byline extract's) ---- */

static enum bl_status
page_on_body(void *ud, const char *buf, size_t len, const char *doc_url, const char *charset,
	     struct bl_err *err)
{
	struct page_download *d = ud;

	if (!d->doc_url && doc_url)
		d->doc_url = xstrdup(doc_url);
	if (!d->charset && charset)
		d->charset = xstrdup(charset);
	if (d->body.len + len > EXTRACT_MAX_PAGE)
		return bl_err_set(err, "the page is larger than %zu MiB", EXTRACT_MAX_PAGE >> 20);
	buf_append(&d->body, buf, len);
	return BL_OK;
}

static void
page_on_done(void *ud, const struct fetch_result *res)
{
	struct page_download *d = ud;

	d->done = true;
	d->outcome = res->outcome;
	snprintf(d->error, sizeof d->error, "%s", res->error ? res->error : "");
	if (res->effective_url) {
		free(d->doc_url);
		d->doc_url = xstrdup(res->effective_url);
	}
}

const struct fetch_callbacks page_download_callbacks = {
	.on_body = page_on_body,
	.on_done = page_on_done,
};

void
page_download_clear(struct page_download *d)
{
	buf_free(&d->body);
	free(d->doc_url);
	free(d->charset);
	memset(d, 0, sizeof(*d));
}

/* ---- the queue ---- */

/*
 * A page that came is extracted on a thread of its own (a large page takes
 * a second or more, and the reader's loop must not wait for it); the loop
 * stores the article and reports when the thread says it is done.
 */
struct job {
	int64_t rowid;
	char *url;
	char host[HOST_MAX];
	bool started;
	struct page_download dl;
	bool extracting;		/* the thread was started (joined before the job goes) */
	atomic_bool extracted;		/* set by the thread as its last step */
	struct fetcher *wake;		/* woken by the thread when it is done */
	pthread_t thread;
	enum bl_status st;		/* extract_page's answer: a or err */
	struct extract_article *a;
	struct bl_err err;
};

/* When a page last started on a host. */
struct host_pace {
	char host[HOST_MAX];
	int64_t at;
};

struct fulltext {
	struct store *s;
	const struct config *cfg;
	struct fetcher *fetcher;
	fulltext_done_fn done;
	void *ud;
	struct job **jobs;	/* pointers: each job is a transfer's user data */
	size_t njobs;
	struct host_pace *hosts;
	size_t nhosts;
};

struct fulltext *
fulltext_create(struct store *s, const struct config *cfg, fulltext_done_fn done, void *ud,
		struct bl_err *err)
{
	struct fulltext *f = xcalloc(1, sizeof(*f));

	xmlInitParser();	/* here, before any page is parsed on another thread */
	f->fetcher = fetcher_new(&(struct fetch_options){
		.max_connections = cfg->max_connections, .max_per_host = cfg->max_per_host,
		.timeout = cfg->timeout, .max_size = cfg->max_size,
		.user_agent = cfg->user_agent, .proxy = cfg->proxy,
	}, err);
	if (!f->fetcher) {
		free(f);
		return NULL;
	}
	f->s = s;
	f->cfg = cfg;
	f->done = done;
	f->ud = ud;
	return f;
}

static void
job_free(struct job *j)
{
	if (j->extracting)
		pthread_join(j->thread, NULL);
	extract_article_free(&j->a);
	page_download_clear(&j->dl);
	free(j->url);
	free(j);
}

void
fulltext_destroy(struct fulltext **fp)
{
	struct fulltext *f = *fp;
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->njobs; i++)	/* the threads wake the fetcher when they end */
		if (f->jobs[i]->extracting)
			pthread_join(f->jobs[i]->thread, NULL), f->jobs[i]->extracting = false;
	fetcher_free(&f->fetcher);	/* before the jobs: their transfers point at them */
	for (i = 0; i < f->njobs; i++)
		job_free(f->jobs[i]);
	free(f->jobs);
	free(f->hosts);
	free(f);
	*fp = NULL;
}

bool
fulltext_pending(const struct fulltext *f, int64_t rowid)
{
	size_t i;

	for (i = 0; f && i < f->njobs; i++)
		if (f->jobs[i]->rowid == rowid)
			return true;
	return false;
}

size_t
fulltext_count(const struct fulltext *f)
{
	return f ? f->njobs : 0;
}

bool
fulltext_url_ok(const char *url)
{
	return url && (!strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8));
}

bool
fulltext_add(struct fulltext *f, int64_t rowid, const char *url)
{
	struct job *j;
	char *host;

	if (!fulltext_url_ok(url))
		return false;
	if (fulltext_pending(f, rowid))
		return true;
	j = xcalloc(1, sizeof(*j));
	j->rowid = rowid;
	j->url = xstrdup(url);
	host = fetch_host(url);	/* as the fetcher's max-per-host counts it */
	snprintf(j->host, sizeof j->host, "%s", host);
	free(host);
	f->jobs = xreallocarray(f->jobs, f->njobs + 1, sizeof(*f->jobs));
	f->jobs[f->njobs++] = j;
	return true;
}

/* Whether the feed at feed_url is fulltext=yes in the config. */
static bool
fulltext_wanted(const struct fulltext *f, const char *feed_url)
{
	const struct config_feed *cf = config_find_feed(f->cfg, feed_url);

	return cf && cf->fulltext > 0;
}

enum bl_status
fulltext_add_new(struct fulltext *f, int64_t feed_id, const char *feed_url, int64_t since,
		 struct bl_err *err)
{
	struct fulltext_todo *todo = NULL;
	size_t n = 0, i;

	if (!fulltext_wanted(f, feed_url))
		return BL_OK;
	if (store_fulltext_missing(f->s, feed_id, since, FULLTEXT_NEW_MAX, &todo, &n, err))
		return BL_ERR;
	for (i = 0; i < n; i++) {
		fulltext_add(f, todo[i].rowid, todo[i].link);
		free(todo[i].link);
	}
	free(todo);
	return BL_OK;
}

static struct host_pace *
host_pace(struct fulltext *f, const char *host)
{
	size_t i;

	for (i = 0; i < f->nhosts; i++)
		if (!strcmp(f->hosts[i].host, host))
			return &f->hosts[i];
	f->hosts = xreallocarray(f->hosts, f->nhosts + 1, sizeof(*f->hosts));
	memset(&f->hosts[f->nhosts], 0, sizeof(*f->hosts));
	snprintf(f->hosts[f->nhosts].host, HOST_MAX, "%s", host);
	f->hosts[f->nhosts].at = INT64_MIN / 2;
	return &f->hosts[f->nhosts++];
}

/*
 * Starts the queued pages whose host has had no page start for PACE_MS.
 * Returns the ms until the next one may start (-1: none waits).
 */
static int
start_due(struct fulltext *f)
{
	int64_t t = clock_ms(), next = -1, wait;
	size_t i;

	for (i = 0; i < f->njobs; i++) {
		struct job *j = f->jobs[i];
		struct host_pace *h;

		if (j->started)
			continue;
		h = host_pace(f, j->host);
		wait = h->at + PACE_MS - t;
		if (wait > 0) {
			next = next < 0 || wait < next ? wait : next;
			continue;
		}
		h->at = t;
		j->started = true;
		fetcher_add(f->fetcher, &(struct fetch_request){ .url = j->url },
			    &page_download_callbacks, &j->dl);
	}
	return (int)next;
}

/* While a page is being extracted the wait is this short at most (the thread also wakes it). */
#define EXTRACT_POLL_MS 50

void
fulltext_wait(struct fulltext *f, int extra_fd, int timeout_ms, bool *extra_ready)
{
	int next = start_due(f);
	size_t i;

	for (i = 0; i < f->njobs; i++)
		if ((f->jobs[i]->extracting || f->jobs[i]->dl.done) && next < 0)
			next = EXTRACT_POLL_MS;	/* running, or waiting for a thread */
	if (next >= 0 && (timeout_ms < 0 || next < timeout_ms))
		timeout_ms = next;
	fetcher_wait(f->fetcher, extra_fd, timeout_ms, extra_ready);
}

/* The article stored with the page's own title, author and date. */
static bool
store_article(struct fulltext *f, int64_t rowid, const struct extract_article *a, struct bl_err *err)
{
	struct fulltext_meta m = { a->title, a->author, a->published };
	char *stored = store_fulltext_pack(&m, a->html);
	bool ok = !store_fulltext_put(f->s, rowid, stored, err);

	free(stored);
	return ok;
}

/* The extraction of a page that came: on its own thread, touching nothing but the job. */
static void *
extract_main(void *p)
{
	struct job *j = p;

	j->st = extract_page(j->dl.body.data ? j->dl.body.data : "", j->dl.body.len,
			     j->dl.doc_url ? j->dl.doc_url : j->url, j->dl.charset, &j->a, &j->err);
	atomic_store(&j->extracted, true);
	fetcher_wakeup(j->wake);
	return NULL;
}

/* Pages extracted at once, at most (each holds its page and its tree). */
#define EXTRACT_THREADS 2

static size_t
extracting(const struct fulltext *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->njobs; i++)
		n += f->jobs[i]->extracting && !atomic_load(&f->jobs[i]->extracted);
	return n;
}

/*
 * Whether job j is over: its page failed, or was extracted. A page that came
 * is handed to a thread first, when fewer than EXTRACT_THREADS run
 * (extracted here when no thread can start).
 */
static bool
job_over(struct fulltext *f, struct job *j)
{
	if (!j->dl.done)
		return false;
	if (j->dl.outcome != FETCH_OK || atomic_load(&j->extracted))
		return true;
	if (!j->extracting && extracting(f) < EXTRACT_THREADS) {
		j->wake = f->fetcher;
		j->extracting = !pthread_create(&j->thread, NULL, extract_main, j);
		if (!j->extracting)
			extract_main(j);
	}
	return atomic_load(&j->extracted);
}

/* A page that came (or did not) and was extracted: stored, then reported. */
static void
finish(struct fulltext *f, struct job *j)
{
	struct fulltext_result r = { .rowid = j->rowid, .url = j->url };
	struct bl_err err = { "" };

	if (j->dl.outcome != FETCH_OK)
		bl_err_set(&err, "%s", j->dl.error[0] ? j->dl.error : "the page could not be fetched");
	else if (j->st != BL_OK)
		bl_err_set(&err, "%s", j->err.msg);
	else
		r.ok = store_article(f, j->rowid, j->a, &err);
	r.error = r.ok ? NULL : err.msg;
	if (f->done)
		f->done(f->ud, &r);
}

void
fulltext_step(struct fulltext *f)
{
	size_t i = 0;

	start_due(f);
	fetcher_step(f->fetcher);
	while (i < f->njobs) {
		struct job *j = f->jobs[i];

		if (!job_over(f, j)) {
			i++;
			continue;
		}
		memmove(&f->jobs[i], &f->jobs[i + 1], (f->njobs - i - 1) * sizeof(*f->jobs));
		f->njobs--;
		finish(f, j);
		job_free(j);
	}
}
