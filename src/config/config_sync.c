/* The `sync` line: which feed server to sync with, as whom, and where the password comes from. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline/mem.h"
#include "byline/text.h"
#include "byline/url.h"
#include "config_int.h"

#define SYNC_USAGE "sync greader|ttrss URL user=NAME password-command=\"CMD\" (or password-file=FILE)"

__attribute__((format(printf, 4, 5))) static enum bl_status
sync_err(struct bl_err *err, const char *file, int line, const char *fmt, ...)
{
	char msg[768];
	struct buf shown = {0};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	text_clean_message_append(&shown, msg, strlen(msg));
	bl_err_set(err, "%s:%d: %s", file, line, buf_cstr(&shown));
	buf_free(&shown);
	return BL_ERR;
}

void
cfg_sync_free(struct config_sync **sp)
{
	struct config_sync *s = *sp;

	if (!s)
		return;
	free(s->kind);
	free(s->url);
	free(s->user);
	free(s->password_command);
	free(s->password_file);
	free(s);
	*sp = NULL;
}

/* The value slot of option NAME= (a word w), or NULL when it is not one of the line's. */
static char **
sync_slot(struct config_sync *s, const struct cfg_word *w)
{
	static const struct {
		const char *name;
		size_t off;
	} opts[] = {
		{ "user", offsetof(struct config_sync, user) },
		{ "password-command", offsetof(struct config_sync, password_command) },
		{ "password-file", offsetof(struct config_sync, password_file) },
	};
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (w->option_len == strlen(opts[i].name) &&
		    !strncmp(w->text, opts[i].name, w->option_len))
			return (char **)((char *)s + opts[i].off);
	return NULL;
}

/* The NAME=VALUE words after KIND URL. Never echoes a value: one may be a secret. */
static enum bl_status
sync_options(struct config_sync *s, const struct cfg_words *ws, const char *file, int line,
	     struct bl_err *err)
{
	const struct cfg_word *w;
	char **slot;
	size_t i;

	for (i = 3; i < ws->n; i++) {
		w = &ws->w[i];
		if (!w->bare_option)
			return sync_err(err, file, line, "sync takes NAME=VALUE options after the "
					"URL (%s)", SYNC_USAGE);
		if (w->option_len == 8 && !strncmp(w->text, "password", 8))
			return sync_err(err, file, line, "the password does not go into the config: "
					"give password-command=\"CMD\" (a command that prints it) "
					"or password-file=FILE (readable only by you)");
		slot = sync_slot(s, w);
		if (!slot)
			return sync_err(err, file, line, "unknown sync option '%.*s=' (%s)",
					(int)w->option_len, w->text, SYNC_USAGE);
		if (*slot)
			return sync_err(err, file, line, "%.*s= is given twice", (int)w->option_len,
					w->text);
		if (!w->text[w->option_len + 1])
			return sync_err(err, file, line, "%.*s= is empty", (int)w->option_len,
					w->text);
		*slot = xstrdup(w->text + w->option_len + 1);
	}
	return BL_OK;
}

static enum bl_status
sync_check(const struct config_sync *s, const char *file, int line, struct bl_err *err)
{
	const char *why = url_feed_problem(s->url, false);

	if (strcmp(s->kind, "greader") && strcmp(s->kind, "ttrss"))
		return sync_err(err, file, line, "unknown sync server kind '%s' (greader: FreshRSS, "
				"Miniflux, Inoreader and other Google Reader API servers; ttrss: "
				"Tiny Tiny RSS)", s->kind);
	if (why)
		return sync_err(err, file, line, "bad sync URL '%s': %s", s->url, why);
	if (!s->user)
		return sync_err(err, file, line, "sync needs user=NAME (%s)", SYNC_USAGE);
	if (!s->password_command == !s->password_file)
		return sync_err(err, file, line, "sync needs one of password-command=\"CMD\" or "
				"password-file=FILE (%s)", SYNC_USAGE);
	return BL_OK;
}

enum bl_status
cfg_line_sync(struct config *cfg, const struct cfg_words *ws, const char *file, int line,
	      struct bl_err *err)
{
	struct config_sync *s;

	if (cfg->sync)
		return sync_err(err, file, line, "a second sync line (line %d has one; byline syncs "
				"with one server)", cfg->sync->line);
	if (ws->n < 3 || ws->w[1].bare_option || ws->w[2].bare_option)
		return sync_err(err, file, line, "sync needs a KIND and a URL (%s)", SYNC_USAGE);
	s = xcalloc(1, sizeof(*s));
	s->kind = xstrdup(ws->w[1].text);
	s->url = xstrdup(ws->w[2].text);
	s->line = line;
	s->file = file;
	if (sync_options(s, ws, file, line, err) || sync_check(s, file, line, err)) {
		cfg_sync_free(&s);
		return BL_ERR;
	}
	cfg->sync = s;
	return BL_OK;
}
