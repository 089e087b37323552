/* An article leaving byline: as plain text (header, body, links, enclosures) or a standalone HTML page. */
#include <inttypes.h>
#include <string.h>

#include "byline/date.h"
#include "byline/item.h"
#include "byline/render.h"

/* One header line: the label, then the value on one clean line. */
static void
put_field(struct buf *out, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	buf_puts(out, label);
	text_clean_append(out, value, strlen(value), TEXT_EMOJI_PASSTHROUGH, true);
	buf_putc(out, '\n');
}

static const char *
item_html(const struct item *it)
{
	return it->content && *it->content ? it->content : it->summary ? it->summary : "";
}

void
render_enclosure_describe(const struct enclosure *e, struct buf *out)
{
	size_t start = out->len;
	int64_t d = e->duration;

	if (e->type && *e->type)
		text_clean_append(out, e->type, strlen(e->type), TEXT_EMOJI_SAFE, true);
	if (e->length > 0) {
		buf_puts(out, out->len > start ? ", " : "");
		if (e->length >= 1000 * 1000)
			buf_printf(out, "%.1f MB", (double)e->length / 1e6);
		else if (e->length >= 1000)
			buf_printf(out, "%.1f kB", (double)e->length / 1e3);
		else
			buf_printf(out, "%" PRId64 " bytes", e->length);
	}
	if (d > 0) {
		buf_puts(out, out->len > start ? ", " : "");
		if (d >= 3600)
			buf_printf(out, "%" PRId64 ":%02d:%02d", d / 3600, (int)(d / 60 % 60),
				   (int)(d % 60));
		else
			buf_printf(out, "%d:%02d", (int)(d / 60), (int)(d % 60));
	}
	if (out->len == start)
		buf_puts(out, "file");
}

enum bl_status
render_item_text(const struct item *it, const char *feed_title, int width, struct buf *out,
		 struct bl_err *err)
{
	struct render_opts opts = { .width = width, .base = it->link,
				    .emoji = TEXT_EMOJI_PASSTHROUGH };
	const char *html = item_html(it);
	struct render_doc *doc;
	char date[32] = "";
	int64_t t = it->published != BL_NO_DATE ? it->published : it->updated;
	size_t i;

	if (!(doc = render_html(html, strlen(html), &opts, err)))
		return BL_ERR;
	if (t != BL_NO_DATE)
		date_format_iso(t, date, sizeof(date));
	put_field(out, "Title:  ", it->title ? it->title : "(no title)");
	put_field(out, "Feed:   ", feed_title);
	put_field(out, "Author: ", it->author);
	put_field(out, "Date:   ", date);
	put_field(out, "Link:   ", it->link);
	buf_putc(out, '\n');
	render_write(doc, out, false);
	render_free(&doc);
	for (i = 0; i < it->nenclosures; i++) {
		buf_printf(out, "%s[E%zu] ", i ? "" : "\nEnclosures:\n", i + 1);
		render_enclosure_describe(&it->enclosures[i], out);
		put_field(out, "\n     ", it->enclosures[i].url);
	}
	return BL_OK;
}

/* s with &, <, > and " escaped, cleaned to one line. */
static void
put_escaped(struct buf *out, const char *s)
{
	struct buf clean = {0};
	const char *p;

	text_clean_append(&clean, s ? s : "", s ? strlen(s) : 0, TEXT_EMOJI_PASSTHROUGH, true);
	for (p = buf_cstr(&clean); *p; p++) {
		switch (*p) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, *p);
		}
	}
	buf_free(&clean);
}

void
render_item_html(const struct item *it, const char *feed_title, struct buf *out)
{
	const char *title = it->title ? it->title : "(no title)";
	size_t i;

	/* Opened from a file, the page runs none of the feed's scripts. */
	buf_puts(out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
		 "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; "
		 "object-src 'none'\">\n<title>");
	put_escaped(out, title);
	buf_puts(out, "</title>\n");
	if (it->link) {
		buf_puts(out, "<base href=\"");
		put_escaped(out, it->link);
		buf_puts(out, "\">\n");
	}
	buf_puts(out, "</head><body>\n<h1>");
	put_escaped(out, title);
	buf_puts(out, "</h1>\n<p>");
	put_escaped(out, feed_title);
	if (it->author) {
		buf_puts(out, " · ");
		put_escaped(out, it->author);
	}
	buf_puts(out, "</p>\n");
	buf_puts(out, item_html(it));
	for (i = 0; i < it->nenclosures; i++) {
		buf_puts(out, i ? "" : "\n<ul>");
		buf_puts(out, "\n<li><a href=\"");
		put_escaped(out, it->enclosures[i].url);
		buf_puts(out, "\">");
		render_enclosure_describe(&it->enclosures[i], out);
		buf_puts(out, "</a></li>");
		buf_puts(out, i + 1 == it->nenclosures ? "\n</ul>" : "");
	}
	buf_puts(out, "\n</body></html>\n");
}
