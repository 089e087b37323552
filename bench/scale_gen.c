/* The scale bench's articles: feeds in five scripts, bodies of realistic sizes, written to a store or as feed files. */
/*
 * usage: scale_gen store DB CONFIG ARTICLES FEEDS
 *          builds a store through the store API as years of refreshes
 *          would have (articles of every feed arriving in 100 rounds), with
 *          most older articles read; CONFIG lists the feeds
 *        scale_gen feeds DIR ARTICLES FEEDS
 *          writes DIR/fNNNN.xml (RSS 2.0; every fourth Atom), the same
 *          number of articles in each feed, for a refresh from bench/httpd
 *        scale_gen raw DB
 *          prints the articles' raw bytes (title + summary + content + link)
 *
 * What it makes (doc/SCALE.md says why): each feed is in one language —
 * Chinese 30 %, English 40 %, Japanese 15 %, Hindi 10 %, mixed 5 % — from
 * vocabularies of 5,000-30,000 made-up words drawn by Zipf's law, with
 * English words in the CJK text, emoji now and then, and marker words
 * planted at known rates for the searches (芯片, 人工智能, 東京, ニュース, kernel,
 * भारत, 猫). 60 % of the feeds carry short summaries (1-3 sentences), 40 % full
 * articles (paragraphs, links, images, lists, quotes; a median of about
 * 2.5 KB) with an excerpt as summary in most. Real article HTML compresses
 * about 2.5 times with zstd in 2 KB pieces; this text no better. In the
 * store, one feed holds 5 % of the articles (50,000 of a million: the feed
 * marked read at once); the others share the rest. Deterministic.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/store.h"

#define NOW 1767225600	/* 2026-01-01: dates are fixed, so the bytes are too */
#define SPAN (10 * 365 * 86400)
#define ROUNDS 100

/* ---- random numbers (xorshift64*), seeded per feed and article ---- */

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static unsigned
below(uint64_t *s, unsigned n)
{
	return (unsigned)(rnd(s) % n);
}

static double
unit(uint64_t *s)
{
	return (double)(rnd(s) >> 11) / 9007199254740992.0;
}

/* A rank in [0, n) with probability about 1/(rank + 1) (Zipf's law). */
static unsigned
zipf(uint64_t *s, unsigned n)
{
	unsigned r = (unsigned)exp(unit(s) * log(n + 1.0)) - 1;

	return r < n ? r : n - 1;
}

static void
put_cp(struct buf *b, unsigned cp)
{
	char u[4];

	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[3] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, u, 4);
	}
}

/* ---- vocabularies ---- */

enum lang { EN, ZH, JA, HI, NLANG };

struct vocab {
	char **w;
	unsigned n;
};

static struct vocab voc[NLANG];
static unsigned hanzi[3500], kanji[2000];

/* English-like words: letter frequencies of English, lengths 1-12 (mean about 5). */
static void
word_en(struct buf *b, uint64_t *s)
{
	static const char freq[] = "eeeeeeeeeeeetttttttttaaaaaaaaoooooooiiiiiiinnnnnnnsssssshhhhhh"
				   "rrrrrrdddddlllllcccuuummmwwffggyyppbbvkjxqz";
	unsigned len = 1 + below(s, 3) + below(s, 4) + below(s, 5), i;

	for (i = 0; i < len; i++)
		buf_putc(b, freq[below(s, sizeof(freq) - 1)]);
}

static void
word_zh(struct buf *b, uint64_t *s)
{
	unsigned r = below(s, 100), len = r < 15 ? 1 : r < 80 ? 2 : r < 92 ? 3 : 4, i;

	for (i = 0; i < len; i++)
		put_cp(b, hanzi[zipf(s, 3500)]);
}

/* Kanji compounds, katakana loanwords. */
static void
word_ja(struct buf *b, uint64_t *s)
{
	unsigned i, len;

	if (below(s, 3) == 0) {
		for (i = 0, len = 3 + below(s, 4); i < len; i++)
			put_cp(b, i && below(s, 5) == 0 ? 0x30fc : 0x30a2 + below(s, 80));
		return;
	}
	for (i = 0, len = 1 + below(s, 3); i < len; i++)
		put_cp(b, kanji[zipf(s, 2000)]);
}

