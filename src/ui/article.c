/* The article view: header, body and numbered links, as a pager of wrapped lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/fulltext.h"
#include "byline/mem.h"
#include "byline/text.h"
#include "byline/render.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

struct line {
	char *text;
	enum elem el;
};

struct article {
	int64_t rowid;
	int64_t feed_id;
	char *feed_title;
	bool read, starred;
	struct item it;
	struct line *lines;	/* the header */
	size_t nlines;
	struct render_doc *doc;	/* the body and its links, rendered to the width */
	char *full;		/* the whole article from its web page (stored), or NULL */
	const char *full_html;	/* full's HTML, after the page's own metadata */
	struct fulltext_meta page;	/* the page's own title, author, date (NULL, BL_NO_DATE: the feed's) */
	bool show_full;		/* full is shown in place of the feed's text */
	bool waiting;		/* its page is on its way */
};

static struct article *
priv(const struct view *v)
{
	return v->priv;
}

static void
add_line(struct article *ar, const char *text, size_t n, enum elem el)
{
	ar->lines = xreallocarray(ar->lines, ar->nlines + 1, sizeof(*ar->lines));
	ar->lines[ar->nlines++] = (struct line){ xstrndup(text, n), el };
}

/* Adds `text` wrapped to the width, each line after a label's worth of indent. */
static void
add_wrapped(struct article *ar, const char *label, const char *text, int width, enum elem el)
{
	char *w = text_wrap_string(text, strlen(text), width, label, label ? "        " : NULL,
				   TEXT_EMOJI_SAFE);
	const char *p = w, *nl;

	while ((nl = strchr(p, '\n'))) {
		add_line(ar, p, (size_t)(nl - p), el);
		p = nl + 1;
	}
	free(w);
}

static void
lines_clear(struct article *ar)
{
	size_t i;

	for (i = 0; i < ar->nlines; i++)
		free(ar->lines[i].text);
	free(ar->lines);
	ar->lines = NULL;
	ar->nlines = 0;
}

/* "Media:  [E1] audio/mpeg, 24.5 MB, 42:10 (d downloads, P plays)" and its URL, for each. */
static void
add_enclosures(struct article *ar, int width)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < ar->it.nenclosures; i++) {
		buf_reset(&b);
		buf_printf(&b, "[E%zu] ", i + 1);
		render_enclosure_describe(&ar->it.enclosures[i], &b);
		add_wrapped(ar, i ? "        " : "Media:  ", buf_cstr(&b), width, EL_HEADER);
		if (ar->it.enclosures[i].url)
			add_wrapped(ar, "        ", ar->it.enclosures[i].url, width, EL_LINK);
	}
	buf_free(&b);
}

