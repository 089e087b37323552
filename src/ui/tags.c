/* The tags view: failing feeds first with their reasons, then the feeds by tag (the config's and a sync server's folders) with counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

#define NO_TAG "(no tag)"

/* A row: a group (a tag, "Failed", "(no tag)") or, under "Failed", one feed. */
struct tag_row {
	char *name;		/* the tag, or the feed's title */
	int depth;		/* a tag path's indent under its parent */
	bool feed;		/* a failing feed's row */
	bool failed;		/* the "Failed" group or one of its feeds */
	size_t nfeeds;
	int64_t *ids;		/* the stored feeds of the group (never-stored ones have none) */
	size_t nids;
	struct feed_counts counts;
	char *error;		/* a failing feed's reason */
	int64_t error_at, last_ok;
	char *url;
};

struct tags {
	struct tag_row *r;
	size_t n;
};

static struct tags *
priv(const struct view *v)
{
	return v->priv;
}

static void
rows_clear(struct tags *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->r[i].name);
		free(t->r[i].ids);
		free(t->r[i].error);
		free(t->r[i].url);
	}
	free(t->r);
	t->r = NULL;
	t->n = 0;
}

static struct tag_row *
row_add(struct tags *t, const char *name)
{
	struct tag_row *r;

	t->r = xreallocarray(t->r, t->n + 1, sizeof(*t->r));
	r = &t->r[t->n++];
	memset(r, 0, sizeof(*r));
	r->name = xstrdup(name);
	return r;
}

/*
 * A feed as the view groups it: a feed line of the config, with its tags
 * and, when the feed is synced too, the server's folders; or a synced
 * feed the config does not name, with the folders alone. tag: terms see
 * the same union (store_query.c).
 */
struct tfeed {
	int64_t id;		/* 0: never stored */
	struct feed_counts counts;
	char **tags;		/* owned */
	size_t ntags;
};

struct tfeeds {
	struct tfeed *f;
	size_t n;
	size_t nconfig;		/* f[0..nconfig) are the config's, in its order */
};

static void
tfeed_tag(struct tfeed *f, const char *tag, size_t len)
{
	f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof(*f->tags));
	f->tags[f->ntags++] = xstrndup(tag, len);
}

/* The server's folders, one a line, join the feed's tags. */
static void
tfeed_folders(struct tfeed *f, const char *tags)
{
	const char *p, *nl;

	for (p = tags; p && *p; p = *nl ? nl + 1 : nl) {
		if (!(nl = strchr(p, '\n')))
			nl = p + strlen(p);
		if (nl > p)
			tfeed_tag(f, p, (size_t)(nl - p));
	}
}

/* A stored feed: a synced one's folders join its config lines' tags, or it is a feed of its own. */
static void
stored_feed(void *ud, const struct feed_row *r)
{
	struct tfeeds *t = ud;
	bool named = false;
	size_t i;

	if (!r->sync_tags)
		return;
	for (i = 0; i < t->nconfig; i++)
		if (t->f[i].id == r->id) {
			tfeed_folders(&t->f[i], r->sync_tags);
			named = true;
		}
	if (named)
		return;
	t->f = xreallocarray(t->f, t->n + 1, sizeof(*t->f));
	t->f[t->n] = (struct tfeed){ .id = r->id, .counts = r->counts };
	tfeed_folders(&t->f[t->n++], r->sync_tags);
}

static void
tfeeds_load(struct tfeeds *t, struct store *s, const struct feed_entry *e, size_t n)
{
	size_t i, j;

	t->f = xcalloc(n ? n : 1, sizeof(*t->f));
	t->n = t->nconfig = n;
	for (i = 0; i < n; i++) {
		t->f[i].id = e[i].id;
		t->f[i].counts = e[i].counts;
		for (j = 0; j < e[i].cf->ntags; j++)
			tfeed_tag(&t->f[i], e[i].cf->tags[j], strlen(e[i].cf->tags[j]));
	}
	store_feed_rows(s, stored_feed, t, NULL);	/* none, on an error: the config's tags */
}

static void
tfeeds_free(struct tfeeds *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->f[i].ntags; j++)
			free(t->f[i].tags[j]);
		free(t->f[i].tags);
	}
	free(t->f);
}

