/* The Tiny Tiny RSS JSON API back end. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "byline/url.h"
#include "sync_int.h"

/* tt-rss sends at most 200 headlines a call. */
#define TT_PAGE 200
/* More feeds than this whose counts differ: one list over every feed instead. */
#define TT_FEED_LISTS 8
#define TT_BATCH 200
#define META_SINCE "ttrss-since-id"
#define META_LISTED "ttrss-listed-at"
/* Seconds a list of feeds is taken as current while the counters name the same feeds. */
#define TT_LIST_EVERY 3600
/*
 * The walk over ids (fetch_items): articles a window aims at, its most ids,
 * windows in flight (a server of several workers answers them at once; on
 * one of one worker the last waits for three windows, a few seconds).
 */
#define TT_WINDOW 500
#define TT_WINDOW_MAX 32768
#define TT_WINDOWS 4
/* Fewer articles than 1 in this many ids, or more empty windows in a row: pages instead. */
#define TT_SPARSE 256
#define TT_EMPTIES 16

/* Virtual feeds of tt-rss. */
#define TT_STARRED (-1)
#define TT_ALL (-4)

struct tt_feed {
	int64_t remote, id;
};

/* A list of ids the server answers for one flag (unread, starred), over one feed or all. */
struct tt_list {
	enum store_sync_flag flag;
	int64_t feed;		/* the server's feed (or TT_ALL, TT_STARRED) */
	int64_t scope;		/* the store's feed it covers, 0 for every synced one */
	int64_t *ids;
	size_t n;
	int64_t skip;
};

struct tt {
	char *sid;			/* the session: wiped when freed */
	struct sync_json *cats, *feeds;		/* the two halves of the subscription list */
	struct sync_json *counters;		/* getCounters' answer */
	struct tt_feed *map;
	size_t nmap;
	int64_t since, max, hold;	/* article ids: asked from, newest seen, not past */
	int64_t skip;			/* of the next headline page */
	int pages;			/* headline pages in flight */
	bool last_page;
	/* The walk over ids (fetch_items). */
	int64_t top_art, top_free, probe_at;	/* an article; nothing above it; asked above it */
	int64_t next_hi, window;	/* the next window's top id, its size in ids */
	int64_t scanned, found;		/* ids of the windows answered, articles in them */
	int walk_calls, windows, empties;	/* in flight: calls, windows; empty windows in a row */
	bool checking, walk_stop, walk_fallback;
	struct tt_list *lists;
	size_t nlists;
	int lists_out, fetches;
	int64_t *missing;
	size_t nmissing;
};

static struct tt *
tt(struct sync *y)
{
	return y->be;
}

static void
tt_init(struct sync *y)
{
	y->be = xcalloc(1, sizeof(struct tt));
}

static void
tt_free(struct sync *y)
{
	struct tt *t = tt(y);
	size_t i;

	sync_secret_free(&t->sid);
	sync_json_drop(t->cats);
	sync_json_drop(t->feeds);
	sync_json_drop(t->counters);
	free(t->map);
	for (i = 0; i < t->nlists; i++)
		free(t->lists[i].ids);
	free(t->lists);
	free(t->missing);
	free(t);
	y->be = NULL;
}

/* ---- calls and the session ---- */

/* A call: the JSON members after "op" (or ""), the session added at each send. */
static struct sync_call *
tt_call(struct sync *y, const char *what, const char *op, const char *members, unsigned flags,
	sync_call_fn done)
{
	struct buf form = {0};
	struct sync_call *c;

	buf_printf(&form, "\"op\":\"%s\"%s%s", op, members[0] ? "," : "", members);
	c = sync_call(y, what, "/api/", buf_cstr(&form), flags, done);
	buf_free(&form);
	return c;
}

static char **
session(struct sync *y, int i)
{
	return i == 0 ? &tt(y)->sid : NULL;
}

static void
dress(struct sync *y, struct sync_call *c, struct buf *post, struct buf *header)
{
	struct buf b = {0};

	buf_printf(&b, "{%s,", buf_cstr(post));
	if (c->login) {
		buf_puts(&b, "\"password\":");
		sync_json_quote(&b, y->password);
	} else {
		buf_puts(&b, "\"sid\":");
		sync_json_quote(&b, tt(y)->sid ? tt(y)->sid : "");
	}
	buf_putc(&b, '}');
	explicit_bzero(post->data, post->len);
	buf_reset(post);
	buf_append(post, b.data, b.len);
	explicit_bzero(b.data, b.len);
	buf_free(&b);
}

static const char *
api_error(struct sync_json *doc)
{
	return sync_json_str(sync_json_get(doc, "content"), "error");
}

