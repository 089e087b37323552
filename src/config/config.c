/* The config reader: built-in defaults (config.example) overridden by the user's file. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "byline/colorname.h"
#include "byline/config.h"
#include "byline/mem.h"
#include "byline/text.h"
#include "byline/url.h"
#include "byline/version.h"
#include "config_int.h"
#include "byline/xdg.h"

#define CONFIG_MAX_BYTES (16 << 20)

/* SET_MINUTES: a duration kept in seconds; a bare number is minutes, or 90s, 30m, 2h. */
enum set_kind { SET_INT, SET_SIZE, SET_MINUTES, SET_BOOL, SET_STRING, SET_CHOICE };

struct setting {
	const char *name;
	enum set_kind kind;
	size_t off;
	int64_t min, max;		/* SET_INT, SET_SIZE, SET_MINUTES (seconds) */
	const char *const *choices;	/* SET_CHOICE */
	bool empty_is_null;		/* SET_STRING: "" means unset */
};

static const char *const layout_choices[] = { "list", "split", "auto", NULL };
static const char *const emoji_choices[] = { "safe", "passthrough", NULL };

#define OFF(f) offsetof(struct config, f)
static const struct setting settings[] = {
	{ "max-connections", SET_INT, OFF(max_connections), 1, 256, NULL, false },
	{ "max-per-host", SET_INT, OFF(max_per_host), 1, 64, NULL, false },
	{ "timeout", SET_INT, OFF(timeout), 1, 3600, NULL, false },
	{ "max-size", SET_SIZE, OFF(max_size), 1024, (int64_t)4 << 30, NULL, false },
	{ "user-agent", SET_STRING, OFF(user_agent), 0, 0, NULL, false },
	{ "proxy", SET_STRING, OFF(proxy), 0, 0, NULL, true },
	{ "keep-days", SET_INT, OFF(keep_days), 0, 365000, NULL, false },
	{ "refresh-on-start", SET_BOOL, OFF(refresh_on_start), 0, 0, NULL, false },
	{ "refresh-interval", SET_MINUTES, OFF(refresh_interval_s), 0, 525600 * 60, NULL, false },
	{ "layout", SET_CHOICE, OFF(layout), 0, 0, layout_choices, false },
	{ "browser", SET_STRING, OFF(browser), 0, 0, NULL, true },
	{ "emoji", SET_CHOICE, OFF(emoji), 0, 0, emoji_choices, false },
	{ "gather-writes", SET_BOOL, OFF(gather_writes), 0, 0, NULL, false },
	{ "save-dir", SET_STRING, OFF(save_dir), 0, 0, NULL, false },
	{ "download-dir", SET_STRING, OFF(download_dir), 0, 0, NULL, false },
	{ "player", SET_STRING, OFF(player), 0, 0, NULL, true },
	{ NULL, 0, 0, 0, 0, NULL, false },
};

/* Where we are, for "FILE:LINE: ..." messages. */
struct pos {
	const char *file;
	int line;
};

__attribute__((format(printf, 3, 4))) static enum bl_status
line_err(struct bl_err *err, const struct pos *at, const char *fmt, ...)
{
	char msg[768];
	struct buf shown = {0};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* A token echoed from the file may hold tabs or worse: the message goes to a terminal. */
	text_clean_message_append(&shown, msg, strlen(msg));
	bl_err_set(err, "%s:%d: %s", at->file, at->line, buf_cstr(&shown));
	buf_free(&shown);
	return BL_ERR;
}

static const struct setting *
setting_find(const char *name)
{
	const struct setting *s;

	for (s = settings; s->name; s++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

const char *
config_setting_name(size_t i)
{
	return i < sizeof(settings) / sizeof(settings[0]) ? settings[i].name : NULL;
}

/* Parses a number with an optional K, M or G suffix (binary multiples) for sizes. */
static bool
parse_number(const char *v, bool size, int64_t *out)
{
	char *end;
	long long n;
	int shift = 0;

	if (!(*v >= '0' && *v <= '9'))
		return false;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno)
		return false;
	if (size && *end) {
		switch (*end) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		default: return false;
		}
		end++;
		if (*end == 'i' && end[1] == 'B')
			end += 2;
		else if (*end == 'B')
			end++;
	}
	if (*end || n > (INT64_MAX >> shift))
		return false;
	*out = (int64_t)n << shift;
	return true;
}

