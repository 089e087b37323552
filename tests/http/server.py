#!/usr/bin/env python3
"""Loopback HTTP/1.1 server for byline's integration tests: serves feeds and misbehaves on purpose.

usage: server.py DOCROOT PORTFILE [LOGFILE]

Listens on 127.0.0.1 at a free port, which it writes to PORTFILE once it is
ready. Files come from DOCROOT. The first path segment picks a behaviour:

  /f/NAME            the file, with ETag and Last-Modified; honours
                     If-None-Match and If-Modified-Since with 304
  /lm/NAME           the file with Last-Modified only
  /etag/NAME         the file with ETag only
  /plain/NAME        the file with no validators at all
  /gzip/NAME         the file gzip-compressed (when the client accepts gzip)
  /charset/CS/NAME   the file labelled "Content-Type: ...; charset=CS"
  /json/NAME         the file labelled "Content-Type: application/feed+json"
  /maxage/SECS/NAME  /f/NAME with "Cache-Control: public, max-age=SECS" (on a 304 too)
  /expires/SECS/NAME /f/NAME with "Expires:" SECS after now (and Date: now)
  /slow/NAME         the file after half a second (to watch concurrency)
  /redirect/N/NAME   N temporary redirects (302), then /f/NAME
  /moved/NAME        301 to /f/NAME       /moved308/NAME   308 to /f/NAME
  /loop/X            302 to /loop/X (for ever)
  /redirect-to/URL   302 to URL (the rest of the path, verbatim)
  /moved-to/URL      301 to URL (the rest of the path, verbatim)
  /status/CODE       that status with a small HTML page
  /html/NAME         the file as text/html (a web page that may link feeds)
  /feed /rss.xml /atom.xml /index.xml /feed.json
                     the file root.NAME ("root.feed", "root.atom.xml") when it
                     exists, else 404: the usual places of a site's feed
  /retry/CODE/SECS   that status with "Retry-After: SECS"
  /retrydate/CODE/SECS  the same, Retry-After as an HTTP date SECS from now
  /trickle/NAME      the file, one byte a second
  /endless           a feed that never ends
  /hang              reads the request and never answers
  /noheaders         sends the status line, then nothing more
  /stall/NAME        the headers and half of the file, then nothing more
  /reset/NAME        half of the file, then a connection reset
  /bomb              gzip: a few KiB on the wire, 16 MiB decoded
  /gigabomb          gzip: about 64 MiB on the wire (more than any socket buffer holds),
                     64 GiB decoded, made as it is sent
  /biglength         announces a 1 GiB Content-Length
  /range/NAME        the file as application/octet-stream, honouring "Range: bytes=N-" (206)
  /cutonce/N/NAME    the same, but the first request of NAME sends N bytes and hangs up
  /slowdl/NAME       /range/, 64 KiB every 50 ms (a download to watch)
  /norange/NAME      cut once like /cutonce/ at half, then ignores Range (200, whole file)
  /liarange/NAME     cut once at half, then answers Range with 206 but bytes from 0
  /_stats            "max_concurrent N" (requests in flight at once)
  /_stats/slow       "max_concurrent N" of /slow/ requests only
  /_reset            forgets both

With TLS_CERT and TLS_KEY in the environment (PEM files) it speaks HTTPS.

Asked as a proxy (GET http://host/PATH), it serves /PATH itself; the log
line then starts with http://.

Every request is logged to LOGFILE as one tab-separated line:
path, If-None-Match, If-Modified-Since, User-Agent, Accept-Encoding, Range,
and the time it came (seconds since the epoch, to the millisecond).
"""

import email.utils
import gzip
import hashlib
import http.server
import os
import socket
import socketserver
import struct
import sys
import threading
import time
import zlib

DOCROOT = "."
LOG = None
LOG_LOCK = threading.Lock()
STATS = {"now": 0, "max": 0, "slow_now": 0, "slow_max": 0}
STATS_LOCK = threading.Lock()
BOMB = None
BOMB_BLOCKS = 65536  # of 1 MiB decoded, about 1 KiB on the wire each


