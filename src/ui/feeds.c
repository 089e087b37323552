/* The feeds view: virtual lists (and the config's query lines), then every feed in config order with counts and tags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/clock.h"
#include "byline/mem.h"
#include "byline/query.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

/* "All unread", "Starred", then a row for each query line of the config. */
#define NVIRTUAL (2 + (int64_t)priv(v)->nq)
#define KEY_ALL_UNREAD (-1)
#define KEY_STARRED (-2)
#define KEY_QUERY(i) (-3 - (int64_t)(i))

/* A query line of the config: a virtual feed. */
struct query_entry {
	const struct config_query *cq;
	struct query *q;	/* NULL when it no longer parses (cannot happen: the config checked it) */
	struct feed_counts counts;
	bool known;		/* counts were made once (until then the row shows none) */
	bool stale;		/* counts to make again (feeds_view_count_step) */
};

struct feeds {
	struct feed_entry *e;
	struct feed_entry **by_url;	/* the entries sorted by URL */
	size_t n;
	struct query_entry *qe;
	size_t nq;
	int64_t all_unread, all_total, starred;
	int countw;		/* the widest feed's "unread/total", for narrow rows */
	int64_t loaded_ms;	/* when the rows were loaded (the query lines' counts follow) */
};

/*
 * The query lines' counts start this long after a load: the screen is
 * written by then, and the terminal, which needs the processor to show
 * it, is not kept waiting by a count that reads the store.
 */
#define COUNTS_AFTER_MS 30

static struct feeds *
priv(struct view *v)
{
	return v->priv;
}

/* Entries in URL order, to find a feed row's entries (the config may name a URL twice). */
static int
entry_cmp(const void *a, const void *b)
{
	return strcmp((*(struct feed_entry *const *)a)->cf->url,
		      (*(struct feed_entry *const *)b)->cf->url);
}

/* One stored feed: every entry of its URL takes its id, title, error and counts. */
static void
entry_fill(void *ud, const struct feed_row *r)
{
	struct feeds *f = ud;
	struct config_feed key_cf = { .url = (char *)r->url };
	struct feed_entry key = { .cf = &key_cf }, *kp = &key, **hit;
	size_t i;

	hit = bsearch(&kp, f->by_url, f->n, sizeof(*f->by_url), entry_cmp);
	if (!hit)
		return;
	for (i = (size_t)(hit - f->by_url); i > 0 && !strcmp(f->by_url[i - 1]->cf->url, r->url);)
		i--;
	for (; i < f->n && !strcmp(f->by_url[i]->cf->url, r->url); i++) {
		struct feed_entry *fe = f->by_url[i];

		fe->id = r->id;
		/* The config's title="..." wins, then the feed's own, then the URL. */
		fe->title = xstrdup(fe->cf->title ? fe->cf->title : r->title && *r->title ? r->title
											   : fe->cf->url);
		fe->error = xstrdup_null(r->last_error);
		fe->error_at = r->last_error_at;
		fe->last_ok = r->last_fetch;
		fe->counts = r->counts;
	}
}

/* The width of "unread/total" of c. */
static int
compact_width(const struct feed_counts *c)
{
	char buf[48];

	return snprintf(buf, sizeof(buf), "%lld/%lld", (long long)c->unread, (long long)c->total);
}

static void
feeds_load(struct view *v)
{
	struct feeds *f = priv(v);
	struct item_filter flt = { .unread_only = true };
	struct feed_entry *fe;
	size_t i;

	for (i = 0; i < f->n; i++) {
		fe = &f->e[i];
		free(fe->title);
		free(fe->error);
		fe->title = fe->error = NULL;
		fe->id = fe->error_at = fe->last_ok = 0;
		memset(&fe->counts, 0, sizeof(fe->counts));
	}
	/* One read of the feed table; a feed never refreshed has no row (reading creates none). */
	store_feed_rows(v->app->store, entry_fill, f, NULL);
	for (i = 0; i < f->n; i++)
		if (!f->e[i].title)
			f->e[i].title = xstrdup(f->e[i].cf->title ? f->e[i].cf->title
								  : f->e[i].cf->url);
	store_count(v->app->store, &flt, &f->all_unread, NULL);
	flt = (struct item_filter){ .starred_only = true };
	store_count(v->app->store, &flt, &f->starred, NULL);
	flt = (struct item_filter){ 0 };
	store_count(v->app->store, &flt, &f->all_total, NULL);
	f->countw = 0;
	for (i = 0; i < f->n; i++)
		if (compact_width(&f->e[i].counts) > f->countw)
			f->countw = compact_width(&f->e[i].counts);
	/* The query lines are counted after the paint, one a turn of the loop (feeds_view_count_step). */
	if (feeds_view_counts_due_in(v) < 0)	/* reloads in a row do not put the counts off */
		f->loaded_ms = clock_ms();
	for (i = 0; i < f->nq; i++)
		f->qe[i].stale = true;
	view_set_rows(v, (int64_t)(NVIRTUAL + f->n));
}

