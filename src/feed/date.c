/* Feed date parsing (RFC 822/2822, RFC 3339/ISO 8601, common garbage) to UTC seconds. */
#include <stdio.h>
#include <string.h>

#include "byline/date.h"
#include "date_int.h"

#define DATE_MAX_TOKENS 12
/* Offsets in minutes; no zone on Earth is further than 14 h from UTC. */
#define OFFSET_MAX (18 * 60)
#define OFFSET_NONE DATE_NO_ZONE

struct date_fields {
	int year, month, day;
	int hour, minute, second;
	int offset;		/* minutes east of UTC, or OFFSET_NONE */
	int implied_offset;	/* used when the string gives none (Korean forms) */
	int ampm;		/* 0 none, 1 AM, 2 PM */
};

struct token {
	const char *s;
	size_t n;
};

struct name_value {
	const char *name;
	int value;		/* minutes east of UTC for zones, 1-12 for months */
};

/*
 * Zone names real feeds write, with one meaning each. CST is the US one, as
 * RFC 822 says; names with several common meanings (IST) are left out so
 * they fail rather than give a wrong date.
 */
static const struct name_value zone_names[] = {
	{"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0}, {"uct", 0}, {"zulu", 0},
	{"wet", 0}, {"west", 60}, {"bst", 60},
	{"cet", 60}, {"cest", 120}, {"met", 60}, {"mest", 120},
	{"mez", 60}, {"mesz", 120}, {"eet", 120}, {"eest", 180}, {"msk", 180},
	{"nst", -210}, {"ndt", -150},
	{"ast", -240}, {"adt", -180}, {"at", -240},
	{"est", -300}, {"edt", -240}, {"et", -300},
	{"cst", -360}, {"cdt", -300}, {"ct", -360},
	{"mst", -420}, {"mdt", -360}, {"mt", -420},
	{"pst", -480}, {"pdt", -420}, {"pt", -480},
	{"akst", -540}, {"akdt", -480}, {"hst", -600},
	{"jst", 540}, {"kst", 540}, {"hkt", 480}, {"sgt", 480},
	{"awst", 480}, {"acst", 570}, {"acdt", 630}, {"aest", 600},
	{"aedt", 660}, {"nzst", 720}, {"nzdt", 780},
};

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

static const char *const day_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

/* Greek abbreviations (UTF-8) that Greek blogs put in RSS dates. */
static const struct name_value greek_months[] = {
	{"Ιαν", 1}, {"Φεβ", 2}, {"Μάώ", 3}, {"Μαώ", 3}, {"Απρ", 4},
	{"Μάι", 5}, {"Μαϊ", 5}, {"Μαι", 5}, {"Ιούν", 6}, {"Ιον", 6},
	{"Ιούλ", 7}, {"Ιολ", 7}, {"Αύγ", 8}, {"Αυγ", 8}, {"Σεπ", 9},
	{"Οκτ", 10}, {"Νοέ", 11}, {"Νοε", 11}, {"Δεκ", 12},
};

static const char *const greek_days[] = {
	"Κυρ", "Δευ", "Τρι", "Τετ", "Πεμ", "Παρ", "Σαβ",
};

/* Hungarian month names, with the misspellings feedparser also accepts. */
static const struct name_value hungarian_months[] = {
	{"január", 1}, {"február", 2}, {"februári", 2}, {"március", 3},
	{"április", 4}, {"május", 5}, {"máujus", 5}, {"június", 6},
	{"július", 7}, {"augusztus", 8}, {"szeptember", 9}, {"október", 10},
	{"november", 11}, {"december", 12},
};

#define KO_YEAR "\xeb\x85\x84"		/* 년 */
#define KO_MONTH "\xec\x9b\x94"		/* 월 */
#define KO_DAY "\xec\x9d\xbc"		/* 일 */
#define KO_AM "\xec\x98\xa4\xec\xa0\x84"	/* 오전 */
#define KO_PM "\xec\x98\xa4\xed\x9b\x84"	/* 오후 */
#define KST_OFFSET 540

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char
to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive (ASCII) comparison of a span with a C string. */
static bool
span_eq(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (word[i] == '\0' || to_lower(s[i]) != word[i])
			return false;
	return word[n] == '\0';
}

static bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * Reads a run of digits at *pp into *val and advances. Returns the number
 * of digits; a run longer than 9 digits is read but its value is 0.
 */
static int
scan_num(const char **pp, int *val)
{
	const char *p = *pp;
	int n = 0, v = 0;

	while (is_digit(*p)) {
		if (n < 9)
			v = v * 10 + (*p - '0');
		n++;
		p++;
	}
	*pp = p;
	*val = n <= 9 ? v : 0;
	return n;
}

/* A span that is all digits, 1 to max of them. */
static bool
span_num(const char *s, size_t n, size_t max, int *val)
{
	const char *p = s;

	if (n == 0 || n > max)
		return false;
	return (size_t)scan_num(&p, val) == n;
}

static void
skip_spaces(const char **pp)
{
	while (is_space(**pp))
		(*pp)++;
}

static int
two_digit_year(int yy)
{
	/* RFC 2822 section 4.3: 00-49 are 2000-2049, 50-99 are 1950-1999. */
	return yy < 50 ? 2000 + yy : 1900 + yy;
}

static bool
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's method). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Sets month and day from a day of the year (1-based). */
static bool
set_ordinal(struct date_fields *f, int yday)
{
	int m;

	if (yday < 1 || yday > (is_leap(f->year) ? 366 : 365))
		return false;
	for (m = 1; yday > days_in_month(f->year, m); m++)
		yday -= days_in_month(f->year, m);
	f->month = m;
	f->day = yday;
	return true;
}

/* Checks ranges, applies AM/PM and the zone (else dflt), and converts to UTC seconds. */
static bool
fields_to_time(struct date_fields *f, int dflt, int64_t *out)
{
	if (f->year < 1900 || f->year > 9999 || f->month < 1 || f->month > 12)
		return false;
	if (f->day < 1 || f->day > days_in_month(f->year, f->month))
		return false;
	if (f->ampm) {
		if (f->hour < 1 || f->hour > 12)
			return false;
		f->hour = f->hour % 12 + (f->ampm == 2 ? 12 : 0);
	}
	if (f->hour > 23 || f->minute > 59 || f->second > 60)
		return false;
	int offset = f->offset != OFFSET_NONE ? f->offset
		: f->implied_offset != OFFSET_NONE ? f->implied_offset : dflt;
	*out = days_from_civil(f->year, f->month, f->day) * 86400
		+ f->hour * 3600 + f->minute * 60 + f->second
		- (int64_t)offset * 60;
	return true;
}

/* ---- zones ---- */

/* "+hh", "+hhmm", "+hh:mm", "+h" (after GMT/UTC) over a whole span. */
static bool
parse_numeric_offset(const char *s, size_t n, bool short_ok, int *off)
{
	int sign = s[0] == '-' ? -1 : 1;
	int h = 0, m = 0, v;
	const char *colon;

	if (n < 2 || (s[0] != '+' && s[0] != '-'))
		return false;
	s++;
	n--;
	colon = memchr(s, ':', n);
	if (colon) {
		size_t hn = (size_t)(colon - s);
		if (!span_num(s, hn, 2, &h) || (hn == 1 && !short_ok)
		    || n - hn - 1 != 2 || !span_num(colon + 1, 2, 2, &m))
			return false;
	} else if (span_num(s, n, 4, &v) && n == 4) {
		h = v / 100;
		m = v % 100;
	} else if (span_num(s, n, 2, &v) && (n == 2 || short_ok)) {
		h = v;
	} else {
		return false;
	}
	if (m > 59 || h * 60 + m > OFFSET_MAX)
		return false;
	*off = sign * (h * 60 + m);
	return true;
}

static bool
zone_by_name(const char *s, size_t n, int *off)
{
	size_t i;

	for (i = 0; i < sizeof zone_names / sizeof zone_names[0]; i++)
		if (span_eq(s, n, zone_names[i].name)) {
			*off = zone_names[i].value;
			return true;
		}
	/*
	 * Military letters with RFC 822's signs (A is -1, N is +1), as
	 * feedparser reads them; J is not a zone.
	 */
	if (n == 1 && is_alpha(s[0]) && to_lower(s[0]) != 'j') {
		char c = to_lower(s[0]);
		if (c == 'z')
			*off = 0;
		else if (c <= 'i')
			*off = -60 * (c - 'a' + 1);
		else if (c <= 'm')
			*off = -60 * (c - 'a');
		else
			*off = 60 * (c - 'n' + 1);
		return true;
	}
	return false;
}

/*
 * A time zone over a whole span: "Z", "+0530", "-05:00", "GMT", "EST",
 * "GMT+0200", "UTC+8", "Etc/GMT". Anything else fails.
 */
static bool
parse_zone(const char *s, size_t n, int *off)
{
	static const char *const utc_prefixes[] = {"gmt", "utc", "ut"};
	size_t i;

	if (n == 0 || n > 16)
		return false;
	if (n > 4 && span_eq(s, 4, "etc/"))
		return (span_eq(s + 4, n - 4, "gmt") || span_eq(s + 4, n - 4, "utc")
			|| span_eq(s + 4, n - 4, "uct")) && (*off = 0, true);
	if (s[0] == '+' || s[0] == '-')
		return parse_numeric_offset(s, n, false, off);
	for (i = 0; i < 3; i++) {
		size_t pn = strlen(utc_prefixes[i]);
		if (n > pn + 1 && span_eq(s, pn, utc_prefixes[i])
		    && (s[pn] == '+' || s[pn] == '-'))
			return parse_numeric_offset(s + pn, n - pn, true, off);
	}
	return zone_by_name(s, n, off);
}

/* ---- names ---- */

static size_t
strip_dot(const char *s, size_t n)
{
	return n > 1 && s[n - 1] == '.' ? n - 1 : n;
}

/* English month: "Jan", "Jan.", "January", "Sept"; or a Greek one. 0 if none. */
static int
month_from_word(const char *s, size_t n)
{
	size_t i;

	n = strip_dot(s, n);
	for (i = 0; i < 12; i++) {
		char abbr[4] = {month_names[i][0], month_names[i][1], month_names[i][2], 0};
		if (span_eq(s, n, abbr) || (n > 3 && span_eq(s, n, month_names[i])))
			return (int)i + 1;
	}
	if (span_eq(s, n, "sept"))
		return 9;
	for (i = 0; i < sizeof greek_months / sizeof greek_months[0]; i++)
		if (strlen(greek_months[i].name) == n
		    && memcmp(s, greek_months[i].name, n) == 0)
			return greek_months[i].value;
	return 0;
}

/* "Mon", "Mon.", "Monday", "Tues", "Thurs", or a Greek abbreviation. */
static bool
is_weekday(const char *s, size_t n)
{
	size_t i;

	n = strip_dot(s, n);
	for (i = 0; i < 7; i++) {
		char abbr[4] = {day_names[i][0], day_names[i][1], day_names[i][2], 0};
		if (span_eq(s, n, abbr) || span_eq(s, n, day_names[i]))
			return true;
	}
	if (span_eq(s, n, "tues") || span_eq(s, n, "thur") || span_eq(s, n, "thurs"))
		return true;
	for (i = 0; i < 7; i++)
		if (strlen(greek_days[i]) == n && memcmp(s, greek_days[i], n) == 0)
			return true;
	return false;
}

static int
hungarian_month(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof hungarian_months / sizeof hungarian_months[0]; i++)
		if (strlen(hungarian_months[i].name) == n
		    && memcmp(s, hungarian_months[i].name, n) == 0)
			return hungarian_months[i].value;
	return 0;
}

