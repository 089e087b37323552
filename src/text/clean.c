/* Cleaning untrusted text: for the screen (emoji policy too), for the store, for messages. */
#include <stdint.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "byline/utf8.h"
#include "text_int.h"

#define CP_ZWJ 0x200D
#define CP_WORD_JOINER 0x2060
#define REPLACEMENT "\xef\xbf\xbd"

/* Bidi controls: U+061C, U+200E/F, U+202A..E, U+2066..9. */
static bool
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

bool
text_emoji_parse(const char *s, enum text_emoji *out)
{
	if (!s)
		return false;
	if (!strcmp(s, "safe"))
		*out = TEXT_EMOJI_SAFE;
	else if (!strcmp(s, "passthrough"))
		*out = TEXT_EMOJI_PASSTHROUGH;
	else
		return false;
	return true;
}

/* Invisible formatting dropped everywhere: soft hyphen, BOM, bidi controls. */
static bool
is_dropped(ucs4_t uc)
{
	return uc == 0x00AD || uc == 0xFEFF || is_bidi_control(uc);
}

static bool
is_control(ucs4_t uc)
{
	return uc < 0x20 || (uc >= 0x7F && uc <= 0x9F);
}

/* Decodes one code point; invalid sequences give U+FFFD and consume >= 1 byte. */
static size_t
next_cp(const uint8_t *s, size_t n, ucs4_t *uc)
{
	return text_decode(s, n, uc);
}

struct cleaner {
	struct buf *out;
	enum text_emoji emoji;
	bool single_line;
	ucs4_t prev;		/* last code point kept, 0 at the start */
};

static void
put_cp(struct cleaner *c, ucs4_t uc)
{
	uint8_t tmp[6];
	int len = u8_uctomb(tmp, uc, sizeof tmp);

	if (len > 0)
		buf_append(c->out, tmp, (size_t)len);
	c->prev = uc;
}

/*
 * The safe emoji policy: true when `uc` is to be dropped. A ZWJ between two
 * pictographs becomes a WORD JOINER in bodies, so that what was one emoji
 * stays on one line (the wrapper never prints the joiner).
 */
static bool
emoji_drops(struct cleaner *c, ucs4_t uc, const uint8_t *rest, size_t nrest)
{
	if (c->emoji != TEXT_EMOJI_SAFE || !c->prev)
		return false;
	if (uc == 0xFE0E || uc == 0xFE0F)
		return uc_is_property_emoji(c->prev);
	if (uc_is_property_emoji_modifier(uc))
		return uc_is_property_emoji_modifier_base(c->prev);
	if (uc == CP_ZWJ && nrest && uc_is_property_extended_pictographic(c->prev)) {
		ucs4_t next, prev = c->prev;

		next_cp(rest, nrest, &next);
		if (!uc_is_property_extended_pictographic(next))
			return false;
		if (!c->single_line) {
			put_cp(c, CP_WORD_JOINER);
			c->prev = prev;
		}
		return true;
	}
	return false;
}

/* Whitespace controls: true when handled (written or dropped). */
static bool
clean_space(struct cleaner *c, ucs4_t uc, const uint8_t *rest, size_t nrest)
{
	bool crlf = uc == '\r' && nrest && rest[0] == '\n';

	if (c->single_line) {
		if (uc == '\t' || uc == '\n' || uc == '\v' || uc == '\f' || uc == 0x2028 ||
		    uc == 0x2029 || (uc == '\r' && !crlf)) {
			put_cp(c, ' ');
			return true;
		}
		if (crlf || uc == 0x200B || uc == 0x2060)
			return true;
		return false;
	}
	if (uc == '\n' || uc == '\t') {
		put_cp(c, uc);
		return true;
	}
	if (uc == '\r' || uc == 0x2028 || uc == 0x2029) {
		if (!crlf)
			put_cp(c, '\n');
		return true;
	}
	if (uc == '\v' || uc == '\f') {
		put_cp(c, ' ');
		return true;
	}
	return false;
}

/*
 * Code points that cleaning may change or drop; everything else is copied
 * as is. Tested in the order of how common they are: most text is below
 * U+2000 or among the scripts between U+2070 and U+FE0D.
 */
