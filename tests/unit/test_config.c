/* Unit tests for the config reader: syntax, defaults from config.example, every error with FILE:LINE. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline/config.h"
#include "byline/mem.h"

static void
test_builtin_defaults(void **state)
{
	struct config *cfg = config_parse("", "empty", NULL);

	assert_non_null(cfg);
	assert_int_equal(cfg->nfeeds, 0);	/* the text's feeds only */
	assert_int_equal(cfg->max_connections, 8);
	assert_int_equal(cfg->max_per_host, 2);
	assert_int_equal(cfg->timeout, 30);
	assert_int_equal(cfg->max_size, 64 << 20);
	assert_non_null(strstr(cfg->user_agent, "byline/0."));
	assert_null(strstr(cfg->user_agent, "%v"));
	assert_null(cfg->proxy);
	assert_int_equal(cfg->keep_days, 0);
	assert_true(cfg->refresh_on_start);
	assert_int_equal(cfg->refresh_interval_s, 60 * 60);	/* "60": minutes */
	assert_string_equal(cfg->layout, "auto");
	assert_null(cfg->browser);
	assert_string_equal(cfg->emoji, "safe");
	config_free(&cfg);
	assert_null(cfg);
}

static void
test_no_user_file_gives_builtin_feeds(void **state)
{
	char dir[] = "/tmp/byline-test-config-XXXXXX";
	struct bl_err err = {0};
	struct config *cfg;
	bool defaults;

	assert_non_null(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	cfg = config_load(NULL, &defaults, &err);
	assert_non_null(cfg);
	assert_true(defaults);
	assert_null(cfg->path);
	assert_true(cfg->nfeeds >= 3);
	assert_string_equal(cfg->feeds[0].url, "https://www.ifanr.com/feed");
	config_free(&cfg);
	/* An explicit file that is missing is an error, not the defaults. */
	char *missing = xasprintf("%s/nope", dir);
	assert_null(config_load(missing, &defaults, &err));
	assert_non_null(strstr(err.msg, missing));
	free(missing);
	rmdir(dir);
}

static void
test_feed_lines(void **state)
{
	struct bl_err err = {0};
	struct config *cfg = config_parse(
		"# comment\n"
		"feed https://a.example/rss tech \"two\twords\" title=\"爱范儿 \\\"quoted\\\"\"\n"
		"  feed http://b.example/x#frag   # trailing comment\r\n"
		"feed file:///tmp/f.xml \"a=b\" fulltext=yes\n",
		"cfg", &err);

	assert_non_null(cfg);
	assert_int_equal(cfg->nfeeds, 3);
	assert_string_equal(cfg->feeds[0].url, "https://a.example/rss");
	assert_int_equal(cfg->feeds[0].ntags, 2);
	assert_string_equal(cfg->feeds[0].tags[1], "two words");	/* a tab in quotes: a space */
	assert_string_equal(cfg->feeds[0].title, "爱范儿 \"quoted\"");
	assert_int_equal(cfg->feeds[0].line, 2);
	assert_string_equal(cfg->feeds[1].url, "http://b.example/x#frag");
	assert_int_equal(cfg->feeds[1].ntags, 0);
	assert_null(cfg->feeds[1].title);
	assert_string_equal(cfg->feeds[2].tags[0], "a=b");
	assert_int_equal(cfg->feeds[2].ntags, 1);
	assert_int_equal(cfg->feeds[2].fulltext, 1);
	assert_true(cfg->feeds[0].fulltext <= 0);
	config_free(&cfg);
}

/* query lines: the query as written up to the comment; a mistake with its line and column. */
static void
test_query_lines(void **state)
{
	struct bl_err err = {0};
	struct config *cfg = config_parse(
		"feed https://a.example/rss tech\n"
		"query \"This week\" unread (tag:tech OR \"a phrase\") newer:7d   # mine\n"
		"query 苹果 苹果 OR apple\n",
		"cfg", &err);

	assert_non_null(cfg);
	assert_int_equal(cfg->nqueries, 2);
	assert_string_equal(cfg->queries[0].name, "This week");
	assert_string_equal(cfg->queries[0].expr, "unread (tag:tech OR \"a phrase\") newer:7d");
	assert_int_equal(cfg->queries[0].line, 2);
	assert_string_equal(cfg->queries[1].name, "苹果");
	assert_string_equal(cfg->queries[1].expr, "苹果 OR apple");
	config_free(&cfg);
	assert_null(config_parse("query \"A\" unread titel:x\n", "cfg", &err));
	assert_string_equal(err.msg, "cfg:1: column 18: unknown field \"titel:\" \xe2\x80\x94 did you "
			    "mean title:?");
	/* the column counts display width: two wide characters before the mistake */
	assert_null(config_parse("query 苹果 a OR\n", "cfg", &err));
	assert_string_equal(err.msg, "cfg:1: column 16: OR needs a term after it");
	assert_null(config_parse("query \"A\"\n", "cfg", &err));
	assert_non_null(strstr(err.msg, "cfg:1: query takes a NAME and a query"));
}

static void
test_settings_override(void **state)
{
	struct bl_err err = {0};
	struct config *cfg = config_parse("set max-size 2G\nset keep-days 30\n"
					  "set refresh-on-start no\nset proxy socks5h://127.0.0.1:9050\n"
					  "set browser \"w3m %u\"\nset user-agent \"x/%v y\"\n"
					  "set layout split\nset timeout 5\nset max-size 512K\n",
					  "cfg", &err);

	assert_non_null(cfg);
	assert_int_equal(cfg->max_size, 512 * 1024);	/* later lines win */
	assert_int_equal(cfg->keep_days, 30);
	assert_false(cfg->refresh_on_start);
	assert_string_equal(cfg->proxy, "socks5h://127.0.0.1:9050");
	assert_string_equal(cfg->browser, "w3m %u");
	assert_int_equal(strncmp(cfg->user_agent, "x/0.", 4), 0);
	assert_string_equal(cfg->layout, "split");
	assert_int_equal(cfg->timeout, 5);
	config_free(&cfg);
}

/* refresh-interval: minutes by default, or a number with s, m or h. */
static void
test_refresh_interval_units(void **state)
{
	static const struct { const char *v; int secs; } ok[] = {
		{ "0", 0 }, { "15", 900 }, { "90s", 90 }, { "30m", 1800 }, { "2h", 7200 },
		{ "525600", 525600 * 60 },
	};
	char text[64];
	size_t i;
	struct bl_err err = {0};

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(text, sizeof(text), "set refresh-interval %s\n", ok[i].v);
		struct config *cfg = config_parse(text, "cfg", &err);
		assert_non_null(cfg);
		assert_int_equal(cfg->refresh_interval_s, ok[i].secs);
		config_free(&cfg);
	}
}

