/* Drawing the screen: the title with its key hints, the panes (split layout, preview), the status line. */
#include <curses.h>
#include <string.h>

#include "byline/refresh.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

static void
draw_divider(struct app *a)
{
	struct rect r = a->lay.divider;
	int i;

	for (i = 0; i < r.h; i++)
		draw_line(r.y + i, r.x, 1, "|", NULL, EL_DIVIDER);
}

/* The split layout's panes: an article list with its open article, or with a preview. */
static bool
split_pair(struct app *a)
{
	struct view *top = app_top(a);

	return articles_view_is(top) || (article_view_is(top) && articles_view_is(app_below(a, top)));
}

/*
 * The list has the keys: the side pane previews the selected article and
 * follows the cursor. A preview leaves the article unread (a cursor passing
 * over an "All unread" list must not empty it); Enter opens it, which marks it.
 */
static struct view *
preview_sync(struct app *a, struct view *list)
{
	const struct item_row *r = articles_view_selected_row(list);

	if (a->preview && r && article_view_rowid(a->preview) == r->rowid)
		return a->preview;
	view_destroy(&a->preview);
	if (r)
		a->preview = article_preview_create(a, r, a->lay.side.w, a->lay.side.h);
	return a->preview;
}

static void
draw_blank(struct rect r)
{
	int i;

	for (i = 0; i < r.h; i++)
		draw_line(r.y + i, r.x, r.w, "", NULL, EL_NORMAL);
}

static void
draw_split(struct app *a, bool full)
{
	struct view *top = app_top(a), *list = top, *side = NULL;

	if (articles_view_is(top))
		side = preview_sync(a, top);
	else {
		list = app_below(a, top);
		side = top;
		view_destroy(&a->preview);
	}
	view_draw(list, a->lay.main, full);
	draw_divider(a);
	if (side)
		view_draw(side, a->lay.side, full);
	else if (full)
		draw_blank(a->lay.side);	/* an empty list: nothing to show */
}

static void
status_text(struct app *a, struct buf *left, struct buf *right)
{
	struct view *top = app_top(a);
	struct refresh_progress p;

	if (a->refresh) {
		refresh_get_progress(a->refresh, &p);
		buf_printf(right, "refreshing %zu/%zu feeds, %zu new", p.done, p.total,
			   p.new_items);
	}
	app_download_status(a, right);
	app_sync_status(a, right);
	if (a->msg.len) {
		buf_puts(left, buf_cstr(&a->msg));
		/* First run: where the config goes stays in view until a key is pressed. */
		if (!a->keyed && !a->cfg->path && a->depth == 1) {
			buf_puts(left, "; ");
			app_config_hint(a, left);
		}
	} else if (top->ops->status)
		top->ops->status(top, left);
}

/* A long message wraps over at most this many rows; the list gives them up meanwhile. */
#define STATUS_MAX_ROWS 3

static void
draw_status(struct app *a, const struct buf *left, const struct buf *right)
{
	struct rect r = a->lay.status;

	if (!r.h)
		return;
	if (a->prompting) {
		struct buf line = {0};

		buf_printf(&line, "%s%s", a->prompt_label, buf_cstr(&a->prompt));
		draw_line(r.y, r.x, r.w, buf_cstr(&line), NULL, EL_STATUS);
		int col = draw_width(buf_cstr(&line));
		move(r.y, col < r.w ? col : r.w - 1);
		curs_set(1);
		buf_free(&line);
	} else {
		draw_wrapped(r.y, r.x, r.w, r.h, buf_cstr(left), buf_cstr(right),
			     a->msg.len && a->msg_error ? EL_ERROR : EL_STATUS);
		curs_set(0);
	}
}

/* The status line's text, and the rows it wants (a change of them lays the screen out again). */
static void
status_prepare(struct app *a, struct buf *left, struct buf *right)
{
	int want = 1;

	if (!a->prompting) {
		status_text(a, left, right);
		want = draw_wrapped_rows(buf_cstr(left), buf_cstr(right), a->cols);
		if (want > STATUS_MAX_ROWS)
			want = STATUS_MAX_ROWS;
	}
	if (want != a->status_rows) {
		a->status_rows = want;
		a->changed |= CH_LAYOUT;
	}
}

/*
 * The keys that matter, from the current bindings, as many as fit in `room`
 * columns: "? help  Enter open  q quit  n next unread  R refresh all".
 */
static void
key_hint(struct app *a, struct view *top, int room, struct buf *out)
{
	static const struct { enum action act; const char *label; } hint[] = {
		{ ACT_HELP, "help" }, { ACT_OPEN, "open" }, { ACT_BACK, "back" },
		{ ACT_NEXT_UNREAD, "next unread" }, { ACT_REFRESH_ALL, "refresh all" },
	};
	char keys[64], *comma;
	size_t i, len;

	for (i = 0; i < sizeof(hint) / sizeof(hint[0]); i++) {
		if (!keymap_keys(a->km, top->ops->name, hint[i].act, keys, sizeof(keys)))
			continue;
		if ((comma = strstr(keys + 1, ", ")))
			*comma = 0;	/* the first key only (keys + 1: the key may be ',') */
		len = out->len;
		buf_printf(out, "%s%s %s", len ? "  " : "", keys,
			   hint[i].act == ACT_BACK && a->depth == 1 ? "quit" : hint[i].label);
		if (draw_width(buf_cstr(out)) > room) {
			buf_truncate(out, len);
			break;
		}
	}
}

static void
draw_title(struct app *a)
{
	struct buf t = {0}, hint = {0};
	struct view *top = app_top(a);

	if (!a->lay.title.h)
		return;
	buf_puts(&t, "byline: ");
	top->ops->title(top, &t);
	/* The help view lists every key; elsewhere the hint takes the room the title leaves. */
	if (strcmp(top->ops->name, "help"))
		key_hint(a, top, a->lay.title.w - draw_width(buf_cstr(&t)) - 2, &hint);
	draw_line(a->lay.title.y, 0, a->lay.title.w, buf_cstr(&t), buf_cstr(&hint), EL_TITLE);
	buf_free(&t);
	buf_free(&hint);
}

void
app_draw(struct app *a)
{
	struct buf left = {0}, right = {0};
	bool full;
	struct view *top = app_top(a);

	status_prepare(a, &left, &right);
	full = a->changed & (CH_LAYOUT | CH_VIEW | CH_DATA);
	if (a->changed & CH_LAYOUT) {
		layout_compute(a->cols, a->rows, a->mode, split_pair(a), &a->lay);
		layout_status_rows(&a->lay, a->status_rows);
		erase();
	}
	draw_title(a);
	if (a->lay.split)
		draw_split(a, full);
	else {
		view_destroy(&a->preview);
		if (a->lay.main.h)
			view_draw(top, a->lay.main, full);
	}
	draw_status(a, &left, &right);
	if (!a->prompting)
		move(a->lay.status.y, 0);
	else
		draw_status(a, &left, &right);	/* leaves the cursor in the prompt */
	wnoutrefresh(stdscr);
	doupdate();
	a->changed = 0;
	buf_free(&left);
	buf_free(&right);
}
