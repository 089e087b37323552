/* Downloads of enclosures (podcasts) into a folder: in the background, resumable with HTTP Range. */
#ifndef BYLINE_DOWNLOAD_H
#define BYLINE_DOWNLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "byline/err.h"

/*
 * A downloader runs any number of downloads from its owner's event loop
 * (libcurl multi): download_wait and download_step never block for long.
 * A download writes DIR/STEM EXT.part; a .part left by an earlier run is
 * resumed with "Range: bytes=N-". Done, the .part gets its name without
 * replacing any file (files_place). Stopped for any reason, what came stays
 * in the .part, so the next download of it goes on from there.
 */
struct downloader;

struct download_request {
	const char *url;	/* http or https */
	const char *dir;	/* created when missing */
	const char *stem;	/* a safe file name (files_safe_name) */
	const char *ext;	/* ".mp3", or "" */
	const char *user_agent;	/* NULL: byline/VERSION */
	const char *proxy;	/* NULL: from the environment */
	int timeout;		/* seconds a transfer may stall */
};

/* A download's state; strings owned by the downloader, valid until the next step. */
struct download_info {
	const char *name;	/* STEM EXT, for the status line */
	int64_t have;		/* bytes in the file so far */
	int64_t total;		/* the whole file's size, or -1 when the server does not say */
	int64_t resumed_at;	/* bytes kept from an earlier run (0: from the start) */
	bool done;		/* finished, well or not */
	const char *path;	/* done and whole: where it is */
	const char *error;	/* done and failed: why, and what was kept */
	const char *note;	/* something the user should know (a server that cannot resume) */
};

struct downloader *downloader_new(struct bl_err *err);
/*
 * Starts a download; BL_ERR with a message when it cannot start (the folder
 * cannot be made, the .part is being written by another download).
 */
enum bl_status downloader_add(struct downloader *d, const struct download_request *req,
			      struct bl_err *err);
/* Waits until a transfer can move, extra_fd (>= 0) is readable, or timeout_ms passes. */
void downloader_wait(struct downloader *d, int extra_fd, int timeout_ms, bool *extra_ready);
/* Moves every download on without blocking. Returns how many finished in this step. */
size_t downloader_step(struct downloader *d);
/* Downloads held (running and finished, in the order added). */
size_t downloader_count(const struct downloader *d);
void downloader_info(const struct downloader *d, size_t i, struct download_info *out);
/* Forgets download i (a finished one; a running one is stopped, its .part kept). */
void downloader_remove(struct downloader *d, size_t i);
/* Downloads still running. */
size_t downloader_running(const struct downloader *d);
/* Stops every download (the .part files stay) and frees. Accepts NULL. */
void downloader_free(struct downloader **dp);

/* The final name's extension for an enclosure: from the URL's path, else the MIME type; "" if neither. */
void download_ext(const char *url, const char *type, char *out, size_t size);

#endif
