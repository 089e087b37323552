/* The reader's feed management: add-feed (with discovery, in the background), edit-feed, delete-feed and its undo, reload-config. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/config_file.h"
#include "byline/date.h"
#include "byline/discover.h"
#include "byline/mem.h"
#include "byline/text.h"
#include "byline/ui.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

#define CHOICE_COLS 28		/* a title in the list of feeds found */

/* ---- the config, read again ---- */

/* Frees the configs no refresh borrows any more. */
static void
retired_free(struct app *a)
{
	while (!a->refresh && a->nretired)
		config_free(&a->retired[--a->nretired]);
}

static void
config_swap(struct app *a, struct config *next)
{
	char *sel = xstrdup_null(feeds_view_selected_url(a->stack[0]));
	struct bl_err err;
	struct keymap *km = keymap_create(next->binds, next->nbinds, next->path, &err);
	struct view *fresh;

	if (a->own_cfg) {
		a->retired = xreallocarray(a->retired, a->nretired + 1, sizeof(*a->retired));
		a->retired[a->nretired++] = a->own_cfg;
	}
	a->own_cfg = next;
	a->cfg = next;
	if (km) {
		keymap_destroy(&a->km);
		a->km = km;
	}
	layout_parse_mode(next->layout ? next->layout : "auto", &a->mode);
	color_setup(next);
	draw_set_emoji(next->emoji);
	/* The feeds view points into the config's feed lines: it is made again. */
	fresh = feeds_view_create(a);
	fresh->height = a->stack[0]->height;	/* selecting scrolls within the same screen */
	fresh->width = a->stack[0]->width;
	view_destroy(&a->stack[0]);
	a->stack[0] = fresh;
	feeds_view_select_url(a->stack[0], sel);
	free(sel);
	retired_free(a);
	app_changed(a, CH_LAYOUT | CH_DATA);
}

void
app_config_reload(struct app *a, bool say)
{
	struct bl_err err = {0};
	struct config *next = config_load(a->cfg->path, NULL, &err);

	if (!next || ui_config_check(next, &err)) {
		app_message(a, true, "the config was not reloaded: %s", err.msg);
		config_free(&next);
		return;
	}
	config_swap(a, next);
	if (say)
		app_message(a, false, "config reloaded from %s: %zu feed%s",
			    next->path ? next->path : CONFIG_BUILTIN_NAME, next->nfeeds,
			    next->nfeeds == 1 ? "" : "s");
}

enum act_result
act_reload_config(struct app *a, enum action act, int key)
{
	app_config_reload(a, true);
	return AR_HANDLED;
}

/* ---- writing a change ---- */

/* Opens the config file the reader reads; NULL with the message said. */
static struct config_file *
file_open(struct app *a)
{
	struct bl_err err = {0};
	struct config_file *cf = config_file_open(a->cfg->path, &err);

	if (!cf)
		app_message(a, true, "%s", err.msg);
	return cf;
}

/* Writes cf, then reads the config again; false with the message said. */
static bool
file_commit(struct app *a, struct config_file **cf, enum bl_status st, struct bl_err *err)
{
	if (!st)
		st = config_file_commit(*cf, err);
	config_file_close(cf);
	if (st) {
		app_message(a, true, "%s", err->msg);
		return false;
	}
	app_config_reload(a, false);
	return true;
}

/*
 * A feed line as typed after "feed " (URL, tags, title="…", options), read
 * by the config reader itself; false with the message said.
 */
static bool
line_read(struct app *a, const char *text, struct config_feed *out)
{
	struct bl_err err = {0};
	struct buf b = {0};
	struct config *c;

	buf_puts(&b, "feed ");
	if (!strstr(text, "://"))	/* "example.org": the web's usual scheme */
		buf_puts(&b, "https://");
	buf_puts(&b, text);
	c = config_parse(buf_cstr(&b), "the line typed", &err);
	buf_free(&b);
	if (!c || c->nfeeds != 1) {
		app_message(a, true, "%s", c ? "type a URL, then tags and options" : err.msg);
		config_free(&c);
		return false;
	}
	config_feed_copy(out, &c->feeds[0]);
	config_free(&c);
	return true;
}

/* The selected feed's line, for edit-feed and delete-feed; NULL with the message said. */
static const struct config_feed *
selected_feed(struct app *a, const char *what)
{
	const char *url = app_top(a) == a->stack[0] ? feeds_view_selected_url(a->stack[0]) : NULL;

	if (!url) {
		app_message(a, false, "%s works on a feed of the feeds view", what);
		return NULL;
	}
	return config_find_feed(a->cfg, url);
}

