/* Text measures the scoring reads: characters (wide ones twice), clause punctuation, words, link density. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/mem.h"
#include "byline/utf8.h"
#include "extract_int.h"

/* White space as the DOM's String.trim() and \s see it. */
static bool
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}

/* East Asian Wide and Fullwidth: Han, kana, Hangul, CJK punctuation, fullwidth forms. */
static bool
is_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
	       (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	       (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
}

/* Punctuation between clauses: what Readability counts as commas, with CJK's 、。；「『. */
static bool
is_comma(uint32_t c)
{
	switch (c) {
	case ',': case 0x060c: case 0xff0c: case 0x3001: case 0x3002: case 0xff1b:
	case 0x300c: case 0x300e: case 0xfe50: case 0xfe51: case 0xff64: case 0xfe10:
	case 0xfe11: case 0x2e41: case 0x2e34: case 0x2e32:
		return true;
	default:
		return false;
	}
}

/* One character into t. */
static inline void
add_char(struct ex_text *t, uint32_t c)
{
	if (is_space(c)) {
		t->space = true;
		return;
	}
	if (t->space && t->started) {
		t->len += 1;	/* a run of spaces between two characters counts one */
		t->chars++;
	}
	t->chars++;
	if (is_comma(c))
		t->commas++;
	if (is_wide(c)) {
		t->len += 2;
		t->words += 0.5;
		t->wordy = false;
	} else {
		t->len += 1;
		if (!t->wordy || t->space || !t->started)
			t->words += 1;
		t->wordy = true;
	}
	t->space = false;
	t->started = true;
}

/* ASCII bytes: white space, ',' or other (most of any page's text). */
static const unsigned char ascii_class[128] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1, [','] = 2,
};

void
ex_text_add(struct ex_text *t, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		uint32_t c;
		size_t k;

		if (*p < 0x80 && ascii_class[*p] == 0 && t->started && !t->space && t->wordy) {
			/* the rest of a word: one character more */
			t->len += 1;
			t->chars++;
			p++;
			continue;
		}
		k = *p < 0x80 ? (c = *p, 1) : utf8_decode(p, (size_t)(end - p), &c);
		if (!k)
			k = 1, c = 0xfffd;
		p += k;
		add_char(t, c);
	}
}

/* Adds a text node's measure c to t, as if its text followed t's. */
static void
combine(struct ex_text *t, const struct ex_tnode *c)
{
	bool gap = t->space || c->lead_space;

	if (!c->t.chars) {
		t->space = t->space || c->lead_space;
		return;
	}
	if (t->started && gap) {
		t->len += 1;
		t->chars++;
	}
	t->len += c->t.len;
	t->chars += c->t.chars;
	t->commas += c->t.commas;
	t->words += c->t.words;
	if (t->started && !gap && t->wordy && c->first_wordy)
		t->words -= 1;	/* one word across the two nodes */
	t->started = true;
	t->space = c->t.space;
	t->wordy = c->t.wordy;
}

static void
measure_into(const char *s, struct ex_tnode *m)
{
	uint32_t c = 0xfffd;

	memset(m, 0, sizeof *m);
	if (!s || !*s)
		return;
	if (!utf8_decode((const unsigned char *)s, strlen(s), &c))
		c = 0xfffd;
	m->lead_space = is_space(c);
	m->first_wordy = !is_space(c) && !is_wide(c);
	ex_text_add(&m->t, s, strlen(s));
}

/* The measure of text node n, kept with it (text nodes never change here); scratch when no document. */
static const struct ex_tnode *
measure(const xmlNode *n, struct ex_tnode *scratch)
{
	struct ex_doc *d = n->doc ? n->doc->_private : NULL;
	struct ex_tnode *m = n->_private;

	if (m)
		return m;
	m = d ? &ex_slot(d, (xmlNode *)n)->text : scratch;
	measure_into((const char *)n->content, m);
	return m;
}

void
ex_text_of(const xmlNode *root, struct ex_text *t)
{
	const xmlNode *n;
	struct ex_tnode scratch;

	if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE) {
		combine(t, measure(root, &scratch));
		return;
	}
	for (n = root->children; n; n = ex_next_under((xmlNode *)n, root, false))
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			combine(t, measure(n, &scratch));
}

bool
ex_has_text(const xmlNode *root)
{
	const xmlNode *n;
	struct ex_tnode scratch;

	if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE)
		return measure(root, &scratch)->t.chars > 0;
	for (n = root->children; n; n = ex_next_under((xmlNode *)n, root, false))
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    measure(n, &scratch)->t.chars > 0)
			return true;
	return false;
}

