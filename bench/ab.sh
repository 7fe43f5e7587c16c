#!/usr/bin/env bash
# Builds side by side: for each argument in turn, a packaged app (a copy of target/quarkus-app) on core 0 with
# -Xmx200m -Xlog:gc, a fresh H2 file (and a fresh PostgreSQL schema), a WARM s warm-up of real snapshots
# (realistic.lua) and a SECS s row; prints applied events/s, the requests refused and waited, lag p99, wrk's p99
# answer, the collector's pauses as a share of the wall time, and max RSS. A flood by default; RATE=2400 paces both
# (24,000 events/s) and ROWS=2 gives two rows per start (the first after warm-up is the noisier).
# Usage: bench/ab.sh /tmp/app-before /tmp/app-after /tmp/app-before /tmp/app-after   (alternate: these VMs drift)
#        an argument "DIR,ENV=VALUE ENV=VALUE" runs DIR with those variables (e.g. the store on PostgreSQL, see lib.sh)
# About 100 s per argument and row.
source "$(dirname "$0")/lib.sh"
SECS=${SECS:-30}; WARM=${WARM:-60}; RATE=${RATE:-0}; ROWS=${ROWS:-1}

row() { # row LABEL: one measured row on the running server
  local p0 r0 w0 g0 s out p1 r1 w1 gc
  curl -s "$URL/q/metrics" > target/bench-metrics-before.txt
  p0=$(field processed); r0=$(field rejected); w0=$(field waited); g0=$(wc -l < target/ab-gc.log)
  ( while sleep 1; do awk '/VmRSS/ {print int($2/1024)}' "/proc/$PID/status" 2>/dev/null; done ) > target/bench-rss.txt &
  s=$!
  out=$(env CONNS=64 RATE="$RATE" taskset -c 1 wrk -t1 -c64 -d"${SECS}s" --latency -s bench/realistic.lua "$URL/events")
  p1=$(field processed); r1=$(field rejected); w1=$(field waited)
  gc=$(tail -n +$((g0 + 1)) target/ab-gc.log | awk -v secs="$SECS" '{x = $NF; gsub("ms", "", x); s += x} END {printf "%.1f", s / (secs * 10)}')
  await_drained
  kill "$s"; wait "$s" 2>/dev/null || true
  curl -s "$URL/q/metrics" > target/bench-metrics-after.txt
  echo "$1 applied=$(( (p1 - p0) / SECS )) refused=$((r1 - r0)) waited=$((w1 - w0))" \
    "lag_p99=$(python3 bench/lag_p99.py target/bench-metrics-before.txt target/bench-metrics-after.txt | cut -d' ' -f2-3)" \
    "answer_p99=$(awk '$1 == "99%" {print $2}' <<<"$out") gc%=$gc rss=$(sort -n target/bench-rss.txt | tail -1)"
}

for arg in "$@"; do
  app=${arg%%,*}; extra=; [ "$arg" != "$app" ] && extra=${arg#*,}
  rm -rf target/bench-data; fresh_postgres
  # shellcheck disable=SC2086 # $extra is a list of VAR=VALUE words
  env INORDER_DATA_DIR=./target/bench-data $extra taskset -c 0 java -Xmx200m -Xlog:gc:file=target/ab-gc.log \
    -Dquarkus.http.port="$PORT" -jar "$app/quarkus-run.jar" > target/bench-server.log 2>&1 &
  PID=$!
  for _ in $(seq 150); do curl -sf "$URL/queue" >/dev/null && break; sleep 0.2; done
  env CONNS=64 RATE="$RATE" taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s bench/realistic.lua "$URL/events" >/dev/null
  await_drained
  for _ in $(seq "$ROWS"); do row "$arg"; done
  stop_server
done
