package dev.inorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.inorder.AcceptedEvent;
import dev.inorder.GameEvent;

class IngestQueueTest {

    static final GameEvent EVENT = new GameEvent("UpdateState", JsonNodeFactory.instance.objectNode(), null);

    /** Records what the queue emits and requests only what a test asks for. */
    static class Probe implements Flow.Subscriber<Message<List<AcceptedEvent>>> {
        final List<Message<List<AcceptedEvent>>> received = new ArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(Message<List<AcceptedEvent>> message) {
            received.add(message);
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void onComplete() {
        }

        List<Long> offsets(int message) {
            return received.get(message).getPayload().stream().map(AcceptedEvent::offset).toList();
        }
    }

    @Test
    void shouldStampConsecutiveOffsetsInArrivalOrder() {
        var queue = new IngestQueue(100, 10, 1);
        assertThat(queue.offer("a", List.of(EVENT, EVENT), 100)).isEqualTo(new Ingest.Accepted(AcceptedEvent.MEMORY, 1, 2));
        assertThat(queue.offer("b", List.of(EVENT), 100)).isEqualTo(new Ingest.Accepted(AcceptedEvent.MEMORY, 3, 1));
        assertThat(queue.lastOffset()).isEqualTo(3);
        assertThat(queue.depth()).isEqualTo(3);
    }

    @Test
    void shouldEmitNothingWithoutDemand() {
        var queue = new IngestQueue(100, 10, 1);
        var probe = new Probe();
        queue.subscribe(probe);
        queue.offer("a", List.of(EVENT), 100);
        assertThat(probe.received).isEmpty();
        probe.subscription.request(1);
        assertThat(probe.received).hasSize(1);
    }

    @Test
    void shouldHoldTheNextChunkUntilThePreviousOneIsAcknowledgedAndThenSendWhatPiledUp() {
        var queue = new IngestQueue(100, 10, 1);
        var probe = new Probe();
        queue.subscribe(probe);
        probe.subscription.request(Long.MAX_VALUE);

        queue.offer("a", List.of(EVENT), 100);
        queue.offer("a", List.of(EVENT, EVENT), 100);
        queue.offer("a", List.of(EVENT), 100);
        assertThat(probe.received).hasSize(1);
        assertThat(probe.offsets(0)).containsExactly(1L);

        probe.received.get(0).ack();
        assertThat(probe.received).hasSize(2);
        assertThat(probe.offsets(1)).containsExactly(2L, 3L, 4L);
        assertThat(queue.depth()).isEqualTo(3);

        probe.received.get(1).nack(new RuntimeException("consumer failed"));
        assertThat(queue.depth()).as("a nacked chunk stays queued").isEqualTo(3);
        queue.offer("a", List.of(EVENT), 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.received.size() == 3);
        assertThat(probe.offsets(2)).as("offered again first, in order, with what came after").containsExactly(2L, 3L, 4L, 5L);
        assertThat(queue.redelivered()).isEqualTo(3);
        probe.received.get(2).ack();
        assertThat(queue.depth()).isZero();
    }

