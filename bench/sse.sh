#!/usr/bin/env bash
# Live fan-out against ingest: 1,500 events/s (6-player snapshots over 20 matches, batches of 10, paced) into the H2
# store, with no live client, then with 2,000 SSE clients on /live of which 200 never read: every client on every
# match, then each client following one match (?match=, as an OBS scoreboard does). The clients run on core 1 with
# wrk (bench/SseClients.java, one thread). Prints applied events/s, accept-to-applied lag p99, RSS, and the live
# feed's counters. Usage: bench/sse.sh   (about 6 minutes)
source "$(dirname "$0")/lib.sh"

SHAPE=(PLAYERS=6 MATCHES=20 BATCH=10)
SECS=${SECS:-40}
metric() { curl -s "$URL/q/metrics" | awk -v m="$1" '$1 == m {print int($2)}'; }

row() { # row NAME: paced 1,500 events/s for SECS seconds
    local p0 p1 r0 r1
    curl -s "$URL/q/metrics" > target/bench-metrics-before.txt
    p0=$(field processed); r0=$(field rejected)
    env CONNS=64 RATE=150 "${SHAPE[@]}" taskset -c 1 wrk -t1 -c64 -d"${SECS}s" -s bench/post.lua "$URL/events" >/dev/null
    p1=$(field processed); r1=$(field rejected)
    local rss; rss=$(rss_mb)
    await_drained
    curl -s "$URL/q/metrics" > target/bench-metrics-after.txt
    printf '| %s | %d | %d | %s | %s | %d | %s | %s | %s |\n' "$1" "$(( (p1 - p0) / SECS ))" "$((r1 - r0))" \
        "$(python3 bench/lag_mean.py target/bench-metrics-before.txt target/bench-metrics-after.txt)" \
        "$(python3 bench/lag_p99.py target/bench-metrics-before.txt target/bench-metrics-after.txt | cut -d' ' -f2-3)" \
        "$rss" "$(metric inorder_live_clients)" "$(metric inorder_live_stalled_total)" "$(metric inorder_live_dropped_total)"
}

CLIENTS_PID=
clients() { # clients N STALLED [QUERY]: starts the SSE clients and waits until the server counts them
    taskset -c 1 java bench/SseClients.java 127.0.0.1 "$PORT" "$@" > target/bench-sse-clients.log 2>&1 &
    CLIENTS_PID=$!
    for _ in $(seq 300); do [ "$(metric inorder_live_clients)" -ge "$1" ] 2>/dev/null && return; sleep 0.2; done
    echo "the live clients did not all connect: $(metric inorder_live_clients)" >&2
}
stop_clients() {
    [ -n "$CLIENTS_PID" ] && kill "$CLIENTS_PID" 2>/dev/null && wait "$CLIENTS_PID" 2>/dev/null || true
    CLIENTS_PID=
    for _ in $(seq 100); do [ "$(metric inorder_live_clients)" = 0 ] && return; sleep 0.2; done
}
trap 'stop_clients; stop_server' EXIT

echo "JVM options: $JVM_OPTS; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
rm -rf target/bench-data
start_server INORDER_DATA_DIR=./target/bench-data INORDER_LIVE_MAX_CLIENTS=2500
env CONNS=64 "${SHAPE[@]}" taskset -c 1 wrk -t1 -c64 -d20s -s bench/post.lua "$URL/events" >/dev/null # JIT warm-up
await_drained
echo "| run (1,500 events/s paced, ${SECS} s) | applied ev/s | 503s | lag mean | lag p99 (bucket) | RSS MB | live clients | let go (total) | dropped (total) |"
echo "|---|---|---|---|---|---|---|---|---|"
row "no live client"
clients 2000 200
row "2,000 clients on every match, 200 never reading"
stop_clients
clients 2000 200 "follow=BENCH%04d:20"
row "2,000 clients each following one match, 200 never reading"
stop_clients
row "no live client, again"