/* "AM", "PM", "a.m.", "p.m." → 1 or 2; 0 if not one. */
static int
ampm_from_word(const char *s, size_t n)
{
	if (span_eq(s, n, "am") || span_eq(s, n, "a.m."))
		return 1;
	if (span_eq(s, n, "pm") || span_eq(s, n, "p.m."))
		return 2;
	return 0;
}

/* ---- time of day ---- */

/*
 * "h:mm", "hh:mm:ss", "hh:mm:ss.frac" at *pp; with `compact`, also "hhmm"
 * and "hhmmss". Advances past what it read.
 */
static bool
scan_time(const char **pp, bool compact, struct date_fields *f)
{
	const char *p = *pp;
	int v, n = scan_num(&p, &v);

	if (compact && (n == 4 || n == 6)) {
		f->hour = n == 4 ? v / 100 : v / 10000;
		f->minute = n == 4 ? v % 100 : v / 100 % 100;
		f->second = n == 6 ? v % 100 : 0;
	} else {
		if (n < 1 || n > 2 || *p != ':')
			return false;
		f->hour = v;
		p++;
		if (scan_num(&p, &f->minute) != 2)
			return false;
		if (*p == ':') {
			p++;
			if (scan_num(&p, &f->second) != 2)
				return false;
		}
	}
	if ((*p == '.' || *p == ',') && is_digit(p[1])) {
		p++;
		scan_num(&p, &v);	/* fractions of a second are dropped */
	}
	*pp = p;
	return true;
}

