/* Collecting an element's text and turning it into item fields: ranks, text constructs, HTML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "byline/date.h"
#include "byline/mem.h"
#include "byline/url.h"
#include "parse_int.h"
#include "feed_parser_int.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* ---- setting fields by rank -------------------------------------------- */

/* Stores val (owned) into *dst when rank beats the current one; how says what an equal rank does. */
void
fp_set_ranked(char **dst, uint8_t *cur, uint8_t rank, char *val, int how)
{
	if (!val || !*val) {
		free(val);
		return;
	}
	if (how == FP_JOIN && *dst && rank == *cur) {
		char *j = xasprintf("%s, %s", *dst, val);

		free(*dst);
		free(val);
		*dst = j;
		return;
	}
	if (rank > *cur || (rank == *cur && how != FP_LAST)) {
		free(val);
		return;
	}
	free(*dst);
	*dst = val;
	*cur = rank;
}

/*
 * A language tag's subtags are joined by hyphens (RFC 5646); feeds written
 * from a locale name say en_US or pt_BR, which is read as en-US, pt-BR (as
 * feedparser does). Nothing else of the value changes.
 */
void
fp_set_language(struct feed_parser *p, uint8_t rank, char *lang)
{
	char *c;

	for (c = lang; c && *c; c++)
		if (*c == '_')
			*c = '-';
	fp_set_ranked(&p->fi.language, &p->frank[FSLOT_LANG], rank, lang, 0);
}

/* The one zone of the feed's language, in minutes east of UTC (Chinese, Japanese, Korean), or 0. */
static int
language_zone(const char *lang, const char **why)
{
	static const struct { const char *lang; int zone; } z[] = {
		{ "zh", 480 }, { "ja", 540 }, { "ko", 540 },
	};
	size_t i;

	for (i = 0; lang && i < sizeof(z) / sizeof(z[0]); i++)
		if (!strncasecmp(lang, z[i].lang, 2) && (!lang[2] || lang[2] == '-' || lang[2] == '_')) {
			*why = "the zone of the feed's language";
			return z[i].zone;
		}
	*why = "no zone in the feed says otherwise";
	return 0;
}

/*
 * The zone a date that names none is read in: that of the feed's last
 * date that named one, else the feed language's, else UTC (byline(1)).
 */
static int
default_zone(struct feed_parser *p, const char **why)
{
	if (p->zone != DATE_NO_ZONE) {
		*why = "the zone of the feed's other dates";
		return p->zone;
	}
	return language_zone(p->fi.language, why);
}

/* Reads date text s, learning the feed's zone from it; false when unreadable. */
static bool
read_date(struct feed_parser *p, const char *s, int64_t *t)
{
	const char *why;
	int dflt = default_zone(p, &why), zone;

	if (!date_parse_in(s, dflt, t, &zone))
		return false;
	if (zone != DATE_NO_ZONE) {
		p->zone = zone;
	} else if (!p->warned_zone) {
		p->warned_zone = 1;
		fp_warn(p, "date '%.60s' names no time zone: read at UTC%c%02d:%02d (%s)", s,
			dflt < 0 ? '-' : '+', abs(dflt) / 60, abs(dflt) % 60, why);
	}
	return true;
}

static void
set_date(struct feed_parser *p, int64_t *dst, uint8_t *cur, uint8_t rank, const char *s)
{
	int64_t t;

	if (!*s || rank > *cur)
		return;	/* an equal rank overwrites: the later of two <updated> stands */
	if (!read_date(p, s, &t)) {
		fp_warn(p, "unreadable date '%.60s' ignored", s);
		return;
	}
	*dst = t;
	*cur = rank;
}

void
fp_set_date(struct feed_parser *p, enum fp_target tgt, uint8_t rank, const char *s)
{
	if (tgt == TG_PUBLISHED)
		set_date(p, &p->it.published, &p->rank[SLOT_PUBLISHED], rank, s);
	else
		set_date(p, &p->it.updated, &p->rank[SLOT_UPDATED], rank, s);
}

