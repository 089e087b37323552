/* Unit tests for the view framework's list mechanics: selection, scrolling, paging, dirty rows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/ui/app_int.h"
#include "../../src/ui/view_int.h"

static void
no_draw(struct view *v, struct draw *d, int64_t row)
{
}

static const struct view_ops list_ops = { .name = "articles", .draw_row = no_draw };
static const struct view_ops pager_ops = { .name = "article", .pager = true,
					   .draw_row = no_draw };

/* A view of n rows on a screen of h rows. */
static void
setup(struct view *v, struct app *a, const struct view_ops *ops, int64_t n, int h)
{
	memset(a, 0, sizeof(*a));
	view_init(v, ops, a, NULL);
	v->height = h;
	view_set_rows(v, n);
}

static void
test_empty_list(void **state)
{
	struct app a;
	struct view v;

	setup(&v, &a, &list_ops, 0, 10);
	assert_int_equal(view_move(&v, ACT_NEXT), AR_HANDLED);
	assert_int_equal(v.sel, 0);
	view_move(&v, ACT_LAST);
	assert_int_equal(v.sel, 0);
	view_move(&v, ACT_PAGE_DOWN);
	assert_int_equal(v.top, 0);
	assert_int_equal(view_move(&v, ACT_OPEN), AR_NOT_MINE);
}

static void
test_selection_scrolls_as_little_as_needed(void **state)
{
	struct app a;
	struct view v;
	int i;

	setup(&v, &a, &list_ops, 100, 10);
	for (i = 0; i < 9; i++)
		view_move(&v, ACT_NEXT);
	assert_int_equal(v.sel, 9);
	assert_int_equal(v.top, 0);
	view_move(&v, ACT_NEXT);
	assert_int_equal(v.sel, 10);
	assert_int_equal(v.top, 1);
	view_move(&v, ACT_LAST);
	assert_int_equal(v.sel, 99);
	assert_int_equal(v.top, 90);
	view_move(&v, ACT_NEXT);
	assert_int_equal(v.sel, 99);
	view_move(&v, ACT_FIRST);
	assert_int_equal(v.sel, 0);
	assert_int_equal(v.top, 0);
	view_move(&v, ACT_PREV);
	assert_int_equal(v.sel, 0);
}

static void
test_page_keeps_screen_row(void **state)
{
	struct app a;
	struct view v;

	setup(&v, &a, &list_ops, 100, 10);
	view_select(&v, 3);
	view_move(&v, ACT_PAGE_DOWN);
	assert_int_equal(v.top, 9);
	assert_int_equal(v.sel, 12);
	view_move(&v, ACT_PAGE_UP);
	assert_int_equal(v.top, 0);
	assert_int_equal(v.sel, 3);
	/* Near the end the page stops at the last row. */
	view_select(&v, 95);
	view_move(&v, ACT_PAGE_DOWN);
	assert_int_equal(v.sel, 99);
	assert_int_equal(v.top, 90);
}

static void
test_select_at_keeps_the_cursor_in_place(void **state)
{
	struct app a;
	struct view v;

	/* A refresh put 5 rows above: the same article sits 5 rows lower, same screen row. */
	setup(&v, &a, &list_ops, 20, 10);
	view_select(&v, 4);
	view_set_rows(&v, 25);
	view_select_at(&v, 9, 4);
	assert_int_equal(v.sel, 9);
	assert_int_equal(v.top, 5);
	/* Where the end of the list cannot scroll that far, the row still shows. */
	view_select_at(&v, 24, 0);
	assert_int_equal(v.sel, 24);
	assert_int_equal(v.top, 15);
}

static void
test_rows_shrinking_clamps(void **state)
{
	struct app a;
	struct view v;

	setup(&v, &a, &list_ops, 50, 10);
	view_move(&v, ACT_LAST);
	view_set_rows(&v, 5);
	assert_int_equal(v.sel, 4);
	assert_int_equal(v.top, 0);
	view_set_rows(&v, 0);
	assert_int_equal(v.sel, 0);
}

static void
test_pager_scrolls(void **state)
{
	struct app a;
	struct view v;

	setup(&v, &a, &pager_ops, 30, 10);
	view_move(&v, ACT_NEXT);
	assert_int_equal(v.top, 1);
	assert_int_equal(v.sel, v.top);
	view_move(&v, ACT_PAGE_DOWN);
	assert_int_equal(v.top, 10);
	view_move(&v, ACT_PAGE_DOWN);
	assert_int_equal(v.top, 19);
	view_move(&v, ACT_PAGE_DOWN);
	assert_int_equal(v.top, 20);	/* the last screen is full */
	view_move(&v, ACT_LAST);
	assert_int_equal(v.top, 20);
	view_move(&v, ACT_FIRST);
	assert_int_equal(v.top, 0);
	/* Shorter than the screen: no scrolling at all. */
	setup(&v, &a, &pager_ops, 5, 10);
	view_move(&v, ACT_PAGE_DOWN);
	assert_int_equal(v.top, 0);
}

static void
test_moves_report_changes(void **state)
{
	struct app a;
	struct view v;

	setup(&v, &a, &list_ops, 100, 10);
	a.changed = 0;
	v.dirty_all = false;
	view_move(&v, ACT_NEXT);
	assert_true(a.changed & CH_ROW);
	assert_false(v.dirty_all);	/* only the two rows, no full redraw */
	assert_true(v.dirty[0] == 0 || v.dirty[1] == 0);
	assert_true(v.dirty[0] == 1 || v.dirty[1] == 1);
	view_move(&v, ACT_LAST);
	assert_true(v.dirty_all);	/* it scrolled */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_selection_scrolls_as_little_as_needed),
		cmocka_unit_test(test_page_keeps_screen_row),
		cmocka_unit_test(test_select_at_keeps_the_cursor_in_place),
		cmocka_unit_test(test_rows_shrinking_clamps),
		cmocka_unit_test(test_pager_scrolls),
		cmocka_unit_test(test_moves_report_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
