/* Config line syntax: words, quotes, escapes, comments; and the writer that quotes back. */
#include <stdlib.h>
#include <string.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/mem.h"
#include "byline/utf8.h"
#include "config_int.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

const char *
cfg_check_bytes(const char *line, size_t len)
{
	const unsigned char *p = (const unsigned char *)line;
	size_t i = 0, l;
	uint32_t cp;

	while (i < len) {
		if (p[i] == '\t') {
			i++;
			continue;
		}
		if (p[i] < 0x20 || p[i] == 0x7f)
			return "the line holds a control character (only tabs and spaces may separate words)";
		l = utf8_decode(p + i, len - i, &cp);
		if (!l || (cp >= 0x80 && cp < 0xa0))	/* C1 controls count as invalid here */
			return "the line is not valid UTF-8 or holds a control character (save the file as UTF-8)";
		i += l;
	}
	return NULL;
}

static void
words_push(struct cfg_words *ws, struct buf *b, bool opt, size_t optlen, bool quoted,
	   size_t start, size_t end)
{
	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? ws->cap * 2 : 8;
		ws->w = xreallocarray(ws->w, ws->cap, sizeof(*ws->w));
	}
	ws->w[ws->n].text = buf_steal(b);
	ws->w[ws->n].bare_option = opt;
	ws->w[ws->n].option_len = optlen;
	ws->w[ws->n].quoted = quoted;
	ws->w[ws->n].start = start;
	ws->w[ws->n].end = end;
	ws->n++;
}

/* Reads a quoted part starting after the opening quote; *i ends after the closing one. */
static bool
lex_quoted(const char *s, size_t len, size_t *i, struct buf *b, const char **why)
{
	while (*i < len && s[*i] != '"') {
		if (s[*i] == '\\') {
			if (*i + 1 >= len || (s[*i + 1] != '"' && s[*i + 1] != '\\')) {
				*why = "unknown escape in quotes (inside \"…\" write \\\" for a quote "
				       "and \\\\ for a backslash)";
				return false;
			}
			(*i)++;
		}
		/* A tab in quotes is a space: no word holds a control character. */
		buf_putc(b, s[*i] == '\t' ? ' ' : s[*i]);
		(*i)++;
	}
	if (*i >= len) {
		*why = "a double quote is not closed (add the closing \")";
		return false;
	}
	(*i)++;
	return true;
}

bool
cfg_lex_line(const char *s, size_t len, struct cfg_words *out, const char **why)
{
	struct buf b = {0};
	size_t i = 0, optlen, start;
	bool quoted, opt;

	for (;;) {
		while (i < len && is_blank(s[i]))
			i++;
		if (i >= len || s[i] == '#')
			break;
		quoted = opt = false;
		optlen = 0;
		start = i;
		buf_reset(&b);
		while (i < len && !is_blank(s[i])) {
			if (s[i] == '"') {
				i++;
				if (!lex_quoted(s, len, &i, &b, why))
					goto fail;
				quoted = true;
				continue;
			}
			if (s[i] == '=' && !quoted && !opt && b.len > 0) {
				opt = true;
				optlen = b.len;
			}
			buf_putc(&b, s[i++]);
		}
		words_push(out, &b, opt, optlen, quoted, start, i);
	}
	buf_free(&b);
	return true;
fail:
	buf_free(&b);
	return false;
}

size_t
cfg_comment_start(const char *s, size_t len)
{
	struct cfg_words ws = {0};
	const char *why;
	size_t at = len, i;

	if (!cfg_lex_line(s, len, &ws, &why)) {
		cfg_words_clear(&ws);
		return len;
	}
	i = ws.n ? ws.w[ws.n - 1].end : 0;
	while (i < len && is_blank(s[i]))
		i++;
	if (i < len && s[i] == '#') {
		at = ws.n ? ws.w[ws.n - 1].end : 0;
	}
	cfg_words_clear(&ws);
	return at;
}

void
cfg_words_clear(struct cfg_words *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		free(ws->w[i].text);
	free(ws->w);
	memset(ws, 0, sizeof(*ws));
}

/* Does a word need quotes to read back as itself (and, for tags, not as NAME=)? */
static bool
needs_quotes(const char *s, bool is_tag)
{
	if (!*s || *s == '#')
		return true;
	for (; *s; s++)
		if (is_blank(*s) || *s == '"' || (is_tag && *s == '='))
			return true;
	return false;
}

/* Appends s as one word; control characters become spaces so the line stays valid. */
void
cfg_put_word(struct buf *b, const char *s, bool force_quotes, bool is_tag)
{
	bool q = force_quotes || needs_quotes(s, is_tag);

	if (q)
		buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (q && (c == '"' || c == '\\'))
			buf_putc(b, '\\');
		buf_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	if (q)
		buf_putc(b, '"');
}

