/* The reader: its state, the view stack, and the loop that waits on the terminal and the transfers. */
#include <curses.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "byline/download.h"
#include "byline/discover.h"
#include "byline/fulltext.h"
#include "byline/mem.h"
#include "byline/refresh.h"
#include "byline/sync.h"
#include "byline/ui.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

/* ---- state: messages, the view stack, positions, undo ---- */

void
app_changed(struct app *a, unsigned what)
{
	a->changed |= what;
}

void
app_config_hint(struct app *a, struct buf *out)
{
	char *where = config_default_path();

	buf_printf(out, "built-in feeds: write yours to %s (byline-config(5))", where);
	free(where);
	(void)a;
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
app_undo_push(struct app *a, const int64_t *ids, size_t n, bool was, bool star)
{
	struct undo_entry *u;

	if (!n)
		return;
	if (a->nundo == UNDO_MAX) {	/* the oldest goes */
		free(a->undo[0].ids);
		memmove(a->undo, a->undo + 1, --a->nundo * sizeof(*a->undo));
	}
	a->undo = xreallocarray(a->undo, a->nundo + 1, sizeof(*a->undo));
	u = &a->undo[a->nundo++];
	u->ids = xmalloc(n * sizeof(*ids));
	memcpy(u->ids, ids, n * sizeof(*ids));
	u->n = n;
	u->was = was;
	u->star = star;
	free(a->undo_line);	/* a mark is the last thing to undo now, not a delete-feed */
	free(a->undo_url);
	a->undo_line = a->undo_url = NULL;
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
		ready = false;
		if (a->sync)
			sync_wait(a->sync, STDIN_FILENO, app_background_timeout(a), &ready);
		else if (!a->refresh && a->downloads && downloader_running(a->downloads))
			downloader_wait(a->downloads, STDIN_FILENO, app_background_timeout(a), &ready);
		else if (!a->refresh && a->discover && !a->prompting)
			discover_wait(a->discover, STDIN_FILENO, app_background_timeout(a), &ready);
		else	/* the terminal, a refresh, the full-text pages */
			app_background_wait(a, app_background_timeout(a), &ready);
		/* Whichever way we waited: a terminal that went away ends the reader. */
		if (ready && terminal_gone())
			a->quit = true;
		app_refresh_tick(a);
		app_download_tick(a);
		app_store_tick(a);
		app_feeds_tick(a);
		app_fulltext_tick(a);
		if (ready && !a->quit)
			app_read_keys(a);
		else
			app_index_tick(a);
		app_sync_tick(a);	/* after the keys: a mark just made is seen at once */
	}
}

/* ---- start and end ---- */

enum bl_status
ui_config_check(const struct config *cfg, struct bl_err *err)
{
	struct keymap *km = keymap_create(cfg->binds, cfg->nbinds, cfg->path, err);
	enum layout_mode mode;

	if (!km)
		return BL_ERR;
	keymap_destroy(&km);
	if (!layout_parse_mode(cfg->layout ? cfg->layout : "auto", &mode))
		return bl_err_set(err, "%s: layout must be list, split or auto, not '%s'",
				  cfg->path ? cfg->path : "config", cfg->layout);
	return color_check(cfg, err);
}

static enum bl_status
app_init(struct app *a, const struct config *cfg, struct store *s, struct bl_err *err)
{
	memset(a, 0, sizeof(*a));
	a->cfg = cfg;
	a->store = s;
	if (ui_config_check(cfg, err))
		return BL_ERR;
	layout_parse_mode(cfg->layout ? cfg->layout : "auto", &a->mode);
	a->km = keymap_create(cfg->binds, cfg->nbinds, cfg->path, err);
	return a->km ? BL_OK : BL_ERR;
}


static void
app_free(struct app *a)
{
	refresh_free(&a->refresh);
	app_downloads_free(a);
	free(a->play_cmd);
	app_sync_free(a);
	fulltext_destroy(&a->fulltext);
	view_destroy(&a->preview);
	while (a->depth > 0)
		view_destroy(&a->stack[--a->depth]);
	app_feeds_free(a);
	keymap_destroy(&a->km);
	buf_free(&a->msg);
	buf_free(&a->prompt);
	while (a->nundo)
		free(a->undo[--a->nundo].ids);
	free(a->undo);
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

	if (app_init(&a, cfg, s, err)) {
		app_free(&a);
		return BL_ERR;
	}
	app_sync_init(&a);
	if (screen_start(&a, err)) {
		app_free(&a);
		return BL_ERR;
	}
	a.exit_after_paint = exit_env && *exit_env;
	a.start_refresh = cfg->refresh_on_start && !a.exit_after_paint;
	app_background_init(&a);
	app_push(&a, feeds_view_create(&a));
	app_loop(&a);
	endwin();
	if (a.downloads && downloader_running(a.downloads))
		fprintf(stderr, "byline: %zu download%s stopped; what came is kept in .part files "
			"under %s, and d goes on from there\n", downloader_running(a.downloads),
			downloader_running(a.downloads) == 1 ? "" : "s", cfg->download_dir);
	app_free(&a);
	return BL_OK;
}
