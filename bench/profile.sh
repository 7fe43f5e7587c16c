#!/usr/bin/env bash
# Where the core goes in a small-event flood (bench/post.lua), frame by frame: async-profiler (tools.profiler:
# async-profiler from Maven Central, loaded into the running JVM with jcmd) samples CPU every INTERVAL ns (1 ms) for
# SECS s (30) after WARM s (60) of flood, into target/profile-NAME.txt (collapsed stacks); then bench/profile.py prints
# microseconds of the core per request for each thread group and the event loop's heaviest frames, inclusive.
# JFR was left for this: a recording with its default settings halved InOrder's small-event rate here (27,800 against
# 61,000 requests/s), so its shares were of another program; async-profiler's sampling left it at 61,000.
# NAME=shaped profiles the bare app's /shaped instead (bench/bare). Compare two: bench/profile.py A RPS_A B RPS_B.
# Usage: bench/profile.sh [ENV=VALUE...]   (about WARM + SECS + 20 s)
source "$(dirname "$0")/lib.sh"

WARM=${WARM:-60}
SECS=${SECS:-30}
NAME=${NAME:-inorder}
AP_VERSION=4.1
LIB=target/async-profiler/linux-x64/libasyncProfiler.so
if [ ! -f "$LIB" ]; then
    ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory=target/async-profiler
    (cd target/async-profiler && unzip -q -o "async-profiler-$AP_VERSION.jar" 'linux-x64/*')
fi
if [ "$NAME" = shaped ]; then
    start_bare $((PORT + 1))
    P=$BARE_PID
    TARGET="http://127.0.0.1:$((PORT + 1))/shaped"
else
    start_server "$@"
    P=$PID
    TARGET="$URL/events"
fi
agent() { jcmd "$P" JVMTI.agent_load "$PWD/$LIB" "\"$1\"" >/dev/null; } # quoted: jcmd would take a=b as its own option
env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s bench/post.lua "$TARGET" >/dev/null
agent "start,event=cpu,interval=${INTERVAL:-1000000}"
RPS=$(env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${SECS}s" -s bench/post.lua "$TARGET" | awk '/Requests\/sec/ {printf "%d", $2}')
agent "stop,collapsed,file=$PWD/target/profile-$NAME.txt"
[ "$NAME" = shaped ] && { kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true; }
echo "$NAME: $RPS requests/s over $SECS s; target/profile-$NAME.txt"
python3 bench/profile.py "target/profile-$NAME.txt" "$RPS" "$SECS"
