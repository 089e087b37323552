/* Global actions (what no view handled) and the dispatch of a key to its action. */
#include <curses.h>

#include "app_int.h"
#include "view_int.h"

static void
search_done(struct app *a, const char *text)
{
	struct item_filter f = {0};
	struct buf title = {0};

	if (!text || !*text)
		return;
	f.search = text;
	buf_printf(&title, "Search: %s", text);
	while (a->depth > 1 && !articles_view_is(app_top(a)))
		app_pop(a);
	app_push(a, articles_view_create(a, &f, buf_cstr(&title), 0));
	buf_free(&title);
	if (app_top(a)->nrows == 0)
		app_message(a, false, "nothing matches '%s'", text);
}

static enum act_result
act_undo(struct app *a)
{
	struct bl_err err;
	size_t i;
	enum bl_status st = BL_OK;

	if (!a->nundo) {
		app_message(a, false, "nothing to undo");
		return AR_HANDLED;
	}
	if (a->undo_star)
		for (i = 0; i < a->nundo && !st; i++)
			st = store_set_starred(a->store, a->undo_ids[i], a->undo_was_read, &err);
	else
		st = store_set_read_many(a->store, a->undo_ids, a->nundo, a->undo_was_read, &err);
	if (st) {
		app_message(a, true, "%s", err.msg);
		return AR_ERROR;
	}
	app_message(a, false, "undone: %zu article%s %s", a->nundo, a->nundo == 1 ? "" : "s",
		    a->undo_star ? (a->undo_was_read ? "starred" : "unstarred")
				 : (a->undo_was_read ? "read" : "unread"));
	app_undo_set(a, NULL, 0, false, false);
	app_changed(a, CH_DATA);
	return AR_HANDLED;
}

/* Opens the article list of the next (previous) feed with unread articles. */
static bool
cross_feeds(struct app *a, int dir, bool include_current)
{
	struct item_filter f;
	struct buf title = {0};
	int64_t key;
	bool ok;

	while (a->depth > 1)
		app_pop(a);
	ok = feeds_view_step_unread(a->stack[0], dir, include_current, &f, &title, &key);
	if (ok) {
		app_push(a, articles_view_create(a, &f, buf_cstr(&title), key));
		articles_view_select_edge_unread(app_top(a), dir);
	}
	buf_free(&title);
	return ok;
}

static enum act_result
act_unread(struct app *a, int dir)
{
	struct view *top = app_top(a);
	bool in_article = article_view_is(top), found;
	int64_t was = in_article ? article_view_rowid(top) : 0;

	if (in_article || !articles_view_is(top)) {
		while (a->depth > 1 && !articles_view_is(app_top(a)))
			app_pop(a);
		top = app_top(a);
	}
	if (articles_view_is(top)) {
		/* An unread-only list drops the article just read: look from where it was. */
		found = articles_view_find_unread(top, dir, in_article &&
						  articles_view_selected(top) != was);
		if (!found && articles_view_feed(top) && cross_feeds(a, dir, false))
			found = true;
	} else
		found = cross_feeds(a, dir, true);	/* from the feeds view */
	if (!found) {
		app_message(a, false, "no more unread articles");
		return AR_HANDLED;
	}
	top = app_top(a);
	if (in_article && articles_view_is(top))
		return top->ops->handle(top, ACT_OPEN, 0);
	return AR_HANDLED;
}

static enum act_result
act_refresh(struct app *a, bool all)
{
	struct view *top = app_top(a);
	int64_t feed = 0;
	const char *url;

	if (!all && article_view_is(top))
		feed = article_view_feed(top);
	else if (!all && articles_view_is(top))
		feed = articles_view_feed(top);
	if (feed && (url = feeds_view_url(a->stack[0], feed))) {
		app_refresh(a, &url, 1);
		return AR_HANDLED;
	}
	app_refresh(a, NULL, 0);
	return AR_HANDLED;
}

static enum act_result
act_global(struct app *a, enum action act)
{
	switch (act) {
	case ACT_QUIT:
		a->quit = true;
		return AR_HANDLED;
	case ACT_BACK:
		if (a->depth > 1)
			app_pop(a);
		else
			a->quit = true;
		return AR_HANDLED;
	case ACT_HELP:
		app_push(a, help_view_create(a, app_top(a)->ops->name));
		return AR_HANDLED;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		app_changed(a, CH_LAYOUT);
		return AR_HANDLED;
	case ACT_SEARCH:
		app_prompt(a, "Search: ", NULL, search_done);
		return AR_HANDLED;
	case ACT_UNDO:
		return act_undo(a);
	case ACT_NEXT_UNREAD:
		return act_unread(a, 1);
	case ACT_PREV_UNREAD:
		return act_unread(a, -1);
	case ACT_REFRESH:
		return act_refresh(a, false);
	case ACT_REFRESH_ALL:
		return act_refresh(a, true);
	default:
		return AR_NOT_MINE;
	}
}

/* Checks an action's preconditions from the table; false with a message when unmet. */
static bool
preconditions(struct app *a, const struct action_info *info)
{
	struct view *top = app_top(a);

	if ((info->pre & PRE_NOREFRESH) && a->refresh) {
		app_message(a, false, "a refresh is already running");
		return false;
	}
	if ((info->pre & (PRE_ROW | PRE_ARTICLE)) && !top->ops->pager && top->nrows == 0) {
		app_message(a, false, "%s: the list is empty", info->name);
		return false;
	}
	if ((info->pre & PRE_ARTICLE) && !article_view_is(top) && !articles_view_is(top)) {
		app_message(a, false, "%s works on articles", info->name);
		return false;
	}
	return true;
}

void
app_dispatch(struct app *a, int key)
{
	struct view *top = app_top(a);
	enum action act = keymap_lookup(a->km, top->ops->name, key);
	const struct action_info *info = action_get(act);
	enum act_result r;
	char name[16];

	buf_reset(&a->msg);
	app_changed(a, CH_STATUS);
	if (!info) {
		key_describe(key, name, sizeof(name));
		app_message(a, false, "%s does nothing here (? shows the keys)", name);
		return;
	}
	if (!preconditions(a, info))
		return;
	/* The view first, then the list mechanics, then the global map. */
	r = top->ops->handle(top, act, key);
	if (r == AR_NOT_MINE)
		r = view_move(top, act);
	if (r == AR_NOT_MINE)
		r = act_global(a, act);
	if (r == AR_NOT_MINE)
		app_message(a, false, "%s does nothing in the %s view", info->name, top->ops->name);
}
