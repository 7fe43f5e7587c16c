#!/usr/bin/env bash
# The embedded H2 file under a steady rate: real snapshots (bench/realistic.lua) paced at RATE requests/s of 10 events
# (default 2400: 24,000 events/s) for MINUTES (default 5), once with the store's H2 upkeep as shipped (store.H2Upkeep:
# a compaction pass every 5 s ending in CHECKPOINT SYNC, unused chunks kept 10 s since commits are forced to the disk)
# and once with it off (inorder.store.compact-every=0s: no pass, H2's 45 s retention; the store before 2026-11-27).
# Prints, each minute: events applied a second, the file's size, and the share of the core taken by the upkeep thread
# and by the consumer (from /proc).
# Usage: bench/h2file.sh   (about 2 x MINUTES + 1 minutes)
source "$(dirname "$0")/lib.sh"

MINUTES=${MINUTES:-5}
RATE=${RATE:-2400}
HZ=$(getconf CLK_TCK)

ticks_of() { # ticks_of NAME-PREFIX: CPU ticks so far of the server's threads whose name starts so (lib.sh)
    thread_ticks "$PID" | awk -v p="$1" 'index($1, p) == 1 {s += $2} END {print s + 0}'
}

share() { awk -v a="$1" -v b="$2" -v hz="$HZ" 'BEGIN {print (b - a) * 100 / (hz * 60)}'; } # share TICKS0 TICKS1: % of a minute

run() { # run LABEL COMPACT_EVERY
    rm -rf target/bench-data
    start_server INORDER_DATA_DIR=./target/bench-data INORDER_STORE_COMPACT_EVERY="$2"
    env CONNS=64 RATE="$RATE" taskset -c 1 wrk -t1 -c64 -d"$((MINUTES * 60))s" -s bench/realistic.lua "$URL/events" >/dev/null &
    local load=$! p0 p1 c0 c1 k0 k1
    p0=$(field processed); c0=$(ticks_of inorder-h2-up); k0=$(ticks_of inorder-process)
    for minute in $(seq "$MINUTES"); do
        sleep 60
        p1=$(field processed); c1=$(ticks_of inorder-h2-up); k1=$(ticks_of inorder-process)
        printf '| %s | %d | %d | %d | %.1f %% | %.1f %% | %d |\n' "$1" "$minute" "$(( (p1 - p0) / 60 ))" \
            "$(( $(stat -c %s target/bench-data/inorder.mv.db) / 1048576 ))" \
            "$(share "$c0" "$c1")" "$(share "$k0" "$k1")" "$(field rejected)"
        p0=$p1; c0=$c1; k0=$k1
    done
    wait "$load" || true
    stop_server
}

echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); JVM options: $JVM_OPTS; paced $((RATE * 10)) events/s"
echo "| upkeep | minute | applied ev/s | H2 file MB | upkeep thread | consumer | refused (total) |"
echo "|---|---|---|---|---|---|---|"
run "as shipped" 5s
run "off (before)" 0s
