/* Which encoding a page is in: BOM, labels (HTTP, <meta>), and for unlabelled or mislabelled pages, which reading makes sense. */
#define _GNU_SOURCE
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/transcode.h"
#include "byline/utf8.h"
#include "extract_int.h"

#define META_SCAN (32u << 10)	/* bytes searched for <meta charset> */
#define SAMPLE (64u << 10)	/* bytes decoded to judge an encoding */

/*
 * Characters that make up most of any text in their language: about 500
 * of the most frequent Chinese characters (simplified), the traditional
 * forms of the commonest, kanji Japanese writes differently, and the
 * commonest Hangul syllables. Text read in the right encoding is full of
 * them; read in a wrong one, its characters fall anywhere in the tables.
 */
static const char common_chars[] =
	"的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之"
	"年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样"
	"理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将"
	"两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信"
	"表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔"
	"更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统"
	"区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品"
	"住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根"
	"干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流"
	"备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越"
	"器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突"
	"专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态"
	/* traditional forms */
	"們這個來說時會國對過學還發後為於與進動當經現點從實開種應樣將關無機問體頭兩長麼間裡見義難"
	"電東軍總華處業區語話認讓讀寫習書車門馬鳥魚風飛雲氣網報導選舉數據節記錄灣臺歲員層變樂歡親"
	"愛買賣錢費價貨質負貴議論識計設護證評調談請邊達運遠連遊隊陽際險隨雖離類願顯題養館驗黨齊龍"
	"傳億優兒內劃勢務勝協單圖團圍場壓夠奪婦寧專屬帶幫廣廠張強徵態慶戰戶擊擔擴斷條構標樹權歷歸"
	"殺決沒溫滿漢濟災熱爭爾獨產畫盡監眾禮稱積競筆簡納紀約紅級細組結統絕維線練續聯職聲腦舊萬蘇"
	"號衛裝製複規視覺觀許訴試該誠課響頁項須領顏飯鬥黃"
	/* Japanese forms */
	"込円駅働気売県様読払関係続図広応対歳変経済発強鉄転伝価検総選"
	/* Hangul */
	"이의다는에을고하가를지한서기리로사어도나니대인일자정수시아그해스주있국것들전부과게보만상제"
	"여우적원동성문경라미장면요소내년화방생위구신관업비되중했개없등말공모실오무연출선조식물교통"
	"후계세분치회터러며더심마저까운명알야와은음월또발날번함입금체행현결영당두진별반형단재력유왜"
	"좀잘못같때많씨께님처럼너떻런렇거데죠네싶었겠였된될않안좋";

struct common {
	uint32_t *v;
	size_t n;
};

static int
cmp_cp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void
common_load(struct common *c)
{
	const unsigned char *p = (const unsigned char *)common_chars;
	size_t n = strlen(common_chars);

	c->v = xreallocarray(NULL, n / 3 + 1, sizeof *c->v);
	c->n = 0;
	while (n) {
		size_t k = utf8_decode(p, n, &c->v[c->n]);

		if (!k)
			break;
		c->n++;
		p += k;
		n -= k;
	}
	qsort(c->v, c->n, sizeof *c->v, cmp_cp);
}

static bool
is_common(const struct common *c, uint32_t cp)
{
	return bsearch(&cp, c->v, c->n, sizeof *c->v, cmp_cp) != NULL;
}

/* Characters that text in a legacy encoding hardly ever holds, but misreadings do. */
static bool
is_odd(uint32_t c)
{
	return (c >= 0x80 && c < 0xa0) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xa000 && c <= 0xa4cf) ||
	       (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xf900 && c <= 0xfaff) || c >= 0x20000 ||
	       c == 0xfffd;
}

static bool
is_ascii_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * How well text (UTF-8) reads: common characters and kana score, letters
 * with accents score beside Latin letters, rare and private characters
 * and replaced bytes cost.
 */
static double
plausibility(const struct common *com, const char *s, size_t n, size_t nbad, size_t *nonascii)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	uint32_t prev = ' ', c;
	double score = -5.0 * (double)nbad;

	*nonascii = 0;
	while (p < end) {
		size_t k = utf8_decode(p, (size_t)(end - p), &c);

		if (!k)
			k = 1, c = 0xfffd;
		p += k;
		if (c >= 0x80)
			++*nonascii;
		if (c < 0x80)
			;
		else if (is_odd(c))
			score -= 1;
		else if (c >= 0x3040 && c <= 0x30ff)
			score += 1;	/* kana */
		else if (is_common(com, c))
			score += 2;
		else if (c >= 0xc0 && c <= 0x24f)
			/* an accented letter: in a word of Latin letters, or among misread bytes */
			score += is_ascii_letter(prev) || (p < end && is_ascii_letter(*p)) ? 0.5 : -1;
		prev = c;
	}
	return score;
}

struct judged {
	const char *name;
	double score;
	size_t nonascii, nbad;
};

static void
judge(const struct common *com, const char *sample, size_t n, struct judged *j)
{
	size_t outlen;
	char *text = transcode_all(sample, n, j->name, &outlen, &j->nbad, NULL, NULL, NULL);

	j->score = plausibility(com, text, outlen, j->nbad, &j->nonascii);
	free(text);
}

/* The first bytes that are not ASCII and what follows (legacy text starts with a lead byte there). */
static const char *
sample_of(const char *data, size_t len, size_t *n)
{
	size_t i = utf8_ascii_len((const unsigned char *)data, len);

	*n = len - i < SAMPLE ? len - i : SAMPLE;
	return data + i;
}

