package dev.inorder.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.inorder.match.Match;
import dev.inorder.match.MatchBook;

/** The fan-out, with clients that take or refuse what they are offered: no transport, no real time. */
class LiveFeedTest {

    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger encoded = new AtomicInteger();
    /** The feed's clock, moved by the tests: stalls are decided on it, nothing here waits for real time to pass. */
    private final AtomicLong now = new AtomicLong();
    private final LiveFeed feed = new LiveFeed(new LiveFeed.Limits(10, Duration.ofSeconds(10), Duration.ofHours(1), 0), m -> {
        written.incrementAndGet();
        return List.of(m.type() + ":" + m.match() + ":" + (m.data() instanceof Match v ? v.timeSeconds() : m.data()));
    }, batch -> {
        encoded.incrementAndGet();
        return List.copyOf(batch);
    }, now::get);

    /** A client that takes everything while {@code reading}, and records it. */
    static final class TestClient implements LiveFeed.Client {
        final String match;
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        volatile boolean reading = true;
        final AtomicInteger closed = new AtomicInteger();

        TestClient(String match) {
            this.match = match;
        }

        @Override
        public String match() {
            return match;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean offer(Object batch) {
            threads.add(Thread.currentThread());
            if (reading) {
                received.addAll((List<String>) batch);
            }
            return reading;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** Offers tick {@code n} and waits until the client was offered it. */
    private void offered(TestClient client, int n) {
        feed.offer(new LiveMessage("queue", null, n));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.threads.size() == n);
    }

    private TestClient client(String match) {
        var client = new TestClient(match);
        feed.add(client);
        return client;
    }

    @Test
    void shouldSkipAClientThatRefusesAndLetItGoOnceItHasRefusedForTheStallTime() {
        var stuck = client(null);
        var reader = client(null);
        stuck.reading = false;
        feed.offer(new LiveMessage("queue", null, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.received.size() == 1);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        feed.offer(new LiveMessage("queue", null, 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.received.size() == 2);
        assertThat(stuck.closed).as("refusing for 9 s: not yet stalled").hasValue(0);
        assertThat(feed.dropped()).isEqualTo(2);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        feed.offer(new LiveMessage("queue", null, 3));
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.received.size() == 3);
        assertThat(stuck.closed).hasValue(1);
        assertThat(feed.stalled()).isEqualTo(1);
        assertThat(feed.clients()).isEqualTo(1);
        assertThat(reader.received).containsExactly("queue:null:1", "queue:null:2", "queue:null:3");
        assertThat(reader.closed).hasValue(0);
    }

    @Test
    void shouldForgiveAClientThatTakesAgainBeforeTheStallTime() {
        var slow = client(null);
        slow.reading = false;
        offered(slow, 1);
        now.addAndGet(Duration.ofSeconds(8).toNanos());
        slow.reading = true;
        offered(slow, 2);
        now.addAndGet(Duration.ofSeconds(8).toNanos());
        slow.reading = false;
        offered(slow, 3);
        now.addAndGet(Duration.ofSeconds(8).toNanos());
        offered(slow, 4);
        assertThat(slow.closed).hasValue(0);
        assertThat(slow.received).containsExactly("queue:null:2");
    }

    @Test
    void shouldWriteEachMessageOnceAndEncodeOnceForEachFilterWhateverTheNumberOfClients() {
        List<TestClient> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(client(null));
        }
        var m1 = client("M1");
        var m1too = client("M1");
        var m3 = client("M3");
        feed.committed(changes(state("M1", 300), state("M2", 200)));
        await().atMost(Duration.ofSeconds(5)).until(() -> all.stream().allMatch(c -> c.received.size() == 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> m1too.received.size() == 1);
        assertThat(written).hasValue(2);
        assertThat(encoded).as("one for every match, one for M1; none for M3, which changed nothing").hasValue(2);
        assertThat(m1.received).containsExactly("match:M1:300");
        assertThat(m3.received).isEmpty();
        assertThat(m3.threads).as("not even offered").isEmpty();
    }

    @Test
    void shouldSendAMatchChangedSeveralTimesBetweenTwoFlushesOnceInItsLatestStateOffTheConsumersThread() {
        var client = client(null);
        feed.committed(changes(state("M1", 300)));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.received.size() == 1); // the first goes at once
        feed.committed(changes(state("M1", 299)));
        feed.committed(changes(state("M2", 100)));
        feed.committed(changes(state("M1", 298)));
        feed.flush(); // what the scheduler does an interval after the first
        await().atMost(Duration.ofSeconds(5)).until(() -> client.received.size() == 3);
        assertThat(client.received).containsExactly("match:M1:300", "match:M1:298", "match:M2:100");
        assertThat(client.threads.get(0)).as("a commit is sent by the feed's thread").isNotEqualTo(Thread.currentThread());
    }

    @Test
    void shouldRefuseClientsBeyondTheCapAndTakeOneAgainWhenOneLeaves() {
        var small = new LiveFeed(new LiveFeed.Limits(2, Duration.ofSeconds(10), Duration.ofMillis(100), 0), m -> List.of(m.type()),
                List::copyOf, now::get);
        var first = new TestClient(null);
        small.add(first);
        small.add(new TestClient(null));
        assertThatThrownBy(() -> small.add(new TestClient(null))).isInstanceOf(LiveFeed.Full.class);
        small.remove(first);
        small.add(new TestClient(null));
        assertThat(small.clients()).isEqualTo(2);
    }

    @Test
    void shouldSpaceFlushesOutWhenTheLastOneWroteMoreThanTheByteBudget() {
        // a budget of 1,000 bytes/s and a 100 ms interval; each flush below writes 12 bytes ("match:M1:300") per client
        var budgeted = new LiveFeed(new LiveFeed.Limits(100, Duration.ofSeconds(10), Duration.ofMillis(100), 1_000),
                m -> List.of(m.type() + ":" + m.match() + ":" + ((Match) m.data()).timeSeconds()), List::copyOf, now::get);
        List<TestClient> readers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            var reader = new TestClient(null);
            budgeted.add(reader);
            readers.add(reader);
        }
        var stuck = new TestClient(null);
        stuck.reading = false;
        budgeted.add(stuck);
        assertThat(budgeted.spacingNanos()).as("nothing written yet: the interval").isEqualTo(Duration.ofMillis(100).toNanos());

        budgeted.committed(changes(state("M1", 300)));
        await().atMost(Duration.ofSeconds(5)).until(() -> readers.stream().allMatch(c -> c.received.size() == 1));
        // 50 readers x 12 bytes = 600 bytes, at 1,000 bytes/s: 600 ms; the client that refused counts for nothing
        await().atMost(Duration.ofSeconds(5)).until(() -> budgeted.spacingNanos() == Duration.ofMillis(600).toNanos());

        for (int i = 0; i < 45; i++) {
            budgeted.remove(readers.get(i));
        }
        budgeted.flush(); // nothing pending: nothing written, the interval again
        assertThat(budgeted.spacingNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
    }

    private static Match state(String key, int timeSeconds) {
        return new Match(key, key, "pc", null, "live", timeSeconds, false, List.of(), null, null, 0, 0, 1, List.of(), null);
    }

    private static MatchBook.Changes changes(Match... matches) {
        return new MatchBook.Changes(List.of(), List.of(matches), List.of(), List.of(), Map.of(), Map.of());
    }
}
