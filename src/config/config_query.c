/* The config's part in queries: which feeds carry a tag: term's tag, which feeds a feed: term names by their title=. */
#include <stdlib.h>
#include <string.h>

#include "byline/config.h"
#include "byline/mem.h"
#include "byline/query.h"

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
