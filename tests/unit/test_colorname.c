/* Unit tests for the one table of color and attribute names (config and reader alike). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "byline/colorname.h"
#include "byline/config.h"

static void
test_not_colors(void **state)
{
	static const char *const bad[] = {
		"", "Red", "RED", "rot", "bright", "brightdefault", "bright red", "brightred2",
		"color", "color256", "color-1", "color+1", "color 1", "colorx", "color1x",
		"lightred", "grey",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (colorname_color(bad[i]) != COLORNAME_BAD)
			fail_msg("'%s' taken for color %d", bad[i], colorname_color(bad[i]));
}

static void
test_colors(void **state)
{
	assert_int_equal(colorname_color("default"), COLORNAME_DEFAULT);
	assert_int_equal(colorname_color("black"), 0);
	assert_int_equal(colorname_color("red"), 1);
	assert_int_equal(colorname_color("white"), 7);
	/* The bright forms are the terminal's colors 8-15, in the same order. */
	assert_int_equal(colorname_color("brightblack"), 8);
	assert_int_equal(colorname_color("brightred"), 9);
	assert_int_equal(colorname_color("brightcyan"), 14);
	assert_int_equal(colorname_color("brightwhite"), 15);
	assert_int_equal(colorname_color("color0"), 0);
	assert_int_equal(colorname_color("color9"), colorname_color("brightred"));
	assert_int_equal(colorname_color("color255"), 255);
}

static void
test_attributes(void **state)
{
	assert_int_equal(colorname_attr("normal"), CA_NORMAL);
	assert_int_equal(colorname_attr("bold"), CA_BOLD);
	assert_int_equal(colorname_attr("italic"), CA_ITALIC);
	assert_int_equal(colorname_attr("Bold"), -1);
	assert_int_equal(colorname_attr("shiny"), -1);
	assert_int_equal(colorname_attr(""), -1);
	assert_int_equal(colorname_attr("red"), -1);
}

/* The hints name what the table takes, so the error message cannot fall behind it. */
static void
test_hints_name_the_table(void **state)
{
	static const char *const attrs[] = { "normal", "bold", "dim", "underline", "reverse",
					     "standout", "blink", "italic" };
	static const char *const colors[] = { "default", "black", "red", "green", "yellow",
					      "blue", "magenta", "cyan", "white", "brightblack",
					      "brightwhite", "color0", "color255" };
	size_t i;

	for (i = 0; i < sizeof(colors) / sizeof(colors[0]); i++) {
		assert_int_not_equal(colorname_color(colors[i]), COLORNAME_BAD);
		assert_non_null(strstr(colorname_color_hint, colors[i]));
	}
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		assert_int_equal(colorname_attr(attrs[i]), (int)i);
		assert_non_null(strstr(colorname_attr_hint, attrs[i]));
	}
	assert_int_equal(CA_COUNT, sizeof(attrs) / sizeof(attrs[0]));
}

/* The config takes what the reader draws: bright colors in either place, attributes after. */
static void
test_config_takes_the_table(void **state)
{
	struct bl_err err = {0};
	struct config *cfg = config_parse("color title brightred default\n"
					  "color status default brightblue bold italic\n"
					  "color date color9 color255\n", "cfg", &err);

	if (!cfg)
		fail_msg("refused: %s", err.msg);
	assert_string_equal(cfg->colors[cfg->ncolors - 3].fg, "brightred");
	assert_string_equal(cfg->colors[cfg->ncolors - 2].bg, "brightblue");
	assert_int_equal(cfg->colors[cfg->ncolors - 2].nattrs, 2);
	config_free(&cfg);

	assert_null(config_parse("\ncolor title brightpink default\n", "cfg", &err));
	assert_non_null(strstr(err.msg, "cfg:2: 'brightpink': unknown color (use default"));
	assert_non_null(strstr(err.msg, "brightblack ... brightwhite"));
	assert_null(config_parse("color title red default glowing\n", "cfg", &err));
	assert_non_null(strstr(err.msg, "cfg:1: 'glowing': unknown attribute (use normal"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_colors),
		cmocka_unit_test(test_colors),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_hints_name_the_table),
		cmocka_unit_test(test_config_takes_the_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
