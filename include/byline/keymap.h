/* Key names, the action table and the key -> action map built from `bind` lines. */
#ifndef BYLINE_KEYMAP_H
#define BYLINE_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "byline/config.h"
#include "byline/err.h"

/*
 * A key is a Unicode code point (printable keys, Space, Enter = '\r',
 * Tab, Esc, C-a = 1 ... C-z = 26) or one of the special keys below, which
 * lie past the last code point. Terminal-independent, so the map can be
 * tested without a terminal.
 */
enum key_special {
	KEY_SPECIAL_BASE = 0x110000,
	KC_UP = KEY_SPECIAL_BASE,
	KC_DOWN,
	KC_LEFT,
	KC_RIGHT,
	KC_HOME,
	KC_END,
	KC_PGUP,
	KC_PGDN,
	KC_BACKSPACE,
	KC_DELETE,
	KC_INSERT,
	KC_F1,
	KC_F12 = KC_F1 + 11,
	KC_RESIZE,
};

#define KC_ENTER '\r'
#define KC_ESC 27
#define KC_CTRL(c) ((c) & 0x1f)

/*
 * Parses a key name: one character ("j", "G", "/", "ä"), a named key
 * (Space, Enter, Tab, Esc, Backspace, Delete, Insert, Up, Down, Left, Right,
 * Home, End, PgUp, PgDn, F1..F12) or a control key (C-l). Returns -1 when
 * the name is not a key. (keymap_create's own; exported for the tests.)
 */
int key_parse(const char *name);
/* Writes the canonical name of `key` into buf (at least 16 bytes). */
void key_describe(int key, char *buf, size_t size);

/* What an action needs before it can run (checked by the framework). */
enum action_pre {
	PRE_NONE = 0,
	PRE_ROW = 1 << 0,	/* a selected row */
	PRE_ARTICLE = 1 << 1,	/* a selected or open article */
	PRE_NOREFRESH = 1 << 2,	/* no refresh running */
	ARG_COMMAND = 1 << 3,	/* takes a command as its argument: bind KEY "pipe CMD" */
};

/*
 * Every action of the reader, declared once, in help order (movement,
 * reading, marks, the rest):
 *
 *   ACTION(ID, NAME, PRE, HANDLER, HELP)
 *
 * ID makes the enum constant ACT_ID; NAME is the word of `bind` lines and of
 * the help view; PRE is what must hold before it runs (enum action_pre bits);
 * HANDLER is the reader's own handler, in src/ui/app_actions.c, which runs
 * when the view on top has none of its own for the action (a view lists its
 * handlers in the `actions` table of its view_ops); HELP is its line in the
 * help view. The default keys are the `bind` lines of config.example.
 */
