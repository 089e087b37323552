/* The item model: the contract between parse, store and ui (doc/ARCHITECTURE.md). */
#ifndef BYLINE_ITEM_H
#define BYLINE_ITEM_H

#include <stddef.h>
#include <stdint.h>

/* A date field that the feed did not give, or gave as garbage. */
#define BL_NO_DATE INT64_MIN

struct enclosure {
	char *url;		/* absolute URL */
	char *type;		/* MIME type, or NULL */
	int64_t length;		/* bytes, or -1 when unknown */
	int64_t duration;	/* seconds (a podcast's running time), or -1 when unknown */
};

/*
 * One article. Strings are UTF-8 (cleaned of invalid sequences), NULL when
 * absent. title, author and categories are plain text; summary and content
 * are HTML. Dates are seconds since the epoch, UTC, or BL_NO_DATE.
 */
struct item {
	char *id;
	char *title;
	char *link;
	char *author;
	int64_t published;
	int64_t updated;
	char *summary;
	char *content;
	char **categories;
	size_t ncategories;
	struct enclosure *enclosures;
	size_t nenclosures;
};

/* Feed-level fields, as far as the document gives them. */
struct feed_info {
	char *format;		/* "rss", "atom" or "json" (JSON Feed) */
	char *version;		/* "0.90", "0.91", "0.92", "1.0", "2.0", "0.3", "1.1" ... */
	char *title;		/* plain text */
	char *link;		/* site link, absolute */
	char *description;	/* HTML */
	char *language;
	char *image;		/* the feed's image, icon or logo: absolute URL */
	/* How often to ask (RSS <ttl>, sy:, skipHours/skipDays); 0 when not given. */
	int ttl;		/* <ttl>: minutes the channel may be cached */
	int update_period;	/* sy:updatePeriod / sy:updateFrequency, in seconds */
	uint32_t skip_hours;	/* bit h: <skipHours> lists hour h (0-23, UTC) */
	uint32_t skip_days;	/* bit d: <skipDays> lists day d (0 Sunday .. 6 Saturday) */
};

/*
 * Fills *dst with a deep copy of src: every string and list is dst's own
 * (free it with item_clear). What *dst held before is not freed.
 */
void item_dup(struct item *dst, const struct item *src);
/* Frees every field and zeroes the struct (the struct itself is not freed). */
void item_clear(struct item *it);
void feed_info_clear(struct feed_info *fi);

#endif
