/* The reader's internals: app state, the view framework, drawing, colors (no curses types). */
#ifndef BYLINE_UI_INTERNAL_H
#define BYLINE_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/err.h"
#include "byline/keymap.h"
#include "byline/layout.h"
#include "byline/store.h"

struct app;
struct view;
struct draw;
struct refresh;

/* What the screen shows, each with its own `color` line. */
enum elem {
	EL_NORMAL,
	EL_TITLE,	/* top line */
	EL_STATUS,	/* bottom line */
	EL_SELECTED,	/* the selected row */
	EL_UNREAD,	/* unread articles, feeds with unread articles */
	EL_STARRED,
	EL_ERROR,	/* failed feeds, error messages */
	EL_DATE,
	EL_FEED,	/* feed names in mixed lists, counts */
	EL_HEADER,	/* the article's header lines */
	EL_LINK,
	EL_QUOTE,	/* quoted text in an article */
	EL_CODE,	/* code and preformatted text */
	EL_KEY,		/* keys in the help view */
	EL_DIVIDER,	/* between the panes of the split layout */
	EL_COUNT
};

/* Names of the elements, for `color` lines (index = enum elem). */
extern const char *const elem_names[EL_COUNT];

/* A handler's answer: a small closed set. */
enum act_result {
	AR_HANDLED,	/* done; what changed was reported with app_changed() */
	AR_NOT_MINE,	/* fall through to the list mechanics, then the global map */
	AR_ERROR,	/* failed; the message is on the status line */
};

/* What a handler changed, so the loop redraws once, and only that. */
enum change {
	CH_ROW = 1 << 0,	/* some rows (marked dirty on the view) */
	CH_VIEW = 1 << 1,	/* the top view, whole */
	CH_LAYOUT = 1 << 2,	/* the view stack or the screen size */
	CH_DATA = 1 << 3,	/* the store changed: views reload */
	CH_STATUS = 1 << 4,
};

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
	/* Runs an action; AR_NOT_MINE lets the framework and app handle it. */
	enum act_result (*handle)(struct view *v, enum action act, int key);
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
void view_dirty_row(struct view *v, int64_t row);
void view_dirty(struct view *v);
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

/* ---- draw.c: the only way text reaches the terminal ---- */
/* Where a row is being drawn: screen row y, columns x .. x+w, the next column col. */
struct draw {
	int y, x, w, col;
	bool selected;		/* the selection bar overrides every element's color */
};
/* The emoji policy ("safe", "passthrough") for everything drawn. */
void draw_set_emoji(const char *policy);
/* Display width of s as draw_text would draw it. */
int draw_width(const char *s);
/* Draws text from a feed or anywhere: controls become visible, width from the text layer. */
void draw_text(struct draw *d, const char *s, enum elem el);
/* Draws s in exactly `cols` columns: truncated by display width, then padded. */
void draw_fixed(struct draw *d, const char *s, int cols, enum elem el);
/* Pads with spaces to the end of the row. */
void draw_fill(struct draw *d, enum elem el);
/* Columns left on the row. */
int draw_left(const struct draw *d);
/* Draws a whole line at (y, x) of width w, e.g. the title or status line. */
void draw_line(int y, int x, int w, const char *left, const char *right, enum elem el);

/* ---- color.c ---- */
/* Checks the color lines: unknown element, color or attribute -> FILE:LINE error. */
enum bl_status color_check(const struct config *cfg, struct bl_err *err);
/* Sets the curses attributes of every element (after initscr). */
void color_setup(const struct config *cfg);
/* The curses attribute of an element, as an int (chtype bits). */
int color_attr(enum elem el);

/* ---- app.c ---- */
/* Called when a prompt ends: the text, or NULL when cancelled. */
typedef void (*prompt_done_fn)(struct app *a, const char *text);

struct app {
	const struct config *cfg;
	struct store *store;
	struct keymap *km;
	struct view *stack[8];
	int depth;
	/* Split layout with the list on top: its selected article, not marked read. */
	struct view *preview;
	enum layout_mode mode;
	struct layout lay;
	int cols, rows;
	unsigned changed;	/* enum change bits */
	bool quit;
	struct buf msg;		/* status line message */
	bool msg_error;
	struct refresh *refresh;
	bool refresh_dirty;	/* feeds came in since the last reload */
	int64_t last_reload;	/* ms, monotonic */
	bool start_refresh;	/* refresh-on-start, after the first paint */
	bool exit_after_paint;	/* BYLINE_EXIT_AFTER_PAINT: measure start-up */
	int64_t next_refresh;	/* refresh-interval: next automatic run (ms, monotonic), 0 = never */
	int64_t last_key;	/* ms, monotonic: when the reader last had a key */
	bool index_pending;	/* articles may wait for the search index */
	size_t index_slice;	/* articles indexed per idle slice, sized to the machine */
	size_t index_left;	/* articles still waiting after the last slice */
	/* The last mark, for undo. */
	int64_t *undo_ids;
	size_t nundo;
	bool undo_was_read;	/* the state to restore */
	bool undo_star;		/* undo restores a star, not a read flag */
	/* Remembered positions of article lists (feed id or a virtual key -> rowid). */
	struct { int64_t key, rowid; } *pos;
	size_t npos;
	/* The prompt, when one is open. */
	bool prompting;
	char prompt_label[32];
	struct buf prompt;
	prompt_done_fn prompt_done;
};

/* Reports a change (enum change bits) for the next redraw. */
void app_changed(struct app *a, unsigned what);
/* Puts a message on the status line (printf-style). */
void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void app_push(struct app *a, struct view *v);
/* Pops and destroys the top view (never the last one). */
void app_pop(struct app *a);
struct view *app_top(struct app *a);
/* The view below v on the stack, or NULL. */
struct view *app_below(struct app *a, struct view *v);
/* Starts a refresh of the given feeds (NULL: all). */
void app_refresh(struct app *a, const char *const *urls, size_t n);
/* Remembers / recalls the selected rowid of an article list. */
void app_pos_save(struct app *a, int64_t key, int64_t rowid);
int64_t app_pos_get(struct app *a, int64_t key);
/* Sets the undo record: ids whose read (or star) flag was `was` before. */
void app_undo_set(struct app *a, const int64_t *ids, size_t n, bool was, bool star);
/*
 * Asks for one line on the status line without stopping the loop (refreshes
 * go on). `done` gets the text, or NULL when cancelled (Esc, C-g).
 */
void app_prompt(struct app *a, const char *label, const char *initial, prompt_done_fn done);
/* Opens a URL in the browser (fork/execvp, http/https/mailto only). */
enum act_result app_open_url(struct app *a, const char *url);

/* ---- the views ---- */
struct view *feeds_view_create(struct app *a);
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
bool article_view_is(const struct view *v);
int64_t article_view_feed(const struct view *v);
/* feeds.c: the configured URL of a feed id, or NULL. */
const char *feeds_view_url(struct view *feeds, int64_t feed_id);
int64_t article_view_rowid(const struct view *v);

#endif