void
fp_add_category(struct feed_parser *p, char *term)
{
	struct item *it = &p->it;
	size_t i;

	if (!term || !*term) {
		free(term);
		return;
	}
	for (i = 0; i < it->ncategories; i++)
		if (!strcmp(it->categories[i], term)) {
			free(term);
			return;
		}
	if (it->ncategories == p->cat_cap) {
		p->cat_cap = p->cat_cap ? 2 * p->cat_cap : 4;
		it->categories = xreallocarray(it->categories, p->cat_cap, sizeof(char *));
	}
	it->categories[it->ncategories++] = term;
}

void
fp_add_enclosure(struct feed_parser *p, char *url, char *type, const char *length)
{
	struct item *it = &p->it;
	struct enclosure *e;
	size_t i;

	if (!url || !*url)
		goto drop;
	for (i = 0; i < it->nenclosures; i++)
		if (!strcmp(it->enclosures[i].url, url))
			goto drop;
	if (it->nenclosures == p->enc_cap) {
		p->enc_cap = p->enc_cap ? 2 * p->enc_cap : 2;
		it->enclosures = xreallocarray(it->enclosures, p->enc_cap, sizeof(*e));
	}
	e = &it->enclosures[it->nenclosures++];
	e->url = url;
	if (type) {
		struct buf tb = { 0 };

		buf_puts(&tb, type);
		free(type);
		type = fp_finish_single(p, &tb);
	}
	e->type = (type && *type) ? type : (free(type), NULL);
	e->length = -1;
	e->duration = p->duration;	/* itunes:duration may come first */
	if (length) {
		char *end;
		long long v = strtoll(length, &end, 10);

		if (end != length && v >= 0)
			e->length = v;
	}
	return;
drop:
	free(url);
	free(type);
}

/* parse_clean, with one warning per document for each kind of change it made. */
void
fp_clean(struct feed_parser *p, struct buf *b, bool multiline)
{
	unsigned found = parse_clean(b, multiline) & ~p->warned_clean;

	p->warned_clean |= found;
	if (found & PARSE_CLEANED_CONTROL)
		fp_warn(p, "control characters replaced by U+FFFD (C1 by their windows-1252 "
			   "characters); the rest of the text is kept");
	if (found & PARSE_CLEANED_BIDI)
		fp_warn(p, "bidi controls removed from a title, name or link; "
			   "the rest of the text is kept");
}

/* A URL attribute or text, trimmed, cleaned and resolved against the current base. */
char *
fp_resolve_url(struct feed_parser *p, const char *raw)
{
	struct buf b = { 0 };
	char *r;

	if (!raw)
		return NULL;
	buf_puts(&b, raw);
	parse_trim(&b);
	fp_clean(p, &b, false);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	r = url_resolve(fp_cur_base(p), buf_cstr(&b));
	buf_free(&b);
	if (r && !p->warned_scheme && url_kind(r) == URL_REFUSED) {
		p->warned_scheme = 1;
		buf_puts(&b, r);
		parse_cap(&b, 80);	/* a whole character last */
		fp_warn(p, "link '%s' kept, but byline opens only http, https and mailto links",
			buf_cstr(&b));
		buf_free(&b);
	}
	return r;
}

/* ---- capture: collecting an element's text ----------------------------- */

void
fp_capture_start(struct feed_parser *p, enum fp_target tgt, uint8_t rank, enum fp_ctype ct)
{
	struct capture *c = &p->cap;

	buf_reset(&c->buf);
	c->active = 1;
	c->depth = p->depth;
	c->tgt = tgt;
	c->rank = rank;
	c->ctype = ct;
	c->serialize = (ct == CT_HTML || ct == CT_XHTML);
	c->skip_div = 0;
	c->div_depth = 0;
	c->base64 = 0;
	c->media = 0;
	c->open_tag = 0;
	c->cut = 0;
	c->limit = (tgt == TG_SUMMARY || tgt == TG_CONTENT || tgt == TG_FEED_DESC)
			   ? PARSE_MAX_HTML_FIELD : PARSE_MAX_LINE_FIELD;
}

