/* The fetcher: libcurl multi transfers with queues, per-host limits, size caps and errors in words. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "byline/clock.h"
#include "byline/fetch.h"
#include "byline/mem.h"
#include "byline/version.h"
#include "curl_load.h"

/* A transfer slower than this many bytes a second for `timeout` seconds has stalled. */
#define FETCH_LOW_SPEED 10
#define FETCH_MAX_REDIRS 5
/* Longest wait a server may ask for with Retry-After. */
#define FETCH_RETRY_MAX (7 * 24 * 3600)
/* Longest validator we keep and send back. */
#define FETCH_VALIDATOR_MAX 512

enum stop_reason {
	STOP_NONE,
	STOP_STATUS,		/* not a 2xx: the body is not wanted */
	STOP_TOO_BIG,		/* past max-size */
	STOP_CONSUMER,		/* on_body said no (e.g. not a feed) */
	STOP_STALLED,		/* no byte for `timeout` seconds */
};

struct transfer {
	struct fetcher *f;
	struct transfer *next;		/* in the queue */
	CURL *easy;
	struct curl_slist *headers;
	char *url;			/* of this hop */
	char *host;			/* of this hop: key for the per-host limit */
	int redirects;			/* followed so far */
	char *if_none_match;		/* validators to send */
	char *if_modified_since;
	char *post;			/* POST body (post_len bytes), or NULL */
	size_t post_len;
	bool no_redirects;
	struct fetch_callbacks cb;
	void *ud;

	long code;			/* status of the response being received */
	bool all_permanent;		/* every redirect followed was 301/308 */
	char *etag, *last_modified, *content_type, *charset;
	char *cache_control, *expires, *date;	/* for the feed's next due time */
	bool charset_known;
	int64_t bytes;
	double started;			/* monotonic seconds */
	double last_rx;			/* when body bytes last came (headers do not count) */
	double headers_at;		/* when the final response's headers ended, or 0 */
	enum stop_reason stop;
	char *stop_msg;
	char errbuf[CURL_ERROR_SIZE];
};

struct host_count {
	char *host;
	int n;
};

struct fetcher {
	CURLM *multi;
	int max_connections, max_per_host, timeout;
	int64_t max_size;
	char *user_agent, *proxy;
	struct transfer *queue, *queue_tail;	/* waiting, in order */
	struct transfer *active;		/* running */
	size_t nqueued, nrunning;
	bool held;			/* fetcher_hold: start nothing new */
	struct host_count *hosts;
	size_t nhosts;
};

/* ---- small helpers ---- */

char *
fetch_host(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *out;
	size_t i;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_HOST, &host, 0);
	out = xstrdup(host ? host : "");
	curl_free(host);
	curl_url_cleanup(u);
	for (i = 0; out[i]; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	return out;
}

static struct host_count *
host_slot(struct fetcher *f, const char *host)
{
	size_t i;

	for (i = 0; i < f->nhosts; i++)
		if (!strcmp(f->hosts[i].host, host))
			return &f->hosts[i];
	f->hosts = xreallocarray(f->hosts, f->nhosts + 1, sizeof(*f->hosts));
	f->hosts[f->nhosts].host = xstrdup(host);
	f->hosts[f->nhosts].n = 0;
	return &f->hosts[f->nhosts++];
}

/* A header value we may keep and send back: bounded, no control bytes. */
static bool
header_value_ok(const char *v, size_t len)
{
	size_t i;

	if (len == 0 || len > FETCH_VALIDATOR_MAX)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return false;
	return true;
}

char *
fetch_content_type_charset(const char *ct)
{
	const char *p, *end;
	size_t n, i;

	if (!ct)
		return NULL;
	for (p = ct; (p = strchr(p, ';')); ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset=", 8))
			continue;
		p += 8;
		if (*p == '"')
			p++;
		for (end = p; *end && *end != '"' && *end != ';' && *end != ' '; end++)
			;
		n = (size_t)(end - p);
		if (n == 0 || n > 40)
			return NULL;
		for (i = 0; i < n; i++)
			if (!isalnum((unsigned char)p[i]) && !strchr("-_.:+", p[i]))
				return NULL;
		return xstrndup(p, n);
	}
	return NULL;
}