/* After a time: optional AM/PM, optional zone, then the end of the string. */
static bool
parse_time_tail(const char *p, struct date_fields *f)
{
	const char *w;

	skip_spaces(&p);
	w = p;
	while (is_alpha(*w) || *w == '.')
		w++;
	if (w > p && ampm_from_word(p, (size_t)(w - p))) {
		f->ampm = ampm_from_word(p, (size_t)(w - p));
		p = w;
		skip_spaces(&p);
	}
	if (*p == '\0')
		return true;
	return parse_zone(p, strlen(p), &f->offset);
}

/* ---- ISO 8601 and numeric garbage ---- */

/* "2004년 05월 28일" after the year: Korean blogs, implying KST. */
static bool
iso_korean_date(const char **pp, struct date_fields *f)
{
	const char *p = *pp + strlen(KO_YEAR);

	skip_spaces(&p);
	if (scan_num(&p, &f->month) < 1 || !starts_with(p, KO_MONTH))
		return false;
	p += strlen(KO_MONTH);
	skip_spaces(&p);
	if (scan_num(&p, &f->day) < 1 || !starts_with(p, KO_DAY))
		return false;
	*pp = p + strlen(KO_DAY);
	f->implied_offset = KST_OFFSET;
	return true;
}

/* "2004-július-13": Hungarian month name between hyphens. */
static bool
iso_hungarian_date(const char **pp, struct date_fields *f)
{
	const char *p = *pp, *dash = strchr(p, '-');

	if (!dash || !(f->month = hungarian_month(p, (size_t)(dash - p))))
		return false;
	p = dash + 1;
	if (scan_num(&p, &f->day) < 1 || p - dash - 1 > 2)
		return false;
	*pp = p;
	return true;
}

