/* Unit tests for the fetcher: Content-Type charsets, file:// transfers, size caps, queueing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline/buf.h"
#include "byline/download.h"
#include "byline/fetch.h"
#include "byline/mem.h"

static void
test_charset_degenerate(void **state)
{
	assert_null(fetch_content_type_charset(NULL));
	assert_null(fetch_content_type_charset(""));
	assert_null(fetch_content_type_charset("application/xml"));
	assert_null(fetch_content_type_charset("text/xml; charset="));
	assert_null(fetch_content_type_charset("text/xml; charset=\"\""));
	/* Not a charset name: refused rather than passed on. */
	assert_null(fetch_content_type_charset("text/xml; charset=utf-8\x1b[31m"));
	assert_null(fetch_content_type_charset("text/xml; charset=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static void
test_charset_forms(void **state)
{
	const char *cases[][2] = {
		{ "text/xml; charset=ISO-8859-1", "ISO-8859-1" },
		{ "text/xml;charset=utf-8", "utf-8" },
		{ "application/rss+xml; Charset=\"windows-1252\"", "windows-1252" },
		{ "text/xml; format=flowed; charset=Shift_JIS", "Shift_JIS" },
		{ "text/xml; charset=gb2312; q=1", "gb2312" },
	};
	size_t i;
	char *cs;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cs = fetch_content_type_charset(cases[i][0]);
		assert_non_null(cs);
		assert_string_equal(cs, cases[i][1]);
		free(cs);
	}
}

/* What one request saw. */
struct got {
	struct buf body;
	int done;
	enum fetch_outcome outcome;
	char *error;
};

static enum bl_status
on_body(void *ud, const char *buf, size_t len, const char *doc_url, const char *charset,
	struct bl_err *err)
{
	struct got *g = ud;

	buf_append(&g->body, buf, len);
	if (strstr(buf_cstr(&g->body), "REFUSE"))
		return bl_err_set(err, "not a feed: refused by the test");
	return BL_OK;
}

static void
on_done(void *ud, const struct fetch_result *res)
{
	struct got *g = ud;

	g->done++;
	g->outcome = res->outcome;
	g->error = xstrdup_null(res->error);
}

static const struct fetch_callbacks cbs = { on_body, on_done };

static char *
temp_file(const char *text, size_t len)
{
	char *path = xstrdup("/tmp/byline-test-fetch-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	return path;
}

static void
run(struct fetcher *f)
{
	int rounds = 0;

	while (fetcher_pending(f) && rounds++ < 1000) {
		fetcher_wait(f, -1, 100, NULL);
		fetcher_step(f);
	}
	assert_int_equal(fetcher_pending(f), 0);
}

static void
fetch_one(int64_t max_size, const char *url, struct got *g)
{
	struct fetch_options o = { .max_connections = 2, .max_per_host = 1, .timeout = 5,
				   .max_size = max_size };
	struct fetch_request req = { .url = url };
	struct bl_err err;
	struct fetcher *f = fetcher_new(&o, &err);

	assert_non_null(f);
	fetcher_add(f, &req, &cbs, g);
	run(f);
	fetcher_free(&f);
	assert_null(f);
	assert_int_equal(g->done, 1);
}

static void
got_clear(struct got *g)
{
	buf_free(&g->body);
	free(g->error);
}

static void
test_file_url(void **state)
{
	char *path = temp_file("<rss>hello</rss>", 16), *url = xasprintf("file://%s", path);
	struct got g = { 0 };

	fetch_one(1024, url, &g);
	assert_int_equal(g.outcome, FETCH_OK);
	assert_string_equal(buf_cstr(&g.body), "<rss>hello</rss>");
	got_clear(&g);
	unlink(path);
	free(path);
	free(url);
}

static void
test_missing_file(void **state)
{
	struct got g = { 0 };

	fetch_one(1024, "file:///nonexistent/byline/feed.xml", &g);
	assert_int_equal(g.outcome, FETCH_ERROR);
	assert_non_null(strstr(g.error, "cannot read the file"));
	got_clear(&g);
}

static void
test_size_cap(void **state)
{
	char big[4096];
	char *path, *url;
	struct got g = { 0 };

	memset(big, 'x', sizeof(big));
	path = temp_file(big, sizeof(big));
	url = xasprintf("file://%s", path);
	fetch_one(1024, url, &g);
	assert_int_equal(g.outcome, FETCH_ERROR);
	assert_string_equal(g.error, "response larger than 1 KiB (set max-size)");
	assert_true(g.body.len <= 1024);
	got_clear(&g);
	unlink(path);
	free(path);
	free(url);
}

static void
test_consumer_stops(void **state)
{
	char *path = temp_file("REFUSE this", 11), *url = xasprintf("file://%s", path);
	struct got g = { 0 };

	fetch_one(1024, url, &g);
	assert_int_equal(g.outcome, FETCH_ERROR);
	assert_string_equal(g.error, "not a feed: refused by the test");
	got_clear(&g);
	unlink(path);
	free(path);
	free(url);
}

static void
test_refused_scheme(void **state)
{
	struct got g = { 0 };

	fetch_one(1024, "gopher://127.0.0.1/feed", &g);
	assert_int_equal(g.outcome, FETCH_ERROR);
	assert_non_null(strstr(g.error, "unsupported URL scheme"));
	got_clear(&g);
}

/* Many requests through a limit of one per host all finish, each once. */
static void
test_queue_drains(void **state)
{
	struct fetch_options o = { .max_connections = 3, .max_per_host = 1, .timeout = 5,
				   .max_size = 1024 };
	char *path = temp_file("<rss/>", 6), *url = xasprintf("file://%s", path);
	struct fetch_request req = { .url = url };
	struct got g[20];
	struct bl_err err;
	struct fetcher *f = fetcher_new(&o, &err);
	size_t i;

	memset(g, 0, sizeof(g));
	for (i = 0; i < 20; i++)
		fetcher_add(f, &req, &cbs, &g[i]);
	assert_int_equal(fetcher_pending(f), 20);
	run(f);
	for (i = 0; i < 20; i++) {
		assert_int_equal(g[i].done, 1);
		assert_int_equal(g[i].outcome, FETCH_OK);
		got_clear(&g[i]);
	}
	fetcher_free(&f);
	fetcher_free(&f);	/* NULL is fine */
	unlink(path);
	free(path);
	free(url);
}

/* A held fetcher starts nothing; released, everything it queued finishes. */
static void
test_hold(void **state)
{
	struct fetch_options o = { .max_connections = 3, .max_per_host = 3, .timeout = 5,
				   .max_size = 1024 };
	char *path = temp_file("<rss/>", 6), *url = xasprintf("file://%s", path);
	struct fetch_request req = { .url = url };
	struct got g[4];
	struct bl_err err;
	struct fetcher *f = fetcher_new(&o, &err);
	size_t i;
	int rounds;

	memset(g, 0, sizeof(g));
	fetcher_hold(f, true);
	for (i = 0; i < 4; i++)
		fetcher_add(f, &req, &cbs, &g[i]);
	for (rounds = 0; rounds < 5; rounds++) {
		fetcher_wait(f, -1, 10, NULL);
		fetcher_step(f);
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(g[i].done, 0);
	assert_int_equal(fetcher_pending(f), 4);
	fetcher_hold(f, false);
	run(f);
	for (i = 0; i < 4; i++) {
		assert_int_equal(g[i].done, 1);
		assert_int_equal(g[i].outcome, FETCH_OK);
		got_clear(&g[i]);
	}
	fetcher_free(&f);
	unlink(path);
	free(path);
	free(url);
}

/* A download's extension: a short one from the URL's path, else from the type, else none. */
static void
test_download_ext(void **state)
{
	char ext[16];

	download_ext("https://e.org/a/ep1.mp3?x=1.exe", NULL, ext, sizeof(ext));
	assert_string_equal(ext, ".mp3");
	download_ext("https://e.org/a/ep1", "audio/mp4", ext, sizeof(ext));
	assert_string_equal(ext, ".m4a");
	download_ext("https://e.org/a.b/ep1.mp3%2F..%2Fx", "video/mp4; codecs=x", ext, sizeof(ext));
	assert_string_equal(ext, ".mp4");	/* not letters and digits: from the type */
	download_ext("https://e.org/", "application/x-unknown", ext, sizeof(ext));
	assert_string_equal(ext, "");
	download_ext("https://e.org/.hidden", NULL, ext, sizeof(ext));
	assert_string_equal(ext, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_charset_degenerate),
		cmocka_unit_test(test_charset_forms),
		cmocka_unit_test(test_file_url),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_consumer_stops),
		cmocka_unit_test(test_refused_scheme),
		cmocka_unit_test(test_queue_drains),
		cmocka_unit_test(test_hold),
		cmocka_unit_test(test_download_ext),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
