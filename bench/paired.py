#!/usr/bin/env python3
"""Interleaved timing for a shared machine: runs each command once per round, in turn.

Usage: python3 bench/paired.py ROUNDS 'CMD' 'CMD' ... (the last is the reference)
Prints per command the median wall time, the fastest run, the median CPU
time, and the median over rounds of its time divided by the reference's in
the same round. A load that comes and goes slows every command of a round
alike, so the ratio holds where back-to-back blocks of runs disagree.
A command with '<' runs through sh; output goes to /dev/null. 'PREP ;; CMD'
runs PREP through sh before each run of CMD, untimed (say, to empty a store).
"""
import resource
import statistics
import subprocess
import sys
import time


def run(cmd, devnull):
    if ' ;; ' in cmd:
        prep, cmd = cmd.split(' ;; ', 1)
        subprocess.run(prep, shell=True, stdout=devnull, check=False)
    shell = '<' in cmd
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd if shell else cmd.split(), shell=shell, stdout=devnull, check=False)
    t1 = time.perf_counter()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return t1 - t0, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main():
    rounds, cmds = int(sys.argv[1]), sys.argv[2:]
    wall = {c: [] for c in cmds}
    cpu = {c: [] for c in cmds}
    ratio = {c: [] for c in cmds}
    with open('/dev/null', 'w') as devnull:
        for c in cmds:  # warm the page cache
            run(c, devnull)
        for _ in range(rounds):
            this = {}
            for c in cmds:
                this[c], used = run(c, devnull)
                wall[c].append(this[c])
                cpu[c].append(used)
            for c in cmds:
                ratio[c].append(this[c] / this[cmds[-1]])
    for c in cmds:
        print('%-44s median %6.1f ms  min %6.1f ms  cpu %6.1f ms  x%.2f' % (
            c.split(' ;; ')[-1][:44], statistics.median(wall[c]) * 1e3, min(wall[c]) * 1e3,
            statistics.median(cpu[c]) * 1e3, statistics.median(ratio[c])))


if __name__ == '__main__':
    main()
