#!/usr/bin/env bash
# CPU per request of small events (bench/post.lua, one per request), per thread group, for builds side by side:
# each build (a copy of target/quarkus-app, as bench/ab.sh takes them) is started on core 0, flooded WARM s (90), then
# SECS s (30) measured; ROUNDS (3) rounds, the builds alternated within each. Prints one row per build and round:
# requests/s, and for the event loop, the ordered consumer, the JIT compiler and the VM thread (the collector on one
# core) their share of the core and microseconds of CPU per request (/proc/PID/task/*/stat). With BARE=1, the bare
# app's endpoint and its /shaped after the builds in each round (bench/bare, built when missing).
# As in bench/ab.sh, an argument "DIR,ENV=VALUE ENV=VALUE" starts DIR with those variables (the same build with a
# setting changed, alternated like builds: "target/quarkus-app,INORDER_PROCESSING_LINGER=0s").
# Usage: bench/cpu.sh [APP_DIR[,ENV=VALUE ...]...]   (default: target/quarkus-app; about 2.2 minutes a build and round)
source "$(dirname "$0")/lib.sh"

WARM=${WARM:-90}
SECS=${SECS:-30}
ROUNDS=${ROUNDS:-3}
HZ=$(getconf CLK_TCK)
APPS=("$@")
[ ${#APPS[@]} -gt 0 ] || APPS=(target/quarkus-app)

measure() { # measure PID URL LABEL: a row
    local out rps
    env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s bench/post.lua "$2" >/dev/null
    thread_ticks "$1" > target/bench-cpu-a.txt
    out=$(env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${SECS}s" -s bench/post.lua "$2")
    thread_ticks "$1" > target/bench-cpu-b.txt
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    join target/bench-cpu-a.txt target/bench-cpu-b.txt | awk -v hz="$HZ" -v s="$SECS" -v r="$rps" -v label="$3" '
        {d[$1] = $3 - $2}
        function cell(k) {return sprintf("%.1f %% / %.2f µs", d[k] * 100 / (hz * s), d[k] * 1e6 / hz / (r * s))}
        END {printf "| %s | %d | %s | %s | %s | %s |\n", label, r, cell("vert.x-eventloo"), cell("inorder-process"),
            cell("C2_CompilerThre"), cell("VM_Thread")}'
}

echo "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); JVM options: $JVM_OPTS; $(java -version 2>&1 | head -1)"
echo "| build, round | req/s | event loop (share / per request) | consumer | JIT compiler | VM thread (collector) |"
echo "|---|---|---|---|---|---|"
for round in $(seq "$ROUNDS"); do
    for app in "${APPS[@]}"; do
        start_build "$app"
        measure "$PID" "$URL/events" "$app, $round"
        stop_server
    done
    if [ -n "${BARE:-}" ]; then
        start_bare $((PORT + 1))
        measure "$BARE_PID" "http://127.0.0.1:$((PORT + 1))/events" "bare endpoint, $round"
        measure "$BARE_PID" "http://127.0.0.1:$((PORT + 1))/shaped" "bare /shaped, $round"
        kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true
    fi
done
