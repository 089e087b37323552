/* The sync engine: a run's steps, its API calls over the fetcher's multi loop, renewed logins, errors in words. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/text.h"
#include "byline/mem.h"
#include "sync_int.h"

/* Calls at once to the server: enough to keep it busy while answers are stored. */
#define SYNC_CONNECTIONS 3
/* While a page is stored, the transfers are moved on every so many articles. */
#define SYNC_FLUSH_EVERY 32
/* Articles a turn of sync_step stores from the lists waiting (sync_put_later). */
#define SYNC_SLICE 200

/* A list waiting to be stored, from item `at` on. */
struct sync_page {
	struct sync_page *next;
	struct sync_json *list;
	size_t at;
	sync_put_fn put;
	void (*then)(struct sync *y);
};

enum phase {
	PH_START,
	PH_LOGIN,
	PH_UNSUBSCRIBE,
	PH_SUBSCRIBE,
	PH_MARKS,
	PH_SUBSCRIPTIONS,
	PH_ITEMS,
	PH_STATE,
	PH_DONE,
};

static const char *const phase_words[] = {
	[PH_START] = "starting",
	[PH_LOGIN] = "logging in",
	[PH_UNSUBSCRIBE] = "unsubscribing",
	[PH_SUBSCRIBE] = "subscribing",
	[PH_MARKS] = "sending marks",
	[PH_SUBSCRIPTIONS] = "reading the subscriptions",
	[PH_ITEMS] = "fetching new articles",
	[PH_STATE] = "reading read and starred state",
	[PH_DONE] = "done",
};

/* ---- messages ---- */

static void
vmessage(struct buf *b, const char *fmt, va_list ap)
{
	char msg[900];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	text_clean_message_append(b, msg, strlen(msg));	/* server words may hold anything */
}

void
sync_fail(struct sync *y, const char *what, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	if (y->failed)
		return;
	y->failed = true;
	buf_printf(&b, "%s: ", y->cs->url);
	if (what)
		buf_printf(&b, "%s: ", what);
	va_start(ap, fmt);
	vmessage(&b, fmt, ap);
	va_end(ap);
	bl_err_set(&y->err, "%s", buf_cstr(&b));
	buf_free(&b);
}

void
sync_warn(struct sync *y, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	vmessage(&b, fmt, ap);
	va_end(ap);
	y->warnings = xreallocarray(y->warnings, y->nwarnings + 1, sizeof(*y->warnings));
	y->warnings[y->nwarnings++] = buf_steal(&b);
	y->p.warnings = y->nwarnings;
}

bool
sync_store_failed(struct sync *y, enum bl_status st, const struct bl_err *err)
{
	if (st == BL_OK)
		return false;
	if (!y->failed) {
		y->failed = true;
		bl_err_set(&y->err, "%s", err->msg);
	}
	return true;
}

/* ---- calls ---- */

static enum bl_status
on_body(void *ud, const char *buf, size_t len, const char *doc_url, const char *charset,
	struct bl_err *err)
{
	struct sync_call *c = ud;

	c->body_len += len;
	if (c->parser)
		sync_json_parser_feed(c->parser, buf, len);	/* parsed while it comes */
	else
		buf_append(&c->body, buf, len);
	return BL_OK;
}

static void
on_done(void *ud, const struct fetch_result *res)
{
	struct sync_call *c = ud;
	struct sync *y = c->y;

	c->res = *res;
	free(c->error);
	free(c->location);
	c->error = xstrdup_null(res->error);
	c->location = xstrdup_null(res->location);
	c->res.error = c->error;
	c->res.location = c->location;
	c->res.effective_url = c->res.permanent_url = NULL;
	c->res.etag = c->res.last_modified = NULL;
	c->next = NULL;
	if (y->answered_tail)
		y->answered_tail->next = c;
	else
		y->answered = c;
	y->answered_tail = c;
}

static void
send_call(struct sync_call *c)
{
	static const struct fetch_callbacks cb = { .on_body = on_body, .on_done = on_done };
	struct sync *y = c->y;
	struct buf post = {0}, header = {0};
	struct fetch_request req = { .url = c->url, .no_redirects = true };
	const char *headers[2] = { NULL, NULL };

	buf_reset(&c->body);
	c->body_len = 0;
	sync_json_parser_free(&c->parser);
	if (!c->text)
		c->parser = sync_json_parser_new();
	if (c->form)
		buf_puts(&post, c->form);
	y->ops->dress(y, c, &post, &header);
	req.content_type = c->form ? y->ops->content_type : NULL;
	if (c->form) {
		req.post = post.data ? post.data : "";
		req.post_len = post.len;
	}
	if (header.len) {
		headers[0] = buf_cstr(&header);
		req.headers = headers;
	}
	fetcher_add(y->f, &req, &cb, c);	/* copies the body and the headers */
	y->p.requests++;
	if (post.data)
		explicit_bzero(post.data, post.len);	/* a login's body holds the password */
	if (header.data)
		explicit_bzero(header.data, header.len);
	buf_free(&post);
	buf_free(&header);
}

