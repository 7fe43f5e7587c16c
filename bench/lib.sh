# Shared by the bench scripts: start the packaged service pinned to core 0, load it with wrk pinned to core 1.
# shellcheck shell=bash
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8090}
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx200m -Xmn120m} # the run line of the README and the container
URL=http://127.0.0.1:$PORT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

PID=
# start_server [ENV=VALUE...]: the packaged app of APP_DIR (target/quarkus-app; bench/ab.sh gives copies of other
# builds), with JVM_OPTS and EXTRA_JVM_OPTS (ab.sh: its collector log).
start_server() {
    env "$@" taskset -c 0 java $JVM_OPTS ${EXTRA_JVM_OPTS:-} -Dquarkus.http.port="$PORT" \
        -jar "${APP_DIR:-target/quarkus-app}/quarkus-run.jar" > target/bench-server.log 2>&1 &
    PID=$!
    for _ in $(seq 150); do curl -sf "$URL/queue" >/dev/null && return; sleep 0.2; done
    echo "server did not start; see target/bench-server.log" >&2; exit 1
}
# start_build "DIR[,ENV=VALUE ENV=VALUE]" [ENV=VALUE...]: start_server for a build as bench/ab.sh and bench/cpu.sh take
# one: DIR a copy of target/quarkus-app, the words after its comma variables it runs with (after the others: they win).
start_build() {
    local dir=${1%%,*} extra=
    [ "$1" != "$dir" ] && extra=${1#*,}
    shift
    # shellcheck disable=SC2086 # $extra is a list of VAR=VALUE words
    APP_DIR=$dir start_server "$@" $extra
}
# small_flood URL SECONDS: small events (bench/post.lua, one per request) as fast as answers come, 64 connections;
# prints requests/s answered. Shared by realistic.sh and turns.sh.
small_flood() {
    env CONNS=64 taskset -c 1 wrk -t1 -c64 -d"$2s" -s bench/post.lua "$1" | awk '/Requests\/sec/ {printf "%d", $2}'
}
# median: the median of the numbers on standard input, one a line.
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
stop_server() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; PID=; }
trap stop_server EXIT

# The bare app of bench/bare (202 to POST /events, the body never read; /shaped reads it through Quarkus REST), built
# when missing. start_bare PORT: started on core 0 and answering; sets BARE_PID.
BARE_JAR=bench/bare/target/quarkus-app/quarkus-run.jar
start_bare() {
    [ -f "$BARE_JAR" ] || ./mvnw -B -q -f bench/bare/pom.xml package -DskipTests
    taskset -c 0 java $JVM_OPTS -Dquarkus.http.port="$1" -jar "$BARE_JAR" > target/bench-bare.log 2>&1 &
    BARE_PID=$!
    for _ in $(seq 150); do curl -s -o /dev/null -X POST "http://127.0.0.1:$1/events" && break; sleep 0.2; done
}

# thread_ticks PID: CPU ticks so far (user + system) per thread group, a thread's name without its number
# ("inorder-process", "vert.x-eventloo", "C2_CompilerThre": /proc keeps 15 characters, spaces made _), one per line.
thread_ticks() {
    local t
    for t in /proc/"$1"/task/*; do
        echo "$(sed 's/[-#0-9 ]*$//; s/ /_/g' "$t/comm" 2>/dev/null) $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"
    done | awk 'NF == 2 {a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}

field() { curl -s "$URL/queue" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$PID/status"; }
await_drained() { for _ in $(seq 600); do [ "$(field depth)" = 0 ] && return; sleep 0.1; done; }

# snapshot_row NAME RATE(0: a flood): SECS s of bench/realistic.lua's real snapshots at the running server; prints
# the start of a table row (sent, applied, 503s, waited, lag p99, answer p99, order breaches, max RSS) without its end
# and sets APPLIED (events/s). Shared by realistic.sh and ab.sh.
snapshot_row() {
    local p0 r0 w0 p1 r1 w1 out
    curl -s "$URL/q/metrics" > target/bench-metrics-before.txt
    p0=$(field processed); r0=$(field rejected); w0=$(field waited)
    local maxrss=0
    ( while sleep 1; do awk '/VmRSS/ {print int($2/1024)}' "/proc/$PID/status" 2>/dev/null; done ) > target/bench-rss.txt &
    local sampler=$!
    out=$(env CONNS=64 RATE="$2" taskset -c 1 wrk -t1 -c64 -d"${SECS}s" --latency -s bench/realistic.lua "$URL/events")
    p1=$(field processed); r1=$(field rejected); w1=$(field waited)
    await_drained
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    maxrss=$(sort -n target/bench-rss.txt | tail -1)
    curl -s "$URL/q/metrics" > target/bench-metrics-after.txt
    APPLIED=$(( (p1 - p0) / SECS ))
    printf '| %s | %d | %d | %d | %d | %s | %s | %d | %s |' "$1" "$(awk '/Requests\/sec/ {printf "%d", $2 * 10}' <<<"$out")" \
        "$APPLIED" "$((r1 - r0))" "$((w1 - w0))" \
        "$(python3 bench/lag_p99.py target/bench-metrics-before.txt target/bench-metrics-after.txt | cut -d' ' -f2-3)" \
        "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$(field orderBreaches)" "$maxrss"
}

# The local PostgreSQL (tools/test.sh starts it), in a schema of the bench's own, emptied by fresh_postgres.
POSTGRES=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=inorder_bench"
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=inorder_bench)
fresh_postgres() { psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS inorder_bench CASCADE" >/dev/null 2>&1; }

header() {
    echo "| run | req/s | accepted ev/s | applied ev/s | 503s | p99 accept | order breaches |"
    echo "|---|---|---|---|---|---|---|"
}

# load NAME SECONDS [VAR=VALUE...]: runs wrk with bench/post.lua (BATCH, PLAYERS, MATCHES, RATE), prints a table row.
load() {
    local name=$1 secs=$2
    shift 2
    local a0 p0 r0 out a1 p1 r1 reqs p99
    a0=$(field accepted); p0=$(field processed); r0=$(field rejected)
    out=$(env CONNS=64 "$@" taskset -c 1 wrk -t1 -c64 -d"${secs}s" --latency -s bench/post.lua "$URL/events")
    p1=$(field processed); a1=$(field accepted); r1=$(field rejected)
    reqs=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    printf '| %s | %.0f | %d | %d | %d | %s | %s |\n' "$name" "$reqs" \
        "$(( (a1 - a0) / secs ))" "$(( (p1 - p0) / secs ))" "$((r1 - r0))" "$p99" "$(field orderBreaches)"
}

# lag NAME SECONDS RATE [VAR=VALUE...]: paced load, then the p99 of accept-to-applied lag from /q/metrics buckets.
lag() {
    local name=$1 secs=$2 rate=$3
    shift 3
    curl -s "$URL/q/metrics" > target/bench-metrics-before.txt
    env CONNS=64 RATE="$rate" "$@" taskset -c 1 wrk -t1 -c64 -d"${secs}s" -s bench/post.lua "$URL/events" >/dev/null
    await_drained
    curl -s "$URL/q/metrics" > target/bench-metrics-after.txt
    echo "$name: lag p99 $(python3 bench/lag_p99.py target/bench-metrics-before.txt target/bench-metrics-after.txt)"
}
