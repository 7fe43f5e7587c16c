package dev.inorder.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /live?match=…} over real HTTP: that match's changes and the queue ticks, nothing of other matches. */
@QuarkusTest
class LiveResourceTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/live")
    URI live;

    @TestHTTPResource("/events")
    URI events;

    @Inject
    LiveFeed feed;

    @Test
    void shouldStreamOneMatchsChangesAndQueueTicks() throws Exception {
        String mine = "MINE-" + UUID.randomUUID();
        String other = "OTHER-" + UUID.randomUUID();
        String source = "live-test-" + UUID.randomUUID(); // a sender of its own: the store remembers Seqs across runs
        List<JsonNode> received = new ArrayList<>();
        var request = HttpRequest.newBuilder(URI.create(live + "?match=" + mine)).header("Accept", "text/event-stream").build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        JsonNode message = MAPPER.readTree(line.substring(5));
                        synchronized (received) {
                            received.add(message);
                        }
                        if (message.get("type").asText().equals("queue") && received.stream().anyMatch(m -> m.get("type").asText().equals("event"))) {
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The stream has no replay: post only once this client is registered with the feed.
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.clients() > 0);
        Client.post(events, source, Events.updateState(other, 1));
        Client.post(events, source, Events.updateState(mine, 2));
        Client.post(events, source, "{\"Event\":\"GoalScored\",\"Seq\":3,\"Data\":{\"MatchGuid\":\"" + mine + "\",\"Scorer\":{\"Name\":\"Ada\"}}}");
        try {
            reading.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            synchronized (received) {
                throw new AssertionError("received only " + received, e);
            }
        }

        synchronized (received) {
            assertThat(received).extracting(m -> m.get("type").asText()).contains("match", "event", "queue");
            assertThat(received).filteredOn(m -> !m.get("type").asText().equals("queue"))
                    .allSatisfy(m -> assertThat(m.get("match").asText()).isEqualTo(mine));
            assertThat(received).filteredOn(m -> m.get("type").asText().equals("event"))
                    .extracting(m -> m.at("/data/event").asText()).containsExactly("GoalScored");
        }
    }
}
