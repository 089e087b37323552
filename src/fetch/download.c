/* Enclosure downloads: libcurl multi from the caller's loop, into NAME.part, resumed with Range, named when whole. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "byline/download.h"
#include "byline/files.h"
#include "byline/mem.h"
#include "byline/version.h"
#include "curl_load.h"

struct dl {
	struct downloader *owner;
	CURL *easy;
	int fd;			/* the .part, locked; -1 once closed */
	char *url, *dir, *stem, *ext, *name, *part, *path;
	int64_t offset;		/* bytes the .part held when this response began */
	int64_t resumed_at;
	int64_t have, total;
	long code;		/* status of the response being received */
	char *content_range;	/* of that response */
	bool checked;		/* its status and range were looked at (first body byte) */
	bool done;
	char *error, *note;
	char errbuf[CURL_ERROR_SIZE];
};

struct downloader {
	CURLM *multi;
	struct dl **v;
	size_t n;
};

struct downloader *
downloader_new(struct bl_err *err)
{
	struct downloader *d;

	if (curl_load_error()) {
		bl_err_set(err, "%s: install libcurl (Debian: libcurl4) to download", curl_load_error());
		return NULL;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		bl_err_set(err, "libcurl could not be initialised");
		return NULL;
	}
	d = xcalloc(1, sizeof(*d));
	if (!(d->multi = curl_multi_init())) {
		free(d);
		curl_global_cleanup();
		bl_err_set(err, "libcurl could not be initialised");
		return NULL;
	}
	return d;
}

/* Ends a download: the error (if any) kept, the transfer and the file closed. */
__attribute__((format(printf, 2, 3))) static void
dl_fail(struct dl *t, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	if (t->error)
		return;		/* the first reason is the one */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->error = xstrdup(msg);
}

/* "bytes S-E/T": S, and T (-1 for "*"); false when it says something else. */
static bool
parse_content_range(const char *v, int64_t *start, int64_t *total)
{
	char *end;

	while (*v == ' ')
		v++;
	if (strncasecmp(v, "bytes", 5))
		return false;
	v += 5;
	while (*v == ' ')
		v++;
	if (*v == '*')
		*start = -1, v++;
	else {
		*start = strtoll(v, &end, 10);
		if (end == v || *end != '-')
			return false;
		strtoll(end + 1, &end, 10);
		v = end;
	}
	if (*v++ != '/')
		return false;
	*total = *v == '*' ? -1 : strtoll(v, &end, 10);
	return *v == '*' || end != v;
}

static size_t
on_header(char *buf, size_t size, size_t n, void *ud)
{
	struct dl *t = ud;
	size_t len = size * n;

	if (len >= 5 && !strncmp(buf, "HTTP/", 5)) {	/* a new response (after a redirect) */
		t->code = 0;
		free(t->content_range);
		t->content_range = NULL;
		sscanf(buf, "HTTP/%*s %ld", &t->code);
	} else if (len > 14 && !strncasecmp(buf, "Content-Range:", 14)) {
		free(t->content_range);
		t->content_range = xstrndup(buf + 14, strcspn(buf + 14, "\r\n"));
	}
	return len;
}

/* The first body byte of the final response: does it fit the bytes asked for? */
static bool
check_response(struct dl *t)
{
	int64_t start, total;
	curl_off_t len = -1;

	t->checked = true;
	curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &len);
	if (t->code == 200) {
		if (t->offset > 0) {	/* Range ignored: the whole file again, from byte 0 */
			if (ftruncate(t->fd, 0) || lseek(t->fd, 0, SEEK_SET)) {
				dl_fail(t, "cannot start %s over: %s", t->part, strerror(errno));
				return false;
			}
			free(t->note);
			t->note = xasprintf("the server cannot resume: %s starts over", t->name);
			t->offset = t->have = t->resumed_at = 0;
		}
		t->total = len >= 0 ? (int64_t)len : -1;
		return true;
	}
	if (t->code != 206) {
		dl_fail(t, "the server answered HTTP %ld for %s", t->code, t->url);
		return false;
	}
	if (!t->content_range || !parse_content_range(t->content_range, &start, &total) ||
	    start != t->offset) {
		dl_fail(t, "%s: the server sent another part than the one asked for (%s, not from "
			"byte %" PRId64 "): stopped, the %" PRId64 " bytes in %s kept as they were",
			t->name, t->content_range ? t->content_range : "nothing", t->offset,
			t->offset, t->part);
		return false;
	}
	t->total = total >= 0 ? total : len >= 0 ? t->offset + (int64_t)len : -1;
	return true;
}

