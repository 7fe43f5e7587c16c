#!/usr/bin/env bash
# What a synced commit costs this machine's disk, alone (bench/SyncCost.java, on core 0, in target/ beside the data
# the benches write): fsync against fdatasync, CPU and wall time a commit. COMMITS (2000), KB (32) rewritten and forced
# each time. Usage: bench/sync.sh   (about 10 s)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
taskset -c 0 java bench/SyncCost.java "${COMMITS:-2000}" "${KB:-32}" target/sync-cost.bin
rm -f target/sync-cost.bin
