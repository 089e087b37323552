/* The renderer's interface: parse HTML with libxml2, walk it, hand out lines and links. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "byline/mem.h"
#include "byline/render.h"
#include "byline/text.h"
#include "byline/utf8.h"
#include "render_int.h"
#include "walk_int.h"

#define DEFAULT_WIDTH 80

static void
put_link_list(struct render_doc *d, struct layout *l)
{
	struct render_line ln = {0};
	size_t i;

	if (!d->nlinks || d->opts.no_link_list)
		return;
	layout_block_begin(l);
	line_add_span(&d->arena, &ln, "Links:", 6, 0, 0);
	layout_put_line(l, &ln, true);
	for (i = 0; i < d->nlinks; i++) {
		char num[32];
		int len = snprintf(num, sizeof num, "[%d] ", d->links[i].number);

		line_add_span(&d->arena, &ln, num, (size_t)len, RS_LINK, d->links[i].number);
		line_add_span(&d->arena, &ln, d->links[i].shown, strlen(d->links[i].shown), RS_LINK,
			      d->links[i].number);
		layout_put_line(l, &ln, true);
	}
}

/* Valid UTF-8 without NUL, C0 (but tab, newline, CR, form feed), DEL or C1. */
static bool
already_clean(const char *html, size_t len)
{
	const uint8_t *p = (const uint8_t *)html;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t l;

		/* what XML may carry is clean (32 bytes at a time); look closer at the rest */
		i += utf8_valid_len(p + i, len - i, UTF8_XML);
		if (i >= len)
			break;
		if (p[i] < 0x80) {
			if (p[i] != '\f')
				return false;
			i++;
			continue;
		}
		l = utf8_decode(p + i, len - i, &cp);
		if (!l || cp < 0xa0)	/* invalid, or C1 */
			return false;
		i += l;	/* U+FFFE, U+FFFF */
	}
	return true;
}

/*
 * libxml2 must see valid UTF-8 (TEXT.md pitfall 1): invalid bytes, NUL and
 * control characters become U+FFFD first (also in attributes and URLs).
 * Returns NULL when the input is fine as it is.
 */
static char *
valid_utf8(const char *html, size_t len, size_t *outlen)
{
	struct buf b = {0};

	if (already_clean(html, len))
		return NULL;
	/* text_clean keeps every other character: controls are cleaned per text node */
	text_clean_append(&b, html, len, TEXT_EMOJI_PASSTHROUGH, false);
	*outlen = b.len;
	return buf_steal(&b);
}

struct render_doc *
render_html(const char *html, size_t len, const struct render_opts *opts, struct bl_err *err)
{
	struct render_doc *d = xcalloc(1, sizeof *d);
	struct layout *l;
	struct hdoc *doc;
	size_t clen;
	char *clean;

	d->opts = *opts;
	if (d->opts.width < 1)
		d->opts.width = DEFAULT_WIDTH;
	d->opts.base = NULL;	/* not kept: the caller's string */
	clean = valid_utf8(html, len, &clen);
	if (!clean)
		clen = len;
	doc = hdoc_parse(clean ? clean : html, clen);
	free(clean);
	l = layout_new(d, d->opts.width, &d->lines);
	if (doc) {
		walk_document(d, hdoc_root(doc), l, opts->base);
		hdoc_free(&doc);
	}
	put_link_list(d, l);
	layout_free(&l);
	(void)err;
	return d;
}

void
render_free(struct render_doc **dp)
{
	struct render_doc *d = *dp;

	if (!d)
		return;
	line_list_clear(&d->lines);
	arena_free(&d->arena);
	doc_links_free(d);
	free(d);
	*dp = NULL;
}

size_t
render_nlines(const struct render_doc *d)
{
	return d->lines.n;
}

const struct render_line *
render_line_at(const struct render_doc *d, size_t i)
{
	return i < d->lines.n ? &d->lines.v[i] : NULL;
}

size_t
render_nlinks(const struct render_doc *d)
{
	return d->nlinks;
}

const struct render_link *
render_link_at(const struct render_doc *d, size_t i)
{
	return i < d->nlinks ? &d->links[i] : NULL;
}

/* SGR parameters for a style: what `byline render --color` shows. */
static void
put_sgr(struct buf *out, unsigned style)
{
	static const struct { unsigned bit; const char *sgr; } map[] = {
		{ RS_BOLD, ";1" }, { RS_HEADING, ";1" }, { RS_ITALIC, ";3" },
		{ RS_UNDERLINE, ";4" }, { RS_LINK, ";4;34" }, { RS_CODE, ";36" },
		{ RS_QUOTE, ";32" },
	};
	size_t i;

	buf_puts(out, "\x1b[0");
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (style & map[i].bit)
			buf_puts(out, map[i].sgr);
	buf_putc(out, 'm');
}

static void
write_line(const struct render_line *ln, struct buf *out, bool ansi)
{
	size_t k;

	for (k = 0; k < ln->nspans; k++) {
		const struct render_span *sp = &ln->spans[k];

		if (ansi && sp->style)
			put_sgr(out, sp->style);
		buf_puts(out, sp->text);
		if (ansi && sp->style)
			buf_puts(out, "\x1b[0m");
	}
	buf_putc(out, '\n');
}

void
render_write(const struct render_doc *d, struct buf *out, bool ansi)
{
	size_t i;

	for (i = 0; i < d->lines.n; i++)
		write_line(&d->lines.v[i], out, ansi);
}

/* render_print hands the lines to stdio in pieces of about this size. */
#define PRINT_CHUNK 65536

int
render_print(const struct render_doc *d, FILE *fp, bool ansi)
{
	struct buf out = {0};
	size_t i;
	int rc = 0;

	for (i = 0; i < d->lines.n && rc == 0; i++) {
		write_line(&d->lines.v[i], &out, ansi);
		if (out.len >= PRINT_CHUNK || i + 1 == d->lines.n) {
			if (fwrite(out.data, 1, out.len, fp) != out.len)
				rc = -1;
			buf_reset(&out);
		}
	}
	buf_free(&out);
	return rc;
}
