/* The reader's event loop: keys, refresh transfers and signals in one poll loop. */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "byline/mem.h"
#include "byline/refresh.h"
#include "byline/ui.h"
#include "ui.h"

#define TICK_MS 500		/* longest wait, so timers and flags are noticed */
#define RELOAD_MS 300		/* during a refresh, lists reload at most this often */
#define IDLE_MS 1000		/* no key for this long, no refresh: the reader is idle */
#define SLICE_MS 10		/* an index slice should take about this long ... */
#define SLICE_MAX 64		/* ... and index at most this many articles */

/* Set by the signal handlers, read by the loop: nothing else happens in a handler. */
static volatile sig_atomic_t sig_winch, sig_quit, sig_cont;

static void on_winch(int sig) { (void)sig; sig_winch = 1; }
static void on_quit(int sig) { (void)sig; sig_quit = 1; }
static void on_cont(int sig) { (void)sig; sig_cont = 1; }

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
app_changed(struct app *a, unsigned what)
{
	a->changed |= what;
}

void
app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&a->msg);
	va_start(ap, fmt);
	buf_vprintf(&a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
	app_changed(a, CH_STATUS);
}

struct view *
app_top(struct app *a)
{
	return a->depth ? a->stack[a->depth - 1] : NULL;
}

struct view *
app_below(struct app *a, struct view *v)
{
	int i;

	for (i = 1; i < a->depth; i++)
		if (a->stack[i] == v)
			return a->stack[i - 1];
	return NULL;
}

void
app_push(struct app *a, struct view *v)
{
	if (a->depth == (int)(sizeof(a->stack) / sizeof(a->stack[0]))) {
		view_destroy(&v);
		return;
	}
	a->stack[a->depth++] = v;
	app_changed(a, CH_LAYOUT);
}

void
app_pop(struct app *a)
{
	struct view *top;

	if (a->depth <= 1)
		return;
	view_destroy(&a->stack[--a->depth]);
	/* What shows again may be stale: an article read, a list marked. */
	top = app_top(a);
	if (top->ops->reload)
		top->ops->reload(top);
	app_changed(a, CH_LAYOUT);
}

void
app_pos_save(struct app *a, int64_t key, int64_t rowid)
{
	size_t i;

	for (i = 0; i < a->npos; i++)
		if (a->pos[i].key == key) {
			a->pos[i].rowid = rowid;
			return;
		}
	a->pos = xreallocarray(a->pos, a->npos + 1, sizeof(*a->pos));
	a->pos[a->npos].key = key;
	a->pos[a->npos++].rowid = rowid;
}

int64_t
app_pos_get(struct app *a, int64_t key)
{
	size_t i;

	for (i = 0; i < a->npos; i++)
		if (a->pos[i].key == key)
			return a->pos[i].rowid;
	return 0;
}

void
app_undo_set(struct app *a, const int64_t *ids, size_t n, bool was, bool star)
{
	free(a->undo_ids);
	a->undo_ids = n ? xmalloc(n * sizeof(*ids)) : NULL;
	if (n)
		memcpy(a->undo_ids, ids, n * sizeof(*ids));
	a->nundo = n;
	a->undo_was_read = was;
	a->undo_star = star;
}

void
app_prompt(struct app *a, const char *label, const char *initial, prompt_done_fn done)
{
	a->prompting = true;
	snprintf(a->prompt_label, sizeof(a->prompt_label), "%s", label);
	buf_reset(&a->prompt);
	buf_puts(&a->prompt, initial ? initial : "");
	a->prompt_done = done;
	app_changed(a, CH_STATUS);
}

/* ---- refresh ---- */

static void
on_result(void *ud, const struct refresh_result *r)
{
	struct app *a = ud;

	if (r->new_items || r->updated_items || !r->ok)
		a->refresh_dirty = true;
	app_changed(a, CH_STATUS);
}

void
app_refresh(struct app *a, const char *const *urls, size_t n)
{
	struct bl_err err;

	if (a->refresh) {
		app_message(a, false, "a refresh is already running");
		return;
	}
	if (!(a->refresh = refresh_start(a->store, a->cfg, urls, n, on_result, a, &err))) {
		app_message(a, true, "%s", err.msg);
		return;
	}
	buf_reset(&a->msg);
	app_changed(a, CH_STATUS);
}

