package dev.inorder.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.inorder.AcceptedEvent;
import dev.inorder.GameEvent;
import dev.inorder.web.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * The bounded queue between {@code POST /events} and the ordered consumer, and the publisher of the
 * {@link dev.inorder.Channels#EVENTS} channel.
 * <p>
 * {@link #offer} stamps offsets and appends under one lock, so offset order is queue order. The publisher hands the
 * consumer everything waiting (up to {@code maxChunk}) as one message, and only once the previous message was
 * acknowledged: at low load a message holds one event, under load it holds what piled up while the consumer was busy,
 * so the per-message dispatch cost is paid once per chunk rather than once per event (the Disruptor's batching).
 * Emission is serialized by a work-in-progress counter, never concurrent, and never beyond downstream demand.
 */
public class IngestQueue implements Ingest, Flow.Publisher<Message<List<AcceptedEvent>>> {

    private static final Logger LOG = Logger.getLogger(IngestQueue.class);

    private final int capacity;
    private final int maxChunk;

    // Guarded by this.
    private final ArrayDeque<AcceptedEvent> waiting = new ArrayDeque<>();
    private long nextOffset;
    private int inFlight;
    private boolean closed;
    private long accepted;

    private final LongAdder rejected = new LongAdder();
    private final LongAdder lost = new LongAdder();

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private volatile Flow.Subscriber<? super Message<List<AcceptedEvent>>> subscriber;
    private volatile boolean cancelled;

    /**
     * @param capacity most events accepted and not yet processed
     * @param maxChunk most events in one message to the consumer
     * @param firstOffset the offset the first accepted event gets
     */
    public IngestQueue(int capacity, int maxChunk, long firstOffset) {
        this.capacity = capacity;
        this.maxChunk = maxChunk;
        this.nextOffset = firstOffset;
    }

    /**
     * Accepts every event or none: they get consecutive offsets, in list order.
     *
     * @throws ApiException 503 when the events do not fit whole, or the service is draining to stop
     */
    public Accepted offer(String source, List<GameEvent> events) {
        long first;
        long now = System.currentTimeMillis();
        synchronized (this) {
            if (closed) {
                throw new ApiException(503, "draining", "The service is stopping; send again to its next instance.", 5);
            }
            int depth = waiting.size() + inFlight;
            if (depth + events.size() > capacity) {
                throw new ApiException(503, "queue_full", "The queue holds " + depth + " of " + capacity
                        + " events; " + events.size() + " more do not fit. Nothing of this request was taken.", 1);
            }
            first = nextOffset;
            for (GameEvent event : events) {
                waiting.add(new AcceptedEvent(nextOffset++, source, now, event));
            }
            accepted += events.size();
        }
        drain();
        return new Accepted(AcceptedEvent.MEMORY, first, events.size());
    }

    @Override
    public Uni<Accepted> append(String source, List<GameEvent> events) {
        return Uni.createFrom().item(offer(source, events));
    }

    /** Counts a refused request: bad input or no room. */
    public void countRejected() {
        rejected.increment();
    }

    /** Refuses every later offer with 503 {@code draining}. */
    public synchronized void close() {
        closed = true;
    }

    /** Waits until every accepted event was processed, at most {@code timeout}. */
    public DrainResult awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            long before = accepted - waiting.size() - inFlight;
            long remaining;
            while (depth() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, remaining / 1_000_000));
            }
            long after = accepted - waiting.size() - inFlight;
            return new DrainResult(after - before, depth());
        }
    }

    /** True once {@link #close()} was called: the service is stopping. */
    public synchronized boolean closed() {
        return closed;
    }

    /** True while the ordered consumer is subscribed; false before it is and after the channel broke. */
    public boolean connected() {
        return subscriber != null && !cancelled;
    }

    public int capacity() {
        return capacity;
    }

    /** Events accepted and not yet processed, the chunk being processed included. */
    public synchronized int depth() {
        return waiting.size() + inFlight;
    }

    public synchronized long accepted() {
        return accepted;
    }

    /** The offset of the last accepted event, or one less than the first offset when none was. */
    public synchronized long lastOffset() {
        return nextOffset - 1;
    }

    public long rejected() {
        return rejected.sum();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Message<List<AcceptedEvent>>> s) {
        if (subscriber != null) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("The events channel takes one subscriber: the ordered consumer"));
            return;
        }
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    cancelled = true;
                    s.onError(new IllegalArgumentException("Reactive Streams rule 3.9: request must be positive, was " + n));
                    return;
                }
                requested.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
                drain();
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
        drain();
    }

    /** Emits while there is demand, something waiting and no chunk in flight; one thread at a time. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            var s = subscriber;
            while (s != null && !cancelled && requested.get() > 0) {
                List<AcceptedEvent> chunk = nextChunk();
                if (chunk == null) {
                    break;
                }
                requested.decrementAndGet();
                s.onNext(Message.of(chunk, () -> completed(chunk), failure -> failed(chunk, failure)));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private synchronized List<AcceptedEvent> nextChunk() {
        if (inFlight > 0 || waiting.isEmpty()) {
            return null;
        }
        int size = Math.min(maxChunk, waiting.size());
        List<AcceptedEvent> chunk = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            chunk.add(waiting.poll());
        }
        inFlight = size;
        return Collections.unmodifiableList(chunk);
    }

    /**
     * The consumer could not even be invoked for a chunk (a nack: its own failures are caught inside it). The events
     * are lost: say so loudly, count them, and go on.
     */
    private CompletableFuture<Void> failed(List<AcceptedEvent> chunk, Throwable failure) {
        lost.add(chunk.size());
        LOG.errorf(failure, "The ordered consumer failed offsets %d to %d; they are lost", chunk.get(0).offset(),
                chunk.get(chunk.size() - 1).offset());
        return completed(chunk);
    }

    /** Events of chunks the consumer failed as a whole (nacked); 0 unless the consumer broke. */
    public long lost() {
        return lost.sum();
    }

    /** The consumer is done with a chunk (ack or nack): its room is free and the next chunk may go. */
    private CompletableFuture<Void> completed(List<AcceptedEvent> chunk) {
        synchronized (this) {
            inFlight = 0;
            notifyAll();
        }
        drain();
        return CompletableFuture.completedFuture(null);
    }
}