/* A feed joins a group: its count, its id (once), its articles. */
static void
group_add(struct tag_row *g, const struct tfeed *fe)
{
	size_t i;

	g->nfeeds++;
	if (!fe->id)
		return;
	for (i = 0; i < g->nids; i++)
		if (g->ids[i] == fe->id)
			return;	/* a URL named twice in the config */
	g->ids = xreallocarray(g->ids, g->nids + 1, sizeof(*g->ids));
	g->ids[g->nids++] = fe->id;
	g->counts.unread += fe->counts.unread;
	g->counts.total += fe->counts.total;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every distinct tag, sorted (a path's parent comes before its children). */
static size_t
all_tags(const struct tfeeds *t, char ***out)
{
	char **tags = NULL;
	size_t i, j, k = 0, m = 0;

	for (i = 0; i < t->n; i++)
		for (j = 0; j < t->f[i].ntags; j++) {
			tags = xreallocarray(tags, k + 1, sizeof(*tags));
			tags[k++] = t->f[i].tags[j];
		}
	if (k)
		qsort(tags, k, sizeof(*tags), str_cmp);
	for (i = 0; i < k; i++)
		if (!m || strcmp(tags[m - 1], tags[i]))
			tags[m++] = tags[i];
	*out = tags;
	return m;
}

/* The feed has the tag, or a tag under it (科技/AI is under 科技: a folder holds its sub-folders). */
static bool
has_tag(const struct tfeed *f, const char *tag)
{
	size_t i, n = strlen(tag);

	for (i = 0; i < f->ntags; i++)
		if (!strncmp(f->tags[i], tag, n) && (!f->tags[i][n] || f->tags[i][n] == '/'))
			return true;
	return false;
}

/* "科技/AI" under a row "科技": its depth, and the name shown is the last part. */
static void
tag_place(struct tag_row *r, char **tags, size_t ntags, const char *tag)
{
	const char *slash = strrchr(tag, '/');
	char *parent;

	if (!slash || slash == tag || !slash[1])
		return;
	parent = xstrndup(tag, (size_t)(slash - tag));
	if (bsearch(&parent, tags, ntags, sizeof(*tags), str_cmp)) {
		const char *p;

		for (p = tag; *p; p++)
			r->depth += *p == '/';
		free(r->name);
		r->name = xstrdup(slash + 1);
	}
	free(parent);
}

static void
tags_load(struct view *v)
{
	struct tags *t = priv(v);
	const struct feed_entry *e;
	size_t n = feeds_view_entries(v->app->stack[0], &e), i, j, ntags;
	struct tfeeds tf;
	struct tag_row *g = NULL, *r;
	char **tags;

	rows_clear(t);
	tfeeds_load(&tf, v->app->store, e, n);
	for (i = 0; i < n; i++) {
		if (!e[i].error)
			continue;
		if (!t->n)	/* rows move as they are added: the group is row 0 */
			row_add(t, "Failed")->failed = true;
		group_add(&t->r[0], &tf.f[i]);
		r = row_add(t, e[i].title);
		r->feed = r->failed = true;
		r->error = xstrdup(e[i].error);
		r->error_at = e[i].error_at;
		r->last_ok = e[i].last_ok;
		r->url = xstrdup(e[i].cf->url);
		group_add(r, &tf.f[i]);
	}
	ntags = all_tags(&tf, &tags);
	for (j = 0; j < ntags; j++) {
		g = row_add(t, tags[j]);
		tag_place(g, tags, ntags, tags[j]);
		for (i = 0; i < tf.n; i++)
			if (has_tag(&tf.f[i], tags[j]))
				group_add(g, &tf.f[i]);
	}
	free(tags);
	for (g = NULL, i = 0; i < tf.n; i++)
		if (!tf.f[i].ntags)
			group_add(g ? g : (g = row_add(t, NO_TAG)), &tf.f[i]);
	tfeeds_free(&tf);
	view_set_rows(v, (int64_t)t->n);
}

/* "15:04" today, else "2026-12-05"; "never" for 0. */
static void
when(int64_t at, char *buf, size_t size)
{
	time_t tt = (time_t)at, now = time(NULL);
	struct tm tm, today;

	if (at <= 0 || !localtime_r(&tt, &tm) || !localtime_r(&now, &today)) {
		snprintf(buf, size, "never");
		return;
	}
	strftime(buf, size, tm.tm_yday == today.tm_yday && tm.tm_year == today.tm_year ?
		 "%H:%M" : "%Y-%m-%d", &tm);
}

static void
tags_draw_row(struct view *v, struct draw *d, int64_t row)
{
	struct tag_row *r = &priv(v)->r[row];
	char right[64];
	int rw, i;

	if (r->feed) {	/* "  ! Title   HTTP 404 ..." */
		draw_fixed(d, "", 2, EL_NORMAL);
		draw_fixed(d, "!", 2, EL_ERROR);
		draw_fixed_ellipsis(d, r->name, draw_left(d) / 3, EL_NORMAL);
		draw_fixed(d, "", 1, EL_NORMAL);
		draw_fixed_ellipsis(d, r->error, draw_left(d), EL_ERROR);
		return;
	}
	rw = snprintf(right, sizeof(right), "%zu feed%s %7lld/%-7lld", r->nfeeds,
		      r->nfeeds == 1 ? " " : "s", (long long)r->counts.unread,
		      (long long)r->counts.total);
	if (d->w < 60)	/* compact: "3 12/340" */
		rw = snprintf(right, sizeof(right), "%zu %lld/%lld", r->nfeeds,
			      (long long)r->counts.unread, (long long)r->counts.total);
	for (i = 0; i < r->depth && draw_left(d) > rw + 4; i++)
		draw_fixed(d, "", 2, EL_NORMAL);
	draw_fixed_ellipsis(d, r->name, draw_left(d) - rw - 1,
			    r->failed ? EL_ERROR : r->counts.unread ? EL_UNREAD : EL_NORMAL);
	draw_fixed(d, "", 1, EL_NORMAL);
	draw_fixed(d, right, rw, EL_FEED);
}

static void
tags_title(struct view *v, struct buf *out)
{
	buf_puts(out, "Tags");
}

static void
tags_status(struct view *v, struct buf *out)
{
	struct tag_row *r;
	char since[32], ok[32];

	if (!v->nrows) {
		buf_puts(out, "no feeds");
		return;
	}
	r = &priv(v)->r[v->sel];
	if (!r->feed) {
		buf_printf(out, "%s: %zu feed%s, %lld unread of %lld", r->name, r->nfeeds,
			   r->nfeeds == 1 ? "" : "s", (long long)r->counts.unread,
			   (long long)r->counts.total);
		return;
	}
	when(r->error_at, since, sizeof(since));
	when(r->last_ok, ok, sizeof(ok));
	buf_printf(out, "%s: %s (failing since %s; last success %s)", r->url, r->error, since, ok);
}

/* open: the articles of every feed of the row, as one list. */
static enum act_result
open_row(struct view *v, enum action act, int key)
{
	static const int64_t none;	/* feeds never stored: a set of none, not every feed */
	struct tag_row *r = &priv(v)->r[v->sel];
	struct item_filter flt = { .feed_ids = r->ids ? r->ids : &none, .nfeed_ids = r->nids };
	struct buf title = {0};

	if (r->feed && r->nids == 1) {
		flt = (struct item_filter){ .feed_id = r->ids[0] };
		buf_puts(&title, r->name);
	} else
		buf_printf(&title, "%s (%zu feed%s)", r->name, r->nfeeds, r->nfeeds == 1 ? "" : "s");
	app_push(v->app, articles_view_create(v->app, &flt, buf_cstr(&title), 0));
	buf_free(&title);
	return AR_HANDLED;
}

static const view_action_fn tags_actions[ACT_COUNT] = {
	[ACT_OPEN] = open_row,
};

static void
tags_destroy(struct view *v)
{
	rows_clear(priv(v));
	free(priv(v));
}

static const struct view_ops tags_ops = {
	.name = "tags",
	.draw_row = tags_draw_row,
	.title = tags_title,
	.status = tags_status,
	.actions = tags_actions,
	.reload = tags_load,
	.destroy = tags_destroy,
};

bool
tags_view_is(const struct view *v)
{
	return v && v->ops == &tags_ops;
}

struct view *
tags_view_create(struct app *a)
{
	struct view *v = xmalloc(sizeof(*v));

	view_init(v, &tags_ops, a, xcalloc(1, sizeof(struct tags)));
	tags_load(v);
	return v;
}
