/* Before scoring: lazy images out of noscript; scripts, styles, comments, hidden nodes and banners out; br runs to paragraphs. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "extract_int.h"

/* An inline style that hides the element: display:none or visibility:hidden. */
static bool
style_hides(const char *style)
{
	char squeezed[256];
	size_t k = 0;

	for (; *style && k + 1 < sizeof squeezed; style++)
		if (!isspace((unsigned char)*style))
			squeezed[k++] = (char)tolower((unsigned char)*style);
	squeezed[k] = '\0';
	return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

static bool
is_hidden(const xmlNode *n)
{
	const char *style = ex_attr(n, "style"), *aria = ex_attr(n, "aria-hidden"), *cls;

	if (style && style_hides(style))
		return true;
	if (ex_attr(n, "hidden"))
		return true;
	/* an image shown when scripts do not run is hidden from screen readers only */
	cls = ex_attr(n, "class");
	return aria && !strcasecmp(aria, "true") && !(cls && strstr(cls, "fallback-image"));
}

/* A modal dialog over the page: a cookie or newsletter pop-up. */
static bool
is_modal(const xmlNode *n)
{
	const char *modal = ex_attr(n, "aria-modal"), *role = ex_attr(n, "role");

	return modal && !strcmp(modal, "true") && role && !strcmp(role, "dialog");
}

/* A small box whose class or id says cookie banner, consent, newsletter or ad. */
static bool
is_junk(xmlNode *n, struct buf *cls)
{
	ex_class_id(n, cls);
	return ex_hint_junk(buf_cstr(cls)) && ex_text_len(n) < 300 && ex_tag(n) != T_BODY &&
	       ex_tag(n) != T_HTML;
}

/* The only image in n (an img, or an element holding one img and no text), or NULL. */
static xmlNode *
lone_image(xmlNode *n)
{
	xmlNode **imgs, *img = NULL;
	size_t k;

	if (ex_tag(n) == T_IMG)
		return n;
	if (ex_text_len(n) > 0)
		return NULL;
	k = ex_find(n, T_IMG, &imgs);
	if (k == 1)
		img = imgs[0];
	free(imgs);
	return img;
}

/*
 * <noscript><img src=real></noscript> after a placeholder image (lazy
 * loading): the real image takes the placeholder's place.
 */
static void
unwrap_noscript_image(xmlNode *ns)
{
	xmlNode *prev, *img, *old;

	for (prev = ns->prev; prev && prev->type != XML_ELEMENT_NODE; prev = prev->prev)
		if (!ex_is_whitespace(prev))
			return;
	if (!prev || !(img = lone_image(ns)) || !(old = lone_image(prev)))
		return;
	xmlUnlinkNode(img);
	if (old == prev)
		xmlReplaceNode(prev, img);
	else
		xmlReplaceNode(old, img);
	xmlFreeNode(old);
}

/* Whether n goes before anything is scored; it is freed by the caller. */
static bool
drop(xmlNode *n, struct buf *cls)
{
	if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
		return true;
	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (ex_has_flag(n, DROP))
		return true;
	return is_hidden(n) || is_modal(n) || is_junk(n, cls);
}

static void
drop_junk(struct ex_doc *d)
{
	struct buf cls = {0};
	xmlNode *n = d->body->children, *next;

	while (n) {
		if (ex_tag(n) == T_NOSCRIPT)
			unwrap_noscript_image(n);
		if (drop(n, &cls)) {
			n = ex_remove(n, d->body);
			continue;
		}
		if (ex_tag(n) == T_FONT)
			ex_rename(n, "span");
		if (ex_has_flag(n, THRU)) {
			/* libxml2 hung the following siblings under it: give them back */
			next = n->children ? n->children : ex_next_under(n, d->body, true);
			ex_unwrap(n);
			n = next;
			continue;
		}
		n = ex_next_under(n, d->body, false);
	}
	buf_free(&cls);
}

/* The next sibling from n on that is not white-space text (n itself if it is not). */
static xmlNode *
skip_blank(xmlNode *n)
{
	while (n && n->type == XML_TEXT_NODE && ex_is_whitespace(n))
		n = n->next;
	return n;
}

/* After "<br><br>": the phrasing content that follows becomes a paragraph of its own. */
static xmlNode *
br_paragraph(struct ex_doc *d, xmlNode *br)
{
	xmlNode *p = ex_new_elem(d->doc, "p"), *x, *next;

	xmlReplaceNode(br, p);
	xmlFreeNode(br);
	for (x = p->next; x; x = next) {
		if (ex_tag(x) == T_BR) {
			xmlNode *after = skip_blank(x->next);

			if (after && ex_tag(after) == T_BR)
				break;	/* the next run of brs starts the next paragraph */
		}
		if (!ex_is_phrasing(x))
			break;
		next = x->next;
		xmlUnlinkNode(x);
		xmlAddChild(p, x);
	}
	while (p->last && ex_is_whitespace(p->last)) {
		x = p->last;
		xmlUnlinkNode(x);
		xmlFreeNode(x);
	}
	if (ex_tag(p->parent) == T_P)
		ex_rename(p->parent, "div");
	return p;
}

static void
replace_brs(struct ex_doc *d)
{
	xmlNode *n = d->body->children;

	while (n) {
		xmlNode *x;
		bool run = false;

		if (ex_tag(n) != T_BR) {
			n = ex_next_under(n, d->body, false);
			continue;
		}
		/* drop the brs that follow this one; if there were any, start a paragraph */
		while ((x = skip_blank(n->next)) && ex_tag(x) == T_BR) {
			xmlUnlinkNode(x);
			xmlFreeNode(x);
			run = true;
		}
		if (run)
			n = br_paragraph(d, n);
		n = ex_next_under(n, d->body, false);
	}
}

void
ex_prep(struct ex_doc *d)
{
	drop_junk(d);
	replace_brs(d);
}
