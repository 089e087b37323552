/* Internals of the article extractor shared by the files of src/extract/; not a public API. */
#ifndef BYLINE_EXTRACT_INT_H
#define BYLINE_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "byline/buf.h"

/* Elements nested deeper than this are not kept: their text joins the deepest kept one. */
#define EX_MAX_DEPTH 200
/* Bytes of one text node kept (libxml2 gives up on the page past 10,000,000). */
#define EX_MAX_TEXT (8u << 20)
/* Warnings kept per page. */
#define EX_MAX_WARNINGS 16

/*
 * What the extractor knows of an element, by name (sorted: ex_tag_of
 * searches them). PHR: phrasing content (text-level, Readability's list
 * plus the inline elements it leaves out); BLK: starts a block of text;
 * DIVB: a block that keeps a div from being a paragraph; DROP: removed
 * with all it holds before anything is scored; OUT: kept in the output
 * HTML as itself (other known elements are unwrapped or renamed there);
 * VOID: has no content; THRU: libxml2 2.9 does not know it and hangs the
 * siblings that follow under it, so it is unwrapped, never dropped.
 */
#define EX_TAGS(X) \
	X(A, "a", PHR | OUT) \
	X(ABBR, "abbr", PHR | OUT) \
	X(ADDRESS, "address", BLK) \
	X(APPLET, "applet", DROP) \
	X(AREA, "area", DROP) \
	X(ARTICLE, "article", BLK) \
	X(ASIDE, "aside", BLK) \
	X(AUDIO, "audio", PHR | OUT) \
	X(B, "b", PHR | OUT) \
	X(BASE, "base", DROP) \
	X(BDI, "bdi", PHR) \
	X(BDO, "bdo", PHR) \
	X(BLOCKQUOTE, "blockquote", BLK | DIVB | OUT) \
	X(BODY, "body", BLK) \
	X(BR, "br", PHR | OUT | VOID) \
	X(BUTTON, "button", PHR | DROP) \
	X(CANVAS, "canvas", DROP) \
	X(CAPTION, "caption", BLK | OUT) \
	X(CENTER, "center", BLK) \
	X(CITE, "cite", PHR | OUT) \
	X(CODE, "code", PHR | OUT) \
	X(COL, "col", VOID) \
	X(COLGROUP, "colgroup", 0) \
	X(DATA, "data", PHR) \
	X(DATALIST, "datalist", PHR | DROP) \
	X(DD, "dd", BLK | OUT) \
	X(DEL, "del", PHR | OUT) \
	X(DETAILS, "details", BLK) \
	X(DFN, "dfn", PHR | OUT) \
	X(DIALOG, "dialog", BLK) \
	X(DIR, "dir", BLK) \
	X(DIV, "div", BLK | DIVB | OUT) \
	X(DL, "dl", BLK | DIVB | OUT) \
	X(DT, "dt", BLK | OUT) \
	X(EM, "em", PHR | OUT) \
	X(EMBED, "embed", PHR) \
	X(FIELDSET, "fieldset", BLK) \
	X(FIGCAPTION, "figcaption", BLK | OUT) \
	X(FIGURE, "figure", BLK | OUT) \
	X(FONT, "font", PHR) \
	X(FOOTER, "footer", BLK) \
	X(FORM, "form", BLK) \
	X(FRAME, "frame", DROP) \
	X(FRAMESET, "frameset", DROP) \
	X(H1, "h1", BLK | OUT) \
	X(H2, "h2", BLK | OUT) \
	X(H3, "h3", BLK | OUT) \
	X(H4, "h4", BLK | OUT) \
	X(H5, "h5", BLK | OUT) \
	X(H6, "h6", BLK | OUT) \
	X(HEAD, "head", 0) \
	X(HEADER, "header", BLK) \
	X(HGROUP, "hgroup", BLK) \
	X(HR, "hr", BLK | OUT | VOID) \
	X(HTML, "html", BLK) \
	X(I, "i", PHR | OUT) \
	X(IFRAME, "iframe", PHR | OUT) \
	X(IMG, "img", PHR | DIVB | OUT | VOID) \
	X(INPUT, "input", PHR | VOID) \
	X(INS, "ins", PHR | OUT) \
	X(KBD, "kbd", PHR | OUT) \
	X(KEYGEN, "keygen", DROP) \
	X(LABEL, "label", PHR) \
	X(LEGEND, "legend", BLK) \
	X(LI, "li", BLK | OUT) \
	X(LINK, "link", DROP) \
	X(LISTING, "listing", BLK) \
	X(MAIN, "main", BLK) \
	X(MAP, "map", DROP) \
	X(MARK, "mark", PHR | OUT) \
	X(MATH, "math", PHR | OUT) \
	X(MENU, "menu", BLK) \
	X(META, "meta", DROP) \
	X(METER, "meter", PHR | DROP) \
	X(NAV, "nav", BLK) \
	X(NOSCRIPT, "noscript", PHR | DROP) \
	X(OBJECT, "object", PHR) \
	X(OL, "ol", BLK | DIVB | OUT) \
	X(OPTGROUP, "optgroup", DROP) \
	X(OPTION, "option", DROP) \
	X(OUTPUT, "output", PHR) \
	X(P, "p", BLK | DIVB | OUT) \
	X(PARAM, "param", DROP) \
	X(PICTURE, "picture", PHR) \
	X(PLAINTEXT, "plaintext", BLK) \
	X(PRE, "pre", BLK | DIVB | OUT) \
	X(PROGRESS, "progress", PHR | DROP) \
	X(Q, "q", PHR | OUT) \
	X(RB, "rb", PHR | OUT) \
	X(RP, "rp", PHR | OUT) \
	X(RT, "rt", PHR | OUT) \
	X(RUBY, "ruby", PHR | OUT) \
	X(S, "s", PHR | OUT) \
	X(SAMP, "samp", PHR | OUT) \
	X(SCRIPT, "script", PHR | DROP) \
	X(SECTION, "section", BLK) \
	X(SELECT, "select", PHR | DROP) \
	X(SMALL, "small", PHR | OUT) \
	X(SOURCE, "source", THRU | VOID) \
	X(SPAN, "span", PHR) \
	X(STRIKE, "strike", PHR) \
	X(STRONG, "strong", PHR | OUT) \
	X(STYLE, "style", DROP) \
	X(SUB, "sub", PHR | OUT) \
	X(SUMMARY, "summary", BLK) \
	X(SUP, "sup", PHR | OUT) \
	X(SVG, "svg", PHR | DROP) \
	X(TABLE, "table", BLK | DIVB | OUT) \
	X(TBODY, "tbody", OUT) \
	X(TD, "td", BLK | OUT) \
	X(TEMPLATE, "template", DROP) \
	X(TEXTAREA, "textarea", PHR | DROP) \
	X(TFOOT, "tfoot", OUT) \
	X(TH, "th", BLK | OUT) \
	X(THEAD, "thead", OUT) \
	X(TIME, "time", PHR | OUT) \
	X(TITLE, "title", DROP) \
	X(TR, "tr", BLK | OUT) \
	X(TRACK, "track", THRU | VOID) \
	X(TT, "tt", PHR) \
	X(U, "u", PHR | OUT) \
	X(UL, "ul", BLK | DIVB | OUT) \
	X(VAR, "var", PHR | OUT) \
	X(VIDEO, "video", PHR | OUT) \
	X(WBR, "wbr", PHR | THRU | VOID) \
	X(XMP, "xmp", BLK)