    @Test
    void shouldRefuseARequestThatDoesNotFitTheByteBoundButAlwaysTakeOneIntoAnEmptyQueue() {
        var queue = new IngestQueue(100, 1_000, 10, 0, OffsetReservations.NONE, () -> null, Runnable::run);
        queue.offer("a", List.of(EVENT), 5_000);
        assertThat(queue.bytes()).isEqualTo(5_000);
        assertThatThrownBy(() -> queue.offer("a", List.of(EVENT), 10))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Refused.Reason.QUEUE_FULL);
                    assertThat(e.getMessage()).contains("bytes");
                });
        var probe = new Probe();
        queue.subscribe(probe);
        probe.subscription.request(Long.MAX_VALUE);
        probe.received.get(0).ack();
        assertThat(queue.bytes()).isZero();
        assertThat(queue.offer("a", List.of(EVENT, EVENT), 900).count()).isEqualTo(2);
    }

    @Test
    void shouldSayTheStoreIsUnavailableWhenTheQueueIsFullBecauseTheConsumerWaitsForIt() {
        String[] stalled = { null };
        var queue = new IngestQueue(2, Long.MAX_VALUE, 10, 0, OffsetReservations.NONE, () -> stalled[0], Runnable::run);
        queue.offer("a", List.of(EVENT, EVENT), 100);
        assertThatThrownBy(() -> queue.offer("a", List.of(EVENT), 100))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.reason()).isEqualTo(Refused.Reason.QUEUE_FULL));
        stalled[0] = "connection refused";
        assertThatThrownBy(() -> queue.offer("a", List.of(EVENT), 100))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Refused.Reason.STORE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("store does not answer").doesNotContain("connection refused");
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
    }

    /** Offsets reserved in memory, as the store would keep them across runs. */
    static class Reservations implements OffsetReservations {
        final AtomicLong reserved = new AtomicLong();

        @Override
        public long reserved() {
            return reserved.get();
        }

        @Override
        public void reserve(long upTo) {
            reserved.set(upTo);
        }
    }

    @Test
    void shouldNeverHandOutAnOffsetAgainAfterACrashAndContinueExactlyAfterACleanStop() throws InterruptedException {
        var store = new Reservations();
        var first = new IngestQueue(100, Long.MAX_VALUE, 10, 0, store, () -> null, Runnable::run);
        first.offer("a", List.of(EVENT, EVENT, EVENT), 100);
        assertThat(store.reserved()).as("reserved ahead of use").isGreaterThanOrEqualTo(3);

        // A crash: nothing was applied, the queue is gone. The next run starts above everything reserved.
        var afterCrash = new IngestQueue(100, Long.MAX_VALUE, 10, 0, store, () -> null, Runnable::run);
        long next = afterCrash.offer("a", List.of(EVENT), 100).offset();
        assertThat(next).isGreaterThan(3);

        // A clean stop gives back what was reserved and not handed out: the next run continues right after.
        afterCrash.close();
        afterCrash.releaseReservation();
        var afterStop = new IngestQueue(100, Long.MAX_VALUE, 10, 0, store, () -> null, Runnable::run);
        assertThat(afterStop.offer("a", List.of(EVENT), 100).offset()).isEqualTo(next + 1);
    }

    @Test
    void shouldCutChunksAtMaxChunk() {
        var queue = new IngestQueue(100, 2, 1);
        var probe = new Probe();
        queue.offer("a", List.of(EVENT, EVENT, EVENT), 100);
        queue.subscribe(probe);
        probe.subscription.request(Long.MAX_VALUE);
        probe.received.get(0).ack();
        assertThat(probe.offsets(0)).containsExactly(1L, 2L);
        assertThat(probe.offsets(1)).containsExactly(3L);
    }

    @Test
    void shouldAcceptABatchWholeOrNotAtAll() {
        var queue = new IngestQueue(3, 10, 1);
        queue.offer("a", List.of(EVENT, EVENT), 100);
        assertThatThrownBy(() -> queue.offer("a", List.of(EVENT, EVENT), 100))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.reason()).isEqualTo(Refused.Reason.QUEUE_FULL));
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.accepted()).isEqualTo(2);
        assertThat(queue.offer("a", List.of(EVENT), 100).offset()).isEqualTo(3);
    }

    @Test
    void shouldRefuseEverythingOnceClosedAndReportWhatADrainLeft() throws InterruptedException {
        var queue = new IngestQueue(100, 10, 1);
        queue.offer("a", Collections.nCopies(5, EVENT), 100);
        queue.close();
        assertThatThrownBy(() -> queue.offer("a", List.of(EVENT), 100))
                .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.reason()).isEqualTo(Refused.Reason.DRAINING));
        // No consumer: nothing can drain, so the wait ends at its timeout and says what is left.
        assertThat(queue.awaitDrained(Duration.ofMillis(50))).isEqualTo(new Ingest.DrainResult(0, 5));
    }
}
