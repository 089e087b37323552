/* The refresh engine's writer: stores finished feeds on its own thread and SQLite connection. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline/mem.h"
#include "refresh_int.h"

/*
 * With nothing to write, the writer checkpoints once the WAL holds this many
 * pages (8 MiB), so the checkpoint at the end (when byline closes the
 * database) copies little: the refresh is not over until it is done.
 */
#define WRITER_IDLE_CHECKPOINT 2048
/*
 * With a checkpointer thread, it is asked to run once the WAL holds this
 * many pages (8 MiB): it copies and syncs while the writer goes on
 * appending, instead of the writer stopping for two fdatasyncs each time.
 */
#define CHECKPOINTER_PAGES 2048

struct writer {
	struct store *main;		/* the caller's connection: fallback, path */
	struct store *own;		/* the thread's connection */
	struct fetcher *f;		/* woken when a job is written */
	pthread_t thread;
	bool running, stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *todo, *todo_tail;
	struct job *done, *done_tail;
	size_t backlog;			/* pushed, not yet taken back */
	/* The checkpointer: its own connection and thread, woken by the writer. */
	struct store *ck;
	pthread_t ck_thread;
	bool ck_running, ck_want;
	pthread_cond_t ck_cv;
};

/* ---- one feed's write ---- */

static void
set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = xstrdup_null(v);
}

/* Items, feed info and the new validators in one transaction. */
static enum bl_status
write_items(struct store *s, struct job *j, struct bl_err *err)
{
	struct feed_state st = j->fs;	/* shallow: the new fields only if all goes well */
	bool is_new;
	size_t i;

	if (store_refresh_begin(s, j->fs.id, err) != BL_OK)
		return BL_ERR;
	for (i = 0; i < j->nitems; i++) {
		if (store_refresh_item(s, j->fs.id, &j->items[i], &is_new, err) != BL_OK)
			goto abort;
		if (is_new)
			j->res.new_items++;
		else
			j->res.updated_items++;
	}
	if (store_refresh_info(s, j->fs.id, feed_parser_info(j->parser), err) != BL_OK)
		goto abort;
	st.etag = j->new_etag;
	st.last_modified = j->new_last_modified;
	if (j->new_fetch_url)
		st.fetch_url = j->new_fetch_url;
	st.last_error = NULL;
	st.last_fetch = (int64_t)time(NULL);
	st.next_fetch = 0;
	st.gone = false;
	if (store_feed_save_state(s, &st, err) != BL_OK || store_refresh_end(s, err) != BL_OK)
		goto abort;
	set_str(&j->fs.etag, j->new_etag);
	set_str(&j->fs.last_modified, j->new_last_modified);
	if (j->new_fetch_url)
		set_str(&j->fs.fetch_url, j->new_fetch_url);
	set_str(&j->fs.last_error, NULL);
	return BL_OK;
abort:
	store_refresh_abort(s);
	j->res.new_items = j->res.updated_items = 0;
	return BL_ERR;
}

void
job_write(struct store *s, struct job *j)
{
	struct bl_err err = { "" };
	char msg[1200];

	if (j->write == WRITE_ITEMS && write_items(s, j, &err) != BL_OK) {
		snprintf(msg, sizeof(msg), "could not save the articles: %s", err.msg);
		job_set_error(j, msg);
		j->write = WRITE_STATE;
	}
	if (j->write == WRITE_STATE && j->have_fs)
		store_feed_save_state(s, &j->fs, &err);
}

/* ---- the thread ---- */

static struct job *
pop_todo(struct writer *w)
{
	struct job *j;
	struct bl_err err;
	bool tried = false;

	pthread_mutex_lock(&w->mu);
	while (!w->todo && !w->stop) {
		if (!tried && !w->ck_running) {	/* once each time it runs out of work */
			tried = true;
			pthread_mutex_unlock(&w->mu);
			store_checkpoint(w->own, WRITER_IDLE_CHECKPOINT, &err);
			pthread_mutex_lock(&w->mu);
			continue;
		}
		pthread_cond_wait(&w->cv, &w->mu);
	}
	j = w->stop ? NULL : w->todo;
	if (j) {
		w->todo = j->next;
		if (!w->todo)
			w->todo_tail = NULL;
		j->next = NULL;
	}
	pthread_mutex_unlock(&w->mu);
	return j;
}

static void
push_done(struct writer *w, struct job *j)
{
	pthread_mutex_lock(&w->mu);
	if (w->done_tail)
		w->done_tail->next = j;
	else
		w->done = j;
	w->done_tail = j;
	pthread_mutex_unlock(&w->mu);
	fetcher_wakeup(w->f);
}

