/*
 * A VFS over SQLite's default one that gathers small writes.
 *
 * SQLite writes each WAL frame as two writes, its 24-byte header and then
 * the page, and a checkpoint copies the WAL into the database file a page
 * a write: a first refresh made ~70,000 write calls, and the kernel's cost
 * per call (not per byte) was a third of the writer's time. This layer
 * collects consecutive writes in a buffer and writes them with one call:
 *
 * - to the WAL always, out when a transaction's commit frame comes, and
 *   before anything else touches the file (read, sync, truncate, size,
 *   lock, close, a write elsewhere). Nothing is held back past a commit,
 *   so another connection, which reads committed frames from the file
 *   itself, never misses one; what the process can lose (kill -9) is only
 *   ever an uncommitted transaction, which SQLite ignores anyway;
 * - to the database file between a checkpoint's start and end (SQLite
 *   tells the file: SQLITE_FCNTL_CKPT_START, _DONE). Until it ends, no
 *   connection reads the pages it copies from the database file (they are
 *   still in the WAL for everyone), and it syncs only after its end.
 *
 * Everything else goes straight to the default VFS: other calls on these
 * two files, and every other file (rollback journals, statement journals,
 * temporary files), which is opened as the default VFS's own file, its
 * methods unwrapped. The wrapped files get methods of the default VFS
 * file's version or lower (its iVersion), so SQLite never calls an
 * optional method (xShm*: version 2, xFetch, xUnfetch: version 3) that the
 * file under them does not have.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* Under 128 KiB: SQLite's unix VFS cuts a larger write to its size modulo 128 KiB. */
#define GATHER_BYTES (120 * 1024)
#define WAL_FRAME_HDR 24

struct vfile {
	sqlite3_file base;		/* pMethods: one of methods[] */
	sqlite3_file *real;		/* the default VFS's file, right after this struct */
	bool wal;			/* gathers always, flushes at commits */
	bool checkpoint;		/* a database file inside a checkpoint: gathers */
	bool commit_page;		/* the next write is a commit frame's page: straight out */
	/* Pending bytes: buf[0..len) belong at file offset `at`. */
	char *buf;
	int len;
	sqlite3_int64 at;
};

static sqlite3_vfs *real_vfs;

#define REAL(f) ((f)->real->pMethods)

/* Writes the pending bytes with one call (the default VFS writes them all or fails). */
static int
flush(struct vfile *f)
{
	int rc = SQLITE_OK;

	if (f->len)
		rc = REAL(f)->xWrite(f->real, f->buf, f->len, f->at);
	f->len = 0;
	return rc;
}

static int
vf_write(sqlite3_file *file, const void *data, int n, sqlite3_int64 off)
{
	struct vfile *f = (struct vfile *)file;
	const unsigned char *p = data;
	int rc;

	if (f->len && (off != f->at + f->len || f->len + n > GATHER_BYTES) &&
	    (rc = flush(f)) != SQLITE_OK)
		return rc;
	if ((!f->wal && !f->checkpoint) || f->commit_page || n > GATHER_BYTES ||
	    (!f->buf && !(f->buf = malloc(GATHER_BYTES)))) {
		f->commit_page = false;
		return REAL(f)->xWrite(f->real, data, n, off);
	}
	if (!f->len)
		f->at = off;
	memcpy(f->buf + f->len, data, (size_t)n);
	f->len += n;
	/*
	 * A WAL frame header whose "database size after commit" is not 0 ends
	 * a transaction: it goes out now with the frames before it, and the
	 * page after it straight after (SQLite publishes the commit only once
	 * that write returns). Checksums rewritten after a commit are such
	 * headers too, and go out one by one.
	 */
	if (f->wal && n == WAL_FRAME_HDR && (p[4] | p[5] | p[6] | p[7])) {
		rc = flush(f);
		f->commit_page = true;
		return rc;
	}
	return SQLITE_OK;
}

static int
vf_control(sqlite3_file *file, int op, void *arg)
{
	struct vfile *f = (struct vfile *)file;
	int rc = flush(f);

	if (op == SQLITE_FCNTL_CKPT_START || op == SQLITE_FCNTL_CKPT_DONE)
		f->checkpoint = op == SQLITE_FCNTL_CKPT_START && !f->wal;
	return rc ? rc : REAL(f)->xFileControl(f->real, op, arg);
}

static int
vf_close(sqlite3_file *file)
{
	struct vfile *f = (struct vfile *)file;
	int rc = flush(f);
	int rc2 = REAL(f)->xClose(f->real);

	free(f->buf);
	f->buf = NULL;
	return rc ? rc : rc2;
}

/* The rest flush what is pending, then go straight through. */

#define FLUSHED(file, call)                                             \
	struct vfile *f = (struct vfile *)(file);                      \
	int rc = flush(f);                                              \
	return rc ? rc : REAL(f)->call

static int
vf_read(sqlite3_file *file, void *data, int n, sqlite3_int64 off)
{
	FLUSHED(file, xRead(f->real, data, n, off));
}

static int
vf_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	FLUSHED(file, xTruncate(f->real, size));
}

static int
vf_sync(sqlite3_file *file, int flags)
{
	FLUSHED(file, xSync(f->real, flags));
}