static void
test_bind_and_color_lines(void **state)
{
	struct bl_err err = {0};
	struct config *cfg = config_parse("bind j next\nbind article C-l redraw\n"
					  "bind feeds ä quit\ncolor title yellow default bold underline\n"
					  "color status color123 blue\n",
					  "cfg", &err);
	size_t nb;

	assert_non_null(cfg);
	nb = cfg->nbinds;
	assert_true(nb >= 3);
	/* The user's bindings come after the defaults. */
	assert_string_equal(cfg->binds[nb - 2].view, "article");
	assert_string_equal(cfg->binds[nb - 2].key, "C-l");
	assert_string_equal(cfg->binds[nb - 2].action, "redraw");
	assert_string_equal(cfg->binds[nb - 2].file, "cfg");
	assert_int_equal(cfg->binds[nb - 2].line, 2);
	assert_null(cfg->binds[nb - 3].view);
	assert_string_equal(cfg->colors[cfg->ncolors - 2].attrs[1], "underline");
	assert_int_equal(cfg->colors[cfg->ncolors - 2].nattrs, 2);
	config_free(&cfg);
}

/* Each bad text must fail with "cfg:LINE: " and a message holding `what`. */
static const struct {
	const char *text;
	int line;
	const char *what;
} bad[] = {
	{ "frobnicate 1\n", 1, "unknown line 'frobnicate'" },
	{ "\nfeed\n", 2, "feed needs a URL" },
	{ "feed title=\"x\"\n", 1, "needs a URL first" },
	{ "feed ftp://x.example/\n", 1, "only http, https and file" },
	{ "feed exec:rm\n", 1, "only http, https and file" },
	{ "feed https://\n", 1, "no host" },
	{ "feed file://relative\n", 1, "absolute path" },
	{ "feed \"https://a.example/x y\"\n", 1, "blank or control" },
	{ "feed https://a/\n#\nfeed https://a/\n", 3, "already listed on line 1" },
	{ "feed https://a/ title=\"x\" title=\"y\"\n", 1, "twice" },
	{ "feed https://a/ title=\n", 1, "title= is empty" },
	{ "feed https://a/ color=red\n", 1, "unknown feed option 'color='" },
	{ "feed https://a/ fulltext=maybe\n", 1, "fulltext= must be yes or no" },
	{ "feed https://a/ \"\"\n", 1, "tag is empty" },
	{ "feed https://a/ \"open\n", 1, "not closed" },
	{ "feed https://a/ \"a\\n\"\n", 1, "unknown escape" },
	{ "set\n", 1, "set takes a NAME" },
	{ "set timeout\n", 1, "set takes a NAME" },
	{ "set timeout 30 40\n", 1, "set takes a NAME" },
	{ "set colour red\n", 1, "unknown setting 'colour'" },
	{ "set timeout 0\n", 1, "timeout must be a whole number from 1 to 3600" },
	{ "set timeout 3601\n", 1, "from 1 to 3600" },
	{ "set timeout -5\n", 1, "whole number" },
	{ "set timeout 1e3\n", 1, "whole number" },
	{ "set max-connections 99999999999999999999\n", 1, "whole number" },
	{ "set max-size 12X\n", 1, "K, M, G" },
	{ "set max-size 100\n", 1, "max-size must be" },
	{ "set max-size 5G\n", 1, "max-size must be" },
	{ "set keep-days -1\n", 1, "keep-days" },
	{ "set refresh-on-start maybe\n", 1, "yes or no" },
	{ "set refresh-interval 5ms\n", 1, "refresh-interval must be a number of minutes" },
	{ "set refresh-interval s\n", 1, "as in 90s, 30m, 2h" },
	{ "set refresh-interval -1m\n", 1, "from 0 to 525600" },
	{ "set refresh-interval 8761h\n", 1, "from 0 to 525600" },
	{ "set layout wide\n", 1, "one of list, split, auto" },
	{ "set emoji fancy\n", 1, "one of safe, passthrough" },
	{ "set user-agent \"\"\n", 1, "cannot be empty" },
	{ "bind j\n", 1, "bind takes [VIEW] KEY ACTION" },
	{ "bind a b c d\n", 1, "bind takes [VIEW] KEY ACTION" },
	{ "bind Feeds j next\n", 1, "bad view 'Feeds'" },
	{ "bind \"\" next\n", 1, "bad key" },
	{ "bind \" \" next\n", 1, "bad key" },
	{ "bind C-[ next\n", 1, "bad key" },
	{ "bind \xc3\xa4\xc3\xb6 next\n", 1, "bad key" },	/* two characters, not a key name */
	{ "bind j Next_Item\n", 1, "bad action" },
	{ "color title red\n", 1, "color takes ELEMENT" },
	{ "color Title red blue\n", 1, "bad element" },
	{ "color title rot blue\n", 1, "unknown color" },
	{ "color title red color256\n", 1, "unknown color" },
	{ "color title red blue shiny\n", 1, "unknown attribute" },
	{ "feed https://a/\x01x\n", 1, "control character" },
	{ "feed https://a/ \xc3\x28\n", 1, "not valid UTF-8" },
	{ "feed https://a/ \xc2\x9b\n", 1, "not valid UTF-8" },	/* C1 CSI */
};

