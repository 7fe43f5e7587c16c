/*
 * Plays Rocket League matches against a running InOrder service the way a stats plugin does, then reads the query
 * API back and gives a verdict. JDK only:
 *
 *   java tools/Simulator.java --url http://localhost:8080 --matches 3 --duration 20
 *
 * Options (defaults in brackets):
 *   --url U[,U...]    the service; several instances are sent to in turn, and a request an instance does not
 *                     answer (it died) goes to the next, as a load balancer would [http://localhost:8080]
 *   --matches N       matches played at once, each by its own sender (X-Source-Id sim-<run>-<n>) [3]
 *   --duration S      seconds of regulation time each match is played in (the game clock runs 300 s in that time) [20]
 *   --rate R          UpdateState snapshots per second per match [10]
 *   --batch B         events per request; 1 sends singles [1]
 *   --api-key K       sent as X-Api-Key
 *   --duplicates P    share of events sent twice (a retrying plugin) [0]
 *   --reorder P       share of snapshots sent after the next one (a reordering network) [0]
 *   --seed X          random seed, for a repeatable run [time]
 *   --settle S        seconds the read-back may wait for the service to apply everything [60]
 *   --via http        POST /events, as a plugin does [http]
 *   --via tcp PORT    play the game itself: listen on PORT as the game's Stats API does, and stream envelopes back to
 *                     back, Data as a string holding JSON, no Seq, cut at random points; start InOrder with
 *                     INORDER_STATSAPI_ADDRESS=localhost:PORT. One game plays one match at a time: the matches are
 *                     played one after another. With the game's quirks: after each goal the replay events
 *                     (ReplayStart, ReplayWillEnd, ReplayEnd) and a phantom GoalScored, which must not count.
 *   --restarts N      (tcp) the game quits N times at random moments, without a goodbye, and comes back 1-3 s later [0]
 *   --via mqtt URL    publish as rlapi2mqtt does: each envelope to topic rlapi2mqtt/<event in lower case>, QoS 1, to
 *                     the broker at URL (mqtt://host:port); start InOrder with INORDER_MQTT_URL
 * A 503 is retried after its Retry-After. Exit code 0 when every match reads back exactly as sent, 1 otherwise.
 */
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

public class Simulator {