/* "64 MiB", "512 KiB", "100 bytes". */
static void
format_size(char *out, size_t n, int64_t bytes)
{
	if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
		snprintf(out, n, "%lld MiB", (long long)(bytes / (1024 * 1024)));
	else if (bytes >= 1024 && bytes % 1024 == 0)
		snprintf(out, n, "%lld KiB", (long long)(bytes / 1024));
	else
		snprintf(out, n, "%lld bytes", (long long)bytes);
}

static const char *
status_reason(long code)
{
	static const struct {
		long code;
		const char *reason;
	} reasons[] = {
		{ 204, "No Content" }, { 300, "Multiple Choices" },
		{ 301, "Moved Permanently" }, { 302, "Found" }, { 303, "See Other" },
		{ 305, "Use Proxy" }, { 307, "Temporary Redirect" },
		{ 308, "Permanent Redirect" }, { 400, "Bad Request" },
		{ 401, "Unauthorized" }, { 402, "Payment Required" }, { 403, "Forbidden" },
		{ 404, "Not Found" }, { 405, "Method Not Allowed" },
		{ 406, "Not Acceptable" }, { 407, "Proxy Authentication Required" },
		{ 408, "Request Timeout" }, { 410, "Gone" }, { 429, "Too Many Requests" },
		{ 451, "Unavailable For Legal Reasons" }, { 500, "Internal Server Error" },
		{ 501, "Not Implemented" }, { 502, "Bad Gateway" },
		{ 503, "Service Unavailable" }, { 504, "Gateway Timeout" },
	};
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == code)
			return reasons[i].reason;
	return "";
}

/* ---- libcurl callbacks ---- */

static void
keep_header(char **slot, const char *v, size_t len)
{
	free(*slot);
	*slot = header_value_ok(v, len) ? xstrndup(v, len) : NULL;
}

/* The headers kept of a response, forgotten when another begins. */
static void
forget_headers(struct transfer *t)
{
	free(t->etag);
	free(t->last_modified);
	free(t->content_type);
	t->etag = t->last_modified = t->content_type = NULL;
	free(t->cache_control);
	free(t->expires);
	free(t->date);
	t->cache_control = t->expires = t->date = NULL;
}

/* A new response begins: forget the previous one's headers. */
static void
on_status_line(struct transfer *t, const char *line)
{
	long code = 0;

	if (sscanf(line, "HTTP/%*s %ld", &code) != 1 || code < 200)
		return;		/* 1xx interim responses change nothing */
	t->code = code;
	t->headers_at = 0;
	forget_headers(t);
}

static size_t
on_header(char *data, size_t size, size_t nitems, void *ud)
{
	struct transfer *t = ud;
	size_t len = size * nitems, nlen;
	const char *colon, *v;

	if ((len == 2 && data[0] == '\r') || (len == 1 && data[0] == '\n')) {
		if (t->code >= 200 && !t->headers_at)
			t->headers_at = clock_s();	/* the blank line: headers complete */
		return len;
	}
	if (len >= 5 && !strncmp(data, "HTTP/", 5)) {
		char line[64];

		snprintf(line, sizeof(line), "%.*s", (int)(len < 63 ? len : 63), data);
		on_status_line(t, line);
		return len;
	}
	colon = memchr(data, ':', len);
	if (!colon || t->code == 0)
		return len;	/* file:// pseudo-headers carry no validators */
	nlen = (size_t)(colon - data);
	v = colon + 1;
	while (v < data + len && (*v == ' ' || *v == '\t'))
		v++;
	while (len > 0 && (data[len - 1] == '\r' || data[len - 1] == '\n' || data[len - 1] == ' '))
		len--;
	if (v > data + len)
		return size * nitems;
	if (nlen == 4 && !strncasecmp(data, "ETag", 4))
		keep_header(&t->etag, v, (size_t)(data + len - v));
	else if (nlen == 13 && !strncasecmp(data, "Last-Modified", 13))
		keep_header(&t->last_modified, v, (size_t)(data + len - v));
	else if (nlen == 12 && !strncasecmp(data, "Content-Type", 12))
		keep_header(&t->content_type, v, (size_t)(data + len - v));
	else if (nlen == 13 && !strncasecmp(data, "Cache-Control", 13))
		keep_header(&t->cache_control, v, (size_t)(data + len - v));
	else if (nlen == 7 && !strncasecmp(data, "Expires", 7))
		keep_header(&t->expires, v, (size_t)(data + len - v));
	else if (nlen == 4 && !strncasecmp(data, "Date", 4))
		keep_header(&t->date, v, (size_t)(data + len - v));
	return size * nitems;
}

