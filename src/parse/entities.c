/* HTML named entities feeds use without declaring them, and the fixer that rewrites references for libxml2. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "byline/utf8.h"

#include "parse_int.h"

/* Encodes c as UTF-8 into out, NUL-terminated. */
static const char *
utf8_of(unsigned c, char out[8])
{
	out[utf8_encode(c, (unsigned char *)out)] = '\0';
	return out;
}

/* The code point of HTML entity `name`, or 0. */
static unsigned
entity_codepoint(const char *name)
{
	const htmlEntityDesc *d;

	if (!strcmp(name, "apos"))
		return '\'';
	d = htmlEntityLookup((const xmlChar *)name);
	return d ? d->value : 0;
}

const char *
entity_lookup(const char *name, char out[8])
{
	const htmlEntityDesc *d;

	if (!strcmp(name, "apos"))
		return utf8_of('\'', out);
	d = htmlEntityLookup((const xmlChar *)name);
	if (!d)
		return NULL;
	return utf8_of(d->value, out);
}

/*
 * The reference fixer sits between the transcoder and libxml2. Outside
 * CDATA sections and comments it rewrites every entity reference libxml2
 * would mishandle: an HTML name becomes a numeric reference (libxml2 then
 * decodes it right in text and attributes alike), an unknown name and a
 * bare '&' become "&amp;" so their text is kept, "&#X41;" becomes "&#x41;".
 */
enum { FIX_TEXT, FIX_CDATA, FIX_COMMENT };

#define FIX_LOOKAHEAD 48	/* longest reference or markup opener we wait for */
#define FIX_JOIN (4 * FIX_LOOKAHEAD)	/* bytes of a chunk joined to what was held */

struct entity_fixer {
	int mode;
	unsigned long line;	/* of the output, for warnings */
	struct buf held;	/* a possibly cut reference from the last chunk */
	struct buf join;	/* held bytes and the first of the next chunk */
	entity_warn_fn warn;
	void *ud;
	size_t nwarn;
	int warned_control;	/* a reference to a control character was reported */
};

struct entity_fixer *
entity_fixer_new(entity_warn_fn warn, void *ud)
{
	struct entity_fixer *f = xcalloc(1, sizeof(*f));

	f->line = 1;
	f->warn = warn;
	f->ud = ud;
	return f;
}

void
entity_fixer_free(struct entity_fixer **fp)
{
	if (!*fp)
		return;
	buf_free(&(*fp)->held);
	buf_free(&(*fp)->join);
	free(*fp);
	*fp = NULL;
}

static void
count_lines(struct entity_fixer *f, const char *s, size_t n)
{
	const char *p = s, *e = s + n;

	while ((p = memchr(p, '\n', (size_t)(e - p)))) {
		f->line++;
		p++;
	}
}

/* Passes n bytes of the input at s on unchanged. */
static void
emit(struct entity_fixer *f, struct pass_out *out, const char *s, size_t n)
{
	count_lines(f, s, n);
	pass_span(out, s, n);
}

/* Writes n bytes that replace some of the input. */
static void
emit_new(struct entity_fixer *f, struct pass_out *out, const char *s, size_t n)
{
	count_lines(f, s, n);
	buf_append(pass_buf(out), s, n);
}

static void
fix_warn(struct entity_fixer *f, const char *fmt, const char *arg, size_t n)
{
	char msg[160];

	if (!f->warn || f->nwarn++ >= 20)
		return;
	snprintf(msg, sizeof(msg), fmt, f->line, (int)n, arg);
	f->warn(f->ud, msg);
}

static int
is_name_char(unsigned char c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
}

/*
 * What a numeric reference may stand for: control characters (but tab and
 * newline; CR becomes newline) and what XML forbids become U+FFFD, C1
 * controls the windows-1252 characters they were meant as.
 */
static unsigned long
safe_char(unsigned long v)
{
	if (v == '\t' || v == '\n')
		return v;
	if (v == '\r')
		return '\n';
	if (v < 0x20 || v == 0x7f || (v >= 0xd800 && v <= 0xdfff) || v == 0xfffe || v == 0xffff ||
	    v > 0x10ffff)
		return 0xfffd;
	if (v >= 0x80 && v < 0xa0)
		return text_cp1252((unsigned)v) ? text_cp1252((unsigned)v) : 0xfffd;
	return v;
}

