/* Unit tests for key names, the action table and bind lines, without a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "byline/keymap.h"

static void
test_key_names_degenerate(void **state)
{
	assert_int_equal(key_parse(NULL), -1);
	assert_int_equal(key_parse(""), -1);
	assert_int_equal(key_parse("jj"), -1);
	assert_int_equal(key_parse("C-"), -1);
	assert_int_equal(key_parse("C-1"), -1);
	assert_int_equal(key_parse("F13"), -1);
	assert_int_equal(key_parse("F0"), -1);
	assert_int_equal(key_parse("\x1b"), -1);	/* raw control bytes are no names */
	assert_int_equal(key_parse("\xc3"), -1);	/* cut UTF-8 */
	assert_int_equal(key_parse("\xc2\x85"), -1);	/* C1 control */
	assert_int_equal(key_parse("\xe0\x82\xa0"), -1);	/* U+00A0 in an overlong form */
	assert_int_equal(key_parse("\xed\xa0\x80"), -1);	/* a surrogate */
	assert_int_equal(key_parse("\xc3\xa4x"), -1);	/* two characters */
}

static void
test_key_names(void **state)
{
	assert_int_equal(key_parse("j"), 'j');
	assert_int_equal(key_parse("G"), 'G');
	assert_int_equal(key_parse("/"), '/');
	assert_int_equal(key_parse("?"), '?');
	assert_int_equal(key_parse("Space"), ' ');
	assert_int_equal(key_parse("Enter"), KC_ENTER);
	assert_int_equal(key_parse("Down"), KC_DOWN);
	assert_int_equal(key_parse("PgDn"), KC_PGDN);
	assert_int_equal(key_parse("PageUp"), KC_PGUP);
	assert_int_equal(key_parse("C-l"), 12);
	assert_int_equal(key_parse("C-L"), 12);
	assert_int_equal(key_parse("F1"), KC_F1);
	assert_int_equal(key_parse("F12"), KC_F12);
	assert_int_equal(key_parse("\xc3\xa4"), 0xe4);		/* ä */
	assert_int_equal(key_parse("\xe6\x90\x9c"), 0x641c);	/* 搜 */
}

static void
test_key_name_round_trip(void **state)
{
	static const char *const names[] = { "j", "Space", "Enter", "Down", "PgUp", "C-l",
					     "F5", "Esc", "\xc3\xa4", "\xf0\x9f\x93\xb0" };
	char buf[16];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		key_describe(key_parse(names[i]), buf, sizeof(buf));
		assert_string_equal(buf, names[i]);
	}
}

static void
test_action_table(void **state)
{
	const struct action_info *a;
	int i;

	for (i = ACT_NONE + 1; i < ACT_COUNT; i++) {
		a = action_get((enum action)i);
		assert_non_null(a);
		assert_int_equal(a->id, i);	/* the table is in ACTION_LIST's order, as the enum */
		assert_ptr_equal(action_find(a->name), a);
		assert_true(strlen(a->help) > 5);
	}
	assert_null(action_get(ACT_NONE));
	assert_null(action_get(ACT_COUNT));
	assert_null(action_table[ACT_COUNT - 1].name);	/* one row per action, then the end */
	assert_null(action_find("frobnicate"));
	assert_null(action_find(""));
	assert_int_equal(action_find("next-unread")->id, ACT_NEXT_UNREAD);
}

#define BIND(v, k, a, l) \
	{ .view = (char *)(v), .key = (char *)(k), .action = (char *)(a), .line = (l) }

