/* The articles view: a window over a store query (a feed, a virtual list, a search). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "byline/query.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

#define SCAN_CHUNK 256

struct articles {
	struct item_filter flt;
	char *search;		/* owned copy of flt.search */
	int64_t *feed_ids;	/* owned copy of flt.feed_ids */
	struct query *query;	/* the list's own query (a search), or NULL */
	struct query *filter;	/* the filter of F, or NULL */
	struct query *both;	/* query and filter together, when both are set */
	char *title;
	int64_t key;		/* for remembered positions; 0 = none */
	bool mixed;		/* rows from several feeds: show the feed's name */
	/* The rows fetched: [off, off + n). Only what is on screen, plus a margin. */
	struct item_row *rows;
	size_t n, cap;
	int64_t off;
};

static struct articles *
priv(const struct view *v)
{
	return v->priv;
}

static void
cache_clear(struct articles *ar)
{
	size_t i;

	for (i = 0; i < ar->n; i++)
		item_row_clear(&ar->rows[i]);
	ar->n = 0;
}

/* Fetches `limit` rows from `off` into the cache. */
static void
cache_fill(struct view *v, int64_t off, size_t limit)
{
	struct articles *ar = priv(v);
	struct bl_err err;

	cache_clear(ar);
	if (off < 0)
		off = 0;
	if (limit > ar->cap) {
		ar->rows = xreallocarray(ar->rows, limit, sizeof(*ar->rows));
		ar->cap = limit;
	}
	memset(ar->rows, 0, limit * sizeof(*ar->rows));
	ar->off = off;
	if (store_list(v->app->store, &ar->flt, off, limit, ar->rows, &ar->n, &err)) {
		ar->n = 0;
		app_message(v->app, true, "%s", err.msg);
	}
}

/* The row at `row`, fetching a window around it when needed; NULL past the end. */
static struct item_row *
row_at(struct view *v, int64_t row, int dir)
{
	struct articles *ar = priv(v);
	size_t win = (size_t)(v->height > 0 ? v->height : 1) * 3;

	if (row < 0 || row >= v->nrows)
		return NULL;
	if (row < ar->off || row >= ar->off + (int64_t)ar->n) {
		if (dir > 0)
			cache_fill(v, row, SCAN_CHUNK);
		else if (dir < 0)
			cache_fill(v, row - SCAN_CHUNK + 1, SCAN_CHUNK);
		else
			cache_fill(v, row - (int64_t)win / 3, win);
	}
	if (row < ar->off || row >= ar->off + (int64_t)ar->n)
		return NULL;
	return &ar->rows[row - ar->off];
}

static void
format_date(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || !localtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d", &tm))
		snprintf(buf, size, "%10s", "");
}

static void
articles_draw_row(struct view *v, struct draw *d, int64_t row)
{
	struct articles *ar = priv(v);
	struct item_row *r = row_at(v, row, 0);
	char date[32];

	if (!r)
		return;
	format_date(r->date, date, sizeof(date));
	draw_fixed(d, "", 1, EL_NORMAL);
	draw_fixed(d, date, 11, EL_DATE);
	draw_fixed(d, r->read ? "" : "N", 1, EL_UNREAD);
	draw_fixed(d, r->starred ? "*" : "", 2, EL_STARRED);
	if (ar->mixed && draw_left(d) > 40) {
		draw_fixed(d, r->feed_title ? r->feed_title : "", 16, EL_FEED);
		draw_fixed(d, "", 1, EL_NORMAL);
	}
	/* Truncated by display width and padded: the right edge stays straight in any script. */
	draw_fixed(d, r->title && *r->title ? r->title : "(no title)", draw_left(d),
		   r->read ? EL_NORMAL : EL_UNREAD);
}

static void
articles_title(struct view *v, struct buf *out)
{
	buf_puts(out, priv(v)->title);
}

static void
articles_status(struct view *v, struct buf *out)
{
	struct articles *ar = priv(v);

	if (ar->filter)
		buf_printf(out, "filter: %s  ", ar->filter->src);
	if (v->nrows == 0)
		buf_puts(out, ar->flt.search || ar->flt.query ? "no article matches" : "no articles");
	else
		buf_printf(out, "%lld/%lld", (long long)v->sel + 1, (long long)v->nrows);
}

const struct item_row *
articles_view_selected_row(struct view *v)
{
	return row_at(v, v->sel, 0);
}

int64_t
articles_view_selected(struct view *v)
{
	struct item_row *r = row_at(v, v->sel, 0);

	return r ? r->rowid : 0;
}

static void
articles_reload(struct view *v)
{
	struct articles *ar = priv(v);
	int64_t rowid = articles_view_selected(v), n = 0, pos = -1;
	int screen_row = (int)(v->sel - v->top);

	cache_clear(ar);
	ar->off = 0;
	if (store_count(v->app->store, &ar->flt, &n, NULL))
		n = 0;
	view_set_rows(v, n);
	/* The cursor stays on the same article, at the same place on screen. */
	if (rowid && !store_position(v->app->store, &ar->flt, rowid, &pos, NULL) && pos >= 0)
		view_select_at(v, pos, screen_row);
	else
		view_select(v, v->sel);
	view_dirty(v);
}

