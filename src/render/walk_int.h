/* Internals of the tree walk shared by html.c, walk.c, lists.c, media.c and table.c. */
#ifndef BYLINE_WALK_INT_H
#define BYLINE_WALK_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "render_int.h"

/*
 * The elements the walk knows, sorted by name (html_tag_of searches them):
 * X(ID, "name", what it is to the walk, style or level) -- see walk.c.
 */
#define HTML_TAGS(X) \
	X(A, "a", TAG_A, 0) \
	X(ADDRESS, "address", TAG_BLOCK, 0) \
	X(APPLET, "applet", TAG_DROP, 0) \
	X(AREA, "area", TAG_DROP, 0) \
	X(ARTICLE, "article", TAG_BLOCK, 0) \
	X(ASIDE, "aside", TAG_BLOCK, 0) \
	X(AUDIO, "audio", TAG_MEDIA, 0) \
	X(B, "b", TAG_STYLE, RS_BOLD) \
	X(BASE, "base", TAG_DROP, 0) \
	X(BLOCKQUOTE, "blockquote", TAG_QUOTE, 0) \
	X(BR, "br", TAG_BR, 0) \
	X(BUTTON, "button", TAG_DROP, 0) \
	X(CANVAS, "canvas", TAG_DROP, 0) \
	X(CAPTION, "caption", TAG_BLOCK, 0) \
	X(CENTER, "center", TAG_BLOCK, 0) \
	X(CITE, "cite", TAG_STYLE, RS_ITALIC) \
	X(CODE, "code", TAG_STYLE, RS_CODE) \
	X(COL, "col", TAG_NONE, 0) \
	X(COLGROUP, "colgroup", TAG_NONE, 0) \
	X(DATALIST, "datalist", TAG_DROP, 0) \
	X(DD, "dd", TAG_DD, 0) \
	X(DETAILS, "details", TAG_BLOCK, 0) \
	X(DFN, "dfn", TAG_STYLE, RS_ITALIC) \
	X(DIR, "dir", TAG_UL, 0) \
	X(DIV, "div", TAG_BLOCK, 0) \
	X(DL, "dl", TAG_DL, 0) \
	X(DT, "dt", TAG_DT, 0) \
	X(EM, "em", TAG_STYLE, RS_ITALIC) \
	X(EMBED, "embed", TAG_MEDIA, 0) \
	X(FIELDSET, "fieldset", TAG_BLOCK, 0) \
	X(FIGCAPTION, "figcaption", TAG_BLOCK, 0) \
	X(FIGURE, "figure", TAG_BLOCK, 0) \
	X(FOOTER, "footer", TAG_BLOCK, 0) \
	X(FORM, "form", TAG_BLOCK, 0) \
	X(FRAME, "frame", TAG_DROP, 0) \
	X(FRAMESET, "frameset", TAG_DROP, 0) \
	X(H1, "h1", TAG_HEADING, 1) \
	X(H2, "h2", TAG_HEADING, 2) \
	X(H3, "h3", TAG_HEADING, 3) \
	X(H4, "h4", TAG_HEADING, 4) \
	X(H5, "h5", TAG_HEADING, 5) \
	X(H6, "h6", TAG_HEADING, 6) \
	X(HEAD, "head", TAG_DROP, 0) \
	X(HEADER, "header", TAG_BLOCK, 0) \
	X(HGROUP, "hgroup", TAG_BLOCK, 0) \
	X(HR, "hr", TAG_HR, 0) \
	X(I, "i", TAG_STYLE, RS_ITALIC) \
	X(IFRAME, "iframe", TAG_MEDIA, 0) \
	X(IMG, "img", TAG_IMG, 0) \
	X(INPUT, "input", TAG_DROP, 0) \
	X(INS, "ins", TAG_STYLE, RS_UNDERLINE) \
	X(KBD, "kbd", TAG_STYLE, RS_CODE) \
	X(KEYGEN, "keygen", TAG_DROP, 0) \
	X(LEGEND, "legend", TAG_BLOCK, 0) \
	X(LI, "li", TAG_LI, 0) \
	X(LINK, "link", TAG_DROP, 0) \
	X(LISTING, "listing", TAG_PRE, 0) \
	X(MAIN, "main", TAG_BLOCK, 0) \
	X(MAP, "map", TAG_DROP, 0) \
	X(MATH, "math", TAG_DROP, 0) \
	X(MENU, "menu", TAG_UL, 0) \
	X(META, "meta", TAG_DROP, 0) \
	X(NAV, "nav", TAG_BLOCK, 0) \
	X(NOSCRIPT, "noscript", TAG_DROP, 0) \
	X(OL, "ol", TAG_OL, 0) \
	X(OPTGROUP, "optgroup", TAG_DROP, 0) \
	X(OPTION, "option", TAG_DROP, 0) \
	X(P, "p", TAG_BLOCK, 0) \
	X(PARAM, "param", TAG_DROP, 0) \
	X(PLAINTEXT, "plaintext", TAG_PRE, 0) \
	X(PRE, "pre", TAG_PRE, 0) \
	X(Q, "q", TAG_Q, 0) \
	X(RP, "rp", TAG_DROP, 0) \
	X(RT, "rt", TAG_RT, 0) \
	X(SAMP, "samp", TAG_STYLE, RS_CODE) \
	X(SCRIPT, "script", TAG_DROP, 0) \
	X(SECTION, "section", TAG_BLOCK, 0) \
	X(SELECT, "select", TAG_DROP, 0) \
	X(SOURCE, "source", TAG_NONE, 0) \
	X(STRONG, "strong", TAG_STYLE, RS_BOLD) \
	X(STYLE, "style", TAG_DROP, 0) \
	X(SUMMARY, "summary", TAG_BLOCK, 0) \
	X(SVG, "svg", TAG_DROP, 0) \
	X(TABLE, "table", TAG_TABLE, 0) \
	X(TBODY, "tbody", TAG_NONE, 0) \
	X(TD, "td", TAG_CELL, 0) \
	X(TEMPLATE, "template", TAG_DROP, 0) \
	X(TEXTAREA, "textarea", TAG_DROP, 0) \
	X(TFOOT, "tfoot", TAG_NONE, 0) \
	X(TH, "th", TAG_CELL, 0) \
	X(THEAD, "thead", TAG_NONE, 0) \
	X(TITLE, "title", TAG_DROP, 0) \
	X(TR, "tr", TAG_BLOCK, 0) \
	X(TRACK, "track", TAG_DROP, 0) \
	X(TT, "tt", TAG_STYLE, RS_CODE) \
	X(U, "u", TAG_STYLE, RS_UNDERLINE) \
	X(UL, "ul", TAG_UL, 0) \
	X(VAR, "var", TAG_STYLE, RS_ITALIC) \
	X(VIDEO, "video", TAG_MEDIA, 0) \
	X(WBR, "wbr", TAG_WBR, 0) \
	X(XMP, "xmp", TAG_PRE, 0)

