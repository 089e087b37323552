/* After the article is found: what is inside it but not of it (forms, share bars, link lists, layout tables) goes. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "extract_int.h"

#define SHARE_MAX_CHARS 500

/* ---- data tables and layout tables ---- */

static size_t
span_of(const xmlNode *cell, const char *attr)
{
	const char *v = ex_attr(cell, attr);
	long k = v ? strtol(v, NULL, 10) : 1;

	return k >= 1 && k <= 1000 ? (size_t)k : 1;
}

static void
table_size(xmlNode *table, size_t *rows, size_t *cols)
{
	xmlNode **trs, *c;
	size_t ntr = ex_find(table, T_TR, &trs), i;

	*rows = *cols = 0;
	for (i = 0; i < ntr; i++) {
		size_t k = 0;

		*rows += span_of(trs[i], "rowspan");
		for (c = ex_first_elem(trs[i]); c; c = ex_next_elem(c))
			if (ex_tag(c) == T_TD || ex_tag(c) == T_TH)
				k += span_of(c, "colspan");
		if (k > *cols)
			*cols = k;
	}
	free(trs);
}

static bool
has_descendant(xmlNode *root, enum ex_tag t)
{
	xmlNode *n;

	for (n = root->children; n; n = ex_next_under(n, root, false))
		if (ex_tag(n) == t)
			return true;
	return false;
}

static bool
is_data_table(xmlNode *table)
{
	static const enum ex_tag data_tags[] = { T_COL, T_COLGROUP, T_TFOOT, T_THEAD, T_TH };
	const char *role = ex_attr(table, "role"), *dt = ex_attr(table, "datatable");
	xmlNode *caption = NULL, *n;
	size_t i, rows, cols;

	if ((role && !strcmp(role, "presentation")) || (dt && !strcmp(dt, "0")))
		return false;
	if (ex_attr(table, "summary"))
		return true;
	for (n = table->children; n && !caption; n = ex_next_under(n, table, false))
		if (ex_tag(n) == T_CAPTION)
			caption = n;
	if (caption && caption->children)
		return true;
	for (i = 0; i < sizeof data_tags / sizeof *data_tags; i++)
		if (has_descendant(table, data_tags[i]))
			return true;
	if (has_descendant(table, T_TABLE))
		return false;	/* tables inside tables lay a page out */
	table_size(table, &rows, &cols);
	if (rows == 1 || cols == 1)
		return false;
	return rows >= 10 || cols > 4 || rows * cols > 10;
}

static void
mark_tables(struct ex_doc *d, xmlNode *content)
{
	xmlNode **tables;
	size_t n = ex_find(content, T_TABLE, &tables), i;

	for (i = 0; i < n; i++) {
		struct ex_score *s = ex_score_of(d, tables[i]);

		s->data_table = is_data_table(tables[i]);
		s->table_known = true;
	}
	free(tables);
}

static bool
in_data_table(const xmlNode *n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (ex_tag((xmlNode *)n) == T_TABLE && ex_scored(n) && ex_scored(n)->data_table)
			return true;
	return false;
}

/* ---- removing by tag ---- */

/* An embed whose attributes point at a video player: kept. */
static bool
is_video_embed(const xmlNode *n)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (a->children && a->children->content &&
		    ex_is_video_url((const char *)a->children->content))
			return true;
	return false;
}

/* Drops every element of tag t under content (video players excepted). */
static void
clean_tag(xmlNode *content, enum ex_tag t)
{
	xmlNode *n = content->children;
	bool embed = t == T_OBJECT || t == T_EMBED || t == T_IFRAME;

	while (n) {
		if (ex_tag(n) == t && !(embed && is_video_embed(n)))
			n = ex_remove(n, content);
		else
			n = ex_next_under(n, content, false);
	}
}

/* ---- conditional cleaning ---- */

static size_t
count_tag(xmlNode *root, enum ex_tag t)
{
	xmlNode *n;
	size_t k = 0;

	for (n = root->children; n; n = ex_next_under(n, root, false))
		k += ex_tag(n) == t;
	return k;
}

/* Share of n's text inside descendants with one of the tags. */
static double
text_share(xmlNode *root, const enum ex_tag *tags, size_t ntags, double total)
{
	xmlNode *n;
	double inside = 0;
	size_t i;

	if (total <= 0)
		return 0;
	for (n = root->children; n; ) {
		bool hit = false;

		for (i = 0; i < ntags && !hit; i++)
			hit = ex_tag(n) == tags[i];
		if (hit) {
			inside += ex_text_len(n);
			n = ex_next_under(n, root, true);
		} else {
			n = ex_next_under(n, root, false);
		}
	}
	return inside / total;
}

