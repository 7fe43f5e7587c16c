package dev.inorder.store;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Sender;
import static dev.inorder.support.Reads.awaitApplied;
import static dev.inorder.support.Reads.timelineNumbers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;

/**
 * The promise through a store outage: several senders stream with Seq while the database is unusable for 15 s and
 * comes back. Every event answered 202 is stored exactly once, in order; nothing is dead-lettered; readiness goes
 * down with the reason and comes back; new requests meanwhile get 503 with Retry-After. Subclasses make the outage.
 */
abstract class StoreOutageTest {

    static final Duration OUTAGE = Duration.ofSeconds(15);

    @TestHTTPResource("/events")
    URI events;

    /** Makes the store unusable for the consumer. */
    abstract void storeDown() throws Exception;

    /** Makes it usable again. */
    abstract void storeUp() throws Exception;

    @Test
    void shouldApplyEveryAcceptedEventExactlyOnceInOrderThroughAStoreOutage() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        var stop = new AtomicBoolean();
        List<Sender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var sender = new Sender(events, "outage-" + run + "-" + i, "OUT-" + run + "-" + i, 5, stop);
            senders.add(sender);
            threads.add(new Thread(sender));
        }
        threads.forEach(Thread::start);
        await().atMost(Duration.ofSeconds(20)).until(() -> senders.stream().allMatch(s -> s.accepted().size() >= 50));
        long before = senders.stream().mapToLong(s -> s.accepted().size()).sum();

        storeDown();
        long downAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var ready = get("/q/health/ready").then().extract();
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body().asString()).contains("store unavailable");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> senders.stream().anyMatch(s -> s.refused() > 0));
        JsonPath during = get("/queue").then().extract().jsonPath();
        assertThat(during.getBoolean("storeUp")).isFalse();
        long left = OUTAGE.toMillis() - (System.nanoTime() - downAt) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left); // the outage lasts its full length while the senders keep trying
        }
        storeUp();

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/q/health/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> senders.stream().mapToLong(s -> s.accepted().size()).sum() > before + 100);
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
        for (Sender s : senders) {
            assertThat(s.failure()).isNull();
        }
        awaitApplied();

        for (Sender s : senders) {
            assertThat(timelineNumbers(s.matchGuid())).as(s.matchGuid()).containsExactlyElementsOf(s.accepted());
        }
        JsonPath q = get("/queue").then().extract().jsonPath();
        assertThat(q.getLong("deadLettered")).isZero();
        assertThat(q.getLong("retries")).as("the consumer kept trying").isPositive();
        assertThat(q.getBoolean("storeUp")).isTrue();
        assertThat(q.getLong("processed")).isEqualTo(q.getLong("applied") + q.getLong("stale") + q.getLong("duplicates")
                + q.getLong("replayed") + q.getLong("afterEnd") + q.getLong("seqJumps") + q.getLong("foreign")
                + q.getLong("deadLettered"));
        assertThat(q.getLong("accepted")).isEqualTo(q.getLong("processed") + q.getLong("depth"));
        assertThat(senders.stream().mapToInt(Sender::refused).sum()).as("503s while the store was down").isPositive();
    }
}
