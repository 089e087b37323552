/* Unit tests for feed lines changed in place (config_file.c) and the per-feed options (config_feed.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline/config.h"
#include "byline/config_file.h"
#include "byline/mem.h"

static const char original[] =
	"# my feeds\r\n"
	"set timeout 5\n"
	"\n"
	"feed https://a.example/rss  news \"two words\"   # the A feed\n"
	"   # an indented comment\n"
	"feed https://b.example/atom\n"
	"set layout list";	/* no newline at the end */

static char *
tmp_write(const char *text, mode_t mode)
{
	char *path = xstrdup("/tmp/test_config_file.XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	fchmod(fd, mode);
	close(fd);
	return path;
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s = xcalloc(1, 65536);

	assert_non_null(fp);
	(void)!fread(s, 1, 65535, fp);
	fclose(fp);
	return s;
}

static void
test_add_appends_one_line(void **state)
{
	char *path = tmp_write(original, 0640), *now;
	struct bl_err err = {0};
	struct config_file *cf = config_file_open(path, &err);
	char *tags[] = { "科技/AI" };
	struct config_feed f = { .url = "https://c.example/", .tags = tags, .ntags = 1,
				 .title = "C", .interval_s = 7200 };
	struct stat st;

	assert_non_null(cf);
	assert_false(config_file_is_new(cf));
	assert_int_equal(config_file_add(cf, &f, &err), BL_OK);
	assert_int_equal(config_file_commit(cf, &err), BL_OK);
	now = slurp(path);
	assert_int_equal(strncmp(now, original, strlen(original)), 0);
	assert_string_equal(now + strlen(original),
			    "\nfeed https://c.example/ 科技/AI title=\"C\" interval=2h\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	/* the same URL twice is refused, the text unchanged */
	assert_int_equal(config_file_add(cf, &f, &err), BL_ERR);
	assert_non_null(strstr(err.msg, "already in"));
	free(now);
	config_file_close(&cf);
	unlink(path);
	free(path);
}

static void
test_set_keeps_the_comment_and_remove_takes_the_line(void **state)
{
	char *path = tmp_write(original, 0600), *now, *old = NULL;
	struct bl_err err = {0};
	struct config_file *cf = config_file_open(path, &err);
	struct config_feed f = {0};
	int line = 0;

	assert_non_null(cf);
	config_feed_copy(&f, config_find_feed(config_file_config(cf), "https://a.example/rss"));
	assert_null(config_feed_option(&f, "title", "Renamed"));
	assert_null(config_feed_option(&f, "ignore", "ad|promo"));
	assert_int_equal(config_file_set(cf, f.url, &f, &line, &old, &err), BL_OK);
	assert_int_equal(line, 4);
	assert_string_equal(old, "feed https://a.example/rss  news \"two words\"   # the A feed");
	assert_int_equal(config_file_set(cf, "https://b.example/atom", NULL, NULL, NULL, &err),
			 BL_OK);
	assert_int_equal(config_file_commit(cf, &err), BL_OK);
	now = slurp(path);
	assert_string_equal(now, "# my feeds\r\nset timeout 5\n\n"
			    "feed https://a.example/rss news \"two words\" title=\"Renamed\" "
			    "ignore=\"ad|promo\"   # the A feed\n"
			    "   # an indented comment\nset layout list");
	/* undo: the old line back where it was */
	assert_int_equal(config_file_set(cf, f.url, NULL, NULL, NULL, &err), BL_OK);
	assert_int_equal(config_file_insert(cf, line, old, &err), BL_OK);
	assert_int_equal(config_file_insert(cf, 6, "feed https://b.example/atom", &err), BL_OK);
	assert_int_equal(config_file_commit(cf, &err), BL_OK);
	free(now);
	now = slurp(path);
	assert_string_equal(now, original);
	free(now);
	free(old);
	config_feed_clear(&f);
	config_file_close(&cf);
	unlink(path);
	free(path);
}

static void
test_changed_on_disk_is_refused(void **state)
{
	char *path = tmp_write(original, 0600), *now;
	struct bl_err err = {0};
	struct config_file *cf = config_file_open(path, &err);
	struct config_feed f = { .url = "https://c.example/" };
	FILE *fp;

	assert_non_null(cf);
	fp = fopen(path, "a");
	fputs("\n# edited by hand\n", fp);
	fclose(fp);
	assert_int_equal(config_file_add(cf, &f, &err), BL_OK);
	assert_int_equal(config_file_commit(cf, &err), BL_ERR);
	assert_non_null(strstr(err.msg, "changed on disk"));
	now = slurp(path);
	assert_non_null(strstr(now, "# edited by hand"));
	assert_null(strstr(now, "c.example"));
	free(now);
	config_file_close(&cf);
	unlink(path);
	free(path);
}

static void
test_a_change_that_would_not_read_is_refused(void **state)
{
	char *path = tmp_write(original, 0600);
	struct bl_err err = {0};
	struct config_file *cf = config_file_open(path, &err);
	struct config_feed f = { .url = "https://b.example/atom" };

	assert_non_null(cf);
	/* renaming a's URL to b's: two lines for one feed */
	assert_int_equal(config_file_set(cf, "https://a.example/rss", &f, NULL, NULL, &err),
			 BL_ERR);
	assert_non_null(strstr(err.msg, "already listed"));
	assert_non_null(config_find_feed(config_file_config(cf), "https://a.example/rss"));
	config_file_close(&cf);
	unlink(path);
	free(path);
}

static void
test_feed_options(void **state)
{
	struct bl_err err = {0};
	struct config *cfg = config_parse(
		"feed https://a/ t interval=90 charset=GBK fulltext=yes ignore=\"Ad|Promo\"\n"
		"feed https://b/ title=Foo bar\n", "opts", &err);
	const struct config_feed *f;
	struct buf b = {0};

	if (!cfg)
		fail_msg("%s", err.msg);
	f = &cfg->feeds[0];
	assert_int_equal(f->interval_s, 90 * 60);
	assert_string_equal(f->charset, "GBK");
	assert_int_equal(f->fulltext, 1);
	assert_true(config_feed_ignores(f, "An ad for you"));
	assert_true(config_feed_ignores(f, "PROMO"));
	assert_false(config_feed_ignores(f, "News"));
	config_format_options(&b, f);
	assert_string_equal(buf_cstr(&b), "interval=90m charset=GBK fulltext=yes ignore=\"Ad|Promo\"");
	assert_int_equal(cfg->nwarnings, 1);
	assert_non_null(strstr(cfg->warnings[0], "opts:2: title=Foo bar: 'bar' is read as a tag"));
	buf_free(&b);
	config_free(&cfg);
	assert_null(config_parse("feed https://a/ interval=30s\n", "x", &err));
	assert_non_null(strstr(err.msg, "x:1: interval= must be"));
	assert_null(config_parse("feed https://a/ fulltext=maybe\n", "x", &err));
	assert_non_null(strstr(err.msg, "fulltext= must be yes or no"));
	assert_null(config_parse("feed https://a/ charset=a;b\n", "x", &err));
	assert_non_null(strstr(err.msg, "charset= must be a charset name"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_appends_one_line),
		cmocka_unit_test(test_set_keeps_the_comment_and_remove_takes_the_line),
		cmocka_unit_test(test_changed_on_disk_is_refused),
		cmocka_unit_test(test_a_change_that_would_not_read_is_refused),
		cmocka_unit_test(test_feed_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
