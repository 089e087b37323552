/* Unit tests for the text layer: cleaning, width, truncation, wrapping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/text.h"

#define TRUNCATE_TSV "../shared/render-cases/truncate.tsv"

static void
assert_clean(const char *in, size_t n, bool line, enum text_emoji e, const char *want)
{
	char *got = line ? text_clean_line(in, n, e) : text_clean(in, n, e);

	assert_string_equal(got, want);
	free(got);
}

static void
test_degenerate(void **state)
{
	struct text_line *lines;
	char *s;

	assert_clean(NULL, 0, false, TEXT_EMOJI_SAFE, "");
	assert_clean("", 0, true, TEXT_EMOJI_SAFE, "");
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width(""), 0);
	s = text_truncate(NULL, 3, TEXT_EMOJI_SAFE);
	assert_string_equal(s, "   ");
	free(s);
	s = text_truncate("abc", 0, TEXT_EMOJI_SAFE);
	assert_string_equal(s, "");
	free(s);
	s = text_truncate("abc", -5, TEXT_EMOJI_SAFE);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(text_wrap("", 0, 10, &lines), 0);
	assert_null(lines);
}

/* The program may run in the C locale (cron, tests): widths must still be right. */
static void
test_c_locale(void **state)
{
	assert_true(text_init());
	assert_int_equal(text_width("中文"), 4);
	assert_int_equal(text_width("हिन्दी"), 5);
}