static bool
is_utf8_name(const char *cs)
{
	return cs && (!strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8"));
}

/* The label if the bytes read well in it, else the encoding they read best in. */
static const char *
detect(const char *data, size_t len, const char *label)
{
	static const char *const guesses[] = {
		"UTF-8", "GB18030", "CP950", "CP932", "EUC-JP-MS", "CP949", "WINDOWS-1252", NULL,
	};
	struct common com;
	struct judged lab = { .name = label }, best = { .name = NULL }, j;
	size_t n, i;
	const char *sample = sample_of(data, len, &n);

	common_load(&com);
	if (label && !is_utf8_name(label)) {
		judge(&com, sample, n, &lab);
		if (lab.nbad == 0 && lab.score >= 0.6 * (double)lab.nonascii) {
			free(com.v);
			return label;
		}
	}
	for (i = 0; guesses[i]; i++) {
		j = (struct judged){ .name = guesses[i] };
		judge(&com, sample, n, &j);
		if (!best.name || j.score > best.score)
			best = j;
	}
	free(com.v);
	/* a label is kept unless another reading is clearly better */
	if (lab.name && !is_utf8_name(label) && lab.score >= best.score - 0.1 * fabs(best.score))
		return label;
	return best.name;
}

/* ---- <meta charset> ---- */

/* The value of attribute `name` in the tag text [p, end) (after the tag name), copied into out. */
static bool
tag_attr(const char *p, const char *end, const char *name, char *out, size_t outlen)
{
	size_t k = strlen(name);

	while (p < end) {
		const char *n, *v;
		size_t nlen, vlen = 0;

		while (p < end && (isspace((unsigned char)*p) || *p == '/'))
			p++;
		for (n = p; p < end && !isspace((unsigned char)*p) && *p != '=' && *p != '/'; p++)
			;
		nlen = (size_t)(p - n);
		while (p < end && isspace((unsigned char)*p))
			p++;
		v = p;
		if (p < end && *p == '=') {
			char q;

			for (p++; p < end && isspace((unsigned char)*p); p++)
				;
			q = p < end && (*p == '"' || *p == '\'') ? *p++ : 0;
			for (v = p; p < end && (q ? *p != q : !isspace((unsigned char)*p)); p++)
				;
			vlen = (size_t)(p - v);
			if (q && p < end)
				p++;
		}
		if (nlen == k && !strncasecmp(n, name, k)) {
			if (vlen == 0 || vlen >= outlen)
				return false;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return true;
		}
		if (nlen == 0 && p < end)
			p++;	/* a stray character: step over it */
	}
	return false;
}

/* "text/html; charset=gbk" -> "gbk", in place. */
static bool
charset_param(char *s)
{
	char *p = strcasestr(s, "charset"), *v;
	size_t n;

	if (!p)
		return false;
	v = p + 7;
	while (*v == ' ' || *v == '=' || *v == '"' || *v == '\'')
		v++;
	n = strcspn(v, " ;\"'");
	memmove(s, v, n);
	s[n] = '\0';
	return n > 0;
}

char *
ex_meta_charset(const char *data, size_t len)
{
	const char *end = data + (len < META_SCAN ? len : META_SCAN), *p, *close;
	char v[128];

	for (p = data; p && p < end; p++) {
		p = memchr(p, '<', (size_t)(end - p));
		if (!p || end - p < 6)
			break;
		if (!strncasecmp(p, "<body", 5))
			break;
		if (strncasecmp(p, "<meta", 5) || isalnum((unsigned char)p[5]))
			continue;
		close = memchr(p, '>', (size_t)(end - p));
		if (!close)
			break;
		if (tag_attr(p + 5, close, "charset", v, sizeof v))
			return xstrdup(v);
		if (tag_attr(p + 5, close, "content", v, sizeof v) && charset_param(v))
			return xstrdup(v);
	}
	return NULL;
}

/* ---- decoding ---- */

static bool
has_bom(const unsigned char *s, size_t n)
{
	return (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) || (n >= 2 && (!memcmp(s, "\xfe\xff", 2) ||
									  !memcmp(s, "\xff\xfe", 2)));
}

static void __attribute__((format(printf, 3, 4)))
say(void (*warn)(void *, const char *), void *ud, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn(ud, msg);
}

/* The encoding to read the page in (a label given, or a static name). */
static const char *
choose(const char *data, size_t len, const char *label, const char *label_from,
       void (*warn)(void *, const char *), void *ud)
{
	const char *enc;

	if (utf8_valid_len((const unsigned char *)data, len, 0) == len) {
		/* valid UTF-8 with non-ASCII text is UTF-8 whatever the label says */
		if (label && !is_utf8_name(label) && utf8_ascii_len((const unsigned char *)data, len) < len)
			say(warn, ud, "the page is labelled %s (%s) but is UTF-8; read as UTF-8", label,
			    label_from);
		return "UTF-8";
	}
	enc = detect(data, len, label);
	if (!label && strcmp(enc, "UTF-8"))
		say(warn, ud, "the page declares no charset; read as %s", enc);
	else if (label && enc != label && !(is_utf8_name(label) && !strcmp(enc, "UTF-8")))
		say(warn, ud, "the page is labelled %s (%s) but does not read as it; read as %s", label,
		    label_from, enc);
	return enc;
}

char *
ex_decode(const char *data, size_t len, const char *http_charset, size_t *outlen, char **used,
	  void (*warn)(void *ud, const char *msg), void *ud)
{
	char *meta = NULL, *text;
	const char *label = http_charset && *http_charset ? http_charset : NULL, *from = "HTTP";
	const char *enc = NULL;

	if (!has_bom((const unsigned char *)data, len)) {
		if (!label) {
			meta = ex_meta_charset(data, len);
			label = meta;
			from = "<meta>";
		}
		enc = choose(data, len, label, from, warn, ud);
	}
	text = transcode_all(data, len, enc, outlen, NULL, used, warn, ud);
	free(meta);
	return text;
}
