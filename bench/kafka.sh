#!/usr/bin/env bash
# Through Kafka: the kafka profile on the local KRaft broker (kafka/broker.sh), a fresh 4-partition topic per run,
# PostgreSQL store (127.0.0.1:5432, schema inorder_kbench); one instance, then two in one consumer group, each loaded by
# its own wrk. Prints events/s accepted (a 202 is the broker's acks=all acknowledgement) and applied (end to end,
# until the consumers caught up), and the accept-to-applied lag p99 at a paced 1,000 events/s.
# Nothing is pinned: broker, PostgreSQL, the instances and wrk share this machine's cores.
# Usage: bench/kafka.sh   (about 4 minutes)
source "$(dirname "$0")/lib.sh"

KAFKA=127.0.0.1:19092
SCHEMA=inorder_kbench
LOAD=(BATCH=10 PLAYERS=6 MATCHES=50)
PIDS=()

kafka/broker.sh start >/dev/null

start_instance() { # start_instance PORT TOPIC
    env QUARKUS_PROFILE=kafka KAFKA_BOOTSTRAP_SERVERS=$KAFKA INORDER_KAFKA_TOPIC="$2" MP_MESSAGING_INCOMING_EVENTS_GROUP_ID="$2" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
        QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA INORDER_DATA_DIR="./target/kbench-data-$1" \
        java $JVM_OPTS -Dquarkus.http.port="$1" -jar target/quarkus-app/quarkus-run.jar > "target/bench-kafka-$1.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 150); do curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null && return; sleep 0.2; done
    echo "instance on $1 did not start; see target/bench-kafka-$1.log" >&2; exit 1
}
stop_instances() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; PIDS=(); }
trap stop_instances EXIT

total() { # total FIELD PORT... : the field of GET /queue, summed over instances
    local f=$1 sum=0 v
    shift
    for port in "$@"; do
        v=$(curl -s "http://127.0.0.1:$port/queue" | python3 -c "import json,sys; print(json.load(sys.stdin)['$f'])")
        sum=$((sum + v))
    done
    echo $sum
}

flood() { # flood SECONDS PORT... : one wrk per instance, 64 connections shared out, in parallel
    local secs=$1 conns=$((64 / ($# - 1))) wrks=()
    shift
    for port in "$@"; do
        env CONNS=$conns "${LOAD[@]}" wrk -t1 -c$conns -d"${secs}s" -s bench/post.lua "http://127.0.0.1:$port/events" \
            > "target/bench-kafka-wrk-$port.txt" &
        wrks+=($!)
    done
    wait "${wrks[@]}"
}

await_caught_up() { # until the instances processed all they accepted (at most 120 s)
    for _ in $(seq 1200); do
        [ "$(total processed "$@")" -ge "$(total accepted "$@")" ] && return
        sleep 0.1
    done
    echo "consumers did not catch up within 120 s" >&2
}

run() { # run LABEL PORT...
    local label=$1 topic=bench-$RANDOM$RANDOM
    shift
    java -cp "kafka/work/libs/*" org.apache.kafka.tools.TopicCommand --bootstrap-server $KAFKA --create --topic "$topic" \
        --partitions 4 --replication-factor 1 >/dev/null
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null
    for port in "$@"; do start_instance "$port" "$topic"; done
    flood 20 "$@"                           # warm-up, not a figure
    await_caught_up "$@"
    local a0 p0 r0 t0 a1 r1 p1 t1 breaches
    a0=$(total accepted "$@"); p0=$(total processed "$@"); r0=$(total rejected "$@"); t0=$(date +%s.%N)
    flood 20 "$@"
    a1=$(total accepted "$@"); r1=$(total rejected "$@")
    await_caught_up "$@"
    p1=$(total processed "$@"); t1=$(date +%s.%N); breaches=$(total orderBreaches "$@")
    printf '| %s | %d | %d | %d | %s |\n' "$label" "$(( (a1 - a0) / 20 ))" \
        "$(python3 -c "print(int(($p1 - $p0) / ($t1 - $t0)))")" "$((r1 - r0))" "$breaches"
    local before=() after=()
    for port in "$@"; do curl -s "http://127.0.0.1:$port/q/metrics" > "target/bench-kafka-before-$port.txt"; before+=("target/bench-kafka-before-$port.txt"); done
    local wrks=()
    for port in "$@"; do
        env CONNS=16 RATE=$((100 / $#)) "${LOAD[@]}" wrk -t1 -c16 -d20s -s bench/post.lua "http://127.0.0.1:$port/events" >/dev/null &
        wrks+=($!)
    done
    wait "${wrks[@]}"
    await_caught_up "$@"
    for port in "$@"; do curl -s "http://127.0.0.1:$port/q/metrics" > "target/bench-kafka-after-$port.txt"; after+=("target/bench-kafka-after-$port.txt"); done
    LAGS+=("$label, 1,000 events/s (100 requests of 10) for 20 s: lag p99 $(python3 bench/lag_p99.py "$(IFS=,; echo "${before[*]}")" "$(IFS=,; echo "${after[*]}")")")
    stop_instances
}

echo "JVM options: $JVM_OPTS; $(nproc) cores; 6-player snapshots over 50 matches, 10 events per request, 64 connections"
echo "| run | accepted ev/s (broker-acked) | applied ev/s (end to end) | 503s | order breaches |"
echo "|---|---|---|---|---|"
LAGS=()
run "Kafka, 1 instance" 8090
run "Kafka, 2 instances" 8090 8091
echo
printf '%s\n' "${LAGS[@]}"