/* The next automatic refresh: refresh-interval after now (after the last one ended). */
static void
schedule_refresh(struct app *a)
{
	a->next_refresh = a->cfg->refresh_interval_s > 0
		? now_ms() + (int64_t)a->cfg->refresh_interval_s * 1000 : 0;
}

static void
refresh_finish(struct app *a)
{
	struct refresh_progress p;
	char *problem = xstrdup_null(refresh_error(a->refresh));

	refresh_get_progress(a->refresh, &p);
	refresh_free(&a->refresh);
	if (problem)
		app_message(a, true, "%s", problem);
	else if (p.failed)
		app_message(a, true, "refreshed %zu feed%s: %zu new article%s, %zu failed (! in "
			    "the feeds list; select one to see why)", p.total, p.total == 1 ? "" : "s",
			    p.new_items, p.new_items == 1 ? "" : "s", p.failed);
	else
		app_message(a, false, "refreshed %zu feed%s: %zu new article%s", p.total,
			    p.total == 1 ? "" : "s", p.new_items, p.new_items == 1 ? "" : "s");
	free(problem);
	a->refresh_dirty = false;
	a->index_pending = true;
	a->index_left = SIZE_MAX;
	app_changed(a, CH_DATA);
	schedule_refresh(a);
}

static bool
idle(struct app *a, int64_t t)
{
	return !a->refresh && !a->prompting && t - a->last_key >= IDLE_MS;
}

/*
 * While idle, indexes a slice of the articles refreshes left waiting, so a
 * search finds them at once. A slice is sized to take about SLICE_MS: a key
 * pressed meanwhile waits no longer than that.
 */
static void
index_tick(struct app *a)
{
	int64_t t = now_ms(), took;
	size_t left = 0;
	struct bl_err err;

	if (!a->index_pending || !idle(a, t))
		return;
	if (store_index(a->store, a->index_slice, &left, &err)) {
		app_message(a, true, "%s", err.msg);
		a->index_pending = false;
		return;
	}
	took = now_ms() - t;
	if (took > 2 * SLICE_MS && a->index_slice > 1)
		a->index_slice /= 2;
	else if (took < SLICE_MS / 2 && a->index_slice < SLICE_MAX)
		a->index_slice *= 2;
	/* No progress (another process queues as fast): leave the rest to the next search. */
	a->index_pending = left > 0 && left < a->index_left;
	a->index_left = left;
}

static void
refresh_tick(struct app *a)
{
	int64_t t = now_ms();

	if (!a->refresh) {
		if (a->next_refresh && t >= a->next_refresh) {
			app_refresh(a, NULL, 0);
			if (!a->refresh)	/* could not start: try again an interval later */
				schedule_refresh(a);
		}
		return;
	}
	refresh_step(a->refresh);
	if (refresh_done(a->refresh)) {
		refresh_finish(a);
		return;
	}
	/* Lists update in place while feeds come in, but not for every single one. */
	if (a->refresh_dirty && t - a->last_reload >= RELOAD_MS) {
		a->refresh_dirty = false;
		a->last_reload = t;
		app_changed(a, CH_DATA);
	}
	app_changed(a, CH_STATUS);
}

/* ---- drawing ---- */

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
	if (a->msg.len)
		buf_puts(left, buf_cstr(&a->msg));
	else if (top->ops->status)
		top->ops->status(top, left);
}

