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
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** A client that takes nothing must cost the publisher nothing: it is let go, and the others get everything. */
class LiveFeedTest {

    private final AtomicInteger written = new AtomicInteger();
    /** The feed's clock, moved by the tests: nothing here waits for real time to pass. */
    private final AtomicLong now = new AtomicLong();
    private final LiveFeed feed = new LiveFeed(10, m -> {
        written.incrementAndGet();
        return m.type() + ":" + m.match() + ":" + m.data();
    }, Duration.ofSeconds(10), Duration.ofMillis(100), now::get);

    @Test
    void shouldDropForAClientWithAFullBufferAndLetItGoOnceItHasTakenNothingForTheStallTime() {
        var stalledCalls = new AtomicInteger();
        var stuck = feed.subscribe(null, stalledCalls::incrementAndGet).subscribe()
                .withSubscriber(AssertSubscriber.<String> create(0));
        var reader = feed.subscribe(null, () -> {
            throw new AssertionError("the reader was let go");
        }).subscribe().withSubscriber(AssertSubscriber.<String> create(Long.MAX_VALUE));

        for (int i = 0; i < LiveFeed.PER_CLIENT + 10; i++) {
            feed.offer(new LiveMessage("queue", null, i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getItems().size() == LiveFeed.PER_CLIENT + 10);
        // Full, but not stalled long enough: dropped for it, still served.
        assertThat(feed.dropped()).isEqualTo(10);
        assertThat(stalledCalls).hasValue(0);
        assertThat(feed.clients()).isEqualTo(2);

        now.addAndGet(Duration.ofSeconds(11).toNanos());
        feed.offer(new LiveMessage("queue", null, "late"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getItems().size() == LiveFeed.PER_CLIENT + 11);
        assertThat(reader.getItems().get(LiveFeed.PER_CLIENT + 10)).isEqualTo("queue:null:late");
        assertThat(stalledCalls).hasValue(1);
        assertThat(feed.stalled()).isEqualTo(1);
        assertThat(feed.clients()).isEqualTo(1);
        assertThat(feed.dropped()).isEqualTo(11);
        // What it had been given is still its own, in order, and then its stream ends.
        stuck.request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.getItems().size() == LiveFeed.PER_CLIENT);
        assertThat(stuck.getItems().get(0)).isEqualTo("queue:null:0");
        stuck.awaitCompletion();
    }

    @Test
    void shouldWriteEachMessageOnceWhateverTheNumberOfClients() {
        List<AssertSubscriber<String>> subscribers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            subscribers.add(feed.subscribe(null, () -> {
            }).subscribe().withSubscriber(AssertSubscriber.<String> create(Long.MAX_VALUE)));
        }
        for (int i = 0; i < 100; i++) {
            feed.offer(new LiveMessage("queue", null, i));
        }
        for (var s : subscribers) {
            await().atMost(Duration.ofSeconds(5)).until(() -> s.getItems().size() == 100);
        }
        assertThat(written).hasValue(100);
        // A message no client takes is not written at all.
        subscribers.forEach(AssertSubscriber::cancel);
        feed.offer(new LiveMessage("queue", null, "nobody"));
        assertThat(written).hasValue(100);
    }

    @Test
    void shouldKeepOneMatchWhenAClientAsksForItAndForgetClientsThatLeave() {
        var one = feed.subscribe("M1", () -> {
        }).subscribe().withSubscriber(AssertSubscriber.<String> create(Long.MAX_VALUE));
        feed.offer(new LiveMessage("match", "M1", "a"));
        feed.offer(new LiveMessage("match", "M2", "b"));
        feed.offer(new LiveMessage("queue", null, "tick"));
        await().atMost(Duration.ofSeconds(5)).until(() -> one.getItems().size() == 2);
        assertThat(one.getItems()).containsExactly("match:M1:a", "queue:null:tick");
        one.cancel();
        assertThat(feed.clients()).isZero();
    }

    @Test
    void shouldRefuseClientsBeyondTheCapAndTakeOneAgainWhenOneLeaves() {
        var small = new LiveFeed(2, LiveMessage::type, Duration.ofSeconds(10), Duration.ofMillis(100), now::get);
        var first = small.subscribe(null, () -> {
        }).subscribe().withSubscriber(AssertSubscriber.<String> create(1));
        small.subscribe(null, () -> {
        }).subscribe().withSubscriber(AssertSubscriber.<String> create(1));
        assertThatThrownBy(() -> small.subscribe(null, () -> {
        })).isInstanceOf(LiveFeed.Full.class);
        first.cancel();
        small.subscribe(null, () -> {
        }).subscribe().withSubscriber(AssertSubscriber.<String> create(1));
        assertThat(small.clients()).isEqualTo(2);
    }

    @Test
    void shouldBuildAndOfferACommitsMessagesOffTheConsumersThread() {
        var threads = Collections.synchronizedList(new ArrayList<String>());
        var client = feed.subscribe(null, () -> {
        }).onItem().invoke(m -> threads.add(Thread.currentThread().getName()))
                .subscribe().withSubscriber(AssertSubscriber.<String> create(Long.MAX_VALUE));
        var match = new Match("M1", "M1", "pc", null, "live", 300, false, List.of(), null, null, 0, 0, 1, List.of());
        feed.committed(new MatchBook.Changes(List.of(match), List.of(), List.of(), List.of(), Map.of(), Map.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.getItems().size() == 1);
        assertThat(client.getItems().get(0)).startsWith("match:M1:");
        assertThat(threads).doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void shouldSendAMatchChangedSeveralTimesBetweenTwoFlushesOnceInItsLatestStateAndEveryEvent() {
        var slow = new LiveFeed(10, m -> m.type() + ":" + m.match() + ":" + (m.data() instanceof dev.inorder.query.MatchView v
                ? v.timeSeconds() : m.data()), Duration.ofSeconds(10), Duration.ofHours(1), now::get);
        var client = slow.subscribe(null, () -> {
        }).subscribe().withSubscriber(AssertSubscriber.<String> create(Long.MAX_VALUE));
        slow.committed(changes(state("M1", 300)));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.getItems().size() == 1); // the first goes at once
        slow.committed(changes(state("M1", 299)));
        slow.committed(changes(state("M2", 100)));
        slow.committed(changes(state("M1", 298)));
        slow.flush(); // what the scheduler does an interval after the first
        await().atMost(Duration.ofSeconds(5)).until(() -> client.getItems().size() == 3);
        assertThat(client.getItems()).containsExactly("match:M1:300", "match:M1:298", "match:M2:100");
    }

    private static Match state(String key, int timeSeconds) {
        return new Match(key, key, "pc", null, "live", timeSeconds, false, List.of(), null, null, 0, 0, 1, List.of());
    }

    private static MatchBook.Changes changes(Match match) {
        return new MatchBook.Changes(List.of(), List.of(match), List.of(), List.of(), Map.of(), Map.of());
    }
}
