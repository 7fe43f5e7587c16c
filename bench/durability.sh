#!/usr/bin/env bash
# What "committed means durable" costs on the embedded H2 store, with the group commit per chunk: the default
# (WRITE_DELAY=0 and CHECKPOINT SYNC after each commit: survives a power loss), WRITE_DELAY=0 alone (survives a crash
# of the process), and H2's own default (commits written up to 500 ms later).
# Usage: bench/durability.sh   (about 3 minutes). Env: BENCH_JVM_OPTS (-Xmx200m -Xmn120m), PORT (8090).
source "$(dirname "$0")/lib.sh"

echo "JVM options: $JVM_OPTS; $(nproc) cores; $(java -version 2>&1 | head -1); $(df -h --output=source,fstype . | tail -1)"
header
for setting in "0 true" "0 false" "500 false"; do
    read -r delay sync <<<"$setting"
    rm -rf target/bench-durability-data
    start_server INORDER_DATA_DIR=target/bench-durability-data INORDER_STORE_SYNC_COMMITS="$sync" \
        QUARKUS_DATASOURCE_EMBEDDED_JDBC_URL="jdbc:h2:file:retry:./target/bench-durability-data/inorder;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=$delay"
    load "warm-up (not a figure)" 20 PLAYERS=6 MATCHES=50 BATCH=10 >/dev/null
    load "H2 WRITE_DELAY=$delay, sync-commits $sync: 6-player snapshots, 50 matches, batches of 10, flood" 10 \
        PLAYERS=6 MATCHES=50 BATCH=10
    stop_server
done