double
ex_text_len(const xmlNode *n)
{
	struct ex_text t = {0};

	ex_text_of(n, &t);
	return t.len;
}

double
ex_link_density(const xmlNode *root)
{
	double total = ex_text_len(root), links = 0;
	xmlNode *n;

	if (total <= 0)
		return 0;
	for (n = root->children; n; ) {
		if (ex_tag(n) == T_A) {
			const char *href = ex_attr(n, "href");

			links += ex_text_len(n) * (href && href[0] == '#' && href[1] ? 0.3 : 1);
			n = ex_next_under(n, root, true);
			continue;
		}
		n = ex_next_under(n, root, false);
	}
	return links / total;
}

/* Appends s with whitespace runs as one space; *space says a space is pending. */
static void
append_collapsed(struct buf *out, const char *s, size_t n, bool *space)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		uint32_t c;
		size_t k = *p < 0x80 ? (c = *p, 1) : utf8_decode(p, (size_t)(end - p), &c);

		if (!k)
			k = 1, c = 0xfffd;
		if (is_space(c)) {
			*space = true;
		} else {
			if (*space && out->len)
				buf_putc(out, ' ');
			*space = false;
			buf_append(out, p, k);
		}
		p += k;
	}
}

void
ex_inner_text(const xmlNode *root, struct buf *out)
{
	const xmlNode *n;
	bool space = false;

	if (root->type == XML_TEXT_NODE) {
		if (root->content)
			append_collapsed(out, (const char *)root->content,
					 strlen((const char *)root->content), &space);
		return;
	}
	for (n = root->children; n; n = ex_next_under((xmlNode *)n, root, false))
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			append_collapsed(out, (const char *)n->content, strlen((const char *)n->content),
					 &space);
}

size_t
ex_utf8_chars(const char *s)
{
	size_t k = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			k++;
	return k;
}

bool
ex_has_sentence_end(const char *s)
{
	const char *p;

	for (p = strchr(s, '.'); p; p = strchr(p + 1, '.'))
		if (p[1] == ' ' || p[1] == '\0')
			return true;
	/* 。！？ and the Devanagari danda */
	return strstr(s, "\xe3\x80\x82") || strstr(s, "\xef\xbc\x81") || strstr(s, "\xef\xbc\x9f") ||
	       strstr(s, "\xe0\xa5\xa4");
}

/* ---- similarity of two titles ---- */

struct tokens {
	char **v;
	size_t n, cap;
};

static void
add_token(struct tokens *t, const char *s, size_t n)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n++] = xstrndup(s, n);
}

/* Lower-case words; each Han or kana character is a word of its own. */
static void
tokenize(const char *s, struct tokens *t)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf w = {0};

	while (*p) {
		uint32_t c;
		size_t k = *p < 0x80 ? (c = *p, 1) : utf8_decode(p, strlen((const char *)p), &c);

		if (!k)
			k = 1, c = ' ';
		if (c < 0x80 ? isalnum((int)c) || c == '_' : c >= 0xc0 && !(c >= 0x2000 && c <= 0x2bff) &&
		    !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff0f)) {
			bool wide = c >= 0x2e80 && c <= 0x9fff;

			if (wide && w.len)
				add_token(t, w.data, w.len), buf_reset(&w);
			if (c < 0x80)
				buf_putc(&w, (char)tolower((int)c));
			else
				buf_append(&w, p, k);
			if (wide)
				add_token(t, w.data, w.len), buf_reset(&w);
		} else if (w.len) {
			add_token(t, w.data, w.len);
			buf_reset(&w);
		}
		p += k;
	}
	if (w.len)
		add_token(t, w.data, w.len);
	buf_free(&w);
}

static void
tokens_free(struct tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
}

double
ex_similarity(const char *a, const char *b)
{
	struct tokens ta = {0}, tb = {0};
	size_t i, j, all = 0, uniq = 0;
	double sim = 0;

	tokenize(a, &ta);
	tokenize(b, &tb);
	for (i = 0; i < tb.n && ta.n; i++) {
		bool found = false;

		for (j = 0; j < ta.n && !found; j++)
			found = !strcmp(ta.v[j], tb.v[i]);
		all += ex_utf8_chars(tb.v[i]) + (i > 0);
		if (!found)
			uniq += ex_utf8_chars(tb.v[i]) + (uniq > 0);
	}
	if (ta.n && tb.n && all)
		sim = 1 - (double)uniq / (double)all;
	tokens_free(&ta);
	tokens_free(&tb);
	return sim;
}
