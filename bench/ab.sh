#!/usr/bin/env bash
# Builds side by side: for each argument in turn, a packaged app (a copy of target/quarkus-app) on core 0 with
# lib.sh's JVM options and -Xlog:gc, a fresh H2 file (and a fresh PostgreSQL schema), a WARM s warm-up of real snapshots
# (realistic.lua) and a SECS s row; prints lib.sh's snapshot_row (sent, applied, refused and waited requests, lag and
# answer p99, breaches, max RSS) and the collector's pauses over the row and its drain as a share of SECS. A flood by
# default; RATE=2400 paces both (24,000 events/s) and ROWS=2 gives two rows per start (the first after warm-up is the
# noisier).
# Usage: bench/ab.sh /tmp/app-before /tmp/app-after /tmp/app-before /tmp/app-after   (alternate: these VMs drift)
#        an argument "DIR,ENV=VALUE ENV=VALUE" runs DIR with those variables (e.g. the store on PostgreSQL, see lib.sh)
# About 100 s per argument and row.
source "$(dirname "$0")/lib.sh"
SECS=${SECS:-30}; WARM=${WARM:-60}; RATE=${RATE:-0}; ROWS=${ROWS:-1}

gc_share() { # gc_share FROM_LINE: the collector's pauses logged after that line, as a share of SECS
  tail -n +$(($1 + 1)) target/ab-gc.log | awk -v secs="$SECS" '{x = $NF; gsub("ms", "", x); s += x} END {printf "%.1f %%", s / (secs * 10)}'
}

echo "| build ($SECS s) | sent ev/s (wrk) | applied ev/s | 503s (requests) | waited (requests) | lag p99 (bucket) | answer p99 (wrk) | order breaches | max RSS MB | collector |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for arg in "$@"; do
  rm -rf target/bench-data; fresh_postgres
  EXTRA_JVM_OPTS=-Xlog:gc:file=target/ab-gc.log start_build "$arg" INORDER_DATA_DIR=./target/bench-data
  env CONNS=64 RATE="$RATE" taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s bench/realistic.lua "$URL/events" >/dev/null
  await_drained
  for _ in $(seq "$ROWS"); do
    g0=$(wc -l < target/ab-gc.log)
    snapshot_row "$arg" "$RATE"; echo " $(gc_share "$g0") |"
  done
  stop_server
done