/* Devanagari: syllables of a consonant and a vowel sign, now and then a conjunct. */
static void
word_hi(struct buf *b, uint64_t *s)
{
	static const unsigned vowel[] = { 0, 0, 0x93e, 0x93f, 0x940, 0x941, 0x942, 0x947, 0x948,
					  0x94b, 0x94c, 0x902 };
	unsigned i, v, len = 1 + below(s, 3) + below(s, 2);

	for (i = 0; i < len; i++) {
		put_cp(b, 0x915 + below(s, 33));
		if (below(s, 8) == 0) {
			put_cp(b, 0x94d);	/* virama: a conjunct */
			put_cp(b, 0x915 + below(s, 33));
		}
		if ((v = vowel[below(s, 12)]))
			put_cp(b, v);
	}
}

static void
vocab_build(void)
{
	static const unsigned sizes[NLANG] = { 30000, 30000, 20000, 15000 };
	void (*make[NLANG])(struct buf *, uint64_t *) = { word_en, word_zh, word_ja, word_hi };
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	unsigned l, i;

	for (i = 0; i < 3500; i++)
		hanzi[i] = 0x4e00 + below(&s, 0x9fa5 - 0x4e00);
	for (i = 0; i < 2000; i++)
		kanji[i] = hanzi[below(&s, 3500)];
	for (l = 0; l < NLANG; l++) {
		voc[l].n = sizes[l];
		voc[l].w = xcalloc(sizes[l], sizeof(char *));
		for (i = 0; i < sizes[l]; i++) {
			struct buf b = {0};

			make[l](&b, &s);
			voc[l].w[i] = buf_steal(&b);
		}
	}
}

/* ---- text ---- */

static const char *const particles[] = { "の", "に", "は", "を", "が", "で", "と", "も", "から",
					 "まで", "です", "ます", "した", "して", "という" };
static const char *const emoji[] = { "😀", "🎉", "👍🏽", "🚀", "❤️", "🇨🇳", "👨‍👩‍👧", "🔥", "📱" };

struct marker {
	enum lang lang;		/* NLANG: Chinese and Japanese */
	const char *word;
	unsigned per_10000;	/* articles of that language holding it */
};

static const struct marker markers[] = {
	{ ZH, "芯片", 100 }, { ZH, "人工智能", 50 }, { JA, "東京", 100 }, { JA, "ニュース", 100 },
	{ EN, "kernel", 100 }, { HI, "भारत", 100 }, { NLANG, "猫", 30 },
};

static void
sentence(struct buf *b, enum lang l, uint64_t *s)
{
	unsigned n = 6 + below(s, 14) + below(s, 8), i;
	bool cjk = l == ZH || l == JA;

	for (i = 0; i < n; i++) {
		if (i && !cjk)
			buf_putc(b, ' ');
		if (cjk && below(s, 25) == 0) {		/* an English word inside */
			buf_puts(b, voc[EN].w[zipf(s, 2000)]);
		} else {
			const char *w = voc[l].w[zipf(s, voc[l].n)];

			if (i == 0 && l == EN && w[0] >= 'a' && w[0] <= 'z') {
				buf_putc(b, (char)(w[0] - 32));
				buf_puts(b, w + 1);
			} else {
				buf_puts(b, w);
			}
		}
		if (l == JA && below(s, 2) == 0)
			buf_puts(b, particles[zipf(s, 15)]);
		if (i + 1 < n && below(s, 9) == 0)
			buf_puts(b, l == ZH ? "，" : l == JA ? "、" : ",");
	}
	buf_puts(b, l == ZH || l == JA ? "。" : l == HI ? " ।" : ".");
	if (below(s, 50) == 0) {
		if (!cjk)
			buf_putc(b, ' ');
		buf_puts(b, emoji[below(s, 9)]);
	}
	if (!cjk)
		buf_putc(b, ' ');
}

struct feed {
	enum lang lang;
	bool full;		/* full articles, not summaries */
	bool wordpress;		/* "The post ... appeared first on ..." */
	char site[40];
	unsigned n;		/* articles */
	int64_t start;		/* first article's date */
};

static enum lang
article_lang(const struct feed *f, uint64_t *s)
{
	return f->lang == NLANG ? (enum lang)below(s, NLANG) : f->lang;
}

