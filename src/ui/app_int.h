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
struct fulltext;

/* What a handler changed, so the loop redraws once, and only that. */
enum change {
	CH_ROW = 1 << 0,	/* some rows (marked dirty on the view) */
	CH_VIEW = 1 << 1,	/* the top view, whole */
	CH_LAYOUT = 1 << 2,	/* the view stack or the screen size */
	CH_DATA = 1 << 3,	/* the store changed: views reload */
	CH_STATUS = 1 << 4,
};

/* Called when a prompt ends: the text, or NULL when cancelled. */
typedef void (*prompt_done_fn)(struct app *a, const char *text);

/*
 * The reader: one per ui_run, on its stack. It borrows cfg and store, owns
 * the views on its stack, the preview, the key map and the running refresh.
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
	int64_t last_key;	/* ms, monotonic: when the reader last had a key */
	bool index_pending;	/* articles may wait for the search index */
	size_t index_slice;	/* articles indexed per idle slice, sized to the machine */
	size_t index_left;	/* articles still waiting after the last slice */
	/* The last mark, for undo. */
	int64_t *undo_ids;
	size_t nundo;
	bool undo_was_read;	/* the state to restore */
	bool undo_star;		/* undo restores a star, not a read flag */
	/* Remembered positions of article lists (feed id or a virtual key -> rowid). */
	struct { int64_t key, rowid; } *pos;
	size_t npos;
	/* The prompt, when one is open. */
	bool prompting;
	char prompt_label[32];
	struct buf prompt;
	prompt_done_fn prompt_done;
};

/* ---- what views ask of the app ---- */
/* Reports a change (enum change bits) for the next redraw. */
void app_changed(struct app *a, unsigned what);
/* Puts a message on the status line (printf-style). */
void app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Pushes v (the app owns it from now on; destroyed at once when the stack is full). */
void app_push(struct app *a, struct view *v);
/* Pops and destroys the top view (never the last one). */
void app_pop(struct app *a);
struct view *app_top(struct app *a);
/* The view below v on the stack, or NULL. */
struct view *app_below(struct app *a, struct view *v);
/* Starts a refresh of the given feeds (NULL: all). */
void app_refresh(struct app *a, const char *const *urls, size_t n);
/* Remembers / recalls the selected rowid of an article list. */
void app_pos_save(struct app *a, int64_t key, int64_t rowid);
int64_t app_pos_get(struct app *a, int64_t key);
/* Sets the undo record: ids whose read (or star) flag was `was` before (copied). */
void app_undo_set(struct app *a, const int64_t *ids, size_t n, bool was, bool star);
/*
 * Asks for one line on the status line without stopping the loop (refreshes
 * go on). `done` gets the text, or NULL when cancelled (Esc, C-g).
 */
void app_prompt(struct app *a, const char *label, const char *initial, prompt_done_fn done);
/* browser.c: opens a URL in the browser (fork/execvp, http/https/mailto only). */
enum act_result app_open_url(struct app *a, const char *url);

/* ---- the loop's parts: app.c runs them, each file has one concern ---- */
/* app.c: the clock of the loop's timers, ms, monotonic. */
int64_t app_now_ms(void);
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
/* Indexes a slice of waiting articles when the reader is idle. */
void app_index_tick(struct app *a);
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
