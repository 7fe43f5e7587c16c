#!/usr/bin/env bash
# Dev mode with live reload, proven: start `./mvnw quarkus:dev` on a copy of the project, post events, edit a
# processor class, post again, and check that events after the reload were applied by the new code, in order; then
# edit the live page and check that / serves the edit.
# Bounded: gives up after 4 minutes. Usage: .ci/devmode-test.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
PORT=${DEV_PORT:-8095}
URL=http://127.0.0.1:$PORT
cp -r "$root/pom.xml" "$root/mvnw" "$root/.mvn" "$root/src" "$work/"
cd "$work"

./mvnw -B quarkus:dev -Dquarkus.http.port=$PORT -Dinorder.data-dir="$work/data" -Dquarkus.console.enabled=false \
    -Dquarkus.analytics.disabled=true -Ddebug=false > dev.log 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "devmode-test: FAILED: $*" >&2; tail -n 40 dev.log >&2; exit 1; }

deadline=$((SECONDS + 240))
until curl -sf "$URL/queue" >/dev/null; do
    [ $SECONDS -lt $deadline ] || fail "dev mode did not start"
    kill -0 "$PID" 2>/dev/null || fail "dev mode exited"
    sleep 1
done

post() { curl -sf -X POST "$URL/events" -H 'Content-Type: application/json' -H "X-Source-Id: dev" -d "$1" >/dev/null; }
bot_snapshot() { echo "{\"Event\":\"UpdateState\",\"Data\":{\"MatchGuid\":\"$1\",\"Players\":[{\"Name\":\"Bot\",\"TeamNum\":0}]}}"; }
player_id() {
    for _ in $(seq 100); do
        id=$(curl -sf "$URL/matches/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["players"][0]["id"])' 2>/dev/null) && { echo "$id"; return; }
        sleep 0.2
    done
    fail "match $1 never appeared"
}

post "$(bot_snapshot DEV-BEFORE)"
[ "$(player_id DEV-BEFORE)" = "name:Bot" ] || fail "before the edit, a bot's id should be name:Bot"

# The edit: players without a PrimaryId get "bot:" ids from now on. (A pause first: an edit in the same instant as
# the last scan can go unnoticed.)
sleep 2
sed -i 's/"name:" + name/"bot:" + name/' src/main/java/dev/inorder/match/MatchProcessor.java
touch src/main/java/dev/inorder/match/MatchProcessor.java

post "$(bot_snapshot DEV-AFTER)"   # the first request after an edit triggers the reload
[ "$(player_id DEV-AFTER)" = "bot:Bot" ] || fail "after the edit, a bot's id should be bot:Bot"
grep -q "Restarting quarkus due to changes in MatchProcessor" dev.log || fail "no live reload in the log"

for seq in $(seq 1 20); do
    post "{\"Event\":\"StatfeedEvent\",\"Seq\":$seq,\"Data\":{\"MatchGuid\":\"DEV-ORDER\",\"EventName\":\"Shot\",\"N\":$seq}}"
done
for _ in $(seq 100); do
    order=$(curl -sf "$URL/matches/DEV-ORDER/timeline?limit=100" | python3 -c 'import json,sys; print(",".join(str(i["data"]["N"]) for i in json.load(sys.stdin)["items"]))' 2>/dev/null || true)
    [ "$order" = "$(seq -s, 1 20)" ] && break
    sleep 0.2
done
[ "$order" = "$(seq -s, 1 20)" ] || fail "events after the reload were not applied in order: $order"

# The live page (src/main/resources/live-page): an edit is served too (LivePage reads it at each request in dev mode).
sleep 2
sed -i 's#<title>InOrder — live</title>#<title>InOrder — edited live</title>#' src/main/resources/live-page/index.html
page=
for _ in $(seq 100); do
    page=$(curl -sf "$URL/" || true)
    [[ $page == *"InOrder — edited live"* ]] && break
    sleep 0.5
done
[[ $page == *"InOrder — edited live"* ]] || fail "after an edit of the live page, / still serves the old page"
echo "devmode-test: 2 passed, 0 failed"
