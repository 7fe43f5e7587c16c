package dev.inorder.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import dev.inorder.Channels;
import dev.inorder.GameEvent;
import dev.inorder.InOrderConfig;
import dev.inorder.ingest.Ingest;
import dev.inorder.ingest.Refused;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Ingest in the {@code kafka} profile: each event becomes one record on the {@link Channels#TO_KAFKA} channel, keyed by
 * its match, and the request is answered 202 only when the broker acknowledged every one of them ({@code acks=all},
 * idempotent producer). What is sent and not yet acknowledged is bounded by {@code inorder.queue.capacity}: past it, or
 * when the broker does not answer, the request gets 503, as a full queue does in memory.
 */
@ApplicationScoped
@Typed(KafkaIngest.class) // chosen by IngestBeans, not injected as Ingest
public class KafkaIngest implements Ingest {

    private static final Logger LOG = Logger.getLogger(KafkaIngest.class);

    @Inject
    @Channel(Channels.TO_KAFKA)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) // bounded here, by inorder.queue.capacity
    MutinyEmitter<String> emitter;

    @Inject
    KafkaRecords records;

    @Inject
    InOrderConfig config;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private volatile boolean closed;

    @Override
    public CompletionStage<Accepted> append(String source, List<GameEvent> events, long bytes) {
        if (closed) {
            return CompletableFuture.failedFuture(new Refused(Refused.Reason.DRAINING,
                    "The service is stopping; send again to its next instance.", 5));
        }
        int count = events.size();
        int depth = inFlight.addAndGet(count);
        if (depth > capacity()) {
            release(count);
            return CompletableFuture.failedFuture(new Refused(Refused.Reason.QUEUE_FULL, (depth - count) + " of " + capacity()
                    + " events are waiting for the broker; " + count + " more do not fit. Nothing of this request was taken.", 1));
        }
        long now = System.currentTimeMillis();
        var request = new Request(count);
        for (int i = 0; i < count; i++) {
            GameEvent event = events.get(i);
            var result = new OutgoingMessageMetadata<RecordMetadata>();
            var key = OutgoingKafkaRecordMetadata.<String> builder().withKey(KafkaRecords.key(source, event)).build();
            boolean first = i == 0;
            emitter.sendMessageAndForget(Message.of(records.value(source, now, event), Metadata.of(key, result),
                    () -> request.acked(first ? result.getResult() : null), request::failed));
        }
        return request.answer;
    }

    /** One request's records: answered when the last is acknowledged, or at the first failure. */
    private final class Request {
        final CompletableFuture<Accepted> answer = new CompletableFuture<>();
        final AtomicInteger waiting;
        final int count;
        volatile RecordMetadata first;

        Request(int count) {
            this.count = count;
            this.waiting = new AtomicInteger(count);
        }

        CompletionStage<Void> acked(RecordMetadata metadata) {
            if (metadata != null) {
                first = metadata;
            }
            release(1);
            accepted.increment();
            if (waiting.decrementAndGet() == 0) {
                RecordMetadata m = first;
                answer.complete(m == null ? new Accepted(config.kafka().topic(), -1, count)
                        : new Accepted(m.topic() + "-" + m.partition(), m.offset(), count));
            }
            return CompletableFuture.completedFuture(null);
        }

        CompletionStage<Void> failed(Throwable failure) {
            release(1);
            if (answer.completeExceptionally(new Refused(Refused.Reason.BROKER_UNAVAILABLE, "Kafka did not acknowledge the "
                    + "events (" + failure.getMessage() + "). Some may have arrived: send them again with the same Seq, and "
                    + "the duplicates are dropped.", 1))) {
                LOG.warnf("Kafka did not acknowledge a request of %d events: %s", count, failure.getMessage());
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    private void release(int count) {
        if (inFlight.addAndGet(-count) == 0 && closed) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    @Override
    public int capacity() {
        return config.queue().capacity();
    }

    @Override
    public int depth() {
        return inFlight.get();
    }

    @Override
    public long accepted() {
        return accepted.sum();
    }

    @Override
    public long lastOffset() {
        return 0;
    }

    @Override
    public long rejected() {
        return rejected.sum();
    }

    @Override
    public void countRejected() {
        rejected.increment();
    }

    @Override
    public boolean connected() {
        return true; // the Kafka connector reports its own health at /q/health
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean closed() {
        return closed;
    }

    /** Waits until every record sent was acknowledged (or failed), at most {@code timeout}. */
    @Override
    public synchronized DrainResult awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int before = depth();
        long remaining;
        while (depth() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, remaining / 1_000_000));
        }
        return new DrainResult(before - depth(), depth());
    }
}