static inline bool
may_change(ucs4_t uc)
{
	if (uc < 0x2000)
		return uc < 0x20 || (uc >= 0x7F && uc <= 0x9F) || uc == 0x00AD || uc == 0x061C;
	if (uc < 0xFE0E)
		return (uc >= 0x200B && uc <= 0x200F) || (uc >= 0x2028 && uc <= 0x202E) ||
		       (uc >= 0x2060 && uc <= 0x2069);
	return uc == 0xFE0E || uc == 0xFE0F || uc == 0xFEFF || uc == 0xFFFD ||
	       (uc >= 0x1F3FB && uc <= 0x1F3FF);
}

/* Handles one code point that may change; the kept ones are written. */
static void
clean_one(struct cleaner *c, ucs4_t uc, const uint8_t *rest, size_t nrest)
{
	if (clean_space(c, uc, rest, nrest) || is_dropped(uc) || emoji_drops(c, uc, rest, nrest))
		return;
	if (uc == 0x200B || uc == 0x2060) {
		if (!c->single_line)
			put_cp(c, uc);
		return;
	}
	put_cp(c, is_control(uc) || text_cp_width(uc) < 0 ? 0xFFFD : uc);
}

void
text_clean_append(struct buf *out, const char *s, size_t n, enum text_emoji emoji,
		  bool single_line)
{
	struct cleaner c = { .out = out, .emoji = emoji, .single_line = single_line };
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, run = 0;

	text_init();
	if (!s)
		return;
	while (i < n) {
		ucs4_t uc;
		size_t len;

		/* printable ASCII, and in bodies newline and tab: kept */
		if ((p[i] >= 0x20 && p[i] < 0x7f) ||
		    (!single_line && (p[i] == '\n' || p[i] == '\t'))) {
			c.prev = p[i++];
			continue;
		}
		len = text_decode(p + i, n - i, &uc);
		/* invalid sequences decode as U+FFFD too: never copied as they are */
		if (!may_change(uc) && text_cp_width_cached(uc) >= 0) {
			c.prev = uc;
			i += len;
			continue;
		}
		buf_append(out, p + run, i - run);
		i += len;
		run = i;
		clean_one(&c, uc, p + i, n - i);
	}
	buf_append(out, p + run, n - run);
}

char *
text_clean(const char *s, size_t n, enum text_emoji emoji)
{
	struct buf b = {0};

	text_clean_append(&b, s, n, emoji, false);
	return buf_steal(&b);
}

char *
text_clean_line(const char *s, size_t n, enum text_emoji emoji)
{
	struct buf b = {0};

	text_clean_append(&b, s, n, emoji, true);
	return buf_steal(&b);
}

/*
 * The store's and the messages' rules (text_clean_feed_append,
 * text_clean_message_append): byte by byte over utf8.h's decoder, one
 * U+FFFD per byte that starts no valid sequence.
 */
enum raw_flags {
	RAW_MULTILINE = 1,	/* tab and LF kept, CR becomes LF, bidi controls kept */
	RAW_FEED = 2,		/* C1 controls as windows-1252, other controls U+FFFD */
};

unsigned
text_cp1252(unsigned c)
{
	static const uint16_t hi[32] = {
		0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
		0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
		0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
	};

	return c >= 0x80 && c < 0xa0 ? hi[c - 0x80] : 0;
}

/* Appends what control cp (C0, DEL or C1) becomes under flags. */
static void
put_control(struct buf *b, uint32_t cp, unsigned flags)
{
	unsigned char o[4];

	if ((flags & RAW_MULTILINE) && (cp == '\n' || cp == '\t' || cp == '\r')) {
		buf_putc(b, cp == '\r' ? '\n' : (char)cp);
	} else if (!(flags & RAW_FEED) || cp == '\n' || cp == '\t' || cp == '\r') {
		buf_putc(b, ' ');
	} else if (cp >= 0x80 && cp < 0xa0) {
		unsigned w = text_cp1252(cp);

		if (w)
			buf_append(b, o, utf8_encode(w, o));
		else
			buf_puts(b, REPLACEMENT);
	} else {
		buf_puts(b, REPLACEMENT);
	}
}

static void
clean_raw(struct buf *b, const char *s, size_t len, unsigned flags)
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
			if (!n || cp < 0xa0 || (is_bidi_control(cp) && !(flags & RAW_MULTILINE)))
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
text_clean_feed_append(struct buf *b, const char *s, size_t len, bool multiline)
{
	clean_raw(b, s, len, RAW_FEED | (multiline ? RAW_MULTILINE : 0));
}

void
text_clean_message_append(struct buf *b, const char *s, size_t len)
{
	clean_raw(b, s, len, 0);
}
