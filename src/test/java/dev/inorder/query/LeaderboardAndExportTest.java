package dev.inorder.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.MatchScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Leaderboards over ended matches, derived stats, and every CSV export parsed back and compared with the JSON. */
@QuarkusTest
class LeaderboardAndExportTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/events")
    URI events;

    private String since;
    private final List<String> guids = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    /** Two whole matches played now, by two sets of players (the same names, different ids). */
    @BeforeEach
    void playTwoMatches() {
        since = Instant.now().minusMillis(1).toString();
        for (int i = 0; i < 2; i++) {
            String guid = "LB-" + UUID.randomUUID();
            String prefix = "lb" + UUID.randomUUID().toString().substring(0, 8);
            guids.add(guid);
            prefixes.add(prefix);
            Client.post(events, "lb-" + UUID.randomUUID(), Events.array(new MatchScript(guid, prefix).events()));
        }
        for (String guid : guids) {
            await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/matches/" + guid).then().extract()
                    .path("state") instanceof String s && s.equals("ended"));
        }
    }

    private static List<Map<String, String>> csv(String body) throws Exception {
        MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body);
        return rows.readAll();
    }

    @Test
    void shouldRankPlayersOverTheEndedMatchesOfThePeriodAndPageThem() throws Exception {
        JsonNode goals = MAPPER.readTree(given().queryParam("stat", "goals").queryParam("since", since).get("/leaderboards")
                .then().statusCode(200).extract().asString());
        assertThat(goals.path("stat").asText()).isEqualTo("goals");
        JsonNode items = goals.path("items");
        assertThat(items).hasSize(12);
        assertThat(items.get(0).path("value").asLong()).isEqualTo(MatchScript.FINAL[0][1]);
        assertThat(items.get(0).path("name").asText()).isEqualTo("Ada");
        assertThat(items.get(0).path("matches").asInt()).isEqualTo(1);
        assertThat(items.get(0).path("rank").asInt()).isEqualTo(1);
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).path("value").asLong()).isLessThanOrEqualTo(items.get(i - 1).path("value").asLong());
        }

        JsonNode wins = MAPPER.readTree(given().queryParam("stat", "wins").queryParam("since", since).get("/leaderboards").asString());
        assertThat(wins.path("items").findValuesAsText("name").subList(0, 6)).containsOnly("Ada", "Bea", "Cy");
        assertThat(wins.path("items").get(6).path("value").asInt()).isZero();

        JsonNode mvps = MAPPER.readTree(given().queryParam("stat", "mvps").queryParam("since", since).get("/leaderboards").asString());
        assertThat(mvps.path("items").get(0).path("name").asText()).isEqualTo("Ada");
        assertThat(mvps.path("items").get(1).path("name").asText()).isEqualTo("Ada");
        assertThat(mvps.path("items").get(2).path("value").asInt()).isZero();

        // Paged: the second page starts after the first page's last rank.
        JsonNode first = MAPPER.readTree(given().queryParam("stat", "score").queryParam("since", since).queryParam("limit", 5)
                .get("/leaderboards").asString());
        JsonNode second = MAPPER.readTree(given().queryParam("stat", "score").queryParam("since", since).queryParam("limit", 5)
                .queryParam("cursor", first.path("nextCursor").asText()).get("/leaderboards").asString());
        assertThat(first.path("nextCursor").asText()).isEqualTo("5");
        assertThat(second.path("items").get(0).path("rank").asInt()).isEqualTo(6);
        assertThat(second.path("items").get(0).path("value").asLong())
                .isLessThanOrEqualTo(first.path("items").get(4).path("value").asLong());

        given().queryParam("stat", "elo").get("/leaderboards").then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_stat"));
        given().queryParam("since", "yesterday").get("/leaderboards").then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_since"));
    }

    @Test
    void shouldKeepTheDerivedStatsOfEachPlayerInTheMatch() throws Exception {
        JsonNode match = MAPPER.readTree(given().get("/matches/" + guids.get(0)).asString());
        JsonNode ada = null;
        for (JsonNode p : match.path("players")) {
            if (p.path("name").asText().equals("Ada")) {
                ada = p;
            }
        }
        assertThat(ada).isNotNull();
        assertThat(ada.path("derived").path("mvp").asBoolean()).isTrue();
        assertThat(ada.path("derived").has("averageBoost")).isTrue();
        assertThat(ada.path("derived").path("boostSeen").asBoolean()).isTrue();
    }

    @Test
    void shouldExportEachListAsCsvThatParsesBackToTheJson() throws Exception {
        String board = given().queryParam("stat", "goals").queryParam("since", since).queryParam("format", "csv")
                .get("/leaderboards").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract().asString();
        var rows = csv(board);
        JsonNode json = MAPPER.readTree(given().queryParam("stat", "goals").queryParam("since", since).get("/leaderboards").asString());
        assertThat(rows).hasSize(12);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("player_id")).isEqualTo(json.path("items").get(i).path("playerId").asText());
            assertThat(rows.get(i).get("goals")).isEqualTo(json.path("items").get(i).path("value").asText());
        }

        String guid = guids.get(0);
        var timeline = csv(given().accept("text/csv").get("/matches/" + guid + "/timeline").then().statusCode(200).extract().asString());
        JsonNode timelineJson = MAPPER.readTree(given().queryParam("limit", 200).get("/matches/" + guid + "/timeline").asString());
        assertThat(timeline).hasSize(timelineJson.path("items").size());
        for (int i = 0; i < timeline.size(); i++) {
            JsonNode item = timelineJson.path("items").get(i);
            assertThat(timeline.get(i).get("offset")).isEqualTo(item.path("offset").asText());
            assertThat(timeline.get(i).get("event")).isEqualTo(item.path("event").asText());
            // JSON with commas and quotes in one cell, parsed back whole
            assertThat(MAPPER.readTree(timeline.get(i).get("data"))).isEqualTo(item.path("data"));
        }

        String playerId = MatchScript.playerId(prefixes.get(0), 0);
        var played = csv(given().queryParam("format", "csv").get("/players/{id}", playerId)
                .then().statusCode(200).extract().asString());
        assertThat(played).hasSize(1);
        assertThat(played.get(0).get("guid")).isEqualTo(guid);
        assertThat(played.get(0).get("goals")).isEqualTo(String.valueOf(MatchScript.FINAL[0][1]));

        var matches = csv(given().accept("text/csv").get("/matches").then().statusCode(200).extract().asString());
        assertThat(matches).anySatisfy(m -> {
            assertThat(m.get("guid")).isEqualTo(guid);
            assertThat(m.get("team0_score")).isEqualTo("2");
            assertThat(m.get("state")).isEqualTo("ended");
        });

        given().get("/matches").then().statusCode(200).contentType(ContentType.JSON);
        given().accept("*/*").get("/matches").then().statusCode(200).contentType(ContentType.JSON);
        given().queryParam("format", "xml").get("/matches").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_format"));
        // ?format= wins over Accept, on each export's path (a route on those paths, not a filter on every request).
        given().accept("text/csv").queryParam("format", "json").get("/matches").then().statusCode(200).contentType(ContentType.JSON);
        given().queryParam("format", "csv").get("/matches/{guid}/timeline", guid).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        given().queryParam("format", "xml").get("/leaderboards").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_format"));
        given().accept("text/csv").get("/matches/no-such-match/timeline").then().statusCode(404);
    }
}
