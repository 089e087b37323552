# Sourced by the benches that refresh the same feed files with byline and its peers.
# peer_configs DIR BASE CONF [NEWSBOAT_EXTRA]: for every DIR/doc/*.xml served at
# BASE/NAME.xml, writes the byline config CONF (8 connections, 8 a host: one
# loopback host serves them all, the peers have no per-host limit), DIR/sfeedrc
# (maxjobs 8), DIR/newsboat.urls and DIR/newsboat.conf (reload-threads 8 and
# NEWSBOAT_EXTRA, a line of its config).
peer_configs() {
	{
		echo "set refresh-on-start no"
		echo "set max-connections 8"
		echo "set max-per-host 8"
		for f in "$1"/doc/*.xml; do echo "feed $2/$(basename "$f")"; done
	} >"$3"
	{
		echo "sfeedpath=\"$1/sfeed\""
		echo "maxjobs=8"
		echo "feeds() {"
		for f in "$1"/doc/*.xml; do n=$(basename "$f" .xml); echo "	feed \"$n\" \"$2/$n.xml\""; done
		echo "}"
	} >"$1/sfeedrc"
	for f in "$1"/doc/*.xml; do echo "$2/$(basename "$f")"; done >"$1/newsboat.urls"
	{ echo "reload-threads 8"; [ -n "$4" ] && echo "$4"; } >"$1/newsboat.conf"
}
