#!/usr/bin/env bash
# Measures ingest and in-order processing with wrk: the server pinned to core 0, the load to core 1.
# Usage: bench/run.sh            (builds the jar when missing; about 4 minutes)
# Env:   BENCH_JVM_OPTS (default -Xmx256m), PORT (default 8090)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8090}
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx256m}
URL=http://127.0.0.1:$PORT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

PID=
start_server() { # start_server [ENV=VALUE...]
    env "$@" taskset -c 0 java $JVM_OPTS -Dquarkus.http.port="$PORT" -jar target/quarkus-app/quarkus-run.jar \
        > target/bench-server.log 2>&1 &
    PID=$!
    for _ in $(seq 100); do curl -sf "$URL/queue" >/dev/null && return; sleep 0.2; done
    echo "server did not start; see target/bench-server.log" >&2; exit 1
}
stop_server() { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
trap stop_server EXIT

field() { curl -s "$URL/queue" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$PID/status"; }

# load NAME SECONDS BATCH [RATE]: runs wrk, then prints one table row.
load() {
    local name=$1 secs=$2 batch=$3 rate=${4:-0}
    local a0 p0 r0 out
    a0=$(field accepted); p0=$(field processed); r0=$(field rejected)
    out=$(BATCH=$batch RATE=$rate CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${secs}s" --latency -s bench/post.lua "$URL/events")
    local p1 a1 r1
    p1=$(field processed); a1=$(field accepted); r1=$(field rejected)
    local reqs p99 non2xx
    reqs=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
    printf '| %-34s | %8.0f | %9.0f | %9.0f | %7s | %8s | %4s |\n' "$name" "$reqs" \
        "$(( (a1 - a0) / secs ))" "$(( (p1 - p0) / secs ))" "$((r1 - r0))" "$p99" "$(field orderBreaches)"
}

header() {
    echo "| run | req/s | accepted ev/s | applied ev/s | 503s | p99 | order breaches |"
    echo "|---|---|---|---|---|---|---|"
}

echo "JVM options: $JVM_OPTS; $(nproc) cores; $(java -version 2>&1 | head -1)"
start_server
header
load "warm-up (singles flood, not a figure)" 25 1 >/dev/null
load "singles, flood" 10 1
load "singles, paced at 34,000 req/s" 10 1 34000
load "singles, 10,000 req/s (latency)" 10 1 10000
load "batches of 50, 3,400 req/s" 10 50 3400
load "batches of 50, flood" 10 50

echo
echo "RSS during a 60 s flood of batches of 50 at default capacity (10,000):"
max=0
( BATCH=50 CONNS=64 taskset -c 1 wrk -t1 -c64 -d60s -s bench/post.lua "$URL/events" > target/bench-rss.txt ) &
WRK=$!
while kill -0 "$WRK" 2>/dev/null; do r=$(rss_mb); [ "$r" -gt "$max" ] && max=$r; sleep 1; done
echo "max RSS: ${max} MB; $(grep Requests/sec target/bench-rss.txt); order breaches: $(field orderBreaches)"
stop_server

echo
echo "The same pipeline with one event per message (INORDER_PROCESSING_MAX_CHUNK=1), as the default dispatch runs it:"
start_server INORDER_PROCESSING_MAX_CHUNK=1
header
load "warm-up (singles flood, not a figure)" 20 1 >/dev/null
load "singles, flood, max-chunk 1" 10 1