/* Embeds that are not video players; -1 when a video player is among them (keep the node). */
static int
count_embeds(xmlNode *root)
{
	xmlNode *n;
	int k = 0;

	for (n = root->children; n; n = ex_next_under(n, root, false)) {
		enum ex_tag t = ex_tag(n);

		if (t != T_OBJECT && t != T_EMBED && t != T_IFRAME)
			continue;
		if (is_video_embed(n))
			return -1;
		k++;
	}
	return k;
}

/* A list of images alone (each item one thing, as many images as items) stays. */
static bool
image_list(xmlNode *n, size_t img)
{
	xmlNode *c;

	for (c = ex_first_elem(n); c; c = ex_next_elem(c))
		if (ex_count_elems(c) > 1)
			return false;
	return img == count_tag(n, T_LI);
}

static bool
is_list_like(xmlNode *n, enum ex_tag tag, double total)
{
	static const enum ex_tag lists[] = { T_UL, T_OL };

	if (tag == T_UL || tag == T_OL)
		return true;
	return total > 0 && text_share(n, lists, 2, total) > 0.9;
}

/* Whether s (n bytes) ends with mark m. */
static bool
ends_with(const char *s, size_t n, const char *m)
{
	size_t k = strlen(m);

	return n >= k && !memcmp(s + n - k, m, k);
}

/*
 * A short text that is a sentence of its own ("They both took one."), of
 * three words or more: prose, not a label. "Loading..." is no sentence.
 */
static bool
is_sentence(xmlNode *n, const struct ex_text *t)
{
	static const char *const stops[] = {
		"\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f", "\xe0\xa5\xa4", "!", "?", NULL,
	};
	struct buf b = {0};
	size_t k, i;
	bool yes = false;

	if (t->words < 3)
		return false;
	ex_inner_text(n, &b);
	k = b.len;
	/* closing quotes and brackets after the mark */
	while (k && strchr("\"')]", b.data[k - 1]))
		k--;
	while (ends_with(b.data, k, "\xe2\x80\x9d") || ends_with(b.data, k, "\xe2\x80\x99"))
		k -= 3;
	if (k >= 2 && b.data[k - 1] == '.' && b.data[k - 2] != '.')
		yes = true;
	for (i = 0; stops[i] && !yes; i++)
		yes = ends_with(b.data, k, stops[i]);
	buf_free(&b);
	return yes;
}

/* Whether an element with few commas looks like boilerplate rather than article. */
static bool
looks_like_junk(xmlNode *n, int weight, bool list, struct ex_text *t)
{
	static const enum ex_tag heads[] = { T_H1, T_H2, T_H3, T_H4, T_H5, T_H6 };
	size_t p = count_tag(n, T_P), img = count_tag(n, T_IMG), input = count_tag(n, T_INPUT);
	long li = (long)count_tag(n, T_LI) - 100;
	bool in_figure = ex_has_ancestor(n, T_FIGURE, 4);
	double heading = text_share(n, heads, 6, t->len), ld;
	int embeds = count_embeds(n);
	bool junk;

	if (embeds < 0)
		return false;
	ld = ex_link_density(n);
	junk = (img > 1 && (double)p / (double)img < 0.5 && !in_figure) ||
	       (!list && li > (long)p) ||
	       (input > p / 3) ||
	       (!list && heading < 0.9 && t->len < 25 && (img == 0 || img > 2) && !in_figure &&
		!(ld == 0 && is_sentence(n, t))) ||
	       (!list && weight < 25 && ld > 0.2) ||
	       (weight >= 25 && ld > 0.5) ||
	       (embeds == 1 && t->len < 75) || embeds > 1;
	if (list && junk && image_list(n, img))
		return false;
	return junk;
}

static bool
should_clean(xmlNode *n, enum ex_tag tag, unsigned flags)
{
	struct ex_text t = {0};
	int weight;
	bool list;

	if (tag == T_TABLE && ex_scored(n) && ex_scored(n)->data_table)
		return false;
	if (in_data_table(n) || ex_has_ancestor(n, T_CODE, 4))
		return false;
	ex_text_of(n, &t);
	list = is_list_like(n, tag, t.len);
	weight = flags & EXF_WEIGHT_CLASSES ? ex_class_weight(n) : 0;
	if (weight < 0)
		return true;
	return t.commas < 10 && looks_like_junk(n, weight, list, &t);
}

/* Inner elements first (the array is in document order, read backwards), so outer ones see what is left. */
static void
clean_conditionally(xmlNode *content, enum ex_tag tag, unsigned flags)
{
	xmlNode **v;
	size_t n, i;

	if (!(flags & EXF_CLEAN_CONDITIONALLY))
		return;
	n = ex_find(content, tag, &v);
	for (i = n; i-- > 0; ) {
		if (!should_clean(v[i], tag, flags))
			continue;
		ex_drop(v[i]);
	}
	free(v);
}

