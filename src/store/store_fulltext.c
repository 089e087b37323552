/* The full text of articles (reader mode): stored beside the article, read back when it opens. */
#include <stdlib.h>
#include <time.h>

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
