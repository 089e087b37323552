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
 * the name is not a key.
 */
int key_parse(const char *name);
/* Writes the canonical name of `key` into buf (at least 16 bytes). */
void key_describe(int key, char *buf, size_t size);

/* Every action of the reader. */
enum action {
	ACT_NONE = 0,
	ACT_NEXT,
	ACT_PREV,
	ACT_FIRST,
	ACT_LAST,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_OPEN,
	ACT_BACK,
	ACT_QUIT,
	ACT_REFRESH,
	ACT_REFRESH_ALL,
	ACT_NEXT_UNREAD,
	ACT_PREV_UNREAD,
	ACT_TOGGLE_READ,
	ACT_MARK_ALL_READ,
	ACT_UNDO,
	ACT_TOGGLE_STAR,
	ACT_OPEN_IN_BROWSER,
	ACT_FOLLOW_LINK,
	ACT_SEARCH,
	ACT_HELP,
	ACT_REDRAW,
	ACT_COUNT
};

/* What an action needs before it can run (checked by the framework). */
enum action_pre {
	PRE_NONE = 0,
	PRE_ROW = 1 << 0,	/* a selected row */
	PRE_ARTICLE = 1 << 1,	/* a selected or open article */
	PRE_NOREFRESH = 1 << 2,	/* no refresh running */
};

/* One row of the action table: the single declaration of an action. */
struct action_info {
	enum action id;
	const char *name;	/* as in `bind` lines and the help view */
	const char *help;	/* one line */
	unsigned pre;		/* enum action_pre bits */
};

/* The action table, in help order, ending with a row whose name is NULL. */
extern const struct action_info action_table[];
/* The row of an action by name, or NULL. */
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
/* The action `key` runs in `view` (a view's own binding before a global one). */
enum action keymap_lookup(const struct keymap *km, const char *view, int key);
/*
 * The names of the keys bound to `act` in `view` (global ones included),
 * comma-separated, into buf. Returns the number of keys.
 */
size_t keymap_keys(const struct keymap *km, const char *view, enum action act, char *buf,
		   size_t size);

#endif
