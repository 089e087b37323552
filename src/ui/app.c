/* The reader: its state, the view stack, and the loop that waits on the terminal and the transfers. */
#include <curses.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "byline/fulltext.h"
#include "byline/mem.h"
#include "byline/refresh.h"
#include "byline/ui.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

/* ---- state: messages, the view stack, positions, undo ---- */

int64_t
app_now_ms(void)
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

/* ---- the loop ---- */

static void
reload_all(struct app *a)
{
	int i;

	for (i = 0; i < a->depth; i++)
		if (a->stack[i]->ops->reload)
			a->stack[i]->ops->reload(a->stack[i]);
	view_destroy(&a->preview);	/* rebuilt at the next draw, from the store */
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
	bool ready;

	while (!a->quit) {
		app_handle_signals(a);
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
		app_background_wait(a, app_background_timeout(a), &ready);
		/* Whichever way we waited: a terminal that went away ends the reader. */
		if (ready && terminal_gone())
			a->quit = true;
		app_refresh_tick(a);
		app_fulltext_tick(a);
		if (ready && !a->quit)
			app_read_keys(a);
		else
			app_index_tick(a);
	}
}

/* ---- start and end ---- */

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
	fulltext_destroy(&a->fulltext);
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
	app_signals_install();
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
	app_background_init(&a);
	app_push(&a, feeds_view_create(&a));
	app_loop(&a);
	endwin();
	app_free(&a);
	return BL_OK;
}
