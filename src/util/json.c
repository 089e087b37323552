/* JSON string output that stays valid UTF-8 whatever bytes come in. */
#include <stdint.h>
#include <string.h>

#include "byline/json.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. */
static size_t
utf8_valid_len(const unsigned char *s, size_t n)
{
	uint32_t c;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	if (c >= 0xd800 && c <= 0xdfff)
		return 0;
	return len;
}

/* ASCII bytes that go into a JSON string as they are. */
static const unsigned char json_plain[256] = {
	[0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7e] = 1,
};

/* Length of the valid UTF-8 sequence at p[i], with the common cases inline. */
static size_t
utf8_len_fast(const unsigned char *p, size_t i, size_t n)
{
	unsigned char c = p[i];

	if (c >= 0xc2 && c <= 0xdf && i + 1 < n && (p[i + 1] & 0xc0) == 0x80)
		return 2;
	if (((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef ||
	     (c == 0xe0 && i + 1 < n && p[i + 1] >= 0xa0)) &&
	    i + 2 < n && (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80)
		return 3;
	return utf8_valid_len(p + i, n - i);
}

void
json_put_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	buf_putc(b, '"');
	while (i < n) {
		size_t run = i;
		unsigned char c;

		/* copy runs that need no escaping in one go */
		while (i < n) {
			c = p[i];
			if (json_plain[c])
				i++;
			else if (c >= 0x80 && (len = utf8_len_fast(p, i, n)) > 0)
				i += len;
			else
				break;
		}
		if (i > run)
			buf_append(b, p + run, i - run);
		if (i >= n)
			break;
		c = p[i];
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n') {
			buf_puts(b, "\\n");
		} else if (c == '\t') {
			buf_puts(b, "\\t");
		} else if (c == '\r') {
			buf_puts(b, "\\r");
		} else if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "\\u%04x", c);
		} else {
			buf_puts(b, "\xef\xbf\xbd");	/* invalid UTF-8 */
		}
		i++;
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
