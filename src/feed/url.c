/* URL reference resolution per RFC 3986 section 5, for links found in feeds. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byline/buf.h"
#include "byline/mem.h"
#include "byline/url.h"

/* A URI reference split as RFC 3986 appendix B does; spans into one string. */
struct url_parts {
	const char *scheme, *auth, *path, *query, *frag;
	size_t scheme_n, auth_n, path_n, query_n, frag_n;
	bool has_scheme, has_auth, has_query, has_frag;
};

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_scheme_char(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/*
 * Copies s without leading and trailing C0 controls and spaces and without
 * tabs and newlines inside, as browsers do: feeds wrap long links.
 */
static char *
clean_copy(const char *s)
{
	size_t n = strlen(s), i, j = 0;
	char *out;

	while (n > 0 && (unsigned char)s[n - 1] <= ' ')
		n--;
	while (n > 0 && (unsigned char)*s <= ' ') {
		s++;
		n--;
	}
	out = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			out[j++] = s[i];
	out[j] = '\0';
	return out;
}

/* The scheme, if s starts with a valid one followed by ':'. */
static size_t
scheme_len(const char *s)
{
	size_t i;

	if (!is_alpha(s[0]))
		return 0;
	for (i = 1; is_scheme_char(s[i]); i++)
		;
	return s[i] == ':' ? i : 0;
}

static void
split_url(const char *s, struct url_parts *u)
{
	size_t n;

	memset(u, 0, sizeof *u);
	if ((n = scheme_len(s))) {
		u->has_scheme = true;
		u->scheme = s;
		u->scheme_n = n;
		s += n + 1;
	}
	if (s[0] == '/' && s[1] == '/') {
		s += 2;
		u->has_auth = true;
		u->auth = s;
		u->auth_n = strcspn(s, "/?#");
		s += u->auth_n;
	}
	u->path = s;
	u->path_n = strcspn(s, "?#");
	s += u->path_n;
	if (*s == '?') {
		u->has_query = true;
		u->query = ++s;
		u->query_n = strcspn(s, "#");
		s += u->query_n;
	}
	if (*s == '#') {
		u->has_frag = true;
		u->frag = s + 1;
		u->frag_n = strlen(s + 1);
	}
}

static bool
has_prefix(const char *p, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(end - p) >= n && memcmp(p, prefix, n) == 0;
}

static bool
is_exactly(const char *p, const char *end, const char *s)
{
	return (size_t)(end - p) == strlen(s) && memcmp(p, s, strlen(s)) == 0;
}

/*
 * Drops the last segment and its '/' from the path written to out since
 * `base` (RFC 3986 5.2.4 step C); what precedes the path stays.
 */
static void
pop_segment(struct buf *out, size_t base)
{
	size_t n = out->len;

	while (n > base && out->data[n - 1] != '/')
		n--;
	buf_truncate(out, n > base ? n - 1 : base);
}

/*
 * RFC 3986 section 5.2.4, appending the result to out. Works on a private
 * copy because two of its steps rewrite the input's first characters; each
 * step consumes input, so the work is linear.
 */
static void
remove_dot_segments(const char *path, size_t n, struct buf *out)
{
	char *in = xstrndup(path, n);
	char *p = in, *end = in + n;
	size_t base = out->len;

	while (p < end) {
		if (has_prefix(p, end, "../")) {
			p += 3;
		} else if (has_prefix(p, end, "./")) {
			p += 2;
		} else if (has_prefix(p, end, "/./")) {
			p += 2;
		} else if (is_exactly(p, end, "/.")) {
			p += 1;
			*p = '/';
		} else if (has_prefix(p, end, "/../")) {
			p += 3;
			pop_segment(out, base);
		} else if (is_exactly(p, end, "/..")) {
			p += 2;
			*p = '/';
			pop_segment(out, base);
		} else if (is_exactly(p, end, ".") || is_exactly(p, end, "..")) {
			p = end;
		} else {
			char *q = p + 1;
			while (q < end && *q != '/')
				q++;
			buf_append(out, p, (size_t)(q - p));
			p = q;
		}
	}
	free(in);
}

/* Base path minus its last segment, plus the reference's path (5.2.3). */
static void
merge_paths(const struct url_parts *b, const struct url_parts *r, struct buf *out)
{
	struct buf merged = {0};

	if (b->has_auth && b->path_n == 0) {
		buf_putc(&merged, '/');
	} else {
		size_t keep = b->path_n;
		while (keep > 0 && b->path[keep - 1] != '/')
			keep--;
		buf_append(&merged, b->path, keep);
	}
	buf_append(&merged, r->path, r->path_n);
	remove_dot_segments(merged.data, merged.len, out);
	buf_free(&merged);
}

static void
put_authority(struct buf *out, const struct url_parts *u)
{
	if (u->has_auth) {
		buf_puts(out, "//");
		buf_append(out, u->auth, u->auth_n);
	}
}

static void
put_query(struct buf *out, const struct url_parts *u)
{
	if (u->has_query) {
		buf_putc(out, '?');
		buf_append(out, u->query, u->query_n);
	}
}

/* Authority, path and query of the target, from section 5.2.2. */
static void
resolve_relative(const struct url_parts *b, const struct url_parts *r, struct buf *out)
{
	if (r->has_auth) {
		put_authority(out, r);
		remove_dot_segments(r->path, r->path_n, out);
		put_query(out, r);
		return;
	}
	put_authority(out, b);
	if (r->path_n == 0) {
		buf_append(out, b->path, b->path_n);
		put_query(out, r->has_query ? r : b);
		return;
	}
	if (r->path[0] == '/')
		remove_dot_segments(r->path, r->path_n, out);
	else
		merge_paths(b, r, out);
	put_query(out, r);
}

static char *
resolve(const char *base, const char *ref)
{
	struct url_parts b, r;
	struct buf out = {0};

	split_url(base, &b);
	split_url(ref, &r);
	if (r.has_scheme) {
		buf_append(&out, r.scheme, r.scheme_n + 1);
		put_authority(&out, &r);
		/*
		 * Opaque paths (data:, mailto:, javascript:) are not hierarchical:
		 * their slashes are data, so they are kept as written, as browsers do.
		 */
		if (r.has_auth || (r.path_n > 0 && r.path[0] == '/'))
			remove_dot_segments(r.path, r.path_n, &out);
		else
			buf_append(&out, r.path, r.path_n);
		put_query(&out, &r);
	} else {
		if (b.has_scheme)
			buf_append(&out, b.scheme, b.scheme_n + 1);
		resolve_relative(&b, &r, &out);
	}
	if (r.has_frag) {
		buf_putc(&out, '#');
		buf_append(&out, r.frag, r.frag_n);
	}
	return buf_steal(&out);
}

char *
url_resolve(const char *base, const char *ref)
{
	char *b, *r, *res;

	r = ref ? clean_copy(ref) : NULL;
	b = base ? clean_copy(base) : NULL;
	if (!r || !*r) {
		/* An empty reference is the base itself, without its fragment. */
		res = b && *b ? xstrndup(b, strcspn(b, "#")) : NULL;
	} else if (!b || !*b) {
		res = scheme_len(r) ? resolve("", r) : xstrdup(r);
	} else {
		res = resolve(b, r);
	}
	free(b);
	free(r);
	return res;
}

enum url_kind
url_kind(const char *url)
{
	size_t n = scheme_len(url);

	if (!n)
		return URL_NO_SCHEME;
	if ((n == 4 && !strncasecmp(url, "http", 4)) || (n == 5 && !strncasecmp(url, "https", 5)))
		return URL_WEB;
	if (n == 6 && !strncasecmp(url, "mailto", 6))
		return URL_MAILTO;
	return URL_REFUSED;
}

const char *
url_feed_problem(const char *url, bool allow_file)
{
	const char *p, *host;
	size_t n = strlen(url);

	if (n == 0)
		return "the URL is empty";
	if (n > 4096)
		return "the URL is longer than 4096 bytes";
	for (p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return "the URL holds a blank or control character (write spaces as %20)";
	if (!strncasecmp(url, "http://", 7))
		host = url + 7;
	else if (!strncasecmp(url, "https://", 8))
		host = url + 8;
	else if (allow_file && !strncasecmp(url, "file://", 7))
		return url[7] == '/' ? NULL : "a file URL needs an absolute path (file:///path)";
	else
		return allow_file ? "only http, https and file URLs can be feeds"
				  : "only http and https URLs can be feeds";
	if (!*host || *host == '/' || *host == '?' || *host == '#')
		return "the URL has no host";
	return NULL;
}
