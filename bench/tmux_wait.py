#!/usr/bin/env python3
"""The wait of bench/tmux.sh: one tmux control-mode client that says when a marker is on a
pane's screen, without polling.

    python3 bench/tmux_wait.py SOCKET

Says "ready" on stdout once attached, then reads requests on stdin, one a line,
"PANE<TAB>START<TAB>MARKER" (START in ms since the epoch, as `date +%s%3N`), and answers
each on stdout, in turn, with the ms from START to the capture of PANE that first shows
MARKER, or "timeout" after 60 s. An answer's lines end at the %end (or %error) that
repeats its %begin's time and number, so a screen line that starts with "%end" is text.

It is attached to the tmux server (`tmux -L SOCKET -C attach`) for its whole life, and
between a request's captures it sleeps in select(): tmux tells a control client of every
pane's output as it comes (`%output %PANE ...`), and only then is the pane captured again
(`capture-pane -p`, a command written to the same client, no process started). A capture
is taken when a request arrives (the marker may be on the screen already), then one for
each burst of output on its pane: output that comes while a capture is in flight gets one
capture more once it is answered, so the last output before the marker is never missed.
The time is taken when the answer that shows the marker is read. It exits when stdin or
the control client ends.
"""
import os
import select
import subprocess
import sys
import time

TIMEOUT_MS = 60000


def now_ms():
    return int(time.time() * 1000)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: tmux_wait.py SOCKET\n")
        return 2
    tmux = subprocess.Popen(["tmux", "-L", sys.argv[1], "-C", "attach"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    ctl_in, ctl_out = tmux.stdin, tmux.stdout.fileno()
    req_fd = sys.stdin.fileno()
    cbuf, rbuf = b"", b""
    requests = []           # (pane, start, marker) not yet answered, oldest first
    block = None            # the lines of the command answer being read, or None
    guard = []              # its %begin's time and number, which its %end repeats
    skip = 1                # answers to ignore: the attach's own
    in_flight = 0           # captures asked and not yet answered
    dirty = False           # output on the pane while a capture was in flight
    req_eof = False

    def capture(pane):
        nonlocal in_flight
        ctl_in.write(b"capture-pane -p -t " + pane.encode() + b"\n")
        in_flight += 1

    def answer(text):
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    while True:
        if not requests and req_eof:
            break
        timeout = None
        if requests:
            timeout = max(0, requests[0][1] + TIMEOUT_MS - now_ms()) / 1000
        fds = [ctl_out] + ([] if req_eof else [req_fd])
        ready, _, _ = select.select(fds, [], [], timeout)
        if requests and now_ms() - requests[0][1] >= TIMEOUT_MS:
            answer("timeout")
            requests.pop(0)
            dirty = False
            if requests:
                capture(requests[0][0])
            continue
        if req_fd in ready:
            data = os.read(req_fd, 65536)
            if not data:
                req_eof = True
            rbuf += data
            while b"\n" in rbuf:
                line, rbuf = rbuf.split(b"\n", 1)
                parts = line.decode("utf-8", "replace").split("\t", 2)
                if len(parts) != 3:
                    continue
                requests.append((parts[0], int(parts[1]), parts[2]))
                if len(requests) == 1:
                    capture(parts[0])
        if ctl_out in ready:
            data = os.read(ctl_out, 1 << 16)
            if not data:
                break
            cbuf += data
            while b"\n" in cbuf:
                line, cbuf = cbuf.split(b"\n", 1)
                if block is not None:
                    if line.startswith((b"%end ", b"%error ")) and \
                            line.split(b" ")[1:3] == guard:
                        lines, block = block, None
                        if skip:
                            skip -= 1
                            answer("ready")
                            continue
                        in_flight -= 1
                        if not requests or in_flight:
                            continue
                        pane, start, marker = requests[0]
                        screen = b"\n".join(lines).decode("utf-8", "replace")
                        if not line.startswith(b"%error") and marker in screen:
                            answer(str(now_ms() - start))
                            requests.pop(0)
                            dirty = False
                            if requests:
                                capture(requests[0][0])
                        elif dirty:
                            dirty = False
                            capture(pane)
                    else:
                        block.append(line)
                elif line.startswith(b"%begin "):
                    block = []
                    guard = line.split(b" ")[1:3]
                elif line.startswith(b"%output "):
                    pane = line.split(b" ", 2)[1].decode()
                    if requests and requests[0][0] == pane:
                        if in_flight:
                            dirty = True
                        else:
                            capture(pane)
                elif line.startswith(b"%exit"):
                    break
    try:
        ctl_in.close()
    except OSError:
        pass
    tmux.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
