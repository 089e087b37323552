/* Unit tests for the screen layout: a pure function of size and mode. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "byline/layout.h"

static void
test_degenerate_sizes(void **state)
{
	struct layout l;

	layout_compute(0, 0, LAYOUT_LIST, false, &l);
	assert_int_equal(l.main.h, 0);
	assert_int_equal(l.status.h, 0);
	layout_compute(80, -3, LAYOUT_SPLIT, true, &l);
	assert_int_equal(l.main.h, 0);
	assert_false(l.split);
	/* One row: only the status line survives. */
	layout_compute(80, 1, LAYOUT_LIST, false, &l);
	assert_int_equal(l.status.y, 0);
	assert_int_equal(l.main.h, 0);
	assert_int_equal(l.title.h, 0);
	/* Two rows: no title, one body row. */
	layout_compute(80, 2, LAYOUT_LIST, false, &l);
	assert_int_equal(l.title.h, 0);
	assert_int_equal(l.main.y, 0);
	assert_int_equal(l.main.h, 1);
	assert_int_equal(l.status.y, 1);
}

static void
test_list_fills_screen(void **state)
{
	struct layout l;

	layout_compute(100, 30, LAYOUT_LIST, true, &l);
	assert_false(l.split);
	assert_int_equal(l.title.y, 0);
	assert_int_equal(l.title.w, 100);
	assert_int_equal(l.main.y, 1);
	assert_int_equal(l.main.h, 28);
	assert_int_equal(l.main.w, 100);
	assert_int_equal(l.status.y, 29);
	assert_int_equal(l.side.w, 0);
}

static void
test_split_shares_columns(void **state)
{
	struct layout l;

	layout_compute(100, 30, LAYOUT_SPLIT, true, &l);
	assert_true(l.split);
	assert_int_equal(l.main.w + l.divider.w + l.side.w, 100);
	assert_int_equal(l.side.x, l.divider.x + 1);
	assert_int_equal(l.divider.x, l.main.w);
	assert_int_equal(l.side.h, l.main.h);
	assert_true(l.main.w >= 30);
	/* Nothing to put beside the list: no split. */
	layout_compute(100, 30, LAYOUT_SPLIT, false, &l);
	assert_false(l.split);
	assert_int_equal(l.main.w, 100);
	/* Too narrow even when asked for. */
	layout_compute(LAYOUT_MIN_SPLIT_COLS - 1, 30, LAYOUT_SPLIT, true, &l);
	assert_false(l.split);
}

static void
test_auto_depends_on_width(void **state)
{
	struct layout l;

	layout_compute(LAYOUT_AUTO_SPLIT_COLS - 1, 40, LAYOUT_AUTO, true, &l);
	assert_false(l.split);
	layout_compute(LAYOUT_AUTO_SPLIT_COLS, 40, LAYOUT_AUTO, true, &l);
	assert_true(l.split);
	assert_int_equal(l.main.w + 1 + l.side.w, LAYOUT_AUTO_SPLIT_COLS);
}

static void
test_parse_mode(void **state)
{
	enum layout_mode m = LAYOUT_LIST;

	assert_true(layout_parse_mode("split", &m));
	assert_int_equal(m, LAYOUT_SPLIT);
	assert_true(layout_parse_mode("auto", &m));
	assert_int_equal(m, LAYOUT_AUTO);
	assert_true(layout_parse_mode("list", &m));
	assert_int_equal(m, LAYOUT_LIST);
	assert_false(layout_parse_mode("Split", &m));
	assert_false(layout_parse_mode("", &m));
	assert_false(layout_parse_mode(NULL, &m));
}

/* A wrapped status line takes rows from the bottom of the body, which keeps one. */
static void
test_status_rows(void **state)
{
	struct layout l;

	layout_compute(40, 20, LAYOUT_LIST, false, &l);
	assert_int_equal(layout_status_rows(&l, 3), 3);
	assert_int_equal(l.status.y, 17);
	assert_int_equal(l.main.h, 16);
	assert_int_equal(l.main.y + l.main.h, l.status.y);
	layout_compute(100, 30, LAYOUT_SPLIT, true, &l);
	assert_int_equal(layout_status_rows(&l, 2), 2);
	assert_int_equal(l.side.h, l.main.h);
	assert_int_equal(l.divider.h, l.main.h);
	assert_int_equal(l.status.y, 28);
	/* Three rows: one body row stays, the status line gets what is left. */
	layout_compute(40, 4, LAYOUT_LIST, false, &l);
	assert_int_equal(layout_status_rows(&l, 3), 2);
	assert_int_equal(l.main.h, 1);
	assert_int_equal(l.status.y, 2);
	layout_compute(40, 20, LAYOUT_LIST, false, &l);
	assert_int_equal(layout_status_rows(&l, 1), 1);
	assert_int_equal(l.status.y, 19);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_degenerate_sizes),
		cmocka_unit_test(test_list_fills_screen),
		cmocka_unit_test(test_split_shares_columns),
		cmocka_unit_test(test_auto_depends_on_width),
		cmocka_unit_test(test_parse_mode),
		cmocka_unit_test(test_status_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
