/* Internals of the tree walk shared by html.c, walk.c, lists.c, media.c and table.c. */
#ifndef BYLINE_WALK_IMPL_H
#define BYLINE_WALK_IMPL_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "render_impl.h"

/*
 * A node of the document tree (html.c): the tree libxml2's own builder makes
 * (same nodes, same text merging), without its cost. `type` is libxml2's:
 * XML_ELEMENT_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE, or
 * XML_COMMENT_NODE (comments and processing instructions).
 */
struct hnode {
	int type;
	const char *name;	/* element name, lower case */
	struct hnode *parent, *children, *last, *next;
	char *content;		/* text */
	const char **attrs;	/* nattrs name/value pairs, in document order; value NULL when none */
	size_t nattrs;
};

/* The parsed document; everything is freed with it. NULL if the parser cannot run. */
struct hdoc;
struct hdoc *hdoc_parse(const char *html, size_t len);
/* The root element, NULL when there is none. */
struct hnode *hdoc_root(const struct hdoc *d);
void hdoc_free(struct hdoc **dp);

struct walker {
	struct layout *layout;
	char *base;		/* base URL in force (xml:base), owned */
	int depth;		/* element nesting */
	int list_depth;
	int table_depth;
	int link;		/* number of the link being walked, 0 outside links */
};

/* The value of attribute `name` (owned by the tree), NULL when absent. */
const char *node_attr(const struct hnode *n, const char *name);
bool node_is(const struct hnode *n, const char *name);
void walk_text_only(struct walker *w, struct hnode *top);
/* Whether the element `name` is one whose content never shows. */
bool walk_is_dropped(const char *name);
void walk_one(struct walker *w, struct hnode *n);

void walk_list(struct walker *w, struct hnode *n, bool ordered);
void walk_stray_item(struct walker *w, struct hnode *n);
void walk_link(struct walker *w, struct hnode *n);
void walk_img(struct walker *w, struct hnode *n);
void walk_media(struct walker *w, struct hnode *n, const char *name);
void walk_cell_flat(struct walker *w, struct hnode *n);
/* Resolved URL of a link target worth numbering (owned by the caller), or NULL. */
char *walk_link_target(const struct walker *w, const char *href);

#endif
