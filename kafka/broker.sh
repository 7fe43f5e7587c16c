#!/usr/bin/env bash
# A real single-node Kafka broker in KRaft mode, from Kafka's own artifacts on Maven Central (no Docker), on loopback.
# Usage: kafka/broker.sh start | stop | status      Listens on 127.0.0.1:19092 (controller 19093); libs and data in
# kafka/work/ (kept out of target/, so that `mvn clean` does not pull them from under a running broker).
# org.apache.kafka:kafka_2.13:4.1.1 and kafka-tools:4.1.1 resolve completely from the project's Maven mirror (4.4.0 does not).
set -euo pipefail
cd "$(dirname "$0")/.."
KAFKA_VERSION=4.1.1
HOME_DIR=kafka/work
LIBS=$HOME_DIR/libs
DATA=kafka/work/data
PORT=19092

fetch() {
    [ -d "$LIBS" ] && [ -n "$(ls "$LIBS" 2>/dev/null)" ] && return
    mkdir -p "$HOME_DIR"
    cat > "$HOME_DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.inorder</groupId><artifactId>kafka-broker</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
  </dependencies>
</project>
POM
    ./mvnw -B -q -f "$HOME_DIR/pom.xml" dependency:copy-dependencies -DoutputDirectory="$(pwd)/$LIBS" -DincludeScope=runtime
}

configure() {
    mkdir -p "$DATA"
    cat > "$HOME_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:19093
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:19093
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$(pwd)/$DATA
num.partitions=4
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
    if [ ! -f "$DATA/meta.properties" ]; then
        java -cp "$LIBS/*" kafka.tools.StorageTool format -t "$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid)" \
            -c "$HOME_DIR/server.properties" >/dev/null
    fi
}

listening() { (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; }

case "${1:-}" in
    start)
        listening && { echo "kafka: already listening on 127.0.0.1:$PORT"; exit 0; }
        fetch
        configure
        nohup java -Xmx512m -cp "$LIBS/*" kafka.Kafka "$HOME_DIR/server.properties" > "$HOME_DIR/broker.log" 2>&1 &
        echo $! > "$HOME_DIR/broker.pid"
        for _ in $(seq 60); do listening && { echo "kafka: listening on 127.0.0.1:$PORT"; exit 0; }; sleep 1; done
        echo "kafka: did not start; see $HOME_DIR/broker.log" >&2; exit 1 ;;
    stop)
        if [ -f "$HOME_DIR/broker.pid" ]; then
            pid=$(cat "$HOME_DIR/broker.pid")
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        fi
        rm -f "$HOME_DIR/broker.pid"; echo "kafka: stopped" ;;
    status)
        listening && echo "kafka: listening on 127.0.0.1:$PORT" || { echo "kafka: down"; exit 1; } ;;
    *)
        echo "usage: kafka/broker.sh start | stop | status" >&2; exit 2 ;;
esac