bool
feeds_view_count_step(struct view *v)
{
	struct feeds *f = priv(v);
	struct query_entry *qe;
	struct item_filter flt;
	size_t i;

	for (i = 0; i < f->nq && !f->qe[i].stale; i++)
		;
	if (i == f->nq || feeds_view_counts_due_in(v))
		return false;
	qe = &f->qe[i];
	qe->stale = false;
	qe->known = true;
	memset(&qe->counts, 0, sizeof(qe->counts));
	flt = (struct item_filter){ .query = qe->q };
	if (qe->q && !store_count(v->app->store, &flt, &qe->counts.total, NULL)) {
		flt.unread_only = true;
		store_count(v->app->store, &flt, &qe->counts.unread, NULL);
	}
	view_dirty(v);
	return true;
}

int
feeds_view_counts_due_in(struct view *v)
{
	struct feeds *f = priv(v);
	int64_t left = f->loaded_ms + COUNTS_AFTER_MS - clock_ms();
	size_t i;

	for (i = 0; i < f->nq && !f->qe[i].stale; i++)
		;
	if (i == f->nq)
		return -1;
	return left <= 0 ? 0 : left < COUNTS_AFTER_MS ? (int)left : COUNTS_AFTER_MS;
}

static void
draw_counts(struct draw *d, int64_t unread, int64_t total, bool show_total)
{
	char buf[48];

	if (show_total)
		snprintf(buf, sizeof(buf), "%7lld/%-7lld", (long long)unread, (long long)total);
	else
		snprintf(buf, sizeof(buf), "%7lld%8s", (long long)unread, "");
	draw_fixed(d, buf, 16, EL_FEED);
}

static void
tags_text(const struct config_feed *cf, struct buf *b)
{
	size_t i;

	for (i = 0; i < cf->ntags; i++)
		buf_printf(b, "%s%s", i ? " " : "[", cf->tags[i]);
	if (cf->ntags)
		buf_puts(b, "]");
}

/* Below this width a feed's row is its marker, its title and compact counts (tags: Tab). */
#define FEEDS_NARROW 60

/* "12/340" right-aligned in `cols` columns, at the end of the row. */
static void
draw_compact_counts(struct draw *d, const struct feed_counts *c, int cols)
{
	char buf[48];
	int w = snprintf(buf, sizeof(buf), "%lld/%lld", (long long)c->unread, (long long)c->total);

	draw_fixed(d, "", cols - w, EL_FEED);
	draw_fixed(d, buf, w, EL_FEED);
}