static size_t
on_write(char *data, size_t size, size_t nmemb, void *ud)
{
	struct transfer *t = ud;
	size_t len = size * nmemb;
	struct bl_err err = { "" };
	char *doc_url = NULL;

	t->last_rx = clock_s();
	t->bytes += (int64_t)len;	/* a redirect's body counts too: it could be endless */
	if (t->bytes > t->f->max_size) {
		t->stop = STOP_TOO_BIG;
		return 0;
	}
	if (t->code >= 300 && t->code < 400)
		return len;	/* a redirect's body: the fetcher follows it */
	if (t->code != 0 && (t->code < 200 || t->code > 299)) {
		t->stop = STOP_STATUS;
		return 0;	/* an error page: not wanted */
	}
	if (!t->charset_known) {
		t->charset = fetch_content_type_charset(t->content_type);
		t->charset_known = true;
	}
	if (!t->cb.on_body)
		return len;
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &doc_url);
	if (t->cb.on_body(t->ud, data, len, doc_url, t->charset, &err) != BL_OK) {
		t->stop = STOP_CONSUMER;
		t->stop_msg = xstrdup(err.msg);
		return 0;
	}
	return len;
}

/* ---- errors in words ---- */

/*
 * Words for a timeout, from what the transfer got before it: our stall
 * check and libcurl's low-speed limit may both have passed by the time a
 * loaded machine looks, so which of them fired says nothing.
 */
static void
timeout_words(const struct transfer *t, char *out, size_t n)
{
	double now = clock_s(), quiet_since;
	curl_off_t connected = 0;
	int to = t->f->timeout;

	curl_easy_getinfo(t->easy, CURLINFO_CONNECT_TIME_T, &connected);
	quiet_since = t->last_rx > 0 ? t->last_rx : t->headers_at;
	if (connected <= 0 && t->code == 0)
		snprintf(out, n, "could not connect within %d s", to);
	else if (t->stop != STOP_STALLED && now - t->started >= 20.0 * to)
		snprintf(out, n, "took longer than %d s in all", 20 * to);
	else if (!t->headers_at)
		snprintf(out, n, "no response from the server within %d s", to);
	else if (now - quiet_since >= to)
		snprintf(out, n, "timed out after %d s without data", to);
	else
		snprintf(out, n, "too slow: less than %d bytes a second for %d s",
			 FETCH_LOW_SPEED, to + 1);
}

static void
connect_words(const struct transfer *t, const char *detail, char *out, size_t n)
{
	long oserr = 0;

	curl_easy_getinfo(t->easy, CURLINFO_OS_ERRNO, &oserr);
	if (oserr)
		snprintf(out, n, "could not connect to %s: %s", t->host, strerror((int)oserr));
	else
		snprintf(out, n, "could not connect: %s", detail);
}

