/* The WAL's upkeep: checkpoints, and a checkpointer thread that keeps a busy writer's WAL short. */
#include <pthread.h>
#include <stdlib.h>

#include "byline/mem.h"
#include "store_int.h"

/*
 * With nothing to write, a writer without a checkpointer thread checkpoints
 * once the WAL holds this many pages (8 MiB), so the checkpoint at the end
 * (when byline closes the database) copies little: the refresh is not over
 * until it is done.
 */
#define IDLE_CHECKPOINT_PAGES 2048
/* With a checkpointer thread, the WAL is used in cycles of about this many pages (8 MiB). */
#define CYCLE_PAGES 2048

struct store_checkpointer {
	struct store *writer;		/* the writer's connection: its thread only */
	struct store *own;		/* the checkpointer's connection: its thread only */
	store_wake_fn wake;
	void *ud;
	pthread_t thread;
	bool running;			/* the thread runs; else the writer checkpoints itself */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool want;			/* the writer asks for the passes (under mu) */
	bool ready;			/* they are done: the writer ends the cycle (under mu) */
	bool stop;			/* under mu */
	/* The writer's side (its thread only). */
	bool cycling;
	size_t wal_seen, cycle_from;
};

/* ---- checkpoints on one connection ---- */

/* store_checkpoint whatever this connection committed: for a connection that only checkpoints. */
static enum bl_status
store_checkpoint_now(struct store *s, struct bl_err *err)
{
	int log = 0, done = 0, rc;

	/* PASSIVE: copies what no reader still needs, waits for nobody. */
	rc = sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done);
	if (rc == SQLITE_BUSY)
		return BL_OK;	/* another connection is checkpointing: it does the work */
	if (rc != SQLITE_OK)
		return store_fail(s, err, "cannot write");
	s->wal_pages = log > done ? (size_t)(log - done) : 0;
	return BL_OK;
}

enum bl_status
store_checkpoint(struct store *s, size_t min_pages, struct bl_err *err)
{
	if (s->wal_pages < min_pages || s->wal_pages == 0)
		return BL_OK;
	return store_checkpoint_now(s, err);
}

/*
 * Writes the database file's pages to disk (fdatasync). A checkpoint that
 * stops short of the WAL's end leaves what it copied unsynced, for the one
 * that copies the rest: syncing it in between keeps that one short.
 */
static enum bl_status
store_sync_file(struct store *s, struct bl_err *err)
{
	sqlite3_file *f = NULL;

	/* SQLite's own handle: a second descriptor, once closed, would drop its locks. */
	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK ||
	    !f || !f->pMethods)
		return store_fail(s, err, "cannot write");
	if (f->pMethods->xSync(f, SQLITE_SYNC_NORMAL | SQLITE_SYNC_DATAONLY) != SQLITE_OK)
		return store_fail(s, err, "cannot write");
	return BL_OK;
}

size_t
store_wal_pages(const struct store *s)
{
	return s->wal_pages;
}

/* ---- the WAL in cycles ---- */

/*
 * SQLite appends to the WAL until a checkpoint has copied all of it and a
 * transaction begins after that; only then does it write from the start
 * again. A checkpointer that copies while the writer appends never gets to
 * the end: the WAL of a first refresh grew to twice the database it
 * filled, each write a new block of the file, and deleting it at the end
 * cost a tenth of a second (freeing, on a file system mounted with
 * discard, 94 MB of blocks). So: once the WAL has grown by CYCLE_PAGES,
 * the checkpointer copies and syncs twice while the writer goes on (the
 * second pass takes what came during the first), then the writer, between
 * two transactions, checkpoints the few pages left, and its next
 * transaction writes the WAL from the start. With another process reading
 * an older snapshot the WAL cannot be wholly copied: it grows, and the
 * next cycle tries again.
 */
static void
cycle_end(struct store_checkpointer *c)
{
	struct bl_err err;

	store_checkpoint_now(c->writer, &err);	/* a failure: the next cycle tries again */
	c->cycling = false;
	c->cycle_from = c->wal_seen;
}

/* Whether the checkpointer has prepared the end of a cycle (and forgets it). */
static bool
take_ready(struct store_checkpointer *c)
{
	bool ready;

	pthread_mutex_lock(&c->mu);
	ready = c->ready;
	c->ready = false;
	pthread_mutex_unlock(&c->mu);
	return ready;
}

void
store_checkpointer_poke(struct store_checkpointer *c)
{
	size_t pages = store_wal_pages(c->writer);

	if (!c->running)
		return;
	if (pages < c->wal_seen)	/* written from the start again */
		c->cycle_from = 0;
	c->wal_seen = pages;
	if (!c->cycling && pages >= c->cycle_from + CYCLE_PAGES) {
		c->cycling = true;
		pthread_mutex_lock(&c->mu);
		c->want = true;
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
	}
	if (take_ready(c))
		cycle_end(c);
}

void
store_checkpointer_idle(struct store_checkpointer *c)
{
	struct bl_err err;

	if (!c->running)	/* a failure: the next idle moment, or the close, tries again */
		store_checkpoint(c->writer, IDLE_CHECKPOINT_PAGES, &err);
	else if (take_ready(c))	/* nothing to write: end the cycle now */
		cycle_end(c);
}

/* ---- the checkpointer's thread ---- */

/* Two PASSIVE checkpoints, each synced, each time the writer asks. */
static void *
checkpointer_main(void *arg)
{
	struct store_checkpointer *c = arg;
	struct bl_err err;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->want && !c->stop)
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->stop)
			break;
		c->want = false;
		pthread_mutex_unlock(&c->mu);
		/* A failure: the writer's checkpoint, and the next cycle, try again. */
		if (!store_checkpoint_now(c->own, &err) && !store_sync_file(c->own, &err) &&
		    !store_checkpoint_now(c->own, &err))
			store_sync_file(c->own, &err);
		pthread_mutex_lock(&c->mu);
		c->ready = true;
		pthread_mutex_unlock(&c->mu);
		if (c->wake)
			c->wake(c->ud);	/* an idle writer ends the cycle at once */
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

struct store_checkpointer *
store_checkpointer_start(struct store *writer, store_wake_fn wake, void *ud)
{
	struct store_checkpointer *c = xcalloc(1, sizeof(*c));
	struct bl_err err;

	c->writer = writer;
	c->wake = wake;
	c->ud = ud;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	c->own = store_reopen(writer, &err);
	if (!c->own)
		return c;
	if (pthread_create(&c->thread, NULL, checkpointer_main, c)) {
		store_close(&c->own);
		return c;
	}
	c->running = true;
	writer->defer_checkpoints = true;	/* its commits leave the checkpoints to us */
	return c;
}

void
store_checkpointer_stop(struct store_checkpointer **cp)
{
	struct store_checkpointer *c = cp ? *cp : NULL;

	if (!c)
		return;
	if (c->running) {
		pthread_mutex_lock(&c->mu);
		c->stop = true;
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
		pthread_join(c->thread, NULL);
		c->writer->defer_checkpoints = false;	/* a connection that goes on (the reader's) */
	}
	store_close(&c->own);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	free(c);
	*cp = NULL;
}
