package dev.inorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.inorder.AcceptedEvent;
import dev.inorder.GameEvent;
import dev.inorder.web.ApiException;

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
        assertThat(queue.offer("a", List.of(EVENT, EVENT))).isEqualTo(new Ingest.Accepted(AcceptedEvent.MEMORY, 1, 2));
        assertThat(queue.offer("b", List.of(EVENT))).isEqualTo(new Ingest.Accepted(AcceptedEvent.MEMORY, 3, 1));
        assertThat(queue.lastOffset()).isEqualTo(3);
        assertThat(queue.depth()).isEqualTo(3);
    }

    @Test
    void shouldEmitNothingWithoutDemand() {
        var queue = new IngestQueue(100, 10, 1);
        var probe = new Probe();
        queue.subscribe(probe);
        queue.offer("a", List.of(EVENT));
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

        queue.offer("a", List.of(EVENT));
        queue.offer("a", List.of(EVENT, EVENT));
        queue.offer("a", List.of(EVENT));
        assertThat(probe.received).hasSize(1);
        assertThat(probe.offsets(0)).containsExactly(1L);

        probe.received.get(0).ack();
        assertThat(probe.received).hasSize(2);
        assertThat(probe.offsets(1)).containsExactly(2L, 3L, 4L);
        assertThat(queue.depth()).isEqualTo(3);

        probe.received.get(1).nack(new RuntimeException("consumer failed"));
        assertThat(queue.depth()).isZero();
        assertThat(queue.lost()).as("a nacked chunk is counted, never dropped silently").isEqualTo(3);
    }

    @Test
    void shouldCutChunksAtMaxChunk() {
        var queue = new IngestQueue(100, 2, 1);
        var probe = new Probe();
        queue.offer("a", List.of(EVENT, EVENT, EVENT));
        queue.subscribe(probe);
        probe.subscription.request(Long.MAX_VALUE);
        probe.received.get(0).ack();
        assertThat(probe.offsets(0)).containsExactly(1L, 2L);
        assertThat(probe.offsets(1)).containsExactly(3L);
    }

    @Test
    void shouldAcceptABatchWholeOrNotAtAll() {
        var queue = new IngestQueue(3, 10, 1);
        queue.offer("a", List.of(EVENT, EVENT));
        assertThatThrownBy(() -> queue.offer("a", List.of(EVENT, EVENT)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.accepted()).isEqualTo(2);
        assertThat(queue.offer("a", List.of(EVENT)).offset()).isEqualTo(3);
    }

    @Test
    void shouldRefuseEverythingOnceClosedAndReportWhatADrainLeft() throws InterruptedException {
        var queue = new IngestQueue(100, 10, 1);
        queue.offer("a", Collections.nCopies(5, EVENT));
        queue.close();
        assertThatThrownBy(() -> queue.offer("a", List.of(EVENT)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo("draining"));
        // No consumer: nothing can drain, so the wait ends at its timeout and says what is left.
        assertThat(queue.awaitDrained(Duration.ofMillis(50))).isEqualTo(new Ingest.DrainResult(0, 5));
    }
}
