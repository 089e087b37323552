/*
 * The tree changes of one attempt, logged so that the page's prepared body
 * can be given back as it was for the next attempt: the attempts work on the
 * page itself, and no attempt pays for a copy of the whole body.
 *
 * Every change goes through the functions below. A move records where the
 * node was (parent and previous sibling); undone in reverse order, each step
 * finds the tree as it was just after that change, so the old neighbours are
 * where they were. A dropped node is not freed while the log is on (undoing
 * the drop links it back); a new node is freed when its creation is undone.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "byline/mem.h"
#include "extract_int.h"

enum op_kind { OP_MOVE, OP_RENAME, OP_MERGE, OP_NEW };

struct op {
	enum op_kind kind;
	xmlNode *n;
	xmlNode *parent, *prev;	/* OP_MOVE: where n was (parent NULL: nowhere) */
	xmlChar *old;		/* OP_RENAME: the old name; OP_MERGE: the old text (copies) */
	unsigned short extra;	/* OP_RENAME: the old tag cache */
};

struct ex_log {
	struct op *ops;
	size_t n, cap;
	xmlNode **dropped;	/* freed at commit */
	size_t ndropped, capdropped;
};

static struct ex_log *
log_of(const xmlNode *n)
{
	struct ex_doc *d = n && n->doc ? n->doc->_private : NULL;

	return d ? d->log : NULL;
}

static struct op *
push_op(struct ex_log *l, enum op_kind kind, xmlNode *n)
{
	struct op *o;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->ops = xreallocarray(l->ops, l->cap, sizeof *l->ops);
	}
	o = &l->ops[l->n++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->n = n;
	return o;
}

/* Links unlinked n under parent after prev (first when prev is NULL); never merges text, unlike xmlAddChild. */
static void
link_after(xmlNode *parent, xmlNode *prev, xmlNode *n)
{
	n->parent = parent;
	n->prev = prev;
	n->next = prev ? prev->next : parent->children;
	if (n->next)
		n->next->prev = n;
	else
		parent->last = n;
	if (prev)
		prev->next = n;
	else
		parent->children = n;
}

static void
log_move(xmlNode *n)
{
	struct ex_log *l = log_of(n);

	if (l) {
		struct op *o = push_op(l, OP_MOVE, n);

		o->parent = n->parent;
		o->prev = n->prev;
	}
}

void
ex_log_start(struct ex_doc *d)
{
	d->log = xcalloc(1, sizeof *d->log);
}

static void
log_free(struct ex_doc *d)
{
	size_t i;

	for (i = 0; i < d->log->n; i++)
		free(d->log->ops[i].old);
	free(d->log->ops);
	free(d->log->dropped);
	free(d->log);
	d->log = NULL;
}

void
ex_log_commit(struct ex_doc *d)
{
	size_t i;

	if (!d->log)
		return;
	for (i = 0; i < d->log->ndropped; i++)
		xmlFreeNode(d->log->dropped[i]);
	log_free(d);
}

static void
undo_op(struct op *o)
{
	switch (o->kind) {
	case OP_MOVE:
		xmlUnlinkNode(o->n);
		if (o->parent)
			link_after(o->parent, o->prev, o->n);
		break;
	case OP_RENAME:
		xmlNodeSetName(o->n, o->old);
		o->n->extra = o->extra;
		break;
	case OP_MERGE:
		xmlNodeSetContent(o->n, o->old);
		break;
	case OP_NEW:
		/* its moves are undone already: it is unlinked and holds nothing */
		xmlFreeNode(o->n);
		break;
	}
}

void
ex_log_undo(struct ex_doc *d)
{
	size_t i;

	if (!d->log)
		return;
	for (i = d->log->n; i-- > 0; )
		undo_op(&d->log->ops[i]);
	log_free(d);
}

/* ---- the changes ---- */

void
ex_unlink(xmlNode *n)
{
	if (!n->parent)
		return;
	log_move(n);
	xmlUnlinkNode(n);
}

void
ex_drop(xmlNode *n)
{
	struct ex_log *l = log_of(n);

	ex_unlink(n);
	if (!l) {
		xmlFreeNode(n);
		return;
	}
	if (l->ndropped == l->capdropped) {
		l->capdropped = l->capdropped ? 2 * l->capdropped : 64;
		l->dropped = xreallocarray(l->dropped, l->capdropped, sizeof *l->dropped);
	}
	l->dropped[l->ndropped++] = n;
}

/* As xmlAddChild: a text node joins a text node it follows, and goes. */
void
ex_append(xmlNode *parent, xmlNode *c)
{
	xmlNode *last;
	struct ex_log *l;

	ex_unlink(c);
	last = parent->last;
	if (c->type == XML_TEXT_NODE && last && last->type == XML_TEXT_NODE && last->name == c->name) {
		if ((l = log_of(parent)))
			push_op(l, OP_MERGE, last)->old = xmlStrdup(last->content);
		xmlNodeAddContent(last, c->content);
		ex_drop(c);
		return;
	}
	log_move(c);
	link_after(parent, last, c);
}

void
ex_replace(xmlNode *old, xmlNode *n)
{
	xmlNode *parent = old->parent;

	ex_unlink(n);
	if (!parent)
		return;
	log_move(n);
	link_after(parent, old->prev, n);
	ex_unlink(old);
}

void
ex_rename(xmlNode *n, const char *name)
{
	struct ex_log *l = log_of(n);

	if (l) {
		struct op *o = push_op(l, OP_RENAME, n);

		o->old = xmlStrdup(n->name);
		o->extra = n->extra;
	}
	xmlNodeSetName(n, (const xmlChar *)name);
	n->extra = 0;
}

xmlNode *
ex_new_elem(xmlDoc *doc, const char *name)
{
	xmlNode *n = xmlNewDocNode(doc, NULL, (const xmlChar *)name, NULL);
	struct ex_log *l = n ? log_of(n) : NULL;

	if (l)
		push_op(l, OP_NEW, n);
	return n;
}

void
ex_clear_private(xmlNode *root)
{
	xmlNode *n;

	root->_private = NULL;
	for (n = root->children; n; n = ex_next_under(n, root, false))
		n->_private = NULL;
}