    static List<String> urls = List.of("http://localhost:8080");
    static double settle = 60;
    static int matches = 3;
    static double duration = 20;
    static double rate = 10;
    static int batch = 1;
    static String apiKey;
    static double duplicates;
    static double reorder;
    static long seed = System.nanoTime();
    static String via = "http";
    static int restarts;
    static Game game;
    static Mqtt mqtt;

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicLong sent = new AtomicLong(), accepted = new AtomicLong(), retries = new AtomicLong(),
            doubled = new AtomicLong(), reordered = new AtomicLong(), finished = new AtomicLong(), failovers = new AtomicLong(),
            turn = new AtomicLong();

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--url" -> urls = List.of(v.split(",")).stream().map(u -> u.strip().replaceAll("/+$", "")).toList();
                case "--matches" -> matches = Integer.parseInt(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--api-key" -> apiKey = v;
                case "--duplicates" -> duplicates = Double.parseDouble(v);
                case "--reorder" -> reorder = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--settle" -> settle = Double.parseDouble(v);
                case "--restarts" -> restarts = Integer.parseInt(v);
                case "--via" -> {
                    via = v;
                    if (!via.equals("http")) {
                        String target = args[i + 2];
                        i++;
                        if (via.equals("tcp")) game = new Game(Integer.parseInt(target));
                        else if (via.equals("mqtt")) mqtt = new Mqtt(URI.create(target));
                        else { System.err.println("--via takes http, tcp PORT or mqtt URL"); System.exit(2); }
                    }
                }
                default -> { System.err.println("unknown option " + args[i] + "; see the header of tools/Simulator.java"); System.exit(2); }
            }
        }
        String run = Long.toString(Math.abs(seed) % 1_000_000, 36);
        System.out.printf("Simulating %d matches of %.0f s at %.0f snapshots/s against %s via %s (run %s, seed %d)%n",
                matches, duration, rate, String.join(" + ", urls), via, run, seed);
        // A game plays one match at a time: over TCP the matches come one after another.
        ExecutorService pool = Executors.newFixedThreadPool(game != null ? 1 : matches + 1);
        List<Future<Match>> played = new ArrayList<>();
        for (int m = 0; m < matches; m++) {
            Match match = new Match("SIM-" + run + "-" + m, "sim-" + run + "-" + m, new Random(seed + m));
            played.add(pool.submit(() -> { match.play(); return match; }));
        }
        long start = System.nanoTime();
        while (finished.get() < matches) {
            Thread.sleep(1000);
            System.out.printf("%5.0fs  sent %d  accepted %d  retried after 503 %d  failed over %d  duplicates %d  reordered %d  matches done %d/%d%n",
                    (System.nanoTime() - start) / 1e9, sent.get(), accepted.get(), retries.get(), failovers.get(),
                    doubled.get(), reordered.get(), finished.get(), matches);
        }
        List<Match> done = new ArrayList<>();
        for (Future<Match> f : played) done.add(f.get());
        pool.shutdown();
        if (game != null) System.out.printf("The game quit and came back %d time(s)%n", game.restarted);
        // Read back until every match is as sent, or the service had --settle seconds to apply everything.
        long deadline = System.nanoTime() + (long) (settle * 1e9);
        int failures;
        do {
            failures = 0;
            for (Match m : done) failures += m.verify(false);
            if (failures > 0) Thread.sleep(200);
        } while (failures > 0 && System.nanoTime() < deadline);
        failures = 0;
        for (Match m : done) failures += m.verify(true);
        System.out.println(failures == 0 ? "VERDICT: OK — every match reads back exactly as sent, timelines in order, nothing lost"
                : "VERDICT: FAILED — " + failures + " mismatch(es)");
        System.exit(failures == 0 ? 0 : 1);
    }

    /** One match, played in real time by its own sender. */
    static final class Match {
        static final String[] NAMES = { "Ada", "Bea", "Cy", "Dot", "Eve", "Fox" };
        final String guid, source;
        final Random random;
        final int[][] lines = new int[6][8];   // score goals shots assists saves touches demos boost
        final int[] score = new int[2];
        final List<String> pending = new ArrayList<>();
        final List<String> timeline = new ArrayList<>();    // discrete event names sent, in order
        String lastSnapshotPlayers;
        int clock = 300;
        boolean overtime;
        long seq;

        Match(String guid, String source, Random random) {
            this.guid = guid;
            this.source = source;
            this.random = random;
        }

        void play() throws Exception {
            for (String e : List.of("MatchCreated", "MatchInitialized", "CountdownBegin", "RoundStarted")) discrete(e, "");
            long ticks = Math.round(duration * rate);
            long tickNanos = (long) (1e9 / rate);
            long next = System.nanoTime();
            for (long t = 0; ; t++) {
                if (!overtime) clock = (int) Math.max(0, 300 - 300 * t / Math.max(1, ticks));
                else if (t % Math.max(1, Math.round(rate)) == 0) clock++;
                play(t);
                snapshot(false);
                if (!overtime && clock == 0) {
                    if (score[0] != score[1]) break;
                    overtime = true;
                    clock = 0;
                }
                if (overtime && score[0] != score[1]) break;
                flush(false);
                next += tickNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
            snapshot(true);
            discrete("MatchEnded", "\"WinnerTeamNum\":" + (score[0] > score[1] ? 0 : 1));
            discrete("PodiumStart", "");
            discrete("MatchDestroyed", "");
            flush(true);
            finished.incrementAndGet();
        }

        /** What happens in one tick: touches, boost, and now and then a shot, a save, a demo or a goal. */
        void play(long t) {
            for (int[] l : lines) { l[7] = Math.max(0, Math.min(100, l[7] + random.nextInt(21) - 10)); }
            int p = random.nextInt(6);
            lines[p][5]++;
            double roll = random.nextDouble() * rate;
            if (roll < 0.08 || overtime && roll < 0.3) goal(p);
            else if (roll < 0.25) { lines[p][2]++; lines[p][0] += 20; statfeed("Shot", p); }
            else if (roll < 0.35) { int s = (p + 3) % 6; lines[s][4]++; lines[s][0] += 50; statfeed("Save", s); }
            else if (roll < 0.40) { lines[p][6]++; lines[p][0] += 15; statfeed("Demolish", p); }
        }

        void goal(int p) {
            int team = p / 3, mate = team * 3 + (p + 1) % 3;
            boolean assisted = random.nextBoolean();
            score[team]++;
            lines[p][1]++; lines[p][2]++; lines[p][0] += 100;
            if (assisted) { lines[mate][3]++; lines[mate][0] += 50; }
            discrete("GoalScored", "\"GoalSpeed\":" + (60 + random.nextInt(70)) + ".5,\"Scorer\":" + ref(p)
                    + (assisted ? ",\"Assister\":" + ref(mate) : ""));
            statfeed("Goal", p);
            if (assisted) statfeed("Assist", mate);
            if (game != null) {
                // The game's replay, and the phantom goal it sends at the replay's end (not a goal: not in the timeline).
                discrete("ReplayStart", "");
                discrete("ReplayWillEnd", "");
                pending.add(envelope("GoalScored", "\"GoalSpeed\":0,\"Scorer\":{\"Name\":\"\",\"Shortcut\":0,\"TeamNum\":0}"));
                discrete("ReplayEnd", "");
            }
        }

        void statfeed(String type, int p) {
            discrete("StatfeedEvent", "\"EventName\":\"" + type + "\",\"Type\":\"" + type + "\",\"MainTarget\":" + ref(p));
        }

        String ref(int p) {
            return "{\"Name\":\"" + NAMES[p] + "\",\"Shortcut\":" + (p + 1) + ",\"TeamNum\":" + p / 3 + "}";
        }

        void snapshot(boolean winner) {
            StringBuilder players = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                int[] l = lines[p];
                players.append(p == 0 ? "" : ",").append(String.format(
                        "{\"Name\":\"%s\",\"PrimaryId\":\"Steam|%s%d|0\",\"Shortcut\":%d,\"TeamNum\":%d,\"Score\":%d,\"Goals\":%d,"
                                + "\"Shots\":%d,\"Assists\":%d,\"Saves\":%d,\"Touches\":%d,\"Demos\":%d,\"Boost\":%d}",
                        NAMES[p], source, p, p + 1, p / 3, l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]));
            }
            lastSnapshotPlayers = players.toString();
            String game = String.format("\"Game\":{\"Arena\":\"Stadium_P\",\"TimeSeconds\":%d%s,\"Teams\":[{\"Name\":\"Blue\","
                    + "\"TeamNum\":0,\"Score\":%d},{\"Name\":\"Orange\",\"TeamNum\":1,\"Score\":%d}]%s}", clock,
                    overtime ? ",\"bOvertime\":true" : "", score[0], score[1],
                    winner ? ",\"bHasWinner\":true,\"Winner\":\"" + (score[0] > score[1] ? "Blue" : "Orange") + "\"" : "");
            String event = envelope("UpdateState", "\"Players\":[" + players + "]," + game);
            // A reordering network: this snapshot overtakes the one before it, which then arrives stale.
            int last = pending.size() - 1;
            if (!winner && last >= 0 && pending.get(last).startsWith("{\"Event\":\"UpdateState\"") && random.nextDouble() < reorder
                    && via.equals("http")) {
                pending.add(last, event);
                reordered.incrementAndGet();
            } else {
                pending.add(event);
            }
        }

        void discrete(String name, String fields) {
            timeline.add(name);
            pending.add(envelope(name, fields));
        }

        String envelope(String name, String fields) {
            String data = "\"MatchGuid\":\"" + guid + "\"" + (fields.isEmpty() ? "" : "," + fields);
            if (via.equals("http")) return "{\"Event\":\"" + name + "\",\"Seq\":" + (++seq) + ",\"Data\":{" + data + "}}";
            // As the game writes it: no Seq, Data a string holding JSON.
            return "{\"Event\":\"" + name + "\",\"Data\":\"{" + data.replace("\\", "\\\\").replace("\"", "\\\"") + "}\"}";
        }

        void flush(boolean all) throws Exception {
            while (pending.size() >= (all ? 1 : batch) && !pending.isEmpty()) {
                int n = Math.min(batch, pending.size());
                List<String> events = new ArrayList<>(pending.subList(0, n));
                pending.subList(0, n).clear();
                post(events);
                if (random.nextDouble() < duplicates) {
                    post(events);
                    doubled.addAndGet(events.size());
                }
            }
        }

        void post(List<String> events) throws Exception {
            if (game != null || mqtt != null) {
                if (game != null) game.send(events, random);
                else for (String e : events) mqtt.publish(e);
                sent.addAndGet(events.size());
                accepted.addAndGet(events.size()); // written to the game's socket / acknowledged by the broker
                return;
            }
            String body = events.size() == 1 ? events.get(0) : "[" + String.join(",", events) + "]";
            for (int attempt = 1; ; attempt++) {
                String url = urls.get((int) (turn.getAndIncrement() % urls.size()));
                var request = HttpRequest.newBuilder(URI.create(url + "/events")).header("Content-Type", "application/json")
                        .header("X-Source-Id", source).timeout(Duration.ofSeconds(10));
                if (apiKey != null) request.header("X-Api-Key", apiKey);
                HttpResponse<String> response;
                try {
                    response = HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    // The instance died or hung: the events may or may not have arrived. Send them again elsewhere;
                    // their Seq makes a second copy harmless.
                    if (attempt >= 100) throw e;
                    failovers.incrementAndGet();
                    Thread.sleep(100);
                    continue;
                }
                sent.addAndGet(events.size());
                if (response.statusCode() == 202) { accepted.addAndGet(events.size()); return; }
                if (response.statusCode() != 503) throw new IllegalStateException("POST /events answered "
                        + response.statusCode() + ": " + response.body());
                retries.incrementAndGet();
                Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
            }
        }

        /** Reads the match back; returns the number of mismatches, each printed if {@code report}. */
        int verify(boolean report) throws Exception {
            reporting = report;
            try {
                return readBack();
            } catch (IllegalStateException e) {
                if (report) System.out.printf("  %s: %s%n", guid, e.getMessage());
                return 1;
            }
        }

        boolean reporting;

        int readBack() throws Exception {
            int failures = 0;
            Map<String, Object> m = Json.object(get("/matches/" + guid));
            failures += expect("state", m.get("state"), "ended");
            failures += expect("overtime", m.get("overtime"), overtime);
            List<Object> teams = Json.list(m.get("teams"));
            failures += expect("blue score", Json.object(teams.get(0)).get("score"), (double) score[0]);
            failures += expect("orange score", Json.object(teams.get(1)).get("score"), (double) score[1]);
            List<Object> players = Json.list(m.get("players"));
            Map<String, Map<String, Object>> byName = new HashMap<>();
            for (Object p : players) byName.put((String) Json.object(p).get("name"), Json.object(p));
            for (int p = 0; p < 6; p++) {
                Map<String, Object> line = byName.get(NAMES[p]);
                if (line == null) { failures += expect(NAMES[p], null, "a line"); continue; }
                int[] l = lines[p];
                String[] keys = { "score", "goals", "shots", "assists", "saves", "touches", "demos", "boost" };
                for (int k = 0; k < keys.length; k++) failures += expect(NAMES[p] + " " + keys[k], line.get(keys[k]), (double) l[k]);
            }
            List<String> stored = new ArrayList<>();
            double lastOffset = -1;
            String cursor = "";
            do {
                Map<String, Object> page = Json.object(get("/matches/" + guid + "/timeline?limit=200" + cursor));
                for (Object item : Json.list(page.get("items"))) {
                    Map<String, Object> e = Json.object(item);
                    stored.add((String) e.get("event"));
                    double offset = (Double) e.get("offset");
                    if (offset <= lastOffset) failures += expect("timeline order", offset, "> " + lastOffset);
                    lastOffset = offset;
                }
                Object next = page.get("nextCursor");
                cursor = next == null ? null : "&cursor=" + next;
            } while (cursor != null);
            failures += expect("timeline", stored, timeline);
            if (!reporting) return failures;
            System.out.printf("%s: %d-%d%s, %d timeline events, %s%n", guid, score[0], score[1], overtime ? " (OT)" : "",
                    stored.size(), failures == 0 ? "OK" : failures + " mismatch(es)");
            return failures;
        }

        int expect(String what, Object actual, Object expected) {
            if (expected.equals(actual)) return 0;
            if (reporting) System.out.printf("  %s %s: expected %s, read %s%n", guid, what, expected, actual);
            return 1;
        }
    }

    /**
     * The game's Stats API: a TCP server; envelopes back to back, cut at random points. It quits (closes the
     * connection, no longer listens) {@code --restarts} times at random moments and comes back 1-3 s later.
     */
    static final class Game {
        final int port;
        java.net.ServerSocket server;
        java.net.Socket client;
        int restarted;
        long written;
        final java.util.Set<Long> quitAt = new java.util.HashSet<>();

        Game(int port) {
            this.port = port;
        }

        synchronized void send(List<String> envelopes, Random random) throws Exception {
            if (quitAt.isEmpty() && restarts > 0) {
                // Moments to quit: within the first match (about one envelope per snapshot tick, plus its events).
                int span = (int) Math.max(restarts + 10, duration * rate - 10);
                while (quitAt.size() < restarts) quitAt.add(10 + (long) random.nextInt(span));
            }
            byte[] bytes = String.join("", envelopes).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            while (client == null) {
                if (server == null) {
                    server = new java.net.ServerSocket();
                    server.setReuseAddress(true);
                    server.bind(new java.net.InetSocketAddress(port));
                }
                client = server.accept(); // InOrder connects: the game's Stats API serves it
            }
            var out = client.getOutputStream();
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(400));
                out.write(bytes, at, n);
                out.flush();
                at += n;
            }
            written += envelopes.size();
            if (quitAt.remove(written)) {
                // The player quits the game: no goodbye, the connection and the port just go away; then starts it again.
                client.close();
                server.close();
                client = null;
                server = null;
                restarted++;
                Thread.sleep(1000 + random.nextInt(2000));
            }
        }
    }

    /** Just enough MQTT 3.1.1 to publish with QoS 1 and wait for each PUBACK, as rlapi2mqtt does. */
    static final class Mqtt {
        final java.net.Socket socket;
        final java.io.DataInputStream in;
        final java.io.OutputStream out;
        int packetId;

        Mqtt(URI url) throws Exception {
            socket = new java.net.Socket(url.getHost(), url.getPort() < 0 ? 1883 : url.getPort());
            in = new java.io.DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            var body = new java.io.ByteArrayOutputStream();
            string(body, "MQTT");
            body.write(4);          // protocol level 3.1.1
            body.write(0x02);       // clean session
            body.write(0); body.write(60);
            string(body, "simulator-" + Long.toString(System.nanoTime(), 36));
            packet(0x10, body.toByteArray());
            int type = in.readUnsignedByte();
            byte[] ack = new byte[readLength()];
            in.readFully(ack);
            if (type != 0x20 || ack[1] != 0) throw new IllegalStateException("the broker refused the connection: " + ack[1]);
        }

        synchronized void publish(String envelope) throws Exception {
            String event = envelope.substring(10, envelope.indexOf('"', 10)); // {"Event":"<name>"
            var body = new java.io.ByteArrayOutputStream();
            string(body, "rlapi2mqtt/" + event.toLowerCase(java.util.Locale.ROOT));
            packetId = packetId % 65535 + 1;
            body.write(packetId >> 8); body.write(packetId & 0xff);
            body.write(envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            packet(0x32, body.toByteArray()); // PUBLISH, QoS 1
            int type = in.readUnsignedByte();
            byte[] ack = new byte[readLength()];
            in.readFully(ack);
            if (type != 0x40 || ((ack[0] & 0xff) << 8 | ack[1] & 0xff) != packetId) throw new IllegalStateException("no PUBACK");
        }

        void packet(int header, byte[] body) throws Exception {
            var packet = new java.io.ByteArrayOutputStream();
            packet.write(header);
            int length = body.length;
            do { int b = length % 128; length /= 128; packet.write(length > 0 ? b | 0x80 : b); } while (length > 0);
            packet.write(body);
            out.write(packet.toByteArray());
            out.flush();
        }

        int readLength() throws Exception {
            int length = 0, multiplier = 1, b;
            do { b = in.readUnsignedByte(); length += (b & 0x7f) * multiplier; multiplier *= 128; } while ((b & 0x80) != 0);
            return length;
        }

        static void string(java.io.ByteArrayOutputStream out, String s) throws Exception {
            byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(bytes.length >> 8); out.write(bytes.length & 0xff); out.write(bytes);
        }
    }

    /** GET from the first instance that answers. */
    static String get(String path) throws Exception {
        java.io.IOException unreachable = null;
        for (String url : urls) {
            var request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10));
            if (apiKey != null) request.header("X-Api-Key", apiKey);
            try {
                var response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
                return response.body();
            } catch (java.io.IOException e) {
                unreachable = e;
            }
        }
        throw unreachable;
    }

    /** Just enough JSON to read the query API: objects, arrays, strings, numbers (as Double), booleans, null. */
    static final class Json {
        final String s;
        int i;

        Json(String s) { this.s = s; }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object o) { return o instanceof String text ? (Map<String, Object>) new Json(text).value() : (Map<String, Object>) o; }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object o) { return (List<Object>) o; }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') { i++; return map; }
                while (true) {
                    skip();
                    String key = (String) value();
                    skip(); i++; // :
                    map.put(key, value());
                    skip();
                    if (s.charAt(i++) == '}') return map;
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') { i++; return list; }
                while (true) {
                    list.add(value());
                    skip();
                    if (s.charAt(i++) == ']') return list;
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                for (i++; s.charAt(i) != '"'; i++) {
                    char ch = s.charAt(i);
                    if (ch == '\\') {
                        char e = s.charAt(++i);
                        switch (e) {
                            case 'n' -> b.append('\n');
                            case 't' -> b.append('\t');
                            case 'u' -> { b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; }
                            default -> b.append(e);
                        }
                    } else {
                        b.append(ch);
                    }
                }
                i++;
                return b.toString();
            }
            if (s.startsWith("true", i)) { i += 4; return true; }
            if (s.startsWith("false", i)) { i += 5; return false; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return Double.parseDouble(s.substring(start, i));
        }

        void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    }
}
