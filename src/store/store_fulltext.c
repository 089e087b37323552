/* The full text of articles (reader mode): stored beside the article, read back when it opens. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/buf.h"
#include "byline/item.h"
#include "byline/mem.h"
#include "store_int.h"

/* One statement prepared and finalized: these run once an article, not once a row. */
static sqlite3_stmt *
prepare(struct store *s, const char *sql, struct bl_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, err, "cannot prepare a query");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

enum bl_status
store_fulltext_get(struct store *s, int64_t rowid, char **html, struct bl_err *err)
{
	sqlite3_stmt *st = prepare(s, "SELECT html FROM item_fulltext WHERE item_id = ?", err);
	int rc;

	*html = NULL;
	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*html = store_col_strdup(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read the article's full text");
	return BL_OK;
}

enum bl_status
store_fulltext_put(struct store *s, int64_t rowid, const char *html, struct bl_err *err)
{
	sqlite3_stmt *st = prepare(s, "INSERT OR REPLACE INTO item_fulltext (item_id, html, "
				   "fetched_at) SELECT id, ?2, ?3 FROM item WHERE id = ?1", err);
	int rc;

	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, html, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot store the article's full text");
	return BL_OK;
}

enum bl_status
store_fulltext_missing(struct store *s, int64_t feed_id, int64_t since, size_t max,
		       struct fulltext_todo **todo, size_t *n, struct bl_err *err)
{
	sqlite3_stmt *st = prepare(s, "SELECT id, link FROM item WHERE feed_id = ?1 AND "
				   "first_seen >= ?2 AND link IS NOT NULL AND id NOT IN "
				   "(SELECT item_id FROM item_fulltext) ORDER BY id DESC LIMIT ?3",
				   err);
	int rc;

	*todo = NULL;
	*n = 0;
	if (!st)
		return BL_ERR;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int64(st, 3, (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*todo = xreallocarray(*todo, *n + 1, sizeof(**todo));
		(*todo)[(*n)++] = (struct fulltext_todo){ sqlite3_column_int64(st, 0),
							  store_col_strdup(st, 1) };
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot list the articles waiting for their full text");
	return BL_OK;
}

#define META_START "<!--byline-meta\t"
#define META_END "-->\n"

char *
store_fulltext_pack(const struct fulltext_meta *m, const char *html)
{
	struct buf b = {0};

	buf_printf(&b, META_START "%s\t%s\t", m->title ? m->title : "", m->author ? m->author : "");
	if (m->published != BL_NO_DATE)
		buf_printf(&b, "%" PRId64, m->published);
	buf_puts(&b, META_END);
	buf_puts(&b, html);
	return buf_steal(&b);
}

/* The next tab-ended field of the line [*p, end), or NULL when empty. */
static char *
meta_field(const char **p, const char *end)
{
	const char *tab = memchr(*p, '\t', (size_t)(end - *p));
	const char *e = tab ? tab : end;
	char *f = e > *p ? xstrndup(*p, (size_t)(e - *p)) : NULL;

	*p = tab ? tab + 1 : end;
	return f;
}

const char *
store_fulltext_unpack(const char *stored, struct fulltext_meta *m)
{
	const char *p = stored + strlen(META_START), *nl, *end;
	char *date;

	m->title = m->author = NULL;
	m->published = BL_NO_DATE;
	if (strncmp(stored, META_START, strlen(META_START)) || !(nl = strchr(p, '\n')) ||
	    nl - p < 3 || strncmp(nl - 3, "-->", 3))
		return stored;
	end = nl - 3;
	m->title = meta_field(&p, end);
	m->author = meta_field(&p, end);
	if ((date = meta_field(&p, end)))
		m->published = strtoll(date, NULL, 10);
	free(date);
	return nl + 1;
}

void
fulltext_meta_clear(struct fulltext_meta *m)
{
	free(m->title);
	free(m->author);
	m->title = m->author = NULL;
	m->published = BL_NO_DATE;
}
