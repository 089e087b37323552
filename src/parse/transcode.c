/* Feed bytes in any declared encoding to clean UTF-8, replacing what cannot be read. */
#define _GNU_SOURCE
#include <endian.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "byline/utf8.h"
#include "parse_int.h"

#define SNIFF_MAX 1024		/* bytes we look at for the XML declaration */
#define REPLACEMENT "\xef\xbf\xbd"

struct transcoder {
	char *external;
	transcode_warn_fn warn;
	void *ud;
	struct buf sniff;	/* input held until the encoding is known */
	int decided;
	int utf8;		/* no iconv: validate UTF-8 ourselves */
	iconv_t cd;
	size_t unit;		/* code unit size for skipping bad input */
	char *encoding;
	unsigned char pend[8];	/* an incomplete sequence from the last chunk */
	size_t npend;
	int started;		/* leading whitespace already skipped */
	size_t nbad;
	size_t offset;		/* input bytes before the current chunk */
	size_t chunk_base;	/* input offset of the bytes being converted */
	size_t bad_pos;		/* input offset of the first bad sequence */
	struct buf tmp;
};

/* Aliases that real feeds declare, mapped to the superset iconv knows. */
static const struct {
	const char *names;	/* space separated, lower case */
	const char *iconv;
} aliases[] = {
	{ " utf-8 utf8 unicode-1-1-utf-8 ", "UTF-8" },
	{ " us-ascii ascii iso-8859-1 iso8859-1 iso_8859-1 latin1 latin-1 l1 cp819 ibm819 windows-1252 cp1252 x-cp1252 ",
	  "WINDOWS-1252" },
	{ " gb2312 gbk x-gbk cp936 euc-cn gb_2312-80 csgb2312 gb18030 chinese ", "GB18030" },
	{ " big5 big-5 cn-big5 x-x-big5 csbig5 cp950 ", "CP950" },
	{ " big5-hkscs big5hkscs ", "BIG5-HKSCS" },
	{ " shift_jis shift-jis sjis x-sjis ms_kanji csshiftjis windows-31j cp932 ", "CP932" },
	{ " euc-kr euckr ks_c_5601-1987 ks_c_5601 korean cp949 uhc windows-949 ", "CP949" },
	{ " euc-jp eucjp x-euc-jp ", "EUC-JP-MS" },
};

static void
tc_warn(struct transcoder *t, const char *fmt, const char *arg)
{
	char msg[256];
	int n;

	if (!t->warn)
		return;
	n = snprintf(msg, sizeof(msg), fmt, arg);
	if (t->decided && n > 0 && (size_t)n < sizeof(msg))
		snprintf(msg + n, sizeof(msg) - (size_t)n, " (first at byte %zu)", t->bad_pos);
	t->warn(t->ud, msg);
}

/* The iconv name for a declared charset (a static string, or name itself). */
static const char *
charset_canon(const char *name)
{
	char key[64];
	size_t i, n = strlen(name);

	if (n == 0 || n > sizeof(key) - 3)
		return name;
	key[0] = ' ';
	for (i = 0; i < n; i++)
		key[i + 1] = (name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i];
	key[n + 1] = ' ';
	key[n + 2] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strstr(aliases[i].names, key))
			return aliases[i].iconv;
	return name;
}

static size_t
unit_of(const char *enc)
{
	if (!strncasecmp(enc, "UTF-16", 6) || !strncasecmp(enc, "UCS-2", 5))
		return 2;
	if (!strncasecmp(enc, "UTF-32", 6) || !strncasecmp(enc, "UCS-4", 5))
		return 4;
	return 1;
}

/* Sets up conversion from enc; false when iconv does not know it. */
static int
use_encoding(struct transcoder *t, const char *enc)
{
	const char *canon = charset_canon(enc);

	if (!strcasecmp(canon, "UTF-8")) {
		t->utf8 = 1;
	} else {
		t->cd = iconv_open("UTF-8", canon);
		if (t->cd == (iconv_t)-1)
			return 0;
		t->utf8 = 0;
		t->unit = unit_of(canon);
	}
	free(t->encoding);
	t->encoding = xstrdup(canon);
	return 1;
}

/* Encoding from a byte order mark; *skip gets the mark's length. */
static const char *
sniff_bom(const unsigned char *s, size_t n, size_t *skip)
{
	if (n >= 4 && !memcmp(s, "\x00\x00\xfe\xff", 4))
		return *skip = 4, "UTF-32BE";
	if (n >= 4 && !memcmp(s, "\xff\xfe\x00\x00", 4))
		return *skip = 4, "UTF-32LE";
	if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		return *skip = 3, "UTF-8";
	if (n >= 2 && !memcmp(s, "\xfe\xff", 2))
		return *skip = 2, "UTF-16BE";
	if (n >= 2 && !memcmp(s, "\xff\xfe", 2))
		return *skip = 2, "UTF-16LE";
	*skip = 0;
	return NULL;
}