static void
feeds_draw_row(struct view *v, struct draw *d, int64_t row)
{
	struct feeds *f = priv(v);
	bool narrow = d->w < FEEDS_NARROW;

	if (row < NVIRTUAL) {
		struct feed_counts c = { row == 0 ? f->all_unread : f->starred, f->all_total };
		const char *name = row == 0 ? "All unread" : "Starred";
		enum elem el = row == 0 && f->all_unread ? EL_UNREAD :
			       row == 1 ? EL_STARRED : EL_NORMAL;
		bool show_total = row != 1;	/* Starred shows its own count only */
		int cw;

		if (row >= 2) {	/* a query line */
			struct query_entry *qe = &f->qe[row - 2];

			c = qe->counts;
			name = qe->cq->name;
			el = c.unread ? EL_UNREAD : EL_NORMAL;
			show_total = qe->known;	/* not yet counted: no figure rather than 0 */
		}
		draw_fixed(d, "", 2, EL_NORMAL);
		if (!narrow) {
			if (row < 2 || show_total)
				draw_counts(d, c.unread, c.total, show_total);
			else
				draw_fixed(d, "", 16, EL_FEED);
			draw_text(d, name, el);
			return;
		}
		cw = compact_width(&c) > f->countw ? compact_width(&c) : f->countw;
		draw_fixed_ellipsis(d, name, draw_left(d) - cw - 1, el);
		draw_fixed(d, "", 1, EL_NORMAL);
		if (show_total)
			draw_compact_counts(d, &c, draw_left(d));
		else
			draw_fixed(d, "", draw_left(d), EL_NORMAL);
		return;
	}
	struct feed_entry *fe = &f->e[row - NVIRTUAL];
	struct buf tags = {0};
	int titlew;
	enum elem el = fe->counts.unread ? EL_UNREAD : EL_NORMAL;

	draw_fixed(d, fe->error ? "!" : "", 2, EL_ERROR);
	if (narrow) {	/* the title gets what the counts leave */
		draw_fixed_ellipsis(d, fe->title, draw_left(d) - f->countw - 1, el);
		draw_fixed(d, "", 1, EL_NORMAL);
		draw_compact_counts(d, &fe->counts, draw_left(d));
		return;
	}
	draw_counts(d, fe->counts.unread, fe->counts.total, true);
	tags_text(fe->cf, &tags);
	titlew = draw_left(d) - draw_width(buf_cstr(&tags)) - 1;
	if (titlew < draw_left(d) / 2)
		titlew = draw_left(d) / 2;
	draw_fixed_ellipsis(d, fe->title, titlew, el);
	draw_fixed(d, "", 1, EL_NORMAL);
	draw_text(d, buf_cstr(&tags), EL_FEED);
	buf_free(&tags);
}

static void
feeds_title(struct view *v, struct buf *out)
{
	buf_printf(out, "Feeds (%zu)", priv(v)->n);
}

static void
feeds_status(struct view *v, struct buf *out)
{
	struct feeds *f = priv(v);

	if (v->sel >= 2 && v->sel < NVIRTUAL)
		buf_printf(out, "%s: %s", f->qe[v->sel - 2].cq->name, f->qe[v->sel - 2].cq->expr);
	else if (v->sel >= NVIRTUAL && f->e[v->sel - NVIRTUAL].error)
		buf_printf(out, "%s: %s", f->e[v->sel - NVIRTUAL].cf->url,
			   f->e[v->sel - NVIRTUAL].error);
	else
		buf_printf(out, "%lld unread of %lld", (long long)f->all_unread,
			   (long long)f->all_total);
	if (!v->app->cfg->path && v->sel < NVIRTUAL) {	/* first run: where the feeds go */
		buf_puts(out, "; ");
		app_config_hint(v->app, out);
	}
}

/* The filter, title and position key of a row. */
static void
row_list(struct view *v, int64_t row, struct item_filter *flt, struct buf *title, int64_t *key)
{
	struct feeds *f = priv(v);

	memset(flt, 0, sizeof(*flt));
	buf_reset(title);
	if (row == 0) {
		flt->unread_only = true;
		buf_puts(title, "All unread");
		*key = KEY_ALL_UNREAD;
	} else if (row == 1) {
		flt->starred_only = true;
		buf_puts(title, "Starred");
		*key = KEY_STARRED;
	} else if (row < NVIRTUAL) {
		flt->query = f->qe[row - 2].q;
		buf_puts(title, f->qe[row - 2].cq->name);
		*key = KEY_QUERY(row - 2);
	} else {
		flt->feed_id = f->e[row - NVIRTUAL].id;
		buf_puts(title, f->e[row - NVIRTUAL].title);
		*key = flt->feed_id;
	}
}

/* open: the article list of the selected row. */
static enum act_result
open_row(struct view *v, enum action act, int key)
{
	struct item_filter flt;
	struct buf title = {0};
	int64_t list_key;

	row_list(v, v->sel, &flt, &title, &list_key);
	app_push(v->app, articles_view_create(v->app, &flt, buf_cstr(&title), list_key));
	buf_free(&title);
	return AR_HANDLED;
}

bool
feeds_view_step_unread(struct view *v, int dir, bool include_current, struct item_filter *flt,
		       struct buf *title, int64_t *key)
{
	struct feeds *f = priv(v);
	int64_t row = include_current ? v->sel : v->sel + dir;

