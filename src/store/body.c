/* Article bodies as stored: summary and content in one value, zstd with a dictionary trained on the database's own articles. */
#include <stdlib.h>
#include <string.h>

#include <zdict.h>
#include <zstd.h>

#include "byline/mem.h"
#include "store_int.h"

/* The first byte of a stored body (any other: the body is the content, as text). */
enum {
	BODY_PLAIN = 1,		/* the packed fields as they are */
	BODY_ZSTD = 2,		/* a zstd frame of them */
	BODY_ZSTD_DICT = 3,	/* a varint dictionary id (zdict.id), then a zstd frame */
};
/* Below this many bytes, compression saves less than it costs. */
#define BODY_MIN_COMPRESS 96
#define BODY_LEVEL 3
/* A dictionary is trained once the database holds this many articles, from the newest ones. */
#define DICT_MIN_ARTICLES 2000
#define DICT_SAMPLES 4000
#define DICT_MAX_BYTES (64 * 1024)
/* A body larger than this is refused as damaged rather than decompressed. */
#define BODY_MAX_BYTES ((size_t)1 << 30)

struct ddict {
	int64_t id;
	ZSTD_DDict *d;
};

struct store_codec {
	ZSTD_CCtx *cctx;
	ZSTD_DCtx *dctx;
	bool looked;		/* the newest dictionary was looked up */
	bool trained;		/* training was tried by this connection */
	int64_t next_check;	/* articles this connection inserts before it looks again */
	int64_t cdict_id;	/* compresses new bodies; 0 none */
	ZSTD_CDict *cdict;
	struct ddict *dd;
	size_t ndd;
};

static struct store_codec *
codec(struct store *s)
{
	if (!s->codec)
		s->codec = xcalloc(1, sizeof(*s->codec));
	return s->codec;
}

void
store_codec_free(struct store *s)
{
	struct store_codec *c = s->codec;
	size_t i;

	if (!c)
		return;
	ZSTD_freeCCtx(c->cctx);
	ZSTD_freeDCtx(c->dctx);
	ZSTD_freeCDict(c->cdict);
	for (i = 0; i < c->ndd; i++)
		ZSTD_freeDDict(c->dd[i].d);
	free(c->dd);
	free(c);
	s->codec = NULL;
}

void
store_codec_forget(struct store *s)
{
	struct store_codec *c = s->codec;

	/* A rolled-back transaction may have added the dictionary now in use. */
	if (!c || !c->cdict)
		return;
	ZSTD_freeCDict(c->cdict);
	c->cdict = NULL;
	c->cdict_id = 0;
	c->looked = false;
}

/* ---- varints and the packed fields ---- */

static void
put_varint(struct buf *b, uint64_t v)
{
	char u[10];
	size_t n = 0;

	do {
		u[n++] = (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	buf_append(b, u, n);
}

static bool
get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		unsigned char c = *(*p)++;

		*v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return true;
		shift += 7;
	}
	return false;
}

/* Field lengths + 1 (0: NULL), then the bytes. */
static void
pack_fields(const char *summary, const char *content, struct buf *out)
{
	size_t sl = summary ? strlen(summary) : 0, cl = content ? strlen(content) : 0;

	put_varint(out, summary ? sl + 1 : 0);
	put_varint(out, content ? cl + 1 : 0);
	buf_append(out, summary ? summary : "", sl);
	buf_append(out, content ? content : "", cl);
}

static bool
unpack_fields(const unsigned char *p, size_t n, char **summary, char **content)
{
	const unsigned char *end = p + n;
	uint64_t sl, cl;

	*summary = *content = NULL;
	if (!get_varint(&p, end, &sl) || !get_varint(&p, end, &cl))
		return false;
	if ((sl ? sl - 1 : 0) + (cl ? cl - 1 : 0) != (uint64_t)(end - p))
		return false;
	if (sl) {
		*summary = xstrndup((const char *)p, (size_t)(sl - 1));
		p += sl - 1;
	}
	if (cl)
		*content = xstrndup((const char *)p, (size_t)(cl - 1));
	return true;
}

