/* The config's part in queries: which feeds carry a tag: term's tag, which feeds a feed: term names by their title=. */
#include <stdlib.h>
#include <string.h>

#include "byline/config.h"
#include "byline/mem.h"
#include "byline/query.h"
#include "byline/text.h"
#include "config_int.h"

/* A tag matches itself and the folders under it ("科技" matches "科技/AI"), in any case. */
static bool
tag_matches(const char *want_folded, const char *tag)
{
	char *t = query_fold(tag);
	size_t n = strlen(want_folded);
	bool r = !strncmp(t, want_folded, n) && (t[n] == '\0' || t[n] == '/');

	free(t);
	return r;
}

/* Whether a feed line matches the term: a tag (or a folder over it), or a title= holding the text. */
static bool
feed_matches(const struct config_feed *f, enum query_kind kind, const char *want)
{
	char *t;
	bool r;
	size_t j;

	if (kind == QUERY_TAG) {
		for (j = 0; j < f->ntags; j++)
			if (tag_matches(want, f->tags[j]))
				return true;
		return false;
	}
	if (!f->title)
		return false;
	t = query_fold(f->title);
	r = strstr(t, want) != NULL;
	free(t);
	return r;
}

static void
feeds_named(void *ud, enum query_kind kind, const char *text, char ***urls, size_t *n)
{
	const struct config *cfg = ud;
	char *want = query_fold(text);
	size_t i;

	for (i = 0; i < cfg->nfeeds; i++)
		if (feed_matches(&cfg->feeds[i], kind, want)) {
			*urls = xreallocarray(*urls, *n + 1, sizeof(**urls));
			(*urls)[(*n)++] = xstrdup(cfg->feeds[i].url);
		}
	free(want);
}

void
config_query_feeds(const struct config *cfg, struct query *q)
{
	query_resolve_feeds(q, feeds_named, (void *)cfg);
}

enum bl_status
cfg_line_query(struct config *cfg, const char *line, size_t len, const struct cfg_words *ws,
	       const char *file, int lineno, struct bl_err *err)
{
	struct config_query cq = { .line = lineno, .file = file };
	struct query_error qe;
	struct query *q;
	struct buf msg = {0};
	size_t start, end;

	if (ws->n < 3 || !*ws->w[1].text)
		return bl_err_set(err, "%s:%d: query takes a NAME and a query (e.g. query "
				  "\"This week\" unread newer:7d)", file, lineno);
	/* The query as written, its own quotes kept: from its first word to the comment. */
	start = ws->w[2].start;
	end = cfg_comment_start(line, len);
	cq.expr = xstrndup(line + start, end > start ? end - start : 0);
	if (!(q = query_parse(cq.expr, &qe))) {
		text_clean_message_append(&msg, qe.msg, strlen(qe.msg));
		bl_err_set(err, "%s:%d: column %d: %s", file, lineno,
			   text_width_n(line, start + (qe.pos < end - start ? qe.pos : end - start)) + 1,
			   buf_cstr(&msg));
		buf_free(&msg);
		free(cq.expr);
		return BL_ERR;
	}
	query_free(&q);
	cq.name = xstrdup(ws->w[1].text);
	cfg->queries = xreallocarray(cfg->queries, cfg->nqueries + 1, sizeof(*cfg->queries));
	cfg->queries[cfg->nqueries++] = cq;
	return BL_OK;
}

void
cfg_queries_free(struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nqueries; i++) {
		free(cfg->queries[i].name);
		free(cfg->queries[i].expr);
	}
	free(cfg->queries);
	cfg->queries = NULL;
	cfg->nqueries = 0;
}