enum html_tag {
	HT_UNKNOWN = 0,
#define HT_ENUM(id, name, kind, arg) HT_##id,
	HTML_TAGS(HT_ENUM)
#undef HT_ENUM
	HT_COUNT
};

/* The tag of a (lower case) element name; HT_UNKNOWN for the others. */
enum html_tag html_tag_of(const char *name);

/*
 * A node of the document tree (html.c): the tree libxml2's own builder makes
 * (same nodes, same text merging), without its cost. `type` is libxml2's:
 * XML_ELEMENT_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE, or
 * XML_COMMENT_NODE (comments and processing instructions).
 */
struct hnode {
	unsigned char type;	/* libxml2's xmlElementType */
	unsigned char tag;	/* enum html_tag of an element, interned at parse time */
	union {
		uint32_t nattrs;	/* of an element */
		uint32_t len;		/* of a text's content, in bytes (the input is < 2 GiB) */
	};
	const char *name;	/* element name, lower case */
	struct hnode *parent, *children, *last, *next;
	char *content;		/* text */
	const char **attrs;	/* nattrs name/value pairs, in document order; value NULL when none */
};
/* 64 bytes: a 1 MB article has some 45,000 nodes */
_Static_assert(HT_COUNT <= 256, "enum html_tag fits in hnode.tag");
/*
 * The parsed document; everything is freed with it. NULL if the parser
 * cannot run. `html` must be valid UTF-8 (render_html cleans it first).
 */
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
/* Whether n is an element of that tag. */
bool node_is(const struct hnode *n, enum html_tag tag);
void walk_one(struct walker *w, struct hnode *n);

void walk_list(struct walker *w, struct hnode *n, bool ordered);
void walk_stray_item(struct walker *w, struct hnode *n);
void walk_link(struct walker *w, struct hnode *n);
void walk_img(struct walker *w, struct hnode *n);
void walk_media(struct walker *w, struct hnode *n, const char *name);
void walk_cell_flat(struct walker *w, struct hnode *n);

#endif
