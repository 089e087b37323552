/* The refresh engine's writer: runs refresh.c's work on its own thread and SQLite connection. */
#include <pthread.h>
#include <stdlib.h>

#include "byline/mem.h"
#include "refresh_int.h"

/* The writer connection's page cache (see store_cache_mb). */
#define WRITER_CACHE_MB 16

/* A job in one of the writer's lists. */
struct node {
	void *job;
	struct node *next;
};

/* A list in order: taken from the head, added at the tail. */
struct queue {
	struct node *head, *tail;
};

struct writer {
	struct store *main;		/* the caller's: the fallback, and reopened for `own` */
	struct store *own;		/* the thread's connection */
	writer_work_fn work;
	writer_wake_fn wake;		/* called when a job is done */
	void *ud;
	pthread_t thread;
	bool running, stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct queue todo, done;
	size_t backlog;			/* pushed, not yet taken back */
	struct store_checkpointer *ck;	/* the WAL's upkeep for `own` */
	bool ck_woke;			/* the checkpointer asks the idle writer to look */
};

/* ---- the lists (under w->mu) ---- */

static void
queue_put(struct queue *q, struct node *n)
{
	n->next = NULL;
	if (q->tail)
		q->tail->next = n;
	else
		q->head = n;
	q->tail = n;
}

static struct node *
queue_take(struct queue *q)
{
	struct node *n = q->head;

	if (n) {
		q->head = n->next;
		if (!q->head)
			q->tail = NULL;
	}
	return n;
}

static void
queue_free(struct queue *q)
{
	struct node *n;

	while ((n = queue_take(q)))
		free(n);
}

/* ---- the thread ---- */

/*
 * Every job queued, as a list (a batch); with none, the checkpointer is
 * told once, and each time it asks.
 */
static struct node *
pop_todo(struct writer *w)
{
	struct node *n;
	bool told = false;

	pthread_mutex_lock(&w->mu);
	while (!w->todo.head && !w->stop) {
		if (!told || w->ck_woke) {
			told = true;
			w->ck_woke = false;
			pthread_mutex_unlock(&w->mu);
			store_checkpointer_idle(w->ck);
			pthread_mutex_lock(&w->mu);
			continue;
		}
		pthread_cond_wait(&w->cv, &w->mu);
	}
	n = w->stop ? NULL : w->todo.head;
	if (n)
		w->todo.head = w->todo.tail = NULL;
	pthread_mutex_unlock(&w->mu);
	return n;
}

static void
push_done(struct writer *w, struct node *n)
{
	pthread_mutex_lock(&w->mu);
	queue_put(&w->done, n);
	pthread_mutex_unlock(&w->mu);
	if (w->wake)
		w->wake(w->ud);
}

/* The checkpointer's wake: an idle writer looks at once. */
static void
ck_wake(void *ud)
{
	struct writer *w = ud;

	pthread_mutex_lock(&w->mu);
	w->ck_woke = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

/* The work on a batch (a list of nodes), then each is done. */
static void
work_batch(struct writer *w, struct node *batch)
{
	struct node *n, *next;
	void **jobs;
	size_t count = 0;

	for (n = batch; n; n = n->next)
		count++;
	jobs = xreallocarray(NULL, count, sizeof(*jobs));
	count = 0;
	for (n = batch; n; n = n->next)
		jobs[count++] = n->job;
	w->work(w->own, jobs, count, w->ud);
	free(jobs);
	for (n = batch; n; n = next) {
		next = n->next;
		push_done(w, n);
	}
}

static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	struct node *batch;

	while ((batch = pop_todo(w))) {
		work_batch(w, batch);
		store_checkpointer_poke(w->ck);
	}
	return NULL;
}

/* Opens the thread's connection and starts it; false when it cannot. */
static bool
writer_start(struct writer *w)
{
	struct bl_err err;

	w->own = store_reopen(w->main, &err);
	if (!w->own)
		return false;
	store_cache_mb(w->own, WRITER_CACHE_MB, &err);	/* without it, slower but the same */
	w->ck = store_checkpointer_start(w->own, ck_wake, w);
	if (pthread_create(&w->thread, NULL, writer_main, w)) {
		store_checkpointer_stop(&w->ck);
		store_close(&w->own);
		return false;
	}
	w->running = true;
	return true;
}

/* ---- the main thread's side ---- */

struct writer *
writer_new(struct store *s, writer_work_fn work, writer_wake_fn wake, void *ud)
{
	struct writer *w = xcalloc(1, sizeof(*w));

	w->main = s;
	w->work = work;
	w->wake = wake;
	w->ud = ud;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	return w;
}

void
writer_push(struct writer *w, void *job)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->job = job;
	pthread_mutex_lock(&w->mu);
	w->backlog++;
	pthread_mutex_unlock(&w->mu);
	if (!w->running && !writer_start(w)) {
		w->work(w->main, &job, 1, w->ud);	/* no thread: work here, report at the next step */
		push_done(w, n);
		return;
	}
	pthread_mutex_lock(&w->mu);
	queue_put(&w->todo, n);
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void *
writer_take_done(struct writer *w)
{
	struct node *n;
	void *job = NULL;

	pthread_mutex_lock(&w->mu);
	n = queue_take(&w->done);
	if (n)
		w->backlog--;
	pthread_mutex_unlock(&w->mu);
	if (n) {
		job = n->job;
		free(n);
	}
	return job;
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
	any = w->done.head != NULL;
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
	store_checkpointer_stop(&w->ck);	/* after the writer: its last commit may ask */
	store_close(&w->own);
	queue_free(&w->todo);
	queue_free(&w->done);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
	*wp = NULL;
}
