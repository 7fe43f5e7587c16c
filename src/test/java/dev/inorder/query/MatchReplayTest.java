package dev.inorder.query;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.MatchScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Realistic matches through the whole service into the store (embedded H2 here, PostgreSQL in the subclass), read
 * back through the query API.
 */
@QuarkusTest
class MatchReplayTest {

    @TestHTTPResource("/events")
    URI events;

    @Test
    void shouldStoreAMatchsFinalStateTimelineAndCareersExactly() {
        String run = UUID.randomUUID().toString();
        var script = new MatchScript("G-" + run, run);
        postInOrder("plugin-" + run, script.events());
        awaitApplied();

        assertFinalState("G-" + run, run, script);
    }

    @Test
    void shouldReachTheSameStateFromManyClientsSendingDuplicatesAndLateSnapshots() throws Exception {
        JsonPath before = queue();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<String> runs = new ArrayList<>();
        List<Future<MatchScript.Messy>> sent = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            String run = UUID.randomUUID().toString();
            runs.add(run);
            sent.add(clients.submit(() -> {
                var messy = new MatchScript("G-" + run, run).messy();
                postInOrder("plugin-" + run, messy.events());
                return messy;
            }));
        }
        int duplicates = 0;
        int stale = 0;
        for (var future : sent) {
            duplicates += future.get().duplicates();
            stale += future.get().stale();
        }
        clients.shutdown();
        awaitApplied();

        for (String run : runs) {
            assertFinalState("G-" + run, run, new MatchScript("G-" + run, run));
        }
        JsonPath after = queue();
        assertThat(after.getLong("duplicates") - before.getLong("duplicates")).isEqualTo(duplicates);
        assertThat(after.getLong("stale") - before.getLong("stale")).isEqualTo(stale);
        assertThat(after.getLong("deadLettered")).isEqualTo(before.getLong("deadLettered"));
    }

    @Test
    void shouldListMatchesMostRecentFirstInPages() {
        List<String> guids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String guid = "P-" + UUID.randomUUID();
            guids.add(0, guid);
            postInOrder("pager", List.of(Events.updateState(guid, System.nanoTime())));
        }
        awaitApplied();
        JsonPath first = get("/matches?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.guid", String.class)).containsExactly(guids.get(0), guids.get(1));
        String cursor = first.getString("nextCursor");
        JsonPath second = get("/matches?limit=2&cursor=" + cursor).then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.guid", String.class).get(0)).isEqualTo(guids.get(2));
    }

    @Test
    void shouldAnswer404ForUnknownMatchesAndPlayersAnd400ForBadPaging() {
        get("/matches/no-such-guid").then().statusCode(404).body("error", equalTo("unknown_match"));
        get("/matches/no-such-guid/timeline").then().statusCode(404).body("error", equalTo("unknown_match"));
        get("/players/no-such-player").then().statusCode(404).body("error", equalTo("unknown_player"));
        get("/matches?limit=0").then().statusCode(400).body("error", equalTo("invalid_limit"));
        get("/matches?cursor=abc").then().statusCode(400).body("error", equalTo("invalid_cursor"));
        for (String list : List.of("/matches", "/matches/no-such-guid/timeline", "/players/no-such-player", "/dead-letters")) {
            for (String limit : List.of("abc", "1.5", "99999999999", "-1", "201", "%20")) {
                given().urlEncodingEnabled(false).get(list + "?limit=" + limit).then().statusCode(400)
                        .body("error", equalTo("invalid_limit"));
            }
            given().urlEncodingEnabled(false).get(list + "?cursor=1.5").then().statusCode(400).body("error", equalTo("invalid_cursor"));
        }
        // An id no event could have (the door refuses control characters) names nothing, on every store: no 500.
        given().urlEncodingEnabled(false).get("/matches/a%00b").then().statusCode(404).body("error", equalTo("unknown_match"));
        given().urlEncodingEnabled(false).get("/matches/a%00b/timeline").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/players/a%00b").then().statusCode(404).body("error", equalTo("unknown_player"));
    }

    /** Sends like a plugin: one request after the other, singles and small batches of 3. */
    void postInOrder(String source, List<String> events) {
        int i = 0;
        while (i < events.size()) {
            int size = i % 4 == 3 ? Math.min(3, events.size() - i) : 1;
            String body = size == 1 ? events.get(i) : Events.array(events.subList(i, i + size));
            var answer = Client.post(this.events, source, body);
            assertThat(answer.status()).isEqualTo(202);
            i += size;
        }
    }

    static void awaitApplied() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath q = queue();
            return q.getInt("depth") == 0 && q.getLong("lastProcessedOffset") == q.getLong("lastOffset");
        });
    }

    static JsonPath queue() {
        return get("/queue").then().statusCode(200).extract().jsonPath();
    }

    static void assertFinalState(String guid, String idPrefix, MatchScript script) {
        JsonPath match = get("/matches/" + guid).then().statusCode(200).extract().jsonPath();
        assertThat(match.getString("state")).isEqualTo("ended");
        assertThat(match.getString("arena")).isEqualTo("Stadium_P");
        assertThat(match.getInt("timeSeconds")).isEqualTo(23);
        assertThat(match.getBoolean("overtime")).isTrue();
        assertThat(match.getList("teams.score", Integer.class)).containsExactly(2, 1);
        assertThat(match.getString("winner")).isEqualTo("Blue");
        assertThat(match.getList("players.name", String.class)).containsExactlyInAnyOrder(MatchScript.NAMES);

        JsonPath timeline = get("/matches/" + guid + "/timeline?limit=200").then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("items.event", String.class)).containsExactlyElementsOf(script.timelineEvents());
        assertThat(timeline.getList("items.offset", Long.class)).isSorted().doesNotHaveDuplicates();
        assertThat(timeline.getDouble("items.find { it.event == 'GoalScored' }.data.GoalSpeed")).isEqualTo(97.4);

        for (int p = 0; p < 6; p++) {
            String id = MatchScript.playerId(idPrefix, p);
            JsonPath player = given().urlEncodingEnabled(true).get("/players/{id}", id).then().statusCode(200).extract().jsonPath();
            int[] f = MatchScript.FINAL[p];
            assertThat(player.getInt("career.matches")).as(id).isEqualTo(1);
            assertThat(player.getInt("career.wins")).as(id).isEqualTo(p < 3 ? 1 : 0);
            assertThat(new long[] { player.getLong("career.score"), player.getLong("career.goals"), player.getLong("career.shots"),
                    player.getLong("career.assists"), player.getLong("career.saves"), player.getLong("career.touches"),
                    player.getLong("career.demos") }).as(id).containsExactly(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
            assertThat(player.getList("matches.guid", String.class)).containsExactly(guid);
        }
    }
}