def bomb_body():
    """Gzip of a 16 MiB feed-looking document (mostly one comment).

    One 1 MiB block is compressed once and repeated (after a full flush the
    deflate state starts afresh, so the copies are valid): fast enough that
    the first request never waits on it, even on a loaded machine."""
    global BOMB
    if BOMB is None:
        head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>bomb</title><!-- '
        tail = b" --></channel></rss>"
        block = b"A" * (1 << 20)
        co = zlib.compressobj(9, zlib.DEFLATED, -15)
        first = co.compress(head) + co.flush(zlib.Z_FULL_FLUSH)
        one = co.compress(block) + co.flush(zlib.Z_FULL_FLUSH)
        last = co.compress(tail) + co.flush()
        crc = zlib.crc32(head)
        for _ in range(16):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(tail, crc)
        size = len(head) + 16 * len(block) + len(tail)
        BOMB = (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + first + one * 16 + last
                + struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
    return BOMB


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "bylinetest/1"

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self):
        if not LOG:
            return
        h = self.headers
        fields = [self.path, h.get("If-None-Match", "-"), h.get("If-Modified-Since", "-"),
                  h.get("User-Agent", "-"), h.get("Accept-Encoding", "-"), h.get("Range", "-"),
                  "%.3f" % time.time()]
        with LOG_LOCK, open(LOG, "a") as fp:
            fp.write("\t".join(fields) + "\n")

    # ---- helpers ----

    def read_file(self, name):
        path = os.path.join(DOCROOT, name)
        if "/" in name or name.startswith(".") or not os.path.isfile(path):
            return None, 0
        with open(path, "rb") as fp:
            return fp.read(), os.stat(path).st_mtime

    def simple(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        if body and not any(k.lower() == "content-type" for k, _ in headers):
            self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def page(self, code):
        self.simple(code, b"<html><body>status %d</body></html>" % code)

    def serve_file(self, name, etag=True, lm=True, ctype="application/xml", gz=False, extra=()):
        body, mtime = self.read_file(name)
        if body is None:
            return self.page(404)
        tag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        date = email.utils.formatdate(mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        hdrs = list(extra)
        if etag:
            hdrs.append(("ETag", tag))
        if lm:
            hdrs.append(("Last-Modified", date))
        if (etag and inm == tag) or (lm and not (etag and inm) and ims == date):
            return self.simple(304, b"", hdrs)
        if gz and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            hdrs.append(("Content-Encoding", "gzip"))
        hdrs.append(("Content-Type", ctype))
        self.simple(200, body, hdrs)

    def redirect(self, code, where):
        self.simple(code, b"moved", [("Location", where)])

    # ---- misbehaviour ----

    def trickle(self, name):
        body, _ = self.read_file(name)
        body = body or b"<rss>"
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for b in body:
            self.wfile.write(bytes([b]))
            self.wfile.flush()
            time.sleep(1)

    def endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>endless</title>')
        n = 0
        while True:
            chunk = b"".join(b"<item><guid>e%d</guid><title>endless %d</title></item>" % (i, i)
                             for i in range(n, n + 500))
            n += 500
            self.wfile.write(chunk)

    def hang(self):
        time.sleep(3600)

    def noheaders(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self.wfile.flush()
        time.sleep(3600)

    def half_body(self, name):
        """Promises the whole feed (Content-Length) and sends half of it."""
        body, _ = self.read_file(name)
        body = body or b"<rss>" * 1000
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()

    def stall(self, name):
        self.half_body(name)
        time.sleep(3600)

    def reset(self, name):
        self.half_body(name)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def bomb(self):
        body = bomb_body()
        self.simple(200, body, [("Content-Encoding", "gzip"),
                                ("Content-Type", "application/rss+xml")])

    def gigabomb(self):
        """64 GiB of a feed-looking comment, gzip-compressed block by block as it is sent.

        The trailer's checksum covers one block only: no client should read that far."""
        block = b"A" * (1 << 20)
        co = zlib.compressobj(9, zlib.DEFLATED, 31)
        head = co.compress(b'<?xml version="1.0"?><rss version="2.0"><channel><title>giga</title><!-- ')
        head += co.flush(zlib.Z_FULL_FLUSH)
        one = co.compress(block) + co.flush(zlib.Z_FULL_FLUSH)  # the same bytes every time
        tail = co.compress(b" --></channel></rss>") + co.flush()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Connection", "close")  # no length: only counting decoded bytes stops it
        self.end_headers()
        self.close_connection = True
        with STATS_LOCK:
            STATS["bomb_total"] = len(head) + BOMB_BLOCKS * len(one) + len(tail)
        self.wfile.write(head)
        for _ in range(BOMB_BLOCKS):
            self.wfile.write(one)
            with STATS_LOCK:
                STATS["bomb_sent"] = STATS.get("bomb_sent", 0) + len(one)
        self.wfile.write(tail)

    def biglength(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(1 << 30))
        self.end_headers()
        self.wfile.write(b"<rss>")

    def retry(self, parts, as_date):
        code, secs = int(parts[1]), int(parts[2])
        value = email.utils.formatdate(time.time() + secs, usegmt=True) if as_date else str(secs)
        self.simple(code, b"busy", [("Retry-After", value)])

    # ---- downloads: Range, honoured or not ----

    def ranged(self, name, cut=None, slow=False, honour=True, lie=False):
        """The file from the asked byte on (206) or whole (200); cut: hang up after that many bytes."""
        body, _ = self.read_file(name)
        if body is None:
            return self.page(404)
        rng = self.headers.get("Range", "")
        start = int(rng[6:].split("-")[0]) if honour and rng.startswith("bytes=") else 0
        if start >= len(body) and start > 0:
            return self.simple(416, b"", [("Content-Range", "bytes */%d" % len(body))])
        self.send_response(206 if start or lie and rng else 200)
        if start or lie and rng:
            first = 0 if lie else start
            self.send_header("Content-Range", "bytes %d-%d/%d" % (first, len(body) - 1, len(body)))
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Accept-Ranges", "bytes")
        part = body if lie else body[start:]
        self.send_header("Content-Length", str(len(part)))
        self.end_headers()
        if cut is not None:
            part = part[:cut]
        step = 65536
        for i in range(0, len(part), step):
            self.wfile.write(part[i:i + step])
            if slow:
                self.wfile.flush()
                time.sleep(0.05)
        if cut is not None:
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)

    def cut_once(self, key):
        """True for the first request of key."""
        with STATS_LOCK:
            seen = STATS.setdefault("cut", set())
            first = key not in seen
            seen.add(key)
        return first

    def download(self, kind, rest):
        name = rest[-1]
        body, _ = self.read_file(name)
        half = len(body or b"") // 2
        if kind == "range":
            self.ranged(name)
        elif kind == "slowdl":
            self.ranged(name, slow=True)
        elif kind == "cutonce":
            self.ranged(name, cut=int(rest[0]) if self.cut_once(self.path) else None)
        elif kind == "norange":
            first = self.cut_once(self.path)
            self.ranged(name, cut=half if first else None, honour=first)
        elif kind == "liarange":
            first = self.cut_once(self.path)
            self.ranged(name, cut=half if first else None, lie=not first)

    # ---- dispatch ----

    def do_GET(self):
        self.log_request_line()
        with STATS_LOCK:
            STATS["now"] += 1
            STATS["max"] = max(STATS["max"], STATS["now"])
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True
        finally:
            with STATS_LOCK:
                STATS["now"] -= 1

    def route(self):
        path = self.path
        if path.startswith("http://"):  # asked as a proxy: serve it ourselves
            path = "/" + path.split("/", 3)[3]
            self.path = path
        parts = path.split("?")[0].lstrip("/").split("/")
        kind, rest = parts[0], parts[1:]
        last = rest[-1] if rest else ""
        if kind == "f":
            self.serve_file(last)
        elif kind == "lm":
            self.serve_file(last, etag=False)
        elif kind == "etag":
            self.serve_file(last, lm=False)
        elif kind == "plain":
            self.serve_file(last, etag=False, lm=False)
        elif kind == "gzip":
            self.serve_file(last, gz=True)
        elif kind == "json":
            self.serve_file(last, ctype="application/feed+json")
        elif kind == "charset":
            self.serve_file(last, ctype="application/xml; charset=%s" % rest[0])
        elif kind == "maxage":
            self.serve_file(last, extra=[("Cache-Control", "public, max-age=%s" % rest[0])])
        elif kind == "expires":
            when = email.utils.formatdate(time.time() + int(rest[0]), usegmt=True)
            self.serve_file(last, extra=[("Expires", when)])
        elif kind == "slow":
            with STATS_LOCK:
                STATS["slow_now"] += 1
                STATS["slow_max"] = max(STATS["slow_max"], STATS["slow_now"])
            try:
                time.sleep(0.5)
                self.serve_file(last)
            finally:
                with STATS_LOCK:
                    STATS["slow_now"] -= 1
        elif kind == "redirect":
            n = int(rest[0])
            self.redirect(302, "/redirect/%d/%s" % (n - 1, last) if n > 1 else "/f/" + last)
        elif kind == "moved":
            self.redirect(301, "/f/" + last)
        elif kind == "moved308":
            self.redirect(308, "/f/" + last)
        elif kind == "loop":
            self.redirect(302, "/loop/" + last)
        elif kind == "redirect-to":
            self.redirect(302, self.path[len("/redirect-to/"):])
        elif kind == "moved-to":
            self.redirect(301, self.path[len("/moved-to/"):])
        elif kind == "status":
            self.page(int(rest[0]))
        elif kind == "html":
            self.serve_file(last, ctype="text/html; charset=utf-8")
        elif not rest and kind in ("feed", "rss.xml", "atom.xml", "index.xml", "feed.json"):
            self.serve_file("root." + kind)
        elif kind in ("retry", "retrydate"):
            self.retry(parts, kind == "retrydate")
        elif kind == "trickle":
            self.trickle(last)
        elif kind == "endless":
            self.endless()
        elif kind == "hang":
            self.hang()
        elif kind == "noheaders":
            self.noheaders()
        elif kind == "stall":
            self.stall(last)
        elif kind == "reset":
            self.reset(last)
        elif kind == "bomb":
            self.bomb()
        elif kind == "gigabomb":
            self.gigabomb()
        elif kind in ("range", "slowdl", "cutonce", "norange", "liarange"):
            self.download(kind, rest)
        elif kind == "_bombsent":
            with STATS_LOCK:
                self.simple(200, b"%d %d\n" % (STATS.get("bomb_sent", 0), STATS.get("bomb_total", 0)))
        elif kind == "biglength":
            self.biglength()
        elif kind == "_reset":
            with STATS_LOCK:
                STATS["max"] = STATS["slow_max"] = 0
            self.simple(200, b"reset\n")
        elif kind == "_stats":
            with STATS_LOCK:
                key = "slow_max" if rest == ["slow"] else "max"
                self.simple(200, b"max_concurrent %d\n" % STATS[key])
        else:
            self.page(404)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        pass  # clients hang up on purpose (size caps, timeouts): not news


def main():
    global DOCROOT, LOG
    if len(sys.argv) < 3:
        sys.exit("usage: server.py DOCROOT PORTFILE [LOGFILE]")
    DOCROOT = sys.argv[1]
    LOG = sys.argv[3] if len(sys.argv) > 3 else None
    srv = Server(("127.0.0.1", 0), Handler)
    if os.environ.get("TLS_CERT"):
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.environ["TLS_CERT"], os.environ["TLS_KEY"])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w") as fp:
        fp.write("%d\n" % srv.server_address[1])
    os.rename(tmp, sys.argv[2])
    srv.serve_forever()


if __name__ == "__main__":
    main()