/* ---- add-feed ---- */

static void
discovery_end(struct app *a)
{
	discover_free(&a->discover);
	config_feed_clear(&a->add_line);
}

static void
add_chosen(struct app *a, size_t k)
{
	const struct discover_feed *df = discover_get(a->discover, k);
	struct bl_err err = {0};
	struct config_file *cf;
	const char *url;
	enum bl_status st;

	if (!df || !(cf = file_open(a))) {
		discovery_end(a);
		return;
	}
	free(a->add_line.url);
	a->add_line.url = xstrdup(df->url);
	st = config_file_add(cf, &a->add_line, &err);
	if (file_commit(a, &cf, st, &err)) {
		url = a->add_line.url;
		feeds_view_select_url(a->stack[0], url);
		app_refresh(a, &url, 1);
		app_message(a, false, "added %s to %s%s", url, a->cfg->path ? a->cfg->path : "",
			    a->refresh ? "; refreshing it" : "; R refreshes it");
	}
	discovery_end(a);
}

static void
add_confirmed(struct app *a, const char *text)
{
	if (!text || (*text && *text != 'y' && *text != 'Y')) {
		app_message(a, false, "nothing added");
		discovery_end(a);
		return;
	}
	add_chosen(a, 0);
}

static void
add_picked(struct app *a, const char *text)
{
	char *end;
	long k = text && *text ? strtol(text, &end, 10) : 1;

	if (!text || (*text && (*end || k < 1 || (size_t)k > discover_count(a->discover)))) {
		app_message(a, false, text ? "'%s' is not one of the numbers: nothing added" :
			    "nothing added", text);
		discovery_end(a);
		return;
	}
	add_chosen(a, (size_t)k - 1);
}

/* "Title" cut to cols columns, on one line, cleaned. */
static void
put_title(struct buf *b, const char *title, int cols)
{
	char *t = text_truncate(title ? title : "(no title)", cols, TEXT_EMOJI_SAFE);
	size_t n = strlen(t);

	while (n && t[n - 1] == ' ')
		n--;
	buf_append(b, t, n);
	free(t);
}

static void
put_preview(struct buf *b, const struct discover_feed *df)
{
	char date[32];

	put_title(b, df->title, 40);
	buf_printf(b, " (%s, %zu article%s", df->format, df->nitems, df->nitems == 1 ? "" : "s");
	if (df->newest != BL_NO_DATE) {
		date_format_iso(df->newest, date, sizeof(date));
		buf_printf(b, ", newest %.10s", date);
	}
	buf_putc(b, ')');
}

static void
discovered(struct app *a)
{
	size_t n = discover_count(a->discover), i;
	struct buf b = {0};

	if (!n) {
		app_message(a, true, "%s", discover_problem(a->discover));
		discovery_end(a);
		return;
	}
	if (n == 1) {
		buf_puts(&b, "Add ");
		put_preview(&b, discover_get(a->discover, 0));
		buf_puts(&b, "? Enter adds, Esc cancels: ");
		app_prompt(a, buf_cstr(&b), NULL, add_confirmed);
	} else {
		buf_printf(&b, "%zu feeds:", n);
		for (i = 0; i < n; i++) {
			buf_printf(&b, " %zu ", i + 1);
			put_title(&b, discover_get(a->discover, i)->title, CHOICE_COLS);
		}
		buf_puts(&b, ". Which? ");
		app_prompt(a, buf_cstr(&b), NULL, add_picked);
	}
	buf_free(&b);
}

static void
add_typed(struct app *a, const char *text)
{
	struct bl_err err = {0};

	if (!text || !*text)
		return;
	discovery_end(a);
	if (!line_read(a, text, &a->add_line))
		return;
	if (config_find_feed(a->cfg, a->add_line.url)) {
		app_message(a, false, "%s is already a feed here", a->add_line.url);
		discovery_end(a);
		return;
	}
	if (!(a->discover = discover_start(a->cfg, a->add_line.url, &err))) {
		app_message(a, true, "%s", err.msg);
		discovery_end(a);
		return;
	}
	app_message(a, false, "looking for feeds at %s ...", a->add_line.url);
}

