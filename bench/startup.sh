#!/usr/bin/env bash
# Start-up: the packaged jar on Java 17, on Java 25, and on Java 25 with an AOT cache (JEP 483/514/515) made by a
# training run of the same jar (it starts, takes a match's events, answers queries, and stops cleanly). Time from
# launch until /q/health/ready answers 200, on the H2 store the training run created (a restart: no migration), server
# on core 0, RUNS times each (default 5); prints the median and range.
# Usage: bench/startup.sh   (about 2 minutes)
source "$(dirname "$0")/lib.sh"
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
RUNS=${RUNS:-5}
APP=target/quarkus-app
AOT=target/inorder.aot

ready_ms() { # ready_ms JAVA [OPTIONS...]: ms from launch to ready, on the store the training run left (a restart)
    local start end
    start=$(date +%s%N)
    env INORDER_DATA_DIR=./target/bench-data taskset -c 0 "$@" $JVM_OPTS -Dquarkus.http.port="$PORT" -jar "$APP/quarkus-run.jar" \
        > target/bench-startup.log 2>&1 &
    PID=$!
    until curl -sf -o /dev/null "$URL/q/health/ready"; do sleep 0.01; done
    end=$(date +%s%N)
    stop_server
    echo $(( (end - start) / 1000000 ))
}

summary() { sort -n | awk '{a[NR]=$1} END {printf "median %d ms (%d - %d ms over %d runs)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }

echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); JVM options: $JVM_OPTS"
# Training run: what the cache holds is what this run loaded and linked.
rm -rf target/bench-data "$AOT"
env INORDER_DATA_DIR=./target/bench-data "$JAVA25" -XX:AOTCacheOutput="$AOT" $JVM_OPTS -Dquarkus.http.port="$PORT" \
    -jar "$APP/quarkus-run.jar" > target/bench-aot-training.log 2>&1 &
PID=$!
until curl -sf -o /dev/null "$URL/q/health/ready"; do sleep 0.05; done
env CONNS=8 PLAYERS=6 MATCHES=5 taskset -c 1 wrk -t1 -c8 -d5s -s bench/post.lua "$URL/events" >/dev/null
curl -sf -o /dev/null "$URL/matches"; curl -sf -o /dev/null "$URL/queue"
stop_server
ls -la "$AOT" | awk '{printf "AOT cache: %d MB\n", $5 / 1048576}'

echo "| JVM | time to ready |"
echo "|---|---|"
echo "| Java 17 | $(for _ in $(seq "$RUNS"); do ready_ms "$JAVA17"; done | summary) |"
echo "| Java 25 | $(for _ in $(seq "$RUNS"); do ready_ms "$JAVA25"; done | summary) |"
echo "| Java 25 + AOT cache | $(for _ in $(seq "$RUNS"); do ready_ms "$JAVA25" -XX:AOTCache="$AOT"; done | summary) |"
