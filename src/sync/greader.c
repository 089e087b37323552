/* The Google Reader API back end (FreshRSS, Miniflux, Inoreader, The Old Reader, BazQux). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/url.h"
#include "sync_int.h"

/* Articles a stream page asks for, ids an id-list page asks for, ids an edit or fetch sends. */
#define GR_PAGE 1000
#define GR_IDS_PAGE 50000
#define GR_BATCH 250

#define GR_API "/reader/api/0/"
#define GR_READ "user/-/state/com.google/read"
#define GR_STARRED "user/-/state/com.google/starred"
#define GR_READING "user/-/state/com.google/reading-list"
#define META_NEWEST "greader-newest-usec"

/* A feed of the subscription list: the server's id and the store's. */
struct gr_feed {
	char *remote;
	int64_t id;
};

struct gr_list {
	int64_t *ids;
	size_t n;
};

/* A group of marks sent in one edit-tag call. */
struct gr_group {
	struct store_sync_mark *m;
	size_t n;
};

struct gr {
	char *auth, *token;		/* the session: wiped when freed */
	bool want_token;
	void (*after_token)(struct sync *y);
	struct gr_feed *feeds;
	size_t nfeeds;
	int64_t newest;			/* newest crawl time seen (µs) */
	int64_t hold;			/* not past this: an article waits for its feed */
	struct gr_list unread, starred, missing;
	int lists;			/* id lists still coming */
	int fetches;			/* batches of unknown articles still coming */
	struct gr_group *groups;
	size_t ngroups;
	char *unsubscribe;		/* the server's id of the feed to unsubscribe from */
};

static struct gr *
gr(struct sync *y)
{
	return y->be;
}

static void
gr_init(struct sync *y)
{
	y->be = xcalloc(1, sizeof(struct gr));
}

static void
gr_free(struct sync *y)
{
	struct gr *g = gr(y);
	size_t i;

	sync_secret_free(&g->auth);
	sync_secret_free(&g->token);
	for (i = 0; i < g->nfeeds; i++)
		free(g->feeds[i].remote);
	free(g->feeds);
	free(g->unread.ids);
	free(g->starred.ids);
	free(g->missing.ids);
	for (i = 0; i < g->ngroups; i++)
		free(g->groups[i].m);
	free(g->groups);
	free(g->unsubscribe);
	free(g);
	y->be = NULL;
}

/* ---- the session ---- */

static char **
session(struct sync *y, int i)
{
	return i == 0 ? &gr(y)->auth : i == 1 ? &gr(y)->token : NULL;
}

static void
dress(struct sync *y, struct sync_call *c, struct buf *post, struct buf *header)
{
	struct gr *g = gr(y);

	if (c->login) {
		buf_puts(post, "&Passwd=");
		sync_urlencode(post, y->password);
		return;
	}
	if (g->auth)
		buf_printf(header, "Authorization: GoogleLogin auth=%s", g->auth);
	if (c->token && g->token) {
		buf_puts(post, "&T=");
		sync_urlencode(post, g->token);
	}
}

static bool
expired(const struct sync_call *c, struct sync_json *doc)
{
	return !doc && c->res.status == 401;
}

/* A session token: one line of letters, digits and a few marks (it goes into a header). */
static char *
token_line(const struct buf *b, const char *prefix)
{
	const char *p = buf_cstr(b), *line, *end;
	size_t n = strlen(prefix), i;

	for (line = p; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, prefix, n))
			continue;
		line += n;
		end = line + strcspn(line, "\r\n");
		for (i = 0; line + i < end; i++)
			if ((unsigned char)line[i] <= ' ' || line[i] == 0x7f)
				return NULL;
		return end > line ? xstrndup(line, (size_t)(end - line)) : NULL;
	}
	return NULL;
}

static void
got_token(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct gr *g = gr(y);
	void (*then)(struct sync *) = g->after_token;

	sync_secret_free(&g->token);
	g->token = token_line(&c->body, "");
	if (!g->token) {
		sync_fail(y, c->what, "the server sent no edit token");
		return;
	}
	g->after_token = NULL;
	then(y);
}

