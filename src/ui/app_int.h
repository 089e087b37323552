/* The reader's state (struct app) and what views ask of it: the stack, messages, marks, prompts. */
#ifndef BYLINE_UI_APP_INT_H
#define BYLINE_UI_APP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/buf.h"
#include "byline/config.h"
#include "byline/keymap.h"
#include "byline/layout.h"
#include "byline/store.h"
#include "view_int.h"

struct refresh;
struct downloader;
struct sync;
struct sync_session;
struct discover;
struct fulltext;

/* What a handler changed, so the loop redraws once, and only that. */
enum change {
	CH_ROW = 1 << 0,	/* some rows (marked dirty on the view) */
	CH_VIEW = 1 << 1,	/* the top view, whole */
	CH_LAYOUT = 1 << 2,	/* the view stack or the screen size */
	CH_DATA = 1 << 3,	/* the store changed: views reload */
	CH_STATUS = 1 << 4,
};

/* One change undo takes back: the flags of `ids` as they were. */
struct undo_entry {
	int64_t *ids;
	size_t n;
	bool was;		/* the state to restore */
	bool star;		/* a star, not a read flag */
};
#define UNDO_MAX 100

/* Called when a prompt ends: the text, or NULL when cancelled. */
typedef void (*prompt_done_fn)(struct app *a, const char *text);

/*
 * The reader: one per ui_run, on its stack. It borrows cfg and store, owns
 * the views on its stack, the preview, the key map, the running refresh or
 * sync, and the sync password.
 */
struct app {
	const struct config *cfg;
	struct store *store;
	struct keymap *km;
	struct view *stack[8];
	int depth;
	/* Split layout with the list on top: its selected article, not marked read. */
	struct view *preview;
	enum layout_mode mode;
	struct layout lay;
	int cols, rows;
	unsigned changed;	/* enum change bits */
	bool quit;
	struct buf msg;		/* status line message */
	int status_rows;	/* the rows the status line takes (a long message wraps) */
	bool keyed;		/* a key was pressed since the start */
	bool msg_error;
	struct refresh *refresh;
	bool refresh_dirty;	/* feeds came in since the last reload */
	int64_t last_reload;	/* ms, monotonic */
	bool start_refresh;	/* refresh-on-start, after the first paint */
	bool exit_after_paint;	/* BYLINE_EXIT_AFTER_PAINT: measure start-up */
	int64_t refresh_since;	/* s, wall clock: when the running refresh started */
	struct fulltext *fulltext;	/* articles' pages being fetched, or NULL */
	int64_t fulltext_asked;	/* the article whose full text was last asked for */
	int64_t next_refresh;	/* refresh-interval: next automatic run (ms, monotonic), 0 = never */
	int64_t next_due;	/* epoch s: the earliest due time the last refresh left, or 0 */
	bool refresh_force;	/* the next refresh of every feed fetches those not due too */
	/* Sync (the config's sync line): refreshes are syncs then. */
	struct sync *sync;	/* the running sync, or NULL */
	bool sync_marks_only;	/* it only sends marks */
	bool sync_wanted;	/* a full sync, once the marks on their way are sent */
	bool refresh_after_sync;	/* then a refresh of the config's feed lines */
	size_t sync_new_seen;	/* new articles at the last reload */
	char *sync_password;	/* read once at start; wiped at the end */
	struct sync_session *sync_session;	/* the server's login, kept from run to run */
	int64_t marks_due;	/* ms, monotonic: send the queued marks then; 0 = none wait */
	int64_t marks_retry_ms;	/* the wait after a failed send (doubles) */
	int64_t last_key;	/* ms, monotonic: when the reader last had a key */
	bool index_pending;	/* articles may wait for the search index */
	size_t index_slice;	/* articles indexed per idle slice, sized to the machine */
	size_t index_left;	/* articles still waiting after the last slice */
	/* The marks undo takes back, the latest last (at most UNDO_MAX). */
	struct undo_entry *undo;
	size_t nundo;
	int64_t data_version;	/* the store's, when last looked: another reader's marks */
	int64_t data_checked;	/* ms, monotonic: when it was last looked at */
	/* Remembered positions of article lists (feed id or a virtual key -> rowid). */
	struct { int64_t key, rowid; } *pos;
	size_t npos;
	/* The prompt, when one is open. */
	bool prompting;
	char prompt_label[512];
	struct buf prompt;
	prompt_done_fn prompt_done;
	const char *arg;	/* the running action's argument (bind KEY "pipe CMD"), or NULL */
	struct downloader *downloads;	/* enclosures downloading, or NULL before the first */
	int64_t download_shown;	/* ms, monotonic: when a finished download was last said */
	/* Downloads finished and said, oldest first, for the downloads view. */
	struct download_done {
		char *name;
		char *text;	/* where it is, or why it failed */
		bool failed;
	} *downloads_done;
	size_t ndownloads_done;
	char *play_cmd;		/* play's command while its prompt is open, or NULL */
	/* Feeds managed from the reader (app_feeds.c). */
	struct config *own_cfg;		/* a config reloaded here (cfg points to it), or NULL */
	struct config **retired;	/* configs a running refresh still borrows */
	size_t nretired;
	struct discover *discover;	/* add-feed looking for feeds, or NULL */
	struct config_feed add_line;	/* add-feed: the tags and options typed after the URL */
	char *undo_line;		/* delete-feed: the line removed, for undo */
	char *undo_url;
	int undo_lineno;
	char *pending_url;		/* the feed edit-feed or delete-feed prompts about */
};

