/* Internals of the sync engine shared by its files: calls, phases, the back ends' ops table. */
#ifndef BYLINE_SYNC_INT_H
#define BYLINE_SYNC_INT_H

#include "byline/buf.h"
#include "byline/fetch.h"
#include "byline/store_sync.h"
#include "byline/sync.h"

/* ---- JSON answers as a tree (json_tree.c, over yajl) ---- */

enum sync_json_type { SJ_NULL, SJ_BOOL, SJ_INT, SJ_DOUBLE, SJ_STRING, SJ_ARRAY, SJ_OBJECT };

/*
 * A value of a parsed answer. Every value of a document lives in the
 * document's arena: it is freed when the last sync_json_keep is dropped.
 */
struct sync_json {
	enum sync_json_type type;
	bool b;
	int64_t i;
	double d;
	const char *str;		/* SJ_STRING, NUL-terminated (n bytes) */
	size_t n;			/* string bytes, list items or object members */
	struct sync_json **items;	/* SJ_ARRAY, SJ_OBJECT */
	char **keys;			/* SJ_OBJECT */
	struct sync_json_doc *doc;
};

/*
 * Parses a whole answer (at most 64 deep, 4 Mi values). NULL on failure,
 * with the byte where it stopped in *bad_at and why in *why ("cut off
 * or garbled", "nested too deeply"). The document is dropped with
 * sync_json_drop(root).
 */
struct sync_json *sync_json_parse(const char *buf, size_t len, size_t *bad_at,
				  const char **why);
/* The same, fed piece by piece (as an answer arrives); _end frees the parser. */
struct sync_json_parser;
struct sync_json_parser *sync_json_parser_new(void);
void sync_json_parser_feed(struct sync_json_parser *p, const char *buf, size_t len);
struct sync_json *sync_json_parser_end(struct sync_json_parser **p, size_t *bad_at,
				       const char **why);
void sync_json_parser_free(struct sync_json_parser **p);
/* Keeps the document of v alive (v may be any of its values); returns v. */
struct sync_json *sync_json_keep(struct sync_json *v);
/* Drops one keep of v's document (the parse's own, at first); accepts NULL. */
void sync_json_drop(struct sync_json *v);
/* v[key] of an object; NULL when v is no object or has no such key. */
struct sync_json *sync_json_get(const struct sync_json *v, const char *key);
/* Items of a list (0 when v is no list), and item i (NULL past the end). */
size_t sync_json_len(const struct sync_json *v);
struct sync_json *sync_json_at(const struct sync_json *v, size_t i);
bool sync_json_is(const struct sync_json *v, enum sync_json_type type);
/* v as a string; NULL when it is none. */
const char *sync_json_string(const struct sync_json *v);
/* Every item v of list a, i its index. */
#define SYNC_JSON_EACH(a, i, v) \
	for ((i) = 0; (i) < sync_json_len(a) && ((v) = sync_json_at((a), (i))); (i)++)

struct sync_call;
/* What a call's answer goes to: doc is the parsed JSON, or NULL for a text answer (c->body). */
typedef void (*sync_call_fn)(struct sync_call *c, struct sync_json *doc);

/* One API request, from the first send to its answer (re-sent once after a renewed login). */
struct sync_call {
	struct sync *y;
	struct sync_call *next;		/* in the engine's list of answered calls */
	struct sync_call *live_prev, *live_next;	/* every call not yet freed */
	const char *what;		/* static words: "reading the subscriptions" */
	char *url;
	char *form;			/* the back end's POST body without credentials, or NULL: GET */
	bool text;			/* the answer is text, not JSON */
	bool login;			/* the login itself: a refusal means a wrong password */
	bool token;			/* Google Reader: the body needs the edit token */
	sync_call_fn done;
	int64_t arg;			/* for the back end */
	struct buf body;		/* the answer of a text call */
	struct sync_json_parser *parser;	/* a JSON call's answer, read as it comes */
	size_t body_len;		/* bytes of the answer */
	struct fetch_result res;	/* of the last send; strings copied below */
	char *error, *location;
	bool renewed;			/* sent again after a renewed login */
};

/*
 * A back end: the one shape both protocols fill in. Each step issues its
 * calls through sync_call(); when every call of a step is answered the
 * engine starts the next step. The back end keeps its own state in y->be.
 */
struct sync_ops {
	const char *name;
	const char *content_type;	/* of the POST bodies */
	void (*init)(struct sync *y);
	void (*free)(struct sync *y);
	/* Logs in; calls sync_logged_in() when the session is there. */
	void (*login)(struct sync *y);
	/* Adds the session (header, token, session id) to a request about to go. */
	void (*dress)(struct sync *y, struct sync_call *c, struct buf *post,
		      struct buf *header);
	/* The answer says the session expired (401, NOT_LOGGED_IN): log in again and resend. */
	bool (*expired)(const struct sync_call *c, struct sync_json *doc);
	void (*send_marks)(struct sync *y, const struct store_sync_mark *m, size_t n);
	void (*subscribe)(struct sync *y, const char *url, const char *folder);
	void (*unsubscribe)(struct sync *y, const char *remote);
	void (*list_subscriptions)(struct sync *y);
	void (*fetch_items)(struct sync *y);
	void (*fetch_state)(struct sync *y);
	/* Where the back end keeps the session's secrets, i = 0, 1 (NULL past them). */
	char **(*session)(struct sync *y, int i);
};