/* ---- dictionaries ---- */

static void
dict_fill(sqlite3_stmt *st, void *ud)
{
	struct store *s = ud;
	struct store_codec *c = codec(s);
	const void *d = sqlite3_column_blob(st, 1);
	int n = sqlite3_column_bytes(st, 1);

	c->cdict = d && n > 0 ? ZSTD_createCDict(d, (size_t)n, BODY_LEVEL) : NULL;
	c->cdict_id = c->cdict ? sqlite3_column_int64(st, 0) : 0;
}

/* The newest dictionary, for compressing. */
static enum bl_status
cdict_load(struct store *s, struct bl_err *err)
{
	struct store_codec *c = codec(s);

	if (c->looked)
		return BL_OK;
	c->looked = true;
	return store_row(s, ST_DICT_NEWEST, "cannot read the database", dict_fill, s, NULL, err,
			 "");
}

struct ddict_load {
	ZSTD_DDict *d;
};

static void
ddict_fill(sqlite3_stmt *st, void *ud)
{
	struct ddict_load *l = ud;
	const void *d = sqlite3_column_blob(st, 0);
	int n = sqlite3_column_bytes(st, 0);

	l->d = d && n > 0 ? ZSTD_createDDict(d, (size_t)n) : NULL;
}

static ZSTD_DDict *
ddict_get(struct store *s, int64_t id, struct bl_err *err)
{
	struct store_codec *c = codec(s);
	struct ddict_load l = { NULL };
	size_t i;

	for (i = 0; i < c->ndd; i++)
		if (c->dd[i].id == id)
			return c->dd[i].d;
	if (store_row(s, ST_DICT_GET, "cannot read an article", ddict_fill, &l, NULL, err, "i",
		      id))
		return NULL;
	if (!l.d) {
		bl_err_set(err, "%s: cannot read an article: its compression dictionary (%lld) is "
			   "missing; the database is damaged", s->path, (long long)id);
		return NULL;
	}
	c->dd = xreallocarray(c->dd, c->ndd + 1, sizeof(*c->dd));
	c->dd[c->ndd++] = (struct ddict){ id, l.d };
	return l.d;
}

/* Samples for training: the packed fields of the newest articles. */
struct samples {
	struct buf all;
	size_t *sizes;
	unsigned n;
};

/* One row of the sample query: a stored body, or summary and content as text. */
static enum bl_status
sample_add(struct store *s, sqlite3_stmt *st, struct samples *sm, struct bl_err *err)
{
	char *summary = NULL, *content = NULL;
	size_t before = sm->all.len;

	if (sqlite3_column_count(st) == 1) {
		if (store_body_unpack(s, sqlite3_column_blob(st, 0),
				      (size_t)sqlite3_column_bytes(st, 0), &summary, &content, err))
			return BL_ERR;
	} else {
		summary = store_col_strdup(st, 0);
		content = store_col_strdup(st, 1);
	}
	if (summary || content) {
		pack_fields(summary, content, &sm->all);
		sm->sizes[sm->n++] = sm->all.len - before;
	}
	free(summary);
	free(content);
	return BL_OK;
}

