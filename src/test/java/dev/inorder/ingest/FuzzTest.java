package dev.inorder.ingest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Reads;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The parser and the door against random input (seeded, so a failure can be replayed): random bytes, real envelopes
 * with random edits, and random JSON built from the envelope's own field names with hostile values. Never a 5xx;
 * every event a 202 took is processed, and none is refused later by the store (the door foresaw it).
 */
@QuarkusTest
class FuzzTest {

    static final Set<Integer> CLEAN = Set.of(202, 400, 413, 415);
    static final String[] KEYS = { "Event", "Data", "Seq", "MatchGuid", "Game", "Teams", "Players", "Name", "PrimaryId",
            "TeamNum", "Score", "Arena", "Winner", "bHasWinner", "TimeSeconds", "WinnerTeamNum", "Goals" };
    static final String[] EVENTS = { "UpdateState", "GoalScored", "StatfeedEvent", "MatchEnded", "ClockUpdatedSeconds",
            "MatchCreated", "MatchDestroyed" };
    static final String VALID = "{\"Event\":\"UpdateState\",\"Seq\":3,\"Data\":{\"MatchGuid\":\"FUZZ\",\"Game\":{\"Arena\":"
            + "\"Stadium_P\",\"TimeSeconds\":120,\"Teams\":[{\"Name\":\"Blue\",\"TeamNum\":0,\"Score\":1}]},\"Players\":"
            + "[{\"Name\":\"Ada\",\"PrimaryId\":\"Steam|1|0\",\"TeamNum\":0,\"Goals\":1}]}}";

    @TestHTTPResource("/events")
    URI events;

    final Random random = new Random(2026_11_25);
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerEveryRandomInputWithA202OrAClean4xxAndProcessEveryAcceptedEvent() throws Exception {
        JsonPath before = get("/queue").then().extract().jsonPath();
        int accepted = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] body = switch (i % 3) {
                case 0 -> randomBytes();
                case 1 -> edited(VALID).getBytes(StandardCharsets.UTF_8);
                default -> value(0, true).getBytes(StandardCharsets.UTF_8);
            };
            String type = List.of("application/json", "application/x-ndjson", "text/plain", "").get(random.nextInt(4));
            var request = HttpRequest.newBuilder(events).header("X-Source-Id", "fuzz-" + random.nextInt(5))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (!type.isEmpty()) {
                request.header("Content-Type", type);
            }
            var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("input %d: %s", i, new String(body, StandardCharsets.UTF_8))
                    .isIn(CLEAN);
            if (answer.statusCode() == 202) {
                accepted += new io.restassured.path.json.JsonPath(answer.body()).getInt("count");
            } else {
                assertThat(answer.body()).as("a JSON error").startsWith("{\"error\":");
            }
        }
        assertThat(accepted).as("some inputs were valid").isPositive();
        Reads.awaitApplied();
        JsonPath after = get("/queue").then().extract().jsonPath();
        assertThat(after.getLong("accepted") - before.getLong("accepted")).isEqualTo(accepted);
        assertThat(after.getLong("processed") - before.getLong("processed")).isEqualTo(accepted);
        assertThat(after.getLong("deadLettered") - before.getLong("deadLettered")).as("nothing the store refused").isZero();
        assertThat(after.getLong("orderBreaches")).isZero();
        get("/q/health/ready").then().statusCode(200);
    }

    byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The text with a few random characters replaced, inserted or deleted. */
    String edited(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(4); edits > 0 && out.length() > 0; edits--) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.setCharAt(at, randomChar());
                case 1 -> out.insert(at, randomChar());
                default -> out.deleteCharAt(at);
            }
        }
        return out.toString();
    }

    char randomChar() {
        String pool = "{}[]\",:\\0123456789eE+-.tfnul abcXYZ\u0000\u0007\u00e9\u2028\ud83d";
        return pool.charAt(random.nextInt(pool.length()));
    }

    /** A random JSON value; at the top, most often an envelope-like object. */
    String value(int depth, boolean envelope) {
        if (envelope && random.nextInt(5) > 0) {
            StringBuilder o = new StringBuilder("{\"Event\":\"" + EVENTS[random.nextInt(EVENTS.length)] + "\"");
            if (random.nextBoolean()) {
                o.append(",\"Seq\":").append(number());
            }
            String data = value(1, false);
            o.append(",\"Data\":").append(random.nextInt(4) == 0 ? quote(data) : data).append('}');
            return o.toString();
        }
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> number();
            case 1 -> quote(text());
            case 2 -> List.of("true", "false", "null").get(random.nextInt(3));
            case 3 -> quote(KEYS[random.nextInt(KEYS.length)]);
            case 4 -> {
                StringBuilder a = new StringBuilder("[");
                for (int n = random.nextInt(4); n > 0; n--) {
                    a.append(value(depth + 1, false)).append(n > 1 ? "," : "");
                }
                yield a.append(']').toString();
            }
            default -> {
                StringBuilder o = new StringBuilder("{");
                for (int n = random.nextInt(5); n > 0; n--) {
                    o.append(quote(KEYS[random.nextInt(KEYS.length)])).append(':').append(value(depth + 1, false))
                            .append(n > 1 ? "," : "");
                }
                yield o.append('}').toString();
            }
        };
    }

    String number() {
        return switch (random.nextInt(5)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Integer.toString(random.nextInt(1000));
            case 2 -> "1" + "0".repeat(random.nextInt(40));
            case 3 -> Double.toString(random.nextDouble() * 1e10);
            default -> "-" + random.nextInt(5);
        };
    }

    String text() {
        StringBuilder t = new StringBuilder();
        int length = random.nextInt(10) == 0 ? 100 + random.nextInt(200) : random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(10) == 0 ? random.nextInt(0x20) : 0x20 + random.nextInt(0x2FF);
            t.append((char) c);
        }
        return t.toString();
    }

    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
