#!/bin/sh
# make bench: every benchmark, one line each (sh bench/X.sh "$@").
sh bench/refresh.sh "$@"