enum act_result
act_add_feed(struct app *a, enum action act, int key)
{
	if (a->discover) {
		app_message(a, false, "still looking for feeds at %s", a->add_line.url);
		return AR_HANDLED;
	}
	app_prompt(a, "Add a feed (the address of any page, then tags, title=\"...\"): ", NULL,
		   add_typed);
	return AR_HANDLED;
}

void
app_feeds_tick(struct app *a)
{
	retired_free(a);
	if (feeds_view_count_step(a->stack[0]))
		app_changed(a, CH_VIEW);
	if (!a->discover || a->prompting)
		return;
	discover_step(a->discover);
	if (discover_done(a->discover))
		discovered(a);
	app_changed(a, CH_STATUS);
}

/* ---- edit-feed ---- */

static void
edit_done(struct app *a, const char *text)
{
	struct config_feed f = {0};
	struct bl_err err = {0};
	struct config_file *cf;
	int line = 0;
	enum bl_status st;

	if (text && line_read(a, text, &f) && (cf = file_open(a))) {
		st = config_file_set(cf, a->pending_url, &f, &line, NULL, &err);
		if (file_commit(a, &cf, st, &err)) {
			feeds_view_select_url(a->stack[0], f.url);
			app_message(a, false, "line %d of %s changed", line, a->cfg->path);
		}
	}
	config_feed_clear(&f);
	free(a->pending_url);
	a->pending_url = NULL;
}

enum act_result
act_edit_feed(struct app *a, enum action act, int key)
{
	const struct config_feed *f = selected_feed(a, "edit-feed");
	struct buf b = {0};

	if (!f)
		return AR_HANDLED;
	config_format_feed(&b, f);
	buf_truncate(&b, b.len - 1);	/* the newline */
	free(a->pending_url);
	a->pending_url = xstrdup(f->url);
	app_prompt(a, "Edit: feed ", buf_cstr(&b) + 5, edit_done);
	buf_free(&b);
	return AR_HANDLED;
}

/* ---- delete-feed and its undo ---- */

static void
delete_done(struct app *a, const char *text)
{
	struct bl_err err = {0};
	struct config_file *cf;
	char *old = NULL;
	int line = 0;
	enum bl_status st;

	if (!text || (*text != 'y' && *text != 'Y')) {
		app_message(a, false, "nothing deleted");
	} else if ((cf = file_open(a))) {
		st = config_file_set(cf, a->pending_url, NULL, &line, &old, &err);
		if (file_commit(a, &cf, st, &err)) {
			a->undo_line = old;
			a->undo_lineno = line;
			a->undo_url = xstrdup(a->pending_url);
			old = NULL;
			app_message(a, false, "deleted %s (line %d); u undoes it, articles and "
				    "marks included", a->pending_url, line);
		}
		free(old);
	}
	free(a->pending_url);
	a->pending_url = NULL;
}

enum act_result
act_delete_feed(struct app *a, enum action act, int key)
{
	const struct config_feed *f = selected_feed(a, "delete-feed");
	struct buf b = {0};

	if (!f)
		return AR_HANDLED;
	free(a->pending_url);
	a->pending_url = xstrdup(f->url);
	buf_puts(&b, "Delete ");
	put_title(&b, f->title ? f->title : f->url, 60);
	buf_puts(&b, "? y deletes: ");
	app_prompt(a, buf_cstr(&b), NULL, delete_done);
	buf_free(&b);
	return AR_HANDLED;
}

static void
feed_undo_clear(struct app *a)
{
	free(a->undo_line);
	free(a->undo_url);
	a->undo_line = a->undo_url = NULL;
}

bool
app_feed_undo(struct app *a)
{
	struct bl_err err = {0};
	struct config_file *cf;
	enum bl_status st;

	if (!a->undo_line)
		return false;
	if ((cf = file_open(a))) {
		st = config_file_insert(cf, a->undo_lineno, a->undo_line, &err);
		if (file_commit(a, &cf, st, &err)) {
			feeds_view_select_url(a->stack[0], a->undo_url);
			app_message(a, false, "%s is back on line %d, with its articles and marks",
				    a->undo_url, a->undo_lineno);
			feed_undo_clear(a);
		}
	}
	return true;
}

void
app_feeds_free(struct app *a)
{
	discovery_end(a);
	feed_undo_clear(a);
	while (a->nretired)
		config_free(&a->retired[--a->nretired]);
	free(a->retired);
	config_free(&a->own_cfg);
	free(a->pending_url);
	a->pending_url = NULL;
}
