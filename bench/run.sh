#!/usr/bin/env bash
# The ordered path with the in-memory handler (no database): accept throughput, in-order processing, latency, RSS.
# Usage: bench/run.sh   (builds the jar when missing; about 4 minutes). Env: BENCH_JVM_OPTS (-Xmx200m -Xmn120m), PORT (8090).
source "$(dirname "$0")/lib.sh"

echo "JVM options: $JVM_OPTS; $(nproc) cores; $(java -version 2>&1 | head -1)"
start_server INORDER_PROCESSING_HANDLER=memory
header
load "warm-up (singles flood, not a figure)" 25 >/dev/null
load "singles, flood" 10
load "singles, paced at 34,000 req/s" 10 RATE=34000
load "singles, paced at 10,000 req/s" 10 RATE=10000
load "batches of 50, paced at 3,400 req/s" 10 BATCH=50 RATE=3400
load "batches of 50, flood" 10 BATCH=50

echo
echo "RSS during a 60 s flood of batches of 50 at default capacity (10,000):"
max=0
( BATCH=50 CONNS=64 taskset -c 1 wrk -t1 -c64 -d60s -s bench/post.lua "$URL/events" > target/bench-rss.txt ) &
WRK=$!
while kill -0 "$WRK" 2>/dev/null; do r=$(rss_mb); [ "$r" -gt "$max" ] && max=$r; sleep 1; done
echo "max RSS: ${max} MB; $(grep Requests/sec target/bench-rss.txt); order breaches: $(field orderBreaches)"
stop_server

echo
echo "The same with one event per message (INORDER_PROCESSING_MAX_CHUNK=1), as the default dispatch runs it:"
start_server INORDER_PROCESSING_HANDLER=memory INORDER_PROCESSING_MAX_CHUNK=1
header
load "warm-up (singles flood, not a figure)" 20 >/dev/null
load "singles, flood, max-chunk 1" 10
