/* The query tree's upkeep: freeing, tags, folding, messages with a caret, a text dump. */
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unistr.h>
#include <uninorm.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "query_int.h"

void
query_node_free(struct query_node *n)
{
	size_t i;

	if (!n)
		return;
	query_node_free(n->a);
	query_node_free(n->b);
	for (i = 0; i < n->nurls; i++)
		free(n->urls[i]);
	free(n->urls);
	free(n->text);
	free(n);
}

static void
resolve(struct query_node *n, query_feeds_fn fn, void *ud)
{
	size_t i;

	if (!n)
		return;
	if (n->kind == QUERY_TAG || n->kind == QUERY_FEED) {
		for (i = 0; i < n->nurls; i++)
			free(n->urls[i]);
		free(n->urls);
		n->urls = NULL;
		n->nurls = 0;
		fn(ud, n->kind, n->text, &n->urls, &n->nurls);
	}
	resolve(n->a, fn, ud);
	resolve(n->b, fn, ud);
}

void
query_resolve_feeds(struct query *q, query_feeds_fn fn, void *ud)
{
	if (q)
		resolve(q->root, fn, ud);
}

bool
query_has_words(const struct query_node *n)
{
	return n && (n->kind == QUERY_WORD || query_has_words(n->a) || query_has_words(n->b));
}

char *
query_fold(const char *s)
{
	size_t len = 0;
	uint8_t *out;
	char *r;

	if (!s)
		return xstrdup("");
	/* ASCII (most feed titles and every URL): its fold is its lower case, NFC changes nothing. */
	for (len = 0; s[len] && !(s[len] & 0x80); len++)
		;
	if (!s[len]) {
		r = xstrdup(s);
		for (len = 0; r[len]; len++)
			if (r[len] >= 'A' && r[len] <= 'Z')
				r[len] = (char)(r[len] - 'A' + 'a');
		return r;
	}
	len = 0;
	out = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC, NULL, &len);
	if (!out)
		return xstrdup(s);
	r = xstrndup((const char *)out, len);
	free(out);
	return r;
}

/*
 * The query as shown: blanks and control characters as spaces, bytes that
 * are not UTF-8 as '?', so that the caret lines up (text_width_n counts
 * each of those one column).
 */
static void
put_shown(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;
	int k;

	while (i < n) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
			buf_putc(out, ' ');
			i++;
		} else if ((k = u8_mblen((const uint8_t *)s + i, n - i)) > 0) {
			buf_append(out, s + i, (size_t)k);
			i += (size_t)k;
		} else {
			buf_putc(out, '?');
			i++;
		}
	}
}

static int
width_to(const char *src, size_t pos)
{
	struct buf b = {0};
	int w;

	put_shown(&b, src, pos);
	w = text_width_n(buf_cstr(&b), b.len);
	buf_free(&b);
	return w;
}

void
query_error_format(struct buf *out, const char *src, const struct query_error *e,
		   const char *indent)
{
	size_t n = strlen(src), pos = e->pos > n ? n : e->pos;
	int i, w;

	if (n > QUERY_MAX_LEN)
		n = QUERY_MAX_LEN;
	buf_puts(out, indent);
	put_shown(out, src, n);
	buf_putc(out, '\n');
	buf_puts(out, indent);
	w = width_to(src, pos);
	for (i = 0; i < w; i++)
		buf_putc(out, ' ');
	buf_puts(out, "^\n");
	buf_puts(out, e->msg);
}

void
query_error_line(struct buf *out, const char *src, const struct query_error *e)
{
	size_t n = strlen(src), pos = e->pos > n ? n : e->pos;

	buf_printf(out, "column %d: %s", width_to(src, pos) + 1, e->msg);
}

static const char *const kind_names[] = {
	[QUERY_AND] = "and", [QUERY_OR] = "or", [QUERY_NOT] = "not", [QUERY_WORD] = "word",
	[QUERY_FEED] = "feed", [QUERY_TAG] = "tag", [QUERY_UNREAD] = "unread",
	[QUERY_READ] = "read", [QUERY_STARRED] = "starred", [QUERY_AFTER] = "after",
	[QUERY_BEFORE] = "before", [QUERY_NEWER] = "newer", [QUERY_OLDER] = "older",
	[QUERY_HAS_ENCLOSURE] = "has:enclosure", [QUERY_HAS_FULLTEXT] = "has:fulltext",
};

static const char *const field_names[] = {
	[QUERY_FIELD_ANY] = "any", [QUERY_FIELD_TITLE] = "title",
	[QUERY_FIELD_AUTHOR] = "author", [QUERY_FIELD_TEXT] = "text",
	[QUERY_FIELD_LINK] = "link",
};

void
query_dump(struct buf *out, const struct query_node *n)
{
	if (!n)
		return;
	switch (n->kind) {
	case QUERY_AND:
	case QUERY_OR:
	case QUERY_NOT:
		buf_printf(out, "(%s ", kind_names[n->kind]);
		query_dump(out, n->a);
		if (n->b) {
			buf_putc(out, ' ');
			query_dump(out, n->b);
		}
		buf_putc(out, ')');
		break;
	case QUERY_WORD:
		buf_printf(out, "%s:\"%s\"", field_names[n->field], n->text);
		break;
	case QUERY_FEED:
	case QUERY_TAG:
		buf_printf(out, "%s:\"%s\"", kind_names[n->kind], n->text);
		break;
	case QUERY_AFTER:
	case QUERY_BEFORE:
	case QUERY_NEWER:
	case QUERY_OLDER:
		buf_printf(out, "%s:%lld", kind_names[n->kind], (long long)n->value);
		break;
	default:
		buf_puts(out, kind_names[n->kind]);
	}
}