static void
test_clean_invalid_utf8(void **state)
{
	assert_clean("a\xff" "b\xc3", 4, false, TEXT_EMOJI_SAFE, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	/* overlong '/' (two bad bytes) and an encoded surrogate (one bad sequence) */
	assert_clean("\xc0\xaf|\xed\xa0\x80", 6, true, TEXT_EMOJI_SAFE,
		     "\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd");
}

static void
test_clean_controls(void **state)
{
	/* ESC, BEL, DEL, C1 CSI (U+009B), NUL: shown as U+FFFD, never obeyed */
	assert_clean("\x1b[31mred\x07\x7f\xc2\x9bx", 13, true, TEXT_EMOJI_SAFE,
		     "\xef\xbf\xbd[31mred\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx");
	assert_clean("a\0b", 3, false, TEXT_EMOJI_SAFE, "a\xef\xbf\xbd" "b");
	/* bodies keep newline and tab; CR LF and CR become newlines */
	assert_clean("a\tb\r\nc\rd\n", 9, false, TEXT_EMOJI_SAFE, "a\tb\nc\nd\n");
	/* single-line fields: whitespace controls become one space each, CR LF one */
	assert_clean("a\tb\r\nc\nd\be", 10, true, TEXT_EMOJI_SAFE, "a b c d\xef\xbf\xbd" "e");
	/* unassigned code points (wcwidth -1), also next to the invisible ones */
	assert_clean("a\xe2\x81\xa5" "b\xf3\xb0\x80\x80", 8, true, TEXT_EMOJI_SAFE,
		     "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	/* U+2028 LINE SEPARATOR */
	assert_clean("a\xe2\x80\xa8" "b", 5, true, TEXT_EMOJI_SAFE, "a b");
}

/* The store's and the messages' rules, side by side (text.h says which is whose). */
static void
test_clean_feed_and_message(void **state)
{
	static const struct {
		const char *in, *line, *body, *msg;
	} cases[] = {
		{ "a\tb\nc\rd", "a b c d", "a\tb\nc\nd", "a b c d" },
		{ "x\x01y\x7fz", "x\xef\xbf\xbdy\xef\xbf\xbdz", "x\xef\xbf\xbdy\xef\xbf\xbdz", "x y z" },
		/* C1 controls: windows-1252 in feeds (0x93 is a quote, 0x81 has none) */
		{ "\xc2\x93q\xc2\x81", "\xe2\x80\x9cq\xef\xbf\xbd", "\xe2\x80\x9cq\xef\xbf\xbd", " q " },
		/* bidi override: dropped on one line, kept in bodies */
		{ "a\xe2\x80\xae" "b", "ab", "a\xe2\x80\xae" "b", "ab" },
		/* one U+FFFD per byte that starts nothing valid; a soft hyphen stays */
		{ "\xe2\x82" "c\xc2\xad", "\xef\xbf\xbd\xef\xbf\xbd" "c\xc2\xad",
		  "\xef\xbf\xbd\xef\xbf\xbd" "c\xc2\xad", "\xef\xbf\xbd\xef\xbf\xbd" "c\xc2\xad" },
		{ "ESC\x1b[2J", "ESC\xef\xbf\xbd[2J", "ESC\xef\xbf\xbd[2J", "ESC [2J" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b = {0};
		size_t n = strlen(cases[i].in);

		text_clean_feed_append(&b, cases[i].in, n, false);
		assert_string_equal(buf_cstr(&b), cases[i].line);
		buf_reset(&b);
		text_clean_feed_append(&b, cases[i].in, n, true);
		assert_string_equal(buf_cstr(&b), cases[i].body);
		buf_reset(&b);
		text_clean_message_append(&b, cases[i].in, n);
		assert_string_equal(buf_cstr(&b), cases[i].msg);
		buf_free(&b);
	}
	assert_int_equal(text_cp1252(0x80), 0x20ac);
	assert_int_equal(text_cp1252(0x9f), 0x0178);
	assert_int_equal(text_cp1252(0x8d), 0);
	assert_int_equal(text_cp1252(0x41), 0);
}

static void
test_clean_invisible(void **state)
{
	/* soft hyphen, BOM, RLO ... PDF, LRI, RLM: dropped */
	const char *in = "\xef\xbb\xbfsuper\xc2\xad" "cali \xe2\x80\xae" "evil\xe2\x80\xac"
			 " \xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\x8f";

	assert_clean(in, strlen(in), true, TEXT_EMOJI_SAFE, "supercali evil x");
	/* ZWSP and word joiner: kept in bodies (break opportunities), dropped on one line */
	assert_clean("a\xe2\x80\x8b" "b\xe2\x81\xa0" "c", 9, false, TEXT_EMOJI_SAFE,
		     "a\xe2\x80\x8b" "b\xe2\x81\xa0" "c");
	assert_clean("a\xe2\x80\x8b" "b\xe2\x81\xa0" "c", 9, true, TEXT_EMOJI_SAFE, "abc");
}

static void
test_clean_emoji(void **state)
{
	const char *family = "👨‍👩‍👧", *thumbs = "👍🏽", *heart = "❤️", *flag = "🇯🇵";
	const char *rainbow = "🏳️‍🌈", *ksha = "क्‍ष", *persian = "می‌خواهم";

	assert_clean(family, strlen(family), true, TEXT_EMOJI_SAFE, "👨👩👧");
	assert_clean(thumbs, strlen(thumbs), true, TEXT_EMOJI_SAFE, "👍");
	assert_clean(heart, strlen(heart), true, TEXT_EMOJI_SAFE, "❤");
	assert_clean(flag, strlen(flag), true, TEXT_EMOJI_SAFE, flag);
	assert_clean(rainbow, strlen(rainbow), true, TEXT_EMOJI_SAFE, "🏳🌈");
	assert_clean(ksha, strlen(ksha), true, TEXT_EMOJI_SAFE, ksha);
	assert_clean(persian, strlen(persian), true, TEXT_EMOJI_SAFE, persian);
	assert_clean(family, strlen(family), true, TEXT_EMOJI_PASSTHROUGH, family);
	assert_clean(thumbs, strlen(thumbs), true, TEXT_EMOJI_PASSTHROUGH, thumbs);
	/* in bodies the dropped ZWJ leaves a word joiner: one emoji stays on one line */
	assert_clean(family, strlen(family), false, TEXT_EMOJI_SAFE,
		     "👨\xe2\x81\xa0👩\xe2\x81\xa0👧");
	/* a lone skin-tone swatch is not after a modifier base: kept */
	assert_clean("a🏽", strlen("a🏽"), true, TEXT_EMOJI_SAFE, "a🏽");
}

static void
test_emoji_parse(void **state)
{
	enum text_emoji e = TEXT_EMOJI_SAFE;

	assert_true(text_emoji_parse("passthrough", &e));
	assert_int_equal(e, TEXT_EMOJI_PASSTHROUGH);
	assert_true(text_emoji_parse("safe", &e));
	assert_int_equal(e, TEXT_EMOJI_SAFE);
	assert_false(text_emoji_parse("Safe", &e));
	assert_false(text_emoji_parse(NULL, &e));
}

static void
test_width(void **state)
{
	assert_int_equal(text_width("hello"), 5);
	assert_int_equal(text_width("爱范儿"), 6);
	assert_int_equal(text_width("Cafe\xcc\x81"), 4);
	assert_int_equal(text_width("“…”"), 3);	/* East Asian Ambiguous: 1 */
	assert_int_equal(text_width("👨‍👩‍👧"), 6);
	assert_int_equal(text_width("\x1b[1m"), 4);	/* ESC shows as one U+FFFD */
	assert_int_equal(text_width("a\xc2\xad" "b"), 2);
	assert_int_equal(text_width_n("abcdef", 3), 3);
}

/* Reads one expected field "|...|". */
static char *
unbar(char *s)
{
	size_t n = strlen(s);

	if (n && s[n - 1] == '\n')
		s[--n] = '\0';
	assert_true(n >= 2 && s[0] == '|' && s[n - 1] == '|');
	s[n - 1] = '\0';
	return s + 1;
}

static void
test_truncate_cases(void **state)
{
	FILE *fp = fopen(TRUNCATE_TSV, "r");
	char line[4096];
	int ncases = 0;

	if (!fp) {
		print_message("no %s: shared cases skipped\n", TRUNCATE_TSV);
		skip();
	}
	while (fgets(line, sizeof line, fp)) {
		char *tab1, *tab2, *got;
		int cols;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		tab1 = strchr(line, '\t');
		tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		assert_non_null(tab2);
		*tab1 = *tab2 = '\0';
		cols = atoi(line);
		got = text_truncate(tab1 + 1, cols, TEXT_EMOJI_PASSTHROUGH);
		assert_string_equal(got, unbar(tab2 + 1));
		assert_int_equal(text_width(got), cols);
		free(got);
		ncases++;
	}
	fclose(fp);
	assert_true(ncases >= 10);
}

static void
test_truncate_wide(void **state)
{
	char *s = text_truncate("中文字", 5, TEXT_EMOJI_SAFE);

	assert_string_equal(s, "中文 ");	/* 字 never half drawn */
	free(s);
	s = text_truncate("a\x1b[2Jb\nc", 20, TEXT_EMOJI_SAFE);
	assert_string_equal(s, "a\xef\xbf\xbd[2Jb c            ");
	assert_int_equal(text_width(s), 20);
	free(s);
	/* the emoji policy applies when asked: safe thumbs fit in 2 columns */
	s = text_truncate("👍🏽!", 3, TEXT_EMOJI_SAFE);
	assert_string_equal(s, "👍!");
	free(s);
}

static void
assert_wrap(const char *in, int width, const char *first, const char *rest, const char *want)
{
	char *got = text_wrap_string(in, strlen(in), width, first, rest, TEXT_EMOJI_SAFE);

	assert_string_equal(got, want);
	free(got);
}

static void
test_wrap_basic(void **state)
{
	assert_wrap("the quick brown fox", 10, NULL, NULL, "the quick\nbrown fox\n");
	/* trailing spaces do not count against the width */
	assert_wrap("abcd efgh", 4, NULL, NULL, "abcd\nefgh\n");
	assert_wrap("a\n\nb", 10, NULL, NULL, "a\n\nb\n");
	assert_wrap("\n", 10, NULL, NULL, "\n");
	/* over-long words split at cluster boundaries, on a line of their own */
	assert_wrap("ab abcdefghij", 4, NULL, NULL, "ab\nabcd\nefgh\nij\n");
	assert_wrap("Cafe\xcc\x81" "Cafe\xcc\x81", 5, NULL, NULL,
		    "Cafe\xcc\x81" "C\nafe\xcc\x81\n");
}

static void
test_wrap_prefix(void **state)
{
	assert_wrap("one two three four", 10, "> ", "> ", "> one two\n> three\n> four\n");
	assert_wrap("one two three four", 10, "1. ", "   ", "1. one two\n   three\n   four\n");
}

static void
test_wrap_cjk_kinsoku(void **state)
{
	/* 。never starts a line: 机 moves down with it */
	assert_wrap("今天发布了新一代手机。新机", 20, NULL, NULL, "今天发布了新一代手\n机。新机\n");
	/* （ never ends a line */
	assert_wrap("钛金属钛（重量）", 10, NULL, NULL, "钛金属钛\n（重量）\n");
}

static void
test_wrap_emoji_safe(void **state)
{
	/* 🤷‍♀️ under the safe policy is two pictographs, never split across lines */
	assert_wrap("and one 🤷‍♀️.", 9, NULL, NULL, "and one\n🤷♀.\n");
	assert_wrap("and one 🤷‍♀️.", 9, NULL, NULL, "and one\n🤷♀.\n");
}

static void
test_wrap_emergency_kinsoku(void **state)
{
	/* （重量） has no break opportunity: cut so that ） does not start a line */
	assert_wrap("（重量）", 6, NULL, NULL, "（重\n量）\n");
	/* nor （ end one */
	assert_wrap("一二（三）", 6, NULL, NULL, "一二\n（三）\n");
	assert_wrap("价格（元）", 8, NULL, NULL, "价格\n（元）\n");
}

static void
test_wrap_nbsp_zwsp(void **state)
{
	/* NBSP glues and prints as a space; ZWSP breaks and is not printed */
	assert_wrap("aa 100\xc2\xa0km", 7, NULL, NULL, "aa\n100 km\n");
	assert_wrap("long\xe2\x80\x8bword", 5, NULL, NULL, "long\nword\n");
	assert_wrap("a\xe2\x81\xa0[1]", 10, NULL, NULL, "a[1]\n");
}

static void
test_wrap_lines_api(void **state)
{
	const char *s = "ab cd  ef";
	struct text_line *l;
	size_t n = text_wrap(s, strlen(s), 5, &l);

	assert_int_equal(n, 2);
	assert_int_equal(l[0].start, 0);
	assert_int_equal(l[0].end, 5);
	assert_int_equal(l[0].width, 5);
	assert_int_equal(l[1].start, 7);
	assert_int_equal(l[1].end, 9);
	assert_int_equal(l[1].width, 2);
	free(l);
}

/* U+0600 (a Prepend character) takes the space after it into its cluster: a line keeps it. */
static void
test_wrap_prepend_keeps_its_space(void **state)
{
	const char *s = "\xd8\x80 ab";	/* U+0600, space, "ab" */
	struct text_line *l;
	size_t n = text_wrap(s, strlen(s), 13, &l);

	assert_int_equal(n, 1);
	assert_int_equal(l[0].end, strlen(s));
	free(l);
	n = text_wrap(s, 3, 13, &l);	/* the space last: on the line all the same */
	assert_int_equal(n, 1);
	assert_int_equal(l[0].end, 3);
	free(l);
	n = text_wrap("x\xd8\x80 abcdefgh", 12, 3, &l);
	assert_true(n >= 2);
	assert_int_equal(l[0].end, 4);	/* "x", U+0600 and its space, then a break */
	free(l);
}

static void
test_expand_tabs(void **state)
{
	struct buf b = {0};
	int col = text_expand_tabs(&b, "中\tx\t", 6, 0);

	assert_string_equal(buf_cstr(&b), "中      x       ");
	assert_int_equal(col, 16);
	buf_free(&b);
}

/* What a Backspace in a prompt takes away: one whole grapheme cluster. */
static void
test_last_cluster(void **state)
{
	static const struct { const char *s; size_t at; } cases[] = {
		{ "", 0 },
		{ "ab", 1 },
		{ "e\xcc\x81", 0 },				/* e + combining acute */
		{ "x\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 1 },	/* 👍🏽: thumb + skin tone */
		{ "a\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5", 1 },	/* 🇯🇵: two regional indicators */
		{ "\xe4\xb8\xad\xe6\x96\x87", 3 },			/* 中文 */
		{ "\xe0\xa4\xb9\xe0\xa4\xbf", 0 },			/* हि: consonant + vowel sign */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(text_last_cluster(cases[i].s, strlen(cases[i].s)), cases[i].at);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_c_locale),
		cmocka_unit_test(test_clean_invalid_utf8),
		cmocka_unit_test(test_clean_controls),
		cmocka_unit_test(test_clean_feed_and_message),
		cmocka_unit_test(test_clean_invisible),
		cmocka_unit_test(test_clean_emoji),
		cmocka_unit_test(test_emoji_parse),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_truncate_cases),
		cmocka_unit_test(test_truncate_wide),
		cmocka_unit_test(test_wrap_basic),
		cmocka_unit_test(test_wrap_prefix),
		cmocka_unit_test(test_wrap_cjk_kinsoku),
		cmocka_unit_test(test_wrap_emoji_safe),
		cmocka_unit_test(test_wrap_emergency_kinsoku),
		cmocka_unit_test(test_wrap_nbsp_zwsp),
		cmocka_unit_test(test_wrap_lines_api),
		cmocka_unit_test(test_wrap_prepend_keeps_its_space),
		cmocka_unit_test(test_expand_tabs),
		cmocka_unit_test(test_last_cluster),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