/* A duration in seconds: "N" minutes, or N with s, m or h. */
bool
cfg_parse_duration(const char *v, int64_t *out)
{
	static const struct { char unit; int64_t secs; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 },
	};
	char num[24];
	size_t len = strlen(v), i;
	int64_t n, mult = 60;

	for (i = 0; len > 1 && i < sizeof(units) / sizeof(units[0]); i++)
		if (v[len - 1] == units[i].unit) {
			mult = units[i].secs;
			len--;
			break;
		}
	if (len >= sizeof(num))
		return false;
	memcpy(num, v, len);
	num[len] = 0;
	if (!parse_number(num, false, &n) || n > INT64_MAX / mult)
		return false;
	*out = n * mult;
	return true;
}

bool
cfg_parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", NULL };
	static const char *const no[] = { "no", "false", "off", NULL };
	int i;

	for (i = 0; yes[i]; i++)
		if (!strcmp(v, yes[i]))
			return *out = true, true;
	for (i = 0; no[i]; i++)
		if (!strcmp(v, no[i]))
			return *out = false, true;
	return false;
}

/* The user agent with %v replaced by the version. */
static char *
expand_user_agent(const char *v)
{
	struct buf b = {0};

	for (; *v; v++) {
		if (v[0] == '%' && v[1] == 'v') {
			buf_puts(&b, BYLINE_VERSION);
			v++;
		} else
			buf_putc(&b, *v);
	}
	return buf_steal(&b);
}

static enum bl_status
set_string(struct config *cfg, const struct setting *s, const char *v, const struct pos *at,
	   struct bl_err *err)
{
	char **field = (char **)((char *)cfg + s->off);
	char *nv;

	if (!*v && !s->empty_is_null)
		return line_err(err, at, "%s cannot be empty", s->name);
	if (!strcmp(s->name, "user-agent"))
		nv = expand_user_agent(v);
	else
		nv = *v ? xstrdup(v) : NULL;
	free(*field);
	*field = nv;
	return BL_OK;
}

static enum bl_status
set_choice(struct config *cfg, const struct setting *s, const char *v, const struct pos *at,
	   struct bl_err *err)
{
	char **field = (char **)((char *)cfg + s->off);
	struct buf list = {0};
	int i;

	for (i = 0; s->choices[i]; i++) {
		if (!strcmp(v, s->choices[i])) {
			free(*field);
			*field = xstrdup(v);
			return BL_OK;
		}
	}
	for (i = 0; s->choices[i]; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", s->choices[i]);
	line_err(err, at, "%s must be one of %s, not '%s'", s->name, buf_cstr(&list), v);
	buf_free(&list);
	return BL_ERR;
}

static enum bl_status
set_value(struct config *cfg, const struct setting *s, const char *v, const struct pos *at,
	  struct bl_err *err)
{
	int64_t n;
	bool b;

	switch (s->kind) {
	case SET_INT:
	case SET_SIZE:
		if (!parse_number(v, s->kind == SET_SIZE, &n) || n < s->min || n > s->max)
			return line_err(err, at, "%s must be a whole number from %lld to %lld%s, not '%s'",
					s->name, (long long)s->min, (long long)s->max,
					s->kind == SET_SIZE ? " bytes (K, M, G suffixes allowed)" : "", v);
		if (s->kind == SET_SIZE)
			*(int64_t *)((char *)cfg + s->off) = n;
		else
			*(int *)((char *)cfg + s->off) = (int)n;
		return BL_OK;
	case SET_MINUTES:
		if (!cfg_parse_duration(v, &n) || n < s->min || n > s->max)
			return line_err(err, at, "%s must be a number of minutes from %lld to %lld, "
					"or seconds, minutes or hours as in 90s, 30m, 2h; not '%s'",
					s->name, (long long)s->min / 60, (long long)s->max / 60, v);
		*(int *)((char *)cfg + s->off) = (int)n;
		return BL_OK;
	case SET_BOOL:
		if (!cfg_parse_bool(v, &b))
			return line_err(err, at, "%s must be yes or no, not '%s'", s->name, v);
		*(bool *)((char *)cfg + s->off) = b;
		return BL_OK;
	case SET_STRING:
		return set_string(cfg, s, v, at, err);
	case SET_CHOICE:
		return set_choice(cfg, s, v, at, err);
	}
	return BL_ERR;
}

static enum bl_status
line_set(struct config *cfg, const struct cfg_words *ws, const struct pos *at,
	 struct bl_err *err)
{
	const struct setting *s;
	struct buf names = {0};