/* The rest of a date after a four-digit year and the separator at *pp. */
static bool
iso_after_year(const char **pp, struct date_fields *f, bool *date_only)
{
	const char *p = *pp;
	char sep = *p;
	int v, n;

	if (sep == '\0') {	/* "2003" */
		f->month = f->day = 1;
		*date_only = true;
		return true;
	}
	if (starts_with(p, KO_YEAR))
		return iso_korean_date(pp, f);
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	p++;
	if (sep == '-' && !is_digit(*p)) {
		*pp = p;
		return iso_hungarian_date(pp, f);
	}
	n = scan_num(&p, &v);
	if (sep == '-' && n == 3 && *p != '-') {	/* "2003-335" */
		*pp = p;
		return set_ordinal(f, v);
	}
	if (n < 1 || n > (sep == '-' ? 3 : 2))
		return false;
	f->month = v;
	if (*p != sep) {	/* "2003-12": year and month */
		f->day = 1;
		*date_only = true;
		*pp = p;
		return sep == '-' && *p == '\0';
	}
	p++;
	n = scan_num(&p, &f->day);
	*pp = p;
	return n >= 1 && n <= 2;
}

/*
 * "31.12.2003", "31-12-2003", "1/31/2003": day and month before a four-digit
 * year. Dots are day-first (only Europe writes them); with slashes and
 * hyphens the order is known only when one of the two is above 12, otherwise
 * the date fails. "03-12-31" is a two-digit-year ISO date.
 */
