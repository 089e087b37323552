/* Lists: bullets by depth, ordered labels (start, type, value, reversed) with hanging indents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "walk_int.h"

#define MAX_NUMBER 1000000000L

static long
clamp_number(long v)
{
	return v > MAX_NUMBER ? MAX_NUMBER : v < -MAX_NUMBER ? -MAX_NUMBER : v;
}

static bool
parse_number(const char *s, long *out)
{
	char *end;
	long v;

	if (!s)
		return false;
	v = strtol(s, &end, 10);
	if (end == s)
		return false;
	*out = clamp_number(v);
	return true;
}

static void
roman(struct buf *b, long v, bool upper)
{
	static const struct { int v; const char *s; } digits[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
		{ 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" },
		{ 5, "v" }, { 4, "iv" }, { 1, "i" },
	};
	size_t i, start = b->len;

	for (i = 0; i < sizeof digits / sizeof digits[0]; i++)
		for (; v >= digits[i].v; v -= digits[i].v)
			buf_puts(b, digits[i].s);
	if (upper)
		for (i = start; i < b->len; i++)
			b->data[i] = (char)(b->data[i] - 'a' + 'A');
}

static void
alpha(struct buf *b, long v, bool upper)
{
	char tmp[16];
	int i = sizeof tmp;

	while (v > 0 && i > 0) {
		v--;
		tmp[--i] = (char)((upper ? 'A' : 'a') + v % 26);
		v /= 26;
	}
	buf_append(b, tmp + i, sizeof tmp - (size_t)i);
}

/* The label of item number v for list type `type` ("1", "a", "A", "i", "I"). */
static char *
label(long v, const char *type)
{
	struct buf b = {0};
	char t = type && *type ? type[0] : '1';

	if ((t == 'i' || t == 'I') && v > 0 && v < 4000)
		roman(&b, v, t == 'I');
	else if ((t == 'a' || t == 'A') && v > 0)
		alpha(&b, v, t == 'A');
	else
		buf_printf(&b, "%ld", v);
	buf_putc(&b, '.');
	return buf_steal(&b);
}

struct labels {
	char **v;
	size_t n;
	int width;
};

static size_t
count_items(const struct hnode *list)
{
	const struct hnode *c;
	size_t n = 0;

	for (c = list->children; c; c = c->next)
		n += node_is(c, HT_LI);
	return n;
}

static void
ordered_labels(const struct hnode *list, struct labels *L)
{
	const char *type = node_attr(list, "type");
	bool reversed = node_attr(list, "reversed") != NULL;
	long v = reversed ? (long)count_items(list) : 1;
	const struct hnode *c;

	parse_number(node_attr(list, "start"), &v);
	L->v = xcalloc(count_items(list) + 1, sizeof *L->v);
	for (c = list->children; c; c = c->next) {
		int w;

		if (!node_is(c, HT_LI))
			continue;
		parse_number(node_attr(c, "value"), &v);
		L->v[L->n] = label(v, node_attr(c, "type") ? node_attr(c, "type") : type);
		w = text_width(L->v[L->n++]);
		if (w > L->width)
			L->width = w;
		v = clamp_number(reversed ? v - 1 : v + 1);
	}
}

static void
walk_item(struct walker *w, struct hnode *li, const char *label, int label_width)
{
	struct buf first = {0}, rest = {0};
	int i, pad = label_width - text_width(label);

	for (i = 0; i < pad; i++)
		buf_putc(&first, ' ');
	buf_puts(&first, label);
	buf_putc(&first, ' ');
	for (i = 0; i <= label_width; i++)
		buf_putc(&rest, ' ');
	layout_tight_begin(w->layout);
	layout_push_item(w->layout, first.data, rest.data);
	walk_children(w, li);
	layout_pop(w->layout);
	layout_tight_end(w->layout);
	buf_free(&first);
	buf_free(&rest);
}

static const char *
bullet(int depth)
{
	static const char *const bullets[] = { "*", "-", "+" };

	return bullets[(depth - 1) % 3];
}

void
walk_list(struct walker *w, struct hnode *n, bool ordered)
{
	struct labels L = {0};
	struct hnode *c;
	size_t i = 0;

	layout_block_begin(w->layout);
	w->list_depth++;
	if (ordered)
		ordered_labels(n, &L);
	for (c = n->children; c; c = c->next) {
		if (!node_is(c, HT_LI)) {
			walk_one(w, c);
			continue;
		}
		if (ordered)
			walk_item(w, c, L.v[i], L.width);
		else
			walk_item(w, c, bullet(w->list_depth), 1);
		i++;
	}
	w->list_depth--;
	for (i = 0; i < L.n; i++)
		free(L.v[i]);
	free(L.v);
	layout_block_end(w->layout);
}

void
walk_stray_item(struct walker *w, struct hnode *n)
{
	w->list_depth++;
	walk_item(w, n, bullet(w->list_depth), 1);
	w->list_depth--;
}
