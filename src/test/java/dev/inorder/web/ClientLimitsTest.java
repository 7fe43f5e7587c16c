package dev.inorder.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Per-client request limit and the connection cap, over real HTTP. */
@QuarkusTest
@TestProfile(ClientLimitsTest.Limited.class)
class ClientLimitsTest {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.clients.max-requests-per-second", "5", "quarkus.http.limits.max-connections", "20");
        }
    }

    @TestHTTPResource("/")
    URL base;

    /** One client, one connection reused (RestAssured would open one per request and leave them to the cap). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.toURI().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer429BeyondTheClientsRateButNeverLimitHealth() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(get("/queue"));
        }
        assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 429).containsOnly(200, 429);
        var limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.body()).contains("\"error\":\"too_many_requests\"");
        for (int i = 0; i < 40; i++) {
            assertThat(get("/q/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefillEachClientsBucketOnItsOwn() {
        var limits = new ClientLimits();
        long t = 0;
        int taken = 0;
        while (limits.take("a", 5, t)) {
            taken++;
        }
        assertThat(taken).isEqualTo(10);
        assertThat(limits.take("b", 5, t)).as("another client has its own bucket").isTrue();
        assertThat(limits.take("a", 5, t + 100_000_000)).as("0.5 token after 100 ms").isFalse();
        assertThat(limits.take("a", 5, t + 300_000_000)).as("1 token after 200 ms more").isTrue();
    }

    @Test
    void shouldCapConnectionsAndTakeNewOnesWhenOthersClose() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            // Fill every place with a connection that has spoken once and stays open.
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                held.add(socket);
                if (!health(socket)) {
                    break; // the test framework may hold a connection of its own: the cap is reached
                }
            }
            Socket beyond = new Socket(base.getHost(), base.getPort());
            held.add(beyond);
            assertThat(health(beyond)).as("a connection over the cap is not served").isFalse();
            for (Socket s : held) {
                s.close();
            }
            held.clear();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Socket again = new Socket(base.getHost(), base.getPort())) {
                    return health(again);
                }
            });
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** Whether {@code GET /q/health/live} on this connection is answered 200 (keep-alive: the connection stays). */
    private static boolean health(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try {
            socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String status = reader.readLine();
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                return false;
            }
            int length = 0;
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            for (int i = 0; i < length; i++) {
                reader.read();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