enum ex_tag {
	T_NONE = 0,	/* not an element, or one the table does not know */
#define EX_TAG_ENUM(id, name, flags) T_##id,
	EX_TAGS(EX_TAG_ENUM)
#undef EX_TAG_ENUM
	T_COUNT
};

enum ex_tag_flag {
	PHR = 1 << 0,
	BLK = 1 << 1,
	DIVB = 1 << 2,
	DROP = 1 << 3,
	OUT = 1 << 4,
	VOID = 1 << 5,
	THRU = 1 << 6,
};

/* The tag of node n (T_NONE for text, comments, unknown elements); cached in n->extra. */
enum ex_tag ex_tag(xmlNode *n);
/* The flags of a tag. */
unsigned ex_tag_flags(enum ex_tag t);
/* n is an element with one of the flags. */
bool ex_has_flag(xmlNode *n, unsigned flags);
/* Renames element n (its cached tag follows). */
void ex_rename(xmlNode *n, const char *name);
/* The tag of a lower-case element name. */
enum ex_tag ex_tag_of_name(const char *name);

/* ---- the document (dom.c) ---- */

/* Scratch data of a scored element, reached through its _private pointer. */
struct ex_score {
	double score;
	bool candidate;		/* score is a candidate's (score.c) */
	bool data_table;	/* a table of data, not of layout (tidy.c) */
	bool table_known;	/* data_table was decided */
};

