/* The view framework: list mechanics (selection, scrolling, dirty rows) and drawing. */
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

void
view_init(struct view *v, const struct view_ops *ops, struct app *a, void *priv)
{
	memset(v, 0, sizeof(*v));
	v->ops = ops;
	v->app = a;
	v->priv = priv;
	v->height = 1;
	v->dirty_all = true;
	memset(v->dirty, 0xff, sizeof(v->dirty));	/* all -1 */
}

void
view_dirty(struct view *v)
{
	v->dirty_all = true;
	app_changed(v->app, CH_ROW);
}

/* Marks one row for the next draw; past four rows, the whole view. */
static void
dirty_row(struct view *v, int64_t row)
{
	size_t i;

	app_changed(v->app, CH_ROW);
	if (v->dirty_all)
		return;
	for (i = 0; i < sizeof(v->dirty) / sizeof(v->dirty[0]); i++)
		if (v->dirty[i] == row)
			return;
	for (i = 0; i < sizeof(v->dirty) / sizeof(v->dirty[0]); i++)
		if (v->dirty[i] < 0) {
			v->dirty[i] = row;
			return;
		}
	v->dirty_all = true;
}

static int64_t
max_top(const struct view *v)
{
	int64_t m = v->nrows - (v->height > 0 ? v->height : 1);

	return m > 0 ? m : 0;
}

void
view_set_rows(struct view *v, int64_t nrows)
{
	v->nrows = nrows < 0 ? 0 : nrows;
	if (v->sel >= v->nrows)
		v->sel = v->nrows > 0 ? v->nrows - 1 : 0;
	if (v->top > max_top(v))
		v->top = max_top(v);
	if (v->ops->pager)
		v->sel = v->top;
	else if (v->sel < v->top)
		v->top = v->sel;
	view_dirty(v);
}

static void
scroll_to(struct view *v, int64_t top)
{
	if (top > max_top(v))
		top = max_top(v);
	if (top < 0)
		top = 0;
	if (top != v->top) {
		v->top = top;
		view_dirty(v);
	}
}

void
view_select(struct view *v, int64_t row)
{
	if (v->ops->pager) {
		scroll_to(v, row);
		v->sel = v->top;
		return;
	}
	if (row >= v->nrows)
		row = v->nrows - 1;
	if (row < 0)
		row = 0;
	if (row != v->sel) {
		dirty_row(v, v->sel);
		dirty_row(v, row);
		v->sel = row;
	}
	if (v->sel < v->top)
		scroll_to(v, v->sel);
	else if (v->sel >= v->top + v->height)
		scroll_to(v, v->sel - v->height + 1);
}

void
view_select_at(struct view *v, int64_t row, int screen_row)
{
	view_select(v, row);
	if (v->ops->pager || screen_row < 0 || screen_row >= v->height)
		return;
	scroll_to(v, v->sel - screen_row);
	if (v->sel >= v->top + v->height)	/* the end of the list limits the scroll */
		scroll_to(v, v->sel - v->height + 1);
}

enum act_result
view_act(struct view *v, enum action act, int key)
{
	view_action_fn fn = NULL;

	if (v->ops->actions && act > ACT_NONE && act < ACT_COUNT)
		fn = v->ops->actions[act];
	return fn ? fn(v, act, key) : AR_NOT_MINE;
}

enum act_result
view_act_nothing(struct view *v, enum action act, int key)
{
	return AR_HANDLED;
}

enum act_result
view_move(struct view *v, enum action act)
{
	int64_t page = v->height > 1 ? v->height - 1 : 1;

	switch (act) {
	case ACT_NEXT:
		view_select(v, v->sel + 1);
		break;
	case ACT_PREV:
		view_select(v, v->sel - 1);
		break;
	case ACT_FIRST:
		view_select(v, 0);
		break;
	case ACT_LAST:
		view_select(v, v->ops->pager ? max_top(v) : v->nrows - 1);
		break;
	case ACT_PAGE_DOWN:
		/* A list keeps the selection's screen row; a pager just scrolls. */
		scroll_to(v, v->top + page);
		if (!v->ops->pager)
			view_select(v, v->sel + page);
		else
			v->sel = v->top;
		break;
	case ACT_PAGE_UP:
		scroll_to(v, v->top - page);
		if (!v->ops->pager)
			view_select(v, v->sel - page);
		else
			v->sel = v->top;
		break;
	default:
		return AR_NOT_MINE;
	}
	return AR_HANDLED;
}

static bool
row_dirty(const struct view *v, int64_t row)
{
	size_t i;

	for (i = 0; i < sizeof(v->dirty) / sizeof(v->dirty[0]); i++)
		if (v->dirty[i] == row)
			return true;
	return false;
}

void
view_draw(struct view *v, struct rect r, bool full)
{
	int i;

	if (r.w != v->width || r.h != v->height) {
		v->width = r.w;
		v->height = r.h;
		if (v->ops->resize)
			v->ops->resize(v);
		view_select(v, v->sel);	/* keep the selection on screen */
		full = true;
	}
	full = full || v->dirty_all;
	for (i = 0; i < r.h; i++) {
		int64_t row = v->top + i;
		if (!full && !row_dirty(v, row))
			continue;
		struct draw d = { r.y + i, r.x, r.w, 0, !v->ops->pager && row == v->sel };
		if (row < v->nrows)
			v->ops->draw_row(v, &d, row);
		draw_fill(&d, EL_NORMAL);
	}
	v->dirty_all = false;
	memset(v->dirty, 0xff, sizeof(v->dirty));	/* all -1 */
}

enum act_result
view_toggle_flag(struct view *v, int64_t rowid, bool star, bool was)
{
	struct app *a = v->app;
	struct bl_err err;

	if ((star ? store_set_starred : store_set_read)(a->store, rowid, !was, &err)) {
		app_message(a, true, "%s", err.msg);
		return AR_ERROR;
	}
	app_undo_push(a, &rowid, 1, was, star);
	app_message(a, false, "%s", star ? (was ? "unstarred" : "starred")
					 : (was ? "marked unread" : "marked read"));
	app_changed(a, CH_DATA);
	return AR_HANDLED;
}

void
view_destroy(struct view **vp)
{
	if (!vp || !*vp)
		return;
	if ((*vp)->ops->destroy)
		(*vp)->ops->destroy(*vp);
	free(*vp);
	*vp = NULL;
}