void
articles_view_filter(struct view *v, const char *src)
{
	struct articles *ar = priv(v);
	struct query *f = NULL, *both = NULL;
	char *text;

	if (src && *src && !(f = app_query(v->app, src, "filter")))
		return;	/* the mistake is on the status line; the list stays as it was */
	if (f && ar->query) {
		text = xasprintf("(%s) (%s)", ar->query->src, src);
		both = app_query(v->app, text, "filter");
		free(text);
		if (!both) {	/* too deep together */
			query_free(&f);
			return;
		}
	}
	query_free(&ar->filter);
	query_free(&ar->both);
	ar->filter = f;
	ar->both = both;
	ar->flt.query = both ? both : f ? f : ar->query;
	articles_reload(v);
	app_changed(v->app, CH_VIEW);
	if (f && v->nrows == 0)
		app_message(v->app, false, "no article of this list matches '%s'", src);
	else if (!f)
		app_message(v->app, false, "filter cleared");
}

const char *
articles_view_filter_text(const struct view *v)
{
	return priv(v)->filter ? priv(v)->filter->src : NULL;
}

bool
articles_view_find_unread(struct view *v, int dir, bool include_current)
{
	int64_t row;
	struct item_row *r;

	for (row = include_current ? v->sel : v->sel + dir; (r = row_at(v, row, dir)); row += dir)
		if (!r->read) {
			view_select(v, row);
			return true;
		}
	return false;
}

bool
articles_view_select_edge_unread(struct view *v, int dir)
{
	view_select(v, dir > 0 ? 0 : v->nrows - 1);
	return articles_view_find_unread(v, dir, true);
}

/* toggle-read, toggle-star of the selected article. */
static enum act_result
toggle(struct view *v, enum action act, int key)
{
	struct item_row *r = row_at(v, v->sel, 0);
	bool star = act == ACT_TOGGLE_STAR;

	if (!r)
		return AR_NOT_MINE;
	return view_toggle_flag(v, r->rowid, star, star ? r->starred : r->read);
}

static enum act_result
mark_all(struct view *v, enum action act, int key)
{
	struct articles *ar = priv(v);
	int64_t *ids = NULL;
	size_t n = 0;
	struct bl_err err;

	if (store_mark_all_read(v->app->store, &ar->flt, &ids, &n, &err)) {
		app_message(v->app, true, "%s", err.msg);
		return AR_ERROR;
	}
	app_undo_push(v->app, ids, n, false, false);
	free(ids);
	app_message(v->app, false, "%zu articles marked read (u undoes)", n);
	app_changed(v->app, CH_DATA);
	return AR_HANDLED;
}

static enum act_result
open_article(struct view *v, enum action act, int key)
{
	struct item_row *r = row_at(v, v->sel, 0);

	if (!r)
		return AR_NOT_MINE;
	app_push(v->app, article_view_create(v->app, r));
	return AR_HANDLED;
}

static enum act_result
open_in_browser(struct view *v, enum action act, int key)
{
	struct item_row *r = row_at(v, v->sel, 0);

	return r ? app_open_url(v->app, r->link) : AR_NOT_MINE;
}

static const view_action_fn articles_actions[ACT_COUNT] = {
	[ACT_OPEN] = open_article,
	[ACT_TOGGLE_READ] = toggle,
	[ACT_TOGGLE_STAR] = toggle,
	[ACT_MARK_ALL_READ] = mark_all,
	[ACT_OPEN_IN_BROWSER] = open_in_browser,
};

static void
articles_destroy(struct view *v)
{
	struct articles *ar = priv(v);
	int64_t rowid = articles_view_selected(v);

	if (ar->key && rowid)
		app_pos_save(v->app, ar->key, rowid);
	cache_clear(ar);
	free(ar->rows);
	free(ar->search);
	free(ar->feed_ids);
	query_free(&ar->query);
	query_free(&ar->filter);
	query_free(&ar->both);
	free(ar->title);
	free(ar);
}

static const struct view_ops articles_ops = {
	.name = "articles",
	.draw_row = articles_draw_row,
	.title = articles_title,
	.status = articles_status,
	.actions = articles_actions,
	.reload = articles_reload,
	.destroy = articles_destroy,
};

bool
articles_view_is(const struct view *v)
{
	return v && v->ops == &articles_ops;
}

int64_t
articles_view_feed(const struct view *v)
{
	return priv(v)->flt.feed_id;
}

struct view *
articles_view_create(struct app *a, const struct item_filter *f, const char *title,
		     int64_t key)
{
	struct view *v = xmalloc(sizeof(*v));
	struct articles *ar = xcalloc(1, sizeof(*ar));
	int64_t n = 0, pos = -1, rowid;

	ar->flt = *f;
	ar->search = xstrdup_null(f->search);
	ar->flt.search = ar->search;
	if (f->feed_ids) {
		ar->feed_ids = xcalloc(f->nfeed_ids + 1, sizeof(*ar->feed_ids));
		memcpy(ar->feed_ids, f->feed_ids, f->nfeed_ids * sizeof(*ar->feed_ids));
		ar->flt.feed_ids = ar->feed_ids;
	}
	if (f->query)	/* a copy of its own, the caller's goes */
		ar->flt.query = ar->query = app_query(a, f->query->src, "search");
	ar->title = xstrdup(title);
	ar->key = key;
	ar->mixed = f->feed_id == 0;
	view_init(v, &articles_ops, a, ar);
	if (store_count(a->store, &ar->flt, &n, NULL))
		n = 0;
	view_set_rows(v, n);
	/* Each list remembers where it was. */
	if (key && (rowid = app_pos_get(a, key)) &&
	    !store_position(a->store, &ar->flt, rowid, &pos, NULL) && pos >= 0)
		v->sel = pos;
	return v;
}