struct sync_call *
sync_call(struct sync *y, const char *what, const char *path, const char *form, unsigned flags,
	  sync_call_fn done)
{
	struct sync_call *c = xcalloc(1, sizeof(*c));

	c->text = flags & SYNC_TEXT;
	c->login = flags & SYNC_LOGIN;
	c->token = flags & SYNC_TOKEN;
	c->y = y;
	c->what = what;
	c->url = xasprintf("%s%s", y->base, path);
	c->form = xstrdup_null(form);
	c->done = done;
	c->live_next = y->live;
	if (y->live)
		y->live->live_prev = c;
	y->live = c;
	y->outstanding++;
	send_call(c);
	return c;
}

static void
call_free(struct sync_call *c)
{
	if (c->live_prev)
		c->live_prev->live_next = c->live_next;
	else
		c->y->live = c->live_next;
	if (c->live_next)
		c->live_next->live_prev = c->live_prev;
	free(c->url);
	free(c->form);
	free(c->error);
	free(c->location);
	buf_free(&c->body);
	sync_json_parser_free(&c->parser);
	free(c);
}

void
sync_flush(struct sync *y)
{
	fetcher_step(y->f);
}

/* Items from..to of list in one transaction, the transfers moved on as it goes. */
static bool
put_range(struct sync *y, struct sync_json *list, size_t from, size_t to, sync_put_fn put)
{
	struct bl_err err;
	size_t i;

	if (sync_store_failed(y, store_sync_items_begin(y->s, &err), &err))
		return false;
	for (i = from; i < to; i++) {
		if (sync_store_failed(y, put(y, sync_json_at(list, i), &err), &err)) {
			store_sync_items_abort(y->s);
			return false;
		}
		/*
		 * The transfers move on between articles (connect, send, read
		 * what came): the server works on the next page while this one
		 * is written, instead of waiting for the request.
		 */
		if (i % SYNC_FLUSH_EVERY == SYNC_FLUSH_EVERY - 1)
			sync_flush(y);
	}
	return !sync_store_failed(y, store_sync_items_end(y->s, &err), &err);
}

bool
sync_put_each(struct sync *y, struct sync_json *list, sync_put_fn put)
{
	return put_range(y, list, 0, sync_json_len(list), put);
}

/* The checkpointer's thread is done with a pass: the loop looks at once. */
static void
ck_wake(void *ud)
{
	struct sync *y = ud;

	fetcher_wakeup(y->f);
}

void
sync_put_later(struct sync *y, struct sync_json *list, sync_put_fn put,
	       void (*then)(struct sync *y))
{
	struct sync_page *pg = xcalloc(1, sizeof(*pg));

	/* Many articles to write: the WAL is checkpointed beside, not at the end. */
	if (!y->ck)
		y->ck = store_checkpointer_start(y->s, ck_wake, y);
	pg->list = sync_json_keep(list);
	pg->put = put;
	pg->then = then;
	if (y->pages_tail)
		y->pages_tail->next = pg;
	else
		y->pages = pg;
	y->pages_tail = pg;
	y->outstanding++;	/* the step ends when it is stored */
}

static void
page_free(struct sync *y)
{
	struct sync_page *pg = y->pages;

	y->pages = pg->next;
	if (!y->pages)
		y->pages_tail = NULL;
	sync_json_drop(pg->list);
	free(pg);
	y->outstanding--;
}

/* One slice of the lists waiting to be stored. */
static void
store_slice(struct sync *y)
{
	struct sync_page *pg = y->pages;
	size_t n, to;

	if (!pg || y->failed)
		return;
	n = sync_json_len(pg->list);
	to = n - pg->at > SYNC_SLICE ? pg->at + SYNC_SLICE : n;
	if (!put_range(y, pg->list, pg->at, to, pg->put))
		return;
	store_checkpointer_poke(y->ck);
	pg->at = to;
	if (to < n)
		return;
	if (pg->then)
		pg->then(y);
	page_free(y);
}

