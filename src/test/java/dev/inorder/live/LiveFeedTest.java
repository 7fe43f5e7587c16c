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
        var feed = new LiveFeed();
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
        var feed = new LiveFeed();
        var one = feed.subscribe("M1").subscribe().withSubscriber(AssertSubscriber.<LiveMessage> create(Long.MAX_VALUE));
        feed.offer(new LiveMessage("match", "M1", "a"));
        feed.offer(new LiveMessage("match", "M2", "b"));
        feed.offer(new LiveMessage("queue", null, "tick"));
        await().atMost(Duration.ofSeconds(5)).until(() -> one.getItems().size() == 2);
        assertThat(one.getItems()).extracting(LiveMessage::data).containsExactly("a", "tick");
        one.cancel();
        assertThat(feed.clients()).isZero();
    }
}
