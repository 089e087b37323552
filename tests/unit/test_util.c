/* Unit tests for the buffers and the JSON writer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/json.h"

static void
test_buf_empty(void **state)
{
	struct buf b = {0};

	assert_string_equal(buf_cstr(&b), "");
	char *s = buf_steal(&b);
	assert_string_equal(s, "");
	free(s);
}

static void
test_buf_grows(void **state)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
	assert_true(strstr(b.data, ",999,") != NULL);
	buf_truncate(&b, 2);
	assert_string_equal(buf_cstr(&b), "0,");
	buf_free(&b);
}

static void
test_json_escapes(void **state)
{
	struct buf b = {0};

	json_put_string(&b, "a\"b\\c\n\x01\x1b[2J", 11);
	assert_string_equal(buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u0001\\u001b[2J\"");
	buf_free(&b);
}

static void
test_json_invalid_utf8(void **state)
{
	struct buf b = {0};
	/* a stray continuation byte, an overlong '/', a surrogate, then valid 中 */
	const char in[] = "\x80" "\xc0\xaf" "\xed\xa0\x80" "\xe4\xb8\xad";

	json_put_string(&b, in, sizeof(in) - 1);
	assert_string_equal(buf_cstr(&b),
	    "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xe4\xb8\xad\"");
	buf_free(&b);
}

static void
test_json_truncated_sequence(void **state)
{
	struct buf b = {0};

	json_put_string(&b, "ok\xe4\xb8", 4);
	assert_string_equal(buf_cstr(&b), "\"ok\xef\xbf\xbd\xef\xbf\xbd\"");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_empty),
		cmocka_unit_test(test_buf_grows),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_json_invalid_utf8),
		cmocka_unit_test(test_json_truncated_sequence),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