static void
build_header(struct view *v, int width)
{
	struct article *ar = priv(v);
	/* reader mode: the page's own title, author and date where it gives them */
	bool page = ar->show_full && ar->full;
	const char *title = page && ar->page.title ? ar->page.title : ar->it.title;
	const char *author = page && ar->page.author ? ar->page.author : ar->it.author;
	char date[64] = "";
	time_t t = (time_t)(page && ar->page.published != BL_NO_DATE ? ar->page.published
			    : ar->it.published != BL_NO_DATE ? ar->it.published : ar->it.updated);
	struct tm tm;

	lines_clear(ar);
	if (t != (time_t)BL_NO_DATE && localtime_r(&t, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M", &tm);
	add_wrapped(ar, "Feed:   ", ar->feed_title ? ar->feed_title : "", width, EL_HEADER);
	add_wrapped(ar, "Title:  ", title ? title : "(no title)", width, EL_HEADER);
	if (author)
		add_wrapped(ar, "Author: ", author, width, EL_HEADER);
	if (*date)
		add_wrapped(ar, "Date:   ", date, width, EL_HEADER);
	if (ar->it.link)
		add_wrapped(ar, "Link:   ", ar->it.link, width, EL_LINK);
	add_enclosures(ar, width);
	add_line(ar, "", 0, EL_NORMAL);
}

static void
build_lines(struct view *v)
{
	struct article *ar = priv(v);
	int width = v->width > 20 ? v->width - 1 : 20;
	const char *html = ar->show_full && ar->full ? ar->full_html
			   : ar->it.content ? ar->it.content : ar->it.summary;
	struct render_opts opts = { .width = width, .base = ar->it.link };
	struct bl_err err;

	build_header(v, width);
	render_free(&ar->doc);
	if (!(ar->doc = render_html(html ? html : "", html ? strlen(html) : 0, &opts, &err)))
		app_message(v->app, true, "%s", err.msg);
	view_set_rows(v, (int64_t)(ar->nlines + (ar->doc ? render_nlines(ar->doc) : 0)));
}

static enum elem
span_elem(unsigned style)
{
	if (style & RS_LINK)
		return EL_LINK;
	if (style & RS_CODE)
		return EL_CODE;
	if (style & RS_QUOTE)
		return EL_QUOTE;
	if (style & (RS_HEADING | RS_BOLD))
		return EL_HEADER;
	return EL_NORMAL;
}

static void
article_draw_row(struct view *v, struct draw *d, int64_t row)
{
	struct article *ar = priv(v);
	const struct render_line *l;
	size_t i;

	if ((size_t)row < ar->nlines) {
		draw_text(d, ar->lines[row].text, ar->lines[row].el);
		return;
	}
	l = render_line_at(ar->doc, (size_t)row - ar->nlines);
	for (i = 0; l && i < l->nspans; i++)
		draw_text(d, l->spans[i].text, span_elem(l->spans[i].style));
}

static void
article_title(struct view *v, struct buf *out)
{
	struct article *ar = priv(v);

	buf_printf(out, "%s%s%s", ar->feed_title ? ar->feed_title : "",
		   ar->feed_title ? ": " : "", ar->it.title ? ar->it.title : "(no title)");
}

static void
article_status(struct view *v, struct buf *out)
{
	struct article *ar = priv(v);
	int64_t bottom = v->top + v->height;

	buf_printf(out, "%s%s%s%lld%%",
		   ar->waiting ? "fetching the whole article  " : ar->show_full ? "full text  " : "",
		   ar->starred ? "starred  " : "",
		   ar->read ? "" : "unread  ",
		   (long long)(v->nrows ? (bottom > v->nrows ? v->nrows : bottom) * 100 / v->nrows
				       : 100));
}

/* toggle-read, toggle-star: the flag shown in the status line follows. */
static enum act_result
toggle(struct view *v, enum action act, int key)
{
	struct article *ar = priv(v);
	bool star = act == ACT_TOGGLE_STAR;
	bool *flag = star ? &ar->starred : &ar->read;
	enum act_result r = view_toggle_flag(v, ar->rowid, star, *flag);

	if (r == AR_HANDLED)
		*flag = !*flag;
	return r;
}

static void
link_chosen(struct app *a, const char *text)
{
	struct view *v = app_top(a);
	struct article *ar;
	long n;
	char *end;

	if (!text || !article_view_is(v))
		return;
	ar = priv(v);
	size_t nlinks = ar->doc ? render_nlinks(ar->doc) : 0;
	n = strtol(text, &end, 10);
	if (*end || n < 1 || (size_t)n > nlinks) {
		app_message(a, true, "no link %s: this article has %zu links", text, nlinks);
		return;
	}
	app_open_url(a, render_link_at(ar->doc, (size_t)n - 1)->url);
}

static enum act_result
open_in_browser(struct view *v, enum action act, int key)
{
	return app_open_url(v->app, priv(v)->it.link);
}

/* follow-link: asks for the link's number; a digit key starts it. */
static enum act_result
follow_link(struct view *v, enum action act, int key)
{
	char digit[8] = "";

	if (key >= '0' && key <= '9')
		digit[0] = (char)key;
	app_prompt(v->app, "Follow link: ", digit, link_chosen);
	return AR_HANDLED;
}

/* The stored full text, split into the page's own metadata and its HTML. */
static enum bl_status
load_full(struct article *ar, struct store *s, struct bl_err *err)
{
	enum bl_status st;

	free(ar->full);
	fulltext_meta_clear(&ar->page);
	ar->full_html = NULL;
	st = store_fulltext_get(s, ar->rowid, &ar->full, err);
	if (ar->full)
		ar->full_html = store_fulltext_unpack(ar->full, &ar->page);
	return st;
}

/* The body shown again from its first line (the full text or the feed's). */
static void
body_switched(struct view *v)
{
	build_lines(v);
	v->top = 0;
	view_select(v, 0);
	app_changed(v->app, CH_VIEW);
}

/* fulltext: the stored full text and the feed's text in turn; fetched first when there is none. */
static enum act_result
fulltext(struct view *v, enum action act, int key)
{
	struct article *ar = priv(v);

	if (ar->full) {
		ar->show_full = !ar->show_full;
		body_switched(v);
		app_message(v->app, false, ar->show_full ? "the whole article, from its web page"
							  : "the feed's text of the article");
	} else if (!ar->it.link) {
		app_message(v->app, true, "this article has no link: there is no web page to fetch");
	} else if (!fulltext_url_ok(ar->it.link)) {
		app_message(v->app, true, "the article's link is no web address (http or https): "
			    "there is no web page to fetch");
	} else if (!ar->waiting) {
		ar->waiting = true;
		app_fulltext_fetch(v->app, ar->rowid, ar->it.link);
	}
	return AR_HANDLED;
}

static const view_action_fn article_actions[ACT_COUNT] = {
	[ACT_OPEN] = view_act_nothing,	/* already open */
	[ACT_TOGGLE_READ] = toggle,
	[ACT_TOGGLE_STAR] = toggle,
	[ACT_OPEN_IN_BROWSER] = open_in_browser,
	[ACT_FOLLOW_LINK] = follow_link,
	[ACT_FULLTEXT] = fulltext,
};

static void
article_resize(struct view *v)
{
	double at = v->nrows ? (double)v->top / (double)v->nrows : 0;

	build_lines(v);
	v->top = (int64_t)(at * (double)v->nrows);
	view_select(v, v->top);
}

/* The article itself does not change under the reader; its full text may come. */
static void
article_reload(struct view *v)
{
	struct article *ar = priv(v);
	struct bl_err err;

	if (!ar->waiting)
		return;
	if (load_full(ar, v->app->store, &err))
		app_message(v->app, true, "%s", err.msg);
	if (ar->full) {
		ar->waiting = false;
		ar->show_full = true;
		body_switched(v);
	} else if (!app_fulltext_pending(v->app, ar->rowid)) {
		ar->waiting = false;
		app_changed(v->app, CH_STATUS);
	}
}

static void
article_destroy(struct view *v)
{
	struct article *ar = priv(v);

	lines_clear(ar);
	render_free(&ar->doc);
	free(ar->full);
	fulltext_meta_clear(&ar->page);
	free(ar->feed_title);
	item_clear(&ar->it);
	free(ar);
}

static const struct view_ops article_ops = {
	.name = "article",
	.pager = true,
	.draw_row = article_draw_row,
	.title = article_title,
	.status = article_status,
	.actions = article_actions,
	.reload = article_reload,
	.resize = article_resize,
	.destroy = article_destroy,
};

bool
article_view_is(const struct view *v)
{
	return v && v->ops == &article_ops;
}

int64_t
article_view_rowid(const struct view *v)
{
	return priv(v)->rowid;
}

const struct item *
article_view_item(const struct view *v, const char **feed_title, int64_t *rowid)
{
	*feed_title = priv(v)->feed_title;
	*rowid = priv(v)->rowid;
	return &priv(v)->it;
}

int64_t
article_view_feed(const struct view *v)
{
	return priv(v)->feed_id;
}

/* An article view of r, `w` x `h`; marks the article read when `open`. */
static struct view *
article_create(struct app *a, const struct item_row *r, bool open, int w, int h)
{
	struct view *v = xmalloc(sizeof(*v));
	struct article *ar = xcalloc(1, sizeof(*ar));
	struct bl_err err;

	ar->rowid = r->rowid;
	ar->feed_id = r->feed_id;
	ar->feed_title = xstrdup_null(r->feed_title);
	ar->starred = r->starred;
	ar->read = r->read;
	view_init(v, &article_ops, a, ar);
	if (store_item_get(a->store, r->rowid, &ar->it, &err))
		app_message(a, true, "%s", err.msg);
	/* A full text fetched before is there at once, offline too. */
	if (load_full(ar, a->store, &err))
		app_message(a, true, "%s", err.msg);
	ar->show_full = ar->full != NULL;
	ar->waiting = app_fulltext_pending(a, r->rowid);
	/* Opening an article marks it read. */
	if (open && !r->read) {
		ar->read = true;
		if (store_set_read(a->store, r->rowid, true, &err))
			app_message(a, true, "%s", err.msg);
		app_changed(a, CH_DATA);
	}
	v->width = w;
	v->height = h;
	build_lines(v);
	return v;
}

struct view *
article_view_create(struct app *a, const struct item_row *r)
{
	return article_create(a, r, true, 80, 1);
}

struct view *
article_preview_create(struct app *a, const struct item_row *r, int w, int h)
{
	return article_create(a, r, false, w, h);
}
