/* Background work: refresh transfers, lists reloaded while feeds come in, the search index filled while idle. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/clock.h"
#include "byline/download.h"
#include "byline/fulltext.h"
#include "byline/mem.h"
#include "byline/refresh.h"
#include "byline/schedule.h"
#include "app_int.h"

#define TICK_MS 500		/* longest wait, so timers and flags are noticed */
#define RELOAD_MS 300		/* during a refresh, lists reload at most this often */
#define IDLE_MS 1000		/* no key for this long, no refresh: the reader is idle */
#define SLICE_MS 10		/* an index slice should take about this long ... */
#define SLICE_MAX 64		/* ... and index at most this many articles */

static void
on_result(void *ud, const struct refresh_result *r)
{
	struct app *a = ud;

	if (r->new_items || r->updated_items || !r->ok)
		a->refresh_dirty = true;
	if (r->new_items)
		app_fulltext_new(a, r->feed_id, r->url);
	app_changed(a, CH_STATUS);
}

/* A feed of the config's own feed lines (fetched here, not through the sync server). */
static bool
config_feed(const struct config *cfg, const char *url)
{
	size_t i;

	for (i = 0; i < cfg->nfeeds; i++)
		if (!strcmp(cfg->feeds[i].url, url))
			return true;
	return false;
}

void
app_refresh(struct app *a, const char *const *urls, size_t n)
{
	if (app_sync_mode(a) && (n == 0 || !config_feed(a->cfg, urls[0]))) {
		/* The server brings every feed of its own at once; the feed lines after it. */
		a->refresh_after_sync = a->cfg->nfeeds > 0;
		app_sync_now(a);
		return;
	}
	app_refresh_feeds(a, urls, n);
}

void
app_refresh_feeds(struct app *a, const char *const *urls, size_t n)
{
	struct bl_err err;
	unsigned flags = a->refresh_force ? REFRESH_FORCE : 0;

	if (a->refresh) {
		app_message(a, false, "a refresh is already running");
		return;
	}
	a->refresh_force = false;
	a->refresh_since = (int64_t)time(NULL) - 1;
	if (!(a->refresh = refresh_start(a->store, a->cfg, urls, n, flags, on_result, a, &err))) {
		app_message(a, true, "%s", err.msg);
		return;
	}
	buf_reset(&a->msg);
	app_changed(a, CH_STATUS);
}

/*
 * The next automatic refresh: refresh-interval after now (after the last
 * one ended), or when a feed is due sooner (interval=).
 */
void
app_schedule_refresh(struct app *a)
{
	int64_t in = a->cfg->refresh_interval_s, due_in = a->next_due - schedule_now();

	if (in <= 0) {
		a->next_refresh = 0;
		return;
	}
	if (a->next_due && due_in < in)
		in = due_in < 1 ? 1 : due_in;
	a->next_refresh = clock_ms() + in * 1000;
}

/* "; 3 not due (the next at 17:40 UTC)", or nothing, for the end of a refresh's message. */
static void
not_due_words(char *out, size_t n, const struct refresh_progress *p)
{
	time_t t = (time_t)p->next_due;
	struct tm tm;
	char when[32] = "";

	out[0] = '\0';
	if (!p->not_due)
		return;
	gmtime_r(&t, &tm);
	if (p->next_due)
		strftime(when, sizeof(when), " (the next at %H:%M UTC)", &tm);
	snprintf(out, n, "; %zu not due yet%s", p->not_due, when);
}