static void
capture_append(struct feed_parser *p, const char *s, size_t n, int escape)
{
	struct capture *c = &p->cap;

	if (c->cut)
		return;
	if (c->buf.len + n > c->limit + 4) {
		c->cut = 1;
		fp_warn(p, "text longer than %zu KiB cut short", c->limit >> 10);
		n = c->limit + 4 > c->buf.len ? c->limit + 4 - c->buf.len : 0;
	}
	if (escape)
		parse_escape_html(&c->buf, s, n);
	else
		buf_append(&c->buf, s, n);
}

static void
close_open_tag(struct feed_parser *p)
{
	if (p->cap.open_tag) {
		buf_putc(&p->cap.buf, '>');
		p->cap.open_tag = 0;
	}
}

void
fp_capture_text(struct feed_parser *p, const char *s, size_t n)
{
	close_open_tag(p);
	capture_append(p, s, n, p->cap.ctype == CT_XHTML);
}

static int
is_void(const char *name)
{
	static const char *const v[] = { "br", "hr", "img", "input", "meta", "link", "area",
		"base", "col", "embed", "param", "source", "track", "wbr", NULL };
	int i;

	for (i = 0; v[i]; i++)
		if (!strcmp(name, v[i]))
			return 1;
	return 0;
}

static int
html_target(enum fp_target t)
{
	return t == TG_SUMMARY || t == TG_CONTENT || t == TG_FEED_DESC;
}

/* A child element inside captured markup: written out as HTML (or dropped for text). */
void
fp_capture_child_start(struct feed_parser *p, const struct elem *el)
{
	struct capture *c = &p->cap;
	int i;

	close_open_tag(p);
	if (!c->serialize && c->ctype == CT_TEXT && html_target(c->tgt)) {
		/* markup inside a text construct (Atom 0.3 "naked markup"): keep it */
		struct buf esc = { 0 };

		parse_escape_html(&esc, c->buf.data ? c->buf.data : "", c->buf.len);
		buf_free(&c->buf);
		c->buf = esc;
		c->ctype = CT_XHTML;
		c->serialize = 1;
	}
	if (!c->serialize || c->cut)
		return;
	if (c->skip_div && p->depth == c->depth + 1 && fp_is(el, "div") && el->ns == NS_XHTML &&
	    c->buf.len == 0 && !c->div_depth) {
		c->div_depth = p->depth;
		return;
	}
	buf_putc(&c->buf, '<');
	buf_puts(&c->buf, el->name);
	for (i = 0; i < el->nattrs; i++) {
		const xmlChar **a = el->attrs + 5 * i;
		char *v = fp_attr_value(a);
		const char *an = (const char *)a[0];
		char *r = parse_is_url_attr(an, strlen(an)) ? url_resolve(fp_cur_base(p), v)
			  : !strcmp(an, "srcset") ? parse_srcset_resolve(v, fp_cur_base(p)) : NULL;

		if (a[2] && !strcmp((const char *)a[2], XML_NS))
			goto next;
		buf_putc(&c->buf, ' ');
		buf_puts(&c->buf, (const char *)a[0]);
		buf_puts(&c->buf, "=\"");
		parse_escape_html(&c->buf, r ? r : v, strlen(r ? r : v));
		buf_putc(&c->buf, '"');
next:
		free(r);
		free(v);
	}
	c->open_tag = 1;
}

void
fp_capture_child_end(struct feed_parser *p, const char *name)
{
	struct capture *c = &p->cap;

	if (!c->serialize || c->cut)
		return;
	if (c->div_depth == p->depth) {
		close_open_tag(p);
		c->div_depth = -1;	/* only the first wrapper is dropped */
		return;
	}
	if (c->open_tag) {
		c->open_tag = 0;
		if (is_void(name)) {
			buf_puts(&c->buf, " />");
			return;
		}
		buf_putc(&c->buf, '>');
	}
	buf_puts(&c->buf, "</");
	buf_puts(&c->buf, name);
	buf_putc(&c->buf, '>');
}