static void
test_bind_lookup(void **state)
{
	const struct config_bind binds[] = {
		BIND(NULL, "j", "next", 1),
		BIND(NULL, "Down", "next", 2),
		BIND(NULL, "q", "back", 3),
		BIND("article", "Space", "page-down", 4),
		BIND(NULL, "Space", "page-down", 5),
		BIND(NULL, "j", "prev", 6),	/* later lines win */
		BIND("help", "x", "none", 7),
	};
	struct bl_err err;
	struct keymap *km = keymap_create(binds, 7, "conf", &err);
	char buf[64];

	assert_non_null(km);
	assert_int_equal(keymap_lookup(km, "feeds", 'j'), ACT_PREV);
	assert_int_equal(keymap_lookup(km, "feeds", KC_DOWN), ACT_NEXT);
	assert_int_equal(keymap_lookup(km, "feeds", 'z'), ACT_NONE);
	assert_int_equal(keymap_lookup(km, "article", ' '), ACT_PAGE_DOWN);
	assert_int_equal(keymap_lookup(km, NULL, 'q'), ACT_BACK);
	assert_int_equal(keymap_keys(km, "feeds", ACT_NEXT, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "Down");
	assert_int_equal(keymap_keys(km, "feeds", ACT_PREV, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "j");
	keymap_destroy(&km);
	assert_null(km);
	keymap_destroy(&km);
}

static void
test_bind_view_overrides_global(void **state)
{
	const struct config_bind binds[] = {
		BIND(NULL, "n", "next-unread", 1),
		BIND("article", "n", "next", 2),
		BIND(NULL, "N", "next-unread", 3),
	};
	struct keymap *km = keymap_create(binds, 3, "conf", NULL);
	char buf[64];

	assert_int_equal(keymap_lookup(km, "articles", 'n'), ACT_NEXT_UNREAD);
	assert_int_equal(keymap_lookup(km, "article", 'n'), ACT_NEXT);
	assert_int_equal(keymap_keys(km, "article", ACT_NEXT_UNREAD, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "N");
	assert_int_equal(keymap_keys(km, "feeds", ACT_NEXT_UNREAD, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "n, N");
	keymap_destroy(&km);
}

static void
test_bind_errors_name_file_and_line(void **state)
{
	const struct config_bind bad_action[] = { BIND(NULL, "j", "nxet", 12) };
	const struct config_bind bad_key[] = { BIND(NULL, "Dwon", "next", 13) };
	const struct config_bind bad_view[] = { BIND("feed", "j", "next", 14) };
	struct bl_err err;

	assert_null(keymap_create(bad_action, 1, "/home/u/.config/byline/config", &err));
	assert_non_null(strstr(err.msg, "/home/u/.config/byline/config:12:"));
	assert_non_null(strstr(err.msg, "'nxet'"));
	assert_null(keymap_create(bad_key, 1, "c", &err));
	assert_non_null(strstr(err.msg, "c:13:"));
	assert_non_null(strstr(err.msg, "'Dwon'"));
	assert_null(keymap_create(bad_view, 1, NULL, &err));
	assert_non_null(strstr(err.msg, "config:14:"));
	assert_non_null(strstr(err.msg, "'feed'"));
}

static void
test_bind_error_names_the_line_file(void **state)
{
	struct config_bind b = BIND(NULL, "j", "nope", 3);
	struct bl_err err;

	b.file = "included.conf";
	assert_null(keymap_create(&b, 1, "main.conf", &err));
	assert_non_null(strstr(err.msg, "included.conf:3:"));
}

/* The built-in defaults (config.example) give every key of the issue's table. */
static void
test_default_keys(void **state)
{
	static const struct {
		const char *view, *key, *action;
	} want[] = {
		{ "feeds", "j", "next" }, { "feeds", "Down", "next" }, { "feeds", "k", "prev" },
		{ "feeds", "Up", "prev" }, { "articles", "g", "first" }, { "articles", "Home", "first" },
		{ "articles", "G", "last" }, { "articles", "End", "last" },
		{ "article", "Space", "page-down" }, { "article", "PgDn", "page-down" },
		{ "article", "b", "page-up" }, { "article", "PgUp", "page-up" },
		{ "feeds", "Enter", "open" }, { "feeds", "l", "open" }, { "feeds", "Right", "open" },
		{ "articles", "q", "back" }, { "articles", "h", "back" }, { "articles", "Left", "back" },
		{ "feeds", "Q", "quit" }, { "articles", "r", "refresh" }, { "feeds", "R", "refresh-all" },
		{ "article", "n", "next-unread" }, { "article", "p", "prev-unread" },
		{ "articles", "m", "toggle-read" }, { "articles", "A", "mark-all-read" },
		{ "articles", "u", "undo" }, { "articles", "s", "toggle-star" },
		{ "article", "o", "open-in-browser" }, { "article", "1", "follow-link" },
		{ "article", "9", "follow-link" }, { "feeds", "/", "search" }, { "help", "?", "help" },
		{ "feeds", "C-l", "redraw" },
	};
	struct bl_err err;
	struct config *cfg = config_parse("", "empty", &err);
	struct keymap *km;
	size_t i;

	assert_non_null(cfg);
	km = keymap_create(cfg->binds, cfg->nbinds, cfg->path, &err);
	assert_non_null(km);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct action_info *a = action_find(want[i].action);
		assert_non_null(a);
		if (keymap_lookup(km, want[i].view, key_parse(want[i].key)) != a->id)
			fail_msg("%s in %s is not %s", want[i].key, want[i].view, want[i].action);
	}
	/* A digit follows links only in the article view. */
	assert_int_equal(keymap_lookup(km, "articles", '1'), ACT_NONE);
	keymap_destroy(&km);
	config_free(&cfg);
}

/* A macro's steps and an action's command come whole from the bind line; quotes keep a ';'. */
static void
test_bind_macros_and_commands(void **state)
{
	const struct config_bind binds[] = {
		BIND("article", "P", "pipe less -R", 1),
		BIND(NULL, "S", " toggle-star ;save;  next-unread ", 2),
		BIND(NULL, "X", "pipe sed 's/a/b/;s/c/d/'; back", 3),
	};
	struct bl_err err;
	struct keymap *km = keymap_create(binds, 3, "conf", &err);
	const struct keymap_step *st;
	size_t n;

	assert_non_null(km);
	st = keymap_steps(km, "article", 'P', &n);
	assert_int_equal(n, 1);
	assert_int_equal(st[0].act, ACT_PIPE);
	assert_string_equal(st[0].arg, "less -R");
	assert_null(keymap_steps(km, "feeds", 'P', &n));	/* the article view's only */
	assert_int_equal(keymap_lookup(km, "article", 'P'), ACT_NONE);	/* not the bare action */
	st = keymap_steps(km, "feeds", 'S', &n);
	assert_int_equal(n, 3);
	assert_int_equal(st[0].act, ACT_TOGGLE_STAR);
	assert_int_equal(st[1].act, ACT_SAVE);
	assert_int_equal(st[2].act, ACT_NEXT_UNREAD);
	assert_null(st[0].arg);
	assert_null(st[2].arg);
	st = keymap_steps(km, "feeds", 'X', &n);
	assert_int_equal(n, 2);
	assert_string_equal(st[0].arg, "sed 's/a/b/;s/c/d/'");
	assert_int_equal(st[1].act, ACT_BACK);
	keymap_destroy(&km);
}

static void
test_bind_macro_errors(void **state)
{
	const struct config_bind unknown[] = { BIND(NULL, "S", "save; frobnicate", 4) };
	const struct config_bind arg[] = { BIND(NULL, "S", "next 3", 5) };
	const struct config_bind empty[] = { BIND(NULL, "S", "save;;back", 6) };
	struct bl_err err;

	assert_null(keymap_create(unknown, 1, "conf", &err));
	assert_non_null(strstr(err.msg, "conf:4: unknown action 'frobnicate'"));
	assert_null(keymap_create(arg, 1, "conf", &err));
	assert_non_null(strstr(err.msg, "conf:5: next takes no argument"));
	assert_null(keymap_create(empty, 1, "conf", &err));
	assert_non_null(strstr(err.msg, "conf:6: an action is empty"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names_degenerate),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_key_name_round_trip),
		cmocka_unit_test(test_action_table),
		cmocka_unit_test(test_bind_lookup),
		cmocka_unit_test(test_bind_view_overrides_global),
		cmocka_unit_test(test_bind_errors_name_file_and_line),
		cmocka_unit_test(test_bind_error_names_the_line_file),
		cmocka_unit_test(test_default_keys),
		cmocka_unit_test(test_bind_macros_and_commands),
		cmocka_unit_test(test_bind_macro_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