/*
 * In HTML text, &#128;..&#159; (decimal or hex) become references to the
 * windows-1252 characters they were meant as (&#146; is &#x2019;), as
 * browsers read them; other references are left alone.
 */
void
entity_fix_c1_refs(struct buf *b)
{
	struct buf out = { 0 };
	size_t i = 0, run = 0, j;
	unsigned long v;
	int hex;

	while (i + 2 < b->len) {
		/* memchr and a look at the next byte: glibc's memmem is several times slower */
		const char *amp = memchr(b->data + i, '&', b->len - i - 2);

		if (!amp)
			break;
		i = (size_t)(amp - b->data);
		if (b->data[i + 1] != '#') {
			i++;
			continue;
		}
		hex = i + 2 < b->len && (b->data[i + 2] | 32) == 'x';
		v = 0;
		for (j = i + 2 + (size_t)hex; j < b->len && j < i + 10 &&
		     (hex ? isxdigit((unsigned char)b->data[j]) : isdigit((unsigned char)b->data[j])); j++)
			v = v * (hex ? 16 : 10) +
			    (unsigned long)(isdigit((unsigned char)b->data[j]) ? b->data[j] - '0'
										: (b->data[j] | 32) - 'a' + 10);
		if (j > i + 2 + (size_t)hex && v >= 0x80 && v < 0xa0) {
			buf_append(&out, b->data + run, i - run);
			buf_printf(&out, "&#x%x", text_cp1252((unsigned)v) ? text_cp1252((unsigned)v)
									 : 0xfffd);
			run = j;	/* the ';', if any, follows as it was */
		}
		i = j > i + 2 ? j : i + 2;
	}
	if (!out.len)
		return;
	buf_append(&out, b->data + run, b->len - run);
	buf_free(b);
	*b = out;
}

/* A reference at s[0] == '&': bytes used, or 0 when more input is needed. */
static size_t
fix_reference(struct entity_fixer *f, const char *s, size_t n, int final, struct pass_out *out)
{
	char name[40], num[16];
	size_t i = 1;
	unsigned cp;

	if (n > 1 && s[1] == '#') {
		int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t start = hex ? 3 : 2;

		for (i = start; i < n && i < start + 8; i++)
			if (!(hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i])))
				break;
		if (i >= n && !final)
			return 0;
		if (i < n && s[i] == ';' && i > start) {
			unsigned long v = strtoul(s + start, NULL, hex ? 16 : 10);

			if (safe_char(v) == 0xfffd && v != 0xfffd && !f->warned_control) {
				f->warned_control = 1;
				fix_warn(f, "line %lu: references to control characters replaced by "
					    "U+FFFD; the rest of the text is kept%.*s", "", 0);
			}
			snprintf(num, sizeof(num), "&#%lu;", safe_char(v));
			emit_new(f, out, num, strlen(num));
			return i + 1;
		}
	} else {
		while (i < n && i < sizeof(name) && is_name_char((unsigned char)s[i], i == 1))
			i++;
		if (i >= n && !final && i < sizeof(name))
			return 0;
		if (i < n && s[i] == ';' && i > 1 && i < sizeof(name)) {
			memcpy(name, s + 1, i - 1);
			name[i - 1] = '\0';
			if (!strcmp(name, "amp") || !strcmp(name, "lt") || !strcmp(name, "gt") ||
			    !strcmp(name, "quot") || !strcmp(name, "apos")) {
				emit(f, out, s, i + 1);
			} else if ((cp = entity_codepoint(name)) != 0) {
				snprintf(num, sizeof(num), "&#%u;", cp);
				emit_new(f, out, num, strlen(num));
			} else {
				fix_warn(f, "line %lu: undefined entity &%.*s; kept as text", name, i - 1);
				emit_new(f, out, "&amp;", 5);
				emit(f, out, s + 1, i);
			}
			return i + 1;
		}
	}
	fix_warn(f, "line %lu: a bare '&' kept as text%.*s", "", 0);
	emit_new(f, out, "&amp;", 5);
	return 1;
}

