/* Unit tests for the buffers, the JSON writer and the UTF-8 validator. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/json.h"
#include "byline/utf8.h"

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

/*
 * The 32-byte validator accepts every well-formed character, at every
 * position in a block (it may stop early only at what is not UTF-8, or
 * not XML with UTF8_XML: the scalar loop then decides).
 */
static void
test_utf8_block_accepts_every_character(void **state)
{
#ifdef UTF8_AVX2
	unsigned char b[96];
	uint32_t c;
	size_t at;

	if (!__builtin_cpu_supports("avx2"))
		skip();
	for (c = 0x20; c < 0x110000; c++) {
		bool xml_ok = c != 0x7f && (c < 0x80 || c >= 0xa0) && c != 0xfffe && c != 0xffff;

		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		at = 20 + c % 40;	/* in the first block, across the boundary, in the second */
		memset(b, 'a', sizeof b);
		utf8_encode(c, b + at);
		assert_int_equal(utf8_valid_len_avx2(b, sizeof b, 0), 96);
		if (xml_ok)
			assert_int_equal(utf8_valid_len_avx2(b, sizeof b, UTF8_XML), 96);
	}
#else
	skip();
#endif
}

/* ... and never passes what is not UTF-8 (random bytes against the scalar decoder). */
static void
test_utf8_block_stops_before_errors(void **state)
{
#ifdef UTF8_AVX2
	static const unsigned char pool[] = { 'a', '\n', 0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
		0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff };
	unsigned char b[128];
	uint64_t seed = 42;
	int round;
	size_t i;

	if (!__builtin_cpu_supports("avx2"))
		skip();
	for (round = 0; round < 200000; round++) {
		size_t good = 0, len;
		uint32_t cp;

		for (i = 0; i < sizeof b; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			/* mostly valid text with a few strange bytes */
			b[i] = (seed >> 60) ? 'a' + (unsigned char)(seed >> 33) % 26 :
					      pool[(seed >> 33) % sizeof pool];
		}
		while (good < sizeof b && (len = utf8_decode(b + good, sizeof b - good, &cp)))
			good += len;
		assert_true(utf8_valid_len_avx2(b, sizeof b, 0) <= good);
	}
#else
	skip();
#endif
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
		cmocka_unit_test(test_utf8_block_accepts_every_character),
		cmocka_unit_test(test_utf8_block_stops_before_errors),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
