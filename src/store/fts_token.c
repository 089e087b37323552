/* The search index's tokenizer: markup skipped, words case-folded (NFC), CJK runs a character (or a pair) a token. */
#define _GNU_SOURCE	/* strcasestr */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

#include "byline/utf8.h"
#include "store_int.h"

/* A word longer than this (in bytes, after folding) is cut: no one searches base64. */
#define TOK_WORD_MAX 120

/* What a code point does to tokens. */
enum tok_class {
	TC_SEP,		/* ends a word or run */
	TC_IGNORE,	/* joins, breaks nothing: ZWJ, ZWNJ, soft hyphen, variation selectors */
	TC_WORD,	/* letters, marks, digits of scripts that put spaces between words */
	TC_RUN,		/* scripts written without spaces: Han, kana, Hangul, Thai ... */
	TC_EMOJI,	/* a pictograph: a token of its own */
};

static bool
in(uint32_t c, uint32_t lo, uint32_t hi)
{
	return c >= lo && c <= hi;
}

/* Scripts written without spaces between words, searched by character pairs. */
static bool
is_run_script(uint32_t c)
{
	if (c < 0x0e00)
		return false;
	return in(c, 0x0e00, 0x0eff) ||		/* Thai, Lao */
	       in(c, 0x1000, 0x109f) ||		/* Myanmar */
	       in(c, 0x1100, 0x11ff) ||		/* Hangul Jamo */
	       in(c, 0x1780, 0x17ff) ||		/* Khmer */
	       in(c, 0x3005, 0x3007) ||		/* 々 〆 〇 */
	       in(c, 0x3041, 0x30fa) ||		/* Hiragana, Katakana (not ・) */
	       in(c, 0x30fc, 0x30ff) ||		/* ー ヽ ヾ ヿ */
	       in(c, 0x3100, 0x312f) ||		/* Bopomofo */
	       in(c, 0x3130, 0x318f) ||		/* Hangul compatibility Jamo */
	       in(c, 0x31f0, 0x31ff) ||		/* Katakana phonetic extensions */
	       in(c, 0x3400, 0x4dbf) ||		/* CJK extension A */
	       in(c, 0x4e00, 0x9fff) ||		/* CJK unified ideographs */
	       in(c, 0xac00, 0xd7af) ||		/* Hangul syllables */
	       in(c, 0xf900, 0xfaff) ||		/* CJK compatibility ideographs */
	       in(c, 0xff66, 0xff9f) ||		/* halfwidth Katakana */
	       in(c, 0x20000, 0x3134f);		/* CJK extensions B-G, compatibility supplement */
}

static enum tok_class
tok_class(uint32_t c)
{
	if (c < 0x80) {
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			return TC_WORD;
		return c >= '0' && c <= '9' ? TC_WORD : TC_SEP;
	}
	if (c == 0x200c || c == 0x200d || c == 0xad || c == 0xfeff || in(c, 0xfe00, 0xfe0f) ||
	    in(c, 0x1f3fb, 0x1f3ff) || in(c, 0xe0100, 0xe01ef))
		return TC_IGNORE;
	if (is_run_script(c))
		return TC_RUN;
	if (c >= 0x2190 && uc_is_property_extended_pictographic(c))
		return TC_EMOJI;
	if (in(c, 0x1f1e6, 0x1f1ff))	/* regional indicators: a flag is two */
		return TC_EMOJI;
	if (uc_is_general_category_withtable(c, UC_CATEGORY_MASK_L | UC_CATEGORY_MASK_M |
					     UC_CATEGORY_MASK_N))
		return TC_WORD;
	return TC_SEP;
}

/* One code point of the text, with the bytes of the input it came from. */
struct tok_char {
	uint32_t c;
	int start, end;
};

struct tok_state {
	const char *text;
	int n;
	store_token_fn emit;
	void *ud;
	int rc;
	/* The word being gathered (UTF-8, before folding) and where it began. */
	char word[TOK_WORD_MAX * 2];
	int wlen, wstart, wend;
	bool wascii;
	/*
	 * The run's length and its last character, held until the next comes
	 * (nothing composes with it then); a query holds the one before too.
	 */
	bool query;
	int nrun;
	struct tok_char prev, cur;
};

