/* A JSON document's bytes on their way to yajl: where they are, raw controls escaped, long tokens cut. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "json_state_int.h"
#include "parse_int.h"
#include "feed_parser_int.h"

/*
 * The longest string handed to yajl, in bytes as written: the rest of a
 * longer one is dropped before yajl sees it, so no string costs more
 * memory than the longest field keeps (the field limits cut it further).
 */
#define JSON_MAX_STRING (PARSE_MAX_HTML_FIELD + 4)
#define JSON_MAX_WORD (64u << 10)	/* the longest number, as written */

/* ---- where, and refusals ---------------------------------------------------- */

int
json_feed_where(const struct json_feed *j, char *out, size_t n)
{
	size_t len = 0;
	int i;

	if (j->at_bytes)
		return snprintf(out, n, "line %ld, column %ld: ", j->line, j->col + 1);
	for (i = 0; i < j->nfr && len < n; i++) {
		const struct jframe *f = &j->fr[i];

		if (f->ctx >= JC_ITEMS)
			len += (size_t)snprintf(out + len, n - len, "[%zu]", f->index);
		else if (f->key)
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "." : "", f->key);
		else
			break;
	}
	if (len && len + 2 < n)
		len += (size_t)snprintf(out + len, n - len, ": ");
	return len < n ? (int)len : (int)n - 1;
}

/* Counts lines and characters up to `to` (in the chunk being read). */
static void
advance(struct json_feed *j, const char *to)
{
	const char *q = j->mark, *nl;

	if (to <= q)
		return;
	while ((nl = memchr(q, '\n', (size_t)(to - q)))) {
		j->line++;
		j->col = 0;
		q = nl + 1;
	}
	for (; q < to; q++)
		j->col += ((unsigned char)*q & 0xc0) != 0x80;
	j->mark = to;
}

/* A warning about the bytes at `at`: it names their line and column. */
static void
warn_at(struct json_feed *j, const char *at, const char *msg)
{
	advance(j, at);
	j->at_bytes = 1;
	fp_warn(j->p, "%s", msg);
	j->at_bytes = 0;
}

int
json_fail(struct json_feed *j, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(j->p->fail_msg, sizeof(j->p->fail_msg), fmt, ap);
	va_end(ap);
	j->p->not_feed = 1;
	j->stopped = 1;
	return 0;
}

/*
 * yajl reads a token left open at the end of its input again from its
 * start each time it is given more, so a token is never given to it in
 * pieces: a string or number still open at the end of a chunk, or one
 * that needs changing (a raw control), waits in hold, whole, and is given
 * when it closes. Otherwise the chunk's bytes go to yajl as they are.
 */

/* yajl's words for what went wrong, without its "parse error: " and trailing blanks. */
static void
syntax_error(struct json_feed *j, const char *at)
{
	unsigned char *e = yajl_get_error(j->h, 0, NULL, 0);
	const char *msg = e ? (const char *)e : "not JSON", *colon = strstr(msg, "error: ");
	size_t n;

	if (colon)
		msg = colon + 7;
	n = strcspn(msg, "\n");
	while (n && (msg[n - 1] == '.' || msg[n - 1] == ' '))
		n--;
	if (at)
		advance(j, at);
	if (j->root_done) {
		j->stopped = 1;
		warn_at(j, at ? at : j->mark, "text after the end of the JSON document ignored");
	} else {
		json_fail(j, "not valid JSON at line %ld, column %ld (%.*s): the feed cannot be read "
			"until its publisher fixes it", j->line, j->col + 1, (int)n, msg);
	}
	if (e)
		yajl_free_error(j->h, e);
}

/* Gives yajl n bytes; at: where they are in the chunk (NULL: held bytes, which began at hold_at). */
static void
parse(struct json_feed *j, const char *s, size_t n, const char *at)
{
	size_t used;

	if (j->stopped || n == 0)
		return;
	if (yajl_parse(j->h, (const unsigned char *)s, n) != yajl_status_error)
		return;
	used = yajl_get_bytes_consumed(j->h);
	if (!at) {
		j->line = j->hold_line;	/* the held token's start: near enough */
		j->col = j->hold_col;
	}
	syntax_error(j, at ? at + (used < n ? used : n) : NULL);
}

/* Bytes [seg, q) of the chunk, unchanged, into hold (which they start when it is empty). */
static void
hold(struct json_feed *j, const char *seg, const char *q)
{
	if (!j->holding) {
		advance(j, seg);
		j->hold_line = j->line;
		j->hold_col = j->col;
		j->holding = 1;
	}
	buf_append(&j->hold, seg, (size_t)(q - seg));
}

/* Everything up to q goes to yajl: what is held, then [seg, q). */
static void
flush(struct json_feed *j, const char *seg, const char *q)
{
	if (!j->holding) {
		parse(j, seg, (size_t)(q - seg), seg);
		return;
	}
	buf_append(&j->hold, seg, (size_t)(q - seg));
	parse(j, j->hold.data, j->hold.len, NULL);
	buf_reset(&j->hold);
	j->holding = 0;
}