/* s[0..n) is an e-mail address, perhaps as a mailto: URL (no blank, one '@'). */
static int
is_address(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);

	if (n >= 7 && !strncasecmp(s, "mailto:", 7))
		s += 7, n -= 7;
	return n > 2 && at && !memchr(s, ' ', n) && at != s + n - 1;
}

/* A new string of s[0..n) trimmed, or NULL when that is empty. */
static char *
trimmed(const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return n ? xstrndup(s, n) : NULL;
}

/*
 * The name in an author field as feeds write it: "jo@example.com (Jo Doe)",
 * "Jo Doe (jo@example.com)", "Jo Doe <jo@example.com>", with or without
 * mailto:. A bare address is kept without its mailto:. s is collapsed text,
 * owned; returns what replaces it.
 */
char *
fp_person_name(char *s)
{
	char *open, *name = NULL;
	size_t n;

	if (!s || !(n = strlen(s)))
		return s;
	open = strrchr(s, '(');
	if (open && open > s && s[n - 1] == ')') {
		if (is_address(s, (size_t)(open - s - 1)) && open[-1] == ' ')
			name = trimmed(open + 1, (size_t)(s + n - 1 - open - 1));	/* address (Name) */
		else if (is_address(open + 1, (size_t)(s + n - 1 - open - 1)))
			name = trimmed(s, (size_t)(open - s));	/* Name (address) */
	}
	open = strrchr(s, '<');
	if (!name && open && open > s && s[n - 1] == '>' && is_address(open + 1, (size_t)(s + n - 2 - open)))
		name = trimmed(s, (size_t)(open - s));	/* Name <address> */
	if (!name && !strncasecmp(s, "mailto:", 7) && is_address(s, n))
		name = xstrdup(s + 7);
	if (!name)
		return s;
	free(s);
	return name;
}

/* Plain text for a title-like field, from whatever type it was given in. */
static char *
finish_plain(struct feed_parser *p, struct buf *b, enum fp_ctype ct)
{
	struct buf out = { 0 };

	if (ct == CT_HTML || ct == CT_XHTML || (ct == CT_GUESS && parse_looks_like_html(b->data, b->len))) {
		parse_html_to_text(&out, b->data ? b->data : "", b->len);
	} else {
		out = *b;
		memset(b, 0, sizeof(*b));
	}
	fp_clean(p, &out, false);
	parse_collapse_ws(&out);
	return buf_steal(&out);
}

/* HTML with a tag in it: a '<' that starts one ("1 < 2" has none). */
static int
has_tag(const struct buf *b)
{
	const char *q = b->data, *end = b->data + b->len;

	while ((q = memchr(q, '<', (size_t)(end - q))) && ++q < end) {
		char c = (char)(*q | 0x20);

		if ((c >= 'a' && c <= 'z') || *q == '/' || *q == '!' || *q == '?')
			return 1;
	}
	return 0;
}

