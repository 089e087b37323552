/* OPML subscription lists: reading a stranger's file safely, writing the config's feeds. */
#ifndef BYLINE_OPML_H
#define BYLINE_OPML_H

#include <stddef.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/err.h"

/* The feeds of an OPML file, folders as tags, in order of first appearance. */
struct opml {
	struct config_feed *feeds;	/* line = line of the first outline */
	size_t nfeeds;
	char **warnings;		/* "FILE:LINE: skipped ...: why", one per outline left out */
	size_t nwarnings;
};

/*
 * Reads an OPML file (at most 16 MiB and 20,000 feeds) with entities, DTDs
 * and network access off. Outlines with an xmlUrl are feeds (http and
 * https only: command feeds such as exec: or filter: and file: URLs are
 * refused with a warning); the outlines without one that enclose a feed
 * are its folder, one tag path ("科技/AI" for AI inside 科技), and its
 * category attribute ("/科技/AI,/news") gives more tags. A URL met twice
 * keeps one feed with the tags of both. Titles: the title attribute, else
 * text unless it is the URL. Returns NULL with "FILE:LINE: ..." when the
 * file cannot be read or is not well-formed XML.
 */
struct opml *opml_read(const char *path, struct bl_err *err);
void opml_free(struct opml **op);

/*
 * Reads newsboat's `urls` file into the same list: a line is a URL, then
 * tags, "quoted tags" and "~the title" (blank lines and # comments are
 * skipped). filter:PROGRAM:URL and exec: lines give their plain URL (the
 * first http(s) URL of the command) with a warning, or are skipped with one
 * when they name none; query: lines are skipped with a warning. Warnings
 * are "FILE:LINE: ...". NULL with a message when the file cannot be read.
 */
struct opml *urls_read(const char *path, struct bl_err *err);

/*
 * Appends an OPML 2.0 document of cfg's feeds. A feed is listed once, in
 * the folder of its first tag (a tag path "科技/AI" is the outline AI
 * inside 科技), its tags in category= when it has several (a feed with a
 * tag holding a comma is listed in each of its tags' folders instead);
 * untagged feeds at the top; folders and feeds in order of first use.
 * text and title: the config's title=, else titles[i] (the feed's own
 * title, from the store; titles may be NULL), else text is the URL.
 */
void opml_write(struct buf *b, const struct config *cfg, const char *const *titles);

#endif