	if (row < NVIRTUAL)	/* from the virtual lists, the feeds start at the first */
		row = dir > 0 ? NVIRTUAL : -1;
	for (; row >= NVIRTUAL && row < v->nrows; row += dir)
		if (f->e[row - NVIRTUAL].counts.unread > 0) {
			view_select(v, row);
			row_list(v, row, flt, title, key);
			return true;
		}
	return false;
}

static enum act_result
mark_all(struct view *v, enum action act, int key)
{
	struct item_filter flt;
	struct buf title = {0};
	int64_t list_key, *ids = NULL;
	size_t n = 0;
	struct bl_err err;

	row_list(v, v->sel, &flt, &title, &list_key);
	if (store_mark_all_read(v->app->store, &flt, &ids, &n, &err)) {
		app_message(v->app, true, "%s", err.msg);
		buf_free(&title);
		return AR_ERROR;
	}
	app_undo_push(v->app, ids, n, false, false);
	app_message(v->app, false, "%zu articles of %s marked read (u undoes)", n,
		    buf_cstr(&title));
	free(ids);
	buf_free(&title);
	app_changed(v->app, CH_DATA);
	return AR_HANDLED;
}

/* refresh on a feed's row: that feed (on a virtual list the app refreshes every feed). */
static enum act_result
refresh_row(struct view *v, enum action act, int key)
{
	const char *url;

	if (v->sel < NVIRTUAL)
		return AR_NOT_MINE;
	url = priv(v)->e[v->sel - NVIRTUAL].cf->url;
	app_refresh(v->app, &url, 1);
	return AR_HANDLED;
}

static const view_action_fn feeds_actions[ACT_COUNT] = {
	[ACT_OPEN] = open_row,
	[ACT_MARK_ALL_READ] = mark_all,
	[ACT_REFRESH] = refresh_row,
};

static void
feeds_destroy(struct view *v)
{
	struct feeds *f = priv(v);
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->e[i].title);
		free(f->e[i].error);
	}
	free(f->e);
	free(f->by_url);
	for (i = 0; i < f->nq; i++)
		query_free(&f->qe[i].q);
	free(f->qe);
	free(f);
}

static const struct view_ops feeds_ops = {
	.name = "feeds",
	.draw_row = feeds_draw_row,
	.title = feeds_title,
	.status = feeds_status,
	.actions = feeds_actions,
	.reload = feeds_load,
	.destroy = feeds_destroy,
};

struct view *
feeds_view_create(struct app *a)
{
	struct view *v = xmalloc(sizeof(*v));
	struct feeds *f = xcalloc(1, sizeof(*f));
	size_t i;

	f->n = a->cfg->nfeeds;
	f->e = xcalloc(f->n ? f->n : 1, sizeof(*f->e));
	f->by_url = xcalloc(f->n ? f->n : 1, sizeof(*f->by_url));
	for (i = 0; i < f->n; i++) {
		f->e[i].cf = &a->cfg->feeds[i];
		f->by_url[i] = &f->e[i];
	}
	qsort(f->by_url, f->n, sizeof(*f->by_url), entry_cmp);
	f->nq = a->cfg->nqueries;
	f->qe = xcalloc(f->nq ? f->nq : 1, sizeof(*f->qe));
	for (i = 0; i < f->nq; i++) {
		f->qe[i].cq = &a->cfg->queries[i];
		f->qe[i].q = app_query(a, a->cfg->queries[i].expr, a->cfg->queries[i].name);
	}
	view_init(v, &feeds_ops, a, f);
	feeds_load(v);
	return v;
}

const char *
feeds_view_url(struct view *v, int64_t feed_id)
{
	struct feeds *f = priv(v);
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->e[i].id == feed_id)
			return f->e[i].cf->url;
	return NULL;
}

const char *
feeds_view_selected_url(struct view *v)
{
	struct feeds *f = priv(v);

	return v->sel >= NVIRTUAL && v->sel - NVIRTUAL < (int64_t)f->n ?
	       f->e[v->sel - NVIRTUAL].cf->url : NULL;
}

void
feeds_view_select_url(struct view *v, const char *url)
{
	struct feeds *f = priv(v);
	size_t i;

	for (i = 0; url && i < f->n; i++)
		if (!strcmp(f->e[i].cf->url, url))
			view_select(v, (int64_t)(NVIRTUAL + i));
}

size_t
feeds_view_entries(struct view *v, const struct feed_entry **out)
{
	*out = priv(v)->e;
	return priv(v)->n;
}