/* The session expired: log in again once, then send c again. */
static void
renew(struct sync_call *c)
{
	struct sync *y = c->y;

	c->renewed = true;
	y->waiting = xreallocarray(y->waiting, y->nwaiting + 1, sizeof(*y->waiting));
	y->waiting[y->nwaiting++] = c;
	if (y->relogging)
		return;
	y->relogging = true;
	y->ops->login(y);
}

void
sync_logged_in(struct sync *y)
{
	size_t i;

	if (!y->relogging)
		return;
	y->relogging = false;
	for (i = 0; i < y->nwaiting; i++)
		send_call(y->waiting[i]);
	y->nwaiting = 0;
}

/* A transfer that did not bring a 2xx answer: why, in words. */
static void
http_failed(struct sync_call *c)
{
	struct sync *y = c->y;
	long st = c->res.status;

	if (st >= 300 && st < 400)
		sync_fail(y, c->what, "the server redirected to %s; byline sends your login to no "
			  "other address: put the address the server wants in the sync line",
			  c->location ? c->location : "another address");
	else if (c->login && (st == 401 || st == 403))
		sync_fail(y, c->what, "the server refused the user name or password (%s); check "
			  "user= and the password", c->error ? c->error : "refused");
	else if (c->renewed && (st == 401 || st == 403))
		sync_fail(y, c->what, "the server refused the session again right after a new "
			  "login (%s)", c->error ? c->error : "refused");
	else
		sync_fail(y, c->what, "%s", c->error ? c->error : "the request failed");
}

/* An answer: checked, parsed, handed to the back end; renewed when the session expired. */
static void
answer(struct sync_call *c)
{
	struct sync *y = c->y;
	struct sync_json *doc = NULL;
	const char *why;
	size_t at;

	if (!y->failed && c->res.outcome != FETCH_OK && !c->renewed && !c->login &&
	    y->ops->expired(c, NULL)) {
		renew(c);
		return;
	}
	if (!y->failed && c->res.outcome != FETCH_OK)
		http_failed(c);
	if (!y->failed && !c->text) {
		doc = sync_json_parser_end(&c->parser, &at, &why);
		if (!doc)
			sync_fail(y, c->what, "the server's answer is not valid JSON (%zu bytes, "
				  "%s at byte %zu); nothing was changed by it", c->body_len, why,
				  at);
	}
	if (!y->failed && doc && !c->login && y->ops->expired(c, doc)) {
		sync_json_drop(doc);
		if (!c->renewed) {
			renew(c);
			return;
		}
		sync_fail(y, c->what, "the server refused the session again right after a new "
			  "login");
		doc = NULL;
	}
	if (!y->failed)
		c->done(c, doc);
	sync_json_drop(doc);
	y->outstanding--;
	call_free(c);
}

/* ---- steps ---- */

static void
send_marks(struct sync *y)
{
	struct bl_err err;

	free(y->marks);
	y->marks = NULL;
	if (sync_store_failed(y, store_sync_queue(y->s, &y->marks, &y->nmarks, &err), &err))
		return;
	if (y->nmarks)
		y->ops->send_marks(y, y->marks, y->nmarks);
}

void
sync_marks_sent(struct sync *y, const struct store_sync_mark *m, size_t n)
{
	struct bl_err err;

	if (!sync_store_failed(y, store_sync_queue_done(y->s, m, n, &err), &err))
		y->p.marks_sent += n;
}

static void
unsubscribe(struct sync *y)
{
	struct bl_err err;
	char *remote = NULL;

	if (sync_store_failed(y, store_sync_feed_remote(y->s, y->opt.unsubscribe, &remote, &err),
			      &err))
		return;
	if (!remote) {
		sync_fail(y, "unsubscribing", "%s is not one of the server's feeds here (byline "
			  "sync lists them: byline export)", y->opt.unsubscribe);
		return;
	}
	y->ops->unsubscribe(y, remote);
	free(remote);
}

/* ---- sessions kept between runs ---- */

struct sync_session *
sync_session_create(void)
{
	return xcalloc(1, sizeof(struct sync_session));
}

static void
session_clear(struct sync_session *ss)
{
	int i;

	for (i = 0; i < SYNC_SESSION_SECRETS; i++)
		sync_secret_free(&ss->secret[i]);
}

void
sync_session_destroy(struct sync_session **sp)
{
	if (!*sp)
		return;
	session_clear(*sp);
	free(*sp);
	*sp = NULL;
}

