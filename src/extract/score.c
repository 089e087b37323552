/* Finding the article: paragraphs score their ancestors; the best one and its related siblings win. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/utf8.h"
#include "extract_int.h"

#define TOP_CANDIDATES 5
#define MIN_PARAGRAPH 25	/* weighted characters a paragraph needs to count */
#define ANCESTOR_LEVELS 5
#define BYLINE_MAX 100

struct nodes {
	xmlNode **v;
	size_t n, cap;
};

struct grab {
	struct ex_doc *d;
	unsigned flags;
	const char *title;
	char **byline;
	bool title_seen;	/* the heading repeating the title was dropped */
	struct nodes to_score;
	struct nodes candidates;
	struct buf cls;
};

static void
push(struct nodes *s, xmlNode *n)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = n;
}

/* Next element in document order under the body. */
static xmlNode *
next_elem(struct grab *g, xmlNode *n, bool skip_kids)
{
	do
		n = ex_next_under(n, g->d->body, skip_kids), skip_kids = false;
	while (n && n->type != XML_ELEMENT_NODE);
	return n;
}

static xmlNode *
remove_and_next(struct grab *g, xmlNode *n)
{
	xmlNode *next = next_elem(g, n, true);

	ex_drop(n);
	return next;
}

static bool
repeats_title(struct grab *g, xmlNode *n)
{
	struct buf b = {0};
	bool same;

	if (ex_tag(n) != T_H1 && ex_tag(n) != T_H2)
		return false;
	ex_inner_text(n, &b);
	same = ex_similarity(g->title, buf_cstr(&b)) > 0.75;
	buf_free(&b);
	return same;
}

/* ---- the walk that prepares candidates ---- */

/* ---- the walk that prepares candidates ---- */

/* Inside a byline, the element marked as the name (itemprop="name"), or NULL. */
static xmlNode *
name_inside(xmlNode *byline)
{
	xmlNode *n;

	for (n = byline->children; n; n = ex_next_under(n, byline, false)) {
		const char *ip = ex_attr(n, "itemprop");

		if (ip && strstr(ip, "name"))
			return n;
	}
	return NULL;
}

/* The byline's words without a leading "By" and trailing dashes or bars. */
static char *
byline_text(xmlNode *n)
{
	xmlNode *name = name_inside(n);
	struct buf b = {0};
	const char *s;
	size_t k;

	ex_inner_text(name ? name : n, &b);
	s = buf_cstr(&b);
	if (!strncasecmp(s, "by ", 3))
		s += 3;
	k = strlen(s);
	while (k && strchr(" -|,:", s[k - 1]))
		k--;
	while (k >= 3 && (!memcmp(s + k - 3, "\xe2\x80\x94", 3) || !memcmp(s + k - 3, "\xe2\x80\x93", 3))) {
		k -= 3;
		while (k && s[k - 1] == ' ')
			k--;
	}
	s = k ? xstrndup(s, k) : NULL;
	buf_free(&b);
	return (char *)s;
}

static bool
is_byline(struct grab *g, xmlNode *n, const char *cls)
{
	const char *rel = ex_attr(n, "rel"), *itemprop = ex_attr(n, "itemprop");
	struct buf b = {0};
	size_t len;

	if (!g->byline || *g->byline)
		return false;
	if (!(rel && !strcmp(rel, "author")) && !(itemprop && strstr(itemprop, "author")) &&
	    !ex_hint_byline(cls))
		return false;
	ex_inner_text(n, &b);
	len = ex_utf8_chars(buf_cstr(&b));
	buf_free(&b);
	if (len > 0 && len < BYLINE_MAX)
		*g->byline = byline_text(n);
	return *g->byline != NULL;
}

static bool
unlikely_role(const xmlNode *n)
{
	static const char *const roles[] = {
		"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", NULL,
	};
	const char *role = ex_attr(n, "role");
	size_t i;

	for (i = 0; role && roles[i]; i++)
		if (!strcmp(role, roles[i]))
			return true;
	return false;
}

static bool
is_unlikely(struct grab *g, xmlNode *n, const char *cls)
{
	enum ex_tag t = ex_tag(n);

	if (!(g->flags & EXF_STRIP_UNLIKELY) || t == T_BODY || t == T_A)
		return false;
	if (ex_hint_unlikely(cls) && !ex_has_ancestor(n, T_TABLE, 4) && !ex_has_ancestor(n, T_CODE, 4))
		return !ex_holds_declared_body(n);
	return unlikely_role(n) && !ex_holds_declared_body(n);
}

static bool
scored_tag(enum ex_tag t)
{
	return t == T_SECTION || t == T_P || t == T_TD || t == T_PRE ||
	       (t >= T_H2 && t <= T_H6);
}