static void
ask_token(struct sync *y, void (*then)(struct sync *))
{
	gr(y)->want_token = true;
	gr(y)->after_token = then;
	sync_call(y, "asking for an edit token", GR_API "token", NULL, SYNC_TEXT, got_token);
}

/* A token for the new session: the calls that waited for the login go again with it. */
static void
got_fresh_token(struct sync_call *c, struct sync_json *doc)
{
	struct gr *g = gr(c->y);

	sync_secret_free(&g->token);
	g->token = token_line(&c->body, "");
	if (!g->token)
		sync_fail(c->y, c->what, "the server sent no edit token");
	else
		sync_logged_in(c->y);
}

static void
logged_in(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct gr *g = gr(y);

	sync_secret_free(&g->auth);
	g->auth = token_line(&c->body, "Auth=");
	if (!g->auth) {
		sync_fail(y, c->what, "the server's answer holds no Auth= line (is this a Google "
			  "Reader API address, such as https://host/api/greader.php?)");
		return;
	}
	if (g->want_token || g->token)	/* the old token went with the old session */
		sync_call(y, "asking for an edit token", GR_API "token", NULL, SYNC_TEXT,
			  got_fresh_token);
	else
		sync_logged_in(y);
}

static void
login(struct sync *y)
{
	struct buf form = {0};

	buf_puts(&form, "Email=");
	sync_urlencode(&form, y->cs->user);	/* dress() adds the password, at each send */
	sync_call(y, "logging in", "/accounts/ClientLogin", buf_cstr(&form), SYNC_LOGIN | SYNC_TEXT,
		  logged_in);
	buf_free(&form);
}

/* ---- marks ---- */

static void
group_sent(struct sync_call *c, struct sync_json *doc)
{
	struct gr_group *gp = &gr(c->y)->groups[c->arg];

	if (strncmp(buf_cstr(&c->body), "OK", 2)) {
		sync_fail(c->y, c->what, "the server did not take the marks (it answered \"%.40s\")",
			  buf_cstr(&c->body));
		return;
	}
	sync_marks_sent(c->y, gp->m, gp->n);
}

static void
send_group(struct sync *y, size_t k)
{
	struct gr_group *gp = &gr(y)->groups[k];
	struct buf form = {0};
	struct sync_call *c;
	size_t i;

	buf_printf(&form, "%s=%s", gp->m[0].value ? "a" : "r",
		   gp->m[0].flag == SYNC_FLAG_READ ? GR_READ : GR_STARRED);
	for (i = 0; i < gp->n; i++)
		buf_printf(&form, "&i=tag:google.com,2005:reader/item/%016" PRIx64,
			   (uint64_t)gp->m[i].remote);
	c = sync_call(y, "sending marks", GR_API "edit-tag", buf_cstr(&form),
		      SYNC_TOKEN | SYNC_TEXT, group_sent);
	c->arg = (int64_t)k;
	buf_free(&form);
}

static void
group_push(struct gr *g, struct gr_group *cur)
{
	g->groups = xreallocarray(g->groups, g->ngroups + 1, sizeof(*g->groups));
	g->groups[g->ngroups++] = *cur;
	memset(cur, 0, sizeof(*cur));
}

/* Groups of one flag and value, at most GR_BATCH ids each; each mark is the last of its article. */
static void
send_groups(struct sync *y)
{
	struct gr *g = gr(y);
	struct gr_group cur = { 0 };
	const struct store_sync_mark *m;
	size_t i, k;
	unsigned kind;

	for (kind = 0; kind < 4; kind++) {
		for (i = 0; i < y->nmarks; i++) {
			m = &y->marks[i];
			if ((unsigned)m->flag * 2 + m->value != kind)
				continue;
			if (!cur.m)
				cur.m = xcalloc(GR_BATCH, sizeof(*cur.m));
			cur.m[cur.n++] = *m;
			if (cur.n == GR_BATCH)
				group_push(g, &cur);
		}
		if (cur.n)
			group_push(g, &cur);
	}
	for (k = 0; k < g->ngroups; k++)
		send_group(y, k);
}

