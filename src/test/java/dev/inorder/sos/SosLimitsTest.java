package dev.inorder.sos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The overlay feed's bounds with real WebSocket clients: the read key on both ports, the client cap, and an overlay
 * that stops reading let go without holding the others back.
 */
@QuarkusTest
@TestProfile(SosLimitsTest.Limits.class)
class SosLimitsTest {

    static final String KEY = "sos-read-secret";

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.sos.max-clients", "2", "inorder.live.stall-after", "2s", "inorder.read-api-key", KEY);
        }
    }

    @TestHTTPResource("/sos")
    URI sos;

    @TestHTTPResource("/events")
    URI events;

    @Inject
    SosRoute route;

    /** Counts the messages it gets; always reads. */
    static final class Reader implements WebSocket.Listener {
        final AtomicLong messages = new AtomicLong();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (last) {
                messages.incrementAndGet();
            }
            ws.request(1);
            return null;
        }
    }

    private static int refusal(URI uri) {
        Throwable failure = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Reader()).join());
        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    private static long metric(String name) {
        String text = RestAssured.given().header("X-Api-Key", KEY).get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> (long) Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not exported"));
    }

    @Test
    void shouldNeedTheReadKeyCapClientsAndLetGoAnOverlayThatStopsReading() throws Exception {
        String ws = sos.toString().replaceFirst("^http", "ws");
        assertThat(refusal(URI.create(ws))).isEqualTo(401);
        // On the feed's own port every path is the feed: none is public, not even "/".
        assertThat(refusal(URI.create("ws://localhost:" + route.ownPort() + "/"))).isEqualTo(401);
        assertThat(refusal(URI.create("ws://localhost:" + route.ownPort() + "/index.html"))).isEqualTo(401);

        // An overlay that never reads: a real handshake on a socket with a tiny receive buffer, then nothing.
        try (var stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress(sos.getHost(), sos.getPort()));
            stuck.getOutputStream().write(("GET /sos?apiKey=" + KEY + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            var reader = new Reader();
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws + "?apiKey=" + KEY), reader).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> metric("inorder_sos_clients") == 2);
            assertThat(refusal(URI.create("ws://localhost:" + route.ownPort() + "/?apiKey=" + KEY)))
                    .as("a third overlay, on either port").isEqualTo(503);

            // Snapshots of 100 matches per request, until the overlay that does not read is let go.
            String run = UUID.randomUUID().toString();
            int requests = 0;
            for (long seq = 1; metric("inorder_sos_stalled_total") == 0 && requests < 3_000; seq++, requests++) {
                List<String> batch = new ArrayList<>();
                for (int m = 0; m < 100; m++) {
                    batch.add(Events.updateState("SOS-STALL-" + run + "-" + m, seq));
                }
                String body = Events.array(batch);
                await().atMost(Duration.ofSeconds(30)).until(() -> Client.post(events, "sos-stall", body).status() == 202);
            }
            assertThat(metric("inorder_sos_stalled_total")).as("let go after %d requests", requests).isEqualTo(1);
            assertThat(metric("inorder_sos_dropped_total")).isPositive();
            await().atMost(Duration.ofSeconds(10)).until(() -> metric("inorder_sos_clients") == 1);

            // The reader kept reading, and a place is free again.
            long before = reader.messages.get();
            Client.post(events, "sos-stall", Events.updateState("SOS-STALL-" + run + "-0", 1_000_000));
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.messages.get() > before);
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + route.ownPort() + "/?apiKey=" + KEY), new Reader()).join();
        }
    }
}
