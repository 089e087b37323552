/* Dates in other languages (French ... Russian, CJK) rewritten into the English forms date.c reads. */
#include <string.h>

#include "date_int.h"

#define W_DROP 0	/* a word that goes: "de", "Uhr", "г." */
#define WORD_MAX 24	/* bytes of the longest name below */

struct word {
	const char *w;	/* lower case, UTF-8 */
	unsigned char month;	/* 1..12, or W_DROP */
};

/* Month names and their short forms (English ones are date.c's), and the small words around the parts. */
static const struct word words[] = {
	/* French */
	{"janvier", 1}, {"janv", 1}, {"février", 2}, {"fevrier", 2}, {"févr", 2}, {"fevr", 2},
	{"fév", 2}, {"mars", 3}, {"avril", 4}, {"avr", 4}, {"mai", 5}, {"juin", 6},
	{"juillet", 7}, {"juil", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9},
	{"octobre", 10}, {"novembre", 11}, {"décembre", 12}, {"decembre", 12}, {"déc", 12},
	/* German */
	{"januar", 1}, {"jänner", 1}, {"jän", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3},
	{"mär", 3}, {"mrz", 3}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"okt", 10},
	{"dezember", 12}, {"dez", 12},
	/* Italian */
	{"gennaio", 1}, {"gen", 1}, {"febbraio", 2}, {"marzo", 3}, {"aprile", 4},
	{"maggio", 5}, {"mag", 5}, {"giugno", 6}, {"giu", 6}, {"luglio", 7}, {"lug", 7},
	{"agosto", 8}, {"ago", 8}, {"settembre", 9}, {"set", 9}, {"ottobre", 10}, {"ott", 10},
	{"dicembre", 12}, {"dic", 12},
	/* Spanish */
	{"enero", 1}, {"ene", 1}, {"febrero", 2}, {"abril", 4}, {"abr", 4}, {"mayo", 5},
	{"junio", 6}, {"julio", 7}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
	{"noviembre", 11}, {"diciembre", 12},
	/* Portuguese */
	{"janeiro", 1}, {"fevereiro", 2}, {"fev", 2}, {"março", 3}, {"marco", 3},
	{"maio", 5}, {"junho", 6}, {"julho", 7}, {"setembro", 9}, {"outubro", 10},
	{"out", 10}, {"novembro", 11}, {"dezembro", 12},
	/* Dutch */
	{"januari", 1}, {"februari", 2}, {"maart", 3}, {"mrt", 3}, {"mei", 5},
	{"augustus", 8},
	/* Russian: nominative, genitive ("1 октября"), short */
	{"январь", 1}, {"января", 1}, {"янв", 1}, {"февраль", 2}, {"февраля", 2},
	{"фев", 2}, {"февр", 2}, {"март", 3}, {"марта", 3}, {"мар", 3}, {"апрель", 4},
	{"апреля", 4}, {"апр", 4}, {"май", 5}, {"мая", 5}, {"июнь", 6}, {"июня", 6},
	{"июн", 6}, {"июль", 7}, {"июля", 7}, {"июл", 7}, {"август", 8}, {"августа", 8},
	{"авг", 8}, {"сентябрь", 9}, {"сентября", 9}, {"сен", 9}, {"сент", 9},
	{"октябрь", 10}, {"октября", 10}, {"окт", 10}, {"ноябрь", 11}, {"ноября", 11},
	{"ноя", 11}, {"нояб", 11}, {"декабрь", 12}, {"декабря", 12}, {"дек", 12},
	/* "le 1er", "den 1. Oktober um 8 Uhr", "1 de octubre de", "às", "om", "alle ore", "2024 г. в" */
	{"le", W_DROP}, {"er", W_DROP}, {"den", W_DROP}, {"um", W_DROP}, {"uhr", W_DROP},
	{"de", W_DROP}, {"del", W_DROP}, {"el", W_DROP}, {"la", W_DROP}, {"las", W_DROP},
	{"il", W_DROP}, {"alle", W_DROP}, {"ore", W_DROP}, {"às", W_DROP}, {"om", W_DROP},
	{"feira", W_DROP}, {"г", W_DROP}, {"года", W_DROP}, {"в", W_DROP}, {"à", W_DROP},
};

/* Weekdays: dropped when a date starts with one (date.c ignores the weekday anyway). */
static const char *const weekdays[] = {
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
	"lun", "mar", "mer", "jeu", "ven", "sam", "dim",
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
	"sonntag", "mo", "di", "mi", "do", "fr", "sa", "so",
	"lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì",
	"giovedi", "venerdì", "venerdi", "sabato", "domenica", "gio", "sab", "dom",
	"lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado",
	"sabado", "domingo", "mié", "mie", "jue", "vie", "sáb",
	"segunda", "terça", "terca", "quarta", "quinta", "sexta", "seg", "ter", "qua",
	"qui", "sex",
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
	"ma", "wo", "vr", "za", "zo",
	"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
	"пн", "вт", "ср", "чт", "пт", "сб", "вс",
};

static const char *const english_months[12] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