/* Handles s[0] == '<': a CDATA section or comment start switches mode. */
static size_t
fix_markup(struct entity_fixer *f, const char *s, size_t n, int final)
{
	if (!final && n < 9 && !memcmp(s, "<![CDATA[", n))
		return 0;
	if (!final && n < 4 && !memcmp(s, "<!--", n))
		return 0;
	if (n >= 9 && !memcmp(s, "<![CDATA[", 9)) {
		f->mode = FIX_CDATA;
		return 9;
	}
	if (n >= 4 && !memcmp(s, "<!--", 4)) {
		f->mode = FIX_COMMENT;
		return 4;
	}
	return 1;
}

/* Copies a CDATA section or comment body up to and including its end; bytes used. */
static size_t
fix_skip_to(struct entity_fixer *f, const char *s, size_t n, int final, struct pass_out *out)
{
	const char *end = f->mode == FIX_CDATA ? "]]>" : "-->";
	const char *e = s, *stop = s + n;
	size_t used;

	/* memchr for the rare first byte beats memmem on long CDATA bodies */
	while ((e = memchr(e, end[0], (size_t)(stop - e))) && (stop - e < 3 || memcmp(e, end, 3)))
		if (stop - e < 3 || ++e >= stop) {
			e = NULL;
			break;
		}

	if (e) {
		used = (size_t)(e - s) + 3;
		f->mode = FIX_TEXT;
	} else {
		used = (final || n < 2) ? n : n - 2;	/* the end marker may be cut */
	}
	emit(f, out, s, used);
	return used;
}

/*
 * Index of the first byte of s the fixer must look at, or n: a '&', or a
 * '<' followed by '!' (a CDATA section or comment may start there), or a
 * '<' that ends s (what follows it is not known yet). Other tags are not
 * stops: fix_markup would pass them on unchanged. 16 bytes at a time, each
 * compared with the byte after it.
 */
static size_t
fix_find(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

#ifdef UTF8_SSE2
	const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), bang = _mm_set1_epi8('!');

	for (; i + 17 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
		__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, amp),
					 _mm_and_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(w, bang)));
		int bits = _mm_movemask_epi8(m);

		if (bits)
			return i + (size_t)__builtin_ctz((unsigned)bits);
	}
#endif
	for (; i < n; i++)
		if (s[i] == '&' || (s[i] == '<' && (i + 1 == n || s[i + 1] == '!')))
			return i;
	return n;
}

static void
fix_run(struct entity_fixer *f, const char *s, size_t n, int final, struct pass_out *out)
{
	size_t i = 0, run, used;

	while (i < n) {
		if (f->mode != FIX_TEXT) {
			used = fix_skip_to(f, s + i, n - i, final, out);
			if (used == 0)
				break;
			i += used;
			continue;
		}
		/* text up to a reference, CDATA section or comment: other tags stay in the run */
		run = i;
		used = 1;
		while ((i += fix_find(s + i, n - i)) < n && s[i] == '<' &&
		       (used = fix_markup(f, s + i, n - i, final)) == 1)
			i++;
		emit(f, out, s + run, i - run);
		if (i >= n)
			break;
		if (s[i] == '&')
			used = fix_reference(f, s + i, n - i, final, out);
		else if (used > 0)
			emit(f, out, s + i, used);
		if (used == 0)
			break;
		i += used;
	}
	buf_reset(&f->held);
	if (i < n)
		buf_append(&f->held, s + i, n - i);
}

/*
 * Bytes held from the last chunk are joined with the first FIX_JOIN of s
 * (copied out before the join is reused); the rest of s is passed on as
 * spans of s. What is held is at most a reference's length, so one round
 * almost always settles it.
 */
void
entity_fixer_push(struct entity_fixer *f, const char *s, size_t n, int final,
		  struct pass_out *out)
{
	while (f->held.len) {
		size_t take = n < FIX_JOIN ? n : FIX_JOIN;

		buf_reset(&f->join);
		buf_append(&f->join, f->held.data, f->held.len);
		buf_append(&f->join, s, take);
		fix_run(f, f->join.data, f->join.len, final && take == n, out);
		pass_flush(out);
		s += take;
		n -= take;
		if (n == 0)
			return;
	}
	fix_run(f, s, n, final, out);
}
