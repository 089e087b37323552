#!/usr/bin/env python3
"""Runs a command and prints its wall time, CPU time (user + system) and peak RSS.

usage: rusage.py OUT CMD...   appends "WALL_MS CPU_MS PEAK_KB" to the file OUT once CMD
has exited.
The times to the microsecond (wait4's rusage), where /usr/bin/time gives tens of ms.
"""
import os
import sys
import time


def main():
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(sys.argv[2], sys.argv[2:])
        finally:
            os._exit(127)
    _, _, ru = os.wait4(pid, 0)
    wall = (time.perf_counter() - start) * 1000
    cpu = (ru.ru_utime + ru.ru_stime) * 1000
    with open(sys.argv[1], "a", encoding="ascii") as out:
        out.write(f"{wall:.1f} {cpu:.1f} {ru.ru_maxrss}\n")


if __name__ == "__main__":
    main()