static void
put(struct tok_state *t, int flags, const char *tok, int n, int start, int end)
{
	if (t->rc == 0 && n > 0)
		t->rc = t->emit(t->ud, flags, tok, n, start, end);
}

/* Ends the word: ASCII is lowered in place, the rest case-folded to NFC by libunistring. */
static void
word_flush(struct tok_state *t)
{
	uint8_t folded[TOK_WORD_MAX * 3], *out;
	size_t len = sizeof(folded), i;

	if (!t->wlen)
		return;
	if (t->wascii) {
		for (i = 0; i < (size_t)t->wlen; i++)
			if (t->word[i] >= 'A' && t->word[i] <= 'Z')
				t->word[i] = (char)(t->word[i] | 0x20);
		put(t, 0, t->word, t->wlen, t->wstart, t->wend);
	} else {
		out = u8_casefold((const uint8_t *)t->word, (size_t)t->wlen, NULL, UNINORM_NFC,
				  folded, &len);
		if (out) {
			/* Cut on a character boundary. */
			while (len > TOK_WORD_MAX && len--)
				while (len > 0 && (out[len] & 0xc0) == 0x80)
					len--;
			put(t, 0, (const char *)out, (int)len, t->wstart, t->wend);
			if (out != folded)
				free(out);
		}
	}
	t->wlen = 0;
}

static void
word_add(struct tok_state *t, const struct tok_char *ch)
{
	unsigned char u[4];
	size_t k = utf8_encode(ch->c, u);

	if (!t->wlen) {
		t->wstart = ch->start;
		t->wascii = true;
	}
	t->wend = ch->end;
	if ((size_t)t->wlen + k > TOK_WORD_MAX)
		return;
	memcpy(t->word + t->wlen, u, k);
	t->wlen += (int)k;
	t->wascii &= ch->c < 0x80;
}

/* The character NFC makes of a, or of a followed by b (0: they stay two). */
static uint32_t
nfc_pair(uint32_t a, uint32_t b)
{
	uint32_t in32[2] = { a, b }, out32[8], *out;
	size_t len = 8, n = b ? 2 : 1;
	uint32_t r = 0;

	out = u32_normalize(UNINORM_NFC, in32, n, out32, &len);
	if (out && len == 1)
		r = out[0];
	if (out && out != out32)
		free(out);
	return r;
}

/* What NFC changes in a run: compatibility ideographs, and marks or Jamo that compose. */
static bool
nfc_single(uint32_t c)
{
	return in(c, 0xf900, 0xfaff) || in(c, 0x2f800, 0x2fa1f);
}

static bool
nfc_joins(uint32_t c)
{
	return in(c, 0x3099, 0x309a) || in(c, 0x1161, 0x11ff);
}

/*
 * Scripts of few letters (kana, Thai, Lao, Khmer, Myanmar, Jamo,
 * Bopomofo): each letter is in most articles written in them, so a word
 * made of them, searched as the phrase of its letters, would read most of
 * those articles' positions.
 */
static bool
is_small_alphabet(uint32_t c)
{
	return in(c, 0x3041, 0x30ff) || in(c, 0x31f0, 0x31ff) || in(c, 0xff66, 0xff9f) ||
	       in(c, 0x0e00, 0x0eff) || in(c, 0x1780, 0x17ff) || in(c, 0x1000, 0x109f) ||
	       in(c, 0x1100, 0x11ff) || in(c, 0x3130, 0x318f) || in(c, 0x3100, 0x312f);
}

/* Emits a (b NULL) or a followed by b as one token. */
static void
gram(struct tok_state *t, const struct tok_char *a, const struct tok_char *b, int flags)
{
	unsigned char u[8];
	size_t k = utf8_encode(a->c, u);

	if (b)
		k += utf8_encode(b->c, u + k);
	put(t, flags, (const char *)u, (int)k, a->start, b ? b->end : a->end);
}

/*
 * A run (Han, kana, Hangul, Thai ...) is a token a character, so a word of
 * any length is the phrase of its characters, found where they stand
 * together. A character of a large script (Han, Hangul syllables) is a
 * token alone; one of a small alphabet is the pair it starts (the last of
 * a run stands alone), and a large one before a small one is that pair too
 * (at the same position as itself alone). A query's tokens are the same
 * but for its last character: left out when the pair before holds it, and
 * when it starts a pair in the article but not in the query (a lone kana),
 * store_read.c makes the token a prefix. Pairs at every character beside
 * the characters would answer every word from one list, but made the
 * index twice the articles' text (doc/SCALE.md).
 */
