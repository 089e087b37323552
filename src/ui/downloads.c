/* The downloads view: the downloads running (with progress) and held, then those finished. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/download.h"
#include "byline/mem.h"
#include "app_int.h"
#include "draw_int.h"
#include "view_int.h"

/* Rows: the downloader's entries (running, or finished and not yet said), then the said ones, newest first. */
static size_t
held(const struct app *a)
{
	return a->downloads ? downloader_count(a->downloads) : 0;
}

static void
downloads_load(struct view *v)
{
	view_set_rows(v, (int64_t)(held(v->app) + v->app->ndownloads_done));
}

/* "42% of 3.0 MB", "1.2 MB" */
static void
progress(const struct download_info *in, char *buf, size_t size)
{
	if (in->total > 0)
		snprintf(buf, size, "%3d%% of %.1f MB", (int)(in->have * 100 / in->total),
			 (double)in->total / 1e6);
	else
		snprintf(buf, size, "%.1f MB", (double)in->have / 1e6);
}

static void
downloads_draw_row(struct view *v, struct draw *d, int64_t row)
{
	struct app *a = v->app;
	size_t n = held(a);
	char what[48];

	if ((size_t)row < n) {
		struct download_info in;

		downloader_info(a->downloads, (size_t)row, &in);
		if (in.done)
			snprintf(what, sizeof(what), "%s", in.error ? "failed" : "done");
		else
			progress(&in, what, sizeof(what));
		draw_fixed(d, " ", 1, EL_NORMAL);
		draw_fixed(d, what, 16, in.error ? EL_ERROR : EL_FEED);
		draw_fixed(d, "", 1, EL_NORMAL);
		draw_fixed_ellipsis(d, in.name, draw_left(d), in.done ? EL_NORMAL : EL_UNREAD);
		return;
	}
	const struct download_done *dd = &a->downloads_done[a->ndownloads_done - 1 -
							     ((size_t)row - n)];
	draw_fixed(d, " ", 1, EL_NORMAL);
	draw_fixed(d, dd->failed ? "failed" : "done", 16, dd->failed ? EL_ERROR : EL_FEED);
	draw_fixed(d, "", 1, EL_NORMAL);
	draw_fixed_ellipsis(d, dd->name, draw_left(d), EL_NORMAL);
}

static void
downloads_title(struct view *v, struct buf *out)
{
	size_t running = v->app->downloads ? downloader_running(v->app->downloads) : 0;

	buf_printf(out, "Downloads (%zu running)", running);
}

static void
downloads_status(struct view *v, struct buf *out)
{
	struct app *a = v->app;
	size_t n = held(a);

	if (!v->nrows) {
		buf_puts(out, "no downloads yet (d on an article with an enclosure)");
		return;
	}
	if ((size_t)v->sel < n) {
		struct download_info in;

		downloader_info(a->downloads, (size_t)v->sel, &in);
		if (in.done)
			buf_puts(out, in.error ? in.error : in.path ? in.path : "");
		else
			buf_printf(out, "%s: x stops it, keeping what came", in.name);
		return;
	}
	buf_puts(out, a->downloads_done[a->ndownloads_done - 1 - ((size_t)v->sel - n)].text);
}

/* cancel-download: the selected running download stops; its .part stays for a resume. */
static enum act_result
cancel(struct view *v, enum action act, int key)
{
	struct app *a = v->app;
	struct download_info in;
	char *name;

	if ((size_t)v->sel >= held(a)) {
		app_message(a, false, "that download has finished already");
		return AR_HANDLED;
	}
	downloader_info(a->downloads, (size_t)v->sel, &in);
	if (in.done) {
		app_message(a, false, "that download has finished already");
		return AR_HANDLED;
	}
	name = xstrdup(in.name);
	downloader_remove(a->downloads, (size_t)v->sel);
	app_message(a, false, "stopped %s; what came is kept in its .part (d resumes it)", name);
	free(name);
	downloads_view_tick(v);
	return AR_HANDLED;
}

static const view_action_fn downloads_actions[ACT_COUNT] = {
	[ACT_CANCEL_DOWNLOAD] = cancel,
	[ACT_OPEN] = view_act_nothing,
};

static const struct view_ops downloads_ops = {
	.name = "downloads",
	.draw_row = downloads_draw_row,
	.title = downloads_title,
	.status = downloads_status,
	.actions = downloads_actions,
	.reload = downloads_load,
};

bool
downloads_view_is(const struct view *v)
{
	return v && v->ops == &downloads_ops;
}

void
downloads_view_tick(struct view *v)
{
	if (!downloads_view_is(v))
		return;
	downloads_load(v);
	view_dirty(v);
	app_changed(v->app, CH_VIEW);
}

struct view *
downloads_view_create(struct app *a)
{
	struct view *v = xmalloc(sizeof(*v));

	view_init(v, &downloads_ops, a, NULL);
	downloads_load(v);
	return v;
}
