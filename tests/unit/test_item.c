/* Unit tests for the item model: item_dup's copy is whole and the copy's own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "byline/item.h"
#include "byline/mem.h"

/* An item as the parser hands it over, every field set, in a few scripts. */
static void
full_item(struct item *it)
{
	static const char *const cats[] = { "科技", "हिंदी", "news" };
	size_t i;

	*it = (struct item){
		.id = xstrdup("urn:uuid:1"),
		.title = xstrdup("爱范儿 — a title"),
		.link = xstrdup("https://example.org/a?b=1"),
		.author = xstrdup("Анна"),
		.published = 1700000000,
		.updated = 1700000600,
		.summary = xstrdup("<p>summary</p>"),
		.content = xstrdup("<p>content &amp; more</p>"),
		.ncategories = 3,
		.nenclosures = 2,
	};
	it->categories = xcalloc(3, sizeof(char *));
	for (i = 0; i < 3; i++)
		it->categories[i] = xstrdup(cats[i]);
	it->enclosures = xcalloc(2, sizeof(struct enclosure));
	it->enclosures[0] = (struct enclosure){ xstrdup("https://example.org/a.mp3"),
						xstrdup("audio/mpeg"), 12345, 1830 };
	it->enclosures[1] = (struct enclosure){ xstrdup("https://example.org/b"), NULL, -1, -1 };
}

/* Every field comes over, and survives the original being freed. */
static void
test_dup_copies_every_field(void **state)
{
	struct item src, dst;

	full_item(&src);
	item_dup(&dst, &src);
	assert_ptr_not_equal(dst.title, src.title);
	assert_ptr_not_equal(dst.categories, src.categories);
	assert_ptr_not_equal(dst.enclosures, src.enclosures);
	item_clear(&src);
	assert_string_equal(dst.id, "urn:uuid:1");
	assert_string_equal(dst.title, "爱范儿 — a title");
	assert_string_equal(dst.link, "https://example.org/a?b=1");
	assert_string_equal(dst.author, "Анна");
	assert_int_equal(dst.published, 1700000000);
	assert_int_equal(dst.updated, 1700000600);
	assert_string_equal(dst.summary, "<p>summary</p>");
	assert_string_equal(dst.content, "<p>content &amp; more</p>");
	assert_int_equal(dst.ncategories, 3);
	assert_string_equal(dst.categories[0], "科技");
	assert_string_equal(dst.categories[1], "हिंदी");
	assert_string_equal(dst.categories[2], "news");
	assert_int_equal(dst.nenclosures, 2);
	assert_string_equal(dst.enclosures[0].url, "https://example.org/a.mp3");
	assert_string_equal(dst.enclosures[0].type, "audio/mpeg");
	assert_int_equal(dst.enclosures[0].length, 12345);
	assert_int_equal(dst.enclosures[0].duration, 1830);
	assert_string_equal(dst.enclosures[1].url, "https://example.org/b");
	assert_null(dst.enclosures[1].type);
	assert_int_equal(dst.enclosures[1].length, -1);
	item_clear(&dst);
}

/* An item with nothing in it copies as nothing: NULLs, no lists, no dates. */
static void
test_dup_empty(void **state)
{
	struct item src = { 0 }, dst;

	memset(&dst, 0xa5, sizeof(dst));	/* whatever dst held is overwritten */
	item_clear(&src);	/* the empty item: no strings, no lists, no dates */
	item_dup(&dst, &src);
	assert_null(dst.id);
	assert_null(dst.title);
	assert_null(dst.link);
	assert_null(dst.author);
	assert_null(dst.summary);
	assert_null(dst.content);
	assert_null(dst.categories);
	assert_int_equal(dst.ncategories, 0);
	assert_null(dst.enclosures);
	assert_int_equal(dst.nenclosures, 0);
	assert_true(dst.published == BL_NO_DATE);
	assert_true(dst.updated == BL_NO_DATE);
	item_clear(&dst);
}

/* A copy changed leaves the original as it was. */
static void
test_dup_is_independent(void **state)
{
	struct item src, dst;

	full_item(&src);
	item_dup(&dst, &src);
	dst.title[0] = 'X';
	dst.categories[2][0] = 'N';
	dst.enclosures[0].length = 1;
	assert_string_equal(src.title, "爱范儿 — a title");
	assert_string_equal(src.categories[2], "news");
	assert_int_equal(src.enclosures[0].length, 12345);
	item_clear(&dst);
	item_clear(&src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dup_empty),
		cmocka_unit_test(test_dup_copies_every_field),
		cmocka_unit_test(test_dup_is_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