static void
send_marks(struct sync *y, const struct store_sync_mark *m, size_t n)
{
	if (gr(y)->token)
		send_groups(y);
	else
		ask_token(y, send_groups);
}

/* ---- subscriptions ---- */

static int64_t
feed_of(struct sync *y, const char *remote)
{
	struct gr *g = gr(y);
	size_t i;

	for (i = 0; remote && i < g->nfeeds; i++)
		if (!strcmp(g->feeds[i].remote, remote))
			return g->feeds[i].id;
	return 0;
}

/* The folders of a subscription, one a line. */
static void
folder_tags(struct sync_json *sub, struct buf *tags)
{
	struct sync_json *cats = sync_json_get(sub, "categories"), *cat;
	const char *label;
	char *plain;
	size_t i;

	SYNC_JSON_EACH(cats, i, cat) {
		label = sync_json_str(cat, "label");
		if (!label || !*label)
			continue;
		plain = sync_plain(label);
		buf_printf(tags, "%s%s", tags->len ? "\n" : "", plain);
		free(plain);
	}
}

static enum bl_status
put_feed(struct sync *y, struct sync_json *sub, struct bl_err *err)
{
	struct gr *g = gr(y);
	struct store_sync_feed f = { .remote = sync_json_str(sub, "id"),
				     .url = sync_json_str(sub, "url"),
				     .site_link = sync_json_str(sub, "htmlUrl") };
	struct buf tags = {0};
	char *title;
	int64_t id;
	bool is_new;
	enum bl_status st = BL_OK;

	if (!f.remote || !f.url || url_feed_problem(f.url, false)) {
		sync_warn(y, "the server lists a subscription without a usable id or URL: left out");
		return BL_OK;
	}
	title = sync_plain(sync_json_str(sub, "title"));
	f.title = title && *title ? title : NULL;
	folder_tags(sub, &tags);
	f.tags = buf_cstr(&tags);
	st = store_sync_feed_put(y->s, &f, &id, &is_new, err);
	if (!st) {
		y->p.feeds++;
		y->p.feeds_added += is_new;
		g->feeds = xreallocarray(g->feeds, g->nfeeds + 1, sizeof(*g->feeds));
		g->feeds[g->nfeeds].remote = xstrdup(f.remote);
		g->feeds[g->nfeeds++].id = id;
	}
	free(title);
	buf_free(&tags);
	return st;
}

static void
got_subscriptions(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct sync_json *subs = sync_json_get(doc, "subscriptions"), *sub;
	struct bl_err err;
	size_t i, removed;

	if (!sync_json_is(subs, SJ_ARRAY)) {
		sync_fail(y, c->what, "the answer has no list of subscriptions");
		return;
	}
	if (sync_store_failed(y, store_sync_feeds_begin(y->s, &err), &err))
		return;
	SYNC_JSON_EACH(subs, i, sub) {
		if (sync_store_failed(y, put_feed(y, sub, &err), &err)) {
			store_sync_feeds_abort(y->s);
			return;
		}
	}
	if (!sync_store_failed(y, store_sync_feeds_end(y->s, &removed, &err), &err))
		y->p.feeds_removed = removed;
}

static void
list_subscriptions(struct sync *y)
{
	sync_call(y, "reading the subscriptions", GR_API "subscription/list?output=json", NULL, 0,
		  got_subscriptions);
}

/* ---- articles ---- */

static const char *
first_href(struct sync_json *it, const char *key)
{
	struct sync_json *a = sync_json_get(it, key);

	return sync_json_is(a, SJ_ARRAY) ? sync_json_str(sync_json_at(a, 0), "href") : NULL;
}

/* The flags an article's categories give ("user/-/state/com.google/read", or user/ID/...). */
static void
item_flags(struct sync_json *it, bool *read, bool *starred)
{
	struct sync_json *cats = sync_json_get(it, "categories"), *cat;
	const char *s;
	size_t i, n;

	*read = *starred = false;
	SYNC_JSON_EACH(cats, i, cat) {
		s = sync_json_string(cat);
		n = s ? strlen(s) : 0;
		if (n >= 22 && !strcmp(s + n - 22, "/state/com.google/read"))
			*read = true;
		else if (n >= 25 && !strcmp(s + n - 25, "/state/com.google/starred"))
			*starred = true;
	}
}

