/* The actions' own handlers (ACTION_LIST: what no view handles itself) and the dispatch of a key. */
#include <curses.h>
#include <stdlib.h>

#include "byline/query.h"
#include "app_int.h"
#include "view_int.h"

struct query *
app_query(struct app *a, const char *src, const char *what)
{
	struct query_error e;
	struct query *q = query_parse(src, &e);
	struct buf b = {0};

	if (!q) {
		query_error_line(&b, src, &e);
		app_message(a, true, "%s: %s", what, buf_cstr(&b));
		buf_free(&b);
		return NULL;
	}
	config_query_feeds(a->cfg, q);
	return q;
}

/* A search is a query of every article: bare words are the simplest one. */
static void
search_done(struct app *a, const char *text)
{
	struct item_filter f = {0};
	struct buf title = {0};
	struct query *q;

	if (!text || !*text || !(q = app_query(a, text, "search")))
		return;
	f.query = q;
	buf_printf(&title, "Search: %s", text);
	while (a->depth > 1 && !articles_view_is(app_top(a)))
		app_pop(a);
	app_push(a, articles_view_create(a, &f, buf_cstr(&title), 0));
	buf_free(&title);
	query_free(&q);
	if (app_top(a)->nrows == 0)
		app_message(a, false, "nothing matches '%s'", text);
}

/* Takes back the latest change of the history; u again, the one before. */
static enum act_result
act_undo(struct app *a, enum action act, int key)
{
	struct undo_entry *u;
	struct bl_err err;
	size_t i;
	enum bl_status st = BL_OK;

	if (app_feed_undo(a))
		return AR_HANDLED;
	if (!a->nundo) {
		app_message(a, false, "nothing to undo");
		return AR_HANDLED;
	}
	u = &a->undo[a->nundo - 1];
	if (u->star)
		for (i = 0; i < u->n && !st; i++)
			st = store_set_starred(a->store, u->ids[i], u->was, &err);
	else
		st = store_set_read_many(a->store, u->ids, u->n, u->was, &err);
	if (st) {
		app_message(a, true, "%s", err.msg);
		return AR_ERROR;
	}
	app_message(a, false, "undone: %zu article%s %s%s", u->n, u->n == 1 ? "" : "s",
		    u->star ? (u->was ? "starred" : "unstarred") : (u->was ? "read" : "unread"),
		    a->nundo > 1 ? " (u undoes the change before)" : "");
	free(u->ids);
	a->nundo--;
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
act_unread(struct app *a, enum action act, int key)
{
	int dir = act == ACT_PREV_UNREAD ? -1 : 1;
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
		return view_act(top, ACT_OPEN, 0);
	return AR_HANDLED;
}

/*
 * refresh: the feed of the list or article on top (else every feed), due
 * or not; refresh-all: every feed, due or not; refresh-due: the feeds that are due.
 */
static enum act_result
act_refresh(struct app *a, enum action act, int key)
{
	bool all = act != ACT_REFRESH;
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
	a->refresh_force = act != ACT_REFRESH_DUE;
	app_refresh(a, NULL, 0);
	return AR_HANDLED;
}

static enum act_result
act_sync(struct app *a, enum action act, int key)
{
	app_sync_now(a);
	return AR_HANDLED;
}

/* The list mechanics of the view on top. */
static enum act_result
act_move(struct app *a, enum action act, int key)
{
	return view_move(app_top(a), act);
}

/* Only views run it (open, marks, links): the app has nothing to add. */
static enum act_result
act_view_only(struct app *a, enum action act, int key)
{
	return AR_NOT_MINE;
}

static enum act_result
act_back(struct app *a, enum action act, int key)
{
	if (a->depth > 1)
		app_pop(a);
	else
		a->quit = true;
	return AR_HANDLED;
}

static enum act_result
act_quit(struct app *a, enum action act, int key)
{
	a->quit = true;
	return AR_HANDLED;
}

static enum act_result
act_search(struct app *a, enum action act, int key)
{
	app_prompt(a, "Search: ", NULL, search_done);
	return AR_HANDLED;
}

/* tags: the tags view over the feeds view; from the tags view, back to the feeds. */
static enum act_result
act_tags(struct app *a, enum action act, int key)
{
	bool was_tags = tags_view_is(app_top(a));

	while (a->depth > 1)
		app_pop(a);
	if (!was_tags)
		app_push(a, tags_view_create(a));
	return AR_HANDLED;
}

/* downloads: the downloads view on top; from it, back to where it was opened. */
static enum act_result
act_downloads(struct app *a, enum action act, int key)
{
	if (downloads_view_is(app_top(a)))
		app_pop(a);
	else
		app_push(a, downloads_view_create(a));
	return AR_HANDLED;
}

static void
filter_done(struct app *a, const char *text)
{
	if (text && articles_view_is(app_top(a)))
		articles_view_filter(app_top(a), text);
}

/* Narrows the article list at hand to a query (an empty one clears it). */
static enum act_result
act_filter(struct app *a, enum action act, int key)
{
	if (!articles_view_is(app_top(a))) {
		app_message(a, false, "filter narrows a list of articles: open one first");
		return AR_HANDLED;
	}
	app_prompt(a, "Filter: ", NULL, filter_done);
	return AR_HANDLED;
}

static enum act_result
act_help(struct app *a, enum action act, int key)
{
	app_push(a, help_view_create(a, app_top(a)->ops->name));
	return AR_HANDLED;
}

static enum act_result
act_redraw(struct app *a, enum action act, int key)
{
	clearok(curscr, TRUE);
	app_changed(a, CH_LAYOUT);
	return AR_HANDLED;
}

/* Each action's handler, from ACTION_LIST. */
static enum act_result (*const action_handler[ACT_COUNT])(struct app *, enum action, int) = {
#define ACTION_HANDLER(id, name, pre, handler, help) [ACT_##id] = handler,
	ACTION_LIST(ACTION_HANDLER)
#undef ACTION_HANDLER
};

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

/* Runs one action (its argument in a->arg): preconditions, the view's handler, then its own. */
static enum act_result
run_action(struct app *a, enum action act, int key)
{
	struct view *top = app_top(a);
	const struct action_info *info = action_get(act);
	enum act_result r;

	if (!preconditions(a, info))
		return AR_ERROR;
	/* The view's own handler first, then the action's. */
	r = view_act(top, act, key);
	if (r == AR_NOT_MINE)
		r = action_handler[act](a, act, key);
	if (r == AR_NOT_MINE)
		app_message(a, false, "%s does nothing in the %s view", info->name, top->ops->name);
	return r;
}

void
app_dispatch(struct app *a, int key)
{
	size_t n, i;
	const struct keymap_step *steps = keymap_steps(a->km, app_top(a)->ops->name, key, &n);
	char name[16];

	buf_reset(&a->msg);
	app_changed(a, CH_STATUS);
	if (!n) {
		key_describe(key, name, sizeof(name));
		app_message(a, false, "%s does nothing here (? shows the keys)", name);
		return;
	}
	/* A macro runs its steps in order, each in the view on top then; a failure or a prompt ends it. */
	for (i = 0; i < n && !a->quit && !a->prompting; i++) {
		a->arg = steps[i].arg;
		if (steps[i].act == ACT_NONE || run_action(a, steps[i].act, key) == AR_ERROR)
			break;
	}
	a->arg = NULL;
}