/* The secrets of a session between runs (wiped when replaced or destroyed). */
#define SYNC_SESSION_SECRETS 2
struct sync_session {
	char *secret[SYNC_SESSION_SECRETS];
};

extern const struct sync_ops sync_greader_ops;
extern const struct sync_ops sync_ttrss_ops;

/* The run, as the back ends see it. */
struct sync {
	struct store *s;
	const struct config_sync *cs;
	const struct sync_ops *ops;
	void *be;			/* the back end's state */
	struct sync_options opt;
	char *base;			/* the API's base URL, without a trailing slash */
	char *password;			/* wiped when freed */
	bool full;			/* first sync, or --full */
	bool first;			/* this database never synced before */
	struct sync_progress p;
	/* The engine's own. */
	struct fetcher *f;
	int phase;
	size_t outstanding;		/* calls sent or waiting to be resent */
	struct sync_call *answered, *answered_tail;
	struct sync_call *live;		/* every call not yet freed (sync_free frees the rest) */
	struct sync_call **waiting;	/* for a renewed login */
	size_t nwaiting;
	bool relogging;
	bool failed;
	struct bl_err err;
	char **warnings;
	size_t nwarnings;
	struct store_sync_mark *marks;	/* being sent */
	size_t nmarks;
	struct sync_page *pages, *pages_tail;	/* lists waiting to be stored (sync_put_later) */
	struct store_checkpointer *ck;	/* the WAL's upkeep while lists are stored, or NULL */
};

/* How a call is sent and read (sync_call's flags). */
enum sync_call_flags {
	SYNC_TEXT = 1,		/* the answer is text, not JSON */
	SYNC_LOGIN = 2,		/* the login itself */
	SYNC_TOKEN = 4,		/* Google Reader: the body needs the edit token */
};

/*
 * Sends a request to base + path (GET, or POST with form as the body; the
 * back end's dress() adds the session) at once. `done` gets the answer
 * unless the run failed first. Returns the call, e.g. to set arg.
 */
struct sync_call *sync_call(struct sync *y, const char *what, const char *path,
			    const char *form, unsigned flags, sync_call_fn done);
/* Puts new requests on the wire now (before a long write to the store). */
void sync_flush(struct sync *y);
/*
 * Stores every item of list with put, in one transaction, moving the
 * transfers on as it goes (the next page keeps coming meanwhile). False
 * when the run failed (the transaction is undone).
 */
typedef enum bl_status (*sync_put_fn)(struct sync *y, struct sync_json *v, struct bl_err *err);
bool sync_put_each(struct sync *y, struct sync_json *list, sync_put_fn put);
/*
 * The same, later and in slices (a few hundred articles a turn of
 * sync_step, each slice its own transaction), so answers keep being read
 * and requests sent meanwhile, and a reader's keys wait for no more than
 * a slice. The list's document is kept until stored; then(y), if not
 * NULL, runs after its last item. The step does not end before.
 */
void sync_put_later(struct sync *y, struct sync_json *list, sync_put_fn put,
		    void (*then)(struct sync *y));
/* The run fails: what was being done and why. The rest of the run is dropped. */
void sync_fail(struct sync *y, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void sync_warn(struct sync *y, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A store error ends the run. Returns true when st failed. */
bool sync_store_failed(struct sync *y, enum bl_status st, const struct bl_err *err);
/* The back end's login is done: the calls that waited for it go again. */
void sync_logged_in(struct sync *y);
/* The marks of the send step (y->marks) that the server took: out of the queue. */
void sync_marks_sent(struct sync *y, const struct store_sync_mark *m, size_t n);

/* ---- JSON fields, text cleaned and bounded (json.c) ---- */

/* doc[key] as a string (NULL when absent or not a string). */
const char *sync_json_str(const struct sync_json *doc, const char *key);
/* doc[key] as an integer, also from a string of digits; def when neither. */
int64_t sync_json_int(const struct sync_json *doc, const char *key, int64_t def);
/* doc[key] as true/false (also 1/0, "true"/"false"). */
bool sync_json_bool(const struct sync_json *doc, const char *key);
/* Plain text from a server's title or name: entities decoded, one clean line, bounded. Caller frees. */
char *sync_plain(const char *s);
/* HTML from a server, cleaned of invalid UTF-8, bounded. Caller frees; NULL for NULL. */
char *sync_html(const char *s);
/* Appends s percent-encoded for a form or a query. */
void sync_urlencode(struct buf *b, const char *s);
/* Appends s as a JSON string (quotes included). */
void sync_json_quote(struct buf *b, const char *s);

#endif