/* What ex_text measures (text.c), kept with each text node it measured. */
struct ex_text {
	double len;	/* weighted characters */
	size_t chars;	/* characters, unweighted */
	size_t commas;	/* clause punctuation: , ، ， 、 。 ； and opening 「『 */
	double words;	/* words of spaced scripts, plus two wide characters for one */
	bool space;	/* (while counting) the last character was a space */
	bool started;	/* (while counting) a non-space character was seen */
	bool wordy;	/* (while counting) the last non-space character was part of a word */
};
struct ex_tnode {
	struct ex_text t;
	bool lead_space;	/* the text starts with white space */
	bool first_wordy;	/* its first character would continue a word before it */
};

/* The data kept with a node through its _private pointer: a score for elements, a measure for text. */
union ex_slot {
	struct ex_score score;
	struct ex_tnode text;
};

struct ex_doc {
	xmlDoc *doc;		/* its _private points back to the ex_doc */
	xmlNode *body;
	struct ex_pool *pool;	/* union ex_slot storage */
	struct ex_log *log;	/* while an attempt runs: its changes, to be undone (undo.c) */
};

/*
 * Cuts the contents of scripts (JSON-LD excepted), styles and comments out
 * of the page's text s (n bytes, changed in place), as an HTML tokenizer
 * delimits them; the tags themselves stay. Returns the new length.
 */
size_t ex_strip_raw(char *s, size_t n);
/* Parses clean UTF-8 (len bytes): never fails on bad HTML; false only when libxml2 cannot start. */
bool ex_doc_parse(struct ex_doc *d, const char *html, size_t len);
/* A document of its own whose body holds a copy of n (its score data not copied): an attempt's article kept while the next attempt works on the page. Returns the copy, NULL when out of memory. */
xmlNode *ex_doc_copy(struct ex_doc *d, const xmlNode *n);
void ex_doc_free(struct ex_doc *d);
/* A new zeroed slot of d, linked to n (n->_private). */
union ex_slot *ex_slot(struct ex_doc *d, xmlNode *n);
/* The score data of element n, created (zeroed) on first use. */
struct ex_score *ex_score_of(struct ex_doc *d, xmlNode *n);
/* The score data of n if it has been scored, else NULL. */
static inline struct ex_score *
ex_scored(const xmlNode *n)
{
	return n->_private;
}

/* The value of attribute `name` (in lower case, as the HTML parser writes every attribute name) of element n, or NULL (owned by the tree). */
const char *ex_attr(const xmlNode *n, const char *name);
/* The class and the id of n, joined by a space, in lower case (for the class/id hints). */
void ex_class_id(const xmlNode *n, struct buf *out);
/* First element child / next element sibling, or NULL. */
xmlNode *ex_first_elem(const xmlNode *n);
xmlNode *ex_next_elem(const xmlNode *n);
/* Number of element children. */
size_t ex_count_elems(const xmlNode *n);
/* Preorder successor of n within the tree; skip_kids leaves n's children out. */
xmlNode *ex_next(xmlNode *n, bool skip_kids);
/* Preorder successor of n that stays under root (NULL when the walk leaves it). */
xmlNode *ex_next_under(xmlNode *n, const xmlNode *root, bool skip_kids);
/* Drops n (ex_drop); returns its preorder successor under root (NULL: anywhere), children skipped. */
xmlNode *ex_remove(xmlNode *n, const xmlNode *root);
/* Replaces n by its children (kept in place); returns the first of them, or what followed n. */
xmlNode *ex_unwrap(xmlNode *n);