static bool
expired(const struct sync_call *c, struct sync_json *doc)
{
	const char *e = api_error(doc);

	if (!doc)
		return c->res.status == 401;
	return sync_json_int(doc, "status", 0) == 1 && e && !strcmp(e, "NOT_LOGGED_IN");
}

/* The answer's content, or NULL after failing the run with the server's error in words. */
static struct sync_json *
content(struct sync_call *c, struct sync_json *doc)
{
	const char *e = api_error(doc);

	if (sync_json_is(doc, SJ_OBJECT) && sync_json_int(doc, "status", -1) == 0)
		return sync_json_get(doc, "content");
	if (e && !strcmp(e, "LOGIN_ERROR"))
		sync_fail(c->y, c->what, "the server refused the user name or password; check "
			  "user= and the password");
	else if (e && !strcmp(e, "API_DISABLED"))
		sync_fail(c->y, c->what, "the API is off for this user: turn on \"Enable API\" in "
			  "tt-rss's preferences");
	else
		sync_fail(c->y, c->what, "the server answered an error (%.60s)",
			  e ? e : "not a tt-rss API answer");
	return NULL;
}

static void
logged_in(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct sync_json *ct = content(c, doc);
	const char *sid = sync_json_str(ct, "session_id");
	size_t i;

	if (!ct)
		return;
	for (i = 0; sid && sid[i]; i++)
		if ((unsigned char)sid[i] <= ' ' || sid[i] == '"' || sid[i] == '\\')
			sid = NULL;
	if (!sid || !*sid) {
		sync_fail(y, c->what, "the server's answer holds no session id");
		return;
	}
	sync_secret_free(&tt(y)->sid);
	tt(y)->sid = xstrdup(sid);
	sync_logged_in(y);
}

static void
login(struct sync *y)
{
	struct buf m = {0};

	buf_puts(&m, "\"user\":");
	sync_json_quote(&m, y->cs->user);	/* dress() adds the password, at each send */
	tt_call(y, "logging in", "login", buf_cstr(&m), SYNC_LOGIN, logged_in);
	buf_free(&m);
}

/* ---- marks ---- */

static void
marks_done(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	size_t from = (size_t)(c->arg >> 20), n = (size_t)(c->arg & 0xfffff);

	if (!content(c, doc))
		return;
	sync_marks_sent(y, y->marks + from, n);
}

/* y->marks[from..from+n), all of one flag and value, in one updateArticle. */
static void
send_run(struct sync *y, size_t from, size_t n)
{
	const struct store_sync_mark *m = &y->marks[from];
	struct buf b = {0};
	struct sync_call *c;
	size_t i;

	buf_puts(&b, "\"article_ids\":\"");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%" PRId64, i ? "," : "", m[i].remote);
	/* field 2 is "unread" (the opposite of read), field 0 "starred". */
	buf_printf(&b, "\",\"field\":%d,\"mode\":%d", m->flag == SYNC_FLAG_READ ? 2 : 0,
		   m->flag == SYNC_FLAG_READ ? !m->value : m->value);
	c = tt_call(y, "sending marks", "updateArticle", buf_cstr(&b), 0, marks_done);
	c->arg = (int64_t)from << 20 | (int64_t)n;
	buf_free(&b);
}

static int
mark_kind(const struct store_sync_mark *m)
{
	return (int)m->flag * 2 + m->value;
}

