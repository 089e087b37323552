/* Reader mode in the background: articles' web pages fetched politely, extracted and stored with the article. */
#ifndef BYLINE_FULLTEXT_H
#define BYLINE_FULLTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/err.h"
#include "byline/fetch.h"
#include "byline/store.h"

/*
 * One web page being downloaded for the extractor: its bytes (at most
 * EXTRACT_MAX_PAGE), the URL they came from after redirects and the HTTP
 * charset. Fill a zeroed one through page_download_callbacks; `done` is set
 * by on_done; page_download_clear frees what it holds.
 */
struct page_download {
	struct buf body;
	char *doc_url;
	char *charset;
	bool done;
	enum fetch_outcome outcome;
	char error[512];
};
extern const struct fetch_callbacks page_download_callbacks;
void page_download_clear(struct page_download *d);

/*
 * A queue of articles whose full text is wanted. Pages are fetched with
 * the config's fetcher settings (timeout, max-size, user agent, proxy,
 * max-per-host), and at most FULLTEXT_HOST_RATE pages a second start on one
 * host. Each page is extracted (extract.h) and the article's HTML stored
 * with store_fulltext_put; nothing is stored when the page cannot be
 * fetched or holds no article. Like the refresh engine it never blocks for
 * long: the caller alternates fulltext_wait and fulltext_step.
 * The store and config must outlive the queue.
 */
#define FULLTEXT_HOST_RATE 2
struct fulltext;

/* How one article ended; the strings are valid during the call only. */
struct fulltext_result {
	int64_t rowid;
	bool ok;
	const char *url;	/* the article's link */
	const char *error;	/* words, when !ok ("no article found: ...") */
};
typedef void (*fulltext_done_fn)(void *ud, const struct fulltext_result *r);

struct fulltext *fulltext_create(struct store *s, const struct config *cfg,
				 fulltext_done_fn done, void *ud, struct bl_err *err);
/* Stops what is running (nothing half-stored: a page is stored whole or not at all). */
void fulltext_destroy(struct fulltext **fp);
/*
 * Whether url is a web page's address (http or https): an article's link
 * comes from the feed, and a hostile feed's file: link must not make byline
 * read a local file into the database.
 */
bool fulltext_url_ok(const char *url);
/*
 * Queues rowid's page at url; nothing when it is already queued. False, and
 * nothing queued, when url is not fulltext_url_ok.
 */
bool fulltext_add(struct fulltext *f, int64_t rowid, const char *url);
/*
 * For a refresh's result: when the feed at feed_url is fulltext=yes in the
 * config, queues its articles first seen at or after `since` (seconds) that
 * have no full text yet, newest first, at most FULLTEXT_NEW_MAX of them
 * (those whose link is no web address are left out).
 */
#define FULLTEXT_NEW_MAX 50
enum bl_status fulltext_add_new(struct fulltext *f, int64_t feed_id, const char *feed_url,
				int64_t since, struct bl_err *err);
/* Whether rowid is queued or being fetched. */
bool fulltext_pending(const struct fulltext *f, int64_t rowid);
/* Articles queued or being fetched. */
size_t fulltext_count(const struct fulltext *f);
/* As refresh_wait: a transfer can move, extra_fd is readable, or timeout_ms passes. */
void fulltext_wait(struct fulltext *f, int extra_fd, int timeout_ms, bool *extra_ready);
/* Starts what the host pacing allows, moves transfers on, stores pages that finished. */
void fulltext_step(struct fulltext *f);

#endif