static void
curl_words(const struct transfer *t, CURLcode rc, char *out, size_t n)
{
	const char *detail = t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc);

	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		timeout_words(t, out, n);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(out, n, "host not found: %s (no network, or a wrong address?)",
			 t->host[0] ? t->host : detail);
		break;
	case CURLE_COULDNT_RESOLVE_PROXY:
		snprintf(out, n, "proxy not found: %s", detail);
		break;
	case CURLE_COULDNT_CONNECT:
		connect_words(t, detail, out, n);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		snprintf(out, n, "too many redirects (more than %d)", FETCH_MAX_REDIRS);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		snprintf(out, n, "unsupported URL scheme (byline fetches http, https and file; "
			 "redirects only to http and https): %s", detail);
		break;
	case CURLE_URL_MALFORMAT:
		snprintf(out, n, "not a valid URL: %s", detail);
		break;
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2_STREAM:
		snprintf(out, n, "connection broke before the response was complete (%s)", detail);
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		snprintf(out, n, "response is corrupt: bad compression (%s)", detail);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
		snprintf(out, n, "TLS failed, the connection is not safe: %s", detail);
		break;
	case CURLE_FILE_COULDNT_READ_FILE:
		snprintf(out, n, "cannot read the file: %s", detail);
		break;
	default:
		snprintf(out, n, "%s", detail);
		break;
	}
}

/* ---- starting and finishing transfers ---- */

/* A POST body and an API call's own headers (fetch_request.post, .headers). */
static void
add_api_parts(struct transfer *t, const struct fetch_request *req)
{
	const char *const *h;
	char *ct;

	for (h = req->headers; h && *h; h++)
		t->headers = curl_slist_append(t->headers, *h);
	if (!req->post)
		return;
	t->post = xmalloc(req->post_len + 1);
	memcpy(t->post, req->post, req->post_len);
	t->post[req->post_len] = '\0';
	t->post_len = req->post_len;
	if (req->content_type) {
		ct = xasprintf("Content-Type: %s", req->content_type);
		t->headers = curl_slist_append(t->headers, ct);
		free(ct);
	}
	t->headers = curl_slist_append(t->headers, "Expect:");	/* no 100-continue round trip */
}

static void
add_validators(struct transfer *t)
{
	char *h;

	if (t->if_none_match) {
		h = xasprintf("If-None-Match: %s", t->if_none_match);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (t->if_modified_since) {
		h = xasprintf("If-Modified-Since: %s", t->if_modified_since);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	t->headers = curl_slist_append(t->headers,
		"Accept: application/rss+xml, application/atom+xml, application/feed+json, "
		"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.8");
}

static void
set_options(struct transfer *t)
{
	struct fetcher *f = t->f;
	CURL *e = t->easy;

	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* Redirects are followed by the fetcher, through its queue: see follow_redirect. */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)f->timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)FETCH_LOW_SPEED);
	/* A plain stall is caught first, by stall_deadline (its words are clearer). */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)f->timeout + 1);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, 20L * f->timeout);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->max_size);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, f->user_agent);
	if (f->proxy)
		curl_easy_setopt(e, CURLOPT_PROXY, f->proxy);
	/* A proxy's answer to CONNECT is not the server's response (nor its headers). */
	curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	add_validators(t);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
	if (t->post) {
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t->post_len);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->post);
	}
}

static void
transfer_free(struct transfer *t)
{
	if (t->easy) {
		curl_multi_remove_handle(t->f->multi, t->easy);
		curl_easy_cleanup(t->easy);
	}
	curl_slist_free_all(t->headers);
	free(t->url);
	free(t->host);
	free(t->if_none_match);
	free(t->if_modified_since);
	if (t->post)
		explicit_bzero(t->post, t->post_len);	/* a login's body holds a password */
	free(t->post);
	forget_headers(t);
	free(t->charset);
	free(t->stop_msg);
	free(t);
}

static void
start(struct fetcher *f, struct transfer *t)
{
	if (!t->easy) {
		t->easy = curl_easy_init();
		if (!t->easy) {
			fprintf(stderr, "byline: libcurl could not create a transfer\n");
			abort();
		}
		set_options(t);
	}
	curl_easy_setopt(t->easy, CURLOPT_URL, t->url);
	/* A redirect may not lead to a file (or any other scheme). */
	curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR,
			 t->redirects ? "http,https" : "http,https,file");
	t->started = clock_s();
	host_slot(f, t->host)->n++;
	f->nrunning++;
	t->next = f->active;
	f->active = t;
	curl_multi_add_handle(f->multi, t->easy);
}

