package dev.inorder.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Over real TCP: an SSE client that never reads is disconnected once its buffers are full and it has taken nothing for
 * {@code inorder.live.stall-after}; a client that reads stays, and ingest goes on.
 */
@QuarkusTest
@TestProfile(LiveStallTest.ShortStall.class)
class LiveStallTest {

    public static class ShortStall implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.live.stall-after", "2s");
        }
    }

    @TestHTTPResource("/events")
    URI events;

    @Inject
    LiveFeed feed;

    @Test
    void shouldDisconnectAClientThatNeverReadsAndKeepTheOneThatDoes() throws Exception {
        var reader = new Socket();
        var stuck = new Socket();
        stuck.setReceiveBufferSize(4096);
        AtomicLong readerLines = new AtomicLong();
        try (reader; stuck) {
            for (Socket s : List.of(reader, stuck)) {
                s.connect(new InetSocketAddress(events.getHost(), events.getPort()));
                s.getOutputStream().write(("GET /live HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            Thread readerThread = new Thread(() -> {
                try (var lines = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
                    while (lines.readLine() != null) {
                        readerLines.incrementAndGet();
                    }
                } catch (Exception e) {
                    // the test closes it
                }
            });
            readerThread.setDaemon(true);
            readerThread.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.clients() == 2);

            // Snapshots of 100 matches per request: a match message each per commit, until the stuck client is let go.
            String run = UUID.randomUUID().toString();
            int requests = 0;
            for (long seq = 1; feed.stalled() == 0 && requests < 3_000; seq++, requests++) {
                List<String> batch = new ArrayList<>();
                for (int m = 0; m < 100; m++) {
                    batch.add(Events.updateState("STALL-" + run + "-" + m, seq));
                }
                String body = Events.array(batch);
                // The queue may be full for a moment (503): send again until it takes the request.
                await().atMost(Duration.ofSeconds(30)).until(() -> Client.post(events, "stall-test", body).status() == 202);
            }

            assertThat(feed.stalled()).as("stuck clients let go after %d requests", requests).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.clients() == 1);
            // Its connection was closed by the server: what was in flight can still be read, then the end.
            stuck.setSoTimeout(10_000);
            InputStream in = stuck.getInputStream();
            byte[] buffer = new byte[65536];
            while (in.read(buffer) >= 0) {
                // drain
            }
            long before = readerLines.get();
            assertThat(Client.post(events, "stall-test", Events.updateState("STALL-" + run + "-0", 1_000_000)).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> readerLines.get() > before);
        }
    }
}
