/* A `feed` line: its tags, title= and per-feed options, read and written back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/config.h"
#include "byline/mem.h"
#include "config_int.h"

#define FEED_INTERVAL_MAX (365 * 24 * 3600)
#define OPTIONS_ARE "they are title=, interval=, charset=, fulltext= and ignore=; " \
		    "quote a tag that holds ="

static const char unknown_option[] = "unknown feed option (" OPTIONS_ARE ")";

static const char *
set_interval(struct config_feed *f, const char *v)
{
	int64_t n;

	if (!*v) {
		f->interval_s = 0;
		return NULL;
	}
	if (!cfg_parse_duration(v, &n) || n < 60 || n > FEED_INTERVAL_MAX)
		return "interval= must be minutes (at least 1), or as in 90s, 30m, 2h";
	f->interval_s = (int)n;
	return NULL;
}

/* A charset name as iconv knows them: letters, digits and -_.:() only. */
static const char *
set_charset(struct config_feed *f, const char *v)
{
	size_t i, n = strlen(v);

	if (n > 40)
		return "charset= is too long to be a charset name (GBK, Shift_JIS, ISO-8859-1 ...)";
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:()",
			    v[i]))
			return "charset= must be a charset name such as GBK, Shift_JIS or ISO-8859-1";
	free(f->charset);
	f->charset = n ? xstrdup(v) : NULL;
	return NULL;
}

static const char *
set_fulltext(struct config_feed *f, const char *v)
{
	bool b;

	if (!*v) {
		f->fulltext = 0;
		return NULL;
	}
	if (!cfg_parse_bool(v, &b))
		return "fulltext= must be yes or no";
	f->fulltext = b ? 1 : -1;
	return NULL;
}

static const char *
set_text(char **field, const char *v)
{
	free(*field);
	*field = *v ? xstrdup(v) : NULL;
	return NULL;
}

const char *
config_feed_option(struct config_feed *f, const char *name, const char *value)
{
	if (!strcmp(name, "title"))
		return set_text(&f->title, value);
	if (!strcmp(name, "interval"))
		return set_interval(f, value);
	if (!strcmp(name, "charset"))
		return set_charset(f, value);
	if (!strcmp(name, "fulltext"))
		return set_fulltext(f, value);
	if (!strcmp(name, "ignore"))
		return set_text(&f->ignore, value);
	return unknown_option;
}

/* Whether option `name` (len bytes) is already set on f. */
static bool
option_set(const struct config_feed *f, const char *name, size_t len)
{
	if (len == 5 && !strncmp(name, "title", 5))
		return f->title;
	if (len == 8 && !strncmp(name, "interval", 8))
		return f->interval_s;
	if (len == 7 && !strncmp(name, "charset", 7))
		return f->charset;
	if (len == 8 && !strncmp(name, "fulltext", 8))
		return f->fulltext;
	return len == 6 && !strncmp(name, "ignore", 6) && f->ignore;
}

static enum bl_status
feed_option(struct config_feed *f, const struct cfg_word *w, const char *file, int line,
	    struct bl_err *err)
{
	char name[16];
	const char *why;

	if (w->option_len >= sizeof(name) || option_set(f, w->text, w->option_len)) {
		if (w->option_len >= sizeof(name))
			bl_err_set(err, "%s:%d: unknown feed option '%.*s=' (%s)", file, line,
				   (int)w->option_len, w->text, OPTIONS_ARE);
		else
			bl_err_set(err, "%s:%d: %.*s= is given twice", file, line,
				   (int)w->option_len, w->text);
		return BL_ERR;
	}
	memcpy(name, w->text, w->option_len);
	name[w->option_len] = 0;
	if (!strcmp(name, "title") && !w->text[6])
		why = "title= is empty (leave it out to use the feed's own title)";
	else
		why = config_feed_option(f, name, w->text + w->option_len + 1);
	if (why == unknown_option) {
		bl_err_set(err, "%s:%d: unknown feed option '%s=' (%s)", file, line, name,
			   OPTIONS_ARE);
		return BL_ERR;
	}
	if (why) {
		bl_err_set(err, "%s:%d: %s", file, line, why);
		return BL_ERR;
	}
	return BL_OK;
}

