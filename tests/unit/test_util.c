/* Unit tests for the buffers, the JSON writer and the UTF-8 validator. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <signal.h>
#include <unistd.h>
#include "byline/buf.h"
#include "byline/files.h"
#include "byline/mem.h"
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

/* The scans byline uses (json.c, textutil.c, transcode.c, wrap.c) ... */
static const struct utf8_stop scans[] = {
	{ .from = 0x80 },					/* utf8_ascii_len */
	{ .a = '&', .b = '<' },					/* parse_until_markup */
	{ .a = 0xc2, .b = 0xe2 },				/* wrap.c's next_special */
	{ .below = 0x20, .a = '"', .b = '\\', .c = 0x7f },	/* json.c */
	{ .below = ' ' + 1 },					/* parse_collapse_ws */
	{ .below = 0x20, .from = 0x7f },			/* the transcoder's ASCII runs */
	{ .below = 0x20, .a = 0x7f, .b = 0xc2 },		/* parse_clean, bodies */
	{ .below = 0x20, .a = 0x7f, .b = 0xc2, .c = 0xd8, .d = 0xe2 },	/* ... one line */
};
#define NSCANS (sizeof scans / sizeof scans[0])

/* ... and the bytes each stops at, written out. */
static bool
stops_by_definition(size_t which, unsigned char c)
{
	switch (which) {
	case 0:
		return c >= 0x80;
	case 1:
		return c == '&' || c == '<';
	case 2:
		return c == 0xc2 || c == 0xe2;
	case 3:
		return c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
	case 4:
		return c <= ' ';
	case 5:
		return c < 0x20 || c >= 0x7f;
	case 6:
		return c < 0x20 || c == 0x7f || c == 0xc2;
	default:
		return c < 0x20 || c == 0x7f || c == 0xc2 || c == 0xd8 || c == 0xe2;
	}
}

static size_t
span_by_definition(const unsigned char *s, size_t n, size_t which)
{
	size_t i = 0;

	while (i < n && !stops_by_definition(which, s[i]))
		i++;
	return i;
}

static uint64_t
next_rand(uint64_t *seed)
{
	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return *seed >> 33;
}

/* Mostly letters, with the bytes the scans and the validator care about. */
static unsigned char
text_byte(uint64_t *seed)
{
	static const unsigned char pool[] = { 0x00, '\t', '\n', '\r', 0x1f, ' ', '"', '&', '<', '\\',
		0x7e, 0x7f, 0x80, 0x8f, 0x90, 0x9c, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xc3, 0xd8, 0xdf,
		0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff };
	uint64_t r = next_rand(seed);

	return r % 4 ? (unsigned char)('a' + r / 4 % 26) : pool[r / 4 % sizeof pool];
}

/*
 * utf8_span (16 bytes at a time) against its scalar twin and the plain
 * definition: every byte value at every place of a buffer longer than two
 * vectors, then random text of every length up to 100 bytes.
 */
static void
test_span_matches_scalar(void **state)
{
	unsigned char b[100];
	uint64_t seed = 7;
	size_t w, at, n, round;
	unsigned c;

	for (w = 0; w < NSCANS; w++) {
		for (c = 0; c < 256; c++) {
			for (at = 0; at < 40; at++) {
				memset(b, 'a', 40);
				b[at] = (unsigned char)c;
				n = span_by_definition(b, 40, w);
				assert_int_equal(utf8_span(b, 40, scans[w]), n);
				assert_int_equal(utf8_span_scalar(b, 40, scans[w]), n);
			}
		}
		for (round = 0; round < 3000; round++) {
			size_t len = round % (sizeof b + 1), i;

			for (i = 0; i < len; i++)
				b[i] = next_rand(&seed) % 8 ? (unsigned char)('a' + i % 26) : text_byte(&seed);
			n = span_by_definition(b, len, w);
			assert_int_equal(utf8_span(b, len, scans[w]), n);
			assert_int_equal(utf8_span_scalar(b, len, scans[w]), n);
		}
	}
	assert_int_equal(utf8_ascii_len((const unsigned char *)"abc\xc3\xa9", 5), 3);
	assert_int_equal(utf8_find2((const unsigned char *)"abc<&", 5, '&', '<'), 3);
}

/* The longest valid prefix one character at a time, as RFC 3629 and XML 1.0 say. */
static size_t
valid_by_definition(const unsigned char *s, size_t n, unsigned flags)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n && (len = utf8_decode(s + i, n - i, &cp))) {
		if ((flags & UTF8_XML) && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
					   (cp >= 0x7f && cp < 0xa0) || cp == 0xfffe || cp == 0xffff))
			break;
		i += len;
	}
	return i;
}

/*
 * utf8_valid_len (the 32-byte validator first, where the CPU has AVX2)
 * against its scalar twin on random text of every length up to 300 bytes,
 * with and without UTF8_XML, and with every character sequence cut at the
 * vector boundaries (the validator's blocks end at 32 and 64).
 */