/* Wakes the checkpointer when the writer's last commit left a long WAL. */
static void
want_checkpoint(struct writer *w)
{
	if (!w->ck_running || store_wal_pages(w->own) < CHECKPOINTER_PAGES)
		return;
	pthread_mutex_lock(&w->mu);
	w->ck_want = true;
	pthread_cond_signal(&w->ck_cv);
	pthread_mutex_unlock(&w->mu);
}

static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	struct job *j;

	while ((j = pop_todo(w))) {
		job_write(w->own, j);
		want_checkpoint(w);
		push_done(w, j);
	}
	return NULL;
}

/* The checkpointer: a PASSIVE checkpoint each time the writer asks, until told to stop. */
static void *
checkpointer_main(void *arg)
{
	struct writer *w = arg;
	struct bl_err err;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->ck_want && !w->stop)
			pthread_cond_wait(&w->ck_cv, &w->mu);
		if (w->stop)
			break;
		w->ck_want = false;
		pthread_mutex_unlock(&w->mu);
		store_checkpoint_now(w->ck, &err);	/* a failure: the next one tries again */
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Opens the checkpointer's connection and starts it; without it the writer checkpoints itself. */
static void
checkpointer_start(struct writer *w)
{
	struct bl_err err;

	w->ck = store_open(store_path(w->main), &err);
	if (!w->ck)
		return;
	if (pthread_create(&w->ck_thread, NULL, checkpointer_main, w)) {
		store_close(&w->ck);
		return;
	}
	w->ck_running = true;
	store_defer_checkpoints(w->own);
}

/* Stops the checkpointer (after the writer: its last commits may have asked for one). */
static void
checkpointer_stop(struct writer *w)
{
	if (w->ck_running) {
		pthread_mutex_lock(&w->mu);
		w->stop = true;
		pthread_cond_signal(&w->ck_cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->ck_thread, NULL);
		w->ck_running = false;
	}
	store_close(&w->ck);
}

/* Opens the thread's connection and starts it; false when it cannot. */
static bool
writer_start(struct writer *w)
{
	struct bl_err err;

	w->own = store_open(store_path(w->main), &err);
	if (!w->own)
		return false;
	checkpointer_start(w);	/* before the writer runs: it reads ck_running unlocked */
	if (pthread_create(&w->thread, NULL, writer_main, w)) {
		checkpointer_stop(w);
		store_close(&w->own);
		return false;
	}
	w->running = true;
	return true;
}

/* ---- the main thread's side ---- */

struct writer *
writer_new(struct store *s, struct fetcher *f)
{
	struct writer *w = xcalloc(1, sizeof(*w));

	w->main = s;
	w->f = f;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	pthread_cond_init(&w->ck_cv, NULL);
	return w;
}

void
writer_push(struct writer *w, struct job *j)
{
	j->next = NULL;
	pthread_mutex_lock(&w->mu);
	w->backlog++;
	pthread_mutex_unlock(&w->mu);
	if (!w->running && !writer_start(w)) {
		job_write(w->main, j);	/* no thread: write here, report at the next step */
		push_done(w, j);
		return;
	}
	pthread_mutex_lock(&w->mu);
	if (w->todo_tail)
		w->todo_tail->next = j;
	else
		w->todo = j;
	w->todo_tail = j;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

struct job *
writer_take_done(struct writer *w)
{
	struct job *j;
	struct job *k;

	pthread_mutex_lock(&w->mu);
	j = w->done;
	w->done = w->done_tail = NULL;
	for (k = j; k; k = k->next)
		w->backlog--;
	pthread_mutex_unlock(&w->mu);
	return j;
}

size_t
writer_backlog(struct writer *w)
{
	size_t n;

	pthread_mutex_lock(&w->mu);
	n = w->backlog;
	pthread_mutex_unlock(&w->mu);
	return n;
}

bool
writer_has_done(struct writer *w)
{
	bool any;

	pthread_mutex_lock(&w->mu);
	any = w->done != NULL;
	pthread_mutex_unlock(&w->mu);
	return any;
}

void
writer_free(struct writer **wp)
{
	struct writer *w = wp ? *wp : NULL;

	if (!w)
		return;
	if (w->running) {
		pthread_mutex_lock(&w->mu);
		w->stop = true;
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
	}
	checkpointer_stop(w);
	store_close(&w->own);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	pthread_cond_destroy(&w->ck_cv);
	free(w);
	*wp = NULL;
}
