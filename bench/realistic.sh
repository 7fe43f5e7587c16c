#!/usr/bin/env bash
# Real matches at the game's full rate: real-shaped 3v3 UpdateState snapshots (bench/realistic.lua: ~1.9 KB, Data a
# JSON string, six players with every field) over 200 matches, NDJSON batches of 10, into the embedded H2 store and
# into PostgreSQL: paced at 24,000 events/s (200 matches x 120/s), then a flood; beside them, in the same run, a bare
# Quarkus app (bench/bare) answering 202 to the same bodies without reading them. Server on core 0, wrk on core 1.
# Prints one row per run, then small events (bench/post.lua, one per request) flooded at both, same run.
# Since 2026-11-26 19:30 a row also gives the requests that waited for room (inorder.queue.max-wait) and wrk's p99
# round trip: a wait moves delay from refusals into answers, and lag (accept -> applied) does not see it. Since 20:10,
# what wrk sent (answers a second x 10); since 21:00 its schedule sends late the slots no connection was free for
# (bench/pace.lua), where it skipped them before and "paced 24,000" sent a little less. The row: lib.sh's snapshot_row.
# Usage: bench/realistic.sh   (about 16 minutes; SECS=30 per row, WARM=120 s of JIT warm-up at the paced rate by default:
# on one core the C2 compiler still took 20-33 % of it 40 s after start, and fell under 1 % only after ~110 s (measured
# per thread from /proc, 10 s windows; bench/README.md); CHANGE_EVERY, see realistic.lua)
source "$(dirname "$0")/lib.sh"

SECS=${SECS:-30}
WARM=${WARM:-120}
PACED_RATE=${PACED_RATE:-2400} # requests/s of 10 events: 24,000 events/s
BARE_JAR=bench/bare/target/quarkus-app/quarkus-run.jar
[ -f "$BARE_JAR" ] || ./mvnw -B -q -f bench/bare/pom.xml package -DskipTests

metric() { curl -s "$URL/q/metrics" | awk -v m="$1" '$1 == m {print int($2)}'; }

bare() { # bare SCRIPT EVENTS_PER_REQUEST: the bare endpoint's events/s under a flood of the script's bodies
    env taskset -c 0 java $JVM_OPTS -Dquarkus.http.port="$PORT" -jar "$BARE_JAR" > target/bench-bare.log 2>&1 &
    local bare_pid=$!
    for _ in $(seq 150); do curl -s -o /dev/null -X POST "$URL/events" && break; sleep 0.2; done
    env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s "$1" "$URL/events" >/dev/null # warm-up
    local out
    out=$(env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${SECS}s" -s "$1" "$URL/events")
    kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true
    awk -v n="$2" '/Requests\/sec/ {printf "%d", $2 * n}' <<<"$out"
}

store() { # store LABEL [ENV=VALUE...]
    local label=$1
    shift
    start_server "$@"
    env CONNS=64 RATE="$PACED_RATE" taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s bench/realistic.lua "$URL/events" >/dev/null # JIT warm-up
    await_drained
    snapshot_row "$label, paced 24,000 ev/s" "$PACED_RATE"; echo " — | — |"
    snapshot_row "$label, flood" 0; echo " $BARE | $(python3 -c "print(f'{$APPLIED / $BARE:.3f}')") |"
    stop_server
}

echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); JVM options: $JVM_OPTS; $(java -version 2>&1 | head -1)"
BARE=$(bare bench/realistic.lua 10)
echo "| run ($SECS s) | sent ev/s (wrk) | applied ev/s | 503s (requests) | waited (requests) | lag p99 (bucket) | answer p99 (wrk) | order breaches | max RSS MB | bare endpoint ev/s | ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
rm -rf target/bench-data
store "H2" INORDER_DATA_DIR=./target/bench-data
fresh_postgres
store "PostgreSQL" "${POSTGRES[@]}"

# Small events, one per request (the README's first shape): the bare endpoint, then InOrder on H2, both flooded.
SMALL_BARE=$(bare bench/post.lua 1)
rm -rf target/bench-data
start_server INORDER_DATA_DIR=./target/bench-data
env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s bench/post.lua "$URL/events" >/dev/null
await_drained
p0=$(field processed)
env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${SECS}s" -s bench/post.lua "$URL/events" >/dev/null
p1=$(field processed)
await_drained
stop_server
SMALL=$(( (p1 - p0) / SECS ))
echo
echo "small events, one per request, flood: InOrder (H2) $SMALL applied/s, bare endpoint $SMALL_BARE/s, ratio $(python3 -c "print(f'{$SMALL / $SMALL_BARE:.2f}')")"