enum bl_status
cfg_feed_args(struct config_feed *f, const struct cfg_words *ws, size_t first,
	      const char *file, int line, struct bl_err *err)
{
	const struct cfg_word *w;
	size_t i;

	for (i = first; i < ws->n; i++) {
		w = &ws->w[i];
		if (w->bare_option) {
			if (feed_option(f, w, file, line, err))
				return BL_ERR;
			continue;
		}
		if (!*w->text) {
			bl_err_set(err, "%s:%d: a tag is empty", file, line);
			return BL_ERR;
		}
		f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof(*f->tags));
		f->tags[f->ntags++] = xstrdup(w->text);
	}
	return BL_OK;
}

void
cfg_feed_warn(struct config *cfg, const struct config_feed *f, const struct cfg_words *ws,
	      const char *file, int line)
{
	size_t i;

	(void)f;
	for (i = 2; i + 1 < ws->n; i++) {
		if (!ws->w[i].bare_option || ws->w[i].quoted || ws->w[i + 1].bare_option)
			continue;
		cfg->warnings = xreallocarray(cfg->warnings, cfg->nwarnings + 1,
					      sizeof(*cfg->warnings));
		cfg->warnings[cfg->nwarnings++] = xasprintf(
			"%s:%d: %s %s: '%s' is read as a tag; write %.*s=\"%s %s\" if it is part "
			"of the %.*s", file, line, ws->w[i].text, ws->w[i + 1].text, ws->w[i + 1].text,
			(int)ws->w[i].option_len, ws->w[i].text,
			ws->w[i].text + ws->w[i].option_len + 1, ws->w[i + 1].text,
			(int)ws->w[i].option_len, ws->w[i].text);
	}
}

void
config_format_options(struct buf *b, const struct config_feed *f)
{
	const char *sep = "";

	if (f->interval_s) {
		if (f->interval_s % 3600 == 0)
			buf_printf(b, "interval=%dh", f->interval_s / 3600);
		else if (f->interval_s % 60 == 0)
			buf_printf(b, "interval=%dm", f->interval_s / 60);
		else
			buf_printf(b, "interval=%ds", f->interval_s);
		sep = " ";
	}
	if (f->charset) {
		buf_printf(b, "%scharset=", sep);
		cfg_put_word(b, f->charset, false, false);
		sep = " ";
	}
	if (f->fulltext) {
		buf_printf(b, "%sfulltext=%s", sep, f->fulltext > 0 ? "yes" : "no");
		sep = " ";
	}
	if (f->ignore) {
		buf_printf(b, "%signore=", sep);
		cfg_put_word(b, f->ignore, true, false);
	}
}

void
config_format_feed(struct buf *b, const struct config_feed *f)
{
	size_t i, len;

	buf_puts(b, "feed ");
	cfg_put_word(b, f->url, false, false);
	for (i = 0; i < f->ntags; i++) {
		buf_putc(b, ' ');
		cfg_put_word(b, f->tags[i], false, true);
	}
	if (f->title) {
		buf_puts(b, " title=");
		cfg_put_word(b, f->title, true, false);
	}
	buf_putc(b, ' ');
	len = b->len;
	config_format_options(b, f);
	if (b->len == len)
		buf_truncate(b, b->len - 1);
	buf_putc(b, '\n');
}

bool
config_feed_ignores(const struct config_feed *f, const char *title)
{
	const char *p, *bar;
	size_t n, tl;

	if (!f->ignore || !title)
		return false;
	tl = strlen(title);
	for (p = f->ignore; *p; p = bar ? bar + 1 : p + n) {
		bar = strchr(p, '|');
		n = bar ? (size_t)(bar - p) : strlen(p);
		for (size_t i = 0; n && i + n <= tl; i++)
			if (!strncasecmp(title + i, p, n))
				return true;
		if (!bar)
			break;
	}
	return false;
}

void
config_feed_copy(struct config_feed *dst, const struct config_feed *src)
{
	size_t i;

	*dst = *src;
	dst->url = xstrdup(src->url);
	dst->title = src->title ? xstrdup(src->title) : NULL;
	dst->charset = src->charset ? xstrdup(src->charset) : NULL;
	dst->ignore = src->ignore ? xstrdup(src->ignore) : NULL;
	dst->tags = src->ntags ? xcalloc(src->ntags, sizeof(*dst->tags)) : NULL;
	for (i = 0; i < src->ntags; i++)
		dst->tags[i] = xstrdup(src->tags[i]);
}

void
config_feed_clear(struct config_feed *f)
{
	size_t i;

	free(f->url);
	free(f->title);
	free(f->charset);
	free(f->ignore);
	for (i = 0; i < f->ntags; i++)
		free(f->tags[i]);
	free(f->tags);
	memset(f, 0, sizeof(*f));
}