/* Runs of phrasing content directly in a div become paragraphs. */
static void
wrap_phrasing(struct grab *g, xmlNode *div)
{
	xmlNode *c, *next, *p = NULL;

	for (c = div->children; c; c = next) {
		next = c->next;
		if (ex_is_phrasing(c)) {
			if (p) {
				ex_append(p, c);
			} else if (!ex_is_whitespace(c)) {
				p = ex_new_elem(g->d->doc, "p");
				ex_replace(c, p);
				ex_append(p, c);
			}
		} else if (p) {
			while (p->last && ex_is_whitespace(p->last)) {
				ex_drop(p->last);
			}
			p = NULL;
		}
	}
}

static bool
has_block_child(xmlNode *n)
{
	xmlNode *c;

	for (c = ex_first_elem(n); c; c = ex_next_elem(c))
		if (ex_has_flag(c, DIVB) || has_block_child(c))
			return true;
	return false;
}

/* A div: its phrasing wrapped; itself a paragraph when it holds no block. Returns the node to go on from. */
static xmlNode *
settle_div(struct grab *g, xmlNode *n)
{
	wrap_phrasing(g, n);
	if (ex_single_child(n, T_P) && ex_link_density(n) < 0.25) {
		xmlNode *p = ex_first_elem(n);

		ex_replace(n, p);
		ex_drop(n);
		push(&g->to_score, p);
		return p;
	}
	if (!has_block_child(n)) {
		ex_rename(n, "p");
		push(&g->to_score, n);
	}
	return n;
}

static void
prepare(struct grab *g)
{
	xmlNode *n = g->d->body;

	while (n) {
		enum ex_tag t = ex_tag(n);
		const char *cls;

		ex_class_id(n, &g->cls);
		cls = buf_cstr(&g->cls);
		if (is_byline(g, n, cls) || is_unlikely(g, n, cls)) {
			n = remove_and_next(g, n);
			continue;
		}
		if (!g->title_seen && g->title && repeats_title(g, n)) {
			g->title_seen = true;
			n = remove_and_next(g, n);
			continue;
		}
		if ((t == T_DIV || t == T_SECTION || t == T_HEADER || (t >= T_H1 && t <= T_H6)) &&
		    ex_is_empty_elem(n)) {
			n = remove_and_next(g, n);
			continue;
		}
		if (scored_tag(t))
			push(&g->to_score, n);
		if (t == T_DIV)
			n = settle_div(g, n);
		n = next_elem(g, n, false);
	}
}

/* ---- scores ---- */

static double
tag_score(enum ex_tag t)
{
	switch (t) {
	case T_DIV:
		return 5;
	case T_PRE: case T_TD: case T_BLOCKQUOTE:
		return 3;
	case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI: case T_FORM:
		return -3;
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH:
		return -5;
	default:
		return 0;
	}
}

static struct ex_score *
candidate(struct grab *g, xmlNode *n)
{
	struct ex_score *s = ex_scored(n);

	if (s && s->candidate)
		return s;
	s = ex_score_of(g->d, n);
	s->candidate = true;
	s->score = tag_score(ex_tag(n));
	if (g->flags & EXF_WEIGHT_CLASSES)
		s->score += ex_class_weight(n);
	push(&g->candidates, n);
	return s;
}

static bool
is_element(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE;
}

static void
score_paragraph(struct grab *g, xmlNode *e)
{
	struct ex_text t = {0};
	xmlNode *a;
	double score;
	int level;

	if (!is_element(e->parent))
		return;
	ex_text_of(e, &t);
	if (t.len < MIN_PARAGRAPH)
		return;
	score = 1 + (double)(t.commas + 1) + fmin(floor(t.len / 100), 3);
	for (a = e->parent, level = 0; is_element(a) && level < ANCESTOR_LEVELS; a = a->parent, level++) {
		if (!is_element(a->parent))
			break;	/* <html> itself is never the article */
		candidate(g, a)->score += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
	}
}

/* Scales each candidate by its share of text outside links; keeps the best in top[]. */
static size_t
rank(struct grab *g, xmlNode **top)
{
	size_t i, j, ntop = 0;

	for (i = 0; i < g->candidates.n; i++) {
		xmlNode *c = g->candidates.v[i];
		struct ex_score *s = ex_scored(c);

		s->score *= 1 - ex_link_density(c);
		for (j = 0; j < TOP_CANDIDATES; j++) {
			if (j < ntop && ex_scored(top[j])->score >= s->score)
				continue;
			if (ntop < TOP_CANDIDATES)
				ntop++;
			memmove(top + j + 1, top + j, (ntop - 1 - j) * sizeof *top);
			top[j] = c;
			break;
		}
	}
	return ntop;
}

static double
score_of(const xmlNode *n)
{
	const struct ex_score *s = ex_scored(n);

	return s && s->candidate ? s->score : 0;
}