static enum bl_status
samples_read(struct store *s, const char *sql, struct samples *sm, struct bl_err *err)
{
	sqlite3_stmt *st;
	enum bl_status ret = BL_OK;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return store_fail(s, err, "cannot read articles");
	sqlite3_bind_int64(st, 1, DICT_SAMPLES);
	sm->sizes = xcalloc(DICT_SAMPLES, sizeof(*sm->sizes));
	while (!ret && sm->n < DICT_SAMPLES && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ret = sample_add(s, st, sm, err);
	if (!ret && rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = store_fail(s, err, "cannot read articles");
	sqlite3_finalize(st);
	return ret;
}

/* Trains a dictionary on what sql gives and stores it (inside the caller's transaction). */
static enum bl_status
dict_train(struct store *s, const char *sql, struct bl_err *err)
{
	struct samples sm = {0};
	size_t cap, n;
	void *dict;
	enum bl_status ret = BL_OK;

	if (samples_read(s, sql, &sm, err)) {
		ret = BL_ERR;
		goto out;
	}
	/* A dictionary of about a fiftieth of what it learns from works best. */
	cap = sm.all.len / 50;
	cap = cap > DICT_MAX_BYTES ? DICT_MAX_BYTES : cap < 4096 ? 4096 : cap;
	dict = xmalloc(cap);
	n = ZDICT_trainFromBuffer(dict, cap, sm.all.data, sm.sizes, sm.n);
	if (!ZDICT_isError(n))
		ret = store_run(s, ST_DICT_ADD, "cannot save articles", err, "b", dict, (int64_t)n);
	free(dict);
out:
	free(sm.sizes);
	buf_free(&sm.all);
	return ret;
}

enum bl_status
store_body_train_from(struct store *s, const char *sql, int64_t articles, struct bl_err *err)
{
	struct store_codec *c = codec(s);

	if (c->trained || articles < DICT_MIN_ARTICLES)
		return BL_OK;
	if (cdict_load(s, err))
		return BL_ERR;
	if (c->cdict)
		return BL_OK;
	c->trained = true;
	if (dict_train(s, sql, err))
		return BL_ERR;
	c->looked = false;	/* compress with it from now on */
	return cdict_load(s, err);
}

enum bl_status
store_body_train(struct store *s, struct bl_err *err)
{
	struct store_codec *c = codec(s);
	int64_t n = 0;

	/* Looked at by a writer before each refresh: cheap unless there is something to do. */
	if (c->trained || s->inserted < c->next_check)
		return BL_OK;
	c->next_check = s->inserted + 1000;
	if (cdict_load(s, err))
		return BL_ERR;
	if (c->cdict) {
		c->trained = true;
		return BL_OK;
	}
	if (store_int(s, ST_COUNT_ALL_TOTAL, "cannot read articles", &n, NULL, err, ""))
		return BL_ERR;
	if (n < DICT_MIN_ARTICLES)
		return BL_OK;
	if (store_begin(s, err))
		return BL_ERR;
	if (store_body_train_from(s, "SELECT body FROM item ORDER BY id DESC LIMIT ?", n, err)) {
		store_rollback(s);
		return BL_ERR;
	}
	return store_commit(s, err);
}

/* ---- packing ---- */

enum bl_status
store_body_pack(struct store *s, const char *summary, const char *content, struct buf *out,
		struct bl_err *err)
{
	struct store_codec *c = codec(s);
	struct buf raw = {0};
	size_t bound, n, head;

	buf_truncate(out, 0);
	if (!summary && !content)
		return BL_OK;
	if (cdict_load(s, err))
		return BL_ERR;
	pack_fields(summary, content, &raw);
	if (raw.len < BODY_MIN_COMPRESS) {
		buf_putc(out, BODY_PLAIN);
		buf_append(out, raw.data, raw.len);
		buf_free(&raw);
		return BL_OK;
	}
	if (!c->cctx)
		c->cctx = ZSTD_createCCtx();
	buf_putc(out, c->cdict ? BODY_ZSTD_DICT : BODY_ZSTD);
	if (c->cdict)
		put_varint(out, (uint64_t)c->cdict_id);
	head = out->len;
	bound = ZSTD_compressBound(raw.len);
	buf_reserve(out, bound);
	n = c->cdict ? ZSTD_compress_usingCDict(c->cctx, out->data + head, bound, raw.data,
						raw.len, c->cdict)
		     : ZSTD_compressCCtx(c->cctx, out->data + head, bound, raw.data, raw.len,
					 BODY_LEVEL);
	if (ZSTD_isError(n) || n >= raw.len) {	/* incompressible: as it is */
		buf_truncate(out, 0);
		buf_putc(out, BODY_PLAIN);
		buf_append(out, raw.data, raw.len);
	} else {
		out->len = head + n;
	}
	buf_free(&raw);
	return BL_OK;
}

static enum bl_status
damaged(struct store *s, struct bl_err *err)
{
	store_saw_damage();
	return bl_err_set(err, "%s: cannot read an article: its stored text is damaged. Move the "
			  "database aside (mv %s %s.damaged) and run byline again to start a new "
			  "one", s->path, s->path, s->path);
}

/* The packed fields of a stored body, into out (decompressed when it was compressed). */
static enum bl_status
body_raw(struct store *s, const void *blob, size_t n, struct buf *out, struct bl_err *err)
{
	struct store_codec *c = codec(s);
	const unsigned char *p = blob, *end = p + n;
	ZSTD_DDict *dd = NULL;
	unsigned long long size;
	uint64_t id;
	size_t got;

	buf_truncate(out, 0);
	if (n == 0)
		return damaged(s, err);
	if (*p == BODY_PLAIN) {
		buf_append(out, p + 1, n - 1);
		return BL_OK;
	}
	if (*p != BODY_ZSTD && *p != BODY_ZSTD_DICT)
		return damaged(s, err);
	p++;
	if (((const unsigned char *)blob)[0] == BODY_ZSTD_DICT) {
		if (!get_varint(&p, end, &id))
			return damaged(s, err);
		if (!(dd = ddict_get(s, (int64_t)id, err)))
			return BL_ERR;
	}
	size = ZSTD_getFrameContentSize(p, (size_t)(end - p));
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
	    size > BODY_MAX_BYTES)
		return damaged(s, err);
	if (!c->dctx)
		c->dctx = ZSTD_createDCtx();
	buf_reserve(out, (size_t)size + 1);
	got = dd ? ZSTD_decompress_usingDDict(c->dctx, out->data, (size_t)size, p,
					      (size_t)(end - p), dd)
		 : ZSTD_decompressDCtx(c->dctx, out->data, (size_t)size, p, (size_t)(end - p));
	if (ZSTD_isError(got) || got != size)
		return damaged(s, err);
	out->len = got;
	return BL_OK;
}

enum bl_status
store_body_unpack(struct store *s, const void *blob, size_t n, char **summary, char **content,
		  struct bl_err *err)
{
	struct buf raw = {0};
	enum bl_status ret = BL_OK;

	*summary = *content = NULL;
	if (!blob)
		return BL_OK;
	/* Text that no packing byte starts: a content written by hand (sqlite3, tests). */
	if (n > 0 && *(const unsigned char *)blob > BODY_ZSTD_DICT) {
		*content = xstrndup(blob, n);
		return BL_OK;
	}
	if (body_raw(s, blob, n, &raw, err))
		ret = BL_ERR;
	else if (!unpack_fields((const unsigned char *)raw.data, raw.len, summary, content))
		ret = damaged(s, err);
	buf_free(&raw);
	return ret;
}

void
store_body_join(const char *summary, const char *content, struct buf *text)
{
	/* Many feeds give the summary as the content's first words: index those once. */
	bool dup = summary && content && !strncmp(content, summary, strlen(summary));

	buf_truncate(text, 0);
	if (summary && !dup)
		buf_puts(text, summary);
	if (content) {
		if (text->len)
			buf_puts(text, "\n<p>");
		buf_puts(text, content);
	}
}

enum bl_status
store_body_text(struct store *s, const void *blob, size_t n, struct buf *text,
		struct bl_err *err)
{
	char *summary, *content;

	if (store_body_unpack(s, blob, n, &summary, &content, err))
		return BL_ERR;
	store_body_join(summary, content, text);
	free(summary);
	free(content);
	return BL_OK;
}

/* SQL byline_text(body): the indexed text of a body, for the view item_fts reads. */
static void
sql_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	struct bl_err err = { "" };
	struct buf text = {0};

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	if (store_body_text(s, sqlite3_value_blob(argv[0]), (size_t)sqlite3_value_bytes(argv[0]),
			    &text, &err))
		sqlite3_result_error(ctx, err.msg, -1);
	else
		sqlite3_result_text(ctx, buf_cstr(&text), (int)text.len, SQLITE_TRANSIENT);
	buf_free(&text);
}

int
store_body_register(struct store *s)
{
	return sqlite3_create_function(s->db, "byline_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				       s, sql_text, NULL, NULL);
}