static void
test_every_error_names_file_and_line(void **state)
{
	struct bl_err err;
	char want[64];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bl_err_clear(&err);
		struct config *cfg = config_parse(bad[i].text, "cfg", &err);
		if (cfg)
			fail_msg("accepted: %s", bad[i].text);
		snprintf(want, sizeof(want), "cfg:%d: ", bad[i].line);
		if (strncmp(err.msg, want, strlen(want)) || !strstr(err.msg, bad[i].what))
			fail_msg("for %swanted %s...%s, got %s", bad[i].text, want, bad[i].what,
				 err.msg);
	}
}

static void
test_load_reports_the_file(void **state)
{
	char path[] = "/tmp/byline-test-cfg-XXXXXX";
	struct bl_err err = {0};
	bool defaults;
	int fd = mkstemp(path);
	char *want;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "feed https://a/\nset nope 1\n", 27), 27);
	close(fd);
	assert_null(config_load(path, &defaults, &err));
	want = xasprintf("%s:2: unknown setting 'nope'", path);
	assert_int_equal(strncmp(err.msg, want, strlen(want)), 0);
	free(want);
	unlink(path);
}

static void
test_format_feed_reads_back(void **state)
{
	struct config_feed f = { .url = "https://a.example/rss?x=1", .title = "T \"q\" \\ 日本\x01" };
	char *tags[] = { "plain", "two words", "a=b", "#hash", "q\"uote" };
	struct bl_err err = {0};
	struct buf b = {0};
	struct config *cfg;
	size_t i;

	f.tags = tags;
	f.ntags = 5;
	config_format_feed(&b, &f);
	cfg = config_parse(buf_cstr(&b), "fmt", &err);
	if (!cfg)
		fail_msg("%s: %s", buf_cstr(&b), err.msg);
	assert_int_equal(cfg->nfeeds, 1);
	assert_string_equal(cfg->feeds[0].url, f.url);
	assert_string_equal(cfg->feeds[0].title, "T \"q\" \\ 日本 ");
	assert_int_equal(cfg->feeds[0].ntags, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(cfg->feeds[0].tags[i], tags[i]);
	config_free(&cfg);
	buf_free(&b);
}

static void
test_example_documents_every_setting(void **state)
{
	static const char *const names[] = {
		"max-connections", "max-per-host", "timeout", "max-size", "user-agent", "proxy",
		"keep-days", "refresh-on-start", "refresh-interval", "layout", "browser", "emoji",
	};
	char line[64];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(line, sizeof(line), "\nset %s ", names[i]);
		if (!strstr(config_example_text, line))
			fail_msg("config.example has no line 'set %s'", names[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_defaults),
		cmocka_unit_test(test_no_user_file_gives_builtin_feeds),
		cmocka_unit_test(test_feed_lines),
		cmocka_unit_test(test_query_lines),
		cmocka_unit_test(test_settings_override),
		cmocka_unit_test(test_refresh_interval_units),
		cmocka_unit_test(test_bind_and_color_lines),
		cmocka_unit_test(test_every_error_names_file_and_line),
		cmocka_unit_test(test_load_reports_the_file),
		cmocka_unit_test(test_format_feed_reads_back),
		cmocka_unit_test(test_example_documents_every_setting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