	if (ws->n != 3)
		return line_err(err, at, "set takes a NAME and one VALUE (quote a value with "
				"spaces: set browser \"w3m %%u\")");
	s = setting_find(ws->w[1].text);
	if (!s) {
		for (s = settings; s->name; s++)
			buf_printf(&names, "%s%s", s == settings ? "" : ", ", s->name);
		line_err(err, at, "unknown setting '%s' (known: %s)", ws->w[1].text,
			 buf_cstr(&names));
		buf_free(&names);
		return BL_ERR;
	}
	return set_value(cfg, s, ws->w[2].text, at, err);
}

const struct config_feed *
config_find_feed(const struct config *cfg, const char *url)
{
	size_t i;

	for (i = 0; i < cfg->nfeeds; i++)
		if (!strcmp(cfg->feeds[i].url, url))
			return &cfg->feeds[i];
	return NULL;
}

static enum bl_status
line_feed(struct config *cfg, const struct cfg_words *ws, const struct pos *at,
	  struct bl_err *err)
{
	struct config_feed f = { .line = at->line };
	const char *why;

	if (ws->n < 2)
		return line_err(err, at, "feed needs a URL (feed URL [TAG ...] [title=\"…\"])");
	if (ws->w[1].bare_option && !strncmp(ws->w[1].text, "title=", 6))
		return line_err(err, at, "feed needs a URL first (feed URL [TAG ...] [title=\"…\"])");
	why = url_feed_problem(ws->w[1].text, true);
	if (why)
		return line_err(err, at, "bad feed URL '%s': %s", ws->w[1].text, why);
	/* A URL listed twice is found once every line is read (feeds_unique). */
	f.url = xstrdup(ws->w[1].text);
	if (cfg_feed_args(&f, ws, 2, at->file, at->line, err)) {
		config_feed_clear(&f);
		return BL_ERR;
	}
	cfg_feed_warn(cfg, &f, ws, at->file, at->line);
	cfg->feeds = xreallocarray(cfg->feeds, cfg->nfeeds + 1, sizeof(*cfg->feeds));
	cfg->feeds[cfg->nfeeds++] = f;
	return BL_OK;
}

static enum bl_status
line_bind(struct config *cfg, const struct cfg_words *ws, const struct pos *at,
	  struct bl_err *err)
{
	struct config_bind b = { .line = at->line, .file = at->file };
	const char *view = NULL, *key, *action, *why;

	if (ws->n != 3 && ws->n != 4)
		return line_err(err, at, "bind takes [VIEW] KEY ACTION (e.g. bind articles j next)");
	if (ws->n == 4)
		view = ws->w[1].text;
	key = ws->w[ws->n - 2].text;
	action = ws->w[ws->n - 1].text;
	if (view && (why = cfg_check_name(view)))
		return line_err(err, at, "bad view '%s': %s", view, why);
	if ((why = cfg_check_key(key)))
		return line_err(err, at, "bad key '%s': %s", key, why);
	if ((why = cfg_check_actions(action)))
		return line_err(err, at, "bad action '%s': %s", action, why);
	b.view = xstrdup_null(view);
	b.key = xstrdup(key);
	b.action = xstrdup(action);
	cfg->binds = xreallocarray(cfg->binds, cfg->nbinds + 1, sizeof(*cfg->binds));
	cfg->binds[cfg->nbinds++] = b;
	return BL_OK;
}

static enum bl_status
line_color(struct config *cfg, const struct cfg_words *ws, const struct pos *at,
	   struct bl_err *err)
{
	struct config_color c = { .line = at->line, .file = at->file };
	const char *why;
	size_t i;