static void
test_valid_len_matches_scalar(void **state)
{
	static const char *const chars[] = { "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80",
		"\xef\xbf\xbe", "\xc2\x85", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf" };
	unsigned char b[300];
	uint64_t seed = 11;
	size_t round, i, at, ch, len;
	unsigned flags;

	for (round = 0; round < 20000; round++) {
		len = round % (sizeof b + 1);
		for (i = 0; i < len; i++)
			b[i] = next_rand(&seed) % 16 ? (unsigned char)('a' + i % 26) : text_byte(&seed);
		for (flags = 0; flags <= UTF8_XML; flags++) {
			size_t want = valid_by_definition(b, len, flags);

			assert_int_equal(utf8_valid_len(b, len, flags), want);
			assert_int_equal(utf8_valid_len_scalar(b, len, flags), want);
		}
	}
	for (ch = 0; ch < sizeof chars / sizeof chars[0]; ch++) {
		for (at = 26; at < 70; at++) {
			memset(b, 'a', 128);
			memcpy(b + at, chars[ch], strlen(chars[ch]));
			/* whole, and cut after each of its bytes */
			for (len = at + 1; len <= at + strlen(chars[ch]); len++) {
				for (flags = 0; flags <= UTF8_XML; flags++) {
					assert_int_equal(utf8_valid_len(b, 128, flags),
							 valid_by_definition(b, 128, flags));
					assert_int_equal(utf8_valid_len(b, len, flags),
							 valid_by_definition(b, len, flags));
				}
			}
		}
	}
}

static char *
safe(const char *title, const char *ext)
{
	struct buf b = {0};

	files_safe_name(&b, title, strlen(title), ext, "article");
	return buf_steal(&b);
}

#define ASSERT_SAFE(title, ext, want) do { \
	char *got_ = safe(title, ext); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

/* Names from feed titles: no path, no control, no hidden file, any script, cut between clusters. */
static void
test_safe_names(void **state)
{
	char *huge = xmalloc(3 * 3000 + 1), *got;
	size_t i;

	ASSERT_SAFE("Hello world", ".txt", "Hello world.txt");
	ASSERT_SAFE("../../etc/passwd", ".txt", "_.._etc_passwd.txt");
	ASSERT_SAFE("..", "", "article");
	ASSERT_SAFE(" . ", ".txt", "article.txt");
	ASSERT_SAFE("-rf /", "", "rf _");
	ASSERT_SAFE("a\x1b[2Jb\nc\td", ".txt", "a [2Jb c d.txt");
	ASSERT_SAFE("what? *yes*: <a|b> \"q\" \\", "", "what_ _yes__ _a_b_ _q_ _");
	ASSERT_SAFE("科技新闻 Tech", ".html", "科技新闻 Tech.html");
	ASSERT_SAFE("Title.  ", ".txt", "Title.txt");
	ASSERT_SAFE("bad \xff byte", "", "bad \xef\xbf\xbd byte");
	for (i = 0; i < 3000; i++)
		memcpy(huge + 3 * i, "長", 3);
	huge[9000] = 0;
	got = safe(huge, ".txt");
	assert_true(strlen(got) <= FILES_NAME_MAX);
	assert_true(strlen(got) >= FILES_NAME_MAX - 3 - 4);
	assert_int_equal((strlen(got) - 4) % 3, 0);	/* whole characters */
	free(got);
	/* e + combining acute: never the e without its accent at the cut */
	for (i = 0; i < 100; i++)
		memcpy(huge + 3 * i, "e\xcc\x81", 3);
	huge[300] = 0;
	got = safe(huge, "");
	assert_int_equal(strlen(got) % 3, 0);
	free(got);
	free(huge);
}

static char *
tmpdir(void)
{
	char *d = xstrdup("/tmp/byline-test-files-XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char buf[256] = "";
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = 0;
	fclose(fp);
	return xstrdup(buf);
}

/* A new file each time, never over an old one; the folder made when missing. */
static void
test_write_new_never_overwrites(void **state)
{
	char *d = tmpdir(), *sub = xasprintf("%s/a/b", d), *p1 = NULL, *p2 = NULL, *t;
	struct bl_err err;

	assert_int_equal(files_write_new(sub, "x", ".txt", "one", 3, &p1, &err), BL_OK);
	assert_int_equal(files_write_new(sub, "x", ".txt", "two", 3, &p2, &err), BL_OK);
	t = xasprintf("%s/x.txt", sub);
	assert_string_equal(p1, t);
	free(t);
	t = xasprintf("%s/x (2).txt", sub);
	assert_string_equal(p2, t);
	free(t);
	t = slurp(p1);
	assert_string_equal(t, "one");
	free(t);
	t = slurp(p2);
	assert_string_equal(t, "two");
	free(t);
	unlink(p1);
	unlink(p2);
	free(p1);
	free(p2);
	t = xasprintf("%s/a", d);
	rmdir(sub);
	rmdir(t);
	rmdir(d);
	free(t);
	free(sub);
	free(d);
}

/* A write that fails half-way (past a file-size limit, as on a full disk) leaves no file. */
static void
test_write_new_failure_leaves_nothing(void **state)
{
	char *d = tmpdir(), *p = NULL, *big = xcalloc(1, 1 << 20);
	struct rlimit old, lim;
	struct bl_err err;
	enum bl_status st;
	int n = 0;
	DIR *dir;

	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 64 * 1024;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &lim);
	st = files_write_new(d, "big", ".txt", big, 1 << 20, &p, &err);
	setrlimit(RLIMIT_FSIZE, &old);
	assert_int_equal(st, BL_ERR);
	assert_non_null(strstr(err.msg, "nothing was saved"));
	assert_null(p);
	assert_non_null(dir = opendir(d));
	while (readdir(dir))
		n++;
	closedir(dir);
	assert_int_equal(n, 2);	/* . and .. */
	rmdir(d);
	free(d);
	free(big);
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
		cmocka_unit_test(test_span_matches_scalar),
		cmocka_unit_test(test_valid_len_matches_scalar),
		cmocka_unit_test(test_safe_names),
		cmocka_unit_test(test_write_new_never_overwrites),
		cmocka_unit_test(test_write_new_failure_leaves_nothing),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
