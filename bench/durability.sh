#!/usr/bin/env bash
# What "committed means durable" costs on the embedded H2 store: WRITE_DELAY=0 (the default: each commit written to
# the file before the consumer goes on) against H2's own default of 500 ms, with the group commit per chunk.
# Usage: bench/durability.sh   (about 2 minutes). Env: BENCH_JVM_OPTS (-Xmx200m), PORT (8090).
source "$(dirname "$0")/lib.sh"

echo "JVM options: $JVM_OPTS; $(nproc) cores; $(java -version 2>&1 | head -1)"
header
for delay in 0 500; do
    rm -rf target/bench-durability-data
    start_server INORDER_DATA_DIR=target/bench-durability-data \
        QUARKUS_DATASOURCE_EMBEDDED_JDBC_URL="jdbc:h2:file:retry:./target/bench-durability-data/inorder;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=$delay"
    load "warm-up (not a figure)" 20 PLAYERS=6 MATCHES=50 BATCH=10 >/dev/null
    load "H2 WRITE_DELAY=$delay: 6-player snapshots, 50 matches, batches of 10, flood" 10 PLAYERS=6 MATCHES=50 BATCH=10
    stop_server
done