/* UTF-16/32 without a mark, recognised by how "<?" is laid out. */
static const char *
sniff_wide(const unsigned char *s, size_t n)
{
	if (n < 4)
		return NULL;
	if (!memcmp(s, "\x00\x00\x00\x3c", 4))
		return "UTF-32BE";
	if (!memcmp(s, "\x3c\x00\x00\x00", 4))
		return "UTF-32LE";
	if (!memcmp(s, "\x00\x3c\x00\x3f", 4))
		return "UTF-16BE";
	if (!memcmp(s, "\x3c\x00\x3f\x00", 4))
		return "UTF-16LE";
	return NULL;
}

/*
 * The encoding="..." of an XML declaration at the start of s, copied into
 * out. Returns 1 found, 0 none, -1 need more bytes.
 */
static int
sniff_decl(const char *s, size_t n, int final, char *out, size_t outlen)
{
	const char *end, *p, *q;
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (n - i < 5)
		return final ? 0 : -1;
	if (memcmp(s + i, "<?xml", 5))
		return 0;
	end = memmem(s + i, n - i, "?>", 2);
	if (!end)
		return (final || n >= SNIFF_MAX) ? 0 : -1;
	p = memmem(s + i, (size_t)(end - s - i), "encoding", 8);
	if (!p)
		return 0;
	p += 8;
	while (p < end && (*p == ' ' || *p == '=' || *p == '\t'))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return 0;
	q = memchr(p + 1, *p, (size_t)(end - p - 1));
	if (!q || (size_t)(q - p - 1) >= outlen || q == p + 1)
		return 0;
	memcpy(out, p + 1, (size_t)(q - p - 1));
	out[q - p - 1] = '\0';
	return 1;
}

/* Decides the encoding from what has been sniffed; -1 when more is needed. */
static int
decide(struct transcoder *t, int final, size_t *skip)
{
	const unsigned char *s = (const unsigned char *)t->sniff.data;
	size_t n = t->sniff.len;
	const char *enc;
	char decl[64];
	int r;

	if (n < 4 && !final)
		return -1;
	if ((enc = sniff_bom(s, n, skip)))
		return use_encoding(t, enc), 1;
	if (t->external) {
		if (use_encoding(t, t->external))
			return 1;
		tc_warn(t, "unknown charset '%s', reading the document as UTF-8", t->external);
	}
	if ((enc = sniff_wide(s, n)))
		return use_encoding(t, enc), 1;
	r = sniff_decl((const char *)s, n, final, decl, sizeof(decl));
	if (r < 0)
		return -1;
	if (r == 1 && unit_of(charset_canon(decl)) == 1 && !use_encoding(t, decl))
		tc_warn(t, "unknown encoding '%s', reading the document as UTF-8", decl);
	if (!t->encoding)
		use_encoding(t, "UTF-8");
	return 1;
}


/*
 * Lead bytes of three-byte sequences: 1 valid whatever the continuation
 * bytes, 2 valid with a condition on the second (E0: >= A0, no overlong;
 * EF: not BF, which holds U+FFFE and U+FFFF).
 */
static const unsigned char lead3[256] = { [0xe0] = 2, [0xe1 ... 0xec] = 1, [0xee] = 1, [0xef] = 2 };

/* A three-byte sequence whose shape is already checked: valid UTF-8? */
static int
lead3_ok(const unsigned char *s)
{
	return lead3[s[0]] == 1 || (s[0] == 0xe0 ? s[1] >= 0xa0 : s[0] == 0xef && s[1] != 0xbf);
}

/*
 * Length of a run of three-byte characters (CJK, Indic, fullwidth forms),
 * two at a time.
 */
static size_t
cjk_run(const unsigned char *s, size_t n)
{
	const uint64_t mask = 0xc0c0f0c0c0f0ULL, shape = 0x8080e08080e0ULL;
	size_t i = 0;
	uint64_t w;

	while (i + 8 <= n) {
		memcpy(&w, s + i, 8);
		w = le64toh(w);
		if ((w & mask) != shape || !lead3_ok(s + i) || !lead3_ok(s + i + 3))
			break;
		i += 6;
	}
	return i;
}

/* Length of the run of printable ASCII (0x20..0x7e) at s. */
static size_t
ascii_run(const unsigned char *s, size_t n)
{
	return utf8_span(s, n, (struct utf8_stop){ .below = 0x20, .from = 0x7f });
}

/* Length of a valid UTF-8 sequence at s; 0 invalid, -1 incomplete. */
static int
utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len = utf8_decode(s, n, &cp);

	if (!len)
		return utf8_incomplete(s, n) ? -1 : 0;
	return cp == 0xfffe || cp == 0xffff ? 0 : (int)len;
}