/* Starts queued requests, in order, as far as the limits allow. */
static void
start_queued(struct fetcher *f)
{
	struct transfer **pp = &f->queue, *t;

	if (f->held)
		return;
	f->queue_tail = NULL;
	while ((t = *pp) && f->nrunning < (size_t)f->max_connections) {
		if (host_slot(f, t->host)->n >= f->max_per_host) {
			f->queue_tail = t;
			pp = &t->next;
			continue;
		}
		*pp = t->next;
		t->next = NULL;
		f->nqueued--;
		start(f, t);
	}
	for (t = *pp; t; t = t->next)
		f->queue_tail = t;
}

static void
classify_status(struct transfer *t, struct fetch_result *res, char *msg, size_t n)
{
	curl_off_t wait = 0;

	if (res->status == 0 || (res->status >= 200 && res->status < 300)) {
		res->outcome = FETCH_OK;
	} else if (res->status == 304) {
		res->outcome = FETCH_NOT_MODIFIED;
	} else if (res->status == 410) {
		res->outcome = FETCH_GONE;
		snprintf(msg, n, "gone: the server answered 410 Gone (remove the feed)");
	} else if (res->status == 429 || res->status == 503) {
		res->outcome = FETCH_RETRY_LATER;
		curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &wait);
		if (wait > 0)
			res->retry_after = wait > FETCH_RETRY_MAX ? FETCH_RETRY_MAX : (int64_t)wait;
		snprintf(msg, n, "server answered %ld %s", res->status, status_reason(res->status));
	} else {
		res->outcome = FETCH_ERROR;
		snprintf(msg, n, "server answered %ld%s%s", res->status,
			 status_reason(res->status)[0] ? " " : "", status_reason(res->status));
	}
}

static void
finish(struct fetcher *f, struct transfer *t, CURLcode rc)
{
	struct fetch_result res = { .retry_after = -1 };
	char msg[1024] = "", size[32];
	char *eff = NULL;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &res.status);
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
	res.effective_url = eff ? eff : t->url;
	res.bytes = t->bytes;
	res.outcome = FETCH_ERROR;
	if (t->stop == STOP_TOO_BIG || rc == CURLE_FILESIZE_EXCEEDED) {
		format_size(size, sizeof(size), f->max_size);
		snprintf(msg, sizeof(msg), "response larger than %s (set max-size)", size);
	} else if (t->stop == STOP_CONSUMER) {
		snprintf(msg, sizeof(msg), "%s", t->stop_msg);
	} else if (t->stop == STOP_STALLED ||
		   (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && t->stop == STOP_STATUS))) {
		curl_words(t, rc, msg, sizeof(msg));
	} else {
		classify_status(t, &res, msg, sizeof(msg));
	}
	if (res.outcome == FETCH_OK || res.outcome == FETCH_NOT_MODIFIED) {
		res.etag = t->etag;
		res.last_modified = t->last_modified;
		res.cache_control = t->cache_control;
		res.expires = t->expires;
		res.date = t->date;
		if (t->redirects > 0 && t->all_permanent)
			res.permanent_url = res.effective_url;
	}
	if (t->no_redirects && res.status >= 300 && res.status < 400)
		curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, (char **)&res.location);
	res.error = msg[0] ? msg : NULL;
	if (t->cb.on_done)
		t->cb.on_done(t->ud, &res);
}

/* ---- the public interface ---- */

/* The configured User-Agent with %v standing for the version. */
static char *
user_agent(const char *conf)
{
	const char *v;

	if (!conf || !conf[0])
		return xstrdup("byline/" BYLINE_VERSION);
	v = strstr(conf, "%v");
	if (!v)
		return xstrdup(conf);
	return xasprintf("%.*s%s%s", (int)(v - conf), conf, BYLINE_VERSION, v + 2);
}

