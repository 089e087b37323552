/* Cleaning strangers' text: valid UTF-8, no controls, no bidi overrides (one line or several). */
#include <stdint.h>

#include "byline/clean.h"
#include "byline/utf8.h"

#define REPLACEMENT "\xef\xbf\xbd"

unsigned
clean_cp1252(unsigned c)
{
	static const uint16_t hi[32] = {
		0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
		0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
		0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
	};

	return c >= 0x80 && c < 0xa0 ? hi[c - 0x80] : 0;
}

static int
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* Appends what control cp (C0, DEL or C1) becomes under flags. */
static void
put_control(struct buf *b, uint32_t cp, unsigned flags)
{
	unsigned char o[4];

	if ((flags & CLEAN_MULTILINE) && (cp == '\n' || cp == '\t' || cp == '\r')) {
		buf_putc(b, cp == '\r' ? '\n' : (char)cp);
	} else if (!(flags & CLEAN_FEED) || cp == '\n' || cp == '\t' || cp == '\r') {
		buf_putc(b, ' ');
	} else if (cp >= 0x80 && cp < 0xa0) {
		unsigned w = clean_cp1252(cp);

		if (w)
			buf_append(b, o, utf8_encode(w, o));
		else
			buf_puts(b, REPLACEMENT);
	} else {
		buf_puts(b, REPLACEMENT);
	}
}

void
clean_append(struct buf *b, const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run, n;
	uint32_t cp;

	while (i < len) {
		/* copy printable text in runs; stop at what may change */
		run = i;
		while (i < len) {
			if (p[i] >= 0x20 && p[i] < 0x7f) {
				i++;
				continue;
			}
			n = utf8_decode(p + i, len - i, &cp);
			if (!n || cp < 0xa0 || (is_bidi_control(cp) && !(flags & CLEAN_MULTILINE)))
				break;
			i += n;
		}
		buf_append(b, p + run, i - run);
		if (i >= len)
			break;
		if (!n) {
			buf_puts(b, REPLACEMENT);
			i++;
			continue;
		}
		if (cp < 0xa0)
			put_control(b, cp, flags);
		i += n;	/* a bidi control: dropped */
	}
}

void
clean_line(struct buf *b, const char *s, size_t len)
{
	clean_append(b, s, len, 0);
}
