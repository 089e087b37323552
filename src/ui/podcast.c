/* Enclosures from the reader: download (in the background, progress on the status line) and play. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "byline/clock.h"
#include "byline/download.h"
#include "byline/files.h"
#include "byline/mem.h"
#include "app_int.h"
#include "view_int.h"

/* A finished download's message stays on the status line this long before the next shows. */
#define DONE_SHOWN_MS 4000

/* Where enclosure `i` of `it` goes: DIR, STEM and EXT (the caller frees dir and stem). */
static void
enclosure_name(struct app *a, const struct item *it, size_t i, char **dir, struct buf *stem,
	       char *ext, size_t extsize)
{
	const char *title = it->title ? it->title : "";

	files_safe_name(stem, title, strlen(title), "", "enclosure");
	if (it->nenclosures > 1)
		buf_printf(stem, " - %zu", i + 1);
	download_ext(it->enclosures[i].url, it->enclosures[i].type, ext, extsize);
	*dir = files_expand_home(a->cfg->download_dir);
}

static bool
web_url(const char *url)
{
	const char *p;

	if (!url || (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)))
		return false;
	for (p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			return false;
	return true;
}

static void
download_one(struct app *a, const struct item *it, size_t i)
{
	struct download_request req = {0};
	struct buf stem = {0};
	char ext[16], *dir;
	struct bl_err err;

	if (!web_url(it->enclosures[i].url)) {
		app_message(a, true, "enclosure %zu is not downloaded: only http and https links are",
			    i + 1);
		return;
	}
	if (!a->downloads && !(a->downloads = downloader_new(&err))) {
		app_message(a, true, "%s", err.msg);
		return;
	}
	enclosure_name(a, it, i, &dir, &stem, ext, sizeof(ext));
	req = (struct download_request){ .url = it->enclosures[i].url, .dir = dir,
					 .stem = buf_cstr(&stem), .ext = ext,
					 .user_agent = a->cfg->user_agent, .proxy = a->cfg->proxy,
					 .timeout = a->cfg->timeout };
	if (downloader_add(a->downloads, &req, &err))
		app_message(a, true, "%s", err.msg);
	else
		app_message(a, false, "downloading %s%s into %s", buf_cstr(&stem), ext, dir);
	free(dir);
	buf_free(&stem);
}

/* Runs fn on enclosure N of the current article: the only one, else the number typed. */
static void
with_enclosure(struct app *a, const char *number, void (*fn)(struct app *, const struct item *,
							      size_t))
{
	struct item it;
	char *feed = NULL, *end;
	int64_t rowid;
	long n = 1;

	if (!app_article(a, &it, &feed, &rowid))
		return;
	if (number) {
		n = strtol(number, &end, 10);
		if (*end || n < 1)
			n = 0;
	}
	if (!it.nenclosures)
		app_message(a, false, "this article has no enclosure");
	else if (n < 1 || (size_t)n > it.nenclosures)
		app_message(a, true, "no enclosure %s: this article has %zu", number,
			    it.nenclosures);
	else
		fn(a, &it, (size_t)n - 1);
	item_clear(&it);
	free(feed);
}

/* Asks which enclosure when there are several; else runs fn on the one there is. */
static enum act_result
choose(struct app *a, const char *label, prompt_done_fn done,
       void (*fn)(struct app *, const struct item *, size_t))
{
	struct item it;
	char *feed = NULL, lbl[32];
	int64_t rowid;
	size_t n;

	if (!app_article(a, &it, &feed, &rowid))
		return AR_ERROR;
	n = it.nenclosures;
	item_clear(&it);
	free(feed);
	if (n > 1) {
		snprintf(lbl, sizeof(lbl), "%s (1-%zu): ", label, n);
		app_prompt(a, lbl, NULL, done);
	} else
		with_enclosure(a, NULL, fn);
	return AR_HANDLED;
}

static void
download_chosen(struct app *a, const char *text)
{
	if (text && *text)
		with_enclosure(a, text, download_one);
}

enum act_result
act_download(struct app *a, enum action act, int key)
{
	return choose(a, "Download enclosure", download_chosen, download_one);
}

