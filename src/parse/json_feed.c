/* JSON Feed 1.0/1.1 mapped onto the item model from yajl's events (the bytes reach yajl through json_lex.c). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "byline/mem.h"
#include "json_state_int.h"
#include "parse_int.h"
#include "feed_parser_int.h"

struct jkey {
	const char *name;
	enum jfield field;
};

static const struct jkey root_keys[] = {
	{ "version", F_VERSION }, { "title", F_FEED_TITLE }, { "home_page_url", F_HOME },
	{ "feed_url", F_FEED_URL }, { "description", F_DESC }, { "icon", F_ICON },
	{ "favicon", F_FAVICON }, { "language", F_LANG }, { "authors", F_AUTHORS },
	{ "author", F_AUTHOR }, { "items", F_ITEMS }, { NULL, F_NONE },
};
static const struct jkey item_keys[] = {
	{ "id", F_ID }, { "url", F_URL }, { "external_url", F_EXTERNAL }, { "title", F_TITLE },
	{ "content_html", F_HTML }, { "content_text", F_TEXT }, { "summary", F_SUMMARY },
	{ "date_published", F_PUBLISHED }, { "date_modified", F_MODIFIED }, { "tags", F_TAGS },
	{ "authors", F_AUTHORS }, { "author", F_AUTHOR }, { "attachments", F_ATTACHMENTS },
	{ NULL, F_NONE },
};
static const struct jkey person_keys[] = {
	{ "name", F_NAME }, { "url", F_PERSON_URL }, { NULL, F_NONE },
};
static const struct jkey attachment_keys[] = {
	{ "url", F_ENC_URL }, { "mime_type", F_MIME }, { "size_in_bytes", F_SIZE },
	{ "duration_in_seconds", F_DURATION }, { NULL, F_NONE },
};

/* ---- handing fields to the item model ----------------------------------------- */

static void
deliver(struct feed_parser *p, enum fp_target tgt, uint8_t rank, enum fp_ctype ct,
	const char *s, size_t n)
{
	fp_capture_start(p, tgt, rank, ct);
	fp_capture_text(p, s, n);
	fp_capture_end(p);
}

/* Plain text as HTML: escaped; blank lines part paragraphs, other line breaks stay breaks. */
static void
text_to_html(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, e, k;
	int open = 0;

	if (!memchr(s, '\n', n) && !memchr(s, '\r', n)) {
		parse_escape_html(out, s, n);
		return;
	}
	while (i < n) {
		for (e = i; e < n && s[e] != '\n' && s[e] != '\r'; e++)
			;
		for (k = i; k < e && (s[k] == ' ' || s[k] == '\t'); k++)
			;
		if (k == e && open) {
			buf_puts(out, "</p>");
			open = 0;
		} else if (k < e) {
			buf_puts(out, open ? "<br>" : "<p>");
			open = 1;
			parse_escape_html(out, s + i, e - i);
		}
		if (e + 1 < n && s[e] == '\r' && s[e + 1] == '\n')
			e++;
		i = e + 1;
	}
	if (open)
		buf_puts(out, "</p>");
}

static void
deliver_text(struct feed_parser *p, enum fp_target tgt, uint8_t rank, const char *s, size_t n)
{
	struct buf html = { 0 };

	text_to_html(&html, s, n);
	deliver(p, tgt, rank, CT_HTML, html.data ? html.data : "", html.len);
	buf_free(&html);
}

/* A one-line value kept aside (an attachment's URL or type), cut at the field limit. */
static void
keep_line(struct json_feed *j, struct buf *dst, const char *s, size_t n)
{
	buf_reset(dst);
	buf_append(dst, s, n);
	if (parse_cap(dst, PARSE_MAX_LINE_FIELD))
		fp_warn(j->p, "text longer than %u KiB cut short", PARSE_MAX_LINE_FIELD >> 10);
}