static void
item_fill(struct sync_json *j, struct item *it)
{
	struct sync_json *body = sync_json_get(j, "content");

	if (!sync_json_str(body, "content"))
		body = sync_json_get(j, "summary");
	memset(it, 0, sizeof(*it));
	it->title = sync_plain(sync_json_str(j, "title"));
	it->link = xstrdup_null(first_href(j, "canonical") ? first_href(j, "canonical")
							   : first_href(j, "alternate"));
	it->author = sync_plain(sync_json_str(j, "author"));
	it->published = sync_json_int(j, "published", BL_NO_DATE);
	it->updated = sync_json_int(j, "updated", BL_NO_DATE);
	it->content = sync_html(sync_json_str(body, "content"));
}

/* One article of a stream or a fetch: stored in its feed with the flags it comes with. */
static enum bl_status
put_item(struct sync *y, struct sync_json *j, struct bl_err *err)
{
	struct gr *g = gr(y);
	const char *stream = sync_json_str(sync_json_get(j, "origin"), "streamId");
	int64_t remote, feed, ts = sync_json_int(j, "timestampUsec", 0);
	struct item it;
	bool read, starred, is_new;
	enum bl_status st;

	if (!sync_item_id(sync_json_str(j, "id"), &remote)) {
		sync_warn(y, "the server sent an article without a valid id: left out");
		return BL_OK;
	}
	feed = feed_of(y, stream);
	if (!feed) {
		/* Subscribed since the list was read: the next sync brings it. */
		if (ts && (!g->hold || ts - 1 < g->hold))
			g->hold = ts - 1;
		return BL_OK;
	}
	if (ts > g->newest)
		g->newest = ts;
	item_flags(j, &read, &starred);
	item_fill(j, &it);
	st = store_sync_item_put(y->s, feed, remote, &it, read, starred, &is_new, err);
	y->p.new_items += is_new;
	item_clear(&it);
	return st;
}

static bool
put_items(struct sync *y, struct sync_json *items)
{
	return sync_put_each(y, items, put_item);
}

static void ask_stream(struct sync *y, const char *continuation);

static void
save_newest(struct sync *y)
{
	struct gr *g = gr(y);
	struct bl_err err;
	char v[32];
	int64_t newest = g->hold && g->hold < g->newest ? g->hold : g->newest;

	if (!newest)
		return;
	snprintf(v, sizeof(v), "%" PRId64, newest);
	sync_store_failed(y, store_sync_meta_set(y->s, META_NEWEST, v, &err), &err);
}

static void
got_stream(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct sync_json *items = sync_json_get(doc, "items");
	const char *cont = sync_json_str(doc, "continuation");

	if (!sync_json_is(items, SJ_ARRAY)) {
		sync_fail(y, c->what, "the answer has no list of articles");
		return;
	}
	size_t before = y->p.new_items;
	bool more = cont && *cont && sync_json_len(items);

	/*
	 * A first sync: the next page is asked for at once and this one is
	 * stored in slices while it comes; the newest crawl time is saved
	 * once the last page is stored.
	 */
	if (y->first) {
		if (more)
			ask_stream(y, cont);
		sync_put_later(y, items, put_item, more ? NULL : save_newest);
		return;
	}
	if (!put_items(y, items))
		return;
	/*
	 * Newest first: a page of articles all known here (crawled in the same
	 * second as the newest known one) means the older pages are known too.
	 */
	if (more && y->p.new_items > before)
		ask_stream(y, cont);
	else
		save_newest(y);
}

static void
ask_stream(struct sync *y, const char *continuation)
{
	struct buf path = {0};
	struct bl_err err;
	char *newest = NULL;
	int64_t ot;

	buf_printf(&path, GR_API "stream/contents/" GR_READING "?output=json&n=%d", GR_PAGE);
	if (!y->opt.full && !sync_store_failed(y, store_sync_meta_get(y->s, META_NEWEST, &newest,
								      &err), &err) && newest) {
		/* Crawled in the same second as the newest known article, or later. */
		ot = strtoll(newest, NULL, 10) / 1000000;
		buf_printf(&path, "&ot=%" PRId64, ot);
	}
	free(newest);
	if (continuation) {
		buf_puts(&path, "&c=");
		sync_urlencode(&path, continuation);
	}
	if (!y->failed)
		sync_call(y, "fetching new articles", buf_cstr(&path), NULL, 0, got_stream);
	buf_free(&path);
}