	if (ws->n < 4)
		return line_err(err, at, "color takes ELEMENT FOREGROUND BACKGROUND [ATTRIBUTE ...] "
				"(e.g. color title yellow default bold)");
	if ((why = cfg_check_name(ws->w[1].text)))
		return line_err(err, at, "bad element '%s': %s", ws->w[1].text, why);
	for (i = 2; i < 4; i++)
		if (colorname_color(ws->w[i].text) == COLORNAME_BAD)
			return line_err(err, at, "'%s': unknown color (%s)", ws->w[i].text,
					colorname_color_hint);
	for (i = 4; i < ws->n; i++)
		if (colorname_attr(ws->w[i].text) < 0)
			return line_err(err, at, "'%s': unknown attribute (%s)", ws->w[i].text,
					colorname_attr_hint);
	c.element = xstrdup(ws->w[1].text);
	c.fg = xstrdup(ws->w[2].text);
	c.bg = xstrdup(ws->w[3].text);
	c.nattrs = ws->n - 4;
	c.attrs = xcalloc(c.nattrs + 1, sizeof(*c.attrs));
	for (i = 4; i < ws->n; i++)
		c.attrs[i - 4] = xstrdup(ws->w[i].text);
	cfg->colors = xreallocarray(cfg->colors, cfg->ncolors + 1, sizeof(*cfg->colors));
	cfg->colors[cfg->ncolors++] = c;
	return BL_OK;
}

static enum bl_status
parse_line(struct config *cfg, const char *line, size_t len, const struct pos *at,
	   struct bl_err *err)
{
	struct cfg_words ws = {0};
	const char *why, *kind;
	enum bl_status st = BL_OK;

	if ((why = cfg_check_bytes(line, len)))
		return line_err(err, at, "%s", why);
	if (!cfg_lex_line(line, len, &ws, &why)) {
		cfg_words_clear(&ws);
		return line_err(err, at, "%s", why);
	}
	if (ws.n == 0)
		goto out;
	kind = ws.w[0].text;
	if (!strcmp(kind, "feed"))
		st = line_feed(cfg, &ws, at, err);
	else if (!strcmp(kind, "set"))
		st = line_set(cfg, &ws, at, err);
	else if (!strcmp(kind, "bind"))
		st = line_bind(cfg, &ws, at, err);
	else if (!strcmp(kind, "color"))
		st = line_color(cfg, &ws, at, err);
	else if (!strcmp(kind, "sync"))
		st = cfg_line_sync(cfg, &ws, at->file, at->line, err);
	else if (!strcmp(kind, "query"))
		st = cfg_line_query(cfg, line, len, &ws, at->file, at->line, err);
	else if (!strcmp(kind, "ignore"))
		st = cfg_line_ignore(cfg, line, len, &ws, at->file, at->line, err);
	else
		st = line_err(err, at, "unknown line '%s' (a line starts with feed, set, bind, "
			      "color, sync, query, ignore or #)", kind);
out:
	cfg_words_clear(&ws);
	return st;
}

/* Parses text (len bytes) into cfg; feeds are appended, settings overwritten. */
static int
feed_url_cmp(const void *a, const void *b)
{
	const struct config_feed *x = *(const struct config_feed *const *)a;
	const struct config_feed *y = *(const struct config_feed *const *)b;
	int c = strcmp(x->url, y->url);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/*
 * No URL twice: the feeds sorted by URL, the first line that repeats one
 * is the error (a config of 2,000 feeds costs no 2,000,000 comparisons).
 */
static enum bl_status
feeds_unique(struct config *cfg, const char *file, struct bl_err *err)
{
	const struct config_feed **by = xcalloc(cfg->nfeeds + 1, sizeof(*by));
	const struct config_feed *dup = NULL, *first = NULL;
	struct pos at = { .file = file };
	size_t i;

	for (i = 0; i < cfg->nfeeds; i++)
		by[i] = &cfg->feeds[i];
	qsort(by, cfg->nfeeds, sizeof(*by), feed_url_cmp);
	for (i = 1; i < cfg->nfeeds; i++)
		if (!strcmp(by[i]->url, by[i - 1]->url) && (!dup || by[i]->line < dup->line) &&
		    (i < 2 || strcmp(by[i]->url, by[i - 2]->url))) {
			dup = by[i];
			first = by[i - 1];
		}
	free(by);
	if (!dup)
		return BL_OK;
	at.line = dup->line;
	return line_err(err, &at, "feed %s is already listed on line %d (remove one)", dup->url,
			first->line);
}

static enum bl_status
parse_text(struct config *cfg, const char *text, size_t len, const char *file,
	   struct bl_err *err)
{
	struct pos at = { .file = file, .line = 0 };
	const char *p = text, *end = text + len, *nl;
	size_t n;

	while (p < end) {
		at.line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (memchr(p, '\0', n))
			return line_err(err, &at, "the line holds a NUL byte (is this a text file?)");
		if (parse_line(cfg, p, n, &at, err))
			return BL_ERR;
		p += n + (p[n] == '\r') + 1;
	}
	if (feeds_unique(cfg, file, err))
		return BL_ERR;
	cfg_ignores_resolve(cfg);
	return BL_OK;
}

static void
feeds_clear(struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nfeeds; i++)
		config_feed_clear(&cfg->feeds[i]);
	free(cfg->feeds);
	cfg->feeds = NULL;
	cfg->nfeeds = 0;
}

/* The built-in configuration: config.example, feeds included. */
static struct config *
config_builtin(struct bl_err *err)
{
	struct config *cfg = xcalloc(1, sizeof(*cfg));

	if (parse_text(cfg, config_example_text, strlen(config_example_text),
		       CONFIG_BUILTIN_NAME, err)) {
		config_free(&cfg);
		return NULL;
	}
	return cfg;
}

/* Built-in settings and bindings with the text's feeds (path takes `name`). */
static struct config *
config_parse_n(const char *text, size_t len, const char *name, struct bl_err *err)
{
	struct config *cfg = config_builtin(err);

	if (!cfg)
		return NULL;
	feeds_clear(cfg);
	cfg->path = xstrdup(name);
	if (parse_text(cfg, text, len, cfg->path, err))
		config_free(&cfg);
	return cfg;
}

struct config *
config_parse(const char *text, const char *name, struct bl_err *err)
{
	return config_parse_n(text, strlen(text), name, err);
}

char *
config_default_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "byline/config");
}