/* A URL given in the document: resolved, cleaned and cut like a link. Caller frees. */
static char *
url_value(struct json_feed *j, const char *s, size_t n)
{
	struct buf b = { 0 };
	char *r;

	keep_line(j, &b, s, n);
	r = fp_resolve_url(j->p, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/*
 * Relative links resolve against the document's own URL; when the feed
 * parser was not told it, against feed_url (rank 1), else home_page_url.
 */
static void
set_base(struct json_feed *j, const char *url, uint8_t rank)
{
	struct feed_parser *p = j->p;

	if (j->caller_base || !url || !fp_safe_base(url) || rank >= j->base_rank)
		return;
	free(p->doc_url);
	p->doc_url = xstrdup(url);
	j->base_rank = rank;
}

/* "https://jsonfeed.org/version/1.1" and its variants (http, a trailing slash, "1.1"): "1.0" or "1.1", else NULL. */
static const char *
feed_version(const char *s, size_t n)
{
	static const char *const pre[] = { "https://jsonfeed.org/version/", "http://jsonfeed.org/version/" };
	size_t i, l;

	if ((n == 1 && s[0] == '1') || (n == 3 && !memcmp(s, "1.0", 3)))
		return "1.0";	/* the bare number, as some generators write it */
	if (n == 3 && !memcmp(s, "1.1", 3))
		return "1.1";
	for (i = 0; i < 2; i++) {
		l = strlen(pre[i]);
		if (n <= l || memcmp(s, pre[i], l))
			continue;
		s += l, n -= l;
		if (n && s[n - 1] == '/')
			n--;
		if (n == 1 && s[0] == '1')
			return "1.0";
		if (n == 3 && !memcmp(s, "1.1", 3))
			return "1.1";
		return NULL;
	}
	return NULL;
}

static void
set_version(struct json_feed *j, const char *s, size_t n)
{
	const char *v = feed_version(s, n);
	struct buf b = { 0 };

	if (v) {
		free(j->p->fi.version);
		j->p->fi.version = xstrdup(v);
		j->version_ok = 1;
		return;
	}
	/* said back in a warning or a refusal: one clean line, cut on a character boundary */
	buf_append(&b, s, n);
	parse_cap(&b, 80);
	free(j->version_raw);
	j->version_raw = fp_finish_single(j->p, &b);
}

/* A number written in the document as a count of bytes or seconds: false when it is none. */
static int
json_count(struct json_feed *j, const char *s, size_t n, int64_t *out)
{
	char num[64], *end;
	double v;

	if (n == 0 || n >= sizeof(num))
		goto bad;
	memcpy(num, s, n);
	num[n] = '\0';
	errno = 0;
	v = strtod(num, &end);
	if (end == num || *end || errno == ERANGE || !isfinite(v) || v < 0 || v > 9.0e18)
		goto bad;
	*out = (int64_t)llround(v);
	return 1;
bad:
	fp_warn(j->p, "'%.*s' is not a count this field can hold (a number from 0 up); ignored",
		(int)(n < 40 ? n : 40), s);
	return 0;
}

/* ---- structure ---------------------------------------------------------------- */

static const struct jkey *
keys_of(enum jctx ctx)
{
	switch (ctx) {
	case JC_ROOT: return root_keys;
	case JC_ITEM: return item_keys;
	case JC_PERSON: return person_keys;
	case JC_ATTACHMENT: return attachment_keys;
	default: return NULL;
	}
}

static struct jframe *
top(struct json_feed *j)
{
	return j->nfr ? &j->fr[j->nfr - 1] : NULL;
}

/* What the value about to be read is for. */
static enum jfield
value_field(struct json_feed *j)
{
	struct jframe *f = top(j);

	if (!f)
		return F_ROOT;
	switch (f->ctx) {
	case JC_ITEMS: return F_ITEM;
	case JC_TAGS: return F_TAG;
	case JC_PEOPLE: return F_PERSON;
	case JC_ATTACHMENTS: return F_ATTACHMENT;
	default: return f->field;
	}
}

/* A value ended: the object waits for its next key, the array for its next element. */
static void
value_done(struct json_feed *j)
{
	struct jframe *f = top(j);

	if (!f)
		return;
	if (f->ctx >= JC_ITEMS) {
		f->index++;
	} else {
		f->key = NULL;
		f->field = F_NONE;
	}
}

static const char *
wanted(enum jfield f)
{
	switch (f) {
	case F_ITEMS: case F_TAGS: case F_ATTACHMENTS: return "a list";
	case F_AUTHORS: case F_AUTHOR: case F_PERSON: return "an author object";
	case F_ITEM: return "an item object";
	case F_ATTACHMENT: return "an attachment object";
	case F_SIZE: case F_DURATION: return "a number";
	case F_ID: return "text or a number";
	default: return "text";
	}
}

/* A value of the wrong type: reported, then ignored. Returns 1 (the parse goes on). */
static int
wrong_type(struct json_feed *j, enum jfield f, const char *got)
{
	if (f != F_NONE)
		fp_warn(j->p, "%s where %s was expected; ignored", got, wanted(f));
	return 1;
}

/* The container a value opening with { or [ is, given what it is for (JC_SKIP: not read). */
static enum jctx
container_for(struct json_feed *j, enum jfield f, int array)
{
	switch (f) {
	case F_ROOT:
		if (!array)
			return JC_ROOT;
		json_fail(j, "not a JSON Feed: the document is a JSON array, where a feed is an object "
			"with \"version\" and \"items\"");
		return JC_SKIP;
	case F_ITEMS: if (array) return JC_ITEMS; break;
	case F_ITEM: if (!array) return JC_ITEM; break;
	case F_TAGS: if (array) return JC_TAGS; break;
	case F_AUTHORS: case F_AUTHOR: return array ? JC_PEOPLE : JC_PERSON;
	case F_PERSON: if (!array) return JC_PERSON; break;
	case F_ATTACHMENTS: return array ? JC_ATTACHMENTS : JC_ATTACHMENT;
	case F_ATTACHMENT: if (!array) return JC_ATTACHMENT; break;
	case F_NONE: return JC_SKIP;
	default: break;
	}
	wrong_type(j, f, array ? "a list" : "an object");
	return JC_SKIP;
}

/* Entering a container that means something. */
static void
frame_enter(struct json_feed *j, struct jframe *f, enum jfield field)
{
	struct feed_parser *p = j->p;
	const struct jframe *parent = j->nfr > 1 ? &j->fr[j->nfr - 2] : NULL;

	if (field == F_AUTHORS || field == F_AUTHOR) {
		f->rank = field == F_AUTHORS ? 1 : 2;
		f->of_item = parent && parent->ctx == JC_ITEM;
	} else if (field == F_PERSON && parent) {
		f->rank = parent->rank;
		f->of_item = parent->of_item;
	}
	switch (f->ctx) {
	case JC_ROOT:
		p->root_seen = 1;
		free(p->fi.format);
		p->fi.format = xstrdup("json");
		break;
	case JC_ITEMS:
		j->has_items = 1;
		break;
	case JC_ITEM:
		fp_item_open(p);
		p->guid_permalink = 0;	/* an id is no link, even when it is a URL */
		break;
	case JC_PERSON:
		buf_reset(&p->pname);
		buf_reset(&p->pemail);
		break;
	case JC_ATTACHMENT:
		buf_reset(&j->enc_url);
		buf_reset(&j->enc_type);
		j->enc_size = j->enc_duration = -1;
		break;
	default:
		break;
	}
}

/* One author of the feed: items without their own inherit the feed's. */
static void
feed_author(struct json_feed *j, char *name, uint8_t rank)
{
	struct feed_parser *p = j->p;

	if (!name || !*name || rank > j->feed_author_rank) {
		free(name);
		return;
	}
	if (rank < j->feed_author_rank)
		buf_reset(&p->feed_authors);
	j->feed_author_rank = rank;
	if (p->feed_authors.len)
		buf_puts(&p->feed_authors, ", ");
	buf_puts(&p->feed_authors, name);
	free(name);
}

/* An author given as bare text (a common slip in JSON Feed 1.0 feeds). */
static void
author_text(struct json_feed *j, uint8_t rank, const char *s, size_t n)
{
	struct feed_parser *p = j->p;
	struct buf b = { 0 };

	if (top(j)->ctx == JC_ITEM) {
		deliver(p, TG_AUTHOR, rank, CT_TEXT, s, n);
		return;
	}
	keep_line(j, &b, s, n);
	feed_author(j, fp_finish_single(p, &b), rank);
}

/* An author object ended: its name, else its URL. */
static void
person_done(struct json_feed *j, const struct jframe *f)
{
	struct feed_parser *p = j->p;
	const struct buf *src = p->pname.len ? &p->pname : &p->pemail;
	struct buf b = { 0 };
	char *name;

	buf_append(&b, src->data, src->len);
	name = fp_finish_single(p, &b);
	if (f->of_item)
		fp_set_ranked(&p->it.author, &p->rank[SLOT_AUTHOR], f->rank, name, 1);
	else
		feed_author(j, name, f->rank);
}

static void
attachment_done(struct json_feed *j)
{
	struct feed_parser *p = j->p;
	struct item *it = &p->it;
	size_t before = it->nenclosures;
	char len[24], *url;

	if (!j->enc_url.len) {
		fp_warn(p, "an attachment without a \"url\" ignored");
		return;
	}
	url = fp_resolve_url(p, buf_cstr(&j->enc_url));
	snprintf(len, sizeof(len), "%lld", (long long)j->enc_size);
	fp_add_enclosure(p, url, j->enc_type.len ? xstrdup(buf_cstr(&j->enc_type)) : NULL,
			 j->enc_size >= 0 ? len : NULL);
	if (it->nenclosures > before)
		it->enclosures[before].duration = j->enc_duration;
}

static void
frame_leave(struct json_feed *j, struct jframe *f)
{
	switch (f->ctx) {
	case JC_ROOT:
		j->root_done = 1;
		break;
	case JC_ITEM:
		fp_item_close(j->p);
		break;
	case JC_PERSON:
		person_done(j, f);
		break;
	case JC_ATTACHMENT:
		attachment_done(j);
		break;
	default:
		break;
	}
}

/* ---- yajl's callbacks ------------------------------------------------------------ */

static int
open_container(struct json_feed *j, int array)
{
	enum jfield field;
	enum jctx ctx;
	struct jframe *f;

	if ((unsigned)j->nfr + j->skip >= PARSE_MAX_DEPTH) {
		fp_warn(j->p, "values nested more than %d deep; the rest of the document is ignored",
			PARSE_MAX_DEPTH);
		fp_halt(j->p);
		j->stopped = 1;
		return 0;
	}
	if (j->skip) {
		j->skip++;
		return 1;
	}
	field = value_field(j);
	ctx = container_for(j, field, array);
	if (j->stopped)
		return 0;
	if (ctx == JC_SKIP || j->nfr == JSON_FRAMES) {
		j->skip = 1;
		return 1;
	}
	f = &j->fr[j->nfr++];
	memset(f, 0, sizeof(*f));
	f->ctx = ctx;
	frame_enter(j, f, field);
	return 1;
}

static int
close_container(struct json_feed *j)
{
	if (j->skip) {
		if (--j->skip == 0)
			value_done(j);
		return 1;
	}
	if (!j->nfr)
		return 1;
	frame_leave(j, &j->fr[j->nfr - 1]);
	j->nfr--;
	value_done(j);
	return 1;
}

static int
jf_start_map(void *ud)
{
	return open_container(ud, 0);
}

static int
jf_start_array(void *ud)
{
	return open_container(ud, 1);
}

static int
jf_end(void *ud)
{
	return close_container(ud);
}

static int
jf_key(void *ud, const unsigned char *key, size_t n)
{
	struct json_feed *j = ud;
	struct jframe *f = top(j);
	const struct jkey *k;

	if (j->skip || !f)
		return 1;
	f->key = NULL;
	f->field = F_NONE;
	if (n && key[0] == '_')
		return 1;	/* an extension: byline reads none */
	for (k = keys_of(f->ctx); k && k->name; k++) {
		if (strlen(k->name) != n || memcmp(k->name, key, n))
			continue;
		f->key = k->name;
		if (f->seen & (1ULL << k->field)) {
			fp_warn(j->p, "\"%s\" given twice in one object; the first is kept", k->name);
			return 1;
		}
		f->seen |= 1ULL << k->field;
		f->field = k->field;
		return 1;
	}
	return 1;
}

/*
 * s as valid UTF-8 without NUL: s itself, or a copy in tmp with U+FFFD for
 * each byte that starts no valid sequence and for each NUL (\u0000).
 */
static const char *
valid_text(struct json_feed *j, const char *s, size_t *n, struct buf *tmp)
{
	const uint8_t *u = (const uint8_t *)s, *end = u + *n, *bad, *stop, *z;
	unsigned kinds = 0;
	ucs4_t c;

	if (!u8_check(u, *n) && !memchr(s, '\0', *n))
		return s;
	while (u < end) {
		bad = u8_check(u, (size_t)(end - u));
		stop = bad ? bad : end;
		for (; (z = memchr(u, '\0', (size_t)(stop - u))); u = z + 1) {
			buf_append(tmp, u, (size_t)(z - u));
			buf_puts(tmp, "\xef\xbf\xbd");
			kinds |= JW_NUL;
		}
		buf_append(tmp, u, (size_t)(stop - u));
		if (!bad)
			break;
		buf_puts(tmp, "\xef\xbf\xbd");
		kinds |= JW_UTF8;
		u = bad + u8_mbtouc(&c, bad, (size_t)(end - bad));
	}
	kinds &= ~j->warned;
	j->warned |= kinds;
	if (kinds & JW_UTF8)
		fp_warn(j->p, "bytes that are not valid UTF-8 (which JSON must be) replaced by U+FFFD; "
			      "the rest of the text is kept");
	if (kinds & JW_NUL)
		fp_warn(j->p, "NUL characters (\\u0000) replaced by U+FFFD; the rest of the text is kept");
	*n = tmp->len;
	return tmp->data ? tmp->data : "";
}

static void
feed_string(struct json_feed *j, enum jfield f, const char *s, size_t n)
{
	struct feed_parser *p = j->p;
	char *url;

	switch (f) {
	case F_VERSION: set_version(j, s, n); break;
	case F_FEED_TITLE: deliver(p, TG_FEED_TITLE, 1, CT_TEXT, s, n); break;
	case F_HOME:
		deliver(p, TG_FEED_LINK, 1, CT_TEXT, s, n);
		set_base(j, p->fi.link, 2);
		break;
	case F_FEED_URL:
		url = url_value(j, s, n);
		set_base(j, url, 1);
		free(url);
		break;
	case F_DESC: deliver_text(p, TG_FEED_DESC, 1, s, n); break;
	case F_ICON: case F_FAVICON:
		fp_set_ranked(&p->fi.image, &j->image_rank, f == F_ICON ? 1 : 2, url_value(j, s, n), 0);
		break;
	case F_LANG: deliver(p, TG_FEED_LANG, 1, CT_TEXT, s, n); break;
	default: break;
	}
}

/* A string value: what it is for decides where it goes. */
static void
string_value(struct json_feed *j, enum jfield f, const char *s, size_t n)
{
	struct feed_parser *p = j->p;

	switch (f) {
	case F_ID: deliver(p, TG_ID, 1, CT_TEXT, s, n); break;
	case F_URL: deliver(p, TG_LINK, 1, CT_TEXT, s, n); break;
	case F_EXTERNAL: deliver(p, TG_LINK, 2, CT_TEXT, s, n); break;
	case F_TITLE: deliver(p, TG_TITLE, 1, CT_TEXT, s, n); break;
	case F_HTML: deliver(p, TG_CONTENT, 1, CT_HTML, s, n); break;
	case F_TEXT: deliver_text(p, TG_CONTENT, 2, s, n); break;
	case F_SUMMARY: deliver_text(p, TG_SUMMARY, 1, s, n); break;
	case F_PUBLISHED: deliver(p, TG_PUBLISHED, 1, CT_TEXT, s, n); break;
	case F_MODIFIED: deliver(p, TG_UPDATED, 1, CT_TEXT, s, n); break;
	case F_TAG: deliver(p, TG_CATEGORY, 1, CT_TEXT, s, n); break;
	case F_NAME: deliver(p, TG_PERSON_NAME, 1, CT_TEXT, s, n); break;
	case F_PERSON_URL: deliver(p, TG_PERSON_EMAIL, 1, CT_TEXT, s, n); break;
	case F_ENC_URL: keep_line(j, &j->enc_url, s, n); break;
	case F_MIME: keep_line(j, &j->enc_type, s, n); break;
	case F_SIZE: case F_DURATION:
		fp_warn(p, "text where a number was expected; read as a number");
		json_count(j, s, n, f == F_SIZE ? &j->enc_size : &j->enc_duration);
		break;
	case F_TAGS:
		fp_warn(p, "text where a list was expected; read as one tag");
		deliver(p, TG_CATEGORY, 1, CT_TEXT, s, n);
		break;
	case F_AUTHORS: case F_AUTHOR:
		fp_warn(p, "text where an author object was expected; read as the name");
		author_text(j, f == F_AUTHORS ? 1 : 2, s, n);
		break;
	case F_ITEMS: case F_ITEM: case F_PERSON: case F_ATTACHMENTS: case F_ATTACHMENT:
		wrong_type(j, f, "text");
		break;
	default:
		feed_string(j, f, s, n);
		break;
	}
}

static int
jf_string(void *ud, const unsigned char *s, size_t n)
{
	struct json_feed *j = ud;
	struct buf tmp = { 0 };
	enum jfield f;
	const char *t;

	if (j->skip)
		return 1;
	f = value_field(j);
	if (f != F_NONE) {
		t = valid_text(j, (const char *)s, &n, &tmp);
		string_value(j, f, t, n);
		buf_free(&tmp);
	}
	value_done(j);
	return 1;
}

static int
jf_number(void *ud, const char *s, size_t n)
{
	struct json_feed *j = ud;
	enum jfield f;

	if (j->skip)
		return 1;
	f = value_field(j);
	if (f == F_ID)
		deliver(j->p, TG_ID, 1, CT_TEXT, s, n);	/* the spec: coerce a number to a string */
	else if (f == F_SIZE || f == F_DURATION)
		json_count(j, s, n, f == F_SIZE ? &j->enc_size : &j->enc_duration);
	else
		wrong_type(j, f, "a number");
	value_done(j);
	return 1;
}

static int
jf_boolean(void *ud, int v)
{
	struct json_feed *j = ud;

	if (j->skip)
		return 1;
	wrong_type(j, value_field(j), v ? "true" : "false");
	value_done(j);
	return 1;
}

/* null: the field is absent, as many generators write it. */
static int
jf_null(void *ud)
{
	struct json_feed *j = ud;

	if (!j->skip)
		value_done(j);
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = jf_null,
	.yajl_boolean = jf_boolean,
	.yajl_number = jf_number,
	.yajl_string = jf_string,
	.yajl_start_map = jf_start_map,
	.yajl_map_key = jf_key,
	.yajl_end_map = jf_end,
	.yajl_start_array = jf_start_array,
	.yajl_end_array = jf_end,
};

void
json_feed_finish(struct json_feed *j)
{
	struct feed_parser *p = j->p;

	json_lex_finish(j);
	if (p->not_feed || j->version_ok || !p->root_seen)
		return;
	if (!j->has_items && j->version_raw)
		json_fail(j, "not a JSON Feed: its \"version\" is '%s' and it has no \"items\"", j->version_raw);
	else if (!j->has_items)
		json_fail(j, "not a JSON Feed: the JSON object has neither \"version\" nor \"items\"");
	else if (j->version_raw)
		fp_warn(p, "\"version\" '%s' is no JSON Feed version byline knows; read as JSON Feed",
			j->version_raw);
	else
		fp_warn(p, "no \"version\": read as a JSON Feed");
}


struct json_feed *
json_feed_new(struct feed_parser *p)
{
	struct json_feed *j = xcalloc(1, sizeof(*j));

	j->p = p;
	j->line = 1;
	j->caller_base = p->doc_url != NULL;
	j->base_rank = j->image_rank = j->feed_author_rank = RANK_NONE;
	j->enc_size = j->enc_duration = -1;
	j->h = yajl_alloc(&callbacks, NULL, j);
	if (!j->h) {
		fprintf(stderr, "byline: out of memory creating the JSON parser\n");
		abort();
	}
	/* bad UTF-8 becomes U+FFFD with a warning rather than losing the feed */
	yajl_config(j->h, yajl_dont_validate_strings, 1);
	return j;
}

void
json_feed_free(struct json_feed **jp)
{
	struct json_feed *j = *jp;

	if (!j)
		return;
	if (j->h)
		yajl_free(j->h);
	buf_free(&j->hold);
	buf_free(&j->enc_url);
	buf_free(&j->enc_type);
	free(j->version_raw);
	free(j);
	*jp = NULL;
}