static bool
iso_day_first(const char **pp, int first, int first_len, struct date_fields *f)
{
	const char *p = *pp;
	char sep = *p;
	int second, third, n2, n3;

	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	p++;
	n2 = scan_num(&p, &second);
	if (n2 < 1 || n2 > 2 || *p != sep)
		return false;
	p++;
	n3 = scan_num(&p, &third);
	*pp = p;
	if (n3 == 2 && sep == '-' && first_len == 2 && n2 == 2) {
		f->year = two_digit_year(first);
		f->month = second;
		f->day = third;
		return true;
	}
	if (n3 != 4)
		return false;
	f->year = third;
	if (sep != '.' && first <= 12 && second <= 12 && first != second)
		return false;	/* 1/10/2020: January or October? */
	bool month_first = sep != '.' && first <= 12 && second > 12;
	f->month = month_first ? first : second;
	f->day = month_first ? second : first;
	return true;
}

/* "-0312", "-03-12": ISO 8601:1988 truncated year-month. */
static bool
iso_truncated(const char **pp, struct date_fields *f, bool *date_only)
{
	const char *p = *pp + 1;
	int v, n = scan_num(&p, &v);

	if (n == 4) {
		f->year = two_digit_year(v / 100);
		f->month = v % 100;
	} else if (n == 2 && *p == '-') {
		f->year = two_digit_year(v);
		p++;
		if (scan_num(&p, &f->month) != 2)
			return false;
	} else {
		return false;
	}
	f->day = 1;
	*date_only = true;
	*pp = p;
	return *p == '\0';
}

/* The date part of an ISO-like string. Sets *compact for "20031231". */
static bool
iso_date(const char **pp, struct date_fields *f, bool *compact, bool *date_only)
{
	const char *p = *pp;
	int v, n;

	if (*p == '-')
		return iso_truncated(pp, f, date_only);
	n = scan_num(&p, &v);
	*pp = p;
	switch (n) {
	case 4:
		f->year = v;
		return iso_after_year(pp, f, date_only);
	case 8:			/* 20031231 */
	case 6:			/* 031231 */
		f->year = n == 8 ? v / 10000 : two_digit_year(v / 10000);
		f->month = v / 100 % 100;
		f->day = v % 100;
		*compact = true;
		return true;
	case 7:			/* 2003335 */
		f->year = v / 1000;
		*compact = true;
		return set_ordinal(f, v % 1000);
	case 1:
	case 2:
		return iso_day_first(pp, v, n, f);
	default:
		return false;
	}
}

/* ISO 8601 / RFC 3339 and the numeric forms feeds write. */
static bool
parse_iso(const char *s, struct date_fields *f)
{
	const char *p = s;
	bool compact = false, date_only = false;

	if (!iso_date(&p, f, &compact, &date_only))
		return false;
	if (*p == '\0')
		return true;
	if (date_only)
		return false;
	if (*p == 'T' || *p == 't') {
		p++;
	} else if (is_space(*p)) {
		skip_spaces(&p);
		if (starts_with(p, KO_AM) || starts_with(p, KO_PM)) {
			f->ampm = starts_with(p, KO_AM) ? 1 : 2;
			f->implied_offset = KST_OFFSET;
			p += strlen(KO_AM);
			skip_spaces(&p);
		} else if (ampm_from_word(p, 2) && is_space(p[2])) {
			f->ampm = ampm_from_word(p, 2);	/* "pm 08:30": a CJK 下午 translated */
			p += 2;
			skip_spaces(&p);
		}
	} else {
		return false;
	}
	if (!scan_time(&p, compact, f))
		return false;
	return parse_time_tail(p, f);
}

