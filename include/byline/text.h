/* Terminal text: cleaning untrusted UTF-8, display width, truncation, wrapping. */
#ifndef BYLINE_TEXT_H
#define BYLINE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "byline/buf.h"

/*
 * Widths are what ncursesw uses: the sum of libc wcwidth() over the code
 * points (doc/TEXT.md). That needs a UTF-8 LC_CTYPE. text_init() checks the
 * current one and, when it is not UTF-8 (e.g. the "C" locale of a test or
 * a cron job), switches LC_CTYPE alone to "C.UTF-8" (glibc >= 2.35 has it
 * built in). Every function below calls it on first use, so calling it is
 * optional; call it after setlocale(LC_ALL, "") to make the choice early.
 * Returns false when no UTF-8 LC_CTYPE could be had (widths of non-ASCII
 * text are then guesses: 1 per code point).
 */
bool text_init(void);

/*
 * Emoji policy (doc/TEXT.md). SAFE drops VS15/VS16 after an emoji, skin-tone
 * modifiers after a modifier base and ZWJ between two pictographs, so that
 * libc, ncurses and every terminal agree on widths; flags and ZWJ/ZWNJ
 * inside words are kept. In bodies (text_clean) a dropped ZWJ leaves a
 * WORD JOINER so the pictographs stay on one line; the wrapper never prints
 * it. PASSTHROUGH keeps sequences intact.
 */
enum text_emoji {
	TEXT_EMOJI_SAFE = 0,
	TEXT_EMOJI_PASSTHROUGH,
};

/* Parses "safe" / "passthrough"; false (and *out untouched) otherwise. */
bool text_emoji_parse(const char *s, enum text_emoji *out);

/*
 * Cleaning of untrusted text (any bytes in, valid UTF-8 out):
 * - invalid UTF-8, NUL, C0 controls, DEL, C1 controls (ESC included) and
 *   code points with wcwidth() == -1 become U+FFFD (width 1, visible:
 *   escape sequences are shown, not obeyed);
 * - soft hyphen, BOM (U+FEFF) and bidi controls (U+061C, U+200E/F,
 *   U+202A-E, U+2066-9) are dropped;
 * - the emoji policy is applied.
 *
 * text_clean keeps "\n" and "\t" (bodies; "\r\n" and lone "\r" become
 * "\n"). text_clean_line is for single-line fields (titles, authors, feed
 * names, URLs shown on screen): "\t", "\n", "\r", "\v", "\f" become a
 * space ("\r\n" one space), and U+200B/U+2060 are dropped too.
 *
 * `n` is the length in bytes of `s` (s need not be NUL-terminated; NULL
 * with n == 0 is the empty string). The result is a new NUL-terminated
 * string owned by the caller (free with free()); never NULL.
 */
char *text_clean(const char *s, size_t n, enum text_emoji emoji);
char *text_clean_line(const char *s, size_t n, enum text_emoji emoji);
/* The same, appended to a buffer. */
void text_clean_append(struct buf *out, const char *s, size_t n, enum text_emoji emoji,
		       bool single_line);

/*
 * The two other rule sets, for text that is stored or reported rather
 * than drawn (drawing cleans it again with the functions above). Both
 * append s (len bytes, any bytes) to b with invalid UTF-8 as one U+FFFD
 * per byte that starts no valid sequence.
 *
 * text_clean_feed_append is the feed parser's: C1 controls become the
 * windows-1252 characters they were meant as (a mislabelled feed), other
 * controls U+FFFD, so that something visibly stood there. One line
 * (multiline false): tab, LF and CR become spaces, bidi controls are
 * dropped. Several lines (bodies): tab and LF kept, CR becomes LF, bidi
 * controls kept (HTML bodies may need them).
 *
 * text_clean_message_append is for one line of a message or status
 * (errors naming a file, a URL, a token from a config line): tabs,
 * newlines, every other C0 and C1 control and DEL become spaces, bidi
 * controls are dropped.
 */