struct fetcher *
fetcher_new(const struct fetch_options *opt, struct bl_err *err)
{
	struct fetcher *f;

	if (curl_load_error()) {
		bl_err_set(err, "%s: install libcurl (Debian: libcurl4) to fetch feeds; reading "
			   "what is stored still works", curl_load_error());
		return NULL;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		bl_err_set(err, "libcurl could not be initialised");
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->multi = curl_multi_init();
	if (!f->multi) {
		free(f);
		curl_global_cleanup();
		bl_err_set(err, "libcurl could not be initialised");
		return NULL;
	}
	f->max_connections = opt->max_connections > 0 ? opt->max_connections : 1;
	f->max_per_host = opt->max_per_host > 0 ? opt->max_per_host : 1;
	f->timeout = opt->timeout > 0 ? opt->timeout : 30;
	f->max_size = opt->max_size > 0 ? opt->max_size : (int64_t)64 << 20;
	f->user_agent = user_agent(opt->user_agent);
	f->proxy = opt->proxy && opt->proxy[0] ? xstrdup(opt->proxy) : NULL;
	curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS, (long)f->max_connections);
	return f;
}

void
fetcher_add(struct fetcher *f, const struct fetch_request *req,
	    const struct fetch_callbacks *cb, void *ud)
{
	struct transfer *t = xcalloc(1, sizeof(*t));

	t->f = f;
	t->url = xstrdup(req->url);
	t->host = fetch_host(req->url);
	if (req->etag && header_value_ok(req->etag, strlen(req->etag)))
		t->if_none_match = xstrdup(req->etag);
	if (req->last_modified && header_value_ok(req->last_modified, strlen(req->last_modified)))
		t->if_modified_since = xstrdup(req->last_modified);
	t->cb = *cb;
	t->ud = ud;
	t->all_permanent = true;
	t->no_redirects = req->no_redirects;
	t->headers = NULL;
	add_api_parts(t, req);
	if (f->queue_tail)
		f->queue_tail->next = t;
	else
		f->queue = t;
	f->queue_tail = t;
	f->nqueued++;
	start_queued(f);
}

/*
 * When the transfer counts as stalled: `timeout` seconds after its last
 * body byte (or after connecting, before any: a server that sends a
 * status line and then nothing is stalled too). Negative while still
 * connecting (CURLOPT_CONNECTTIMEOUT covers that).
 */
