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
 * With a checkpointer thread, the WAL is used in cycles of about this many
 * pages (8 MiB): see cycle_wal.
 */
#define CYCLE_PAGES 2048

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
	bool ck_ready;			/* its passes are done: the writer ends the cycle */
	pthread_cond_t ck_cv;
	/* The writer's own (cycle_wal). */
	bool cycling;
	size_t wal_seen, cycle_from;
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

static void cycle_end(struct writer *w);

static struct job *
pop_todo(struct writer *w)
{
	struct job *j;
	struct bl_err err;
	bool tried = false;

	pthread_mutex_lock(&w->mu);
	while (!w->todo && !w->stop) {
		if (w->ck_ready) {	/* nothing to write: end the cycle now */
			w->ck_ready = false;
			pthread_mutex_unlock(&w->mu);
			cycle_end(w);
			pthread_mutex_lock(&w->mu);
			continue;
		}
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

/*
 * The WAL in cycles. SQLite appends to the WAL until a checkpoint has
 * copied all of it and a transaction begins after that; only then does it
 * write from the start again. A checkpointer that copies while the writer
 * appends never gets to the end: the WAL of a first refresh grew to twice
 * the database it filled, each write a new block of the file, and deleting
 * it at the end cost a tenth of a second (freeing, on a file system
 * mounted with discard, 94 MB of blocks). So: once the WAL has grown by
 * CYCLE_PAGES, the checkpointer copies and syncs twice while the writer
 * goes on (the second pass takes what came during the first), then the
 * writer, between two transactions, checkpoints the few pages left, and
 * its next transaction writes the WAL from the start. With another process
 * reading an older snapshot the WAL cannot be wholly copied: it grows, and
 * the next cycle tries again.
 */
static void
cycle_end(struct writer *w)
{
	struct bl_err err;

	store_checkpoint_now(w->own, &err);	/* a failure: the next cycle tries again */
	w->cycling = false;
	w->cycle_from = w->wal_seen;
}

/* After each commit: starts a cycle, or ends the one the checkpointer has prepared. */
static void
cycle_wal(struct writer *w)
{
	size_t pages = store_wal_pages(w->own);
	bool ready;

	if (!w->ck_running)
		return;
	if (pages < w->wal_seen)	/* written from the start again */
		w->cycle_from = 0;
	w->wal_seen = pages;
	pthread_mutex_lock(&w->mu);
	ready = w->ck_ready;
	w->ck_ready = false;
	if (!w->cycling && pages >= w->cycle_from + CYCLE_PAGES) {
		w->cycling = true;
		w->ck_want = true;
		pthread_cond_signal(&w->ck_cv);
	}
	pthread_mutex_unlock(&w->mu);
	if (ready)
		cycle_end(w);
}

static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	struct job *j;

	while ((j = pop_todo(w))) {
		job_write(w->own, j);
		push_done(w, j);
		cycle_wal(w);
	}
	return NULL;
}

/* The checkpointer: two PASSIVE checkpoints, each synced, each time the writer asks. */
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
		/* A failure: the writer's checkpoint, and the next cycle, try again. */
		if (!store_checkpoint_now(w->ck, &err) && !store_sync_file(w->ck, &err) &&
		    !store_checkpoint_now(w->ck, &err))
			store_sync_file(w->ck, &err);
		pthread_mutex_lock(&w->mu);
		w->ck_ready = true;
		pthread_cond_signal(&w->cv);	/* an idle writer ends the cycle at once */
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
