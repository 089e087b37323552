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

void
json_put_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	buf_putc(b, '"');
	while (i < n) {
		unsigned char c = p[i];

		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
			i++;
		} else if (c == '\n') {
			buf_puts(b, "\\n"), i++;
		} else if (c == '\t') {
			buf_puts(b, "\\t"), i++;
		} else if (c == '\r') {
			buf_puts(b, "\\r"), i++;
		} else if (c < 0x20 || c == 0x7f) {
			buf_printf(b, "\\u%04x", c), i++;
		} else if ((len = utf8_valid_len(p + i, n - i)) == 0) {
			buf_puts(b, "\xef\xbf\xbd"), i++;
		} else {
			buf_append(b, p + i, len);
			i += len;
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