static void bad_input(struct transcoder *t, struct buf *out);

/*
 * A byte that is not UTF-8 in a UTF-8 document: almost always a
 * windows-1252 character from a mislabelled feed, so read it as one.
 */
static void
bad_utf8_byte(struct transcoder *t, unsigned char c, struct buf *out)
{
	unsigned cp = c >= 0xa0 ? c : text_cp1252(c);

	if (!cp) {
		bad_input(t, out);
		return;
	}
	if (t->nbad++ == 0)
		tc_warn(t, "bytes that are not valid UTF-8 were read as %s", "windows-1252");
	parse_put_utf8(out, cp);
}

static void
bad_input(struct transcoder *t, struct buf *out)
{
	buf_puts(out, REPLACEMENT);
	if (t->nbad++ == 0)
		tc_warn(t, "bytes that are not valid %s, or control characters, were replaced by U+FFFD",
			t->encoding ? t->encoding : "UTF-8");
}

/*
 * Copies valid UTF-8 to out, replacing what XML cannot carry. Returns the
 * number of bytes consumed: an incomplete sequence at the end is left
 * unless final.
 */
static size_t
clean_utf8(struct transcoder *t, const unsigned char *s, size_t n, int final, struct pass_out *out)
{
	size_t i = 0, run, simd_from = 0;
	int len;

	if (!t->started) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i < n)
			t->started = 1;
	}
	while (i < n) {
		/* copy the longest run of characters that need nothing done */
		run = i;
		for (;;) {
			unsigned char c;

			if (i >= simd_from && n - i >= 64) {
				size_t k = utf8_valid_len(s + i, n - i, UTF8_XML);

				i += k;
				/* the bytes it stopped at go one by one below */
				simd_from = i + 64;
				if (k >= 32)
					continue;
			}
			if (i >= n)
				break;
			c = s[i];
			if (lead3[c] && i + 8 <= n) {
				size_t k = cjk_run(s + i, n - i);

				if (k) {
					i += k;
					continue;
				}
			}
			if (lead3[c] && i + 2 < n &&
			    (((unsigned)(s[i + 1] & 0xc0) << 8) | (s[i + 2] & 0xc0)) == 0x8080 &&
			    (lead3[c] == 1 || (c == 0xe0 ? s[i + 1] >= 0xa0 : s[i + 1] != 0xbf))) {
				i += 3;	/* CJK, Indic, fullwidth forms: the common case */
			} else if (c >= 0x20 && c < 0x7f) {
				i += ascii_run(s + i, n - i);
			} else if (c == '\t' || c == '\n' || c == '\r') {
				i++;
			} else if (c >= 0xc3 && c <= 0xdf && i + 1 < n && (s[i + 1] & 0xc0) == 0x80) {
				i += 2;
			} else if (c >= 0x80 && !(c == 0xc2 && i + 1 < n && s[i + 1] < 0xa0) &&
				   (len = utf8_seq(s + i, n - i)) > 0) {
				i += (size_t)len;
			} else {
				break;	/* a control character, a C1 control, or not UTF-8 */
			}
		}
		if (i > run)
			pass_span(out, (const char *)s + run, i - run);
		if (i >= n)
			break;
		if (s[i] < 0x80) {	/* a control character XML forbids, or DEL */
			if (t->utf8)
				t->bad_pos = t->chunk_base + i;
			bad_input(t, pass_buf(out));
			i++;
			continue;
		}
		if (s[i] == 0xc2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] < 0xa0) {
			/* a C1 control: the windows-1252 character it was meant as */
			unsigned cp = text_cp1252(s[i + 1]);

			parse_put_utf8(pass_buf(out), cp ? cp : 0xfffd);
			i += 2;
			continue;
		}
		len = utf8_seq(s + i, n - i);
		if (len < 0 && !final)
			break;
		if (t->utf8)
			t->bad_pos = t->chunk_base + i;
		if (t->utf8)
			bad_utf8_byte(t, s[i], pass_buf(out));
		else
			bad_input(t, pass_buf(out));
		i++;
	}
	return i;
}