static bool
is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (n = n->parent; n; n = n->parent)
		if (n == a)
			return true;
	return false;
}

/*
 * When the runners-up score close to the best and three of them share an
 * ancestor with it, that ancestor holds the article (one split in parts).
 */
static xmlNode *
common_ancestor(struct grab *g, xmlNode *best, xmlNode **top, size_t ntop)
{
	xmlNode *alt[TOP_CANDIDATES], *p;
	size_t nalt = 0, i;

	for (i = 1; i < ntop; i++)
		if (score_of(top[i]) / score_of(best) >= 0.75)
			alt[nalt++] = top[i];
	if (nalt < 3)
		return best;
	for (p = best->parent; p && p != g->d->body; p = p->parent) {
		size_t holding = 0;

		for (i = 0; i < nalt && holding < 3; i++)
			holding += is_ancestor(p, alt[i]);
		if (holding >= 3)
			return p;
	}
	return best;
}

/* Climbs while the parents' scores rise: more of the article lies beside the best node. */
static xmlNode *
climb(struct grab *g, xmlNode *best)
{
	double last = score_of(best), threshold = last / 3;
	xmlNode *p;

	for (p = best->parent; p && p != g->d->body && is_element(p); p = p->parent) {
		double s;

		if (!ex_scored(p) || !ex_scored(p)->candidate)
			continue;
		s = score_of(p);
		if (s < threshold)
			break;
		if (s > last) {
			best = p;
			break;
		}
		last = s;
	}
	/* an only child: its parent, so that the siblings looked at next are the parent's */
	for (p = best->parent; p && p != g->d->body && is_element(p) && ex_count_elems(p) == 1;
	     p = p->parent)
		best = p;
	return best;
}

static xmlNode *
best_candidate(struct grab *g)
{
	xmlNode *top[TOP_CANDIDATES], *best, *c, *next;
	size_t ntop = rank(g, top);

	if (ntop && ex_tag(top[0]) != T_BODY) {
		best = common_ancestor(g, top[0], top, ntop);
		candidate(g, best);
		best = climb(g, best);
		candidate(g, best);
		return best;
	}
	/* nothing stood out: the whole body is the article */
	best = ex_new_elem(g->d->doc, "div");
	for (c = g->d->body->children; c; c = next) {
		next = c->next;
		ex_append(best, c);
	}
	ex_append(g->d->body, best);
	candidate(g, best);
	return best;
}

/* ---- siblings ---- */

static bool
same_class(const xmlNode *a, const xmlNode *b)
{
	const char *ca = ex_attr(a, "class"), *cb = ex_attr(b, "class");

	return ca && cb && *cb && !strcmp(ca, cb);
}

static bool
related_sibling(xmlNode *s, xmlNode *best, double threshold)
{
	double bonus = same_class(s, best) ? score_of(best) * 0.2 : 0;
	struct buf b = {0};
	double ld, len;
	bool keep;

	if (ex_scored(s) && ex_scored(s)->candidate && score_of(s) + bonus >= threshold)
		return true;
	if (ex_tag(s) != T_P)
		return false;
	ld = ex_link_density(s);
	len = ex_text_len(s);
	if (len > 80 && ld < 0.25)
		return true;
	if (len >= 80 || len <= 0 || ld > 0)
		return false;
	ex_inner_text(s, &b);
	keep = ex_has_sentence_end(buf_cstr(&b));
	buf_free(&b);
	return keep;
}

static xmlNode *
gather(struct grab *g, xmlNode *best)
{
	xmlNode *content = ex_new_elem(g->d->doc, "div"), *s, *next;
	double threshold = fmax(10, score_of(best) * 0.2);

	for (s = ex_first_elem(best->parent); s; s = next) {
		enum ex_tag t;

		next = ex_next_elem(s);
		if (s != best && !related_sibling(s, best, threshold))
			continue;
		t = ex_tag(s);
		if (t != T_DIV && t != T_ARTICLE && t != T_SECTION && t != T_P)
			ex_rename(s, "div");
		ex_append(content, s);
	}
	return content;
}

xmlNode *
ex_grab(struct ex_doc *d, unsigned flags, const char *title, char **byline)
{
	struct grab g = { .d = d, .flags = flags, .title = title, .byline = byline };
	xmlNode *best, *content;
	size_t i;

	prepare(&g);
	for (i = 0; i < g.to_score.n; i++)
		score_paragraph(&g, g.to_score.v[i]);
	best = best_candidate(&g);
	content = gather(&g, best);
	/* linked at the end of the body: freed with the document, no table or figure above it */
	ex_append(d->body, content);
	free(g.to_score.v);
	free(g.candidates.v);
	buf_free(&g.cls);
	return content;
}
