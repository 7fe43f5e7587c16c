package dev.inorder.statsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.AcceptedEvent;
import dev.inorder.ingest.Source;
import dev.inorder.ingest.Sources;
import dev.inorder.support.FakeGame;
import dev.inorder.support.RecordingHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The game connector against a game on real TCP: a queue of 50 and a consumer of 0-9 ms per event, so the connector
 * must hold the game back; the game quits and restarts mid-match, then vanishes without closing. Every envelope the
 * game wrote is applied once, in the order written, with the connector's own sender and rising Seq.
 */
@QuarkusTest
@TestProfile(StatsApiConnectorTest.Game.class)
class StatsApiConnectorTest {

    static final int PORT = FakeGame.freePort();
    static final ObjectMapper MAPPER = new ObjectMapper();

    public static class Game implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RecordingHandler.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.statsapi.address", "127.0.0.1:" + PORT, "inorder.statsapi.idle-timeout", "2s",
                    "inorder.statsapi.max-backoff", "1s", "inorder.queue.capacity", "50");
        }
    }

    @Inject
    RecordingHandler recording;

    @Inject
    Sources sources;

    @Test
    void shouldApplyEveryEnvelopeOnceInOrderThroughRestartsAndAFullQueue() throws Exception {
        String sender = "statsapi@127.0.0.1:" + PORT;
        List<String> match = FakeGame.match("GAME-1", 600);
        int third = match.size() / 3;
        try (FakeGame game = new FakeGame(PORT)) {
            // The application started before the game: the connector keeps trying.
            await().atMost(Duration.ofSeconds(10)).until(() -> source(sender).lastError() != null);
            game.listen();
            try (Socket first = game.accept()) {
                game.stream(first, match.subList(0, third));
            } // the game quits: the OS closes its side
            game.stopListening();
            await().atMost(Duration.ofSeconds(30)).until(() -> !source(sender).connected());
            game.listen(); // the player starts the game again
            Socket vanished = game.accept();
            game.stream(vanished, match.subList(third, 2 * third));
            // ... and the game's machine drops off the network: no close. The idle timeout notices.
            try (Socket after = game.accept()) {
                game.stream(after, match.subList(2 * third, match.size()));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mine(sender).size())
                        .as("applied; the connector: %s", source(sender)).isEqualTo(match.size()));
            } finally {
                vanished.close();
            }
        }

        List<AcceptedEvent> applied = mine(sender);
        for (int i = 0; i < match.size(); i++) {
            JsonNode sent = MAPPER.readTree(match.get(i));
            assertThat(applied.get(i).event().event()).as("event %d", i).isEqualTo(sent.get("Event").asText());
            assertThat(applied.get(i).event().data()).as("event %d", i).isEqualTo(MAPPER.readTree(sent.get("Data").asText()));
            if (i > 0) {
                assertThat(applied.get(i).event().seq()).isGreaterThan(applied.get(i - 1).event().seq());
                assertThat(applied.get(i).offset()).isGreaterThan(applied.get(i - 1).offset());
            }
        }
        Source.View view = source(sender);
        assertThat(view.eventsTaken()).isEqualTo(match.size());
        assertThat(view.reconnects()).isGreaterThanOrEqualTo(2);
        assertThat(view.holds()).as("held the game back while the queue was full").isPositive();
        assertThat(view.refused()).isZero();
        // Visible to operators: GET /sources and the readiness check.
        io.restassured.RestAssured.get("/sources").then().statusCode(200)
                .body("find { it.name == '" + sender + "' }.eventsTaken", org.hamcrest.Matchers.equalTo(match.size()))
                .body("find { it.name == '" + sender + "' }.kind", org.hamcrest.Matchers.equalTo("statsapi"));
        io.restassured.RestAssured.get("/q/health/ready").then()
                .body("checks.find { it.name == 'sources' }.data.'" + sender + "'", org.hamcrest.Matchers.containsString("events taken"));
    }

    private List<AcceptedEvent> mine(String sender) {
        return recording.applied().stream().filter(e -> e.source().equals(sender)).toList();
    }

    private Source.View source(String sender) {
        return sources.views().stream().filter(s -> s.name().equals(sender)).findFirst().orElseThrow();
    }
}
