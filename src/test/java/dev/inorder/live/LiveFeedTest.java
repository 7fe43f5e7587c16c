package dev.inorder.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** A client that takes nothing must cost the publisher nothing but dropped messages. */
class LiveFeedTest {

    @Test
    void shouldDropAndCountWhatAStuckClientCannotTakeWithoutBlockingThePublisher() {
        var feed = new LiveFeed(10);
        var stuck = feed.subscribe(null).subscribe().withSubscriber(AssertSubscriber.<LiveMessage> create(0));
        var reader = feed.subscribe(null).subscribe().withSubscriber(AssertSubscriber.<LiveMessage> create(Long.MAX_VALUE));

        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            feed.offer(new LiveMessage("queue", null, i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getItems().size() + feed.dropped() >= 20_000 - LiveFeed.PER_CLIENT);
        assertThat(stuck.getItems()).isEmpty();
        assertThat(feed.dropped()).isGreaterThanOrEqualTo(10_000 - LiveFeed.PER_CLIENT);
        stuck.request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.getItems().size() == LiveFeed.PER_CLIENT);
        assertThat(stuck.getItems().get(0).data()).isEqualTo(0);
    }

    @Test
    void shouldKeepOneMatchWhenAClientAsksForItAndForgetClientsThatLeave() {
        var feed = new LiveFeed(10);
        var one = feed.subscribe("M1").subscribe().withSubscriber(AssertSubscriber.<LiveMessage> create(Long.MAX_VALUE));
        feed.offer(new LiveMessage("match", "M1", "a"));
        feed.offer(new LiveMessage("match", "M2", "b"));
        feed.offer(new LiveMessage("queue", null, "tick"));
        await().atMost(Duration.ofSeconds(5)).until(() -> one.getItems().size() == 2);
        assertThat(one.getItems()).extracting(LiveMessage::data).containsExactly("a", "tick");
        one.cancel();
        assertThat(feed.clients()).isZero();
    }

    @Test
    void shouldRefuseClientsBeyondTheCapAndTakeOneAgainWhenOneLeaves() {
        var feed = new LiveFeed(2);
        var first = feed.subscribe(null).subscribe().withSubscriber(AssertSubscriber.<LiveMessage> create(1));
        feed.subscribe(null).subscribe().withSubscriber(AssertSubscriber.<LiveMessage> create(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> feed.subscribe(null)).isInstanceOf(LiveFeed.Full.class);
        first.cancel();
        feed.subscribe(null).subscribe().withSubscriber(AssertSubscriber.<LiveMessage> create(1));
        assertThat(feed.clients()).isEqualTo(2);
    }

    @Test
    void shouldBuildAndOfferACommitsMessagesOffTheConsumersThread() {
        var feed = new LiveFeed(10);
        var threads = java.util.Collections.synchronizedList(new java.util.ArrayList<String>());
        var client = feed.subscribe(null).onItem().invoke(m -> threads.add(Thread.currentThread().getName()))
                .subscribe().withSubscriber(AssertSubscriber.<LiveMessage> create(Long.MAX_VALUE));
        var match = new dev.inorder.match.Match("M1", "M1", "pc", null, "live", 300, false, java.util.List.of(), null, null, 0, 0, 1,
                java.util.List.of());
        feed.committed(new dev.inorder.match.MatchBook.Changes(java.util.List.of(match), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.Map.of(), java.util.Map.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.getItems().size() == 1);
        assertThat(client.getItems().get(0).match()).isEqualTo("M1");
        assertThat(threads).doesNotContain(Thread.currentThread().getName());
    }
}