static void
refresh_finish(struct app *a)
{
	struct refresh_progress p;
	char *problem = xstrdup_null(refresh_error(a->refresh)), later[80];
	size_t n;

	refresh_get_progress(a->refresh, &p);
	refresh_free(&a->refresh);
	n = p.total - p.not_due;
	not_due_words(later, sizeof(later), &p);
	a->next_due = p.next_due;
	if (problem)
		app_message(a, true, "%s", problem);
	else if (p.failed)
		app_message(a, true, "refreshed %zu feed%s: %zu new article%s, %zu failed (! in "
			    "the feeds list; select one to see why)%s", n, n == 1 ? "" : "s",
			    p.new_items, p.new_items == 1 ? "" : "s", p.failed, later);
	else
		app_message(a, false, "refreshed %zu feed%s: %zu new article%s%s", n,
			    n == 1 ? "" : "s", p.new_items, p.new_items == 1 ? "" : "s", later);
	free(problem);
	a->refresh_dirty = false;
	a->index_pending = true;
	a->index_left = SIZE_MAX;
	app_changed(a, CH_DATA);
	app_schedule_refresh(a);
}

static bool
idle(struct app *a, int64_t t)
{
	return !a->refresh && !a->sync && !a->prompting && t - a->last_key >= IDLE_MS;
}

/*
 * While idle, indexes a slice of the articles refreshes left waiting, so a
 * search finds them at once. A slice is sized to take about SLICE_MS: a key
 * pressed meanwhile waits no longer than that.
 */
void
app_index_tick(struct app *a)
{
	int64_t t = clock_ms(), took;
	size_t left = 0;
	struct bl_err err;

	if (!a->index_pending || !idle(a, t))
		return;
	if (store_index(a->store, a->index_slice, &left, &err)) {
		app_message(a, true, "%s", err.msg);
		a->index_pending = false;
		return;
	}
	took = clock_ms() - t;
	if (took > 2 * SLICE_MS && a->index_slice > 1)
		a->index_slice /= 2;
	else if (took < SLICE_MS / 2 && a->index_slice < SLICE_MAX)
		a->index_slice *= 2;
	/* No progress (another process queues as fast): leave the rest to the next search. */
	a->index_pending = left > 0 && left < a->index_left;
	a->index_left = left;
}

void
app_refresh_tick(struct app *a)
{
	int64_t t = clock_ms();

	if (!a->refresh) {
		if (a->next_refresh && t >= a->next_refresh) {
			app_refresh(a, NULL, 0);
			if (!a->refresh)	/* could not start: try again an interval later */
				app_schedule_refresh(a);
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

/* How often the reader looks whether another process changed the database. */
#define DATA_CHECK_MS 400

void
app_store_tick(struct app *a)
{
	int64_t t = clock_ms(), v;
	struct bl_err err;

	/* During a refresh the lists reload as feeds come in anyway. */
	if (a->refresh || t - a->data_checked < DATA_CHECK_MS)
		return;
	a->data_checked = t;
	if (store_data_version(a->store, &v, &err))
		return;
	if (a->data_version && v != a->data_version)
		app_changed(a, CH_DATA);
	a->data_version = v;
}

int
app_background_timeout(struct app *a)
{
	int64_t idle_in;

	if ((idle_in = feeds_view_counts_due_in(a->stack[0])) >= 0)	/* the query lines' counts */
		return (int)idle_in;
	if (a->refresh || fulltext_count(a->fulltext))
		return 100;
	if (a->downloads && downloader_count(a->downloads))	/* progress on the status line */
		return a->sync || a->marks_due ? app_sync_timeout(a, 250) : 250;
	if (a->sync || a->marks_due)
		return app_sync_timeout(a, TICK_MS);
	if (a->index_pending && !a->prompting) {
		/* Index slices follow one another while no key comes. */
		idle_in = a->last_key + IDLE_MS - clock_ms();
		return idle_in <= 0 ? 0 : idle_in < TICK_MS ? (int)idle_in : TICK_MS;
	}
	return TICK_MS;
}

void
app_background_init(struct app *a)
{
	a->index_pending = true;	/* `byline refresh` may have left articles to index */
	a->index_left = SIZE_MAX;
	a->index_slice = 8;
	a->last_key = clock_ms();
	app_schedule_refresh(a);
}