/* A control character written raw inside a string (JSON wants it escaped): held as its escape. */
static void
hold_control(struct json_feed *j, const char *at)
{
	char esc[8];
	unsigned char c = (unsigned char)*at;

	if (c == '\n' || c == '\t' || c == '\r')
		snprintf(esc, sizeof(esc), "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
	else
		snprintf(esc, sizeof(esc), "\\u%04x", c);
	if (!(j->warned & JW_CONTROL)) {
		j->warned |= JW_CONTROL;
		warn_at(j, at, "control characters written raw inside a string (JSON wants them "
			       "escaped) were read as if escaped");
	}
	buf_puts(&j->hold, esc);
	j->tok_len += strlen(esc);
}

/* The open string or number is too long: held up to here, the rest of it dropped. */
static void
start_dropping(struct json_feed *j, const char *seg, const char *q, const char *what)
{
	hold(j, seg, q);
	warn_at(j, q, what);
	j->dropping = 1;
}

/* Bytes that need no look inside a string: all but '"', '\\' and controls. */
static const char *
plain_run(const char *q, const char *lim)
{
	while (q < lim && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
		q++;
	return q;
}

/* One byte inside a string, at q; returns where to go on. *seg: the first byte not yet passed on. */
static const char *
string_byte(struct json_feed *j, const char *q, const char **seg)
{
	unsigned char c = (unsigned char)*q;

	if (j->dropping) {
		if (j->esc)
			j->esc = 0;
		else if (c == '\\')
			j->esc = 1;
		else if (c == '"') {
			j->dropping = 0;
			*seg = q;	/* the closing quote is kept */
			return q;
		}
		*seg = q + 1;
		return q + 1;
	}
	if (j->hex) {
		j->hex--;
	} else if (j->esc) {
		j->esc = 0;
		j->hex = c == 'u' ? 4 : 0;
	} else if (c == '"') {
		j->in_str = 0;
		if (j->holding)
			flush(j, *seg, q + 1), *seg = q + 1;
		return q + 1;
	} else if (c == '\\') {
		j->esc = 1;
	} else if (c < 0x20) {
		hold(j, *seg, q);
		hold_control(j, q);
		*seg = q + 1;
		return q + 1;
	} else if (j->tok_len >= JSON_MAX_STRING && (c & 0xc0) != 0x80) {
		start_dropping(j, *seg, q, "a string longer than 8 MiB cut short");
		return q;
	}
	j->tok_len++;
	return q + 1;
}

/* Inside a string from q to the end of the chunk or past its closing quote. */
static const char *
in_string(struct json_feed *j, const char *q, const char *end, const char **seg)
{
	while (q < end && j->in_str) {
		if (!j->esc && !j->hex && !j->dropping) {
			size_t room = JSON_MAX_STRING > j->tok_len ? JSON_MAX_STRING - j->tok_len : 0;
			const char *r = plain_run(q, (size_t)(end - q) > room ? q + room : end);

			j->tok_len += (size_t)(r - q);
			q = r;
			if (q == end)
				break;
		}
		q = string_byte(j, q, seg);
	}
	return q;
}

static int
is_structure(unsigned char c)
{
	return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || c == ' ' ||
	       c == '\n' || c == '\r' || c == '\t' || c == '"';
}

/*
 * Outside strings from q: structure passes; a number (or true, false,
 * null, or junk for yajl to refuse) is counted, and cut past JSON_MAX_WORD
 * bytes where it still reads as a number. Returns at the next string's
 * opening quote (past it) or the end of the chunk.
 */
static const char *
outside(struct json_feed *j, const char *q, const char *end, const char **seg)
{
	for (; q < end; q++) {
		unsigned char c = (unsigned char)*q;

		if (!is_structure(c)) {
			if (j->dropping) {
				*seg = q + 1;
			} else if (j->tok_len >= JSON_MAX_WORD && c >= '0' && c <= '9' &&
				   q > *seg && q[-1] >= '0' && q[-1] <= '9') {
				start_dropping(j, *seg, q, "a number longer than 64 KiB cut short");
				*seg = q + 1;
			}
			j->in_word = 1;
			j->tok_len++;
			continue;
		}
		if (j->in_word) {
			j->in_word = j->dropping = 0;
			j->tok_len = 0;
			if (j->holding)
				flush(j, *seg, q), *seg = q;
		}
		if (c == '"') {
			j->in_str = 1;
			j->tok_len = 0;
			return q + 1;
		}
	}
	return end;
}

/* ---- the chunks ----------------------------------------------------------------- */

void
json_feed_push(struct json_feed *j, const char *s, size_t n)
{
	const char *end = s + n, *q = s, *seg = s;

	j->mark = s;
	while (q < end && !j->stopped)
		q = j->in_str ? in_string(j, q, end, &seg) : outside(j, q, end, &seg);
	if (j->stopped)
		return;
	if (j->in_str || j->in_word)
		hold(j, seg, end);	/* a token open at the end waits for the rest of it */
	else
		flush(j, seg, end);
	advance(j, end);
}

void
json_lex_finish(struct json_feed *j)
{
	struct feed_parser *p = j->p;

	j->mark = "";
	flush(j, "", "");	/* the document ends inside a string or number */
	/* cut at the document size limit (warned), like XML: what was read stands */
	if (!j->stopped && !p->too_big && yajl_complete_parse(j->h) == yajl_status_error &&
	    !j->root_done)
		json_fail(j, "the JSON ends early, at line %ld, column %ld, before the document is "
			"complete: the feed cannot be read (cut short on its way?)", j->line, j->col + 1);
}