static void
convert(struct transcoder *t, const char *in, size_t len, int final, struct pass_out *out)
{
	char *ip = (char *)in, *op;
	size_t il = len, ol, used;

	buf_reset(&t->tmp);
	while (il > 0) {
		if (t->tmp.cap - t->tmp.len < 4 * il + 16) {
			buf_append(&t->tmp, "", 0);
			t->tmp.data = xrealloc(t->tmp.data, t->tmp.len + 4 * il + 64);
			t->tmp.cap = t->tmp.len + 4 * il + 64;
		}
		op = t->tmp.data + t->tmp.len;
		ol = t->tmp.cap - t->tmp.len - 1;
		if (iconv(t->cd, &ip, &il, &op, &ol) != (size_t)-1) {
			t->tmp.len = (size_t)(op - t->tmp.data);
			break;
		}
		t->tmp.len = (size_t)(op - t->tmp.data);
		t->tmp.data[t->tmp.len] = '\0';
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && il < sizeof(t->pend)) {
			memcpy(t->pend, ip, il);
			t->npend = il;
			break;
		}
		/* EILSEQ, or an incomplete sequence at the very end */
		t->bad_pos = t->chunk_base + (size_t)(ip - in);
		bad_input(t, &t->tmp);
		used = il < t->unit ? il : t->unit;
		ip += used;
		il -= used;
	}
	if (t->tmp.data)
		t->tmp.data[t->tmp.len] = '\0';
	clean_utf8(t, (const unsigned char *)t->tmp.data, t->tmp.len, 1, out);
	pass_flush(out);	/* tmp is reused by the next call */
}

/*
 * Runs decided input, with any held-back bytes in front of it. Spans of
 * in stay spans; what is joined with held-back bytes is copied.
 */
static void
feed(struct transcoder *t, const char *in, size_t len, int final, struct pass_out *out)
{
	char small[64];
	const char *src = in;
	size_t n = len, used;

	t->chunk_base = t->offset - t->npend;
	if (t->npend > 0) {
		if (t->npend + len <= sizeof(small)) {
			memcpy(small, t->pend, t->npend);
			memcpy(small + t->npend, in, len);
			src = small;
			n = t->npend + len;
			t->npend = 0;
		} else {
			/* finish the held sequence with the first bytes of in */
			size_t take = sizeof(small) - t->npend;

			memcpy(small, t->pend, t->npend);
			memcpy(small + t->npend, in, take);
			n = t->npend + take;
			t->npend = 0;
			feed(t, small, n, 0, out);
			pass_flush(out);
			feed(t, in + take, len - take, final, out);
			return;
		}
	}
	if (!t->utf8) {
		convert(t, src, n, final, out);
		return;
	}
	used = clean_utf8(t, (const unsigned char *)src, n, final, out);
	if (src == small)
		pass_flush(out);
	if (used < n) {
		memcpy(t->pend, src + used, n - used);
		t->npend = n - used;
	}
}

struct transcoder *
transcoder_new(const char *external, transcode_warn_fn warn, void *ud)
{
	struct transcoder *t = xcalloc(1, sizeof(*t));

	t->external = (external && *external) ? xstrdup(external) : NULL;
	t->warn = warn;
	t->ud = ud;
	t->cd = (iconv_t)-1;
	t->unit = 1;
	return t;
}

static void
push_or_finish(struct transcoder *t, const char *in, size_t len, int final, struct pass_out *out)
{
	size_t skip = 0;

	if (t->decided) {
		feed(t, in, len, final, out);
		t->offset += len;
		return;
	}
	buf_append(&t->sniff, in, len);
	if (decide(t, final, &skip) < 0)
		return;
	t->decided = 1;
	feed(t, t->sniff.data + skip, t->sniff.len - skip, final, out);
	pass_flush(out);	/* the sniffed bytes are freed here */
	t->offset += t->sniff.len;
	buf_free(&t->sniff);
}

void
transcoder_push(struct transcoder *t, const char *in, size_t len, struct pass_out *out)
{
	if (len > 0)
		push_or_finish(t, in, len, 0, out);
}

void
transcoder_finish(struct transcoder *t, struct pass_out *out)
{
	push_or_finish(t, "", 0, 1, out);
	if (t->npend > 0) {
		size_t n = t->npend;

		t->npend = 0;
		feed(t, (const char *)t->pend, n, 1, out);
		pass_flush(out);
	}
}

void
transcoder_free(struct transcoder **tp)
{
	struct transcoder *t = *tp;

	if (!t)
		return;
	if (t->cd != (iconv_t)-1)
		iconv_close(t->cd);
	free(t->external);
	free(t->encoding);
	buf_free(&t->sniff);
	buf_free(&t->tmp);
	free(t);
	*tp = NULL;
}

char *
transcode_all(const char *in, size_t len, const char *charset, size_t *outlen,
	      size_t *nbad, char **encoding, transcode_warn_fn warn, void *ud)
{
	struct transcoder *t = transcoder_new(charset, warn, ud);
	struct pass_out out = {0};

	buf_reserve(&out.buf, len);
	transcoder_push(t, in, len, &out);
	pass_flush(&out);
	transcoder_finish(t, &out);
	pass_flush(&out);
	if (nbad)
		*nbad = t->nbad;
	if (encoding)
		*encoding = xstrdup(t->encoding ? t->encoding : "UTF-8");
	transcoder_free(&t);
	*outlen = out.buf.len;
	return out.buf.data ? buf_steal(&out.buf) : xstrdup("");
}
