/* The fetcher: many HTTP(S)/file transfers at once from one event loop (libcurl multi). */
#ifndef BYLINE_FETCH_H
#define BYLINE_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/err.h"

/* Limits and identity for every transfer of a fetcher. */
struct fetch_options {
	int max_connections;	/* transfers at once (>= 1) */
	int max_per_host;	/* transfers at once to one host (>= 1) */
	int timeout;		/* seconds a transfer may stall; also the connect timeout */
	int64_t max_size;	/* largest response, counted on decoded bytes */
	const char *user_agent;	/* NULL: "byline/VERSION" */
	const char *proxy;	/* NULL: from the environment (http_proxy, ...) */
};

/* One request. The strings are copied by fetcher_add. */
struct fetch_request {
	const char *url;		/* http, https or file */
	const char *etag;		/* validator from the last fetch, or NULL */
	const char *last_modified;	/* validator from the last fetch, or NULL */
	/* For API calls (sync): all optional, zero for a feed. */
	const char *post;		/* a POST with this body (post_len bytes), or NULL: GET */
	size_t post_len;
	const char *content_type;	/* of the POST body, or NULL */
	const char *const *headers;	/* more request headers ("Name: value"), NULL-terminated */
	bool no_redirects;		/* a 3xx is the answer (credentials go to no other URL) */
};

enum fetch_outcome {
	FETCH_OK,		/* 2xx (or a file): the body went to on_body */
	FETCH_NOT_MODIFIED,	/* 304: the stored copy is current */
	FETCH_GONE,		/* 410: the feed was removed for good */
	FETCH_RETRY_LATER,	/* 429 or 503: the server asked to wait */
	FETCH_ERROR,		/* anything else; see error */
};

/* How a transfer ended. Strings are owned by the fetcher, valid during on_done. */
struct fetch_result {
	enum fetch_outcome outcome;
	long status;			/* HTTP status of the last response, 0 for file/none */
	const char *error;		/* words, for FETCH_ERROR/GONE/RETRY_LATER */
	const char *effective_url;	/* where the body came from, after redirects */
	const char *permanent_url;	/* set when every redirect was 301/308 */
	const char *location;		/* a 3xx's Location (no_redirects), or NULL */
	const char *etag;		/* validators of the last response, or NULL */
	const char *last_modified;
	const char *cache_control;	/* Cache-Control, Expires and Date of a 2xx or 304, or NULL */
	const char *expires;
	const char *date;
	int64_t retry_after;		/* seconds to wait (clamped), or -1 */
	int64_t bytes;			/* decoded body bytes received */
};

/*
 * What the fetcher tells the owner of a request. Called from fetcher_step.
 * on_body gets a 2xx response's decoded bytes as they arrive; charset is
 * the Content-Type's charset (or NULL), doc_url the URL after redirects.
 * It returns BL_ERR with a message to stop the transfer (the message
 * becomes the result's error). on_done is called once per request, last.
 */
struct fetch_callbacks {
	enum bl_status (*on_body)(void *ud, const char *buf, size_t len, const char *doc_url,
				  const char *charset, struct bl_err *err);
	void (*on_done)(void *ud, const struct fetch_result *res);
};

struct fetcher;

/*
 * The host a fetcher counts url under for max_per_host: curl's reading of
 * it, lower case, without user name or port ("" when url has none). The
 * caller frees it.
 */
char *fetch_host(const char *url);

/* Returns NULL with a message when libcurl cannot be set up. */
struct fetcher *fetcher_new(const struct fetch_options *opt, struct bl_err *err);
/* Queues a request; it starts when the connection limits allow. */
void fetcher_add(struct fetcher *f, const struct fetch_request *req,
		 const struct fetch_callbacks *cb, void *ud);
/*
 * Waits until a transfer can move, extra_fd (if >= 0) is readable, or
 * timeout_ms passes (curl's own timers and stall deadlines may shorten the
 * wait; a negative timeout_ms waits until one of those).
 */
void fetcher_wait(struct fetcher *f, int extra_fd, int timeout_ms, bool *extra_ready);
/* Moves transfers on without blocking; calls the callbacks; starts queued requests. */
void fetcher_step(struct fetcher *f);
/* Makes a fetcher_wait in progress return; the only call safe from another thread. */
void fetcher_wakeup(struct fetcher *f);
/* While held, queued requests wait and running ones go on; released, they start. */
void fetcher_hold(struct fetcher *f, bool hold);
/* Requests queued or running. Exported for the unit tests (test_fetch) only. */
size_t fetcher_pending(const struct fetcher *f);
/* Stops every transfer without calling on_done, and frees. Accepts NULL. */
void fetcher_free(struct fetcher **fp);

/*
 * The charset parameter of a Content-Type value, or NULL when absent or
 * not a plausible charset name. Caller frees. fetch.c's own; exported for
 * the unit tests (test_fetch).
 */
char *fetch_content_type_charset(const char *content_type);

#endif
