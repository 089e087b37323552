#!/bin/sh
# Refresh bench: 200 feeds x 50 items (about 31 MB, every fourth Atom) from a loopback server,
# timed side by side: byline refresh, sfeed_update (maxjobs 8), newsboat -x reload (reload-threads 8).
# usage: sh bench/refresh.sh [BYLINE]     environment: RUNS (default 5), FEEDS (200), ITEMS (50)
# Prints the median wall time of a first refresh (empty store) and of a second one with
# nothing changed, and the peak RSS (/usr/bin/time -f %M) of one run of each.

BYLINE=${1:-./byline}
BYLINE=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE")
RUNS=${RUNS:-5}
FEEDS=${FEEDS:-200}
ITEMS=${ITEMS:-50}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/peers.sh"
W=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER; rm -rf "$W"' EXIT
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

python3 "$here/refresh_gen.py" "$W/doc" "$FEEDS" "$ITEMS" || exit 1
cc -O2 -o "$W/httpd" "$here/httpd.c" || exit 1
"$W/httpd" "$W/doc" "$W/port" &
SERVER=$!
while [ ! -s "$W/port" ]; do sleep 0.05; done
BASE=http://127.0.0.1:$(cat "$W/port")
echo "refresh bench: $FEEDS feeds x $ITEMS items, $(du -sb "$W/doc" | cut -f1) bytes, from $BASE"

# ---- the same feeds for each reader ----
peer_configs "$W" "$BASE" "$W/byline.conf"

# --force: the second refresh asks every server again (304s), though none is due yet
BYLINE_CMD="$BYLINE refresh --force -c $W/byline.conf -d $W/byline.db"
SFEED_CMD="HOME=$W sfeed_update $W/sfeedrc"
NEWSBOAT_CMD="HOME=$W newsboat -x reload -u $W/newsboat.urls -c $W/newsboat.db -C $W/newsboat.conf"
CLEAN="rm -rf $W/byline.db* $W/sfeed $W/newsboat.db*"

# The server alone: every feed fetched once by curl, 8 at a time (the floor of any reader).
for u in $(cat "$W/newsboat.urls"); do echo "url = $u"; echo "output = /dev/null"; done >"$W/curl.cfg"
start=$(date +%s.%N)
curl -s --parallel --parallel-max 8 -K "$W/curl.cfg" 2>/dev/null
end=$(date +%s.%N)
echo "server floor (curl --parallel-max 8 fetching everything): $(python3 -c "print(round($end - $start, 3))") s"

# -N runs --prepare without a shell too: the globs of $CLEAN need one.
hyperfine -N --runs "$RUNS" --prepare "sh -c '$CLEAN'" --export-json "$W/first.json" --style none \
	-n byline "$BYLINE_CMD" -n sfeed_update "sh -c '$SFEED_CMD'" -n newsboat "sh -c '$NEWSBOAT_CMD'" \
	>/dev/null 2>&1 || { echo "hyperfine failed (first refresh)"; exit 1; }
# Second refresh: the stores hold everything, the server changed nothing.
sh -c "$CLEAN; $BYLINE_CMD; $SFEED_CMD; $NEWSBOAT_CMD" >/dev/null 2>&1
hyperfine -N --runs "$RUNS" --export-json "$W/second.json" --style none \
	-n byline "$BYLINE_CMD" -n sfeed_update "sh -c '$SFEED_CMD'" -n newsboat "sh -c '$NEWSBOAT_CMD'" \
	>/dev/null 2>&1 || { echo "hyperfine failed (second refresh)"; exit 1; }

# The first refresh again, byline and sfeed_update in turn (bench/paired.py), each from an
# empty store emptied untimed: the ratio holds when the machine's speed changes between blocks.
echo "first refresh, interleaved, ${PAIRED:-10} rounds (bench/paired.py; last column: ratio to sfeed_update):"
python3 "$here/paired.py" "${PAIRED:-10}" "rm -rf $W/byline.db* ;; $BYLINE_CMD" \
	"rm -rf $W/sfeed ;; env HOME=$W sfeed_update $W/sfeedrc"

rss() {	# peak RSS in MB of one first refresh
	sh -c "$CLEAN" >/dev/null 2>&1
	/usr/bin/time -f %M -o "$W/rss" sh -c "$1" >/dev/null 2>&1
	python3 -c "print(round($(cat "$W/rss") / 1024, 1))"
}
rss_b=$(rss "$BYLINE_CMD")
items=$(sqlite3 "$W/byline.db" 'SELECT count(*) FROM item;' 2>/dev/null)	# before the next clean
[ "$items" = $((FEEDS * ITEMS)) ] || echo "WARNING: byline stored $items articles, expected $((FEEDS * ITEMS))"
rss_s=$(rss "$SFEED_CMD")
rss_n=$(rss "$NEWSBOAT_CMD")

python3 - "$W/first.json" "$W/second.json" "$rss_b" "$rss_s" "$rss_n" <<'EOF'
import json, sys
first = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
second = {r["command"]: r for r in json.load(open(sys.argv[2]))["results"]}
rss = dict(zip(["byline", "sfeed_update", "newsboat"], sys.argv[3:6]))
def cpu(r):
    return r["user"] + r["system"]
print("%-14s %20s %22s %14s" % ("", "first: wall (cpu)", "unchanged: wall (cpu)", "peak RSS (MB)"))
for name in ["byline", "sfeed_update", "newsboat"]:
    print("%-14s %8.3f s (%5.2f s) %8.3f s (%5.2f s) %8s" % (name, first[name]["median"], cpu(first[name]),
          second[name]["median"], cpu(second[name]), rss[name]))
print("(wall: median of the runs; cpu: mean user + system, which a busy machine inflates less)")
b = first["byline"]["median"]
print("first refresh: byline is %.1fx faster than sfeed_update (goal 5x), %.1fx faster than newsboat (goal 10x);"
      " in cpu time %.1fx and %.1fx"
      % (first["sfeed_update"]["median"] / b, first["newsboat"]["median"] / b,
         cpu(first["sfeed_update"]) / cpu(first["byline"]), cpu(first["newsboat"]) / cpu(first["byline"])))
print("nothing changed: byline %.3f s (goal < 0.2 s); peak memory %s MB (goal < 50 MB)"
      % (second["byline"]["median"], rss["byline"]))
EOF
