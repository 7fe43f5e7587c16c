#!/usr/bin/env bash
# The test command: installs and starts what the tests need, then runs every test (JUnit, Quarkus tests, the ITs
# against the packaged jar) and the dev-mode live-reload check. On a fresh Debian machine with Java 17:
#   tools/test.sh          (about 14 minutes on 2 cores, once the services are installed)
# What it sets up, each only when missing: PostgreSQL on 127.0.0.1:5432 (trust auth, database "test"), Mosquitto on
# 127.0.0.1:1883, Debian's Chromium and ChromeDriver, the Kafka broker of kafka/broker.sh (127.0.0.1:19092).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() { # apt_install PACKAGE...: Debian packages, once
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null; fi
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# PostgreSQL for the store's PostgreSQL tests.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Mosquitto, a real MQTT broker, for MQTT ingest (MqttIT).
if ! listening 1883; then
    command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || apt_install mosquitto
    MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
    printf 'listener 1883 127.0.0.1\nallow_anonymous true\n' > /tmp/inorder-mosquitto.conf
    "$MOSQUITTO" -d -c /tmp/inorder-mosquitto.conf
    for _ in $(seq 30); do listening 1883 && break; sleep 0.2; done
fi

# Debian's Chromium and ChromeDriver for the live page's browser test (nothing downloads a browser).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
fi

# A real Kafka broker in KRaft mode for the kafka profile's test (KafkaIT), from Kafka's own artifacts on Maven Central.
kafka/broker.sh start
trap 'kafka/broker.sh stop' EXIT

./mvnw -B verify
.ci/devmode-test.sh