/* ---- RFC 822 and its relatives, token by token ---- */

/*
 * Splits at spaces and commas. "30-Apr-2015" becomes three tokens. Returns
 * the number of tokens, or -1 when there are too many.
 */
static int
tokenize(const char *s, struct token *tok)
{
	int n = 0;

	while (*s) {
		while (is_space(*s) || *s == ',')
			s++;
		if (!*s)
			break;
		const char *start = s;
		while (*s && !is_space(*s) && *s != ',')
			s++;
		if (n == DATE_MAX_TOKENS)
			return -1;
		tok[n++] = (struct token){start, (size_t)(s - start)};
	}
	return n;
}

/* "30-Apr-2015" or "30-Apr-15" as the first token: splits it in three. */
static int
split_dashed_date(struct token *tok, int n)
{
	const char *s = tok[0].s, *end = s + tok[0].n;
	const char *d1 = memchr(s, '-', tok[0].n), *d2;

	if (n + 2 > DATE_MAX_TOKENS || !d1 || !is_digit(s[0]))
		return n;
	d2 = memchr(d1 + 1, '-', (size_t)(end - d1 - 1));
	if (!d2 || !is_alpha(d1[1]))
		return n;
	memmove(tok + 3, tok + 1, (size_t)(n - 1) * sizeof *tok);
	tok[0].n = (size_t)(d1 - s);
	tok[1] = (struct token){d1 + 1, (size_t)(d2 - d1 - 1)};
	tok[2] = (struct token){d2 + 1, (size_t)(end - d2 - 1)};
	return n + 2;
}

static bool
tok_year(const struct token *t, int *year)
{
	int v;

	if (t->n == 4 && span_num(t->s, 4, 4, &v))
		*year = v;
	else if (t->n == 2 && span_num(t->s, 2, 2, &v))
		*year = two_digit_year(v);
	else
		return false;
	return true;
}

static bool
tok_day(const struct token *t, int *day)
{
	return span_num(t->s, t->n, 2, day);
}

/* A time token, possibly with a zone glued on ("10:00:00Z", "10:00+0100"). */
static bool
tok_time(const struct token *t, struct date_fields *f)
{
	char buf[DATE_MAX_LEN + 1];
	const char *p = buf;
	struct date_fields g = *f;

	memcpy(buf, t->s, t->n);
	buf[t->n] = '\0';
	if (!scan_time(&p, false, &g))
		return false;
	if (*p != '\0' && !parse_zone(p, strlen(p), &g.offset))
		return false;
	*f = g;
	return true;
}

/* After the date: [time [AM|PM]] [zone], nothing else. */
static bool
rfc_rest(const struct token *tok, int i, int n, struct date_fields *f)
{
	if (i < n && tok_time(&tok[i], f)) {
		i++;
		if (i < n && (f->ampm = ampm_from_word(tok[i].s, tok[i].n)))
			i++;
	}
	if (i < n && f->offset == OFFSET_NONE && parse_zone(tok[i].s, tok[i].n, &f->offset))
		i++;
	return i == n;
}

static bool
parse_rfc822(const char *s, struct date_fields *f)
{
	struct token tok[DATE_MAX_TOKENS];
	int n = tokenize(s, tok);

	if (n < 3)
		return false;
	n = split_dashed_date(tok, n);
	if (n < 3)
		return false;
	/* 16 Dec 2012 [time] [zone] */
	if (tok_day(&tok[0], &f->day) && (f->month = month_from_word(tok[1].s, tok[1].n)))
		return tok_year(&tok[2], &f->year) && rfc_rest(tok, 3, n, f);
	if (!(f->month = month_from_word(tok[0].s, tok[0].n)) || !tok_day(&tok[1], &f->day))
		return false;
	/* Dec 16 2012 [time] [zone] (JavaScript, "December 16, 2012") */
	if (tok_year(&tok[2], &f->year) && tok[2].n == 4)
		return rfc_rest(tok, 3, n, f);
	/* Dec 16 11:47:32 [zone] 2012 (asctime, Twitter) */
	if (n < 4 || !tok_year(&tok[n - 1], &f->year) || tok[n - 1].n != 4)
		return false;
	return tok[2].n > 0 && is_digit(tok[2].s[0]) && rfc_rest(tok, 2, n - 1, f);
}

