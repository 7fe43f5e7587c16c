package dev.inorder.sos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.MatchScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The overlay feed as an SOS overlay sees it: a real WebSocket client (the JDK's) on {@code /sos} and on the feed's
 * own port, a whole scripted match posted, and the messages checked against the shapes the SOS plugin's README and
 * overlay kits' types document.
 */
@QuarkusTest
class SosFeedTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/sos")
    URI sos;

    @TestHTTPResource("/events")
    URI events;

    @Inject
    SosRoute route;

    /** An overlay: records every message it is sent, as JSON. */
    static final class Overlay implements WebSocket.Listener {
        final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        List<JsonNode> named(String event) {
            synchronized (received) {
                return received.stream().filter(m -> m.path("event").asText().equals(event)).toList();
            }
        }

        List<String> events() {
            synchronized (received) {
                return received.stream().map(m -> m.path("event").asText()).toList();
            }
        }
    }

    private static Overlay connect(URI uri) {
        var overlay = new Overlay();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, overlay).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> !overlay.named("wsRelay:info").isEmpty());
        return overlay;
    }

    private static JsonNode last(List<JsonNode> messages) {
        return messages.get(messages.size() - 1);
    }

    private URI ws(String query) {
        return URI.create(sos.toString().replaceFirst("^http", "ws") + query);
    }

    @Test
    void shouldSpeakSosToAnOverlayFollowingOneMatch() {
        String guid = "SOS-" + UUID.randomUUID();
        String other = "SOS-OTHER-" + UUID.randomUUID();
        var overlay = connect(ws("?match=" + guid));
        var everything = connect(ws(""));
        var script = new MatchScript(guid, "sos" + UUID.randomUUID().toString().substring(0, 6));

        Client.post(events, "sos-test-" + UUID.randomUUID(), Events.updateState(other, 1));
        Client.post(events, "sos-test-" + UUID.randomUUID(), Events.array(script.events()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !overlay.named("game:match_destroyed").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !everything.named("game:match_destroyed").isEmpty());

        // Every timeline event, as its SOS event, in the order applied.
        assertThat(overlay.events().stream().filter(e -> !e.equals("game:update_state")
                && !e.equals("game:clock_updated_seconds") && !e.equals("wsRelay:info")).toList())
                .containsExactlyElementsOf(script.timelineEvents().stream().map(SosMessages.EVENTS::get).toList());

        JsonNode last = last(overlay.named("game:update_state")).get("data");
        assertThat(last.path("match_guid").asText()).isEqualTo(guid);
        JsonNode game = last.get("game");
        assertThat(game.path("arena").asText()).isEqualTo("Stadium_P");
        assertThat(game.path("teams").get(0).path("name").asText()).isEqualTo("Blue");
        assertThat(game.path("teams").get(0).path("score").asInt()).isEqualTo(2);
        assertThat(game.path("teams").get(1).path("score").asInt()).isEqualTo(1);
        assertThat(game.path("isOT").asBoolean()).isTrue();
        assertThat(game.path("hasWinner").asBoolean()).isTrue();
        assertThat(game.path("winner").asText()).isEqualTo("Blue");
        assertThat(game.path("time_seconds").isNumber()).isTrue();
        for (String field : List.of("ballSpeed", "ballTeam", "hasTarget", "isReplay", "target")) {
            assertThat(game.has(field)).as(field).isTrue();
        }
        JsonNode ada = last.path("players").path("Ada_1");
        assertThat(ada.path("id").asText()).isEqualTo("Ada_1");
        assertThat(ada.path("name").asText()).isEqualTo("Ada");
        assertThat(ada.path("team").asInt()).isZero();
        assertThat(ada.path("goals").asInt()).isEqualTo(MatchScript.FINAL[0][1]);
        assertThat(ada.path("score").asInt()).isEqualTo(MatchScript.FINAL[0][0]);
        assertThat(ada.path("touches").asInt()).isEqualTo(MatchScript.FINAL[0][5]);
        assertThat(ada.path("demos").asInt()).isEqualTo(MatchScript.FINAL[0][6]);
        for (String field : List.of("assists", "saves", "shots", "boost", "speed", "isDead", "isSonic", "hasCar",
                "attacker", "cartouches", "primaryID")) {
            assertThat(ada.has(field)).as(field).isTrue();
        }
        assertThat(last.path("players").size()).isEqualTo(6);

        JsonNode goal = overlay.named("game:goal_scored").get(0).get("data");
        assertThat(goal.path("scorer").path("name").asText()).isEqualTo("Ada");
        assertThat(goal.path("scorer").path("id").asText()).isEqualTo("Ada_1");
        assertThat(goal.path("assister").path("name").asText()).isEqualTo("Bea");
        assertThat(goal.path("goalspeed").asDouble()).isEqualTo(97.4);
        assertThat(goal.path("ball_last_touch").path("player").asText()).isEqualTo("Ada_1");
        JsonNode demolish = overlay.named("game:statfeed_event").stream().map(m -> m.get("data"))
                .filter(d -> d.path("type").asText().equals("Demolish")).findFirst().orElseThrow();
        assertThat(demolish.path("main_target").path("name").asText()).isEqualTo("Eve");
        assertThat(overlay.named("game:match_ended").get(0).path("data").path("winner_team_num").asInt()).isZero();
        assertThat(overlay.named("game:initialized").get(0).path("data").isTextual()).isTrue();
        assertThat(overlay.named("game:clock_updated_seconds")).isNotEmpty();

        assertThat(overlay.received).as("nothing of another match").noneMatch(m -> m.toString().contains(other));
        assertThat(everything.received).anyMatch(m -> m.toString().contains(other));
    }

    @Test
    void shouldServeTheSameFeedOnItsOwnPortAtAnyPath() {
        assertThat(route.ownPort()).isPositive();
        var overlay = connect(URI.create("ws://localhost:" + route.ownPort()));
        String guid = "SOS-PORT-" + UUID.randomUUID();
        Client.post(events, "sos-port-" + UUID.randomUUID(), Events.updateState(guid, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> overlay.named("game:update_state").stream()
                .anyMatch(m -> m.path("data").path("match_guid").asText().equals(guid)));
    }

    @Test
    void shouldAnswerAPlainRequestWithAClearError() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sos).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(response.body()).path("error").asText()).isEqualTo("websocket_expected");
    }
}