void text_clean_feed_append(struct buf *b, const char *s, size_t len, bool multiline);
void text_clean_message_append(struct buf *b, const char *s, size_t len);

/* The windows-1252 character for a C1 control c (0x80..0x9f); 0 where it has none. */
unsigned text_cp1252(unsigned c);

/*
 * Display width in terminal columns of a NUL-terminated string: sum of
 * wcwidth(). On text that was not cleaned it counts what cleaning would
 * show: 1 per invalid byte or control character, 0 for dropped ones.
 * text_width_n takes a length in bytes instead.
 */
int text_width(const char *s);
int text_width_n(const char *s, size_t n);
/*
 * Where the last grapheme cluster (UAX #29) of the valid UTF-8 text s (len
 * bytes) starts: what a Backspace takes away whole. 0 for an empty text.
 */
size_t text_last_cluster(const char *s, size_t len);

/*
 * The longest prefix of whole grapheme clusters (UAX #29) of `s` that fits
 * in `cols` columns, padded with spaces to exactly `cols` columns. `s` is
 * cleaned for one line first (text_clean_line, emoji policy as given), so
 * anything may be passed. A wide character that does not fit is left out
 * and replaced by padding, never half drawn. cols <= 0 gives "". Returns a
 * new string owned by the caller (free with free()).
 */
char *text_truncate(const char *s, int cols, enum text_emoji emoji);
/* The same, appended to a buffer (`s` of n bytes). */
void text_truncate_append(struct buf *out, const char *s, size_t n, int cols,
			  enum text_emoji emoji);

/*
 * The length of the longest prefix of `s` (n bytes of valid UTF-8) that
 * is at most `max` bytes and ends between two grapheme clusters: for names
 * with a limit in bytes (file names). n when it fits already.
 */
size_t text_cut_bytes(const char *s, size_t n, size_t max);

/*
 * Wrapping (doc/TEXT.md): greedy filling over UAX #14 break opportunities
 * (libunistring u8_possible_linebreaks), kept only where they are also
 * grapheme-cluster boundaries. A piece fits if the line width plus its
 * width without trailing spaces fits `width`; "\n" ends a line; a piece
 * wider than the line starts a new line and is split at cluster
 * boundaries. `s` must be clean (text_clean) UTF-8.
 *
 * One wrapped line: the bytes [start, end) of the input, trailing spaces
 * and the newline excluded; `width` is its display width.
 */
struct text_line {
	size_t start;
	size_t end;
	int width;
};

/*
 * Wraps `s` (n bytes) to `width` columns (at least 1). Sets *lines to a new
 * array (owned by the caller, free with free()) and returns its length;
 * empty input gives 0 lines, "\n" alone gives one empty line.
 */
size_t text_wrap(const char *s, size_t n, int width, struct text_line **lines);

/*
 * Appends the visible form of wrapped text: U+00A0 printed as a space,
 * U+200B and U+2060 (break opportunity, word joiner) left out.
 */
void text_append_visible(struct buf *out, const char *s, size_t n);
/* Whether text_append_visible would append s unchanged (no U+00A0, U+200B, U+2060). */
bool text_is_visible(const char *s, size_t n);

/*
 * Wraps `s` (any bytes: cleaned first, "\n" kept) into `width` columns and
 * returns the lines joined with "\n", each line prefixed: `first` on the
 * first line, `rest` on the others (NULL = ""); the prefixes' widths are
 * taken off the width, as for quotes and hanging indents. Each line ends
 * with "\n" and carries no trailing spaces. Owned by the caller.
 */
char *text_wrap_string(const char *s, size_t n, int width, const char *first,
		       const char *rest, enum text_emoji emoji);

/*
 * Appends `s` (clean, one line) with tabs expanded to 8-column stops by
 * display width, starting at column `col`; returns the column reached.
 */
int text_expand_tabs(struct buf *out, const char *s, size_t n, int col);

#endif
