/* The check before a refresh writes: quick_check, skipped when the file is as byline left it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "byline/mem.h"
#include "store_int.h"

/* Largest mapping for the check (SQLite caps it at about 2 GB anyway). */
#define CHECK_MMAP_BYTES "2147418112"

static int damage_seen;

void
store_saw_damage(void)
{
	__atomic_store_n(&damage_seen, 1, __ATOMIC_RELAXED);
}

/* "$DB-checked": the identity of the file as byline last left it, sound. */
static char *
note_path(const char *db)
{
	return xasprintf("%s-checked", db);
}

/*
 * The file's device, inode, size and change time (ctime, which every write
 * sets and no tool can set back), or false when it cannot be read.
 */
static bool
file_identity(const char *path, char *out, size_t n)
{
	struct stat st;

	if (stat(path, &st))
		return false;
	snprintf(out, n, "%llu %llu %lld %lld.%09ld\n", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino, (long long)st.st_size,
		 (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
	return true;
}

/* Pages wait in the WAL (opening the database creates it empty). */
static bool
wal_in_use(const char *db)
{
	char *wal = xasprintf("%s-wal", db);
	struct stat st;
	bool used = stat(wal, &st) == 0 && st.st_size > 0;

	free(wal);
	return used;
}

/* True when the note matches the file and no WAL waits to be replayed. */
static bool
unchanged_since_note(const char *db)
{
	char now[128], noted[128] = "", *note = note_path(db);
	FILE *fp = fopen(note, "r");
	bool same = false;

	if (fp && fgets(noted, sizeof(noted), fp) && !wal_in_use(db))
		same = file_identity(db, now, sizeof(now)) && !strcmp(now, noted);
	if (fp)
		fclose(fp);
	free(note);
	return same;
}

void
store_note_sound(const struct store *s)
{
	char id[128], *note = note_path(s->path);
	int fd;

	/* Damage met, or another connection wrote and is still open: no note. */
	if (__atomic_load_n(&damage_seen, __ATOMIC_RELAXED) || wal_in_use(s->path) ||
	    !file_identity(s->path, id, sizeof(id))) {
		unlink(note);
	} else if ((fd = open(note, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
			      0600)) >= 0) {
		if (write(fd, id, strlen(id)) != (ssize_t)strlen(id))
			unlink(note);
		close(fd);
	}
	free(note);
}

/* PRAGMA quick_check, reading the file through a mapping (a third of the time of read()s). */
static enum bl_status
quick_check(struct store *s, struct bl_err *err)
{
	sqlite3_stmt *st;
	const char *res;
	enum bl_status ret = BL_OK;

	sqlite3_exec(s->db, "PRAGMA mmap_size = " CHECK_MMAP_BYTES, NULL, NULL, NULL);
	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL)) {
		ret = store_fail(s, err, "cannot check the database");
		goto out;
	}
	if (sqlite3_step(st) != SQLITE_ROW)
		ret = store_fail(s, err, "cannot check the database");
	else if ((res = (const char *)sqlite3_column_text(st, 0)) && strcmp(res, "ok"))
		ret = bl_err_set(err, "%s: the database is damaged (%s). byline will not write to "
				 "it: move it aside (mv %s %s.damaged) and run byline again to "
				 "start a new one; `sqlite3 %s.damaged .recover` can rescue what "
				 "is left, read flags included", s->path, res, s->path, s->path,
				 s->path);
	sqlite3_finalize(st);
out:
	sqlite3_exec(s->db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
	return ret;
}

enum bl_status
store_check(struct store *s, struct bl_err *err)
{
	if (!unchanged_since_note(s->path) && quick_check(s, err))
		return BL_ERR;
	s->checked = true;
	return BL_OK;
}