/*
 * ---- tree changes (undo.c) ----
 * The attempts change the page's prepared body through these alone: while
 * the document's log is on (ex_log_start) each change is recorded, and
 * ex_log_undo gives the body back as it was; ex_log_commit keeps the changes.
 * With no log they are plain libxml2 changes (the preparation's).
 */
void ex_log_start(struct ex_doc *d);
/* Keeps the changes; frees the nodes dropped meanwhile. */
void ex_log_commit(struct ex_doc *d);
/* Undoes the changes, last first; frees the nodes made meanwhile. */
void ex_log_undo(struct ex_doc *d);
/* Unlinks n (nothing when it is not linked). */
void ex_unlink(xmlNode *n);
/* Unlinks and frees n (freed at the commit while logging). */
void ex_drop(xmlNode *n);
/* Moves c to the end of parent's children; as xmlAddChild, text after text joins it (c goes). */
void ex_append(xmlNode *parent, xmlNode *c);
/* Puts n (moved from wherever it is) in old's place; old is left unlinked. */
void ex_replace(xmlNode *old, xmlNode *n);
/* A new element named `name` in the document of n's tree. */
xmlNode *ex_new_elem(xmlDoc *doc, const char *name);
/* Forgets the score data and text measures of root and everything under it (an attempt starts without). */
void ex_clear_private(xmlNode *root);
/* n has an ancestor with tag t, within max_depth levels (0: any). */
bool ex_has_ancestor(const xmlNode *n, enum ex_tag t, int max_depth);
/* Text node of only whitespace, or a <br>. */
bool ex_is_whitespace(const xmlNode *n);
/* Phrasing content (text-level): text, PHR elements, and a, del, ins holding only such. */
bool ex_is_phrasing(xmlNode *n);
/* n holds exactly one element, with tag t, and no text but white space. */
bool ex_single_child(xmlNode *n, enum ex_tag t);
/* An element with no text whose children (if any) are all br and hr. */
bool ex_is_empty_elem(xmlNode *n);
/* Elements with tag t under root, in document order (caller frees the array). */
size_t ex_find(xmlNode *root, enum ex_tag t, xmlNode ***out);

/* ---- text measures (text.c) ---- */

/*
 * The text of a subtree as Readability's normalised innerText (struct
 * ex_text above): whitespace runs count as one character, leading and
 * trailing ones not at all. Wide characters (Han, kana, Hangul, fullwidth
 * forms) count twice in `len`: a Chinese character carries about as much
 * as two Latin letters, so the length thresholds read alike in every script.
 */
/* Adds the text of s (n bytes of UTF-8) to t. */
void ex_text_add(struct ex_text *t, const char *s, size_t n);
/* Measures the text under n (n itself when it is text). */
void ex_text_of(const xmlNode *n, struct ex_text *t);
double ex_text_len(const xmlNode *n);
/* Whether there is any text but white space under n. */
bool ex_has_text(const xmlNode *n);
/* Share of the text of n that is inside links; "#..." links count 0.3. */
double ex_link_density(const xmlNode *n);
/* Appends the text under n, whitespace runs collapsed to one space, trimmed. */
void ex_inner_text(const xmlNode *n, struct buf *out);
/*
 * How much of b's text is in a: 1 - (length of b's words not in a) /
 * (length of b's words), words in lower case, a Han or kana character a
 * word of its own. 0 when either has no word.
 */
double ex_similarity(const char *a, const char *b);
/* Number of characters of s (UTF-8). */
size_t ex_utf8_chars(const char *s);
/* Whether the text ends a sentence somewhere: ". " or a full stop of CJK or Devanagari. */
bool ex_has_sentence_end(const char *s);

/* ---- class and id hints (hints.c) ---- */

