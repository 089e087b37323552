/* Item model: copying and freeing what the parser and the store hand around. */
#include <stdlib.h>
#include <string.h>

#include "byline/item.h"
#include "byline/mem.h"

void
item_dup(struct item *dst, const struct item *src)
{
	size_t i;

	*dst = (struct item){
		.id = xstrdup_null(src->id),
		.title = xstrdup_null(src->title),
		.link = xstrdup_null(src->link),
		.author = xstrdup_null(src->author),
		.published = src->published,
		.updated = src->updated,
		.summary = xstrdup_null(src->summary),
		.content = xstrdup_null(src->content),
	};
	if (src->ncategories) {
		dst->categories = xcalloc(src->ncategories, sizeof(*dst->categories));
		for (i = 0; i < src->ncategories; i++)
			dst->categories[i] = xstrdup_null(src->categories[i]);
		dst->ncategories = src->ncategories;
	}
	if (src->nenclosures) {
		dst->enclosures = xcalloc(src->nenclosures, sizeof(*dst->enclosures));
		for (i = 0; i < src->nenclosures; i++)
			dst->enclosures[i] = (struct enclosure){
				.url = xstrdup_null(src->enclosures[i].url),
				.type = xstrdup_null(src->enclosures[i].type),
				.length = src->enclosures[i].length,
				.duration = src->enclosures[i].duration,
			};
		dst->nenclosures = src->nenclosures;
	}
}

void
item_clear(struct item *it)
{
	size_t i;

	free(it->id);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	memset(it, 0, sizeof(*it));
	it->published = it->updated = BL_NO_DATE;
}

void
feed_info_clear(struct feed_info *fi)
{
	free(fi->format);
	free(fi->version);
	free(fi->title);
	free(fi->link);
	free(fi->description);
	free(fi->language);
	free(fi->image);
	memset(fi, 0, sizeof(*fi));
}
