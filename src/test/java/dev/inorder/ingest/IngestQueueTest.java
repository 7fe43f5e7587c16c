package dev.inorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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

        /** A probe subscribed to the queue that asks for everything. */
        static Probe asking(IngestQueue queue) {
            var probe = new Probe();
            queue.subscribe(probe);
            probe.subscription.request(Long.MAX_VALUE);
            return probe;
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
        var probe = Probe.asking(queue);

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
    void shouldLetAChunkWaitForCompanyUnderLoadButNotAfterAQuietSpellOrWhenFull() {
        var queue = lingering(Duration.ofHours(1), 3);
        var probe = Probe.asking(queue);

        queue.offer("a", List.of(EVENT), 100);
        assertThat(probe.received).as("the first event after a quiet spell goes at once").hasSize(1);
        probe.received.get(0).ack();
        queue.offer("a", List.of(EVENT), 100);
        queue.offer("a", List.of(EVENT), 100);
        assertThat(probe.received).as("within the linger, the next chunk waits for company").hasSize(1);
        queue.offer("a", List.of(EVENT, EVENT), 100);
        assertThat(probe.received).as("max-chunk events waiting go without waiting out the linger").hasSize(2);
        assertThat(probe.offsets(1)).containsExactly(2L, 3L, 4L);
        probe.received.get(1).ack();
        assertThat(probe.received).hasSize(2);
        assertThat(queue.depth()).isEqualTo(1);

        queue.close();
        assertThat(probe.received).as("a stopping queue does not linger").hasSize(3);
        assertThat(probe.offsets(2)).containsExactly(5L);
    }

    @Test
    void shouldSendWhatGatheredWhenTheLingerIsOver() {
        var queue = lingering(Duration.ofMillis(300), 100);
        var probe = Probe.asking(queue);

        queue.offer("a", List.of(EVENT), 100);
        probe.received.get(0).ack();
        queue.offer("a", List.of(EVENT), 100);
        queue.offer("a", List.of(EVENT, EVENT), 100);
        assertThat(probe.received).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.received.size() == 2);
        assertThat(probe.offsets(1)).as("one chunk, in order").containsExactly(2L, 3L, 4L);
    }

    private static IngestQueue lingering(Duration linger, int maxChunk) {
        return new IngestQueue(100, Long.MAX_VALUE, maxChunk, linger, 0, OffsetReservations.NONE, () -> null,
                Runnable::run, Duration.ZERO, () -> Runnable::run);
    }

    @Test
    void shouldRefuseARequestThatDoesNotFitTheByteBoundButAlwaysTakeOneIntoAnEmptyQueue() {
        var queue = new IngestQueue(100, 1_000, 10, Duration.ZERO, 0, OffsetReservations.NONE, () -> null,
                Runnable::run, Duration.ZERO, () -> Runnable::run);
        queue.offer("a", List.of(EVENT), 5_000);
        assertThat(queue.bytes()).isEqualTo(5_000);
        assertThatThrownBy(() -> queue.offer("a", List.of(EVENT), 10))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Refused.Reason.QUEUE_FULL);
                    assertThat(e.getMessage()).contains("bytes");
                });
        var probe = Probe.asking(queue);
        probe.received.get(0).ack();
        assertThat(queue.bytes()).isZero();
        assertThat(queue.offer("a", List.of(EVENT, EVENT), 900).count()).isEqualTo(2);
    }

    @Test
    void shouldSayTheStoreIsUnavailableWhenTheQueueIsFullBecauseTheConsumerWaitsForIt() {
        String[] stalled = { null };
        var queue = new IngestQueue(2, Long.MAX_VALUE, 10, Duration.ZERO, 0, OffsetReservations.NONE, () -> stalled[0],
                Runnable::run, Duration.ZERO, () -> Runnable::run);
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
        var first = new IngestQueue(100, Long.MAX_VALUE, 10, Duration.ZERO, 0, store, () -> null,
                Runnable::run, Duration.ZERO, () -> Runnable::run);
        first.offer("a", List.of(EVENT, EVENT, EVENT), 100);
        assertThat(store.reserved()).as("reserved ahead of use").isGreaterThanOrEqualTo(3);

        // A crash: nothing was applied, the queue is gone. The next run starts above everything reserved.
        var afterCrash = new IngestQueue(100, Long.MAX_VALUE, 10, Duration.ZERO, 0, store, () -> null,
                Runnable::run, Duration.ZERO, () -> Runnable::run);
        long next = afterCrash.offer("a", List.of(EVENT), 100).offset();
        assertThat(next).isGreaterThan(3);

        // A clean stop gives back what was reserved and not handed out: the next run continues right after.
        afterCrash.close();
        afterCrash.releaseReservation();
        var afterStop = new IngestQueue(100, Long.MAX_VALUE, 10, Duration.ZERO, 0, store, () -> null,
                Runnable::run, Duration.ZERO, () -> Runnable::run);
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

    /** A queue of {@code capacity} events whose full-queue waits last {@code maxWait}, already feeding a probe. */
    static IngestQueue waitingQueue(int capacity, Duration maxWait, Probe probe) {
        var queue = new IngestQueue(capacity, 100, 1, maxWait);
        queue.subscribe(probe);
        probe.subscription.request(Long.MAX_VALUE);
        return queue;
    }

    static Refused refusalOf(CompletableFuture<Ingest.Accepted> answer) {
        assertThat(answer).isCompletedExceptionally();
        return (Refused) answer.handle((accepted, failure) -> failure).join();
    }

    @Test
    void shouldHoldARequestThatFindsTheQueueFullAndTakeItWhenTheConsumerFreesRoom() {
        var probe = new Probe();
        var queue = waitingQueue(3, Duration.ofSeconds(30), probe);
        queue.offer("a", List.of(EVENT, EVENT, EVENT), 100);
        assertThat(queue.refusalBefore(100)).as("a request that may wait is parsed, not refused early").isNull();

        var answer = queue.append("b", List.of(EVENT, EVENT), 100).toCompletableFuture();
        assertThat(answer).as("held while the queue is full").isNotDone();
        assertThat(queue.waited()).isEqualTo(1);
        assertThat(queue.accepted()).isEqualTo(3);

        probe.received.get(0).ack();
        assertThat(answer).isCompletedWithValue(new Ingest.Accepted(AcceptedEvent.MEMORY, 4, 2));
        assertThat(probe.offsets(1)).containsExactly(4L, 5L);
        assertThat(queue.rejected()).isZero();
    }

    @Test
    void shouldTakeWaitingRequestsInArrivalOrderAndLetNoneOvertakeThem() {
        var probe = new Probe();
        var queue = waitingQueue(10, Duration.ofSeconds(30), probe);
        queue.offer("a", Collections.nCopies(8, EVENT), 100);

        var five = queue.append("b", Collections.nCopies(5, EVENT), 100).toCompletableFuture();
        var one = queue.append("c", List.of(EVENT), 100).toCompletableFuture();
        assertThat(five).isNotDone();
        assertThat(one).as("it would fit, but a request waits before it").isNotDone();
        assertThatThrownBy(() -> queue.offer("d", List.of(EVENT), 100))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Refused.Reason.QUEUE_FULL);
                    assertThat(e.getMessage()).contains("2 request(s)").contains("wait for room before this one");
                });

        probe.received.get(0).ack();
        assertThat(five).isCompletedWithValue(new Ingest.Accepted(AcceptedEvent.MEMORY, 9, 5));
        assertThat(one).isCompletedWithValue(new Ingest.Accepted(AcceptedEvent.MEMORY, 14, 1));
        assertThat(probe.offsets(1)).containsExactly(9L, 10L, 11L, 12L, 13L, 14L);
    }

    @Test
    void shouldRefuseAWaitingRequestWhenItsWaitIsOverAndTakeNothingOfIt() throws Exception {
        var probe = new Probe();
        var queue = waitingQueue(1, Duration.ofMillis(50), probe);
        queue.offer("a", List.of(EVENT), 100);

        var answer = queue.append("b", List.of(EVENT), 100).toCompletableFuture();
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(Refused.class);
        assertThat(refusalOf(answer).reason()).isEqualTo(Refused.Reason.QUEUE_FULL);
        assertThat(refusalOf(answer).retryAfterSeconds()).isEqualTo(1);
        assertThat(queue.accepted()).isEqualTo(1);
        assertThat(queue.depth()).isEqualTo(1);

        probe.received.get(0).ack();
        assertThat(queue.offer("c", List.of(EVENT), 100).offset()).as("nothing of it kept its place").isEqualTo(2);
    }

    @Test
    void shouldRefuseAtOnceWhenWaitingCannotHelp() {
        String[] stalled = { null };
        var queue = new IngestQueue(2, Long.MAX_VALUE, 10, Duration.ZERO, 0, OffsetReservations.NONE, () -> stalled[0],
                Runnable::run, Duration.ofSeconds(30), () -> Runnable::run);
        queue.offer("a", List.of(EVENT, EVENT), 100);

        var tooLarge = queue.append("b", List.of(EVENT, EVENT, EVENT), 100).toCompletableFuture();
        assertThat(refusalOf(tooLarge).reason()).as("larger than the whole queue").isEqualTo(Refused.Reason.QUEUE_FULL);

        var waits = queue.append("c", List.of(EVENT, EVENT), 100).toCompletableFuture();
        assertThat(waits).isNotDone();
        var noRoomToWait = queue.append("d", List.of(EVENT), 100).toCompletableFuture();
        assertThat(refusalOf(noRoomToWait).reason()).as("as many events again as the queue's wait at most")
                .isEqualTo(Refused.Reason.QUEUE_FULL);
        assertThat(queue.refusalBefore(100)).isNotNull();

        queue.close();
        assertThat(refusalOf(waits).reason()).as("a stop refuses who waits").isEqualTo(Refused.Reason.DRAINING);

        var storeDown = new IngestQueue(1, Long.MAX_VALUE, 10, Duration.ZERO, 0, OffsetReservations.NONE, () -> "connection refused",
                Runnable::run, Duration.ofSeconds(30), () -> Runnable::run);
        storeDown.offer("a", List.of(EVENT), 100);
        var answer = storeDown.append("b", List.of(EVENT), 100).toCompletableFuture();
        assertThat(refusalOf(answer).reason()).isEqualTo(Refused.Reason.STORE_UNAVAILABLE);
        assertThat(storeDown.waited()).isZero();
        assertThat(queue.accepted()).isEqualTo(2);
    }

    @Test
    void shouldAnswerAWaitingRequestOnItsCallersContextNotTheConsumers() {
        List<String> ranOn = new ArrayList<>();
        Supplier<Executor> callerContext = () -> {
            String caller = Thread.currentThread().getName();
            return task -> {
                ranOn.add(caller);
                task.run();
            };
        };
        var queue = new IngestQueue(1, Long.MAX_VALUE, 10, Duration.ZERO, 0, OffsetReservations.NONE, () -> null, Runnable::run,
                Duration.ofSeconds(30), callerContext);
        var probe = Probe.asking(queue);
        queue.offer("a", List.of(EVENT), 100);

        var answer = queue.append("b", List.of(EVENT), 100).toCompletableFuture();
        assertThat(ranOn).isEmpty();
        probe.received.get(0).ack();
        assertThat(answer).isCompleted();
        assertThat(ranOn).containsExactly(Thread.currentThread().getName());
    }
}
