/* The article leaving the reader: save (a new file under save-dir) and pipe (to a command, no shell). */
#include <stdlib.h>
#include <string.h>

#include "byline/files.h"
#include "byline/mem.h"
#include "byline/render.h"
#include "app_int.h"
#include "view_int.h"

/* Saved and piped text is wrapped to this width, whatever the screen's. */
#define EXPORT_WIDTH 72

bool
app_article(struct app *a, struct item *it, char **feed_title, int64_t *rowid)
{
	struct view *top = app_top(a);
	const struct item_row *r;
	struct bl_err err;
	const char *feed;

	memset(it, 0, sizeof(*it));
	if (article_view_is(top)) {
		item_dup(it, article_view_item(top, &feed, rowid));
		*feed_title = xstrdup_null(feed);
		return true;
	}
	if (!articles_view_is(top) || !(r = articles_view_selected_row(top)))
		return false;
	if (store_item_get(a->store, r->rowid, it, &err)) {
		app_message(a, true, "%s", err.msg);
		return false;
	}
	*feed_title = xstrdup_null(r->feed_title);
	*rowid = r->rowid;
	return true;
}

/* The article as text or HTML into out; false with a message when it cannot be rendered. */
static bool
article_bytes(struct app *a, bool html, struct buf *out, char **title)
{
	struct item it;
	char *feed = NULL;
	int64_t rowid;
	struct bl_err err;
	bool ok = true;

	if (!app_article(a, &it, &feed, &rowid))
		return false;
	if (html)
		render_item_html(&it, feed, out);
	else if (render_item_text(&it, feed, EXPORT_WIDTH, out, &err)) {
		app_message(a, true, "%s", err.msg);
		ok = false;
	}
	*title = xstrdup(it.title ? it.title : "");
	item_clear(&it);
	free(feed);
	return ok;
}

enum act_result
act_save(struct app *a, enum action act, int key)
{
	bool html = act == ACT_SAVE_HTML;
	struct buf data = {0}, stem = {0};
	char *title = NULL, *dir, *path = NULL;
	struct bl_err err;
	enum act_result r = AR_ERROR;

	if (!article_bytes(a, html, &data, &title))
		goto out;
	files_safe_name(&stem, title, strlen(title), "", "article");
	dir = files_expand_home(a->cfg->save_dir);
	if (files_write_new(dir, buf_cstr(&stem), html ? ".html" : ".txt", data.data, data.len,
			    &path, &err))
		app_message(a, true, "not saved: %s", err.msg);
	else {
		app_message(a, false, "saved %s", path);
		r = AR_HANDLED;
	}
	free(dir);
	free(path);
out:
	free(title);
	buf_free(&stem);
	buf_free(&data);
	return r;
}

/* Sends the article to the command `cmd`. */
static enum act_result
pipe_to(struct app *a, bool html, const char *cmd)
{
	struct buf data = {0};
	char *title = NULL, **argv;
	enum act_result r = AR_ERROR;

	if (!(argv = app_command_words(cmd, NULL))) {
		app_message(a, false, "nothing to pipe to: the command is empty");
		return AR_ERROR;
	}
	if (article_bytes(a, html, &data, &title))
		r = app_run(a, argv, data.data ? data.data : "", data.len, "command", NULL);
	if (r == AR_HANDLED)
		app_message(a, false, "piped the article to %s", argv[0]);
	app_words_free(argv);
	free(title);
	buf_free(&data);
	return r;
}

static void
pipe_text_done(struct app *a, const char *text)
{
	if (text && *text)
		pipe_to(a, false, text);
}

static void
pipe_html_done(struct app *a, const char *text)
{
	if (text && *text)
		pipe_to(a, true, text);
}

/* pipe, pipe-html: the command bound with the key ("pipe less"), else asked for. */
enum act_result
act_pipe(struct app *a, enum action act, int key)
{
	bool html = act == ACT_PIPE_HTML;

	if (a->arg)
		return pipe_to(a, html, a->arg);
	app_prompt(a, html ? "Pipe HTML to: " : "Pipe to: ", NULL,
		   html ? pipe_html_done : pipe_text_done);
	return AR_HANDLED;
}
