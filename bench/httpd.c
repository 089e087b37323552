/* A small, fast static HTTP/1.1 server for the refresh bench, so the server is not what gets timed. */
/*
 * usage: httpd DIR PORTFILE
 * Serves every regular file of DIR (read into memory at start) as /NAME on
 * 127.0.0.1 at a free port, written to PORTFILE. Keep-alive, ETag and
 * Last-Modified, 304 for If-None-Match / If-Modified-Since. One thread,
 * poll(2). GET only; no ranges, no compression.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONN 256
#define REQ_MAX 8192

struct file {
	char name[256];
	char *data;
	size_t len;
	char etag[64];
	char date[64];
};

struct conn {
	int fd;
	char req[REQ_MAX];
	size_t reqlen;
	char head[512];
	size_t headlen, headoff;
	const char *body;
	size_t bodylen, bodyoff;
	int close_after;
};

static struct file *files;
static size_t nfiles;
static struct conn conns[MAX_CONN];

static void
load(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;
	FILE *fp;

	if (!d) {
		perror(dir);
		exit(1);
	}
	while ((e = readdir(d))) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode) || strlen(e->d_name) >= 256)
			continue;
		files = realloc(files, (nfiles + 1) * sizeof(*files));
		struct file *f = &files[nfiles++];
		snprintf(f->name, sizeof(f->name), "%s", e->d_name);
		f->len = (size_t)st.st_size;
		f->data = malloc(f->len + 1);
		fp = fopen(path, "rb");
		if (!fp || fread(f->data, 1, f->len, fp) != f->len) {
			perror(path);
			exit(1);
		}
		fclose(fp);
		snprintf(f->etag, sizeof(f->etag), "\"%lx-%lx\"", (long)st.st_size, (long)st.st_mtime);
		strftime(f->date, sizeof(f->date), "%a, %d %b %Y %H:%M:%S GMT", gmtime(&st.st_mtime));
	}
	closedir(d);
}

static struct file *
lookup(const char *name)
{
	size_t i;

	for (i = 0; i < nfiles; i++)
		if (!strcmp(files[i].name, name))
			return &files[i];
	return NULL;
}

/* The value of header `name` in the request, copied into out. */
static int
header(const char *req, const char *name, char *out, size_t n)
{
	const char *p = req;
	size_t nl = strlen(name), i;

	while ((p = strstr(p, "\r\n"))) {
		p += 2;
		if (!strncasecmp(p, name, nl) && p[nl] == ':') {
			p += nl + 1;
			while (*p == ' ')
				p++;
			for (i = 0; i + 1 < n && p[i] && p[i] != '\r'; i++)
				out[i] = p[i];
			out[i] = '\0';
			return 1;
		}
	}
	return 0;
}

static void
respond(struct conn *c)
{
	char path[512] = "", v[256];
	struct file *f;
	int code = 200;

	sscanf(c->req, "GET /%511s", path);
	c->close_after = header(c->req, "Connection", v, sizeof(v)) && !strcasecmp(v, "close");
	f = lookup(path);
	if (!f) {
		code = 404;
	} else if ((header(c->req, "If-None-Match", v, sizeof(v)) && !strcmp(v, f->etag)) ||
		   (header(c->req, "If-Modified-Since", v, sizeof(v)) && !strcmp(v, f->date))) {
		code = 304;
	}
	c->body = code == 200 ? f->data : "";
	c->bodylen = code == 200 ? f->len : 0;
	c->bodyoff = c->headoff = 0;
	c->headlen = (size_t)snprintf(c->head, sizeof(c->head),
		"HTTP/1.1 %d %s\r\nContent-Length: %zu\r\nContent-Type: application/xml\r\n"
		"%s%s%s%s%s\r\n",
		code, code == 200 ? "OK" : code == 304 ? "Not Modified" : "Not Found", c->bodylen,
		f ? "ETag: " : "", f ? f->etag : "", f ? "\r\nLast-Modified: " : "",
		f ? f->date : "", f ? "\r\n" : "");
}

static void
drop(struct conn *c)
{
	close(c->fd);
	c->fd = -1;
}

/* Reads; answers once a whole request is in. */
static void
on_read(struct conn *c)
{
	ssize_t n = read(c->fd, c->req + c->reqlen, REQ_MAX - 1 - c->reqlen);
	char *end;

	if (n <= 0) {
		if (n == 0 || errno != EAGAIN)
			drop(c);
		return;
	}
	c->reqlen += (size_t)n;
	c->req[c->reqlen] = '\0';
	end = strstr(c->req, "\r\n\r\n");
	if (!end) {
		if (c->reqlen >= REQ_MAX - 1)
			drop(c);
		return;
	}
	respond(c);
	c->reqlen = 0;	/* no pipelining from our clients */
}

static void
on_write(struct conn *c)
{
	ssize_t n;

	if (c->headoff < c->headlen) {
		n = write(c->fd, c->head + c->headoff, c->headlen - c->headoff);
		if (n < 0) {
			if (errno != EAGAIN)
				drop(c);
			return;
		}
		c->headoff += (size_t)n;
		return;
	}
	n = write(c->fd, c->body + c->bodyoff, c->bodylen - c->bodyoff);
	if (n < 0) {
		if (errno != EAGAIN)
			drop(c);
		return;
	}
	c->bodyoff += (size_t)n;
	if (c->bodyoff == c->bodylen) {
		c->headlen = c->headoff = 0;
		c->bodylen = c->bodyoff = 0;
		if (c->close_after)
			drop(c);
	}
}

static int
listen_loopback(const char *portfile)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
	FILE *fp;
	char tmp[4096];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 256)) {
		perror("bind");
		exit(1);
	}
	getsockname(s, (struct sockaddr *)&a, &al);
	snprintf(tmp, sizeof(tmp), "%s.tmp", portfile);
	fp = fopen(tmp, "w");
	fprintf(fp, "%d\n", ntohs(a.sin_port));
	fclose(fp);
	rename(tmp, portfile);
	return s;
}

int
main(int argc, char **argv)
{
	struct pollfd pfd[MAX_CONN + 1];
	int ls, i, fd, one = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: httpd DIR PORTFILE\n");
		return 1;
	}
	load(argv[1]);
	ls = listen_loopback(argv[2]);
	for (i = 0; i < MAX_CONN; i++)
		conns[i].fd = -1;
	for (;;) {
		pfd[0] = (struct pollfd){ .fd = ls, .events = POLLIN };
		for (i = 0; i < MAX_CONN; i++)
			pfd[i + 1] = (struct pollfd){ .fd = conns[i].fd,
				.events = conns[i].headlen ? POLLOUT : POLLIN };
		if (poll(pfd, MAX_CONN + 1, -1) < 0)
			continue;
		if (pfd[0].revents & POLLIN) {
			while ((fd = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
				for (i = 0; i < MAX_CONN && conns[i].fd >= 0; i++)
					;
				if (i == MAX_CONN) {
					close(fd);
					continue;
				}
				setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
				memset(&conns[i], 0, sizeof(conns[i]));
				conns[i].fd = fd;
			}
		}
		for (i = 0; i < MAX_CONN; i++) {
			if (conns[i].fd < 0 || !pfd[i + 1].revents)
				continue;
			if (pfd[i + 1].revents & (POLLERR | POLLHUP) && !(pfd[i + 1].revents & POLLIN))
				drop(&conns[i]);
			else if (conns[i].headlen)
				on_write(&conns[i]);
			else
				on_read(&conns[i]);
		}
	}
}
