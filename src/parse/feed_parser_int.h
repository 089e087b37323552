/* The feed parser's state, shared by feed_parser.c (libxml2 plumbing) and map.c (RSS/Atom mapping). */
#ifndef BYLINE_FEED_PARSER_INT_H
#define BYLINE_FEED_PARSER_INT_H

#include <stdint.h>

#include <libxml/parser.h>
#include <libxml/hash.h>

#include "byline/buf.h"
#include "byline/item.h"
#include "byline/parse.h"

#define PARSE_MAX_DEPTH 200	/* below libxml2's own 256 so our message is the one seen */

/* Namespaces that matter; everything else is NS_OTHER. */
enum fp_ns {
	NS_OTHER, NS_RSS, NS_ATOM, NS_ATOM03, NS_CONTENT, NS_DC, NS_DCTERMS, NS_MEDIA,
	NS_ITUNES, NS_RDF, NS_XHTML, NS_SY,
};

/* How captured text is to be read. */
enum fp_ctype { CT_TEXT, CT_HTML, CT_XHTML, CT_GUESS, CT_SKIP };

/* Where captured text goes. */
enum fp_target {
	TG_NONE,
	TG_TITLE, TG_LINK, TG_ID, TG_AUTHOR, TG_PUBLISHED, TG_UPDATED, TG_SUMMARY, TG_CONTENT,
	TG_CATEGORY, TG_PERSON_NAME, TG_PERSON_EMAIL,
	TG_DC_DATE,		/* dc:date: the published date, and updated when nothing better says */
	TG_KEYWORDS,		/* itunes:keywords, media:keywords: categories, comma-separated */
	TG_DURATION,		/* itunes:duration: the enclosures' running time */
	TG_FEED_TITLE, TG_FEED_LINK, TG_FEED_DESC, TG_FEED_LANG, TG_FEED_DATE, TG_FEED_IMAGE,
	TG_FEED_TTL, TG_FEED_SY_PERIOD, TG_FEED_SY_FREQ, TG_FEED_SKIP_HOUR, TG_FEED_SKIP_DAY,
};

enum { SLOT_TITLE, SLOT_LINK, SLOT_ID, SLOT_AUTHOR, SLOT_PUBLISHED, SLOT_UPDATED,
       SLOT_SUMMARY, SLOT_CONTENT, NSLOTS };
enum { FSLOT_TITLE, FSLOT_LINK, FSLOT_DESC, FSLOT_LANG, FSLOT_IMAGE, NFSLOTS };

#define RANK_NONE 255

enum { PERSON_ITEM, PERSON_SOURCE, PERSON_FEED };

/* One element as libxml2 reports it. */
struct elem {
	const char *name;
	enum fp_ns ns;
	const char *uri;
	int nattrs;
	const xmlChar **attrs;	/* 5 per attribute: local, prefix, URI, value, end */
	int nb_namespaces;
	const xmlChar **namespaces;
};

struct frame {
	char *base;		/* xml:base in effect (absolute), may be NULL */
	int own_base;
};

struct capture {
	int active;
	int depth;		/* depth of the element whose text is captured */
	enum fp_target tgt;
	uint8_t rank;
	enum fp_ctype ctype;
	int serialize;		/* child elements become markup */
	int skip_div;		/* xhtml: drop the wrapping <div> */
	int div_depth;		/* depth of the dropped div, or 0 */
	int base64;		/* Atom 0.3 mode="base64": decode first */
	int media;		/* base64 of a media type: kept only if it decodes to text */
	int open_tag;		/* a start tag waits for its '>' */
	int cut;		/* text was cut at the field limit */
	size_t limit;
	struct buf buf;
};

struct feed_parser {
	xmlParserCtxtPtr ctxt;
	xmlSAXHandler sax;
	struct transcoder *tc;
	struct pass_out conv;	/* UTF-8 from the transcoder */
	struct entity_fixer *fixer;
	struct pass_out fixed;	/* UTF-8 with references fixed, waiting for libxml2 */
	char *doc_url;
	struct parse_callbacks cb;
	void *ud;
	xmlHashTablePtr ents;	/* HTML entities handed to libxml2 */
	struct json_feed *json;	/* the JSON Feed reader, when the document is JSON (else NULL) */
	int sniffed;		/* XML or JSON is decided */
	struct buf lead;	/* the document's first bytes, until they decide */

	/* status */
	size_t total_in;
	size_t nwarn;
	int halted, finished, not_feed, too_big, warned_dtd_entity;
	int warned_scheme;	/* a link the reader will not open was reported */
	unsigned warned_clean;	/* PARSE_CLEANED_* kinds already reported */
	unsigned warned_ns;	/* 1 << fp_ns: a near-miss URI of it was reported */
	unsigned warned_prefix;	/* 1 << fp_ns: an undeclared prefix of it was reported */
	int warned_zone;	/* a date without a zone was reported */
	int zone;		/* minutes east of UTC of the last date that named one, or DATE_NO_ZONE */
	char fail_msg[300];