#define ACTION_LIST(ACTION) \
	ACTION(NEXT, "next", PRE_NONE, act_move, \
	       "move to the next row, or scroll down one line") \
	ACTION(PREV, "prev", PRE_NONE, act_move, \
	       "move to the previous row, or scroll up one line") \
	ACTION(FIRST, "first", PRE_NONE, act_move, "go to the first row") \
	ACTION(LAST, "last", PRE_NONE, act_move, "go to the last row") \
	ACTION(PAGE_DOWN, "page-down", PRE_NONE, act_move, "move one screen down") \
	ACTION(PAGE_UP, "page-up", PRE_NONE, act_move, "move one screen up") \
	ACTION(OPEN, "open", PRE_ROW, act_view_only, "open the selected feed or article") \
	ACTION(BACK, "back", PRE_NONE, act_back, \
	       "go back to the previous view (quits from the feeds view)") \
	ACTION(QUIT, "quit", PRE_NONE, act_quit, "quit byline") \
	ACTION(NEXT_UNREAD, "next-unread", PRE_NONE, act_unread, \
	       "go to the next unread article, crossing feeds") \
	ACTION(PREV_UNREAD, "prev-unread", PRE_NONE, act_unread, \
	       "go to the previous unread article, crossing feeds") \
	ACTION(TOGGLE_READ, "toggle-read", PRE_ARTICLE, act_view_only, \
	       "mark the article read or unread") \
	ACTION(MARK_ALL_READ, "mark-all-read", PRE_ROW, act_view_only, \
	       "mark every article of the current list read") \
	ACTION(UNDO, "undo", PRE_NONE, act_undo, \
	       "undo the last mark, mark-all-read or delete-feed; again, the one before") \
	ACTION(TOGGLE_STAR, "toggle-star", PRE_ARTICLE, act_view_only, \
	       "star or unstar the article") \
	ACTION(OPEN_IN_BROWSER, "open-in-browser", PRE_ARTICLE, act_view_only, \
	       "open the article's link in the browser") \
	ACTION(FOLLOW_LINK, "follow-link", PRE_ARTICLE, act_view_only, \
	       "type a link number, then Enter: open that link of the article") \
	ACTION(SAVE, "save", PRE_ARTICLE, act_save, \
	       "save the article as text in a new file under save-dir") \
	ACTION(SAVE_HTML, "save-html", PRE_ARTICLE, act_save, \
	       "save the article's HTML in a new file under save-dir") \
	ACTION(PIPE, "pipe", PRE_ARTICLE | ARG_COMMAND, act_pipe, \
	       "send the article as text to a command (asked for, or bound)") \
	ACTION(PIPE_HTML, "pipe-html", PRE_ARTICLE | ARG_COMMAND, act_pipe, \
	       "send the article's HTML to a command") \
	ACTION(DOWNLOAD, "download", PRE_ARTICLE, act_download, \
	       "download the article's enclosure (podcast) in the background") \
	ACTION(PLAY, "play", PRE_ARTICLE | ARG_COMMAND, act_play, \
	       "play the article's enclosure (downloaded, else its URL)") \
	ACTION(FULLTEXT, "fulltext", PRE_ARTICLE, act_view_only, \
	       "fetch the whole article from its web page, or back to the feed's text") \
	ACTION(REFRESH, "refresh", PRE_NOREFRESH, act_refresh, \
	       "refresh the selected or current feed (with a sync line: sync)") \
	ACTION(REFRESH_ALL, "refresh-all", PRE_NOREFRESH, act_refresh, \
	       "refresh every feed now, due or not (with a sync line: sync)") \
	ACTION(REFRESH_DUE, "refresh-due", PRE_NOREFRESH, act_refresh, \
	       "refresh the feeds that are due, as the automatic refresh does") \
	ACTION(SYNC, "sync", PRE_NONE, act_sync, \
	       "sync with the feed server now (the config's sync line)") \
	ACTION(DOWNLOADS, "downloads", PRE_NONE, act_downloads, \
	       "the downloads: running ones with progress, finished ones; again, back") \
	ACTION(CANCEL_DOWNLOAD, "cancel-download", PRE_ROW, act_view_only, \
	       "stop the selected download, keeping what came (d resumes it)") \
	ACTION(ADD_FEED, "add-feed", PRE_NONE, act_add_feed, \
	       "add a feed by the address of any page (its feeds are found)") \
	ACTION(EDIT_FEED, "edit-feed", PRE_ROW, act_edit_feed, \
	       "edit the selected feed's line: URL, tags, title and options") \
	ACTION(DELETE_FEED, "delete-feed", PRE_ROW, act_delete_feed, \
	       "delete the selected feed from the config (u undoes)") \
	ACTION(RELOAD_CONFIG, "reload-config", PRE_NONE, act_reload_config, \
	       "read the config file again (also on SIGHUP)") \
	ACTION(TAGS, "tags", PRE_NONE, act_tags, \
	       "the tags view: feeds by tag with counts, failing feeds first; again, back") \
	ACTION(SEARCH, "search", PRE_NONE, act_search, \
	       "search every article with a query (words, fields, states, dates)") \
	ACTION(FILTER, "filter", PRE_NONE, act_filter, \
	       "narrow the list at hand to a query (empty: clear it)") \
	ACTION(HELP, "help", PRE_NONE, act_help, "show this help") \
	ACTION(REDRAW, "redraw", PRE_NONE, act_redraw, "redraw the screen")

/* Every action of the reader: ACT_NEXT ... ACT_REDRAW, in help order. */
enum action {
	ACT_NONE = 0,
#define ACTION_ENUM(id, name, pre, handler, help) ACT_##id,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

/* One row of the action table, made from ACTION_LIST. */
struct action_info {
	enum action id;
	const char *name;	/* as in `bind` lines and the help view */
	const char *help;	/* one line */
	unsigned pre;		/* enum action_pre bits */
};

/* The action table, in help order, ending with a row whose name is NULL. */
extern const struct action_info action_table[];
/* The row of an action by name, or NULL. (keymap_create's own; exported for the tests.) */
const struct action_info *action_find(const char *name);
/* The row of an action (never NULL for a valid id). */
const struct action_info *action_get(enum action id);

/* The views a binding can name. */
extern const char *const keymap_views[];

struct keymap;

/*
 * Builds the map from the config's bind lines (defaults first, then the
 * user's; later lines win). An unknown key, action or view is an error
 * "FILE:LINE: ..." where FILE is the bind line's file, else config_path
 * (else "config").
 */
struct keymap *keymap_create(const struct config_bind *binds, size_t n,
			     const char *config_path, struct bl_err *err);
void keymap_destroy(struct keymap **kp);
/* One step of what a key runs: an action and its argument (NULL: none). */
struct keymap_step {
	enum action act;
	char *arg;
};

/*
 * The action `key` runs in `view` (a view's own binding before a global
 * one); ACT_NONE when it runs none, or a macro or an action with an argument.
 */
enum action keymap_lookup(const struct keymap *km, const char *view, int key);
/* The steps `key` runs in `view` (*n of them, owned by km), or NULL (*n = 0). */
const struct keymap_step *keymap_steps(const struct keymap *km, const char *view, int key,
				       size_t *n);
/*
 * The keys that run a macro or an action with a command in `view`, one a
 * call: from *i on (start at 0), the key's name into key and the bind
 * line's action text into *text (owned by km). False past the last.
 */
bool keymap_macro(const struct keymap *km, const char *view, size_t *i, char *key, size_t size,
		  const char **text);
/*
 * The names of the keys bound to `act` in `view` (global ones included),
 * comma-separated, into buf. Returns the number of keys.
 */
size_t keymap_keys(const struct keymap *km, const char *view, enum action act, char *buf,
		   size_t size);

#endif
