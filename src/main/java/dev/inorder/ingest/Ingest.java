package dev.inorder.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.inorder.GameEvent;

/**
 * Where {@code POST /events} hands accepted events: the in-memory {@link IngestQueue} (the default), or a Kafka topic
 * ({@link dev.inorder.kafka.KafkaIngest}, the {@code kafka} profile). Either takes a request whole or refuses it with
 * {@link Refused} (why, and when to try again), and keeps the counts {@code GET /queue}, health and metrics report.
 */
public interface Ingest {

    /** What {@code POST /events} answers when it accepted a request: where its first event went and how many it took. */
    record Accepted(String log, long offset, int count) {
    }

    /** What a clean stop reports: how many events were handed on while draining, and how many were left. */
    record DrainResult(long drained, int left) {
    }

    /**
     * Accepts the events, in list order, or refuses them: the stage completes once they are safe (queued in memory, or
     * acknowledged by every Kafka replica), at once when the queue has room. A refusal is the stage's failure, a
     * {@link Refused} itself (not wrapped), never thrown: every transport handles it in one place (HTTP answers 503, a
     * connector holds its source back). A plain {@code CompletionStage}, not a Mutiny {@code Uni}: the HTTP door answers
     * tens of thousands of requests a second, and a Uni captured the caller's context on each (bench/README.md).
     *
     * @param bytes the size of the request the events came in, for the queue's byte bound
     */
    CompletionStage<Accepted> append(String source, List<GameEvent> events, long bytes);

    /**
     * A refusal known before the request is even parsed — the service is stopping, or a body of {@code bytes} would not
     * fit the queue now — so that a flood's surplus costs no parsing; {@code null}: parse it and {@link #append}.
     */
    default Refused refusalBefore(long bytes) {
        return null;
    }

    /** Most events accepted and not yet handed on; a request that does not fit whole waits for room or is answered 503. */
    int capacity();

    /** Events accepted and not yet handed on: waiting for the consumer, or for the broker's acknowledgement. */
    int depth();

    /** Events accepted, since start. */
    long accepted();

    /** The offset of the last event accepted, in the in-memory log; 0 before the first and on Kafka. */
    long lastOffset();

    /** Requests refused: bad input, no room, or the broker not answering. */
    long rejected();

    void countRejected();

    /** Requests that found no room and waited for it (then taken or refused), since start; 0 where none ever wait. */
    default long waited() {
        return 0;
    }

    /** Bytes of the events accepted and not yet handed on (in memory; 0 on Kafka, where the broker holds them). */
    default long bytes() {
        return 0;
    }

    /** True while events can flow: in memory, while the ordered consumer is subscribed. */
    boolean connected();

    /** Refuses every later request with 503 {@code draining}. */
    void close();

    boolean closed();

    /** Waits until every accepted event was handed on, at most {@code timeout}. */
    DrainResult awaitDrained(Duration timeout) throws InterruptedException;

    /** After a clean stop's drain: give back what was reserved ahead (in memory: offsets) so the next run continues exactly. */
    default void releaseReservation() {
    }
}
