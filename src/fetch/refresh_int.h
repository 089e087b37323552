/* The refresh engine's writer thread, as refresh.c uses it (not a public interface). */
#ifndef BYLINE_REFRESH_INT_H
#define BYLINE_REFRESH_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "byline/store.h"

struct writer;

/*
 * The work done for the jobs pushed: on the writer's thread with its own
 * connection `s`, every job queued when it looks (in the order pushed, n >=
 * 1), so that the work can share one transaction among them; or on the
 * caller's thread with the caller's connection, one job at a time, when
 * the thread could not start. The jobs are the caller's; the writer only
 * hands them back (writer_take_done).
 */
typedef void (*writer_work_fn)(struct store *s, void **jobs, size_t n, void *ud);
/* Called on the writer's thread each time a job is done (to wake the caller's loop). */
typedef void (*writer_wake_fn)(void *ud);

/*
 * The writer: a thread with its own connection to the store, so that
 * SQLite's work (and any wait for another process's lock) never holds up
 * the event loop, and parsing and storing use both cores. Started on the
 * first push; when it cannot start, the work happens inline on `s`. While
 * it runs, a store_checkpointer keeps its WAL short.
 */
struct writer *writer_new(struct store *s, writer_work_fn work, writer_wake_fn wake, void *ud);
/* Queues a job for the work callback. */
void writer_push(struct writer *w, void *job);
/* The next job done (in the order pushed), or NULL when none is done yet. */
void *writer_take_done(struct writer *w);
bool writer_has_done(struct writer *w);
/* Jobs pushed and not yet taken back as done. */
size_t writer_backlog(struct writer *w);
/* Stops after the jobs in hand (queued ones are dropped, their work not done), joins, frees. */
void writer_free(struct writer **wp);

#endif
