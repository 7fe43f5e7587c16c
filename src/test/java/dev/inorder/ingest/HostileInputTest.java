package dev.inorder.ingest;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Events;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Input meant to hurt: each gets its 4xx, the service stays healthy, and what was accepted before is all applied.
 * The HTTP idle timeout is 2 s here and the whole-request deadline 4 s, so the slow-drip cases end quickly.
 */
@QuarkusTest
@TestProfile(HostileInputTest.ShortIdleTimeout.class)
class HostileInputTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2s", "inorder.request-timeout", "4s");
        }
    }

    @TestHTTPResource("/")
    java.net.URL base;

    static void refused(String contentType, byte[] body, int status, String error) {
        given().contentType(contentType).body(body).post("/events")
                .then().statusCode(status).body("error", equalTo(error));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseEveryHostileBodyAndLoseNothingAccepted() throws Exception {
        var accepted = given().contentType("application/json").body(Events.array(java.util.List.of(
                Events.updateState("hostile", 1), Events.updateState("hostile", 2)))).post("/events")
                .then().statusCode(202).extract().jsonPath();

        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        refused("application/json", utf8(deep), 400, "invalid_json");
        refused("application/json", utf8("{\"Event\":\"A\",\"Data\":{\"x\":" + deep + "}}"), 400, "invalid_json");
        refused("application/json", utf8("{\"Event\":\"A\",\"Data\":\"" + "[".repeat(5_000) + "\"}"), 400, "invalid_json");
        refused("application/json", utf8("{\"Event\":\"A\",\"Data\":{},\"Seq\":1" + "0".repeat(400) + "}"), 400, "invalid_event");
        refused("application/json", utf8("{\"Event\":\"A\",\"Data\":{},\"Seq\":1e400}"), 400, "invalid_event");
        refused("application/json", utf8("{\"Event\":\"A\",\"Data\":{\"n\":1" + "0".repeat(2_000) + "}}"), 400, "invalid_json");
        refused("application/json", utf8("{\"Event\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"Data\":{}}"), 413, "body_too_large");
        refused("application/json", utf8("{\"Event\":\"UpdateState\",\"Data\":{\"MatchGuid\":"), 400, "invalid_json");
        byte[] invalidUtf8 = { '{', '"', 'E', 'v', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', ',',
                '"', 'D', 'a', 't', 'a', '"', ':', '{', '}', '}' };
        refused("application/json", invalidUtf8, 400, "invalid_json");
        refused("application/xml", utf8("<event/>"), 415, "unsupported_media_type");
        refused("multipart/form-data; boundary=x", utf8("--x--"), 415, "unsupported_media_type");

        // Values the store could not hold are refused at the door, naming the field and the limit.
        String players65 = java.util.stream.IntStream.range(0, 65).mapToObj(i -> "{\"Name\":\"p" + i + "\",\"PrimaryId\":\"Steam|" + i + "|0\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        for (String data : java.util.List.of(
                "{\"MatchGuid\":\"" + "G".repeat(65) + "\"}",
                "{\"MatchGuid\":\"..\"}",
                "{\"MatchGuid\":\"a/b\"}",
                "{\"MatchGuid\":\"a\\u0000b\"}",
                "{\"Game\":{\"Arena\":\"" + "a".repeat(129) + "\"}}",
                "{\"Game\":{\"Teams\":[{\"Name\":\"" + "t".repeat(129) + "\",\"TeamNum\":0}]}}",
                "{\"Players\":[{\"Name\":\"" + "n".repeat(129) + "\"}]}",
                "{\"Players\":[{\"Name\":\"Ada\",\"PrimaryId\":\"" + "i".repeat(129) + "\"}]}",
                "{\"Players\":[{\"Name\":\"Ada\\u0000\"}]}",
                "{\"Players\":[{\"Name\":\"Ada\",\"PrimaryId\":\"Steam|1|0\"},{\"Name\":\"Bob\",\"PrimaryId\":\"Steam|1|0\"}]}",
                "{\"Players\":" + players65 + "}")) {
            given().contentType("application/json").body("{\"Event\":\"UpdateState\",\"Data\":" + data + "}").post("/events")
                    .then().statusCode(400).body("error", equalTo("invalid_event")).body("detail", anyOf(containsString("the limit is"),
                            containsString("control character"), containsString("appears once"), containsString("must not")));
        }
        // A snapshot's field of the wrong type is named, object or string Data alike; nothing of Jackson's words leaks.
        for (String data : List.of("{\"Players\":[{\"Name\":\"Ada\",\"Score\":\"many\"}]}",
                "\"{\\\"Players\\\":[{\\\"Name\\\":\\\"Ada\\\",\\\"Score\\\":\\\"many\\\"}]}\"")) {
            given().contentType("application/json").body("{\"Event\":\"UpdateState\",\"Data\":" + data + "}").post("/events")
                    .then().statusCode(400).body("error", equalTo("invalid_event"))
                    .body("detail", containsString("Players[0].Score")).body("detail", not(containsString("java")));
        }
        // Data over 256K characters where the timeline would keep it whole; a snapshot keeps only the fields it names.
        given().contentType("application/json").body("{\"Event\":\"GoalScored\",\"Data\":{\"Blob\":\"" + "b".repeat(300_000) + "\"}}")
                .post("/events").then().statusCode(400).body("error", equalTo("invalid_event")).body("detail", containsString("the limit is"));
        refused("application/json", utf8("{\"Event\":\"" + "E".repeat(65) + "\",\"Data\":{}}"), 400, "invalid_event");
        given().contentType("application/json").header("X-Source-Id", "s".repeat(129)).body(Events.updateState("hostile", 3))
                .post("/events").then().statusCode(400).body("error", equalTo("invalid_event")).body("detail", containsString("X-Source-Id"));

        // A key given twice is ambiguous: refused, as a strict parser does, in the envelope and inside Data.
        refused("application/json", utf8("{\"Event\":\"A\",\"Event\":\"B\",\"Data\":{}}"), 400, "invalid_json");
        refused("application/json", utf8("{\"Event\":\"A\",\"Data\":{\"MatchGuid\":\"x\",\"MatchGuid\":\"y\"}}"), 400, "invalid_json");
        refused("application/json", utf8("{\"Event\":\"A\",\"Data\":\"{\\\"N\\\":1,\\\"N\\\":2}\"}"), 400, "invalid_json");

        // A Seq beyond 2^53 - 1, and one that jumps implausibly far ahead of its sender's last: refused, so that one bad
        // value cannot make every later event of the sender stale.
        refused("application/json", utf8("{\"Event\":\"A\",\"Data\":{},\"Seq\":9223372036854775807}"), 400, "invalid_event");
        given().contentType("application/json").header("X-Source-Id", "victim").body(Events.updateState("jumpy", 1))
                .post("/events").then().statusCode(202);
        given().contentType("application/json").header("X-Source-Id", "victim").body(Events.updateState("jumpy", 1_000_002))
                .post("/events").then().statusCode(400).body("error", equalTo("seq_jump"));
        given().contentType("application/json").header("X-Source-Id", "victim").body(Events.array(java.util.List.of(
                Events.updateState("jumpy", 2), Events.updateState("jumpy", 1_000_003)))).post("/events")
                .then().statusCode(400).body("error", equalTo("seq_jump")).body("detail", containsString("Event 1"));
        given().contentType("application/json").header("X-Source-Id", "victim").body(Events.updateState("jumpy", 2))
                .post("/events").then().statusCode(202);

        // A chunked body (no Content-Length) is cut at the limit as it streams: 413, and the service goes on.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String chunk = "{\"Event\":\"" + "x".repeat(1024 * 1024) + "\",\"Data\":{}}";
            socket.getOutputStream().write(utf8("POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n"));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }

        // Unknown fields are not hostile: they are kept.
        given().contentType("application/json").body("{\"Event\":\"UpdateState\",\"Data\":{\"MatchGuid\":\"hostile\",\"NewField\":[1,2]},\"Extra\":true}")
                .post("/events").then().statusCode(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> queue().getInt("depth") == 0);
        JsonPath queue = queue();
        assertThat(queue.getLong("lastProcessedOffset")).isGreaterThanOrEqualTo(accepted.getLong("offset") + 2);
        assertThat(queue.getLong("deadLettered")).isZero();
        get("/matches/jumpy").then().statusCode(200).body("timeSeconds", equalTo(298));
        get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldCloseASlowDripBodyAndKeepServing() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(utf8("POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"Event\":"));
            out.flush();
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            while (in.read() != -1) {
                // drain whatever the server says before it closes
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
        given().contentType("application/json").body(Events.updateState("after-drip", 1)).post("/events").then().statusCode(202);
        get("/q/health/live").then().statusCode(200);
    }

    @Test
    void shouldCutABodyDrippedFasterThanTheIdleTimeoutAtTheRequestDeadline() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(utf8("POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{"));
            out.flush();
            long start = System.nanoTime();
            boolean closed = false;
            // One byte a second: never idle for the 2 s idle timeout, so only the 4 s deadline can end it.
            for (int i = 0; i < 15 && !closed; i++) {
                Thread.sleep(1_000);
                try {
                    out.write(' ');
                    out.flush();
                    socket.setSoTimeout(1);
                    closed = socket.getInputStream().read() == -1;
                } catch (java.net.SocketTimeoutException e) {
                    // still open, nothing to read
                } catch (java.io.IOException e) {
                    closed = true;
                }
            }
            assertThat(closed).as("the connection was cut").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(9));
        }
        get("/q/health/live").then().statusCode(200);
    }

    static JsonPath queue() {
        return get("/queue").then().statusCode(200).extract().jsonPath();
    }
}
