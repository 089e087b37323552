/* The view framework and the views: what a view is, the list mechanics, each view's entry points. */
#ifndef BYLINE_UI_VIEW_INT_H
#define BYLINE_UI_VIEW_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/keymap.h"
#include "byline/layout.h"
#include "byline/store.h"

struct app;
struct view;
struct draw;

/* A handler's answer: a small closed set. */
enum act_result {
	AR_HANDLED,	/* done; what changed was reported with app_changed() */
	AR_NOT_MINE,	/* fall through to the action's own handler (ACTION_LIST) */
	AR_ERROR,	/* failed; the message is on the status line */
};

/* A view's handler of an action (`act`, run by `key`). */
typedef enum act_result (*view_action_fn)(struct view *v, enum action act, int key);

/* A view: one kind of screen. The framework owns selection and scrolling. */
struct view_ops {
	const char *name;	/* as in `bind VIEW ...` */
	bool pager;		/* rows are lines: moving scrolls, no selection bar */
	/* Draws row `row` (0 <= row < nrows) with the draw_* functions. */
	void (*draw_row)(struct view *v, struct draw *d, int64_t row);
	/* The top line's text. */
	void (*title)(struct view *v, struct buf *out);
	/* Extra status line text for the current row (may be NULL). */
	void (*status)(struct view *v, struct buf *out);
	/*
	 * The view's own handlers, indexed by action (ACT_COUNT entries, may be
	 * NULL): an action without one here, or whose handler answers
	 * AR_NOT_MINE, runs the handler ACTION_LIST gives it.
	 */
	const view_action_fn *actions;
	/* The store changed: recount, keep the selection on the same thing. */
	void (*reload)(struct view *v);
	/* The width changed (pagers rewrap). May be NULL. */
	void (*resize)(struct view *v);
	void (*destroy)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct app *app;
	int64_t nrows;
	int64_t top;		/* first row on screen */
	int64_t sel;		/* selected row (pagers: == top) */
	int height, width;	/* set by the layout */
	bool dirty_all;
	int64_t dirty[4];	/* rows to redraw when !dirty_all; -1 = free */
	void *priv;		/* the view's own state */
};

/* ---- view.c: the framework ---- */
void view_init(struct view *v, const struct view_ops *ops, struct app *a, void *priv);
/* Sets the row count, keeping sel and top inside it. */
void view_set_rows(struct view *v, int64_t nrows);
/* Selects `row` (clamped), scrolling as little as needed. */
void view_select(struct view *v, int64_t row);
/* Selects `row` and puts it `screen_row` rows below the top, where possible. */
void view_select_at(struct view *v, int64_t row, int screen_row);
/* Marks the whole view for the next draw. */
void view_dirty(struct view *v);
/* Runs v's own handler of act, if it has one; else AR_NOT_MINE. */
enum act_result view_act(struct view *v, enum action act, int key);
/* A view handler that does nothing, quietly: open in an open article. */
enum act_result view_act_nothing(struct view *v, enum action act, int key);
/* next/prev/first/last/page-down/page-up; AR_NOT_MINE for anything else. */
enum act_result view_move(struct view *v, enum action act);
/* Draws the rows that are dirty (all of them when `full`) into rectangle r. */
void view_draw(struct view *v, struct rect r, bool full);
/*
 * toggle-read / toggle-star of the article `rowid` whose flag is `was`, for
 * any view showing articles: stores the flip, records it for undo, says so.
 */
enum act_result view_toggle_flag(struct view *v, int64_t rowid, bool star, bool was);
void view_destroy(struct view **vp);

/* ---- the views ---- */
/* A feed as the feeds view holds it: its config line and what the store knows of it. */
struct feed_entry {
	const struct config_feed *cf;
	int64_t id;		/* 0: never stored (not refreshed yet) */
	char *title;		/* title=, else the feed's own, else the URL */
	char *error;		/* the last refresh's failure in words, or NULL */
	int64_t error_at;	/* when it failed */
	int64_t last_ok;	/* the last success, 0 = never */
	struct feed_counts counts;
};
/* feeds.c: the feeds view's entries, in config order (valid until it reloads). */
size_t feeds_view_entries(struct view *feeds, const struct feed_entry **out);
/* The tags view: feeds by tag, failing feeds first (tags.c). */
struct view *tags_view_create(struct app *a);
bool tags_view_is(const struct view *v);
/* The downloads view: running downloads with progress, then the finished ones (downloads.c). */
struct view *downloads_view_create(struct app *a);
bool downloads_view_is(const struct view *v);
/* A download moved or finished: the downloads view, when it is v, follows. */
void downloads_view_tick(struct view *v);
struct view *feeds_view_create(struct app *a);
/*
 * The query lines' counts are made after the view is painted, one line a
 * call: true when one was made (the view is dirty). due_in: milliseconds
 * until the next is due (0: now), -1 when none is.
 */
bool feeds_view_count_step(struct view *feeds);
int feeds_view_counts_due_in(struct view *feeds);
/* The articles of a filter; title is the list's name (copied). key for app_pos_*. */
struct view *articles_view_create(struct app *a, const struct item_filter *f,
				  const char *title, int64_t key);
/* The article `rowid`; marks it read. */
struct view *article_view_create(struct app *a, const struct item_row *r);
/* The article of r laid out for a w x h pane, left unread: the split layout's preview. */
struct view *article_preview_create(struct app *a, const struct item_row *r, int w, int h);
struct view *help_view_create(struct app *a, const char *for_view);

/*
 * feeds.c: selects the feed after (dir > 0) or before the selected one (or that one,
 * with include_current) that has unread articles, and gives its list.
 */
bool feeds_view_step_unread(struct view *feeds, int dir, bool include_current,
			    struct item_filter *f, struct buf *title, int64_t *key);
/* articles.c */
bool articles_view_is(const struct view *v);
/* Selects the next/previous unread article after the selection; false if none. */
bool articles_view_find_unread(struct view *v, int dir, bool include_current);
/* The rowid of the selected article, or 0. */
int64_t articles_view_selected(struct view *v);
/* The selected row (valid until the list moves or reloads), or NULL when empty. */
const struct item_row *articles_view_selected_row(struct view *v);
/* Selects the unread article at the start (dir > 0) or end of the list. */
bool articles_view_select_edge_unread(struct view *v, int dir);
int64_t articles_view_feed(const struct view *v);
/*
 * Narrows the list to the articles of a query as well (action filter), shown
 * on the status line; NULL or "" clears it. A mistake changes nothing.
 */
void articles_view_filter(struct view *v, const char *src);
/* The filter's text, or NULL when none. */
const char *articles_view_filter_text(const struct view *v);
bool article_view_is(const struct view *v);
int64_t article_view_feed(const struct view *v);
/* feeds.c: the configured URL of a feed id, or NULL. */
const char *feeds_view_url(struct view *feeds, int64_t feed_id);
int64_t article_view_rowid(const struct view *v);
/* The article shown (owned by the view), its feed's title (may be NULL) and rowid. */
const struct item *article_view_item(const struct view *v, const char **feed_title,
				     int64_t *rowid);

#endif
