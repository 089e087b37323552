/* JSON string output that stays valid UTF-8 whatever bytes come in. */
#include <stdint.h>
#include <string.h>

#include "byline/json.h"
#include "byline/utf8.h"

/* Appends ASCII byte c (a quote, backslash or control character) escaped. */
static void
put_escape(struct buf *b, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', (char)c };
	size_t len = 2;

	if (c == '\n') {
		e[1] = 'n';
	} else if (c == '\t') {
		e[1] = 't';
	} else if (c == '\r') {
		e[1] = 'r';
	} else if (c != '"' && c != '\\') {
		memcpy(e + 1, "u00", 3);
		e[4] = hex[c >> 4];
		e[5] = hex[c & 15];
		len = 6;
	}
	buf_append(b, e, len);
}

/* Bytes at p before the first that JSON escapes: ASCII controls, DEL, quote, backslash. */
static size_t
plain_len(const unsigned char *p, size_t n)
{
	return utf8_span(p, n, (struct utf8_stop){ .below = 0x20, .a = '"', .b = '\\', .c = 0x7f });
}

/* Appends the n bytes at p (valid UTF-8) with what JSON escapes escaped. */
static void
put_escaped(struct buf *b, const unsigned char *p, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		k = plain_len(p + i, n - i);
		buf_append(b, p + i, k);
		i += k;
		if (i < n)
			put_escape(b, p[i++]);
	}
}

void
json_put_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run;

	buf_putc(b, '"');
	while (i < n) {
		/* the valid UTF-8 first, then what in it needs escaping */
		run = i;
		i += utf8_valid_len(p + i, n - i, 0);
		put_escaped(b, p + run, i - run);
		if (i < n) {
			buf_append(b, "\xef\xbf\xbd", 3);	/* invalid UTF-8 */
			i++;
		}
	}
	buf_putc(b, '"');
}

void
json_put_field(struct buf *b, const char *key, const char *value, int *first)
{
	if (!value || !*value)
		return;
	if (!*first)
		buf_putc(b, ',');
	*first = 0;
	json_put_string(b, key, strlen(key));
	buf_putc(b, ':');
	json_put_string(b, value, strlen(value));
}

void
json_put_valid_string(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	put_escaped(b, (const unsigned char *)s, n);
	buf_putc(b, '"');
}