static int
by_kind(const void *a, const void *b)
{
	const struct store_sync_mark *x = a, *y = b;

	if (mark_kind(x) != mark_kind(y))
		return mark_kind(x) - mark_kind(y);
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
send_marks(struct sync *y, const struct store_sync_mark *m, size_t n)
{
	size_t i, from = 0;

	/* Each mark is the last of its article and flag: grouping keeps what the server ends with. */
	qsort(y->marks, y->nmarks, sizeof(*y->marks), by_kind);
	for (i = 1; i <= y->nmarks; i++)
		if (i == y->nmarks || mark_kind(&y->marks[i]) != mark_kind(&y->marks[from]) ||
		    i - from == TT_BATCH) {
			send_run(y, from, i - from);
			from = i;
		}
}

/* ---- subscriptions ---- */

static const char *
cat_title(struct tt *t, int64_t cat)
{
	struct sync_json *c;
	size_t i;

	SYNC_JSON_EACH(t->cats, i, c)
		if (sync_json_int(c, "id", 0) == cat && cat > 0)
			return sync_json_str(c, "title");
	return NULL;
}

static enum bl_status
put_feed(struct sync *y, struct sync_json *jf, struct bl_err *err)
{
	struct tt *t = tt(y);
	int64_t remote = sync_json_int(jf, "id", 0), id;
	char rs[24], *title, *tag;
	struct store_sync_feed f = { .url = sync_json_str(jf, "feed_url"), .remote = rs };
	enum bl_status st;
	bool is_new;

	if (remote <= 0 || !f.url || url_feed_problem(f.url, false)) {
		sync_warn(y, "the server lists a feed without a usable id or URL: left out");
		return BL_OK;
	}
	snprintf(rs, sizeof(rs), "%" PRId64, remote);
	title = sync_plain(sync_json_str(jf, "title"));
	tag = sync_plain(cat_title(t, sync_json_int(jf, "cat_id", 0)));
	f.title = title && *title ? title : NULL;
	f.tags = tag ? tag : "";
	st = store_sync_feed_put(y->s, &f, &id, &is_new, err);
	if (!st) {
		y->p.feeds++;
		y->p.feeds_added += is_new;
		t->map = xreallocarray(t->map, t->nmap + 1, sizeof(*t->map));
		t->map[t->nmap].remote = remote;
		t->map[t->nmap++].id = id;
	}
	free(title);
	free(tag);
	return st;
}

static void
put_feeds(struct sync *y)
{
	struct tt *t = tt(y);
	struct bl_err err;
	size_t i, removed;
	struct sync_json *jf;

	if (sync_store_failed(y, store_sync_feeds_begin(y->s, &err), &err))
		return;
	SYNC_JSON_EACH(t->feeds, i, jf) {
		if (sync_store_failed(y, put_feed(y, jf, &err), &err)) {
			store_sync_feeds_abort(y->s);
			return;
		}
	}
	if (!sync_store_failed(y, store_sync_feeds_end(y->s, &removed, &err), &err))
		y->p.feeds_removed = removed;
}

/* The categories and the feeds come in two answers: the later of them stores both. */
static void
got_half(struct sync_call *c, struct sync_json *doc)
{
	struct tt *t = tt(c->y);
	struct sync_json *ct = content(c, doc);

	if (!ct)
		return;
	if (!sync_json_is(ct, SJ_ARRAY)) {
		sync_fail(c->y, c->what, "the answer is not a list");
		return;
	}
	sync_json_keep(ct);
	if (c->arg)
		t->feeds = ct;
	else
		t->cats = ct;
	if (t->feeds && t->cats)
		put_feeds(c->y);
	if (t->feeds && t->cats && !c->y->failed) {
		char now[24];
		struct bl_err err;

		snprintf(now, sizeof(now), "%lld", (long long)time(NULL));
		sync_store_failed(c->y, store_sync_meta_set(c->y->s, META_LISTED, now, &err), &err);
	}
}

static void
ask_feed_list(struct sync *y)
{
	struct sync_call *c;

	tt_call(y, "reading the categories", "getCategories", "\"include_empty\":true", 0, got_half);
	c = tt_call(y, "reading the subscriptions", "getFeeds", "\"cat_id\":-3", 0, got_half);
	c->arg = 1;
}

/* A real feed's counter (not a category's, not a virtual feed's): its id, else 0. */
static int64_t
feed_counter(struct sync_json *c)
{
	const char *kind = sync_json_str(c, "kind");

	if (!sync_json_is(sync_json_get(c, "id"), SJ_INT) || (kind && !strcmp(kind, "cat")))
		return 0;
	return sync_json_int(c, "id", 0) > 0 ? sync_json_int(c, "id", 0) : 0;
}

/*
 * The counters name every feed: when they name the feeds we have, and the
 * list was read within the hour, it is not read again (renamed feeds and
 * moved categories then wait up to an hour, or for --full).
 */
static bool
feeds_unchanged(struct sync *y, struct sync_json *counters)
{
	struct store_sync_count *cn = NULL;
	struct bl_err err;
	char *listed = NULL;
	size_t n = 0, i, named = 0;
	struct sync_json *c;
	bool same;

	if (y->full || store_sync_meta_get(y->s, META_LISTED, &listed, &err) || !listed)
		return false;
	same = time(NULL) - strtoll(listed, NULL, 10) < TT_LIST_EVERY &&
	       !store_sync_counts(y->s, &cn, &n, &err);
	free(listed);
	SYNC_JSON_EACH(counters, i, c)
		if (same && feed_counter(c)) {
			char rs[24];
			int64_t id = 0;

			named++;
			snprintf(rs, sizeof(rs), "%" PRId64, feed_counter(c));
			same = !store_sync_feed_id(y->s, rs, &id, &err) && id;
		}
	same = same && named == n;
	store_sync_counts_free(cn, n);
	return same;
}

/* The feed map from the store, for a sync that does not read the list. */
static void
map_from_store(struct sync *y, struct sync_json *counters)
{
	struct tt *t = tt(y);
	struct bl_err err;
	struct sync_json *c;
	size_t i;

	SYNC_JSON_EACH(counters, i, c) {
		char rs[24];
		int64_t id = 0, remote = feed_counter(c);

		if (!remote)
			continue;
		snprintf(rs, sizeof(rs), "%" PRId64, remote);
		if (sync_store_failed(y, store_sync_feed_id(y->s, rs, &id, &err), &err))
			return;
		t->map = xreallocarray(t->map, t->nmap + 1, sizeof(*t->map));
		t->map[t->nmap].remote = remote;
		t->map[t->nmap++].id = id;
		y->p.feeds++;
	}
}

static void
got_counters(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct tt *t = tt(y);
	struct sync_json *counters = content(c, doc);

	if (!counters)
		return;
	if (!sync_json_is(counters, SJ_ARRAY)) {
		sync_fail(y, c->what, "the answer is not a list of counters");
		return;
	}
	t->counters = sync_json_keep(counters);
	if (feeds_unchanged(y, counters))
		map_from_store(y, counters);
	else
		ask_feed_list(y);
}

/* The counters first: they tell whether the list of feeds changed, and later the flags. */
static void
list_subscriptions(struct sync *y)
{
	tt_call(y, "reading the counters", "getCounters", "\"output_mode\":\"f\"", 0, got_counters);
}

/* ---- articles ---- */

static int64_t
feed_of(struct tt *t, int64_t remote)
{
	size_t i;

	for (i = 0; i < t->nmap; i++)
		if (t->map[i].remote == remote)
			return t->map[i].id;
	return 0;
}

static void
headline_fill(struct sync_json *h, struct item *it)
{
	memset(it, 0, sizeof(*it));
	it->title = sync_plain(sync_json_str(h, "title"));
	it->link = xstrdup_null(sync_json_str(h, "link"));
	it->author = sync_plain(sync_json_str(h, "author"));
	it->published = sync_json_int(h, "updated", BL_NO_DATE);
	it->updated = BL_NO_DATE;
	it->content = sync_html(sync_json_str(h, "content"));
}

static enum bl_status
put_headline(struct sync *y, struct sync_json *h, struct bl_err *err)
{
	struct tt *t = tt(y);
	int64_t remote = sync_json_int(h, "id", 0), feed;
	struct item it;
	bool is_new;
	enum bl_status st;

	if (remote <= 0) {
		sync_warn(y, "the server sent an article without a valid id: left out");
		return BL_OK;
	}
	feed = feed_of(t, sync_json_int(h, "feed_id", 0));
	if (!feed) {
		/*
		 * Subscribed since the list was read: the next sync brings it.
		 * No feed at all (tt-rss keeps the starred articles of a feed
		 * unsubscribed, in no feed): nothing to wait for.
		 */
		if (sync_json_int(h, "feed_id", 0) > 0 && (!t->hold || remote - 1 < t->hold))
			t->hold = remote - 1;
		return BL_OK;
	}
	if (remote > t->max)
		t->max = remote;
	headline_fill(h, &it);
	st = store_sync_item_put(y->s, feed, remote, &it, !sync_json_bool(h, "unread"),
				 sync_json_bool(h, "marked"), &is_new, err);
	y->p.new_items += is_new;
	item_clear(&it);
	return st;
}

static bool
put_headlines(struct sync *y, struct sync_json *list)
{
	return sync_put_each(y, list, put_headline);
}

static void
save_since(struct sync *y)
{
	struct tt *t = tt(y);
	struct bl_err err;
	char v[24];
	int64_t since = t->max > t->since ? t->max : t->since;

	if (t->hold && t->hold < since)
		since = t->hold;
	snprintf(v, sizeof(v), "%" PRId64, since);
	sync_store_failed(y, store_sync_meta_set(y->s, META_SINCE, v, &err), &err);
}

static void ask_page(struct sync *y);

static void
got_page(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct tt *t = tt(y);
	struct sync_json *list = content(c, doc);

	t->pages--;
	if (!list)
		return;
	if (!sync_json_is(list, SJ_ARRAY)) {
		sync_fail(y, c->what, "the answer is not a list of articles");
		return;
	}
	if (sync_json_len(list) < TT_PAGE)
		t->last_page = true;
	else if (!t->last_page)
		ask_page(y);	/* on its way while this page is stored */
	/* Stored in slices while the next pages come; since_id once the last one is. */
	sync_put_later(y, list, put_headline, t->pages == 0 ? save_since : NULL);
}

/* Pages of getHeadlines since since_id, the next asked for as soon as one is in. */
static void
ask_page(struct sync *y)
{
	struct tt *t = tt(y);
	char m[200];

	/*
	 * sanitize false: tt-rss's sanitizer (a DOM parse of each body) is
	 * work byline's own cleaning and renderer do again anyway.
	 */
	snprintf(m, sizeof(m), "\"feed_id\":%d,\"view_mode\":\"all_articles\",\"show_content\":"
		 "true,\"sanitize\":false,\"limit\":%d,\"skip\":%" PRId64 ",\"since_id\":%" PRId64,
		 TT_ALL, TT_PAGE, t->skip, t->since);
	t->skip += TT_PAGE;
	t->pages++;
	tt_call(y, "fetching new articles", "getHeadlines", m, 0, got_page);
}

/*
 * The walk: new articles by id through getArticle, in windows of ids
 * from the newest down to since_id (see fetch_items).
 */

/* One headline, no content, of the articles above since_id (newest or oldest first, after skip). */
static void
probe(struct sync *y, int64_t since, bool oldest, int64_t skip, sync_call_fn done)
{
	char m[240];

	snprintf(m, sizeof(m), "\"feed_id\":%d,\"view_mode\":\"all_articles\",\"show_content\":"
		 "false,\"limit\":1,\"skip\":%" PRId64 ",\"since_id\":%" PRId64 "%s", TT_ALL, skip,
		 since, oldest ? ",\"order_by\":\"date_reverse\"" : "");
	tt(y)->walk_calls++;
	tt_call(y, "fetching new articles", "getHeadlines", m, 0, done)->arg = since;
}

/* A probe's answer: the id of its article, 0 for none, -1 after failing the run. */
static int64_t
probed(struct sync_call *c, struct sync_json *doc)
{
	struct sync_json *list = content(c, doc);
	int64_t id;

	tt(c->y)->walk_calls--;
	if (!list)
		return -1;
	if (!sync_json_is(list, SJ_ARRAY)) {
		sync_fail(c->y, c->what, "the answer is not a list of articles");
		return -1;
	}
	id = sync_json_len(list) ? sync_json_int(sync_json_at(list, 0), "id", 0) : 0;
	/* Not above since_id, as asked: taken as none (the walk still goes down to since_id). */
	return id > c->arg ? id : 0;
}

static enum bl_status
put_nothing(struct sync *y, struct sync_json *v, struct bl_err *err)
{
	return BL_OK;
}

static void got_window(struct sync_call *c, struct sync_json *doc);

/* The walk has ended when nothing of it is in flight and nothing more is to be asked. */
static bool
walk_ended(struct tt *t)
{
	return t->walk_calls == 0 && (t->walk_stop || t->next_hi <= t->since);
}

/* Windows down to since_id, TT_WINDOWS in flight. */
static void
ask_windows(struct sync *y)
{
	struct tt *t = tt(y);
	struct buf b = {0};

	while (t->windows < TT_WINDOWS && !t->walk_stop && t->next_hi > t->since) {
		int64_t lo = t->next_hi - t->window + 1, id;
		struct sync_call *c;

		if (lo <= t->since)
			lo = t->since + 1;
		buf_puts(&b, "\"sanitize\":false,\"article_id\":\"");
		for (id = t->next_hi; id >= lo; id--)
			buf_printf(&b, "%" PRId64 "%s", id, id > lo ? "," : "\"");
		t->windows++;
		t->walk_calls++;
		c = tt_call(y, "fetching new articles", "getArticle", buf_cstr(&b), 0, got_window);
		c->arg = t->next_hi - lo + 1;
		t->next_hi = lo - 1;
		buf_reset(&b);
	}
	buf_free(&b);
}

/* The walk's last answer is in: since_id once it is stored, or pages of headlines instead. */
static void
walk_next(struct sync *y, struct sync_json *list, sync_put_fn put)
{
	struct tt *t = tt(y);

	ask_windows(y);
	if (!walk_ended(t) || !t->walk_fallback) {
		sync_put_later(y, list, put, walk_ended(t) ? save_since : NULL);
		return;
	}
	sync_put_later(y, list, put, NULL);
	t->skip = 0;
	ask_page(y);
}

static void
got_count(struct sync_call *c, struct sync_json *doc)
{
	struct tt *t = tt(c->y);
	int64_t id = probed(c, doc);

	if (id < 0)
		return;
	t->checking = false;
	/* Nothing past the articles found: every article above since_id is here. */
	if (id == 0)
		t->walk_stop = true;
	walk_next(c->y, content(c, doc), put_nothing);
}

static void
got_window(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct tt *t = tt(y);
	struct sync_json *list = content(c, doc);
	size_t n;

	t->windows--;
	t->walk_calls--;
	if (!list)
		return;
	if (!sync_json_is(list, SJ_ARRAY)) {
		sync_fail(y, c->what, "the answer is not a list of articles");
		return;
	}
	n = sync_json_len(list);
	t->scanned += c->arg;
	t->found += (int64_t)n;
	/* The next windows: about TT_WINDOW articles each at the density seen so far. */
	if (n == 0) {
		t->empties += t->found > 0;	/* above the newest, windows are empty */
		t->window = t->window * 2 > TT_WINDOW_MAX ? TT_WINDOW_MAX : t->window * 2;
	} else {
		t->empties = 0;
		t->window = TT_WINDOW * t->scanned / t->found;
		t->window = t->window < TT_WINDOW ? TT_WINDOW
			  : t->window > TT_WINDOW_MAX ? TT_WINDOW_MAX : t->window;
	}
	/*
	 * Ids too sparse for windows (a server of many users), or a long run
	 * of empty ones: the rest comes in pages of headlines.
	 */
	if ((t->scanned >= 2 * TT_WINDOW_MAX && t->found * TT_SPARSE < t->scanned) ||
	    t->empties > TT_EMPTIES) {
		t->walk_stop = true;
		t->walk_fallback = true;
	}
	/*
	 * Below the articles found, an empty window: are they all there is?
	 * (A server that purged old articles has nothing down to id 1.)
	 */
	if (n == 0 && t->found > 0 && !t->checking && !t->walk_stop) {
		t->checking = true;
		probe(y, t->since, false, t->found, got_count);
	}
	walk_next(y, list, put_headline);
}

/* The top is found: no article above it. The walk goes down from there. */
static void
walk_from(struct sync *y, int64_t top)
{
	struct tt *t = tt(y);

	t->next_hi = top;
	t->window = TT_WINDOW;
	ask_windows(y);
}

static void got_above(struct sync_call *c, struct sync_json *doc);

/*
 * Where the top is: above top_art, an article, and at or below top_free
 * (0 while none is known), nothing. Past top_art, twice as far from
 * since_id each time, until nothing is above; then halved until the walk
 * has a few windows of ids at most to go through above the newest article.
 */
static void
seek_top(struct sync *y)
{
	struct tt *t = tt(y);

	if (!t->top_free && t->probe_at > INT64_MAX / 4)
		t->top_free = t->probe_at;	/* no server has ids that high */
	if (!t->top_free)
		t->probe_at = t->probe_at ? t->probe_at + (t->probe_at - t->since) : t->top_art;
	else if (t->top_free - t->top_art > 4 * TT_WINDOW)
		t->probe_at = t->top_art + (t->top_free - t->top_art) / 2;
	else {
		walk_from(y, t->top_free);
		return;
	}
	if (t->probe_at < t->top_art)
		t->probe_at = t->top_art;
	probe(y, t->probe_at, false, 0, got_above);
}

static void
got_above(struct sync_call *c, struct sync_json *doc)
{
	struct tt *t = tt(c->y);
	int64_t id = probed(c, doc);

	if (id < 0)
		return;
	if (id == 0)
		t->top_free = t->probe_at;
	else if (id > t->top_art)
		t->top_art = id;
	seek_top(c->y);
}

static void
got_newest(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct tt *t = tt(y);
	int64_t id = probed(c, doc);

	if (id < 0)
		return;
	if (id == 0) {		/* nothing new */
		sync_put_later(y, content(c, doc), put_nothing, save_since);
		return;
	}
	t->top_art = id;
	probe(y, t->since, true, 0, got_above);	/* the oldest (probe_at still 0) */
}

static void
fetch_items(struct sync *y)
{
	struct tt *t = tt(y);
	struct bl_err err;
	char *since = NULL;

	if (!y->opt.full &&
	    sync_store_failed(y, store_sync_meta_get(y->s, META_SINCE, &since, &err), &err))
		return;
	t->since = since ? strtoll(since, NULL, 10) : 0;
	free(since);
	/*
	 * tt-rss's getHeadlines costs several times what getArticle does an
	 * article (on Debian 12's, PHP warnings it logs, four an article), and
	 * answers 200 at most; getArticle takes any ids and answers the ones
	 * that are this user's. So: the newest and the oldest article above
	 * since_id (a headline each, no content) tell where the ids are; ids
	 * above them are probed until none is above (the top); then windows of
	 * ids from the top down to since_id, TT_WINDOWS at once, go through
	 * getArticle. The walk stops early when a headline count says every
	 * article is here (ids below the oldest kept, purged long ago, are not
	 * walked), and falls back to pages of headlines where ids are sparse.
	 */
	probe(y, t->since, false, 0, got_newest);
}

/* ---- state ---- */

static void apply_lists(struct sync *y);
static void ask_list(struct sync *y, size_t k);

static void
id_add(int64_t **ids, size_t *n, int64_t id)
{
	if ((*n & (*n - 1)) == 0)
		*ids = xreallocarray(*ids, *n ? 2 * *n : 1, sizeof(**ids));
	(*ids)[(*n)++] = id;
}

static void
got_list(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct tt *t = tt(y);
	struct tt_list *l = &t->lists[c->arg];
	struct sync_json *list = content(c, doc), *h;
	size_t i;

	if (!list)
		return;
	if (!sync_json_is(list, SJ_ARRAY)) {
		sync_fail(y, c->what, "the answer is not a list of articles");
		return;
	}
	SYNC_JSON_EACH(list, i, h)
		if (sync_json_int(h, "id", 0) > 0)
			id_add(&l->ids, &l->n, sync_json_int(h, "id", 0));
	if (sync_json_len(list) == TT_PAGE) {
		ask_list(y, (size_t)c->arg);
		return;
	}
	if (--t->lists_out == 0)
		apply_lists(y);
}

static void
ask_list(struct sync *y, size_t k)
{
	struct tt_list *l = &tt(y)->lists[k];
	struct sync_call *c;
	char m[200];

	snprintf(m, sizeof(m), "\"feed_id\":%" PRId64 ",\"view_mode\":\"%s\",\"show_content\":"
		 "false,\"limit\":%d,\"skip\":%" PRId64, l->feed,
		 l->flag == SYNC_FLAG_READ ? "unread" : "all_articles", TT_PAGE, l->skip);
	l->skip += TT_PAGE;
	c = tt_call(y, l->flag == SYNC_FLAG_READ ? "reading the unread articles' ids"
		    : "reading the starred articles' ids", "getHeadlines", m, 0, got_list);
	c->arg = (int64_t)k;
}

static void
add_list(struct sync *y, enum store_sync_flag flag, int64_t feed, int64_t scope)
{
	struct tt *t = tt(y);

	t->lists = xreallocarray(t->lists, t->nlists + 1, sizeof(*t->lists));
	t->lists[t->nlists++] = (struct tt_list){ .flag = flag, .feed = feed, .scope = scope };
}

/* The server's counts of one feed (unread; starred for the starred virtual feed). */
static struct sync_json *
counter_of(struct sync_json *counters, int64_t remote)
{
	struct sync_json *c;
	size_t i;

	SYNC_JSON_EACH(counters, i, c) {
		const char *kind = sync_json_str(c, "kind");

		if (sync_json_is(sync_json_get(c, "id"), SJ_INT) && !(kind && !strcmp(kind, "cat")) &&
		    sync_json_int(c, "id", 0) == remote)
			return c;
	}
	return NULL;
}

/* Which lists to ask for: where the server's counts differ from ours (all with --full). */
static void
plan_lists(struct sync *y, struct sync_json *counters, const struct store_sync_count *cn, size_t n)
{
	size_t i, differ = 0, *which = xcalloc(n + 1, sizeof(*which));
	int64_t starred = 0;
	struct sync_json *sc = counter_of(counters, TT_STARRED);

	for (i = 0; i < n; i++) {
		struct sync_json *c = counter_of(counters, strtoll(cn[i].remote, NULL, 10));

		starred += cn[i].starred;
		if (y->full || !c || sync_json_int(c, "counter", -1) != cn[i].unread)
			which[differ++] = i;
	}
	if (differ > TT_FEED_LISTS || y->full)
		add_list(y, SYNC_FLAG_READ, TT_ALL, 0);
	else
		for (i = 0; i < differ; i++) {
			int64_t id = 0;
			struct bl_err err;

			if (sync_store_failed(y, store_sync_feed_id(y->s, cn[which[i]].remote, &id,
								   &err), &err))
				break;
			add_list(y, SYNC_FLAG_READ, strtoll(cn[which[i]].remote, NULL, 10), id);
		}
	if (y->full || !sc || sync_json_int(sc, "markedcounter",
					    sync_json_int(sc, "auxcounter", -1)) != starred)
		add_list(y, SYNC_FLAG_STARRED, TT_STARRED, 0);
	free(which);
}

static void
fetch_state(struct sync *y)
{
	struct tt *t = tt(y);
	struct store_sync_count *cn = NULL;
	struct bl_err err;
	size_t n = 0, k;

	/* A first sync has every article with its flags already. */
	if (y->first && !y->opt.full)
		return;
	if (sync_store_failed(y, store_sync_counts(y->s, &cn, &n, &err), &err))
		return;
	plan_lists(y, t->counters, cn, n);
	store_sync_counts_free(cn, n);
	t->lists_out = (int)t->nlists;
	for (k = 0; k < t->nlists; k++)
		ask_list(y, k);
}

static void
set_flags(struct sync *y)
{
	struct tt *t = tt(y);
	struct bl_err err;
	size_t k, changed;

	for (k = 0; k < t->nlists; k++) {
		struct tt_list *l = &t->lists[k];

		/* The unread list: listed means not read. The starred list: listed means starred. */
		if (sync_store_failed(y, store_sync_apply(y->s, l->flag, l->flag == SYNC_FLAG_STARRED,
							  l->ids, l->n, l->scope, &changed, &err),
				      &err))
			return;
		y->p.flags_changed += changed;
	}
}

static void
got_articles(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct tt *t = tt(y);
	struct sync_json *list = content(c, doc);
	struct bl_err err;
	int64_t *still = NULL;
	size_t n = 0;

	if (!list || (sync_json_is(list, SJ_ARRAY) && !put_headlines(y, list)))
		return;
	if (--t->fetches)
		return;
	if (sync_store_failed(y, store_sync_unknown(y->s, t->missing, t->nmissing, &still, &n,
						    &err), &err))
		return;
	if (n)
		sync_warn(y, "the server listed %zu article%s it does not send (id %" PRId64 "%s); "
			  "left out, nothing else changed", n, n == 1 ? "" : "s", still[0],
			  n > 1 ? " and others" : "");
	free(still);
	set_flags(y);
}

/* Every id the lists name must be an article here: the ones that are not are asked for. */
static void
apply_lists(struct sync *y)
{
	struct tt *t = tt(y);
	struct bl_err err;
	int64_t *all = NULL;
	size_t n = 0, k, i;
	struct buf b = {0};

	for (k = 0; k < t->nlists; k++)
		for (i = 0; i < t->lists[k].n; i++)
			id_add(&all, &n, t->lists[k].ids[i]);
	free(t->missing);
	t->missing = NULL;
	if (sync_store_failed(y, store_sync_unknown(y->s, all, n, &t->missing, &t->nmissing, &err),
			      &err) || !t->nmissing) {
		free(all);
		if (!y->failed)
			set_flags(y);
		return;
	}
	free(all);
	for (i = 0; i < t->nmissing; i++) {
		buf_printf(&b, "%s%" PRId64, b.len ? "," : "\"article_id\":\"", t->missing[i]);
		if ((i + 1) % TT_BATCH == 0 || i + 1 == t->nmissing) {
			buf_putc(&b, '"');
			t->fetches++;
			tt_call(y, "fetching articles by id", "getArticle", buf_cstr(&b), 0, got_articles);
			buf_reset(&b);
		}
	}
	buf_free(&b);
}

/* ---- subscribe, unsubscribe ---- */

static void
subscribed(struct sync_call *c, struct sync_json *doc)
{
	static const char *const why[] = {
		[2] = "not a valid URL", [3] = "no feed found there",
		[4] = "the page names several feeds: give one of them",
		[5] = "the server could not download it",
	};
	struct sync_json *ct = content(c, doc);
	int64_t code = sync_json_int(sync_json_get(ct, "status"), "code", -1);

	if (!ct || code == 0 || code == 1)
		return;
	sync_fail(c->y, c->what, "the server did not subscribe to %s: %s", c->y->opt.subscribe,
		  code >= 2 && code <= 5 ? why[code] : "it gave no reason");
}

static void
got_cats_for_subscribe(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct sync_json *cats = content(c, doc), *cat;
	struct buf m = {0};
	int64_t cat_id = 0;
	size_t i;

	if (!cats)
		return;
	SYNC_JSON_EACH(cats, i, cat) {
		char *title = sync_plain(sync_json_str(cat, "title"));

		if (title && y->opt.folder && !strcmp(title, y->opt.folder))
			cat_id = sync_json_int(cat, "id", 0);
		free(title);
	}
	if (y->opt.folder && cat_id <= 0)
		sync_warn(y, "tt-rss has no category \"%s\": the feed goes in without one",
			  y->opt.folder);
	buf_puts(&m, "\"feed_url\":");
	sync_json_quote(&m, y->opt.subscribe);
	buf_printf(&m, ",\"category_id\":%" PRId64, cat_id > 0 ? cat_id : 0);
	tt_call(y, "subscribing", "subscribeToFeed", buf_cstr(&m), 0, subscribed);
	buf_free(&m);
}

static void
subscribe(struct sync *y, const char *url, const char *folder)
{
	tt_call(y, "reading the categories", "getCategories", "\"include_empty\":true",
		0, got_cats_for_subscribe);
}

static void
unsubscribed(struct sync_call *c, struct sync_json *doc)
{
	content(c, doc);
}

static void
unsubscribe(struct sync *y, const char *remote)
{
	char m[64];

	snprintf(m, sizeof(m), "\"feed_id\":%lld", strtoll(remote, NULL, 10));
	tt_call(y, "unsubscribing", "unsubscribeFeed", m, 0, unsubscribed);
}

const struct sync_ops sync_ttrss_ops = {
	.name = "ttrss",
	.content_type = "application/json",
	.init = tt_init,
	.free = tt_free,
	.login = login,
	.dress = dress,
	.expired = expired,
	.send_marks = send_marks,
	.subscribe = subscribe,
	.unsubscribe = unsubscribe,
	.list_subscriptions = list_subscriptions,
	.fetch_items = fetch_items,
	.fetch_state = fetch_state,
	.session = session,
};