/* CJK pieces and what they become; the weekdays first, before their 月 and 日 alone. */
static const struct {
	const char *from, *to;
} cjk[] = {
	{"星期一", ""}, {"星期二", ""}, {"星期三", ""}, {"星期四", ""}, {"星期五", ""},
	{"星期六", ""}, {"星期日", ""}, {"星期天", ""},
	{"周一", ""}, {"周二", ""}, {"周三", ""}, {"周四", ""}, {"周五", ""}, {"周六", ""},
	{"周日", ""}, {"週一", ""}, {"週二", ""}, {"週三", ""}, {"週四", ""}, {"週五", ""},
	{"週六", ""}, {"週日", ""},
	{"月曜日", ""}, {"火曜日", ""}, {"水曜日", ""}, {"木曜日", ""}, {"金曜日", ""},
	{"土曜日", ""}, {"日曜日", ""},
	{"(月)", ""}, {"(火)", ""}, {"(水)", ""}, {"(木)", ""}, {"(金)", ""}, {"(土)", ""},
	{"(日)", ""}, {"（月）", ""}, {"（火）", ""}, {"（水）", ""}, {"（木）", ""},
	{"（金）", ""}, {"（土）", ""}, {"（日）", ""},
	{"上午", " am "}, {"下午", " pm "}, {"午前", " am "}, {"午後", " pm "},
	{"年", "-"}, {"月", "-"}, {"日", " "}, {"時", ":"}, {"时", ":"}, {"点", ":"},
	{"秒", ""}, {"\xe3\x80\x80", " "} /* ideographic space */, {"：", ":"},
};

static int
is_ascii_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the letter at s: an ASCII letter, or a two-byte UTF-8 one (Latin, Cyrillic); else 0. */
static size_t
letter_len(const unsigned char *s)
{
	if (is_ascii_alpha(s[0]))
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80)
		return 2;
	return 0;
}

/* Lower case of the letters ASCII, Latin-1 and Cyrillic have; false when too long. */
static int
lower_word(const unsigned char *s, size_t n, char *out)
{
	size_t i;

	if (n >= WORD_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (i + 1 < n && c == 0xc3 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9e &&
			 s[i + 1] != 0x97) {	/* À..Þ but × */
			out[i] = (char)c;
			out[i + 1] = (char)(s[i + 1] + 0x20);
			i++;
			continue;
		} else if (i + 1 < n && c == 0xd0 && s[i + 1] >= 0x90 && s[i + 1] <= 0xaf) {
			/* А..Я: а..п are d0 b0..bf, р..я are d1 80..8f */
			out[i] = (char)(s[i + 1] < 0xa0 ? 0xd0 : 0xd1);
			out[i + 1] = (char)(s[i + 1] < 0xa0 ? s[i + 1] + 0x20 : s[i + 1] - 0x20);
			i++;
			continue;
		}
		out[i] = (char)c;
	}
	out[n] = '\0';
	return 1;
}

/* What the word at s (n bytes) becomes: "" to drop it, NULL to keep it as written. */
static const char *
word_to(const unsigned char *s, size_t n, int first, char prev, char next)
{
	char w[WORD_MAX];
	size_t i;

	if (!lower_word(s, n, w))
		return NULL;
	if (!strcmp(w, "h") && is_digit(prev) && is_digit(next))
		return ":";	/* 08h30 */
	for (i = 0; first && i < sizeof(weekdays) / sizeof(weekdays[0]); i++)
		if (!strcmp(w, weekdays[i]))
			return "";
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(w, words[i].w))
			return words[i].month ? english_months[words[i].month - 1] : "";
	return NULL;
}

/* Bytes of the CJK piece at s, or 0; *to gets what it becomes. */
static size_t
cjk_piece(const char *s, const char **to)
{
	size_t i, n;

	if (!strncmp(s, "分", strlen("分"))) {
		n = strlen("分");
		*to = is_digit(s[n]) ? ":" : "";	/* 08时30分15秒, or the end */
		return n;
	}
	for (i = 0; i < sizeof(cjk) / sizeof(cjk[0]); i++)
		if (!strncmp(s, cjk[i].from, strlen(cjk[i].from))) {
			*to = cjk[i].to;
			return strlen(cjk[i].from);
		}
	return 0;
}

struct out {
	char *s;
	size_t n;
	int ok;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->n + n > DATE_MAX_LEN) {
		o->ok = 0;
		return;
	}
	memcpy(o->s + o->n, s, n);
	o->n += n;
}

/* Takes the word at *pp; true when it was rewritten. */
static int
take_word(const char **pp, struct out *o)
{
	const unsigned char *s = (const unsigned char *)*pp;
	size_t n = 0, l;
	const char *to;
	int first = o->n == 0;

	while ((l = letter_len(s + n)))
		n += l;
	to = word_to(s, n, first, o->n ? o->s[o->n - 1] : 0, (char)s[n]);
	*pp += n;
	if (!to) {
		put(o, (const char *)s, n);
		return 0;
	}
	if (**pp == '.' && *to != ':')
		(*pp)++;	/* "oct." "г." */
	put(o, to, strlen(to));
	return 1;
}

/* A day written "1." (German, Dutch) before a blank: the dot goes. */
static int
ordinal_dot(const char *start, const char *p)
{
	return *p == '.' && p > start && is_digit(p[-1]) && (p[1] == ' ' || p[1] == '\0') &&
	       (p - 1 == start || !is_digit(p[-2]) || p - 2 == start || !is_digit(p[-3]));
}

bool
date_translate(const char *in, char *out)
{
	struct out o = { out, 0, 1 };
	const char *p = in, *to;
	int changed = 0;
	size_t a, b, n;

	while (*p && o.ok) {
		if (letter_len((const unsigned char *)p)) {
			changed |= take_word(&p, &o);
		} else if ((n = cjk_piece(p, &to))) {
			p += n;
			put(&o, to, strlen(to));
			changed = 1;
		} else if (ordinal_dot(in, p)) {
			p++;
			changed = 1;
		} else {
			put(&o, p++, 1);
		}
	}
	if (!o.ok || !changed)
		return false;
	/* what the dropped words left around: ", 1 oct" "-, 1 out" "08:30:" */
	for (a = 0; a < o.n && strchr(" ,-.", out[a]); a++)
		;
	for (b = o.n; b > a && strchr(" ,:", out[b - 1]); b--)
		;
	memmove(out, out + a, b - a);
	out[b - a] = '\0';
	return b > a;
}
