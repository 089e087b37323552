/* Cleaning strangers' text into one safe line: valid UTF-8, no controls, no bidi overrides. */
#include "byline/clean.h"

/* Decodes one UTF-8 character; returns its length, 0 when invalid. */
static size_t
utf8_decode(const unsigned char *p, const unsigned char *end, unsigned *cp)
{
	size_t len, i;

	if (p[0] < 0x80)
		return *cp = p[0], 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, *cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, *cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, *cp = p[0] & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

static bool
is_bidi_control(unsigned cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

void
clean_line(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	unsigned cp;
	size_t n;

	while (p < end) {
		n = utf8_decode(p, end, &cp);
		if (!n) {
			buf_puts(b, "\xef\xbf\xbd");
			p++;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			buf_putc(b, ' ');
			p += n;
		} else {
			if (!is_bidi_control(cp))
				buf_append(b, p, n);
			p += n;
		}
	}
}