static void
fetch_items(struct sync *y)
{
	ask_stream(y, NULL);
}

/* ---- state ---- */

static void
list_add(struct gr_list *l, int64_t id)
{
	if ((l->n & (l->n - 1)) == 0)	/* 0, 1, 2, 4, ...: double the room */
		l->ids = xreallocarray(l->ids, l->n ? 2 * l->n : 1, sizeof(*l->ids));
	l->ids[l->n++] = id;
}

static void apply_state(struct sync *y);
static void ask_ids(struct sync *y, int64_t which, const char *continuation);

static void
got_ids(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct gr *g = gr(y);
	struct gr_list *l = c->arg ? &g->starred : &g->unread;
	struct sync_json *refs = sync_json_get(doc, "itemRefs"), *ref;
	const char *cont = sync_json_str(doc, "continuation");
	int64_t id;
	size_t i;

	if (!sync_json_is(refs, SJ_ARRAY) && !sync_json_is(refs, SJ_NULL) && refs) {
		sync_fail(y, c->what, "the answer has no list of article ids");
		return;
	}
	SYNC_JSON_EACH(refs, i, ref) {
		if (sync_item_id(sync_json_str(ref, "id"), &id))
			list_add(l, id);
		else
			sync_warn(y, "the server listed an article id that is no id: left out");
	}
	if (cont && *cont && sync_json_len(refs)) {
		ask_ids(y, c->arg, cont);
		return;
	}
	if (--g->lists == 0)
		apply_state(y);
}

static void
ask_ids(struct sync *y, int64_t which, const char *continuation)
{
	struct buf path = {0};
	struct sync_call *c;

	buf_printf(&path, GR_API "stream/items/ids?output=json&n=%d&s=%s", GR_IDS_PAGE,
		   which ? GR_STARRED : GR_READING "&xt=" GR_READ);
	if (continuation) {
		buf_puts(&path, "&c=");
		sync_urlencode(&path, continuation);
	}
	c = sync_call(y, which ? "reading the starred articles' ids" :
		      "reading the unread articles' ids", buf_cstr(&path), NULL, 0, got_ids);
	c->arg = which;
	buf_free(&path);
}

static void
fetch_state(struct sync *y)
{
	gr(y)->lists = 2;
	ask_ids(y, 0, NULL);
	ask_ids(y, 1, NULL);
}

/* The server's flags, now that every article they name is here (or known to be missing). */
static void
set_flags(struct sync *y)
{
	struct gr *g = gr(y);
	struct bl_err err;
	size_t changed = 0;

	if (sync_store_failed(y, store_sync_apply(y->s, SYNC_FLAG_READ, false, g->unread.ids,
						  g->unread.n, 0, &changed, &err), &err))
		return;
	y->p.flags_changed += changed;
	if (sync_store_failed(y, store_sync_apply(y->s, SYNC_FLAG_STARRED, true, g->starred.ids,
						  g->starred.n, 0, &changed, &err), &err))
		return;
	y->p.flags_changed += changed;
}

/* Ids the server listed and never sent, after asking for them by id. */
static void
report_missing(struct sync *y)
{
	struct gr *g = gr(y);
	struct bl_err err;
	int64_t *still = NULL;
	size_t n = 0;

	if (sync_store_failed(y, store_sync_unknown(y->s, g->missing.ids, g->missing.n, &still,
						    &n, &err), &err))
		return;
	if (n)
		sync_warn(y, "the server listed %zu article%s it does not send (id %" PRId64
			  "%s); left out, nothing else changed", n, n == 1 ? "" : "s", still[0],
			  n > 1 ? " and others" : "");
	free(still);
	set_flags(y);
}

