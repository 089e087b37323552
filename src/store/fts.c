/* The full-text index: article text for the trigram FTS5 table, kept in step with items. */
#define _GNU_SOURCE	/* strcasestr */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/mem.h"
#include "store_int.h"

/* Articles indexed per transaction (a few hundred milliseconds). */
#define FTS_BATCH 256
/* Index at most this much body text per article. */
#define FTS_BODY_MAX (128 * 1024)

static const struct {
	const char *name;
	const char *text;
} entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
	{ "nbsp", " " }, { "mdash", "\xe2\x80\x94" }, { "ndash", "\xe2\x80\x93" },
	{ "hellip", "\xe2\x80\xa6" }, { "ldquo", "\xe2\x80\x9c" }, { "rdquo", "\xe2\x80\x9d" },
	{ "lsquo", "\xe2\x80\x98" }, { "rsquo", "\xe2\x80\x99" }, { NULL, NULL },
};

static void
put_codepoint(struct buf *b, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0x20)
		cp = ' ';
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[3] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 4);
	}
}

/* Decodes the entity at p (just after '&'); returns bytes used, 0 when not one. */
static size_t
put_entity(struct buf *b, const char *p)
{
	const char *semi = strchr(p, ';');
	size_t n, i;
	char *end;
	unsigned long cp;

	if (!semi || semi - p > 10 || semi == p)
		return 0;
	n = (size_t)(semi - p);
	if (p[0] == '#') {
		cp = (p[1] == 'x' || p[1] == 'X') ? strtoul(p + 2, &end, 16)
						  : strtoul(p + 1, &end, 10);
		if (end != semi)
			return 0;
		put_codepoint(b, cp);
		return n + 1;
	}
	for (i = 0; entities[i].name; i++)
		if (strlen(entities[i].name) == n && !strncmp(p, entities[i].name, n)) {
			buf_puts(b, entities[i].text);
			return n + 1;
		}
	return 0;
}

/* Skips a tag starting at '<'; script and style elements go with their content. */
static const char *
skip_tag(const char *p)
{
	const char *end = NULL;

	if (!strncasecmp(p, "<script", 7))
		end = strcasestr(p, "</script");
	else if (!strncasecmp(p, "<style", 6))
		end = strcasestr(p, "</style");
	if (end)
		p = end;
	if (!strncmp(p, "<!--", 4)) {
		end = strstr(p + 4, "-->");
		return end ? end + 3 : p + strlen(p);
	}
	end = strchr(p, '>');
	return end ? end + 1 : p + strlen(p);
}

/* Inline elements do not separate words: "<b>人工</b>智能" indexes as 人工智能. */
static bool
tag_is_inline(const char *p)
{
	static const char *const inl[] = {
		"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em",
		"font", "i", "ins", "kbd", "mark", "q", "rb", "rp", "rt", "ruby", "s", "samp",
		"small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", NULL,
	};
	size_t n = 0, i;

	p += p[1] == '/' ? 2 : 1;
	while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z'))
		n++;
	for (i = 0; inl[i]; i++)
		if (strlen(inl[i]) == n && !strncasecmp(p, inl[i], n))
			return true;
	return false;
}

/* Drops a UTF-8 sequence cut short at the end of the buffer. */
static void
trim_partial_utf8(struct buf *b)
{
	size_t i = b->len, need;
	unsigned char c;

	while (i > 0 && ((unsigned char)b->data[i - 1] & 0xc0) == 0x80 && b->len - i < 3)
		i--;
	if (i == 0)
		return;
	c = (unsigned char)b->data[i - 1];
	if (c < 0xc0)
		return;
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	if (b->len - (i - 1) < need)
		buf_truncate(b, i - 1);
}