/* ---- what views ask of the app ---- */
/* Reports a change (enum change bits) for the next redraw. */
void app_changed(struct app *a, unsigned what);
/* Puts a message on the status line (printf-style). */
/* First run (no config file): "built-in feeds: write yours to PATH (byline-config(5))". */
void app_config_hint(struct app *a, struct buf *out);
void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Pushes v (the app owns it from now on; destroyed at once when the stack is full). */
void app_push(struct app *a, struct view *v);
/* Pops and destroys the top view (never the last one). */
void app_pop(struct app *a);
struct view *app_top(struct app *a);
/* The view below v on the stack, or NULL. */
struct view *app_below(struct app *a, struct view *v);
/* Starts a refresh of the given feeds (NULL: all); with a sync line, a sync. */
void app_refresh(struct app *a, const char *const *urls, size_t n);
/* Starts a refresh of the given feeds of the config (NULL: all), whether or not a sync line is set. */
void app_refresh_feeds(struct app *a, const char *const *urls, size_t n);
/* app_sync.c: starts a sync with the server now (a message when there is no sync line). */
void app_sync_now(struct app *a);
/* True when the config has a sync line. */
bool app_sync_mode(const struct app *a);
/* Remembers / recalls the selected rowid of an article list. */
void app_pos_save(struct app *a, int64_t key, int64_t rowid);
int64_t app_pos_get(struct app *a, int64_t key);
/*
 * Records a change for undo, on top of the history (the oldest goes past
 * UNDO_MAX): ids whose read (or star) flag was `was` before (copied).
 */
void app_undo_push(struct app *a, const int64_t *ids, size_t n, bool was, bool star);
/*
 * Asks for one line on the status line without stopping the loop (refreshes
 * go on). `done` gets the text, or NULL when cancelled (Esc, C-g).
 */
void app_prompt(struct app *a, const char *label, const char *initial, prompt_done_fn done);
/*
 * app_actions.c: a query of the query language with the config's tags and
 * titles filled in (query_free it); NULL after putting its mistake on the
 * status line ("what: column N: reason").
 */
struct query *app_query(struct app *a, const char *src, const char *what);
/* browser.c: opens a URL in the browser (fork/execvp, http/https/mailto only). */
enum act_result app_open_url(struct app *a, const char *url);
/*
 * Splits a command setting into words (blanks; "…" and '…' group); %u
 * becomes `url`, which is added as the last word when there is no %u (url
 * NULL: neither). NULL when there is no word. Free with app_words_free.
 */
char **app_command_words(const char *cmd, const char *url);
void app_words_free(char **argv);
/*
 * Runs argv (execvp, no shell) with the terminal handed over and waits;
 * with `input`, the command's stdin is a pipe fed those len bytes. A
 * failure is said on the status line as "could not run WHAT 'CMD': why HINT".
 */
enum act_result app_run(struct app *a, char **argv, const char *input, size_t len,
			const char *what, const char *hint);

/*
 * export.c: the article the top view shows or has selected, loaded into *it
 * (clear it with item_clear), its feed's title (caller frees) and rowid.
 * False when there is none (or with a message when it cannot be read).
 */