/* The back end starts from the session kept: true when there was one. */
static bool
session_resume(struct sync *y)
{
	struct sync_session *ss = y->opt.session;
	char **slot;
	int i;

	if (!ss || !ss->secret[0])
		return false;
	for (i = 0; i < SYNC_SESSION_SECRETS && (slot = y->ops->session(y, i)); i++)
		*slot = xstrdup_null(ss->secret[i]);
	return true;
}

/* The run's session (renewed, or none after a refused login) is the one kept. */
static void
session_keep(struct sync *y)
{
	struct sync_session *ss = y->opt.session;
	char **slot;
	int i;

	if (!ss || !y->be)
		return;
	session_clear(ss);
	for (i = 0; i < SYNC_SESSION_SECRETS && (slot = y->ops->session(y, i)); i++) {
		ss->secret[i] = *slot;
		*slot = NULL;
	}
}

static void
run_phase(struct sync *y)
{
	switch (y->phase) {
	case PH_LOGIN:
		if (session_resume(y))
			break;	/* logged in by an earlier run: a 401 renews it */
		y->relogging = true;	/* sync_logged_in then has nothing waiting */
		y->ops->login(y);
		break;
	case PH_UNSUBSCRIBE:
		if (y->opt.unsubscribe)
			unsubscribe(y);
		break;
	case PH_SUBSCRIBE:
		if (y->opt.subscribe)
			y->ops->subscribe(y, y->opt.subscribe, y->opt.folder);
		break;
	case PH_MARKS:
		send_marks(y);
		break;
	case PH_SUBSCRIPTIONS:
		y->ops->list_subscriptions(y);
		break;
	case PH_ITEMS:
		y->ops->fetch_items(y);
		break;
	case PH_STATE:
		y->ops->fetch_state(y);
		break;
	default:
		break;
	}
}

/* When a step's calls are all answered, the next step (a step may have none). */
static void
advance(struct sync *y)
{
	struct bl_err err;

	while (!y->failed && y->outstanding == 0 && y->phase != PH_DONE) {
		y->phase++;
		if (y->opt.marks_only && y->phase > PH_MARKS)
			y->phase = PH_DONE;	/* the marks are out: nothing else was asked */
		y->p.doing = phase_words[y->phase];
		if (y->phase == PH_DONE) {
			if (!y->opt.marks_only)
				sync_store_failed(y, store_sync_meta_set(y->s, "synced", "1", &err),
						  &err);
			break;
		}
		run_phase(y);
	}
}

/* ---- the public interface ---- */

void
sync_step(struct sync *y)
{
	struct sync_call *c;

	if (!y->f)
		return;		/* a marks-only run with nothing to send: done at the start */
	fetcher_step(y->f);
	while ((c = y->answered)) {
		y->answered = c->next;
		if (!y->answered)
			y->answered_tail = NULL;
		answer(c);
	}
	store_slice(y);
	advance(y);
}

void
sync_wait(struct sync *y, int extra_fd, int timeout_ms, bool *extra_ready)
{
	if (sync_done(y)) {
		if (extra_ready)
			*extra_ready = false;
		return;
	}
	/* Work waits here: only look whether extra_fd is ready. */
	if (y->answered || y->pages) {
		fetcher_wait(y->f, extra_fd, 0, extra_ready);
		return;
	}
	if (y->ck)
		store_checkpointer_idle(y->ck);	/* nothing to write: the checkpoints go on */
	fetcher_wait(y->f, extra_fd, timeout_ms, extra_ready);
}

bool
sync_done(const struct sync *y)
{
	return y->failed || y->phase == PH_DONE;
}

void
sync_get_progress(const struct sync *y, struct sync_progress *p)
{
	*p = y->p;
}

enum bl_status
sync_finish(struct sync *y, struct bl_err *err)
{
	struct bl_err e2;
	int64_t n = 0;

	if (store_sync_queue_count(y->s, &n, &e2) == BL_OK)
		y->p.marks_waiting = (size_t)n;
	if (!y->failed)
		return BL_OK;
	return bl_err_set(err, "%s", y->err.msg);
}

const char *
sync_warning(const struct sync *y, size_t i)
{
	return i < y->nwarnings ? y->warnings[i] : NULL;
}

static const struct sync_ops *
ops_for(const char *kind)
{
	return !strcmp(kind, "ttrss") ? &sync_ttrss_ops : &sync_greader_ops;
}

/* The account's name in the database: kind, URL and user (never the password). */
static char *
account_name(const struct config_sync *cs)
{
	return xasprintf("%s %s %s", cs->kind, cs->url, cs->user);
}