/* Readability's flags: the first attempt has them all; each retry drops one. */
enum ex_flag {
	EXF_STRIP_UNLIKELY = 1,
	EXF_WEIGHT_CLASSES = 2,
	EXF_CLEAN_CONDITIONALLY = 4,
};
/* Whether the class/id string s (lower case, as below) names something that is rarely the article. */
bool ex_hint_unlikely(const char *s);
/* -25, 0 or +25 for each of class and id, as they look like article or boilerplate. */
int ex_class_weight(const xmlNode *n);
/*
 * n is, or holds, the element the page marks as its article's body
 * (itemprop="articleBody"): the class and id hints do not remove it.
 */
bool ex_holds_declared_body(xmlNode *n);
/* Whether the class/id hints a byline. */
bool ex_hint_byline(const char *s);
/* Whether the class/id hints a share bar. */
bool ex_hint_share(const char *s);
/* Whether the class/id hints an ad, a cookie banner or a newsletter box. */
bool ex_hint_junk(const char *s);
/* Whether an iframe/embed/object source is a known video player. */
bool ex_is_video_url(const char *s);

/* ---- metadata (meta.c) ---- */

struct ex_meta {
	char *title, *author, *site, *lang, *published;
	char *base;		/* <base href>, as written */
	char *doc_title;	/* <title> */
	char *jsonld_body;	/* JSON-LD articleBody */
	bool login_form;	/* a form with a password field */
};
/* Reads meta tags, JSON-LD, <title>, <html lang>, <base> (before scripts go). */
void ex_meta_collect(struct ex_doc *d, struct ex_meta *m);
/* The title as Readability derives it from <title> and the headings. */
char *ex_title_from_doc(struct ex_doc *d, const char *doc_title);
void ex_meta_free(struct ex_meta *m);

/* ---- JSON-LD (jsonld.c) ---- */

struct ex_jsonld {
	char *headline, *name, *author, *published, *body, *site, *lang;
};
/*
 * Reads one JSON-LD script (n bytes) and fills what is empty in j from the
 * first article-like object (schema.org Article, NewsArticle, BlogPosting
 * ...). Bounded: deep or huge input is given up on, never overflowed.
 */
void ex_jsonld_read(const char *s, size_t n, struct ex_jsonld *j);
void ex_jsonld_free(struct ex_jsonld *j);

/* ---- preparation, scoring, tidying (prep.c, score.c, tidy.c) ---- */

/* Unwraps lazy images in noscript, drops scripts, styles, comments, hidden nodes, fonts, double brs. */
void ex_prep(struct ex_doc *d);
/*
 * Readability's grabArticle: scores paragraphs into their ancestors and
 * returns a new <div> holding the best candidate and its related siblings
 * (moved there; the div is the body's last child). title is used to drop a heading repeating
 * it; *byline gets a byline element's text when one is found (and NULL
 * is left otherwise).
 */
xmlNode *ex_grab(struct ex_doc *d, unsigned flags, const char *title, char **byline);
/* Readability's prepArticle: conditional cleaning of the chosen content. */
void ex_tidy(struct ex_doc *d, xmlNode *content, unsigned flags);

/* ---- output (output.c) ---- */

/*
 * The clean HTML of the children of content; links and images resolved
 * against base (may be NULL) and neutralised.
 */
void ex_write_html(const xmlNode *content, const char *base, struct buf *out);
/* The plain text of the children of content (see extract.h). */
void ex_write_text(const xmlNode *content, struct buf *out);
/* Resolved, checked URL of an href/src, or NULL when it must go (javascript:, data: ...). */
char *ex_safe_url(const char *base, const char *ref);

/* ---- charsets (charset.c) ---- */

/*
 * Decodes page bytes to clean UTF-8: a BOM, else the label (HTTP, then
 * <meta charset>) unless the bytes contradict it, else the legacy CJK or
 * windows-1252 encoding the bytes read best in. *used gets the encoding
 * (owned by the caller); warn gets a message for each decision the page's
 * labels did not make.
 */
char *ex_decode(const char *data, size_t len, const char *http_charset, size_t *outlen,
		char **used, void (*warn)(void *ud, const char *msg), void *ud);
/* The charset a <meta> in the first bytes of the page declares, or NULL (caller frees). */
char *ex_meta_charset(const char *data, size_t len);

#endif
