/* Before parsing: scripts', styles' and comments' contents cut out of the page's text (half of a page's bytes). */
#define _GNU_SOURCE
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "extract_impl.h"

/* Where the tag starting at s[i] == '<' ends (after its '>'), quoted attribute values skipped. */
static size_t
tag_end(const char *s, size_t n, size_t i)
{
	bool after_eq = false;

	for (i++; i < n; i++) {
		char c = s[i];

		if (c == '>')
			return i + 1;
		if (after_eq && (c == '"' || c == '\'')) {
			const char *q = memchr(s + i + 1, c, n - i - 1);

			if (!q)
				return n;
			i = (size_t)(q - s);
			after_eq = false;
		} else if (c == '=') {
			after_eq = true;
		} else if (!isspace((unsigned char)c)) {
			after_eq = false;
		}
	}
	return n;
}

/* Offset of the next "</name" (any case) at or after i, or n. */
static size_t
find_close(const char *s, size_t n, size_t i, const char *name, size_t k)
{
	const char *p;

	while (i < n && (p = memchr(s + i, '<', n - i))) {
		i = (size_t)(p - s);
		if (i + 2 + k <= n && s[i + 1] == '/' && !strncasecmp(s + i + 2, name, k) &&
		    (i + 2 + k == n || !isalnum((unsigned char)s[i + 2 + k])))
			return i;
		i++;
	}
	return n;
}

/* The elements whose content is not markup: dropped (script, style) or kept as it is. */
static const struct {
	const char *name;
	bool drop;
} raw[] = {
	{ "script", true }, { "style", true }, { "textarea", false }, { "title", false },
	{ "xmp", false }, { "noembed", true }, { "noframes", true },
};

static int
raw_element(const char *s, size_t n, size_t i)
{
	size_t k;
	unsigned r;

	for (r = 0; r < sizeof raw / sizeof *raw; r++) {
		k = strlen(raw[r].name);
		if (i + 1 + k < n && !strncasecmp(s + i + 1, raw[r].name, k) &&
		    !isalnum((unsigned char)s[i + 1 + k]) && s[i + 1 + k] != '-')
			return (int)r;
	}
	return -1;
}

/* A JSON-LD script: its content is metadata the extractor reads. */
static bool
is_jsonld(const char *tag, size_t n)
{
	const char *t = tag, *end = tag + n;

	for (; t + 19 <= end; t++)
		if (!strncasecmp(t, "application/ld+json", 19))
			return true;
	return false;
}

size_t
ex_strip_raw(char *s, size_t n)
{
	size_t i = 0, o = 0;

	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i);
		size_t j = lt ? (size_t)(lt - s) : n, end, close;
		bool keep;
		int r;

		memmove(s + o, s + i, j - i);
		o += j - i;
		i = j;
		if (i >= n)
			break;
		if (i + 3 < n && !memcmp(s + i, "<!--", 4)) {
			const char *e = i + 4 < n ? memmem(s + i + 4, n - i - 4, "-->", 3) : NULL;

			i = e ? (size_t)(e - s) + 3 : n;	/* a comment: gone */
			continue;
		}
		if (i + 1 >= n || !isalpha((unsigned char)s[i + 1])) {
			s[o++] = s[i++];
			continue;
		}
		end = tag_end(s, n, i);
		r = raw_element(s, n, i);
		keep = r < 0 || !raw[r].drop || (r == 0 && is_jsonld(s + i, end - i));
		/* the tag stays (o <= i: moving it down leaves what follows it alone) */
		memmove(s + o, s + i, end - i);
		o += end - i;
		i = end;
		if (r < 0)
			continue;
		close = find_close(s, n, i, raw[r].name, strlen(raw[r].name));
		if (keep) {
			memmove(s + o, s + i, close - i);
			o += close - i;
		}
		i = close;
	}
	return o;
}