static double
stall_deadline(const struct transfer *t)
{
	curl_off_t connect_us = 0;

	if (t->last_rx > 0)
		return t->last_rx + t->f->timeout;
	curl_easy_getinfo(t->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
	if (connect_us <= 0)
		return -1;
	return t->started + connect_us / 1e6 + t->f->timeout;
}

/* Milliseconds until the first stall deadline, or `ms` if that is sooner. */
static int
cap_to_deadlines(const struct fetcher *f, int ms)
{
	const struct transfer *t;
	double now = clock_s(), d;

	if (ms < 0)
		ms = 60000;	/* "for ever": curl's timers and the deadlines shorten it */
	for (t = f->active; t; t = t->next) {
		d = stall_deadline(t);
		if (d < 0)
			continue;
		d = (d - now) * 1000 + 1;
		if (d < ms)
			ms = d < 0 ? 0 : (int)d;
	}
	return ms;
}

void
fetcher_wait(struct fetcher *f, int extra_fd, int timeout_ms, bool *extra_ready)
{
	struct curl_waitfd wfd = { .fd = extra_fd, .events = CURL_WAIT_POLLIN };
	int n = 0;

	timeout_ms = cap_to_deadlines(f, timeout_ms);
	curl_multi_poll(f->multi, extra_fd >= 0 ? &wfd : NULL, extra_fd >= 0 ? 1 : 0,
			timeout_ms, &n);
	if (extra_ready)
		*extra_ready = extra_fd >= 0 && (wfd.revents & CURL_WAIT_POLLIN);
}

static void
unlink_active(struct fetcher *f, struct transfer *t)
{
	struct transfer **pp;

	for (pp = &f->active; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	host_slot(f, t->host)->n--;
	f->nrunning--;
}

static void
stop_stalled(struct fetcher *f)
{
	struct transfer *t, *next;
	double now = clock_s(), d;

	for (t = f->active; t; t = next) {
		next = t->next;
		d = stall_deadline(t);
		if (d < 0 || now < d)
			continue;
		t->stop = STOP_STALLED;
		finish(f, t, CURLE_OPERATION_TIMEDOUT);
		unlink_active(f, t);
		transfer_free(t);
	}
}

/* Forgets what the last hop's response said; its byte count stays (it counts to max-size). */
static void
next_hop(struct transfer *t, const char *url)
{
	free(t->url);
	free(t->host);
	t->url = xstrdup(url);
	t->host = fetch_host(url);
	t->code = 0;
	t->headers_at = t->last_rx = 0;
	t->errbuf[0] = '\0';
	forget_headers(t);
}

/*
 * A finished 3xx with a Location goes back to the head of the queue for
 * its new URL, so max-per-host counts the host actually contacted (with
 * libcurl following, a redirect to another host would escape the count;
 * CURLMOPT_MAX_HOST_CONNECTIONS would count a proxy as the one host and
 * let transfers waiting for a connection run into the connect timeout).
 * Returns false when the transfer is finished instead; *rc may become
 * CURLE_TOO_MANY_REDIRECTS.
 */
static bool
follow_redirect(struct fetcher *f, struct transfer *t, CURLcode *rc)
{
	char *loc = NULL;

	if (t->no_redirects || *rc != CURLE_OK || t->stop != STOP_NONE || t->code < 300 ||
	    t->code > 308 ||
	    t->code == 304 || t->code == 305 || t->code == 306)
		return false;
	curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &loc);
	if (!loc)
		return false;	/* no Location: the 3xx is the answer */
	if (t->redirects == FETCH_MAX_REDIRS) {
		*rc = CURLE_TOO_MANY_REDIRECTS;
		return false;
	}
	t->redirects++;
	if (t->code != 301 && t->code != 308)
		t->all_permanent = false;
	unlink_active(f, t);
	next_hop(t, loc);	/* copies loc, which the handle owns */
	curl_multi_remove_handle(f->multi, t->easy);
	t->next = f->queue;
	f->queue = t;
	if (!f->queue_tail)
		f->queue_tail = t;
	f->nqueued++;
	return true;
}

void
fetcher_step(struct fetcher *f)
{
	struct transfer *t;
	CURLMsg *m;
	CURLcode rc;
	int running = 0, left = 0;

	curl_multi_perform(f->multi, &running);
	while ((m = curl_multi_info_read(f->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		rc = m->data.result;
		if (follow_redirect(f, t, &rc))
			continue;
		finish(f, t, rc);
		unlink_active(f, t);
		transfer_free(t);
	}
	stop_stalled(f);
	start_queued(f);
}

void
fetcher_wakeup(struct fetcher *f)
{
	curl_multi_wakeup(f->multi);
}

void
fetcher_hold(struct fetcher *f, bool hold)
{
	bool was = f->held;

	f->held = hold;
	if (was && !hold)
		start_queued(f);	/* now, not at the next step after a wait */
}

size_t
fetcher_pending(const struct fetcher *f)
{
	return f->nqueued + f->nrunning;
}

void
fetcher_free(struct fetcher **fp)
{
	struct fetcher *f = fp ? *fp : NULL;
	struct transfer *t, *next;
	size_t i;

	if (!f)
		return;
	for (t = f->queue; t; t = next) {
		next = t->next;
		transfer_free(t);
	}
	for (t = f->active; t; t = next) {
		next = t->next;
		transfer_free(t);
	}
	curl_multi_cleanup(f->multi);
	for (i = 0; i < f->nhosts; i++)
		free(f->hosts[i].host);
	free(f->hosts);
	free(f->user_agent);
	free(f->proxy);
	free(f);
	curl_global_cleanup();
	*fp = NULL;
}