	/* document structure */
	int depth;
	struct frame *frames;
	size_t nframes, frames_cap;
	int root_seen;
	char root_desc[240];	/* the root element and its namespace, for "not a feed" */
	int is_atom;		/* root was an Atom feed or entry */
	char *atom_uri;		/* an unknown namespace the root <feed> used, read as Atom */
	struct {
		char *uri;	/* owned */
		enum fp_ns ns;
	} ns_seen[4];		/* the namespaces last looked up (fp_ns_of compares many) */
	unsigned ns_next;
	int feed_depth;		/* depth of channel / atom:feed, or -1 */
	int image_depth;	/* depth of an open RSS <image>, or -1 */
	int skip_depth;		/* depth of an open <skipHours> or <skipDays>, or -1 */
	int sy_period, sy_freq;	/* sy:updatePeriod (seconds), sy:updateFrequency; 0: not given */
	int item_depth;		/* depth of the open item / entry, or -1 */
	int person_depth;	/* depth of an open atom:author, or -1 */
	int person_kind;	/* PERSON_ITEM, PERSON_SOURCE or PERSON_FEED */
	struct buf pname, pemail;
	int source_depth;	/* depth of an open atom:source in an entry, or -1 */
	struct buf source_authors, feed_authors;	/* inherited by entries without one */

	/* feed level */
	struct feed_info fi;
	uint8_t frank[NFSLOTS];
	int feed_reported;

	/* the open item */
	struct item it;
	uint8_t rank[NSLOTS];
	int guid_permalink;
	char *guid;
	size_t cat_cap, enc_cap;
	int64_t duration;	/* the item's itunes:duration in seconds, or -1 */
	size_t nitems;

	struct capture cap;
};

/* feed_parser.c */
void fp_warn(struct feed_parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fp_halt(struct feed_parser *p);

/* map.c: structure, dispatch, items */
/*
 * The namespace uri names. A near miss of a known one (blanks, http or
 * https, letter case, a trailing slash) counts, with *canon set to the
 * URI it stands for (else NULL), so the caller can warn.
 */
enum fp_ns fp_ns_of(const char *uri, const char **canon);
/* The namespace a well-known prefix (content, dc, media ...) stands for, or NULL. */
const char *fp_prefix_uri(const char *prefix, enum fp_ns *ns);
/* Attribute `name` (in namespace ns_uri, or none), copied; NULL if absent. */
char *fp_attr_dup(const struct elem *el, const char *name, const char *ns_uri);
/* One attribute's value (5 pointers from libxml2), copied. */
char *fp_attr_value(const xmlChar **a);
int fp_is(const struct elem *el, const char *name);
/* The base URL in effect (xml:base or the document's URL), or NULL. */
const char *fp_cur_base(const struct feed_parser *p);
int fp_safe_base(const char *url);
void fp_state_init(struct feed_parser *p);
void fp_state_finish(struct feed_parser *p);
void fp_state_free(struct feed_parser *p);
void fp_push_frame(struct feed_parser *p, const struct elem *el);
void fp_pop_frame(struct feed_parser *p);
void fp_element_start(struct feed_parser *p, const struct elem *el);
void fp_element_end(struct feed_parser *p, const char *name);
/* Opens and delivers an item as an RSS item or Atom entry is (the JSON Feed reader's way in). */
void fp_item_open(struct feed_parser *p);
void fp_item_close(struct feed_parser *p);

/* fields.c: captured text into fields */
/* What a value of the same rank as the one held does: nothing, join it (", "), replace it. */
enum { FP_FIRST, FP_JOIN, FP_LAST };
/* Stores val (owned) into *dst when rank beats *cur; how says what an equal rank does. */
void fp_set_ranked(char **dst, uint8_t *cur, uint8_t rank, char *val, int how);
void fp_add_category(struct feed_parser *p, char *term);
/* Sets the open item's TG_PUBLISHED or TG_UPDATED from date text s, by rank. */
void fp_set_date(struct feed_parser *p, enum fp_target tgt, uint8_t rank, const char *s);
/* url and type are owned by the callee; length is a decimal string or NULL. */
void fp_add_enclosure(struct feed_parser *p, char *url, char *type, const char *length);
/* raw trimmed, cleaned and resolved against the current base; caller frees. */
char *fp_resolve_url(struct feed_parser *p, const char *raw);
/*
 * The name in an author field: "Name (email)", "email (Name)", "Name <email>",
 * mailto: or not; a bare address without its mailto:. Takes s, returns its
 * replacement (both owned by the caller).
 */
char *fp_person_name(char *s);
/* Empties b into a clean single-line string (caller frees). */
char *fp_finish_single(struct feed_parser *p, struct buf *b);
/* Stores a feed language (owned) by rank, a locale's en_US read as the tag en-US. */
void fp_set_language(struct feed_parser *p, uint8_t rank, char *lang);
/* parse_clean(b, multiline), warning once per document about each kind of change. */
void fp_clean(struct feed_parser *p, struct buf *b, bool multiline);
void fp_capture_start(struct feed_parser *p, enum fp_target tgt, uint8_t rank, enum fp_ctype ct);
/* An Atom text construct: type and mode decide how its text is read. */
void fp_capture_construct(struct feed_parser *p, const struct elem *el, enum fp_target tgt,
			  uint8_t rank);
enum fp_ctype fp_atom_ctype(const struct elem *el, enum fp_ctype dflt);
void fp_capture_text(struct feed_parser *p, const char *s, size_t n);
void fp_capture_child_start(struct feed_parser *p, const struct elem *el);
void fp_capture_child_end(struct feed_parser *p, const char *name);
void fp_capture_end(struct feed_parser *p);

#endif
