/* Internals of the tree walk shared by walk.c, lists.c, media.c and table.c (libxml2 types). */
#ifndef BYLINE_WALK_IMPL_H
#define BYLINE_WALK_IMPL_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "render_impl.h"

struct walker {
	struct layout *layout;
	char *base;		/* base URL in force (xml:base), owned */
	int depth;		/* element nesting */
	int list_depth;
	int table_depth;
	int link;		/* number of the link being walked, 0 outside links */
};

/* The value of attribute `name` (owned by the tree), NULL when absent. */
const char *node_attr(const xmlNode *n, const char *name);
bool node_is(const xmlNode *n, const char *name);
void walk_text_only(struct walker *w, xmlNode *top);
/* Whether the element `name` is one whose content never shows. */
bool walk_is_dropped(const char *name);
void walk_one(struct walker *w, xmlNode *n);

void walk_list(struct walker *w, xmlNode *n, bool ordered);
void walk_stray_item(struct walker *w, xmlNode *n);
void walk_link(struct walker *w, xmlNode *n);
void walk_img(struct walker *w, xmlNode *n);
void walk_media(struct walker *w, xmlNode *n, const char *name);
void walk_cell_flat(struct walker *w, xmlNode *n);
/* Resolved URL of a link target worth numbering (owned by the caller), or NULL. */
char *walk_link_target(const struct walker *w, const char *href);

#endif