bool app_article(struct app *a, struct item *it, char **feed_title, int64_t *rowid);
/* The handlers of ACTION_LIST that live in their own files. */
enum act_result act_save(struct app *a, enum action act, int key);
enum act_result act_pipe(struct app *a, enum action act, int key);
enum act_result act_download(struct app *a, enum action act, int key);
enum act_result act_play(struct app *a, enum action act, int key);

/* ---- app_feeds.c: feeds added, edited, deleted from the reader; the config reloaded ---- */
enum act_result act_add_feed(struct app *a, enum action act, int key);
enum act_result act_edit_feed(struct app *a, enum action act, int key);
enum act_result act_delete_feed(struct app *a, enum action act, int key);
enum act_result act_reload_config(struct app *a, enum action act, int key);
/* undo of a delete-feed: true when there was one to undo (done or said). */
bool app_feed_undo(struct app *a);
/* Reads the config file again; keeps the old one (and says why) when it has a mistake. */
void app_config_reload(struct app *a, bool say);
/* Moves add-feed's discovery on; frees configs no refresh borrows any more. */
void app_feeds_tick(struct app *a);
void app_feeds_free(struct app *a);
/* feeds.c: the URL of the feed on the selected row, or NULL on a virtual list. */
const char *feeds_view_selected_url(struct view *v);
/* feeds.c: selects the row of url, if it is there. */
void feeds_view_select_url(struct view *v, const char *url);

/* ---- the loop's parts: app.c runs them, each file has one concern ---- */
/* app.c: the clock of the loop's timers, ms, monotonic. */
/* app_draw.c: draws what a->changed says changed, then one doupdate; clears a->changed. */
void app_draw(struct app *a);
/*
 * app_actions.c: runs the action `key` is bound to in the top view: checks its
 * preconditions, then runs the view's own handler, else the action's (ACTION_LIST).
 */
void app_dispatch(struct app *a, int key);
/* app_refresh.c: sets the index and refresh timers at start. */
void app_background_init(struct app *a);
/* How long the loop may wait (ms) before background work wants it again. */
int app_background_timeout(struct app *a);
/* Moves the running refresh on (or starts the automatic one when due). */
void app_refresh_tick(struct app *a);
/* Another reader's marks: reloads when the database changed under the reader. */
void app_store_tick(struct app *a);
/* Indexes a slice of waiting articles when the reader is idle. */
void app_index_tick(struct app *a);
/* podcast.c: moves downloads on; says each one that finished. */
void app_download_tick(struct app *a);
/* Stops every download (their .part kept) and forgets the finished ones. */
void app_downloads_free(struct app *a);
/* Appends the running downloads' progress (for the status line). */
void app_download_status(struct app *a, struct buf *out);
/* The next automatic refresh (or sync): refresh-interval from now. */
void app_schedule_refresh(struct app *a);
/* app_sync.c: reads the sync password (before the screen starts: a command may ask). */
void app_sync_init(struct app *a);
/* Moves the running sync on; starts a short one when marks wait to be sent. */
void app_sync_tick(struct app *a);
/* timeout, shortened to when the sync wants the loop again. */
int app_sync_timeout(struct app *a, int timeout);
/* The status line's right part while a sync runs. */
void app_sync_status(struct app *a, struct buf *right);
/* Stops the sync, wipes the password. */
void app_sync_free(struct app *a);
/*
 * app_fulltext.c: the full text of articles, fetched in the loop's
 * background. app_fulltext_fetch queues an article's page (asked for by the
 * reader: its outcome goes to the status line); app_fulltext_new queues the
 * new articles of a fulltext=yes feed a refresh brought; app_fulltext_pending
 * tells whether an article's page is still on its way. When a page is stored
 * the views reload (CH_DATA).
 */
void app_fulltext_fetch(struct app *a, int64_t rowid, const char *url);
void app_fulltext_new(struct app *a, int64_t feed_id, const char *feed_url);
bool app_fulltext_pending(const struct app *a, int64_t rowid);
/* Waits as the loop would (terminal, refresh, pages), at most timeout_ms; sets *ready for a key. */
void app_background_wait(struct app *a, int timeout_ms, bool *ready);
/* Moves the pages on; stores and reports those that came. */
void app_fulltext_tick(struct app *a);
/* app_input.c: SIGWINCH, SIGCONT, SIGINT/TERM/HUP only set flags ... */
void app_signals_install(void);
/* ... which the loop reads here: resize, or quit. */
void app_handle_signals(struct app *a);
/* Reads every key waiting on the terminal: to the prompt when open, else app_dispatch. */
void app_read_keys(struct app *a);

#endif