static void
got_fetched(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	struct sync_json *items = sync_json_get(doc, "items");

	if (sync_json_is(items, SJ_ARRAY) && !put_items(y, items))
		return;
	if (--gr(y)->fetches == 0)
		report_missing(y);
}

static void
apply_state(struct sync *y)
{
	struct gr *g = gr(y);
	struct bl_err err;
	struct buf form = {0};
	size_t i;

	free(g->missing.ids);
	g->missing.ids = NULL;
	g->missing.n = 0;
	for (i = 0; i < g->starred.n; i++)
		list_add(&g->unread, g->starred.ids[i]);
	if (sync_store_failed(y, store_sync_unknown(y->s, g->unread.ids, g->unread.n,
						    &g->missing.ids, &g->missing.n, &err), &err))
		return;
	g->unread.n -= g->starred.n;	/* the starred ids went to the end */
	if (!g->missing.n) {
		set_flags(y);
		return;
	}
	/* Listed but never streamed (crawled between the stream and the lists): by id. */
	for (i = 0; i < g->missing.n; i++) {
		buf_printf(&form, "%si=%" PRId64, form.len ? "&" : "", g->missing.ids[i]);
		if ((i + 1) % GR_BATCH == 0 || i + 1 == g->missing.n) {
			g->fetches++;
			sync_call(y, "fetching articles by id", GR_API "stream/items/contents?output=json",
				  buf_cstr(&form), 0, got_fetched);
			buf_reset(&form);
		}
	}
	buf_free(&form);
}

/* ---- subscribe, unsubscribe ---- */

static void
edited(struct sync_call *c, struct sync_json *doc)
{
	if (strncmp(buf_cstr(&c->body), "OK", 2))
		sync_fail(c->y, c->what, "the server did not do it (it answered \"%.40s\")",
			  buf_cstr(&c->body));
}

static void
edit(struct sync *y, const char *what, const char *form)
{
	sync_call(y, what, GR_API "subscription/edit", form, SYNC_TOKEN | SYNC_TEXT, edited);
}

static void
added(struct sync_call *c, struct sync_json *doc)
{
	struct sync *y = c->y;
	const char *stream = sync_json_str(doc, "streamId");
	struct buf form = {0};

	if (sync_json_int(doc, "numResults", 0) < 1 || !stream) {
		sync_fail(y, c->what, "the server could not subscribe to %s (%s)", y->opt.subscribe,
			  sync_json_str(doc, "error") ? sync_json_str(doc, "error")
						      : "it found no feed there");
		return;
	}
	if (!y->opt.folder)
		return;
	buf_puts(&form, "ac=edit&s=");
	sync_urlencode(&form, stream);
	buf_puts(&form, "&a=");
	sync_urlencode(&form, "user/-/label/");
	sync_urlencode(&form, y->opt.folder);
	edit(y, "putting the feed into its folder", buf_cstr(&form));
	buf_free(&form);
}

static void
quickadd(struct sync *y)
{
	struct buf form = {0};

	buf_puts(&form, "quickadd=");
	sync_urlencode(&form, y->opt.subscribe);
	sync_call(y, "subscribing", GR_API "subscription/quickadd?output=json", buf_cstr(&form),
		  SYNC_TOKEN, added);
	buf_free(&form);
}

static void
subscribe(struct sync *y, const char *url, const char *folder)
{
	if (gr(y)->token)
		quickadd(y);
	else
		ask_token(y, quickadd);
}

static void
unsubscribe_now(struct sync *y)
{
	struct gr *g = gr(y);
	struct buf form = {0};

	buf_puts(&form, "ac=unsubscribe&s=");
	sync_urlencode(&form, g->unsubscribe);
	edit(y, "unsubscribing", buf_cstr(&form));
	buf_free(&form);
}

static void
unsubscribe(struct sync *y, const char *remote)
{
	free(gr(y)->unsubscribe);
	gr(y)->unsubscribe = xstrdup(remote);
	if (gr(y)->token)
		unsubscribe_now(y);
	else
		ask_token(y, unsubscribe_now);
}

const struct sync_ops sync_greader_ops = {
	.name = "greader",
	.content_type = "application/x-www-form-urlencoded",
	.init = gr_init,
	.free = gr_free,
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
