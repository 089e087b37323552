/* The JSON Feed reader's state, shared by json_feed.c (the mapping) and json_lex.c (the bytes); internal. */
#ifndef BYLINE_JSON_STATE_INT_H
#define BYLINE_JSON_STATE_INT_H

#include <stddef.h>
#include <stdint.h>

#include <yajl/yajl_parse.h>

#include "byline/buf.h"
#include "json_feed_int.h"

#define JSON_FRAMES 8	/* containers deep enough to mean something: root, items, item, ... */

/* What a container is. */
enum jctx {
	JC_ROOT, JC_ITEM, JC_PERSON, JC_ATTACHMENT,	/* objects */
	JC_ITEMS, JC_TAGS, JC_PEOPLE, JC_ATTACHMENTS,	/* arrays */
	JC_SKIP,	/* a value byline does not read: counted, not looked into */
};

/* What a value is for: the key (or the array) it belongs to. */
enum jfield {
	F_NONE, F_ROOT, F_ITEMS, F_ITEM, F_TAGS, F_TAG, F_AUTHORS, F_AUTHOR, F_PERSON,
	F_ATTACHMENTS, F_ATTACHMENT,
	F_VERSION, F_FEED_TITLE, F_HOME, F_FEED_URL, F_DESC, F_ICON, F_FAVICON, F_LANG,
	F_ID, F_URL, F_EXTERNAL, F_TITLE, F_HTML, F_TEXT, F_SUMMARY, F_PUBLISHED, F_MODIFIED,
	F_NAME, F_PERSON_URL, F_ENC_URL, F_MIME, F_SIZE, F_DURATION,
};

struct jframe {
	enum jctx ctx;
	enum jfield field;	/* objects: what the value of the current key is for */
	const char *key;	/* objects: the current key's name (static), NULL between values */
	uint64_t seen;		/* objects: the fields met (duplicate keys) */
	size_t index;		/* arrays: the element being read */
	uint8_t rank;		/* people: 1 for authors, 2 for JSON Feed 1.0's author */
	uint8_t of_item;	/* people: an item's, else the feed's */
};

/* Kinds of problem reported once a document. */
enum { JW_CONTROL = 1, JW_UTF8 = 2, JW_NUL = 4 };

struct json_feed {
	struct feed_parser *p;
	yajl_handle h;

	/* the bytes on their way to yajl */
	int in_str;		/* inside a string */
	int esc;		/* the last byte was a backslash */
	int hex;		/* hex digits of a \u escape still to come */
	int in_word;		/* inside a number (or true, false, null) */
	int dropping;		/* the open string or number is too long: its bytes are dropped */
	size_t tok_len;		/* bytes of the open string or number so far */
	int holding;		/* the bytes not yet parsed are in hold, not in the chunk */
	struct buf hold;	/* a token waiting whole for yajl (json_lex.c) */
	long hold_line, hold_col;	/* where the held bytes began */
	int stopped;		/* yajl is given nothing more */
	unsigned warned;	/* JW_* */

	/* where: line and column (characters) of `mark`, a point in the chunk being read */
	const char *mark;
	long line, col;
	int at_bytes;		/* the warning being written is about bytes: name the line */

	/* structure */
	struct jframe fr[JSON_FRAMES];
	int nfr;
	unsigned skip;		/* containers open inside a skipped value */
	int root_done;		/* the top-level object is complete */
	int has_items, version_ok;
	char *version_raw;	/* a version that is not JSON Feed's */

	/* feed level */
	int caller_base;	/* the feed parser was told the document's URL */
	uint8_t base_rank, image_rank, feed_author_rank;

	/* the attachment being read */
	struct buf enc_url, enc_type;
	int64_t enc_size, enc_duration;
};


/*
 * json_lex.c: the document cannot be read: sets the feed parser's not_feed
 * and fail_msg (the message says why and what to do) and stops. Returns 0.
 */
int json_fail(struct json_feed *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* json_lex.c: the document ended: what waits goes to yajl, and yajl is told. */
void json_lex_finish(struct json_feed *j);

#endif