static size_t
on_write(char *buf, size_t size, size_t n, void *ud)
{
	struct dl *t = ud;
	size_t len = size * n, left = len;
	ssize_t w;

	if (!t->checked && !check_response(t))
		return 0;
	while (left) {
		if ((w = write(t->fd, buf, left)) < 0) {
			if (errno == EINTR)
				continue;
			dl_fail(t, "%s: %s%s; %" PRId64 " bytes written kept, d resumes (%s)", t->name,
				strerror(errno), errno == ENOSPC || errno == EDQUOT
				? " (the disk is full)" : "", t->have, t->part);
			return 0;
		}
		buf += w;
		left -= (size_t)w;
		t->have += w;
	}
	return len;
}

static void
dl_free(struct dl *t)
{
	if (t->easy) {
		curl_multi_remove_handle(t->owner->multi, t->easy);
		curl_easy_cleanup(t->easy);
	}
	if (t->fd >= 0)
		close(t->fd);
	free(t->url);
	free(t->dir);
	free(t->stem);
	free(t->ext);
	free(t->name);
	free(t->part);
	free(t->path);
	free(t->content_range);
	free(t->error);
	free(t->note);
	free(t);
}

/* Opens and locks the .part; sets offset to what it holds. */
static enum bl_status
open_part(struct dl *t, struct bl_err *err)
{
	struct stat st;

	if ((t->fd = open(t->part, O_WRONLY | O_CREAT | O_CLOEXEC, 0666)) < 0)
		return bl_err_set(err, "cannot write %s: %s", t->part, strerror(errno));
	if (flock(t->fd, LOCK_EX | LOCK_NB))
		return bl_err_set(err, "%s is being downloaded already", t->name);
	if (fstat(t->fd, &st) || lseek(t->fd, 0, SEEK_END) < 0)
		return bl_err_set(err, "cannot read %s: %s", t->part, strerror(errno));
	t->offset = t->have = t->resumed_at = (int64_t)st.st_size;
	return BL_OK;
}

static void
set_options(struct dl *t, const struct download_request *req)
{
	CURL *e = t->easy;
	char range[32];

	curl_easy_setopt(e, CURLOPT_URL, t->url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)req->timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)req->timeout);
	curl_easy_setopt(e, CURLOPT_USERAGENT, req->user_agent ? req->user_agent
							       : "byline/" BYLINE_VERSION);
	if (req->proxy)
		curl_easy_setopt(e, CURLOPT_PROXY, req->proxy);
	if (t->offset > 0) {
		snprintf(range, sizeof(range), "%" PRId64 "-", t->offset);
		curl_easy_setopt(e, CURLOPT_RANGE, range);
	}
}

enum bl_status
downloader_add(struct downloader *d, const struct download_request *req, struct bl_err *err)
{
	struct dl *t = xcalloc(1, sizeof(*t));
	struct stat st;

	t->owner = d;
	t->fd = -1;
	t->total = -1;
	t->url = xstrdup(req->url);
	t->dir = xstrdup(req->dir);
	t->stem = xstrdup(req->stem);
	t->ext = xstrdup(req->ext);
	t->name = xasprintf("%s%s", req->stem, req->ext);
	t->part = xasprintf("%s/%s.part", req->dir, t->name);
	t->path = xasprintf("%s/%s", req->dir, t->name);
	if (stat(t->path, &st) == 0) {
		bl_err_set(err, "downloaded already: %s", t->path);
		goto fail;
	}
	free(t->path);
	t->path = NULL;
	if (files_make_dir(req->dir, err) || open_part(t, err))
		goto fail;
	if (!(t->easy = curl_easy_init())) {
		bl_err_set(err, "libcurl could not create a transfer");
		goto fail;
	}
	set_options(t, req);
	curl_multi_add_handle(d->multi, t->easy);
	d->v = xreallocarray(d->v, d->n + 1, sizeof(*d->v));
	d->v[d->n++] = t;
	return BL_OK;
fail:
	dl_free(t);
	return BL_ERR;
}

/* 416 on a resume: the .part may be the whole file already. */
static bool
already_whole(struct dl *t)
{
	int64_t start, total;

	return t->code == 416 && t->offset > 0 && t->content_range &&
	       parse_content_range(t->content_range, &start, &total) && total == t->offset;
}

