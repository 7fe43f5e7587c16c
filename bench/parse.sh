#!/usr/bin/env bash
# The door's reading alone, in process (bench/ParseBench.java): EventParser.parse over 20 request bodies captured from
# a wrk script (default bench/realistic.lua: NDJSON batches of 10 real-shaped 3v3 snapshots, Data a JSON string), on
# core 0; prints CPU time and bytes allocated per event. Allocation is the steady figure on these VMs (CPU time per
# event of one build moved by 30 % between runs an hour apart: bench/README.md); compare builds by alternating runs.
# Usage: bench/parse.sh [LUA_SCRIPT]   (about 1 minute; CLASSES=dir to measure other compiled classes; ROUNDS)
source "$(dirname "$0")/lib.sh" # the package built if missing, wrk checked; no server is started here
SCRIPT=${1:-bench/realistic.lua}
CLASSES=${CLASSES:-target/classes}
BODIES=target/parse-bodies
rm -rf "$BODIES"; mkdir -p "$BODIES"
# Capture: a local HTTP server that keeps the first 20 bodies wrk sends and answers 202.
python3 - "$BODIES" 8092 <<'PY' &
import itertools, sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
out, count = sys.argv[1], itertools.count()
class Keep(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        n = next(count)
        if n < 20:
            open(f'{out}/body{n:02d}', 'wb').write(body)
        self.send_response(202); self.send_header('Content-Length', '0'); self.end_headers()
    def handle(self):
        try:
            super().handle()
        except ConnectionResetError: # wrk closes its connections when it stops
            pass
    def log_message(self, *args): pass
ThreadingHTTPServer(('127.0.0.1', int(sys.argv[2])), Keep).serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:8092/ && break; sleep 0.1; done # a GET: not kept
wrk -t1 -c1 -d1s -s "$SCRIPT" http://127.0.0.1:8092/events >/dev/null
echo "$(ls "$BODIES" | wc -l) bodies from $SCRIPT, $(( $(cat "$BODIES"/* | wc -c) / $(ls "$BODIES" | wc -l) )) bytes each on average; $(java -version 2>&1 | head -1)"
taskset -c 0 java $JVM_OPTS -cp "$CLASSES:$(ls target/quarkus-app/lib/main/*.jar | tr '\n' ':')" bench/ParseBench.java "$BODIES" "${ROUNDS:-14}"