static void
draw_status(struct app *a)
{
	struct buf left = {0}, right = {0};
	struct rect r = a->lay.status;

	if (!r.h)
		return;
	if (a->prompting) {
		buf_printf(&left, "%s%s", a->prompt_label, buf_cstr(&a->prompt));
		draw_line(r.y, r.x, r.w, buf_cstr(&left), NULL, EL_STATUS);
		int col = draw_width(buf_cstr(&left));
		move(r.y, col < r.w ? col : r.w - 1);
		curs_set(1);
	} else {
		status_text(a, &left, &right);
		draw_line(r.y, r.x, r.w, buf_cstr(&left), buf_cstr(&right),
			  a->msg.len && a->msg_error ? EL_ERROR : EL_STATUS);
		curs_set(0);
	}
	buf_free(&left);
	buf_free(&right);
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

static void
app_draw(struct app *a)
{
	bool full = a->changed & (CH_LAYOUT | CH_VIEW | CH_DATA);
	struct view *top = app_top(a);

	if (a->changed & CH_LAYOUT) {
		layout_compute(a->cols, a->rows, a->mode, split_pair(a), &a->lay);
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
	draw_status(a);
	if (!a->prompting)
		move(a->lay.status.y, 0);
	else
		draw_status(a);	/* leaves the cursor in the prompt */
	wnoutrefresh(stdscr);
	doupdate();
	a->changed = 0;
}

static void
reload_all(struct app *a)
{
	int i;

	for (i = 0; i < a->depth; i++)
		if (a->stack[i]->ops->reload)
			a->stack[i]->ops->reload(a->stack[i]);
	view_destroy(&a->preview);	/* rebuilt at the next draw, from the store */
}

/* ---- global actions: what no view handled ---- */

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

static void
dispatch(struct app *a, int key)
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

/* ---- input ---- */

static int
translate(int rc, wint_t wc)
{
	static const struct { int curses, key; } special[] = {
		{ KEY_UP, KC_UP }, { KEY_DOWN, KC_DOWN }, { KEY_LEFT, KC_LEFT },
		{ KEY_RIGHT, KC_RIGHT }, { KEY_HOME, KC_HOME }, { KEY_END, KC_END },
		{ KEY_PPAGE, KC_PGUP }, { KEY_NPAGE, KC_PGDN }, { KEY_BACKSPACE, KC_BACKSPACE },
		{ KEY_DC, KC_DELETE }, { KEY_IC, KC_INSERT }, { KEY_ENTER, KC_ENTER },
		{ KEY_RESIZE, KC_RESIZE },
	};
	size_t i;

	if (rc == KEY_CODE_YES) {
		for (i = 0; i < sizeof(special) / sizeof(special[0]); i++)
			if ((int)wc == special[i].curses)
				return special[i].key;
		if ((int)wc >= KEY_F(1) && (int)wc <= KEY_F(12))
			return KC_F1 + (int)wc - KEY_F(1);
		return -1;
	}
	if (wc == '\n')
		return KC_ENTER;
	if (wc == 0x7f)
		return KC_BACKSPACE;
	return (int)wc;
}

static void
prompt_key(struct app *a, int key)
{
	prompt_done_fn done = a->prompt_done;
	char *text;

	app_changed(a, CH_STATUS);
	if (key == KC_ENTER || key == KC_ESC || key == KC_CTRL('g')) {
		a->prompting = false;
		text = buf_steal(&a->prompt);
		done(a, key == KC_ENTER ? text : NULL);
		free(text);
		return;
	}
	if (key == KC_BACKSPACE || key == KC_CTRL('h')) {
		size_t n = a->prompt.len;
		while (n > 0 && ((unsigned char)a->prompt.data[n - 1] & 0xc0) == 0x80)
			n--;	/* back over a whole UTF-8 character */
		buf_truncate(&a->prompt, n ? n - 1 : 0);
		return;
	}
	if (key >= 0x20 && key != 0x7f && key < KEY_SPECIAL_BASE && a->prompt.len < 512) {
		char u[8];
		key_describe(key, u, sizeof(u));
		buf_puts(&a->prompt, key == ' ' ? " " : u);
	}
}

static void
relayout(struct app *a)
{
	a->cols = COLS;
	a->rows = LINES;
	clearok(curscr, TRUE);
	app_changed(a, CH_LAYOUT);
}

static void
resize(struct app *a)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resizeterm(ws.ws_row, ws.ws_col);
	a->cols = COLS;
	a->rows = LINES;
	clearok(curscr, TRUE);
	app_changed(a, CH_LAYOUT);
}

static void
read_keys(struct app *a)
{
	wint_t wc;
	int rc, key;

	while (!a->quit && !sig_quit && (rc = get_wch(&wc)) != ERR) {
		a->last_key = now_ms();
		key = translate(rc, wc);
		if (key == KC_RESIZE)
			relayout(a);	/* curses has resized already: resizing again loops */
		else if (key < 0)
			continue;
		else if (a->prompting)
			prompt_key(a, key);
		else
			dispatch(a, key);
	}
}

/* ---- the loop ---- */

static int
wait_timeout(struct app *a)
{
	int64_t idle_in;

	if (a->refresh)
		return 100;
	if (a->index_pending && !a->prompting) {
		/* Index slices follow one another while no key comes. */
		idle_in = a->last_key + IDLE_MS - now_ms();
		return idle_in <= 0 ? 0 : idle_in < TICK_MS ? (int)idle_in : TICK_MS;
	}
	return TICK_MS;
}

static void
handle_signals(struct app *a)
{
	if (sig_quit)
		a->quit = true;
	if (sig_winch) {
		sig_winch = 0;
		resize(a);
	}
	if (sig_cont) {
		sig_cont = 0;
		resize(a);
	}
}

/* True when the terminal hung up or broke (its fd polls HUP, ERR or NVAL). */
static bool
terminal_gone(void)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };

	return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL));
}