/* ---- entry points ---- */

/*
 * Copies s without surrounding blanks and without a trailing "(comment)"
 * such as "+0000 (UTC)". False when it is empty or too long to be a date.
 */
static bool
prepare(const char *s, char *buf)
{
	size_t n;

	while (is_space(*s))
		s++;
	n = strnlen(s, DATE_MAX_LEN + 1);
	if (n > DATE_MAX_LEN)
		return false;
	memcpy(buf, s, n);
	while (n > 0 && is_space(buf[n - 1]))
		n--;
	if (n > 0 && buf[n - 1] == ')') {
		char *open = memchr(buf, '(', n);
		if (open && open > buf) {
			n = (size_t)(open - buf);
			while (n > 0 && is_space(buf[n - 1]))
				n--;
		}
	}
	buf[n] = '\0';
	return n > 0;
}

/* A leading weekday ("Thu, ", "Thursday ", "Fri,"): where the date starts. */
static const char *
skip_weekday(const char *s)
{
	const char *p = s;

	while (*p && !is_space(*p) && *p != ',')
		p++;
	if (p == s || !*p || !is_weekday(s, (size_t)(p - s)))
		return s;
	while (is_space(*p) || *p == ',')
		p++;
	return p;
}

static void
fields_init(struct date_fields *f)
{
	memset(f, 0, sizeof *f);
	f->offset = OFFSET_NONE;
	f->implied_offset = OFFSET_NONE;
}

/* The English and numeric forms; zone as date_parse_in. */
static bool
parse_plain(const char *buf, int dflt, int64_t *out, int *zone)
{
	const char *rest = skip_weekday(buf);
	struct date_fields f;

	fields_init(&f);
	if (!parse_iso(rest, &f) || !fields_to_time(&f, dflt, out)) {
		fields_init(&f);
		if (!parse_rfc822(rest, &f) || !fields_to_time(&f, dflt, out))
			return false;
	}
	if (zone)
		*zone = f.offset != OFFSET_NONE ? f.offset : f.implied_offset != OFFSET_NONE
			? f.implied_offset : DATE_NO_ZONE;
	return true;
}

bool
date_parse_in(const char *s, int dflt, int64_t *out, int *zone)
{
	char buf[DATE_MAX_LEN + 1], en[DATE_MAX_LEN + 1];

	if (!s || !out || !prepare(s, buf))
		return false;
	if (dflt < -OFFSET_MAX || dflt > OFFSET_MAX)
		dflt = 0;
	if (parse_plain(buf, dflt, out, zone))
		return true;
	/* another language's names, or CJK forms: said in English, and tried again */
	return date_translate(buf, en) && parse_plain(en, dflt, out, zone);
}

bool
date_parse(const char *s, int64_t *out)
{
	return date_parse_in(s, 0, out, NULL);
}

/* Writes v as exactly `width` decimal digits (v >= 0). */
static void
put_digits(char *o, int v, int width)
{
	while (width-- > 0) {
		o[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
date_format_iso(int64_t t, char *out, size_t outlen)
{
	int64_t days = t / 86400, secs = t % 86400, year;
	int month, day;

	if (!out || outlen == 0)
		return;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &year, &month, &day);
	if (year < 0 || year > 9999 || outlen < 21) {
		snprintf(out, outlen, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)year,
			 month, day, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
		return;
	}
	/* the common case by hand: snprintf was most of `byline parse`'s date cost */
	put_digits(out, (int)year, 4);
	out[4] = '-';
	put_digits(out + 5, month, 2);
	out[7] = '-';
	put_digits(out + 8, day, 2);
	out[10] = 'T';
	put_digits(out + 11, (int)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (int)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (int)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}