static int
vf_size(sqlite3_file *file, sqlite3_int64 *size)
{
	FLUSHED(file, xFileSize(f->real, size));
}

static int
vf_lock(sqlite3_file *file, int level)
{
	FLUSHED(file, xLock(f->real, level));
}

static int
vf_unlock(sqlite3_file *file, int level)
{
	FLUSHED(file, xUnlock(f->real, level));
}

static int
vf_reserved(sqlite3_file *file, int *out)
{
	FLUSHED(file, xCheckReservedLock(f->real, out));
}

static int
vf_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
	FLUSHED(file, xShmLock(f->real, offset, n, flags));
}

static int
vf_fetch(sqlite3_file *file, sqlite3_int64 off, int n, void **out)
{
	FLUSHED(file, xFetch(f->real, off, n, out));
}

static int
vf_sector(sqlite3_file *file)
{
	return REAL((struct vfile *)file)->xSectorSize(((struct vfile *)file)->real);
}

static int
vf_device(sqlite3_file *file)
{
	return REAL((struct vfile *)file)->xDeviceCharacteristics(((struct vfile *)file)->real);
}

static int
vf_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
	return REAL((struct vfile *)file)->xShmMap(((struct vfile *)file)->real, page, size,
						   extend, out);
}

static void
vf_shm_barrier(sqlite3_file *file)
{
	REAL((struct vfile *)file)->xShmBarrier(((struct vfile *)file)->real);
}

static int
vf_shm_unmap(sqlite3_file *file, int delete_flag)
{
	return REAL((struct vfile *)file)->xShmUnmap(((struct vfile *)file)->real, delete_flag);
}

static int
vf_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p)
{
	return REAL((struct vfile *)file)->xUnfetch(((struct vfile *)file)->real, off, p);
}

/* The methods of each version: version 1's, then the shared memory's (2), then mmap's (3). */
#define METHODS_V1                                                              \
	.xClose = vf_close, .xRead = vf_read, .xWrite = vf_write,             \
	.xTruncate = vf_truncate, .xSync = vf_sync, .xFileSize = vf_size,     \
	.xLock = vf_lock, .xUnlock = vf_unlock, .xCheckReservedLock = vf_reserved, \
	.xFileControl = vf_control, .xSectorSize = vf_sector,                 \
	.xDeviceCharacteristics = vf_device
#define METHODS_V2                                                              \
	METHODS_V1, .xShmMap = vf_shm_map, .xShmLock = vf_shm_lock,           \
	.xShmBarrier = vf_shm_barrier, .xShmUnmap = vf_shm_unmap

static const sqlite3_io_methods methods[] = {
	{ .iVersion = 1, METHODS_V1 },
	{ .iVersion = 2, METHODS_V2 },
	{ .iVersion = 3, METHODS_V2, .xFetch = vf_fetch, .xUnfetch = vf_unfetch },
};

/* Ours of the real file's version, or the highest we have below it. */
static const sqlite3_io_methods *
methods_for(const sqlite3_io_methods *real)
{
	int v = real->iVersion;

	if (v < 1)
		v = 1;
	if (v > (int)(sizeof(methods) / sizeof(methods[0])))
		v = (int)(sizeof(methods) / sizeof(methods[0]));
	return &methods[v - 1];
}

/* ---- the VFS: opening wraps, everything else is the default VFS's ---- */

static int
vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	struct vfile *f = (struct vfile *)file;
	int rc;

	(void)vfs;
	if (!(flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)))
		return real_vfs->xOpen(real_vfs, name, file, flags, out_flags);
	memset(f, 0, sizeof(*f));
	f->real = (sqlite3_file *)(f + 1);
	rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	/* The file's methods: SQLite calls xClose when xOpen set them, even on failure. */
	f->wal = (flags & SQLITE_OPEN_WAL) != 0;
	if (f->real->pMethods)
		f->base.pMethods = methods_for(f->real->pMethods);
	return rc;
}

static int
vfs_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int
vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
vfs_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *
vfs_dl_open(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void
vfs_dl_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*vfs_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void
vfs_dl_close(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int
vfs_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int
vfs_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int
vfs_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int
vfs_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}

static int
vfs_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs vfs = {
	.iVersion = 2,
	.zName = STORE_VFS,
	.xOpen = vfs_open,
	.xDelete = vfs_delete,
	.xAccess = vfs_access,
	.xFullPathname = vfs_full_path,
	.xDlOpen = vfs_dl_open,
	.xDlError = vfs_dl_error,
	.xDlSym = vfs_dl_sym,
	.xDlClose = vfs_dl_close,
	.xRandomness = vfs_random,
	.xSleep = vfs_sleep,
	.xCurrentTime = vfs_time,
	.xGetLastError = vfs_last_error,
	.xCurrentTimeInt64 = vfs_time64,
};

static void
vfs_register(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	if (!real_vfs || real_vfs->iVersion < 2)
		return;
	vfs.szOsFile = (int)sizeof(struct vfile) + real_vfs->szOsFile;
	vfs.mxPathname = real_vfs->mxPathname;
	if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK)
		real_vfs = NULL;
}

const char *
store_vfs(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, vfs_register);
	return real_vfs ? STORE_VFS : NULL;
}
