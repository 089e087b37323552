#!/bin/sh
# make bench: every benchmark script, each given the binary under test.
sh bench/render.sh "$@"
