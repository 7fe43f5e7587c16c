#!/usr/bin/env bash
# Builds side by side: for each argument in turn, a packaged app (a copy of target/quarkus-app) on core 0 with
# -Xmx200m -Xlog:gc, a fresh H2 file (and a fresh PostgreSQL schema), a WARM s flood of real snapshots (realistic.lua)
# then a SECS s flood; prints applied events/s, the collector's pauses as a share of the wall time, and max RSS.
# Usage: bench/ab.sh /tmp/app-before /tmp/app-after /tmp/app-before /tmp/app-after   (alternate: these VMs drift)
#        an argument "DIR,ENV=VALUE ENV=VALUE" runs DIR with those variables (e.g. the store on PostgreSQL, see lib.sh)
# About 100 s per argument.
source "$(dirname "$0")/lib.sh"
SECS=${SECS:-30}; WARM=${WARM:-60}
for arg in "$@"; do
  app=${arg%%,*}; extra=; [ "$arg" != "$app" ] && extra=${arg#*,}
  rm -rf target/bench-data; fresh_postgres
  env INORDER_DATA_DIR=./target/bench-data $extra taskset -c 0 java -Xmx200m -Xlog:gc:file=target/ab-gc.log -Dquarkus.http.port=$PORT -jar $app/quarkus-run.jar > target/bench-server.log 2>&1 &
  PID=$!
  for _ in $(seq 150); do curl -sf "$URL/queue" >/dev/null && break; sleep 0.2; done
  env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${WARM}s" -s bench/realistic.lua "$URL/events" >/dev/null
  await_drained
  p0=$(field processed); g0=$(wc -l < target/ab-gc.log)
  ( while sleep 1; do awk '/VmRSS/ {print int($2/1024)}' "/proc/$PID/status" 2>/dev/null; done ) > target/bench-rss.txt &
  s=$!
  out=$(env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"${SECS}s" -s bench/realistic.lua "$URL/events")
  p1=$(field processed)
  kill $s; wait $s 2>/dev/null || true
  gc=$(tail -n +$((g0+1)) target/ab-gc.log | awk '{x=$NF; gsub("ms","",x); s+=x} END {printf "%.1f", s/('$SECS'*10)}')
  echo "$arg applied=$(( (p1-p0)/SECS )) gc%=$gc rss=$(sort -n target/bench-rss.txt | tail -1)"
  stop_server
done