/* Reads a whole file; *missing is set when it does not exist. */
static char *
read_file(const char *path, size_t *len, bool *missing, struct bl_err *err)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	char *text = NULL;

	*missing = false;
	if (!fp) {
		*missing = errno == ENOENT;
		bl_err_set(err, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) || !S_ISREG(st.st_mode)) {
		bl_err_set(err, "%s: not a regular file", path);
		goto out;
	}
	if (st.st_size > CONFIG_MAX_BYTES) {
		bl_err_set(err, "%s: too large for a config file (%lld bytes; the limit is 16 MiB)",
			   path, (long long)st.st_size);
		goto out;
	}
	text = xmalloc((size_t)st.st_size + 1);
	*len = fread(text, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		bl_err_set(err, "%s: cannot read: %s", path, strerror(errno));
		free(text);
		text = NULL;
		goto out;
	}
	text[*len] = '\0';
out:
	fclose(fp);
	return text;
}

struct config *
config_load(const char *path, bool *used_defaults, struct bl_err *err)
{
	char *def = NULL, *text;
	struct config *cfg = NULL;
	bool missing;
	size_t len = 0;

	if (used_defaults)
		*used_defaults = false;
	if (!path)
		path = def = config_default_path();
	text = read_file(path, &len, &missing, err);
	if (!text) {
		if (missing && def) {
			cfg = config_builtin(err);
			if (cfg && used_defaults)
				*used_defaults = true;
		}
		goto out;
	}
	cfg = config_parse_n(text, len, path, err);
	free(text);
out:
	free(def);
	return cfg;
}

void
config_free(struct config **cp)
{
	struct config *cfg = cp ? *cp : NULL;
	size_t i, j;

	if (!cfg)
		return;
	feeds_clear(cfg);
	for (i = 0; i < cfg->nbinds; i++) {
		free(cfg->binds[i].view);
		free(cfg->binds[i].key);
		free(cfg->binds[i].action);
	}
	free(cfg->binds);
	for (i = 0; i < cfg->ncolors; i++) {
		free(cfg->colors[i].element);
		free(cfg->colors[i].fg);
		free(cfg->colors[i].bg);
		for (j = 0; j < cfg->colors[i].nattrs; j++)
			free(cfg->colors[i].attrs[j]);
		free(cfg->colors[i].attrs);
	}
	free(cfg->colors);
	cfg_sync_free(&cfg->sync);
	cfg_queries_free(cfg);
	for (i = 0; i < cfg->nwarnings; i++)
		free(cfg->warnings[i]);
	free(cfg->warnings);
	free(cfg->user_agent);
	free(cfg->proxy);
	free(cfg->layout);
	free(cfg->browser);
	free(cfg->emoji);
	free(cfg->save_dir);
	free(cfg->download_dir);
	free(cfg->player);
	free(cfg->path);
	free(cfg);
	*cp = NULL;
}
