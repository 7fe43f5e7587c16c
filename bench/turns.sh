#!/usr/bin/env bash
# Small events (bench/post.lua, one per request) at several servers alive side by side on core 0, flooded in turn:
# WARM s (120) of warm-up in 30 s turns, then ROUNDS (10) rounds of SECS (10) s each, one server after the other.
# Prints each round's requests/s and each server's ratio to the first, then the medians of those ratios. Taking turns
# every few seconds, a change of this VM's speed (seen: 15 % within minutes) falls on every server alike, which
# bench/cpu.sh's minutes-long turns do not give: use this one for differences of a few per cent.
# Arguments: builds as bench/ab.sh and bench/cpu.sh take them ("DIR[,ENV=VALUE ...]", each with its own H2 file), or
# "bare" for the bare app of bench/bare (its POST /events). Ports from 8090 up (8091 skipped: bench/lib.sh's bare port).
# Usage: bench/turns.sh bare target/quarkus-app "target/quarkus-app,INORDER_PROCESSING_HANDLER=memory"
# (about WARM / 30 × 30 s + ROUNDS × SECS s a server)
source "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-10}
SECS=${SECS:-10}
WARM=${WARM:-120}
[ $# -ge 2 ] || { echo "usage: bench/turns.sh SERVER SERVER [SERVER...]" >&2; exit 1; }
SERVERS=("$@")
PIDS=()
PORTS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

for i in "${!SERVERS[@]}"; do
    PORT=$((8090 + i + (i > 0 ? 1 : 0)))
    URL=http://127.0.0.1:$PORT
    if [ "${SERVERS[$i]}" = bare ]; then
        start_bare "$PORT"
        PID=$BARE_PID
    else
        rm -rf "target/bench-turns-$i"
        start_build "${SERVERS[$i]}" INORDER_DATA_DIR="./target/bench-turns-$i"
    fi
    PIDS+=("$PID")
    PORTS+=("$PORT")
    PID=
done

for _ in $(seq $((WARM / 30))); do
    for port in "${PORTS[@]}"; do small_flood "http://127.0.0.1:$port/events" 30 >/dev/null; done
done

echo "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); JVM options: $JVM_OPTS; $(java -version 2>&1 | head -1)"
echo "| round | $(printf '%s req/s | ' "${SERVERS[@]}")$(printf '%s / first | ' "${SERVERS[@]:1}")"
echo "|---|$(printf -- '---|%.0s' "${SERVERS[@]}" "${SERVERS[@]:1}")"
: > target/bench-turns.txt
for round in $(seq "$ROUNDS"); do
    rates=()
    for port in "${PORTS[@]}"; do rates+=("$(small_flood "http://127.0.0.1:$port/events" "$SECS")"); done
    ratios=()
    for rate in "${rates[@]:1}"; do ratios+=("$(python3 -c "print(f'{$rate / ${rates[0]}:.3f}')")"); done
    echo "${ratios[*]}" >> target/bench-turns.txt
    echo "| $round | $(printf '%s | ' "${rates[@]}")$(printf '%s | ' "${ratios[@]}")"
done
echo
for i in $(seq 1 $((${#SERVERS[@]} - 1))); do
    echo "median of $ROUNDS rounds, ${SERVERS[$i]} / ${SERVERS[0]}: $(cut -d' ' -f"$i" target/bench-turns.txt | median)"
done
