#!/usr/bin/env python3
"""A misbehaving proxy for byline's sync tests: forwards to a real feed server and adds faults.

usage: proxy.py TARGET MODEFILE PORTFILE LOGFILE [PORT]

Listens on 127.0.0.1 (PORT, or a free one written to PORTFILE) and forwards
every request to TARGET (http://127.0.0.1:N). MODEFILE is read at each
request; its first line picks the fault:

  (empty)        pass everything through
  expire-once    the next API call (not a login) answers as an expired login:
                 401 for the Google Reader API, NOT_LOGGED_IN for tt-rss
  500            every request answers 500
  slow SECS      every answer waits SECS seconds first
  redirect       every request answers 302 to the same path on another host (localhost)
  malformed      JSON answers (not logins) are cut in the middle
  inject-id      id lists (Google Reader items/ids, tt-rss getHeadlines without
                 content, not a probe of limit 1) carry one more id that the server
                 never sent
Every request is logged to LOGFILE as: method, path, body length, fault.
"""

import http.client
import http.server
import json
import socketserver
import sys
import threading
import time
import urllib.parse

TARGET = urllib.parse.urlparse(sys.argv[1])
MODEFILE, PORTFILE, LOGFILE = sys.argv[2], sys.argv[3], sys.argv[4]
LOCK = threading.Lock()
FAKE_ID = 7777777777777777


def mode():
    try:
        with open(MODEFILE) as fp:
            return fp.readline().strip()
    except OSError:
        return ""


def clear_mode():
    with open(MODEFILE, "w"):
        pass


def is_login(path, body):
    return "ClientLogin" in path or b'"op":"login"' in body.replace(b" ", b"")


def inject(path, body, data):
    try:
        doc = json.loads(data)
    except ValueError:
        return data
    if "items/ids" in path and isinstance(doc.get("itemRefs"), list):
        doc["itemRefs"].insert(0, {"id": str(FAKE_ID)})
    elif (b"getHeadlines" in body and b'"show_content":true' not in body.replace(b" ", b"")
          and b'"limit":1,' not in body.replace(b" ", b"")):   # a probe of one, not a list
        if isinstance(doc.get("content"), list):
            doc["content"].insert(0, {"id": FAKE_ID % 1000000 + 5000000, "unread": True,
                                      "marked": True, "feed_id": 1})
    return json.dumps(doc).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, code, body, ctype="application/json", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def forward(self, body):
        conn = http.client.HTTPConnection(TARGET.hostname, TARGET.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "accept-encoding")}
        conn.request(self.command, self.path, body=body if self.command == "POST" else None,
                     headers=headers)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, r.getheader("Content-Type", "application/octet-stream"), data

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        m = mode()
        words = m.split()
        fault = words[0] if words else ""
        with LOCK, open(LOGFILE, "a") as fp:
            fp.write("%s\t%s\t%d\t%s\n" % (self.command, self.path, len(body), fault or "-"))
        login = is_login(self.path, body)
        if fault == "500":
            return self.answer(500, b"<html>Internal Server Error</html>", "text/html")
        if fault == "slow":
            time.sleep(float(words[1]) if len(words) > 1 else 3)
        if fault == "redirect":
            loc = "http://localhost:%d%s" % (self.server.server_address[1], self.path)
            return self.answer(302, b"", "text/html", [("Location", loc)])
        if fault == "expire-once" and not login:
            clear_mode()
            if "greader.php" in self.path:
                return self.answer(401, b"Unauthorized!", "text/plain")
            return self.answer(200, b'{"seq":0,"status":1,"content":{"error":"NOT_LOGGED_IN"}}')
        status, ctype, data = self.forward(body)
        json_like = data[:1] in (b"{", b"[")  # servers label JSON as text/html too
        if fault == "malformed" and not login and json_like:
            data = data[: max(1, len(data) // 2)]
        elif fault == "inject-id" and json_like:
            data = inject(self.path, body, data)
        self.answer(status, data, ctype)

    do_GET = handle_any
    do_POST = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (a timeout under test) is no news


def main():
    port = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    srv = Server(("127.0.0.1", port), Handler)
    with open(PORTFILE + ".tmp", "w") as fp:
        fp.write(str(srv.server_address[1]))
    import os
    os.rename(PORTFILE + ".tmp", PORTFILE)
    srv.serve_forever()


if __name__ == "__main__":
    main()