static enum bl_status
start_checks(struct store *s, const struct config *cfg, struct bl_err *err)
{
	char *account;
	enum bl_status st;

	if (!cfg->sync)
		return bl_err_set(err, "%s has no sync line: add one such as `sync greader "
				  "https://host/api/greader.php user=NAME password-command=\"pass "
				  "show rss\"` (byline-config(5), SYNC)",
				  cfg->path ? cfg->path : "the configuration");
	if (store_read_only(s))
		return bl_err_set(err, "%s: the database is read-only (a read-only file system?); "
				  "a sync must write to it", store_path(s));
	account = account_name(cfg->sync);
	st = store_sync_account(s, account, err);
	free(account);
	return st;
}

struct sync *
sync_start(struct store *s, const struct config *cfg, const struct sync_options *opt,
	   struct bl_err *err)
{
	struct fetch_options fo = { .max_connections = SYNC_CONNECTIONS,
				    .max_per_host = SYNC_CONNECTIONS };
	struct sync *y;
	char *synced = NULL;
	int64_t waiting = 0;
	size_t n;

	if (start_checks(s, cfg, err) || store_sync_meta_get(s, "synced", &synced, err))
		return NULL;
	if (opt && opt->marks_only && store_sync_queue_count(s, &waiting, err)) {
		free(synced);
		return NULL;
	}
	y = xcalloc(1, sizeof(*y));
	y->s = s;
	y->cs = cfg->sync;
	y->ops = ops_for(y->cs->kind);
	if (opt)
		y->opt = *opt;
	y->first = !synced;
	y->full = y->first || y->opt.full;
	free(synced);
	y->base = xstrdup(y->cs->url);
	n = strlen(y->base);
	while (n > 0 && y->base[n - 1] == '/')
		y->base[--n] = '\0';
	y->p.doing = phase_words[PH_START];
	fo.timeout = cfg->timeout;
	fo.max_size = cfg->max_size;
	fo.user_agent = cfg->user_agent;
	fo.proxy = cfg->proxy;
	if (y->opt.marks_only && waiting == 0) {
		y->phase = PH_DONE;	/* nothing to send: no login either */
		y->p.doing = phase_words[PH_DONE];
		return y;
	}
	y->password = y->opt.password ? xstrdup(y->opt.password) : sync_password(y->cs, err);
	y->opt.password = NULL;	/* the caller's copy may go: the run has its own */
	if (!y->password || !(y->f = fetcher_new(&fo, err))) {
		sync_free(&y);
		return NULL;
	}
	y->ops->init(y);
	advance(y);
	return y;
}

void
sync_free(struct sync **yp)
{
	struct sync *y = yp ? *yp : NULL;
	struct sync_call *c, *next;
	size_t i;

	if (!y)
		return;
	store_checkpointer_stop(&y->ck);	/* first: its thread wakes the fetcher */
	fetcher_free(&y->f);	/* the calls still running are dropped with their transfers */
	for (c = y->live; c; c = next) {
		next = c->live_next;
		call_free(c);
	}
	free(y->waiting);
	while (y->pages)
		page_free(y);
	session_keep(y);
	if (y->be)
		y->ops->free(y);
	sync_secret_free(&y->password);
	for (i = 0; i < y->nwarnings; i++)
		free(y->warnings[i]);
	free(y->warnings);
	free(y->marks);
	free(y->base);
	free(y);
	*yp = NULL;
}

/* ---- blocking runs for add and remove ---- */

static enum bl_status
run_blocking(struct store *s, const struct config *cfg, const struct sync_options *opt,
	     struct bl_err *err)
{
	struct sync *y = sync_start(s, cfg, opt, err);
	enum bl_status st;

	if (!y)
		return BL_ERR;
	while (!sync_done(y)) {
		sync_wait(y, -1, 1000, NULL);
		sync_step(y);
	}
	st = sync_finish(y, err);
	sync_free(&y);
	return st;
}

enum bl_status
sync_subscribe(struct store *s, const struct config *cfg, const char *url, const char *folder,
	       struct bl_err *err)
{
	struct sync_options opt = { .subscribe = url, .folder = folder };

	return run_blocking(s, cfg, &opt, err);
}

enum bl_status
sync_unsubscribe(struct store *s, const struct config *cfg, const char *url, struct bl_err *err)
{
	struct sync_options opt = { .unsubscribe = url };

	return run_blocking(s, cfg, &opt, err);
}
