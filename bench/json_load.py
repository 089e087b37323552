#!/usr/bin/env python3
"""make bench: a bare json.load of FILE (the whole document as Python objects). Usage: json_load.py FILE"""
import json
import sys

json.load(open(sys.argv[1], "rb"))