static void
plant(struct buf *b, enum lang l, uint64_t *s)
{
	size_t i;

	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if ((markers[i].lang == l || (markers[i].lang == NLANG && (l == ZH || l == JA))) &&
		    below(s, 10000) < markers[i].per_10000) {
			buf_puts(b, markers[i].word);
			buf_puts(b, l == ZH || l == JA ? "" : " ");
		}
}

static void
paragraph(struct buf *b, const struct feed *f, enum lang l, uint64_t *s, int64_t id)
{
	unsigned n = 2 + below(s, 5), i, k = below(s, 12);

	if (k == 0) {
		buf_puts(b, "<blockquote><p>");
		sentence(b, l, s);
		buf_puts(b, "</p></blockquote>");
		return;
	}
	if (k == 1) {
		buf_puts(b, "<ul>");
		for (i = 0; i < 2 + below(s, 4); i++) {
			buf_puts(b, "<li>");
			sentence(b, l, s);
			buf_puts(b, "</li>");
		}
		buf_puts(b, "</ul>");
		return;
	}
	if (k == 2)
		buf_printf(b, "<figure><img src=\"https://cdn.%s/uploads/%lld/%08llx.jpg\" "
			      "alt=\"\" width=\"%u\" height=\"%u\"></figure>", f->site,
			   (long long)(2016 + id % 10), (unsigned long long)rnd(s) & 0xffffffffULL,
			   600 + below(s, 8) * 100, 400 + below(s, 6) * 100);
	buf_puts(b, "<p>");
	for (i = 0; i < n; i++) {
		if (below(s, 6) == 0) {
			buf_printf(b, "<a href=\"https://%s/%s/%llu\">", f->site,
				   voc[EN].w[zipf(s, 3000)], (unsigned long long)(rnd(s) % 100000));
			sentence(b, l, s);
			buf_puts(b, "</a>");
		} else if (below(s, 10) == 0) {
			buf_puts(b, "<strong>");
			sentence(b, l, s);
			buf_puts(b, "</strong>");
		} else {
			sentence(b, l, s);
		}
	}
	buf_puts(b, "</p>");
}

/* One generated article (strings owned). */
struct art {
	struct item it;
	int64_t date;
};