static void
doc_commit(struct tok_state *t, const struct tok_char *next)
{
	if (is_small_alphabet(t->cur.c)) {
		gram(t, &t->cur, next, 0);
		return;
	}
	gram(t, &t->cur, NULL, 0);
	if (next && is_small_alphabet(next->c))
		gram(t, &t->cur, next, FTS5_TOKEN_COLOCATED);
}

/* A query's character with more than one after it: as in an article, less the colocated pair. */
static void
query_commit(struct tok_state *t, const struct tok_char *c, const struct tok_char *next)
{
	gram(t, c, is_small_alphabet(c->c) ? next : NULL, 0);
}

/* The query's last two characters (or its only one). */
static void
query_end(struct tok_state *t)
{
	if (t->nrun == 1) {
		gram(t, &t->cur, NULL, 0);
	} else if (is_small_alphabet(t->prev.c) || is_small_alphabet(t->cur.c)) {
		gram(t, &t->prev, &t->cur, 0);
	} else {
		gram(t, &t->prev, NULL, 0);
		gram(t, &t->cur, NULL, 0);
	}
}

static void
run_flush(struct tok_state *t)
{
	if (t->nrun && t->query)
		query_end(t);
	else if (t->nrun)
		doc_commit(t, NULL);
	t->nrun = 0;
}

static void
run_add(struct tok_state *t, const struct tok_char *ch)
{
	struct tok_char c = *ch;
	uint32_t composed;

	if (nfc_single(c.c) && (composed = nfc_pair(c.c, 0)))
		c.c = composed;
	if (t->nrun && nfc_joins(c.c) && (composed = nfc_pair(t->cur.c, c.c))) {
		t->cur.c = composed;
		t->cur.end = c.end;
		return;
	}
	if (t->query) {
		if (t->nrun >= 2)
			query_commit(t, &t->prev, &t->cur);
		t->prev = t->cur;
	} else if (t->nrun) {
		doc_commit(t, &c);
	}
	t->cur = c;
	t->nrun++;
}

static void
flush(struct tok_state *t)
{
	word_flush(t);
	run_flush(t);
}

static void
add(struct tok_state *t, const struct tok_char *ch)
{
	switch (tok_class(ch->c)) {
	case TC_WORD:
		run_flush(t);
		word_add(t, ch);
		break;
	case TC_RUN:
		word_flush(t);
		run_add(t, ch);
		break;
	case TC_EMOJI:
		flush(t);
		{
			unsigned char u[4];
			size_t k = utf8_encode(ch->c, u);

			put(t, 0, (const char *)u, (int)k, ch->start, ch->end);
		}
		break;
	case TC_IGNORE:
		break;
	default:
		flush(t);
	}
}

bool
store_token_open_ended(const char *tok, int n)
{
	uint32_t c = 0;

	return utf8_decode((const unsigned char *)tok, (size_t)n, &c) == (size_t)n &&
	       is_small_alphabet(c);
}

/* ---- markup ---- */

/* Inline elements do not separate words: "<b>人工</b>智能" is one run. */
static bool
tag_is_inline(const char *p, const char *end)
{
	static const char *const inl[] = {
		"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em",
		"font", "i", "ins", "kbd", "mark", "q", "rb", "rp", "rt", "ruby", "s", "samp",
		"small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", NULL,
	};
	size_t n = 0, i;

	p += p + 1 < end && p[1] == '/' ? 2 : 1;
	while (p + n < end && ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z'))
		n++;
	for (i = 0; inl[i]; i++)
		if (strlen(inl[i]) == n && !strncasecmp(p, inl[i], n))
			return true;
	return false;
}

/* A '<' that opens markup: a letter, '/', '!' or '?' follows ("a < b" is text). */
static bool
opens_tag(const char *p, const char *end)
{
	char c = p + 1 < end ? p[1] : 0;

	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '/' || c == '!' || c == '?';
}

/* memmem for a closing tag, any case. */
static const char *
find_close(const char *p, const char *end, const char *close)
{
	size_t n = strlen(close);

	for (; p + n <= end; p++)
		if (*p == '<' && !strncasecmp(p, close, n))
			return p;
	return NULL;
}

/* The end of the markup at p ('<'); script, style and the like go with their content. */
static const char *
skip_tag(const char *p, const char *end)
{
	static const char *const hidden[][2] = {
		{ "<script", "</script" }, { "<style", "</style" }, { "<noscript", "</noscript" },
		{ "<template", "</template" }, { "<svg", "</svg" }, { "<math", "</math" },
	};
	const char *q;
	size_t i, k;

	if (end - p >= 4 && !strncmp(p, "<!--", 4)) {
		q = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
		return q ? q + 3 : end;
	}
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		k = strlen(hidden[i][0]);
		if ((size_t)(end - p) > k && !strncasecmp(p, hidden[i][0], k) &&
		    (p[k] == '>' || p[k] == ' ' || p[k] == '\t' || p[k] == '\n' || p[k] == '/')) {
			q = find_close(p + k, end, hidden[i][1]);
			if (q)
				p = q;
			break;
		}
	}
	q = memchr(p, '>', (size_t)(end - p));
	return q ? q + 1 : end;
}