static void
app_loop(struct app *a)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	bool ready;

	while (!a->quit) {
		handle_signals(a);
		if (a->changed & CH_DATA)
			reload_all(a);
		if (a->changed)
			app_draw(a);
		if (a->exit_after_paint)
			break;
		if (a->start_refresh) {
			a->start_refresh = false;
			app_refresh(a, NULL, 0);
			continue;
		}
		ready = false;
		if (a->refresh)
			refresh_wait(a->refresh, STDIN_FILENO, wait_timeout(a), &ready);
		else
			ready = poll(&pfd, 1, wait_timeout(a)) > 0;
		/* Whichever way we waited: a terminal that went away ends the reader. */
		if (ready && terminal_gone())
			a->quit = true;
		refresh_tick(a);
		if (ready && !a->quit)
			read_keys(a);
		else
			index_tick(a);
	}
}

static void
signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_cont;
	sigaction(SIGCONT, &sa, NULL);
	sa.sa_handler = on_quit;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static enum bl_status
app_init(struct app *a, const struct config *cfg, struct store *s, struct bl_err *err)
{
	memset(a, 0, sizeof(*a));
	a->cfg = cfg;
	a->store = s;
	if (!layout_parse_mode(cfg->layout ? cfg->layout : "auto", &a->mode))
		return bl_err_set(err, "%s: layout must be list, split or auto, not '%s'",
				  cfg->path ? cfg->path : "config", cfg->layout);
	if (!(a->km = keymap_create(cfg->binds, cfg->nbinds, cfg->path, err)))
		return BL_ERR;
	if (color_check(cfg, err))
		return BL_ERR;
	return BL_OK;
}

static void
app_free(struct app *a)
{
	refresh_free(&a->refresh);
	view_destroy(&a->preview);
	while (a->depth > 0)
		view_destroy(&a->stack[--a->depth]);
	keymap_destroy(&a->km);
	buf_free(&a->msg);
	buf_free(&a->prompt);
	free(a->undo_ids);
	free(a->pos);
}

static enum bl_status
screen_start(struct app *a, struct bl_err *err)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return bl_err_set(err, "the reader needs a terminal (for scripts: byline list, "
				  "byline refresh)");
	signals_install();
	if (!initscr())
		return bl_err_set(err, "cannot use the terminal: check $TERM");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	color_setup(a->cfg);
	draw_set_emoji(a->cfg->emoji);
	a->cols = COLS;
	a->rows = LINES;
	return BL_OK;
}

enum bl_status
ui_run(const struct config *cfg, struct store *s, struct bl_err *err)
{
	struct app a;
	const char *exit_env = getenv("BYLINE_EXIT_AFTER_PAINT");

	if (app_init(&a, cfg, s, err) || screen_start(&a, err)) {
		app_free(&a);
		return BL_ERR;
	}
	a.exit_after_paint = exit_env && *exit_env;
	a.start_refresh = cfg->refresh_on_start && !a.exit_after_paint;
	a.index_pending = true;	/* `byline refresh` may have left articles to index */
	a.index_left = SIZE_MAX;
	a.index_slice = 8;
	a.last_key = now_ms();
	schedule_refresh(&a);
	app_push(&a, feeds_view_create(&a));
	app_loop(&a);
	endwin();
	app_free(&a);
	return BL_OK;
}
