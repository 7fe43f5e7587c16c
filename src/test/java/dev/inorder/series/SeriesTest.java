package dev.inorder.series;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.MatchScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A best-of-3 set up over the API, played out, shown in the match views and in the overlay feed's team names. */
@QuarkusTest
class SeriesTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/events")
    URI events;

    @TestHTTPResource("/sos")
    URI sos;

    /** The scripted match (Blue wins 2-1) with its teams renamed. */
    private static List<String> match(String guid, String blue, String orange) {
        return new MatchScript(guid, "sr" + UUID.randomUUID().toString().substring(0, 6)).events().stream()
                .map(e -> e.replace("\"Name\":\"Blue\"", "\"Name\":\"" + blue + "\"")
                        .replace("\"Name\":\"Orange\"", "\"Name\":\"" + orange + "\"")
                        .replace("\"Winner\":\"Blue\"", "\"Winner\":\"" + blue + "\""))
                .toList();
    }

    private void play(String guid, List<String> events) {
        Client.post(this.events, "series-" + UUID.randomUUID(), Events.array(events));
        await().atMost(Duration.ofSeconds(10)).until(() -> "ended".equals(given().get("/matches/" + guid).then().extract().path("state")));
    }

    @Test
    void shouldScoreABestOfThreeFromTheMatchesOfItsTeamsAndShowIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String ducks = "Ducks " + run;
        String geese = "Geese " + run;
        String body = """
                {"name":"Final %s","bestOf":3,"teams":[{"name":"%s","color":"#112233","logo":"https://example.org/ducks.png"},{"name":"%s"}]}"""
                .formatted(run, ducks, geese);
        var created = given().contentType("application/json").body(body).post("/series").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/series/")).extract();
        String id = created.path("series.id");
        assertThat((String) created.path("state")).isEqualTo("open");

        // An overlay on the first match: the team names are the series', with the series score.
        String first = "SR1-" + run;
        List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(sos.toString().replaceFirst("^http", "ws")
                + "?match=" + first), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        try {
                            received.add(MAPPER.readTree(data.toString()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());

        List<String> firstEvents = match(first, ducks, geese);
        String source = "series-" + UUID.randomUUID();
        Client.post(events, source, Events.array(firstEvents.subList(0, 10)));   // under way: no win yet
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(m -> m.path("event").asText()
                .equals("game:update_state") && m.path("data").path("game").path("teams").get(0).path("name").asText().startsWith(ducks)));
        JsonNode state = received.stream().filter(m -> m.path("event").asText().equals("game:update_state"))
                .map(m -> m.path("data").path("game")).filter(g -> g.path("teams").get(0).path("name").asText().startsWith(ducks))
                .findFirst().orElseThrow();
        assertThat(state.path("teams").get(0).path("name").asText()).isEqualTo(ducks + " (0)");
        assertThat(state.path("teams").get(1).path("name").asText()).isEqualTo(geese + " (0)");
        assertThat(state.path("teams").get(0).path("color_primary").asText()).isEqualTo("112233");
        assertThat(state.path("teams").get(0).path("logo").asText()).isEqualTo("https://example.org/ducks.png");
        assertThat(state.path("series").path("name").asText()).isEqualTo("Final " + run);
        Client.post(events, source, Events.array(firstEvents.subList(10, firstEvents.size())));   // Ducks win
        await().atMost(Duration.ofSeconds(10)).until(() -> "ended".equals(given().get("/matches/" + first).then().extract().path("state")));

        String second = "SR2-" + run;
        play(second, match(second, geese.toUpperCase(), ducks));           // Geese win, the other way round
        JsonNode view = MAPPER.readTree(given().get("/matches/" + second).asString());
        assertThat(view.path("series").path("id").asText()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(1).equals(given().get("/series/" + id).then().extract().path("teams[1].wins")));

        String third = "SR3-" + run;
        play(third, match(third, ducks, geese));                           // Ducks win: 2-1
        await().atMost(Duration.ofSeconds(5)).until(() -> "decided".equals(given().get("/series/" + id).then().extract().path("state")));
        String fourth = "SR4-" + run;
        play(fourth, match(fourth, ducks, geese));                         // after the decision: not in it
        JsonNode series = MAPPER.readTree(given().get("/series/" + id).asString());
        assertThat(series.path("winner").asText()).isEqualTo(ducks);
        assertThat(series.path("teams").get(0).path("wins").asInt()).isEqualTo(2);
        assertThat(series.path("teams").get(1).path("wins").asInt()).isEqualTo(1);
        assertThat(series.path("matches").findValuesAsText("guid")).containsExactly(first, second, third);
        assertThat(MAPPER.readTree(given().get("/matches/" + fourth).asString()).path("series").isNull()).isTrue();

        // By hand: counted whatever its names.
        given().contentType("application/json").body("{\"guid\":\"" + fourth + "\"}").post("/series/" + id + "/matches")
                .then().statusCode(200).body("teams[0].wins", equalTo(3));
        given().post("/series/" + id + "/close").then().statusCode(200);
        assertThat(given().get("/series").then().statusCode(200).extract().<List<String>>path("series.id")).contains(id);
    }

    @Test
    void shouldRefuseABadSeriesWithAClearError() {
        for (String bad : List.of("{", "[]", "{\"name\":\"x\",\"bestOf\":0,\"teams\":[{\"name\":\"a\"},{\"name\":\"b\"}]}",
                "{\"name\":\"x\",\"bestOf\":3,\"teams\":[{\"name\":\"a\"}]}",
                "{\"name\":\"x\",\"bestOf\":3,\"teams\":[{\"name\":\"a\"},{\"name\":\"A\"}]}",
                "{\"name\":\"x\",\"bestOf\":3,\"teams\":[{\"name\":\"a\",\"color\":\"red\"},{\"name\":\"b\"}]}",
                "{\"name\":\"x\",\"bestOf\":3,\"teams\":[{\"name\":\"a\",\"logo\":\"javascript:alert(1)\"},{\"name\":\"b\"}]}",
                "{\"name\":\"\",\"bestOf\":3,\"teams\":[{\"name\":\"a\"},{\"name\":\"b\"}]}")) {
            String error = given().contentType("application/json").body(bad).post("/series").then().statusCode(400)
                    .extract().path("error");
            assertThat(error).as(bad).isIn("invalid_json", "invalid_series");
        }
        given().get("/series/nope").then().statusCode(404).body("error", equalTo("unknown_series"));
        given().contentType("application/json").body("{\"guid\":\"nope\"}").post("/series/nope/matches").then().statusCode(404);
    }
}
