package dev.inorder.store;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.Reads;
import dev.inorder.support.Events;
import dev.inorder.support.Sender;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Poison events (ones the store refuses at commit: here, by a check constraint the test puts on the timeline) at random
 * positions in batches from several concurrent senders: each poison is dead-lettered exactly once, every other event
 * is stored, in order; a dead letter is applied again after the fix.
 */
@QuarkusTest
@TestProfile(PoisonEventTest.Profile.class)
class PoisonEventTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.data-dir", "./target/test-data-poison");
        }
    }

    @TestHTTPResource("/events")
    URI events;

    @Inject
    @DataSource("embedded")
    AgroalDataSource embedded;

    /** The store's database, to apply the fix. */
    Connection storeConnection() throws java.sql.SQLException {
        return embedded.getConnection();
    }

    long deadLetterCursor;

    /** Dead letters of earlier runs (the PostgreSQL schema is kept between runs) are before this cursor. */
    long lastDeadLetterId() {
        return deadLetterCursor;
    }

    record Sent(String guid, List<Long> good, List<Long> poison) {
    }

    Sent send(String run, int sender) {
        var random = new Random(sender);
        String guid = "POISON-" + run + "-" + sender;
        List<Long> good = new ArrayList<>();
        List<Long> poison = new ArrayList<>();
        long seq = 0;
        for (int batch = 0; batch < 30; batch++) {
            List<String> body = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                seq++;
                boolean bad = random.nextInt(25) == 0;
                body.add(Sender.event(bad ? "Poison" : "StatfeedEvent", guid, seq));
                (bad ? poison : good).add(seq);
            }
            assertThat(Client.post(events, "poison-" + run + "-" + sender, Events.array(body)).status()).isEqualTo(202);
        }
        return new Sent(guid, good, poison);
    }

    /** The store refuses timeline events named Poison, as a database refuses a value it cannot hold; or not any more. */
    void poisonRefused(boolean refused) throws java.sql.SQLException {
        try (Connection c = storeConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE timeline_events DROP CONSTRAINT IF EXISTS no_poison");
            if (refused) {
                // A retried poison of an earlier run (the schema is kept between runs) would break the new constraint.
                st.execute("DELETE FROM timeline_events WHERE event_name = 'Poison'");
                st.execute("ALTER TABLE timeline_events ADD CONSTRAINT no_poison CHECK (event_name <> 'Poison')");
            }
        }
    }

    @Test
    void shouldDeadLetterEachPoisonOnceStoreEveryOtherEventInOrderAndApplyADeadLetterAgainAfterAFix() throws Exception {
        poisonRefused(true);
        deadLetterCursor = 0;
        for (String cursor = ""; cursor != null;) {
            JsonPath page = get("/dead-letters?limit=200&cursor=" + cursor).then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            if (!ids.isEmpty()) {
                deadLetterCursor = ids.get(ids.size() - 1);
            }
            cursor = page.getString("nextCursor");
        }
        long deadBefore = get("/queue").then().extract().jsonPath().getLong("deadLettered");
        String run = Long.toString(System.nanoTime(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Sent>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int sender = i;
            futures.add(pool.submit(() -> send(run, sender)));
        }
        List<Sent> sent = new ArrayList<>();
        for (var f : futures) {
            sent.add(f.get());
        }
        pool.shutdown();
        Reads.awaitApplied();

        int poisons = 0;
        for (Sent s : sent) {
            assertThat(Reads.timelineNumbers(s.guid())).as(s.guid()).containsExactlyElementsOf(s.good());
            assertThat(s.poison()).as("the seeds put poison in every sender's stream").isNotEmpty();
            poisons += s.poison().size();
        }
        JsonPath letters = get("/dead-letters?limit=200&cursor=" + lastDeadLetterId()).then().statusCode(200).extract().jsonPath();
        assertThat(letters.getString("nextCursor")).isNull();
        for (Sent s : sent) {
            assertThat(letters.getList("items.findAll { it.envelope.Data.MatchGuid == '" + s.guid() + "' }.envelope.Data.Number",
                    Long.class)).as(s.guid()).containsExactlyElementsOf(s.poison());
        }
        assertThat(letters.getList("items.error", String.class)).allSatisfy(e -> assertThat(e).containsIgnoringCase("no_poison"));
        JsonPath q = get("/queue").then().extract().jsonPath();
        assertThat(q.getLong("deadLettered") - deadBefore).isEqualTo(poisons);
        assertThat(q.getLong("processed")).isEqualTo(q.getLong("applied") + q.getLong("stale") + q.getLong("duplicates")
                + q.getLong("replayed") + q.getLong("afterEnd") + q.getLong("seqJumps") + q.getLong("foreign")
                + q.getLong("deadLettered"));
        assertThat(q.getLong("accepted")).isEqualTo(q.getLong("processed") + q.getLong("depth"));

        // The fix: the store takes such events now. One dead letter is applied again, once.
        poisonRefused(false);
        Sent first = sent.get(0);
        long id = letters.getLong("items.find { it.envelope.Data.MatchGuid == '" + first.guid() + "' }.id");
        long number = first.poison().get(0);
        long offset = post("/dead-letters/" + id + "/retry").then().statusCode(202).extract().jsonPath().getLong("offset");
        post("/dead-letters/" + id + "/retry").then().statusCode(409);
        Reads.awaitApplied();
        List<Long> numbers = Reads.timelineNumbers(first.guid());
        assertThat(numbers).hasSize(first.good().size() + 1).endsWith(number);
        JsonPath letter = get("/dead-letters/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(letter.getString("state")).isEqualTo("retried");
        assertThat(letter.getLong("retryOffset")).isEqualTo(offset);
        get("/dead-letters/999999999").then().statusCode(404);
        get("/dead-letters?limit=abc").then().statusCode(400);
    }
}
