/* The query language's parser: terms, OR, NOT, parentheses, fields, states and dates into a tree. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unistr.h>

#include "byline/mem.h"
#include "query_int.h"

/* What the lexer cuts a query into. */
enum tok_kind {
	TOK_END,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_MINUS,	/* a '-' right before a term */
	TOK_TERM,	/* a word, a "phrase", or field:value */
};

struct tok {
	enum tok_kind kind;
	size_t pos, len;	/* the whole token in the source */
	size_t vpos, vlen;	/* TERM: the value (after field:, inside quotes) */
	size_t flen;		/* TERM: the field name's length before ':', or 0 */
	bool quoted;		/* TERM: the value was in quotes */
};

struct parser {
	const char *src;
	size_t len, at;
	struct tok tok;		/* the current token */
	int depth;
	struct query_error *e;
	bool failed;
};

static void
fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = true;
	p->e->pos = pos;
	va_start(ap, fmt);
	vsnprintf(p->e->msg, sizeof(p->e->msg), fmt, ap);
	va_end(ap);
}

/* Length of the blank at s[i] (ASCII blanks and U+3000 IDEOGRAPHIC SPACE), or 0. */
static size_t
blank_at(const struct parser *p, size_t i)
{
	const char *s = p->src + i;

	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (p->len - i >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
		return 3;
	return 0;
}

static bool
ends_word(const struct parser *p, size_t i)
{
	char c = p->src[i];

	return i >= p->len || blank_at(p, i) || c == '(' || c == ')' || c == '"';
}

/* A quoted value from src[at] (the opening quote); false when it is not closed. */
static bool
lex_quoted(struct parser *p, size_t at, struct tok *t)
{
	const char *close = memchr(p->src + at + 1, '"', p->len - at - 1);

	if (!close) {
		fail(p, at, "this quote is not closed: add a \" after the phrase");
		t->kind = TOK_END;	/* the parse stops here, with this reason */
		return false;
	}
	t->vpos = at + 1;
	t->vlen = (size_t)(close - (p->src + at + 1));
	t->quoted = true;
	p->at = (size_t)(close - p->src) + 1;
	return true;
}

/* The field name before the first ':' of a word, when it is letters only. */
static size_t
field_len(const struct parser *p, size_t pos, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = p->src[pos + i];

		if (c == ':')
			return i;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return 0;
	}
	return 0;
}

static void
lex(struct parser *p)
{
	struct tok *t = &p->tok;
	size_t k, start;

	while (p->at < p->len && (k = blank_at(p, p->at)))
		p->at += k;
	*t = (struct tok){ .kind = TOK_END, .pos = p->at };
	if (p->at >= p->len)
		return;
	start = p->at;
	switch (p->src[p->at]) {
	case '(':
		t->kind = TOK_LPAREN, t->len = 1, p->at++;
		return;
	case ')':
		t->kind = TOK_RPAREN, t->len = 1, p->at++;
		return;
	case '-':
		if (p->at + 1 < p->len && !blank_at(p, p->at + 1) && p->src[p->at + 1] != ')') {
			t->kind = TOK_MINUS, t->len = 1, p->at++;
			return;
		}
		fail(p, p->at, "- needs a term right after it, without a blank (-word leaves word out)");
		t->kind = TOK_END;
		return;
	case '"':
		t->kind = TOK_TERM;
		if (lex_quoted(p, p->at, t))
			t->len = p->at - start;
		return;
	}
	t->kind = TOK_TERM;
	while (!ends_word(p, p->at))
		p->at++;
	t->vpos = start;
	t->vlen = p->at - start;
	t->flen = field_len(p, start, t->vlen);
	if (t->flen) {
		t->vpos += t->flen + 1;
		t->vlen -= t->flen + 1;
		/* field:"a phrase" */
		if (!t->vlen && p->at < p->len && p->src[p->at] == '"')
			lex_quoted(p, p->at, t);
	}
	t->len = p->at - start;
}

static struct query_node *
node_pair(enum query_kind kind, struct query_node *a, struct query_node *b)
{
	struct query_node *n = query_node_new(kind, a->pos);

	n->a = a;
	n->b = b;
	return n;
}

/* Whether the token is the keyword (OR, AND, NOT: capitals, unquoted, alone). */
static bool
tok_is(const struct parser *p, const char *kw)
{
	const struct tok *t = &p->tok;

	return t->kind == TOK_TERM && !t->quoted && !t->flen && t->len == strlen(kw) &&
	       !memcmp(p->src + t->pos, kw, t->len);
}

static struct query_node *parse_or(struct parser *p);

