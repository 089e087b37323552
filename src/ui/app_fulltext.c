/* The full text of articles in the loop's background: pages fetched, the reader told, views reloaded. */
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include "byline/fulltext.h"
#include "byline/refresh.h"
#include "app_int.h"

/* While pages are on their way during a refresh, the loop looks at them this often. */
#define PAGES_MS 50

static void
on_page(void *ud, const struct fulltext_result *r)
{
	struct app *a = ud;

	/* The views reload: an article waiting for this page shows it, or stops waiting. */
	app_changed(a, CH_DATA);
	if (r->rowid != a->fulltext_asked)
		return;
	a->fulltext_asked = 0;
	if (r->ok)
		app_message(a, false, "the whole article, from its web page (f: the feed's text)");
	else
		app_message(a, true, "no full text from %s: %s (the feed's text stays)", r->url,
			    r->error);
}

static bool
ensure(struct app *a)
{
	struct bl_err err;

	if (!a->fulltext && !(a->fulltext = fulltext_create(a->store, a->cfg, on_page, a, &err)))
		app_message(a, true, "cannot fetch full texts: %s", err.msg);
	return a->fulltext != NULL;
}

void
app_fulltext_fetch(struct app *a, int64_t rowid, const char *url)
{
	if (!ensure(a) || !fulltext_add(a->fulltext, rowid, url))
		return;
	a->fulltext_asked = rowid;
	app_message(a, false, "fetching the whole article from %s ...", url);
}

void
app_fulltext_new(struct app *a, int64_t feed_id, const char *feed_url)
{
	const struct config_feed *cf = config_find_feed(a->cfg, feed_url);
	struct bl_err err;

	if (cf && cf->fulltext > 0 && ensure(a) &&
	    fulltext_add_new(a->fulltext, feed_id, feed_url, a->refresh_since, &err))
		app_message(a, true, "%s", err.msg);
}

bool
app_fulltext_pending(const struct app *a, int64_t rowid)
{
	return fulltext_pending(a->fulltext, rowid);
}

void
app_background_wait(struct app *a, int timeout_ms, bool *ready)
{
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	bool pages = fulltext_count(a->fulltext) > 0;

	*ready = false;
	if (a->refresh)
		refresh_wait(a->refresh, STDIN_FILENO,
			     pages && (timeout_ms < 0 || timeout_ms > PAGES_MS) ? PAGES_MS : timeout_ms,
			     ready);
	else if (pages)
		fulltext_wait(a->fulltext, STDIN_FILENO, timeout_ms, ready);
	else
		*ready = poll(&pfd, 1, timeout_ms) > 0;
}

void
app_fulltext_tick(struct app *a)
{
	if (fulltext_count(a->fulltext))
		fulltext_step(a->fulltext);
}
