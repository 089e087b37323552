/* The killfile: arriving articles an ignore rule matches are kept hidden (item_hidden), shown again when the rule goes. */
#include <stdlib.h>

#include "byline/mem.h"
#include "store_int.h"

enum bl_status
store_hide_new(struct store *s, int64_t rowid, bool *hidden, struct bl_err *err)
{
	const char *what = "cannot hide an ignored article";
	bool match = false, indexed = false;
	size_t i;

	*hidden = false;
	for (i = 0; i < s->nrules && !match; i++) {
		if (!indexed && query_has_words(s->rules[i].q->root)) {
			if (store_fts_index_now(s, rowid, err))
				return BL_ERR;
			indexed = true;
		}
		if (store_query_matches(s, s->rules[i].q, rowid, &match, err))
			return BL_ERR;
	}
	if (!match)
		return BL_OK;
	*hidden = true;
	if (store_run_sql(s, "INSERT INTO item_hidden (id, rule, date) SELECT id, ?2, date"
			  " FROM item_state WHERE id = ?1", what, err, "it", rowid,
			  s->rules[i - 1].text))
		return BL_ERR;
	return store_run_sql(s, "DELETE FROM item_state WHERE id = ?1", what, err, "i", rowid);
}

void
store_rules_copy(struct store *s, const struct store_rule *rules, size_t n)
{
	struct store_rule *r = n ? xreallocarray(NULL, n, sizeof(*r)) : NULL;
	size_t i;

	for (i = 0; i < n; i++)
		r[i] = rules[i];
	free(s->rules);
	s->rules = r;
	s->nrules = n;
}

/*
 * The rules (their texts and queries borrowed: they must outlive s and the stores reopened from
 * it). Articles hidden by a rule no longer among them are shown again and
 * counted (unread, as they arrived), in one transaction.
 */
enum bl_status
store_set_ignore(struct store *s, const struct store_rule *rules, size_t n, struct bl_err *err)
{
	const char *what = "cannot show articles no ignore line hides any more";
	int64_t left = 0;
	size_t i;
	enum bl_status ret = BL_OK;

	store_rules_copy(s, rules, n);
	if (store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS keep_rule (rule TEXT PRIMARY KEY);"
		       "DELETE FROM keep_rule", err))
		return BL_ERR;
	for (i = 0; i < n; i++)
		if (store_run_sql(s, "INSERT OR IGNORE INTO temp.keep_rule (rule) VALUES (?1)",
				  what, err, "t", rules[i].text))
			return BL_ERR;
	if (store_pragma_int64(s, "SELECT count(*) FROM item_hidden WHERE rule NOT IN"
			       " (SELECT rule FROM temp.keep_rule)", &left, err))
		return BL_ERR;
	if (!left)
		return BL_OK;
	if (store_begin(s, err))
		return BL_ERR;
	if (store_exec(s, "CREATE TEMP TABLE shown AS SELECT h.id, h.date, i.feed_id FROM"
		       " item_hidden h JOIN item i ON i.id = h.id WHERE h.rule NOT IN"
		       " (SELECT rule FROM temp.keep_rule);"
		       "INSERT INTO item_state (feed_id, date, id) SELECT feed_id, date, id"
		       " FROM temp.shown;"
		       "UPDATE feed SET (n_total, n_unread) = (SELECT n_total + count(*),"
		       " n_unread + count(*) FROM temp.shown WHERE feed_id = feed.id)"
		       " WHERE id IN (SELECT feed_id FROM temp.shown);"
		       "DELETE FROM item_hidden WHERE id IN (SELECT id FROM temp.shown);"
		       "DROP TABLE temp.shown", err) ||
	    store_commit(s, err)) {
		store_rollback(s);
		ret = BL_ERR;
	}
	return ret;
}

enum bl_status
store_hidden_rows(struct store *s, void (*fn)(void *ud, const struct hidden_row *r), void *ud,
		  struct bl_err *err)
{
	sqlite3_stmt *st;
	struct hidden_row r;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT h.id, coalesce(f.title, f.url), i.title, i.link,"
			       " h.date, h.rule FROM item_hidden h JOIN item i ON i.id = h.id"
			       " JOIN feed f ON f.id = i.feed_id ORDER BY h.date DESC, h.id DESC",
			       -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "cannot read hidden articles");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.rowid = sqlite3_column_int64(st, 0);
		r.feed_title = (const char *)sqlite3_column_text(st, 1);
		r.title = (const char *)sqlite3_column_text(st, 2);
		r.link = (const char *)sqlite3_column_text(st, 3);
		r.date = sqlite3_column_int64(st, 4);
		r.rule = (const char *)sqlite3_column_text(st, 5);
		fn(ud, &r);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read hidden articles");
	return BL_OK;
}
