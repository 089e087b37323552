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

/*
 * The query of a query or ignore line, from word `first` to the comment:
 * parsed (*qp, may be NULL: not kept) into *expr, or an error naming file,
 * line and display column.
 */
static enum bl_status
line_expr(const char *line, size_t len, const struct cfg_words *ws, size_t first,
	  const char *file, int lineno, char **expr, struct query **qp, struct bl_err *err)
{
	struct query_error qe;
	struct query *q;
	struct buf msg = {0};
	size_t start, end;

	/* The query as written, its own quotes kept: from its first word to the comment. */
	start = ws->w[first].start;
	end = cfg_comment_start(line, len);
	*expr = xstrndup(line + start, end > start ? end - start : 0);
	if (!(q = query_parse(*expr, &qe))) {
		text_clean_message_append(&msg, qe.msg, strlen(qe.msg));
		bl_err_set(err, "%s:%d: column %d: %s", file, lineno,
			   text_width_n(line, start + (qe.pos < end - start ? qe.pos : end - start)) + 1,
			   buf_cstr(&msg));
		buf_free(&msg);
		free(*expr);
		*expr = NULL;
		return BL_ERR;
	}
	if (qp)
		*qp = q;
	else
		query_free(&q);
	return BL_OK;
}

enum bl_status
cfg_line_query(struct config *cfg, const char *line, size_t len, const struct cfg_words *ws,
	       const char *file, int lineno, struct bl_err *err)
{
	struct config_query cq = { .line = lineno, .file = file };

	if (ws->n < 3 || !*ws->w[1].text)
		return bl_err_set(err, "%s:%d: query takes a NAME and a query (e.g. query "
				  "\"This week\" unread newer:7d)", file, lineno);
	if (line_expr(line, len, ws, 2, file, lineno, &cq.expr, NULL, err))
		return BL_ERR;
	cq.name = xstrdup(ws->w[1].text);
	cfg->queries = xreallocarray(cfg->queries, cfg->nqueries + 1, sizeof(*cfg->queries));
	cfg->queries[cfg->nqueries++] = cq;
	return BL_OK;
}

enum bl_status
cfg_line_ignore(struct config *cfg, const char *line, size_t len, const struct cfg_words *ws,
		const char *file, int lineno, struct bl_err *err)
{
	struct config_ignore ci = { .line = lineno, .file = file };

	if (ws->n < 2)
		return bl_err_set(err, "%s:%d: ignore takes a query (e.g. ignore title:sponsored)",
				  file, lineno);
	if (line_expr(line, len, ws, 1, file, lineno, &ci.expr, &ci.q, err))
		return BL_ERR;
	cfg->ignores = xreallocarray(cfg->ignores, cfg->nignores + 1, sizeof(*cfg->ignores));
	cfg->ignores[cfg->nignores++] = ci;
	return BL_OK;
}

void
cfg_ignores_resolve(struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nignores; i++)
		config_query_feeds(cfg, cfg->ignores[i].q);
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
	for (i = 0; i < cfg->nignores; i++) {
		free(cfg->ignores[i].expr);
		query_free(&cfg->ignores[i].q);
	}
	free(cfg->ignores);
	cfg->ignores = NULL;
	cfg->nignores = 0;
}