/* Plays enclosure i: the downloaded file when there is one, else its URL. */
static void
play_one(struct app *a, const struct item *it, size_t i)
{
	struct buf stem = {0};
	char ext[16], *dir, *path, **argv;
	const char *cmd = a->play_cmd ? a->play_cmd : a->cfg->player;
	struct stat st;

	if (!cmd || !*cmd) {
		app_message(a, true, "no player: set player \"CMD %%u\" in the config (mpv %%u, "
			    "for one)");
		return;
	}
	enclosure_name(a, it, i, &dir, &stem, ext, sizeof(ext));
	path = xasprintf("%s/%s%s", dir, buf_cstr(&stem), ext);
	if (stat(path, &st) && !web_url(it->enclosures[i].url))
		app_message(a, true, "enclosure %zu is not played: only http and https links are",
			    i + 1);
	else if (!(argv = app_command_words(cmd, stat(path, &st) ? it->enclosures[i].url : path)))
		app_message(a, true, "the player setting is empty");
	else {
		if (app_run(a, argv, NULL, 0, "player", " (set player in the config)") == AR_HANDLED)
			app_message(a, false, "played %s", stat(path, &st) ? "the enclosure's URL"
								      : path);
		app_words_free(argv);
	}
	free(path);
	free(dir);
	buf_free(&stem);
}

static void
play_chosen(struct app *a, const char *text)
{
	if (text && *text)
		with_enclosure(a, text, play_one);
	free(a->play_cmd);
	a->play_cmd = NULL;
}

enum act_result
act_play(struct app *a, enum action act, int key)
{
	enum act_result r;

	free(a->play_cmd);
	a->play_cmd = xstrdup_null(a->arg);	/* kept for the prompt's answer */
	r = choose(a, "Play enclosure", play_chosen, play_one);
	if (!a->prompting) {
		free(a->play_cmd);
		a->play_cmd = NULL;
	}
	return r;
}

/* ---- the loop's part: progress, and what finished ---- */

static void
say_finished(struct app *a, const struct download_info *in)
{
	if (in->error)
		app_message(a, true, "download failed: %s", in->error);
	else
		app_message(a, false, "downloaded %s%s%s", in->path, in->note ? "; " : "",
			    in->note ? in->note : "");
	a->download_shown = clock_ms();
	a->downloads_done = xreallocarray(a->downloads_done, a->ndownloads_done + 1,
					  sizeof(*a->downloads_done));
	a->downloads_done[a->ndownloads_done++] = (struct download_done){
		.name = xstrdup(in->name ? in->name : ""),
		.text = xstrdup(in->error ? in->error : in->path ? in->path : ""),
		.failed = in->error != NULL,
	};
}

void
app_downloads_free(struct app *a)
{
	size_t i;

	for (i = 0; i < a->ndownloads_done; i++) {
		free(a->downloads_done[i].name);
		free(a->downloads_done[i].text);
	}
	free(a->downloads_done);
	a->downloads_done = NULL;
	a->ndownloads_done = 0;
	downloader_free(&a->downloads);
}

void
app_download_tick(struct app *a)
{
	struct download_info in;
	size_t i;

	if (!a->downloads)
		return;
	if (downloader_step(a->downloads) || downloader_count(a->downloads)) {
		app_changed(a, CH_STATUS);
		downloads_view_tick(app_top(a));
	}
	/* One finished download said at a time, each for a few seconds. */
	if (clock_ms() - a->download_shown < DONE_SHOWN_MS)
		return;
	for (i = 0; i < downloader_count(a->downloads); i++) {
		downloader_info(a->downloads, i, &in);
		if (in.done) {
			say_finished(a, &in);
			downloader_remove(a->downloads, i);
			downloads_view_tick(app_top(a));
			return;
		}
	}
}

void
app_download_status(struct app *a, struct buf *out)
{
	struct download_info in;
	size_t i, running = a->downloads ? downloader_running(a->downloads) : 0;

	for (i = 0; running && i < downloader_count(a->downloads); i++) {
		downloader_info(a->downloads, i, &in);
		if (in.done)
			continue;
		buf_puts(out, out->len ? "  " : "");
		buf_puts(out, in.resumed_at ? "resuming " : "downloading ");
		if (in.total > 0)
			buf_printf(out, "%d%% of %.1f MB", (int)(in.have * 100 / in.total),
				   (double)in.total / 1e6);
		else
			buf_printf(out, "%.1f MB", (double)in.have / 1e6);
		if (running > 1)
			buf_printf(out, " (+%zu more)", running - 1);
		return;
	}
}
