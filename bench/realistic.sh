#!/usr/bin/env bash
# Real matches at the game's full rate: real-shaped 3v3 UpdateState snapshots (bench/realistic.lua: ~1.9 KB, Data a
# JSON string, six players with every field) over 200 matches, NDJSON batches of 10, into the embedded H2 store and
# into PostgreSQL: paced at 24,000 events/s (200 matches x 120/s), then a flood; beside them, in the same run, a bare
# Quarkus app (bench/bare) answering 202 to the same bodies without reading them. Server on core 0, wrk on core 1.
# Prints one row per run, then small events (bench/post.lua, one per request) flooded in turns at InOrder, the bare
# endpoint, bench/bare's /shaped (the same request read by Quarkus REST, nothing kept) and /validated (/shaped walking
# the body's JSON tokens: the least a check that the body is JSON costs), same run.
# Since 2026-11-26 19:30 a row also gives the requests that waited for room (inorder.queue.max-wait) and wrk's p99
# round trip: a wait moves delay from refusals into answers, and lag (accept -> applied) does not see it. Since 20:10,
# what wrk sent (answers a second x 10); since 21:00 its schedule sends late the slots no connection was free for
# (bench/pace.lua), where it skipped them before and "paced 24,000" sent a little less. The row: lib.sh's snapshot_row.
# Usage: bench/realistic.sh   (about 16 minutes; SECS=30 per row, WARM=120 s of JIT warm-up at the paced rate by default:
# on one core the C2 compiler still took 20-33 % of it 40 s after start, and fell under 1 % only after ~110 s (measured
# per thread from /proc, 10 s windows; bench/README.md); CHANGE_EVERY, see realistic.lua; SMALL_ONLY=1: only the small
# events, beside the bare endpoint and bench/bare's /shaped and /validated)
source "$(dirname "$0")/lib.sh"

SECS=${SECS:-30}
WARM=${WARM:-120}
PACED_RATE=${PACED_RATE:-2400} # requests/s of 10 events: 24,000 events/s

metric() { curl -s "$URL/q/metrics" | awk -v m="$1" '$1 == m {print int($2)}'; }

bare() { # bare SCRIPT EVENTS_PER_REQUEST: the bare endpoint's events/s under a flood of the script's bodies
    start_bare "$PORT"
    env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s "$1" "$URL/events" >/dev/null # warm-up
    local out
    out=$(env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${SECS}s" -s "$1" "$URL/events")
    kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true
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
if [ -z "${SMALL_ONLY:-}" ]; then # SMALL_ONLY=1: only the small events' lines
BARE=$(bare bench/realistic.lua 10)
echo "| run ($SECS s) | sent ev/s (wrk) | applied ev/s | 503s (requests) | waited (requests) | lag p99 (bucket) | answer p99 (wrk) | order breaches | max RSS MB | bare endpoint ev/s | ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
rm -rf target/bench-data
store "H2" INORDER_DATA_DIR=./target/bench-data
fresh_postgres
store "PostgreSQL" "${POSTGRES[@]}"
fi

# Small events, one per request (the README's first shape): InOrder on H2 and the bare app, both started on core 0
# and warmed, then flooded in turn, ROUNDS times, SMALL_SECS each: the bare endpoint, its /shaped (a Quarkus REST
# resource reading the same body and headers, a JSON 202, nothing kept), its /validated (/shaped walking the body's
# JSON tokens, a 400 when it is not JSON), InOrder (the window ends drained). Taken in turns, a change of the machine's
# speed during the run (seen: the bare endpoint at 34k and 66k an hour apart) falls on all four alike; the ratios are
# the medians of the rounds'.
ROUNDS=${ROUNDS:-5}
SMALL_SECS=${SMALL_SECS:-10}
BARE_PORT=$((PORT + 1))
rm -rf target/bench-data
start_server INORDER_DATA_DIR=./target/bench-data
start_bare "$BARE_PORT"
trap 'stop_server; kill "$BARE_PID" 2>/dev/null || true' EXIT
small_flood "http://127.0.0.1:$BARE_PORT/events" "$WARM" >/dev/null
small_flood "http://127.0.0.1:$BARE_PORT/shaped" "$WARM" >/dev/null
small_flood "http://127.0.0.1:$BARE_PORT/validated" "$WARM" >/dev/null
small_flood "$URL/events" "$WARM" >/dev/null
await_drained
echo
echo "| round | bare endpoint req/s | /shaped req/s | /validated req/s | InOrder applied ev/s | shaped / bare | validated / bare | InOrder / bare | InOrder / shaped |"
echo "|---|---|---|---|---|---|---|---|---|"
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
: > target/bench-small.txt
for round in $(seq "$ROUNDS"); do
    b=$(small_flood "http://127.0.0.1:$BARE_PORT/events" "$SMALL_SECS")
    sh=$(small_flood "http://127.0.0.1:$BARE_PORT/shaped" "$SMALL_SECS")
    va=$(small_flood "http://127.0.0.1:$BARE_PORT/validated" "$SMALL_SECS")
    p0=$(field processed)
    small_flood "$URL/events" "$SMALL_SECS" >/dev/null
    p1=$(field processed)
    await_drained
    io=$(( (p1 - p0) / SMALL_SECS ))
    # /shaped does all the bare endpoint does and more: answering as many, the server was not what set the pace
    # (seen: wrk's core slowed and held both at ~60,000, so InOrder's ratio went up by 0.1). Such a round is shown
    # and left out of the medians.
    note=""
    if [ $((sh * 100)) -ge $((b * 95)) ]; then
        note=" (load generator bound: not counted)"
    else
        echo "$(ratio "$sh" "$b") $(ratio "$io" "$b") $(ratio "$io" "$sh") $(ratio "$va" "$b")" >> target/bench-small.txt
    fi
    echo "| $round$note | $b | $sh | $va | $io | $(ratio "$sh" "$b") | $(ratio "$va" "$b") | $(ratio "$io" "$b") | $(ratio "$io" "$sh") |"
done
echo
echo "small events, one per request, flood, medians of $(wc -l < target/bench-small.txt) of $ROUNDS rounds: InOrder $(cut -d' ' -f2 target/bench-small.txt | median) of the bare endpoint; a Quarkus REST resource that reads the same request and keeps nothing $(cut -d' ' -f1 target/bench-small.txt | median); the same, walking the body's JSON tokens $(cut -d' ' -f4 target/bench-small.txt | median); InOrder $(cut -d' ' -f3 target/bench-small.txt | median) of that resource"