/* ---- the rest ---- */

/* Inside each part of the article: share bars (short ones). */
static void
clean_share(xmlNode *content)
{
	struct buf cls = {0};
	xmlNode *part, *n;

	for (part = ex_first_elem(content); part; part = ex_next_elem(part)) {
		for (n = part->children; n; ) {
			struct ex_text t = {0};

			if (n->type == XML_ELEMENT_NODE) {
				ex_class_id(n, &cls);
				if (ex_hint_share(buf_cstr(&cls)))
					ex_text_of(n, &t);
				if (ex_hint_share(buf_cstr(&cls)) && t.chars < SHARE_MAX_CHARS) {
					n = ex_remove(n, part);
					continue;
				}
			}
			n = ex_next_under(n, part, false);
		}
	}
	buf_free(&cls);
}

/* Headings whose class or id says boilerplate. */
static void
clean_headers(xmlNode *content, unsigned flags)
{
	xmlNode **v;
	size_t n, i;
	enum ex_tag t;

	if (!(flags & EXF_WEIGHT_CLASSES))
		return;
	for (t = T_H1; t <= T_H2; t++) {
		n = ex_find(content, t, &v);
		for (i = n; i-- > 0; ) {
			if (ex_class_weight(v[i]) >= 0)
				continue;
			ex_drop(v[i]);
		}
		free(v);
	}
}

static bool
is_empty_paragraph(xmlNode *p)
{
	static const enum ex_tag media[] = { T_IMG, T_EMBED, T_OBJECT, T_IFRAME };
	struct ex_text t = {0};
	size_t i;

	for (i = 0; i < sizeof media / sizeof *media; i++)
		if (has_descendant(p, media[i]))
			return false;
	ex_text_of(p, &t);
	return t.chars == 0;
}

/* h1 becomes h2 (the title is shown apart); empty paragraphs and brs before paragraphs go. */
static void
final_touches(xmlNode *content)
{
	xmlNode *n = content->children, *next;

	while (n) {
		enum ex_tag t = ex_tag(n);

		next = ex_next_under(n, content, false);
		if (t == T_H1) {
			ex_rename(n, "h2");
		} else if (t == T_P && is_empty_paragraph(n)) {
			next = ex_remove(n, content);
		} else if (t == T_BR) {
			xmlNode *after = n->next;

			while (after && after->type == XML_TEXT_NODE && ex_is_whitespace(after))
				after = after->next;
			if (after && ex_tag(after) == T_P) {
				ex_drop(n);
			}
		}
		n = next;
	}
}

/* A table of one cell is that cell's content. */
static void
unwrap_single_cells(xmlNode *content)
{
	xmlNode **v, *body, *row, *cell, *c;
	size_t n = ex_find(content, T_TABLE, &v), i;

	for (i = n; i-- > 0; ) {
		bool phrasing = true;

		body = ex_single_child(v[i], T_TBODY) ? ex_first_elem(v[i]) : v[i];
		if (!ex_single_child(body, T_TR) || !ex_single_child(row = ex_first_elem(body), T_TD))
			continue;
		cell = ex_first_elem(row);
		for (c = cell->children; c && phrasing; c = c->next)
			phrasing = ex_is_phrasing(c);
		ex_rename(cell, phrasing ? "p" : "div");
		ex_replace(v[i], cell);
		ex_drop(v[i]);
	}
	free(v);
}

void
ex_tidy(struct ex_doc *d, xmlNode *content, unsigned flags)
{
	static const enum ex_tag gone[] = { T_OBJECT, T_EMBED, T_FOOTER, T_LINK, T_ASIDE };
	static const enum ex_tag controls[] = { T_IFRAME, T_INPUT, T_TEXTAREA, T_SELECT, T_BUTTON };
	size_t i;

	mark_tables(d, content);
	clean_conditionally(content, T_FORM, flags);
	clean_conditionally(content, T_FIELDSET, flags);
	for (i = 0; i < sizeof gone / sizeof *gone; i++)
		clean_tag(content, gone[i]);
	clean_share(content);
	for (i = 0; i < sizeof controls / sizeof *controls; i++)
		clean_tag(content, controls[i]);
	clean_headers(content, flags);
	clean_conditionally(content, T_TABLE, flags);
	clean_conditionally(content, T_UL, flags);
	clean_conditionally(content, T_DIV, flags);
	final_touches(content);
	unwrap_single_cells(content);
}
