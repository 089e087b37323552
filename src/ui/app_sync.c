/* Sync in the reader's loop: full runs (R, S, the timers) and short runs that send marks soon after the key press. */
#include <stdlib.h>
#include <string.h>

#include "byline/clock.h"
#include "byline/mem.h"
#include "byline/store_sync.h"
#include "byline/sync.h"
#include "app_int.h"

#define MARKS_DELAY_MS 100	/* a mark waits this long, so a burst of keys goes in one send */
#define RETRY_FIRST_MS 5000	/* marks not sent: the next try, doubled each time ... */
#define RETRY_MAX_MS 300000	/* ... up to this */
#define SYNC_RELOAD_MS 300	/* during a sync, lists reload at most this often */

void
app_sync_init(struct app *a)
{
	struct bl_err err;

	if (!a->cfg->sync)
		return;
	/* Before the screen starts: a password command may ask on the terminal. */
	if (!(a->sync_password = sync_password(a->cfg->sync, &err)))
		app_message(a, true, "sync: %s", err.msg);
	a->sync_session = sync_session_create();	/* a mark then needs no login of its own */
}

bool
app_sync_mode(const struct app *a)
{
	return a->cfg->sync != NULL;
}

static bool
start(struct app *a, bool marks_only)
{
	struct sync_options opt = { .marks_only = marks_only, .password = a->sync_password,
				    .session = a->sync_session };
	struct bl_err err;

	if (!a->sync_password) {
		app_message(a, true, "sync: no password (see the sync line of %s); restart the "
			    "reader once it is mended", a->cfg->path ? a->cfg->path : "the config");
		return false;
	}
	if (!(a->sync = sync_start(a->store, a->cfg, &opt, &err))) {
		app_message(a, true, "sync: %s", err.msg);
		return false;
	}
	a->sync_marks_only = marks_only;
	a->sync_new_seen = 0;
	app_changed(a, CH_STATUS);
	return true;
}

void
app_sync_now(struct app *a)
{
	if (!app_sync_mode(a)) {
		app_message(a, true, "no sync line in %s: add one such as `sync greader "
			    "https://host/api/greader.php user=NAME password-command=\"pass show "
			    "rss\"` (byline-config(5), SYNC)", a->cfg->path ? a->cfg->path : "the config");
		return;
	}
	if (a->sync && !a->sync_marks_only) {
		app_message(a, false, "a sync is already running");
		return;
	}
	if (a->sync) {
		a->sync_wanted = true;	/* after the marks that are on their way */
		return;
	}
	buf_reset(&a->msg);
	start(a, false);
}

static void
say_done(struct app *a, const struct sync_progress *p)
{
	if (a->sync_marks_only)
		return;		/* marks went out as asked: nothing to say */
	app_message(a, false, "synced: %zu feed%s, %zu new article%s, %zu mark%s sent, %zu flag%s "
		    "changed by the server%s", p->feeds, p->feeds == 1 ? "" : "s", p->new_items,
		    p->new_items == 1 ? "" : "s", p->marks_sent, p->marks_sent == 1 ? "" : "s",
		    p->flags_changed, p->flags_changed == 1 ? "" : "s",
		    p->warnings ? " (with warnings: byline sync lists them)" : "");
}

/* The reason of a failure without the server's address in front: the status line is short. */
static const char *
reason(const struct app *a, const char *msg)
{
	size_t n = strlen(a->cfg->sync->url);

	return !strncmp(msg, a->cfg->sync->url, n) && !strncmp(msg + n, ": ", 2) ? msg + n + 2 : msg;
}

static void
finish(struct app *a)
{
	struct sync_progress p;
	struct bl_err err;
	enum bl_status st = sync_finish(a->sync, &err);
	const char *why = st ? reason(a, err.msg) : NULL;

	sync_get_progress(a->sync, &p);
	if (st) {
		/* A server that is down is a line here, never a dialog; the marks stay queued. */
		a->marks_retry_ms = a->marks_retry_ms ? a->marks_retry_ms * 2 : RETRY_FIRST_MS;
		if (a->marks_retry_ms > RETRY_MAX_MS)
			a->marks_retry_ms = RETRY_MAX_MS;
		if (p.marks_waiting)	/* what was kept first: the reason can be long */
			app_message(a, true, "sync failed, %zu mark%s kept (sent again in %d s): %s",
				    p.marks_waiting, p.marks_waiting == 1 ? "" : "s",
				    (int)(a->marks_retry_ms / 1000), why);
		else
			app_message(a, true, "sync: %s", why);
		a->marks_due = clock_ms() + a->marks_retry_ms;
	} else {
		a->marks_retry_ms = 0;
		a->marks_due = 0;
		say_done(a, &p);
	}
	if (!a->sync_marks_only) {
		a->index_pending = true;
		a->index_left = SIZE_MAX;
		app_schedule_refresh(a);
	}
	sync_free(&a->sync);
	app_changed(a, CH_DATA);
	if (!a->sync_marks_only && a->refresh_after_sync) {
		a->refresh_after_sync = false;
		app_refresh_feeds(a, NULL, 0);	/* the message of the sync is on the line until then */
	}
}

/* Marks wait in the store's queue (the triggers put them there): send them soon. */
static void
marks_tick(struct app *a, int64_t t)
{
	struct bl_err err;
	int64_t n = 0;

	if (store_sync_queue_count(a->store, &n, &err) || n == 0) {
		a->marks_due = 0;
		a->marks_retry_ms = 0;
		return;
	}
	if (!a->marks_due)
		a->marks_due = t + MARKS_DELAY_MS;
	if (t >= a->marks_due && !start(a, true))
		a->marks_due = t + RETRY_MAX_MS;	/* could not even start: said once */
}

void
app_sync_tick(struct app *a)
{
	struct sync_progress p;
	int64_t t = clock_ms();

	if (!app_sync_mode(a))
		return;
	if (!a->sync) {
		if (a->sync_wanted) {
			a->sync_wanted = false;
			start(a, false);
		} else if (a->sync_password)
			marks_tick(a, t);
		return;
	}
	sync_step(a->sync);
	if (sync_done(a->sync)) {
		finish(a);
		return;
	}
	sync_get_progress(a->sync, &p);
	/* Lists update in place while articles come in, but not for every page. */
	if (p.new_items != a->sync_new_seen && t - a->last_reload >= SYNC_RELOAD_MS) {
		a->sync_new_seen = p.new_items;
		a->last_reload = t;
		app_changed(a, CH_DATA);
	}
	app_changed(a, CH_STATUS);
}

int
app_sync_timeout(struct app *a, int timeout)
{
	int64_t in;

	if (a->sync)
		return timeout < 100 ? timeout : 100;
	if (!a->marks_due)
		return timeout;
	in = a->marks_due - clock_ms();
	if (in <= 0)
		return 0;
	return in < timeout ? (int)in : timeout;
}

void
app_sync_status(struct app *a, struct buf *right)
{
	struct sync_progress p;

	if (!a->sync)
		return;
	sync_get_progress(a->sync, &p);
	if (a->sync_marks_only)
		buf_printf(right, "sync: %s", p.doing);
	else
		buf_printf(right, "syncing: %s, %zu new", p.doing, p.new_items);
}

void
app_sync_free(struct app *a)
{
	sync_free(&a->sync);
	sync_secret_free(&a->sync_password);
	sync_session_destroy(&a->sync_session);
}