static struct query_node *
parse_unary(struct parser *p)
{
	struct query_node *n, *a;
	size_t pos = p->tok.pos;

	if (p->tok.kind == TOK_MINUS || tok_is(p, "NOT")) {
		const char *what = p->tok.kind == TOK_MINUS ? "-" : "NOT";

		if (++p->depth > QUERY_MAX_DEPTH) {
			fail(p, pos, "the query is nested too deeply (at most %d levels)",
			     QUERY_MAX_DEPTH);
			return NULL;
		}
		lex(p);
		if (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN || tok_is(p, "OR") ||
		    tok_is(p, "AND")) {
			fail(p, p->tok.kind == TOK_END ? p->len : p->tok.pos,
			     "%s needs a term after it (what to leave out)", what);
			return NULL;
		}
		if (!(a = parse_unary(p)))
			return NULL;
		p->depth--;
		n = query_node_new(QUERY_NOT, pos);
		n->a = a;
		return n;
	}
	if (p->tok.kind == TOK_LPAREN) {
		if (++p->depth > QUERY_MAX_DEPTH) {
			fail(p, pos, "the query is nested too deeply (at most %d levels)",
			     QUERY_MAX_DEPTH);
			return NULL;
		}
		lex(p);
		if (p->tok.kind == TOK_RPAREN) {
			fail(p, pos, "nothing between the parentheses");
			return NULL;
		}
		if (!(n = parse_or(p)))
			return NULL;
		if (p->tok.kind != TOK_RPAREN) {
			fail(p, pos, "this \"(\" is not closed: add a \")\"");
			query_node_free(n);
			return NULL;
		}
		p->depth--;
		lex(p);
		return n;
	}
	if (p->tok.kind == TOK_RPAREN) {
		fail(p, pos, "a \")\" without its \"(\"");
		return NULL;
	}
	if (p->tok.kind == TOK_END) {
		fail(p, p->len, "a term is missing here");
		return NULL;
	}
	n = query_term(p->src, p->tok.pos, p->tok.len, p->tok.vpos, p->tok.vlen, p->tok.flen,
		       p->tok.quoted, p->e);
	if (!n) {
		p->failed = true;
		return NULL;
	}
	lex(p);
	return n;
}

/* Terms side by side (or with AND between them) must all match. */
static struct query_node *
parse_and(struct parser *p)
{
	struct query_node *n, *b;

	if (tok_is(p, "OR") || tok_is(p, "AND")) {
		fail(p, p->tok.pos, "%.*s needs a term before it", (int)p->tok.len,
		     p->src + p->tok.pos);
		return NULL;
	}
	if (!(n = parse_unary(p)))
		return NULL;
	for (;;) {
		if (tok_is(p, "AND")) {
			lex(p);
			if (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN || tok_is(p, "OR") ||
			    tok_is(p, "AND")) {
				fail(p, p->tok.kind == TOK_END ? p->len : p->tok.pos,
				     "AND needs a term after it");
				break;
			}
		} else if (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN || tok_is(p, "OR"))
			return n;
		if (!(b = parse_unary(p)))
			break;
		n = node_pair(QUERY_AND, n, b);
	}
	query_node_free(n);
	return NULL;
}

static struct query_node *
parse_or(struct parser *p)
{
	struct query_node *n, *b;

	if (!(n = parse_and(p)))
		return NULL;
	while (tok_is(p, "OR")) {
		lex(p);
		if (p->tok.kind == TOK_END || p->tok.kind == TOK_RPAREN || tok_is(p, "OR")) {
			fail(p, p->tok.kind == TOK_END ? p->len : p->tok.pos,
			     "OR needs a term after it");
			query_node_free(n);
			return NULL;
		}
		if (!(b = parse_and(p))) {
			query_node_free(n);
			return NULL;
		}
		n = node_pair(QUERY_OR, n, b);
	}
	return n;
}

/* The first control character (tabs and newlines are blanks), or len. */
static size_t
first_control(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') ||
		    s[i] == 0x7f)
			return i;
	return len;
}

struct query *
query_parse(const char *src, struct query_error *e)
{
	struct parser p = { .src = src, .e = e };
	const uint8_t *bad;
	struct query_node *root;
	struct query *q;
	size_t c;

	*e = (struct query_error){0};
	p.len = strlen(src);
	if (p.len > QUERY_MAX_LEN) {
		fail(&p, QUERY_MAX_LEN, "the query is longer than %d bytes", QUERY_MAX_LEN);
		return NULL;
	}
	if ((bad = u8_check((const uint8_t *)src, p.len))) {
		fail(&p, (size_t)(bad - (const uint8_t *)src), "this is not UTF-8 text");
		return NULL;
	}
	if ((c = first_control(src, p.len)) < p.len) {
		fail(&p, c, "a control character (U+%04X) in the query", (unsigned char)src[c]);
		return NULL;
	}
	lex(&p);
	if (p.tok.kind == TOK_END && !p.failed) {
		fail(&p, 0, "the query is empty: write words, fields or states (see byline-config(5))");
		return NULL;
	}
	root = p.failed ? NULL : parse_or(&p);
	if (root && !p.failed && p.tok.kind == TOK_RPAREN)
		fail(&p, p.tok.pos, "a \")\" without its \"(\"");
	if (!root || p.failed) {
		query_node_free(root);
		return NULL;
	}
	q = xcalloc(1, sizeof(*q));
	q->root = root;
	q->src = xstrdup(src);
	return q;
}

void
query_free(struct query **qp)
{
	if (!qp || !*qp)
		return;
	query_node_free((*qp)->root);
	free((*qp)->src);
	free(*qp);
	*qp = NULL;
}
