#!/usr/bin/env bash
# The store: UpdateState snapshots of 6 players over 50 matches, into the embedded H2 file, then into PostgreSQL
# (127.0.0.1:5432, database test, schema inorder_bench). Prints sustained throughput and accept-to-applied lag.
# Usage: bench/store.sh   (about 3 minutes)
source "$(dirname "$0")/lib.sh"

SNAPSHOTS=(PLAYERS=6 MATCHES=50)
run_store() {
    local label=$1
    shift
    start_server "$@"
    header
    load "warm-up (not a figure)" 25 "${SNAPSHOTS[@]}" >/dev/null
    load "$label: 6-player snapshots, flood" 15 "${SNAPSHOTS[@]}"
    load "$label: batches of 50, flood" 15 BATCH=50 "${SNAPSHOTS[@]}"
    lag "$label: 1,000 events/s for 20 s" 20 1000 "${SNAPSHOTS[@]}"
    stop_server
    echo
}

echo "JVM options: $JVM_OPTS; $(nproc) cores"
rm -rf target/bench-data
run_store "H2 file" INORDER_DATA_DIR=./target/bench-data
fresh_postgres
run_store "PostgreSQL" "${POSTGRES[@]}"
