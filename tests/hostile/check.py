#!/usr/bin/env python3
"""Checks what byline printed for a hostile feed: nothing a terminal would obey.

usage: check.py bytes FILE [SECRET]    raw output (byline list, the reader's
                                       terminal stream is checked elsewhere):
                                       valid UTF-8, no control but tab and
                                       newline, no C1, no bidi control, no SECRET
       check.py json FILE [SECRET]     byline parse (or extract --format json)
                                       output: one JSON object whose
                                       single-line fields are as clean
       check.py jsonl FILE [SECRET]    byline list --json: one object a line
Prints nothing and exits 0 when clean; otherwise one line saying what is wrong.
"""

import json
import sys

BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
LINE_FIELDS = ("id", "title", "link", "author", "url", "type", "language", "format", "version")


def bad_char(s, allow_newline):
    for i, ch in enumerate(s):
        o = ord(ch)
        if (o < 0x20 and not (allow_newline and ch in "\t\n")) or 0x7F <= o <= 0x9F or o in BIDI:
            return "U+%04X at %d in %r" % (o, i, s[max(0, i - 20):i + 20])
    return None


def walk(v, key, out):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, k, out)
    elif isinstance(v, list):
        for x in v:
            walk(x, key, out)
    elif isinstance(v, str):
        # bodies are HTML or text (may hold newlines); every other field is one line
        why = bad_char(v, key in ("summary", "content", "description", "warnings", "html", "text"))
        if why:
            out.append("%s: %s" % (key, why))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    secret = sys.argv[3].encode() if len(sys.argv) > 3 else None
    data = open(path, "rb").read()
    if secret and secret in data:
        return "the secret file's content is in the output"
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        return "invalid UTF-8: %s" % e
    if mode == "bytes":
        why = bad_char(text, True)
        return "a control reaches the terminal: " + why if why else None
    docs = [text] if mode == "json" else [l for l in text.split("\n") if l]
    out = []
    for d in docs:
        try:
            walk(json.loads(d), "", out)
        except ValueError as e:
            return "not JSON: %s" % e
    return out[0] if out else None


if __name__ == "__main__":
    why = main()
    if why:
        print(why[:300])
        sys.exit(1)