/* Text of an HTML fragment for the index: tags dropped, entities decoded, blanks collapsed. */
static void
store_html_text(const char *html, size_t max, struct buf *out)
{
	const char *p = html;
	bool space = true;
	size_t n;

	while (p && *p && out->len < max) {
		if (*p == '<') {
			if (!tag_is_inline(p) && !space) {
				buf_putc(out, ' ');
				space = true;
			}
			p = skip_tag(p);
		} else if ((unsigned char)*p <= ' ') {
			if (!space)
				buf_putc(out, ' ');
			space = true;
			p++;
		} else if (*p == '&' && (n = put_entity(out, p + 1))) {
			p += n + 1;
			space = false;
		} else {
			buf_putc(out, *p++);
			space = false;
		}
	}
	trim_partial_utf8(out);
	while (out->len && out->data[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
}

enum bl_status
store_fts_put(struct store *s, int64_t rowid, const char *title, const char *author,
	      const char *html, struct bl_err *err)
{
	const char *what = "cannot update the search index";
	struct buf body = {0};
	enum bl_status ret;

	if (store_run(s, ST_FTS_DELETE, what, err, "i", rowid))
		return BL_ERR;
	store_html_text(html, FTS_BODY_MAX, &body);
	ret = store_run(s, ST_FTS_INSERT, what, err, "ittt", rowid, title ? title : "",
			author ? author : "", buf_cstr(&body));
	buf_free(&body);
	return ret;
}

enum bl_status
store_fts_queue(struct store *s, int64_t rowid, struct bl_err *err)
{
	return store_run(s, ST_FTS_TODO_ADD, "cannot save an article", err, "i", rowid);
}

/* The indexed fields of one article. */
struct fts_source {
	char *title, *author, *html;
};

static void
source_fill(sqlite3_stmt *st, void *ud)
{
	struct fts_source *src = ud;

	src->title = store_col_strdup(st, 0);
	src->author = store_col_strdup(st, 1);
	src->html = store_col_strdup(st, 2);
}

/* Indexes one queued article (gone from item: nothing to index) and unqueues it. */
static enum bl_status
index_one(struct store *s, int64_t rowid, struct bl_err *err)
{
	struct fts_source src = { 0 };
	enum bl_status ret;
	bool found;

	ret = store_row(s, ST_FTS_SOURCE, "cannot index an article", source_fill, &src, &found,
			err, "i", rowid);
	if (!ret && found)
		ret = store_fts_put(s, rowid, src.title, src.author, src.html, err);
	free(src.title);
	free(src.author);
	free(src.html);
	if (ret)
		return BL_ERR;
	return store_run(s, ST_FTS_TODO_DONE, "cannot index an article", err, "i", rowid);
}

/* The next `max` queued rowids (all when max is 0). */
static enum bl_status
todo_next(struct store *s, size_t max, int64_t **ids, size_t *n, struct bl_err *err)
{
	sqlite3_stmt *st = store_stmt(s, ST_FTS_TODO_NEXT, err);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, max ? (int64_t)max : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xreallocarray(*ids, cap, sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? BL_OK : store_fail(s, err, "cannot index articles");
}

static enum bl_status
todo_count(struct store *s, size_t *left, struct bl_err *err)
{
	int64_t n = 0;

	if (store_int(s, ST_FTS_TODO_COUNT, "cannot index articles", &n, NULL, err, ""))
		return BL_ERR;
	*left = (size_t)n;
	return BL_OK;
}

/* One transaction: indexes up to max queued articles. */
static enum bl_status
index_batch(struct store *s, size_t max, size_t *done, struct bl_err *err)
{
	int64_t *ids = NULL;
	size_t n = 0, i;
	enum bl_status ret = BL_ERR;

	*done = 0;
	if (store_begin(s, err))
		return BL_ERR;
	if (todo_next(s, max, &ids, &n, err))
		goto out;
	for (i = 0; i < n; i++)
		if (index_one(s, ids[i], err))
			goto out;
	ret = store_commit(s, err);
	*done = n;
out:
	if (ret)
		store_rollback(s);
	free(ids);
	return ret;
}

enum bl_status
store_index(struct store *s, size_t max, size_t *left, struct bl_err *err)
{
	size_t dummy, want, done, total = 0;

	left = left ? left : &dummy;
	if (s->in_tx)
		return bl_err_set(err, "%s: cannot index during a refresh (internal error)", s->path);
	/* Most calls find nothing to do: look before taking the write lock. */
	if (todo_count(s, left, err))
		return BL_ERR;
	/* Short transactions, so a refresh in another process never waits long. */
	while (*left > 0 && (!max || total < max)) {
		want = FTS_BATCH;
		if (max && max - total < want)
			want = max - total;
		if (index_batch(s, want, &done, err) || todo_count(s, left, err))
			return BL_ERR;
		total += done;
		if (!done)
			break;
	}
	return BL_OK;
}