static void
article(const struct feed *f, unsigned fi, unsigned ai, struct art *a)
{
	uint64_t s = ((uint64_t)fi << 32 | ai) * 0x9e3779b97f4a7c15ULL + 1;
	struct buf b = {0};
	enum lang l;
	unsigned i, np;

	rnd(&s);
	l = article_lang(f, &s);
	memset(a, 0, sizeof(*a));
	a->date = f->start + (int64_t)((double)(NOW - f->start) * ai / (f->n ? f->n : 1)) +
		  below(&s, 3600);
	a->it.id = xasprintf("tag:%s,%lld:%u", f->site, (long long)(1970 + a->date / 31556952),
			     ai);
	a->it.link = xasprintf("https://%s/%lld/%02u/%s-%s-%u/", f->site,
			       (long long)(1970 + a->date / 31556952), 1 + below(&s, 12),
			       voc[EN].w[zipf(&s, 5000)], voc[EN].w[zipf(&s, 5000)], ai);
	sentence(&b, l, &s);
	while (b.len > 120)	/* a title: one sentence, cut short on a character boundary */
		buf_truncate(&b, b.len - 1);
	while (b.len && ((unsigned char)b.data[b.len - 1] & 0xc0) == 0x80)
		buf_truncate(&b, b.len - 1);
	if (b.len && (unsigned char)b.data[b.len - 1] >= 0xc0)
		buf_truncate(&b, b.len - 1);
	while (b.len && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	a->it.title = buf_steal(&b);
	a->it.author = xasprintf("%s %s", voc[EN].w[fi % 997], voc[EN].w[(fi * 7 + ai % 3) % 991]);
	a->it.published = a->date;
	a->it.updated = BL_NO_DATE;
	if (!f->full) {
		plant(&b, l, &s);
		for (i = 0, np = 1 + below(&s, 3); i < np; i++)
			sentence(&b, l, &s);
		a->it.summary = buf_steal(&b);
	} else {
		plant(&b, l, &s);
		np = 1 + below(&s, 4) + below(&s, 5) + below(&s, 6);
		for (i = 0; i < np; i++)
			paragraph(&b, f, l, &s, ai);
		if (f->wordpress)
			buf_printf(&b, "<p>The post <a href=\"%s\">%s</a> appeared first on "
				       "<a href=\"https://%s\">%s</a>.</p>", a->it.link, a->it.title,
				   f->site, f->site);
		a->it.content = buf_steal(&b);
		if (below(&s, 10) < 7) {	/* an excerpt: the first sentence or so, as text */
			sentence(&b, l, &s);
			buf_puts(&b, "[…]");
			a->it.summary = buf_steal(&b);
		}
	}
	a->it.categories = xcalloc(2, sizeof(char *));
	a->it.categories[0] = xstrdup(voc[l].w[zipf(&s, 50)]);
	a->it.ncategories = 1;
}

/* ---- feeds ---- */

static struct feed *
feeds_make(unsigned nfeeds, unsigned narticles, bool one_big)
{
	struct feed *f = xcalloc(nfeeds, sizeof(*f));
	uint64_t s = 42;
	unsigned i, left = narticles, big = one_big && nfeeds > 1 ? narticles / 20 : 0;
	double *w = xcalloc(nfeeds, sizeof(*w)), sum = 0;

	for (i = 0; i < nfeeds; i++) {
		unsigned r = below(&s, 100);

		f[i].lang = r < 30 ? ZH : r < 70 ? EN : r < 85 ? JA : r < 95 ? HI : NLANG;
		f[i].full = below(&s, 100) < 40;
		f[i].wordpress = f[i].full && below(&s, 10) < 3;
		snprintf(f[i].site, sizeof(f[i].site), "%s%u.example", voc[EN].w[i % 3000], i);
		f[i].start = NOW - (int64_t)(SPAN * (0.2 + 0.8 * unit(&s)));
		w[i] = one_big ? 0.2 + unit(&s) * unit(&s) * 3 : 1;
		sum += i == 0 && big ? 0 : w[i];
	}
	/* Feed 0 is the big one; the rest share what is left by weight. */
	if (big) {
		f[0].n = big;
		f[0].full = false;
		f[0].start = NOW - SPAN;
		left -= big;
	}
	for (i = big ? 1 : 0; i < nfeeds; i++) {
		f[i].n = (unsigned)((double)(narticles - big) * w[i] / sum);
		if (f[i].n > left)
			f[i].n = left;
		left -= f[i].n;
	}
	for (i = 0; left; i = (i + 1) % nfeeds, left--)
		f[i].n++;
	free(w);
	return f;
}

static void
art_clear(struct art *a)
{
	item_clear(&a->it);
}

/* ---- store ---- */

static void
die(const char *what, const struct bl_err *err)
{
	fprintf(stderr, "scale_gen: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

static void
write_config(const char *path, const struct feed *f, unsigned nfeeds, const char *base)
{
	FILE *fp = fopen(path, "w");
	unsigned i;

	if (!fp)
		die(path, NULL);
	fprintf(fp, "set refresh-on-start no\nset refresh-interval 0\nset max-connections 8\n"
		    "set max-per-host 8\n");
	for (i = 0; i < nfeeds; i++)
		fprintf(fp, "feed %s/f%04u.xml title=\"Feed %04u\"\n", base, i, i);
	fclose(fp);
	(void)f;
}

/* Years of refreshes: in each round, every feed stores what appeared since the last. */
static void
store_rounds(struct store *st, const struct feed *f, unsigned nfeeds, const int64_t *ids)
{
	struct bl_err err = {0};
	unsigned *next = xcalloc(nfeeds, sizeof(*next)), r, i;
	struct art a;

	for (r = 1; r <= ROUNDS; r++) {
		for (i = 0; i < nfeeds; i++) {
			unsigned upto = (unsigned)((uint64_t)f[i].n * r / ROUNDS);

			if (next[i] >= upto)
				continue;
			if (store_refresh_begin(st, ids[i], &err))
				die("refresh", &err);
			for (; next[i] < upto; next[i]++) {
				article(&f[i], i, next[i], &a);
				if (store_refresh_item(st, ids[i], &a.it, NULL, &err))
					die("store", &err);
				art_clear(&a);
			}
			if (store_refresh_end(st, &err))
				die("commit", &err);
		}
		if (getenv("GEN_TRACE"))
			fprintf(stderr, "round %u\n", r);
	}
	free(next);
}

/*
 * How a reader of ten years leaves the flags: what is older than a month
 * mostly read (one in ten left), the big feed never read, one in 200
 * starred. Set in SQL, with the counts recounted the way the upgrade does.
 */
static const char flags_sql[] =
	"UPDATE item_state SET read = 1 WHERE date < %lld AND id %% 10 != 0 AND feed_id != %lld;"
	"UPDATE item_state SET starred = 1 WHERE id %% 200 = 7;"
	"UPDATE feed SET (n_total, n_unread, n_starred) = (SELECT count(*), coalesce(sum(read = 0), 0),"
	" coalesce(sum(starred), 0) FROM item_state WHERE feed_id = feed.id);";

/*
 * First sightings as years of refreshes would have left them: an article
 * was first seen when the newest one stored before it (or itself) was
 * published, so they grow with the order of storing, as in a real store.
 */
static void
set_first_seen(sqlite3 *db)
{
	sqlite3_stmt *q, *u;
	int64_t seen = 0;

	if (sqlite3_prepare_v2(db, "SELECT id, date FROM item_state INDEXED BY item_state_id "
			       "ORDER BY id", -1, &q, NULL) ||
	    sqlite3_prepare_v2(db, "UPDATE item SET first_seen = ? WHERE id = ?", -1, &u, NULL))
		die(sqlite3_errmsg(db), NULL);
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (sqlite3_column_int64(q, 1) > seen)
			seen = sqlite3_column_int64(q, 1);
		sqlite3_bind_int64(u, 1, seen);
		sqlite3_bind_int64(u, 2, sqlite3_column_int64(q, 0));
		sqlite3_step(u);
		sqlite3_reset(u);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_finalize(q);
	sqlite3_finalize(u);
}

static int
cmd_store(const char *db, const char *conf, unsigned n, unsigned nfeeds)
{
	struct feed *f = feeds_make(nfeeds, n, true);
	struct bl_err err = {0};
	struct feed_state fs;
	struct store *st = store_open(db, &err);
	int64_t *ids = xcalloc(nfeeds, sizeof(*ids));
	char url[128], *sql;
	unsigned i;
	sqlite3 *raw;

	if (!st)
		die(db, &err);
	write_config(conf, f, nfeeds, "http://127.0.0.1:9");
	for (i = 0; i < nfeeds; i++) {
		snprintf(url, sizeof(url), "http://127.0.0.1:9/f%04u.xml", i);
		if (store_feed_get(st, url, &fs, &err))
			die("feed", &err);
		ids[i] = fs.id;
		feed_state_clear(&fs);
	}
	store_rounds(st, f, nfeeds, ids);
	store_close(&st);
	if (sqlite3_open(db, &raw))
		die(db, NULL);
	sql = xasprintf(flags_sql, (long long)(NOW - 30 * 86400), (long long)ids[0]);
	if (sqlite3_exec(raw, sql, NULL, NULL, NULL))
		die(sqlite3_errmsg(raw), NULL);
	set_first_seen(raw);
	free(sql);
	sqlite3_close(raw);
	free(ids);
	free(f);
	return 0;
}

/* ---- feed files ---- */

static void
xml_text(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		if (*s == '&')
			fputs("&amp;", fp);
		else if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else
			fputc(*s, fp);
}

static void
date_rfc822(char *out, size_t n, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

static void
date_iso(char *out, size_t n, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
rss_item(FILE *fp, const struct art *a)
{
	char d[64];

	date_rfc822(d, sizeof(d), a->date);
	fputs("<item><title>", fp);
	xml_text(fp, a->it.title);
	fprintf(fp, "</title><link>%s</link><guid isPermaLink=\"false\">%s</guid>"
		    "<dc:creator>%s</dc:creator><pubDate>%s</pubDate><category>", a->it.link,
		a->it.id, a->it.author, d);
	xml_text(fp, a->it.categories[0]);
	fputs("</category><description>", fp);
	xml_text(fp, a->it.summary);
	fputs("</description>", fp);
	if (a->it.content)
		fprintf(fp, "<content:encoded><![CDATA[%s]]></content:encoded>", a->it.content);
	fputs("</item>\n", fp);
}

static void
atom_entry(FILE *fp, const struct art *a)
{
	char d[64];

	date_iso(d, sizeof(d), a->date);
	fputs("<entry><title>", fp);
	xml_text(fp, a->it.title);
	fprintf(fp, "</title><id>%s</id><link href=\"%s\"/><author><name>%s</name></author>"
		    "<updated>%s</updated><category term=\"", a->it.id, a->it.link, a->it.author,
		d);
	xml_text(fp, a->it.categories[0]);
	fputs("\"/>", fp);
	if (a->it.summary) {
		fputs("<summary>", fp);
		xml_text(fp, a->it.summary);
		fputs("</summary>", fp);
	}
	if (a->it.content) {
		fputs("<content type=\"html\">", fp);
		xml_text(fp, a->it.content);
		fputs("</content>", fp);
	}
	fputs("</entry>\n", fp);
}

static int
cmd_feeds(const char *dir, unsigned n, unsigned nfeeds)
{
	struct feed *f = feeds_make(nfeeds, n, false);
	char path[4096];
	struct art a;
	unsigned i, k;
	FILE *fp;

	mkdir(dir, 0755);
	for (i = 0; i < nfeeds; i++) {
		bool atom = i % 4 == 3;

		snprintf(path, sizeof(path), "%s/f%04u.xml", dir, i);
		if (!(fp = fopen(path, "w")))
			die(path, NULL);
		if (atom)
			fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\""
				    "http://www.w3.org/2005/Atom\"><title>Feed %u</title><id>urn:f:%u"
				    "</id><link href=\"https://%s/\"/><updated>2026-01-01T00:00:00Z"
				    "</updated>\n", i, i, f[i].site);
		else
			fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
				    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\""
				    "http://purl.org/rss/1.0/modules/content/\"><channel><title>Feed %u"
				    "</title><link>https://%s/</link><description>scale bench"
				    "</description>\n", i, f[i].site);
		/* Newest first, as feeds are. */
		for (k = f[i].n; k-- > 0;) {
			article(&f[i], i, k, &a);
			if (atom)
				atom_entry(fp, &a);
			else
				rss_item(fp, &a);
			art_clear(&a);
		}
		fputs(atom ? "</feed>\n" : "</channel></rss>\n", fp);
		fclose(fp);
	}
	free(f);
	return 0;
}

/* ---- raw bytes ---- */

/* title + summary + content + link of every stored article, as the feeds gave them. */
static int
cmd_raw(const char *db)
{
	struct bl_err err = {0};
	struct store *st = store_open(db, &err);
	int64_t bytes = 0, count = 0;
	sqlite3_stmt *q;
	struct item it;
	sqlite3 *raw;

	if (!st)
		die(db, &err);
	if (sqlite3_open_v2(db, &raw, SQLITE_OPEN_READONLY, NULL) ||
	    sqlite3_prepare_v2(raw, "SELECT id FROM item", -1, &q, NULL))
		die(db, NULL);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (store_item_get(st, sqlite3_column_int64(q, 0), &it, &err))
			die("get", &err);
		bytes += (int64_t)(strlen(it.title ? it.title : "") +
				   strlen(it.summary ? it.summary : "") +
				   strlen(it.content ? it.content : "") + strlen(it.link ? it.link : ""));
		count++;
		item_clear(&it);
	}
	sqlite3_finalize(q);
	sqlite3_close(raw);
	printf("%lld %lld\n", (long long)count, (long long)bytes);
	store_close(&st);
	return 0;
}

int
main(int argc, char **argv)
{
	vocab_build();
	if (argc == 6 && !strcmp(argv[1], "store"))
		return cmd_store(argv[2], argv[3], (unsigned)atoi(argv[4]), (unsigned)atoi(argv[5]));
	if (argc == 5 && !strcmp(argv[1], "feeds"))
		return cmd_feeds(argv[2], (unsigned)atoi(argv[3]), (unsigned)atoi(argv[4]));
	if (argc == 3 && !strcmp(argv[1], "raw"))
		return cmd_raw(argv[2]);
	fprintf(stderr, "usage: scale_gen store DB CONFIG ARTICLES FEEDS | feeds DIR ARTICLES "
			"FEEDS | raw DB\n");
	return 2;
}
