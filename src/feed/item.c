/* Item model: freeing what the parser and the store hand around. */
#include <stdlib.h>
#include <string.h>

#include "byline/item.h"

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