/* Length of the blank line run at s (a newline, blanks, a newline ...), or 0. */
static size_t
blank_lines(const char *s, const char *end)
{
	const char *p = s;
	int nl = 0;

	while (p < end && (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t'))
		nl += *p++ == '\n';
	return nl >= 2 ? (size_t)(p - s) : 0;
}

/*
 * Text without a tag that has blank lines: each paragraph in <p>, so the
 * paragraphs a plain-text description was written in stay paragraphs
 * when rendered (HTML would run them together).
 */
static void
text_paragraphs(struct buf *b)
{
	const char *s = b->data, *end = b->data + b->len, *q, *start = s;
	struct buf out = { 0 };
	size_t n;

	for (q = memchr(s, '\n', b->len); q; q = memchr(q + 1, '\n', (size_t)(end - q - 1)))
		if (blank_lines(q, end))
			break;
	if (!q)
		return;
	for (q = s; q < end; q++) {
		if (*q != '\n' || !(n = blank_lines(q, end)))
			continue;
		buf_printf(&out, "<p>%.*s</p>", (int)(q - start), start);
		start = q + n;
		q += n - 1;
	}
	if (start < end)
		buf_printf(&out, "<p>%.*s</p>", (int)(end - start), start);
	buf_free(b);
	*b = out;
}

static char *
finish_html(struct feed_parser *p, struct buf *b, enum fp_ctype ct)
{
	struct buf out = { 0 };
	char *r;

	parse_trim(b);
	if (ct == CT_TEXT)
		parse_escape_html(&out, b->data ? b->data : "", b->len);
	else
		out = *b, memset(b, 0, sizeof(*b));
	/*
	 * The transcoder and the reference fixer let few controls through, but
	 * a lone carriage return still can; the check is one cheap pass.
	 */
	fp_clean(p, &out, true);
	entity_fix_c1_refs(&out);
	if (out.len == 0) {
		buf_free(&out);
		return NULL;
	}
	if (ct != CT_XHTML && !has_tag(&out))
		text_paragraphs(&out);	/* plain text: its blank lines are paragraphs */
	if (!fp_cur_base(p) || !memchr(out.data, '<', out.len))
		return buf_steal(&out);
	r = parse_html_resolve(out.data, fp_cur_base(p));
	buf_free(&out);
	return r;
}

char *
fp_finish_single(struct feed_parser *p, struct buf *b)
{
	struct buf out = *b;

	memset(b, 0, sizeof(*b));
	fp_clean(p, &out, false);
	parse_collapse_ws(&out);
	return buf_steal(&out);
}

/* "one, two,three": a category each. */
static void
add_keywords(struct feed_parser *p, struct buf *b)
{
	const char *s = buf_cstr(b), *comma;
	struct buf k = { 0 };

	for (; *s; s = *comma ? comma + 1 : comma) {
		comma = s + strcspn(s, ",");
		buf_reset(&k);
		buf_append(&k, s, (size_t)(comma - s));
		fp_add_category(p, fp_finish_single(p, &k));
	}
	buf_free(&k);
}

/* itunes:duration: seconds, MM:SS or H:MM:SS; anything else is no duration. */
static void
set_duration(struct feed_parser *p, const char *v)
{
	int64_t t = 0, part;
	char *end;
	int parts = 0;
	size_t i;

	do {
		if (*v < '0' || *v > '9' || ++parts > 3)
			return;
		part = strtoll(v, &end, 10);
		if (part < 0 || part > 100000000 || (*end && *end != ':'))
			return;
		t = t * 60 + part;
		v = *end ? end + 1 : end;
	} while (*v);
	p->duration = t;
	for (i = 0; i < p->it.nenclosures; i++)
		if (p->it.enclosures[i].duration < 0)
			p->it.enclosures[i].duration = t;
}

static void
deliver_item_field(struct feed_parser *p, enum fp_target tgt, uint8_t rank, enum fp_ctype ct,
		   struct buf *b)
{
	struct item *it = &p->it;

	switch (tgt) {
	case TG_TITLE:
		fp_set_ranked(&it->title, &p->rank[SLOT_TITLE], rank, finish_plain(p, b, ct), 0);
		break;
	case TG_LINK:	/* of several RSS links the last stands, as in feedparser and gofeed */
		fp_set_ranked(&it->link, &p->rank[SLOT_LINK], rank, fp_resolve_url(p, buf_cstr(b)),
			      p->is_atom ? FP_FIRST : FP_LAST);
		break;
	case TG_ID:
		parse_trim(b);
		if (rank == 1 && !p->guid)
			p->guid = xstrdup(buf_cstr(b));
		fp_set_ranked(&it->id, &p->rank[SLOT_ID], rank, fp_finish_single(p, b), 0);
		break;
	case TG_AUTHOR:
		fp_set_ranked(&it->author, &p->rank[SLOT_AUTHOR], rank, fp_person_name(finish_plain(p, b, ct)), FP_JOIN);
		break;
	case TG_PUBLISHED:
		parse_trim(b);
		set_date(p, &it->published, &p->rank[SLOT_PUBLISHED], rank, buf_cstr(b));
		break;
	case TG_UPDATED:
		parse_trim(b);
		set_date(p, &it->updated, &p->rank[SLOT_UPDATED], rank, buf_cstr(b));
		break;
	case TG_SUMMARY:
		fp_set_ranked(&it->summary, &p->rank[SLOT_SUMMARY], rank, finish_html(p, b, ct), 0);
		break;
	case TG_CONTENT:
		fp_set_ranked(&it->content, &p->rank[SLOT_CONTENT], rank, finish_html(p, b, ct), 0);
		break;
	case TG_CATEGORY:
		fp_add_category(p, finish_plain(p, b, ct));
		break;
	case TG_KEYWORDS:
		add_keywords(p, b);
		break;
	case TG_DURATION:
		parse_trim(b);
		set_duration(p, buf_cstr(b));
		break;
	case TG_DC_DATE:	/* updated after atom:updated, modified, dcterms:modified, LASTMOD */
		parse_trim(b);
		set_date(p, &it->published, &p->rank[SLOT_PUBLISHED], rank, buf_cstr(b));
		set_date(p, &it->updated, &p->rank[SLOT_UPDATED], 5, buf_cstr(b));
		break;
	default:
		break;
	}
}

/* A whole number from lo to hi, blanks around allowed; -1 when it is not one. */
static long
small_number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return *end || v < lo || v > hi ? -1 : v;
}

/* sy:updatePeriod's words in seconds (a month is 30 days), or 0. */
static int
sy_period_seconds(const char *s)
{
	static const struct { const char *word; int s; } periods[] = {
		{ "hourly", 3600 }, { "daily", 86400 }, { "weekly", 7 * 86400 },
		{ "monthly", 30 * 86400 }, { "yearly", 365 * 86400 },
	};
	size_t i;

	for (i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
		if (!strcasecmp(s, periods[i].word))
			return periods[i].s;
	return 0;
}

/* The day of a <skipDays><day>, 0 Sunday .. 6 Saturday, or -1. */
static int
skip_day(const char *s)
{
	static const char *const days[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					     "Thursday", "Friday", "Saturday" };
	int i;

	for (i = 0; i < 7; i++)
		if (!strcasecmp(s, days[i]))
			return i;
	return -1;
}

/* How often to ask: <ttl>, sy:updatePeriod and sy:updateFrequency, skipHours, skipDays. */
static void
deliver_schedule(struct feed_parser *p, enum fp_target tgt, const char *v)
{
	struct feed_info *fi = &p->fi;
	long n;

	switch (tgt) {
	case TG_FEED_TTL:
		if ((n = small_number(v, 0, 525600)) < 0)	/* a year at most */
			fp_warn(p, "<ttl> is not a number of minutes: \"%.60s\" (ignored)", v);
		else
			fi->ttl = (int)n;
		return;
	case TG_FEED_SY_PERIOD:
		if (!(p->sy_period = sy_period_seconds(v)))
			fp_warn(p, "sy:updatePeriod is not hourly, daily, weekly, monthly or "
				"yearly: \"%.60s\" (ignored)", v);
		break;
	case TG_FEED_SY_FREQ:
		if ((n = small_number(v, 1, 1000000)) < 0)
			fp_warn(p, "sy:updateFrequency is not a whole number from 1: \"%.60s\" "
				"(ignored)", v);
		else
			p->sy_freq = (int)n;
		break;
	case TG_FEED_SKIP_HOUR:
		/* RSS 2.0 counts 0-23 in GMT; RSS 0.91 wrote 1-24, so 24 is midnight */
		if ((n = small_number(v, 0, 24)) < 0)
			fp_warn(p, "a <skipHours> hour is not 0 to 23: \"%.60s\" (ignored)", v);
		else
			fi->skip_hours |= 1u << (n % 24);
		return;
	case TG_FEED_SKIP_DAY:
		if ((n = skip_day(v)) < 0)
			fp_warn(p, "a <skipDays> day is not Monday ... Sunday: \"%.60s\" (ignored)", v);
		else
			fi->skip_days |= 1u << n;
		return;
	default:
		return;
	}
	if (p->sy_period || p->sy_freq)	/* the period is daily when only the frequency is given */
		fi->update_period = (p->sy_period ? p->sy_period : 86400) /
				    (p->sy_freq ? p->sy_freq : 1);
}

static void
deliver_feed_field(struct feed_parser *p, enum fp_target tgt, uint8_t rank, enum fp_ctype ct,
		   struct buf *b)
{
	struct feed_info *fi = &p->fi;

	switch (tgt) {
	case TG_FEED_TITLE:
		fp_set_ranked(&fi->title, &p->frank[FSLOT_TITLE], rank, finish_plain(p, b, ct), 0);
		break;
	case TG_FEED_LINK:
		fp_set_ranked(&fi->link, &p->frank[FSLOT_LINK], rank, fp_resolve_url(p, buf_cstr(b)),
			      p->is_atom ? FP_FIRST : FP_LAST);
		break;
	case TG_FEED_DESC:
		fp_set_ranked(&fi->description, &p->frank[FSLOT_DESC], rank, finish_html(p, b, ct), 0);
		break;
	case TG_FEED_LANG:
		parse_trim(b);
		fp_set_language(p, rank, fp_finish_single(p, b));
		break;
	case TG_FEED_IMAGE:
		fp_set_ranked(&fi->image, &p->frank[FSLOT_IMAGE], rank, fp_resolve_url(p, buf_cstr(b)), 0);
		break;
	case TG_FEED_TTL: case TG_FEED_SY_PERIOD: case TG_FEED_SY_FREQ:
	case TG_FEED_SKIP_HOUR: case TG_FEED_SKIP_DAY:
		parse_trim(b);
		deliver_schedule(p, tgt, buf_cstr(b));
		break;
	case TG_FEED_DATE: {
		int64_t t;

		parse_trim(b);	/* not in the model: read for the zone it names */
		if (b->len)
			read_date(p, buf_cstr(b), &t);
		break;
	}
	default:
		break;
	}
}

static int
is_b64(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '/';
}

/*
 * The value is base64 (RFC 4648): its alphabet only, blanks aside, up to
 * two '=' at the end, a length that base64 can have (padding may be left
 * out). JSON, a sentence, a URL are not.
 */
static int
is_base64(const struct buf *b)
{
	size_t i, n = 0, pad = 0;

	for (i = 0; i < b->len; i++) {
		char c = b->data[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '=' && pad < 2)
			pad++;
		else if (pad || !is_b64(c))
			return 0;
		else
			n++;
	}
	return n > 0 && (pad ? (n + pad) % 4 == 0 : n % 4 != 1);
}

/* Decodes base64 in place (the caller checked it is base64). */
static void
base64_decode(struct buf *b)
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;
	unsigned acc = 0;
	int bits = 0;

	for (i = 0; i < b->len; i++) {
		const char *q = b->data[i] ? strchr(alpha, b->data[i]) : NULL;

		if (!q)
			continue;
		acc = (acc << 6) | (unsigned)(q - alpha);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			b->data[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	buf_truncate(b, o);
}

/* Decoded media that is text after all: valid UTF-8 without NUL or other C0 controls. */
static int
is_text(const struct buf *b)
{
	size_t i;

	if (b->len == 0 || u8_check((const uint8_t *)b->data, b->len))
		return 0;
	for (i = 0; i < b->len; i++)
		if ((unsigned char)b->data[i] < 0x20 && b->data[i] != '\t' && b->data[i] != '\n' &&
		    b->data[i] != '\r')
			return 0;
	return 1;
}

/*
 * The text of a value that may be base64 (Atom 0.3 mode="base64", Atom 1.0
 * content of another media type): decoded when it is base64 of text; read
 * as the text it is when it is not base64 at all ("test" as a title of a
 * made-up type, {"a":1} as application/json). False for binary content.
 */
static int
decode_base64(struct feed_parser *p, struct buf *b)
{
	struct buf d = { 0 };

	if (!is_base64(b))
		return 1;
	buf_append(&d, b->data, b->len);
	base64_decode(&d);
	if (is_text(&d)) {
		buf_free(b);
		*b = d;
		parse_clean_untrusted(b, true);
		return 1;
	}
	buf_free(&d);
	/* binary: an image has nothing to show; a title or summary is its words */
	return !(p->cap.media && p->cap.tgt == TG_CONTENT);
}

void
fp_capture_end(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	struct buf b = c->buf;

	memset(&c->buf, 0, sizeof(c->buf));
	c->active = 0;
	close_open_tag(p);
	if (c->ctype == CT_SKIP) {
		buf_free(&b);
		return;
	}
	if (c->base64 && !decode_base64(p, &b)) {
		buf_free(&b);	/* an image or other binary: nothing to show */
		return;
	}
	parse_cap(&b, c->limit);
	if (c->tgt == TG_PERSON_NAME || c->tgt == TG_PERSON_EMAIL) {
		parse_trim(&b);
		buf_reset(c->tgt == TG_PERSON_NAME ? &p->pname : &p->pemail);
		buf_append(c->tgt == TG_PERSON_NAME ? &p->pname : &p->pemail, b.data, b.len);
	} else if (c->tgt >= TG_FEED_TITLE) {
		deliver_feed_field(p, c->tgt, c->rank, c->ctype, &b);
	} else if (p->item_depth >= 0) {
		deliver_item_field(p, c->tgt, c->rank, c->ctype, &b);
	}
	buf_free(&b);
}

/* ---- text constructs ---------------------------------------------------- */

/* The content type of an Atom text construct (1.0 type, 0.3 type and mode). */

/* Captures an Atom text construct; only Atom 1.0 xhtml drops its wrapping div. */
void
fp_capture_construct(struct feed_parser *p, const struct elem *el, enum fp_target tgt, uint8_t rank)
{
	enum fp_ctype ct = fp_atom_ctype(el, CT_TEXT);

	char *mode = fp_attr_dup(el, "mode", NULL);

	if (ct == CT_SKIP && el->ns == NS_ATOM) {
		/* RFC 4287 4.1.3.3: another media type is base64; shown if it is text */
		fp_capture_start(p, tgt, rank, CT_TEXT);
		p->cap.base64 = p->cap.media = 1;
		free(mode);
		return;
	}
	fp_capture_start(p, tgt, rank, ct);
	p->cap.skip_div = (ct == CT_XHTML && el->ns == NS_ATOM);
	if (mode && !strcasecmp(mode, "base64") && ct != CT_SKIP) {
		p->cap.base64 = 1;
		p->cap.serialize = 0;
	}
	free(mode);
}

enum fp_ctype
fp_atom_ctype(const struct elem *el, enum fp_ctype dflt)
{
	char *type = fp_attr_dup(el, "type", NULL), *mode = fp_attr_dup(el, "mode", NULL);
	enum fp_ctype ct = dflt;

	if (type && *type) {	/* an empty type is no type */
		if (!strcasecmp(type, "plain"))
			ct = CT_TEXT;	/* Media RSS */
		else if (!strcasecmp(type, "html") || !strcasecmp(type, "text/html"))
			ct = CT_HTML;
		else if (!strcasecmp(type, "xhtml") || !strcasecmp(type, "application/xhtml+xml"))
			ct = CT_XHTML;
		else if (!strcasecmp(type, "text") || !strncasecmp(type, "text/", 5))
			ct = CT_TEXT;
		else if (strstr(type, "xml"))
			ct = CT_XHTML;
		else
			ct = CT_SKIP;	/* base64 media we cannot show */
	}
	if (mode && !strcasecmp(mode, "xml") && ct == CT_SKIP)
		ct = CT_XHTML;
	else if (mode && !strcasecmp(mode, "escaped") && ct == CT_XHTML)
		ct = CT_HTML;
	free(type);
	free(mode);
	return ct;
}