/* A transfer ended: name the file when it is whole, else say why and what was kept. */
static void
dl_finish(struct dl *t, CURLcode rc)
{
	struct bl_err err;

	t->done = true;
	if (rc == CURLE_OK && !t->checked && already_whole(t))
		t->checked = true, t->total = t->have;
	else if (rc == CURLE_OK && !t->checked && !check_response(t))
		;	/* an empty or refused response: check_response said why */
	else if (rc != CURLE_OK && rc != CURLE_WRITE_ERROR)
		dl_fail(t, "%s stopped at %" PRId64 " bytes (kept; d resumes): %s", t->name,
			t->have, *t->errbuf ? t->errbuf : curl_easy_strerror(rc));
	else if (rc == CURLE_OK && t->total >= 0 && t->have < t->total)
		dl_fail(t, "%s stopped at %" PRId64 " of %" PRId64 " bytes (kept; d resumes)",
			t->name, t->have, t->total);
	if (!t->error && fsync(t->fd))
		dl_fail(t, "cannot write %s: %s", t->part, strerror(errno));
	close(t->fd);
	t->fd = -1;
	if (!t->error && files_place(t->part, t->dir, t->stem, t->ext, &t->path, &err))
		dl_fail(t, "%s", err.msg);
	curl_multi_remove_handle(t->owner->multi, t->easy);
	curl_easy_cleanup(t->easy);
	t->easy = NULL;
}

void
downloader_wait(struct downloader *d, int extra_fd, int timeout_ms, bool *extra_ready)
{
	struct curl_waitfd w = { extra_fd, CURL_WAIT_POLLIN, 0 };

	if (extra_ready)
		*extra_ready = false;
	curl_multi_poll(d->multi, extra_fd >= 0 ? &w : NULL, extra_fd >= 0 ? 1 : 0, timeout_ms,
			NULL);
	if (extra_ready && extra_fd >= 0)
		*extra_ready = (w.revents & CURL_WAIT_POLLIN) != 0;
}

size_t
downloader_step(struct downloader *d)
{
	int running, left;
	CURLMsg *m;
	struct dl *t;
	size_t finished = 0;

	curl_multi_perform(d->multi, &running);
	while ((m = curl_multi_info_read(d->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		dl_finish(t, m->data.result);
		finished++;
	}
	return finished;
}

size_t
downloader_count(const struct downloader *d)
{
	return d->n;
}

size_t
downloader_running(const struct downloader *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += !d->v[i]->done;
	return n;
}

void
downloader_info(const struct downloader *d, size_t i, struct download_info *out)
{
	const struct dl *t = d->v[i];

	*out = (struct download_info){
		.name = t->name, .have = t->have, .total = t->total,
		.resumed_at = t->resumed_at, .done = t->done,
		.path = t->done && !t->error ? t->path : NULL,
		.error = t->error, .note = t->note,
	};
}

void
downloader_remove(struct downloader *d, size_t i)
{
	dl_free(d->v[i]);
	memmove(&d->v[i], &d->v[i + 1], (d->n - i - 1) * sizeof(*d->v));
	d->n--;
}

void
downloader_free(struct downloader **dp)
{
	struct downloader *d = dp ? *dp : NULL;

	if (!d)
		return;
	while (d->n)
		downloader_remove(d, d->n - 1);
	free(d->v);
	curl_multi_cleanup(d->multi);
	curl_global_cleanup();
	free(d);
	*dp = NULL;
}

/* Extensions kept from a URL: short, letters and digits only. */
static bool
ext_ok(const char *e, size_t n)
{
	size_t i;

	if (n < 2 || n > 6)
		return false;
	for (i = 0; i < n; i++)
		if (!((e[i] >= 'a' && e[i] <= 'z') || (e[i] >= 'A' && e[i] <= 'Z') ||
		      (e[i] >= '0' && e[i] <= '9')))
			return false;
	return true;
}

void
download_ext(const char *url, const char *type, char *out, size_t size)
{
	static const struct { const char *type, *ext; } types[] = {
		{ "audio/mpeg", "mp3" }, { "audio/mp3", "mp3" }, { "audio/mp4", "m4a" },
		{ "audio/x-m4a", "m4a" }, { "audio/aac", "aac" }, { "audio/ogg", "ogg" },
		{ "audio/opus", "opus" }, { "audio/flac", "flac" }, { "audio/wav", "wav" },
		{ "video/mp4", "mp4" }, { "video/webm", "webm" }, { "video/quicktime", "mov" },
		{ "application/pdf", "pdf" }, { "image/jpeg", "jpg" }, { "image/png", "png" },
	};
	const char *path = url ? strstr(url, "://") : NULL, *end, *dot, *slash;
	size_t i;

	out[0] = '\0';
	if (path && (path = strchr(path + 3, '/'))) {
		end = path + strcspn(path, "?#");
		for (slash = end; slash > path && slash[-1] != '/'; slash--)
			;
		for (dot = end; dot > slash && dot[-1] != '.'; dot--)
			;
		if (dot > slash + 1 && ext_ok(dot, (size_t)(end - dot))) {	/* a name before the dot */
			snprintf(out, size, ".%.*s", (int)(end - dot), dot);
			return;
		}
	}
	for (i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strncasecmp(type, types[i].type, strlen(types[i].type))) {
			snprintf(out, size, ".%s", types[i].ext);
			return;
		}
}