/* Decodes the reference at p ('&'); returns its length, 0 when it is not one. */
static int
entity_at(const char *p, const char *end, uint32_t *cp)
{
	const htmlEntityDesc *d;
	char name[16], *e;
	const char *semi;
	int n;

	semi = memchr(p, ';', (size_t)(end - p) < 16 ? (size_t)(end - p) : 16);
	if (!semi || semi - p < 2)
		return 0;
	n = (int)(semi - p - 1);
	memcpy(name, p + 1, (size_t)n);
	name[n] = '\0';
	if (name[0] == '#') {
		*cp = (uint32_t)((name[1] | 0x20) == 'x' ? strtoul(name + 2, &e, 16)
							 : strtoul(name + 1, &e, 10));
		if (e != name + n || e == name + 1 || *cp > 0x10ffff || in(*cp, 0xd800, 0xdfff))
			return 0;
	} else if (!strcmp(name, "apos")) {
		*cp = '\'';
	} else if ((d = htmlEntityLookup((const xmlChar *)name))) {
		*cp = d->value;
	} else {
		return 0;
	}
	return n + 2;
}

int
store_tokenize(const char *text, int n, bool query, store_token_fn emit, void *ud)
{
	struct tok_state st = { .text = text, .n = n, .query = query, .emit = emit, .ud = ud };
	struct tok_state *t = &st;
	const char *p = text, *end = text + n;
	struct tok_char ch;
	size_t k;
	int len;

	while (p < end && !t->rc) {
		ch.start = (int)(p - text);
		if (*p == '<' && opens_tag(p, end)) {
			if (!tag_is_inline(p, end))
				flush(t);
			p = skip_tag(p, end);
			continue;
		}
		if (*p == '&' && (len = entity_at(p, end, &ch.c))) {
			p += len;
		} else if ((unsigned char)*p < 0x80) {
			ch.c = (unsigned char)*p++;
		} else if ((k = utf8_decode((const unsigned char *)p, (size_t)(end - p), &ch.c))) {
			p += k;
		} else {
			ch.c = ' ';	/* not UTF-8: a separator */
			p++;
		}
		ch.end = (int)(p - text);
		add(t, &ch);
	}
	if (!t->rc)
		flush(t);
	return t->rc;
}

/* ---- the FTS5 tokenizer "byline" ---- */

struct fts_tok {
	int unused;
};

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)argv;
	(void)argc;
	*out = (Fts5Tokenizer *)calloc(1, sizeof(struct fts_tok));
	return *out ? SQLITE_OK : SQLITE_NOMEM;
}

static void
tok_delete(Fts5Tokenizer *t)
{
	free(t);
}

static int
tok_tokenize(Fts5Tokenizer *tk, void *ctx, int flags, const char *text, int n,
	     int (*token)(void *, int, const char *, int, int, int))
{
	(void)tk;
	return store_tokenize(text, n, (flags & FTS5_TOKENIZE_QUERY) != 0, token, ctx);
}

/* The FTS5 API of a connection (SQLite's documented way: SELECT fts5(?1)). */
static fts5_api *
fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int
store_fts_register(sqlite3 *db)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = fts5_api_of(db);

	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "byline", NULL, &tok, NULL);
}
