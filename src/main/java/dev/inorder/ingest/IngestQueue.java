package dev.inorder.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.inorder.AcceptedEvent;
import dev.inorder.GameEvent;

/**
 * The bounded queue between ingest and the ordered consumer, and the publisher of the
 * {@link dev.inorder.Channels#EVENTS} channel.
 * <p>
 * {@link #offer} stamps offsets and appends under one lock, so offset order is queue order. The publisher hands the
 * consumer everything waiting (up to {@code maxChunk}) as one message, and only once the previous message was
 * acknowledged: at low load a message holds one event, under load it holds what piled up while the consumer was busy,
 * so the per-message dispatch cost is paid once per chunk rather than once per event (the Disruptor's batching).
 * Under load a chunk also waits for company: the next one goes no sooner than {@code linger} after the previous one
 * went, unless {@code maxChunk} events wait (group commit: the store's commit, a file sync, is paid for all of them).
 * An event after a quiet spell, or while the service stops, goes at once. The wait is a timer that only calls the same
 * serialized drain: demand and the one emitting context hold as for any chunk.
 * Emission is serialized by a work-in-progress counter, never concurrent, and never beyond downstream demand.
 * <p>
 * An accepted event leaves the queue only when the consumer acknowledged its chunk. A chunk the consumer could not
 * take (a nack: its pool was closed, say) goes back to the head of the queue, in order, and is offered again a second
 * later: nothing accepted is dropped here. Offsets are reserved durably in blocks ahead of use
 * ({@link OffsetReservations}), so they never go back after a restart.
 * <p>
 * A request that finds the queue full may wait for room ({@link #append}, up to {@code maxWait}): the consumer frees
 * room a chunk at a time, every few milliseconds under load, so a burst (a garbage collection, a slow commit) need not
 * turn into 503s. Waiting requests are taken in arrival order, none overtakes another, and their events are bounded
 * like the queue's own (as many again); past the wait, or with no room to wait in, the request is refused as before.
 * Waiting costs nothing while there is room: the request is taken at once, as always.
 */
public class IngestQueue implements Ingest, Flow.Publisher<Message<List<AcceptedEvent>>> {

    private static final Logger LOG = Logger.getLogger(IngestQueue.class);

    /** Offsets reserved at a time; a new block is reserved when half of the current one is used. */
    static final long RESERVATION_BLOCK = 1_000_000;

    /** How long a chunk the consumer refused waits before it is offered again. */
    static final long REDELIVERY_DELAY_MILLIS = 1_000;

    private final int capacity;
    private final long maxBytes;
    private final int maxChunk;
    private final long lingerNanos;
    private final long maxWaitMillis;
    private final Supplier<Executor> callerContext;
    private final OffsetReservations reservations;
    private final Supplier<String> consumerStalled;
    private final Executor emitter;
    private final ScheduledExecutorService background = background();

    // Guarded by this.
    private final ArrayDeque<AcceptedEvent> waiting = new ArrayDeque<>();
    private final ArrayDeque<Integer> waitingBytes = new ArrayDeque<>();
    private long bytes;
    private long nextOffset;
    private long reservedUpTo;
    private boolean reserving;
    private int inFlight;
    private long inFlightBytes;
    private boolean closed;
    private boolean pausedAfterNack;
    /** When the last chunk went (System.nanoTime), and whether a timer will drain when the linger is over. */
    private long lastChunkNanos;
    private boolean lingering;
    private long accepted;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private int heldEvents;
    private long heldBytes;

    private final LongAdder rejected = new LongAdder();
    private final LongAdder waited = new LongAdder();
    private final LongAdder redelivered = new LongAdder();

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private volatile Flow.Subscriber<? super Message<List<AcceptedEvent>>> subscriber;
    private volatile boolean cancelled;

    /**
     * @param capacity most events accepted and not yet processed
     * @param maxBytes most bytes of events accepted and not yet processed
     * @param maxChunk most events in one message to the consumer
     * @param linger how long after a chunk went the next one waits for more events, unless {@code maxChunk} wait
     * @param lastApplied the offset of the last event the store applied: offsets continue above it, and above every
     *        offset reserved before
     * @param reservations where offsets are reserved durably before they are handed out
     * @param consumerStalled why the consumer cannot go on (the store does not answer), or {@code null}
     * @param emitter where chunks are handed to the consumer: one context of its own, so that the consumer's work
     *        belongs to no HTTP connection's context (see {@code IngestBeans})
     * @param maxWait how long a request that finds the queue full waits for room; zero: refused at once
     * @param callerContext where the caller of {@link #append} is resumed when its request waited: its own context
     *        (an HTTP connection's, a connector's), asked for on the caller's thread
     */
    public IngestQueue(int capacity, long maxBytes, int maxChunk, Duration linger, long lastApplied,
            OffsetReservations reservations, Supplier<String> consumerStalled, Executor emitter, Duration maxWait,
            Supplier<Executor> callerContext) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.maxChunk = maxChunk;
        this.lingerNanos = linger.toNanos();
        this.lastChunkNanos = System.nanoTime() - lingerNanos; // the first event goes at once
        this.maxWaitMillis = maxWait.toMillis();
        this.callerContext = callerContext;
        this.reservations = reservations;
        this.consumerStalled = consumerStalled;
        this.emitter = emitter;
        this.nextOffset = Math.max(lastApplied, reservations.reserved()) + 1;
        this.reservedUpTo = nextOffset - 1 + RESERVATION_BLOCK;
        reservations.reserve(reservedUpTo);
    }

    /**
     * One thread for offset reservations, redelivery pauses, the ends of lingers and of waits for room. A wait that
     * ends because its request was taken cancels its timer, and a cancelled timer leaves the queue at once: under a
     * flood, most requests wait a few milliseconds, and their timers would otherwise wake this thread 250 ms later for
     * nothing.
     */
    private static ScheduledExecutorService background() {
        var executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "inorder-ingest-background");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** A queue that keeps nothing durable: for tests and the memory-only handler. */
    public IngestQueue(int capacity, int maxChunk, long firstOffset) {
        this(capacity, maxChunk, firstOffset, Duration.ZERO);
    }

    /** The same, where a request that finds the queue full waits up to {@code maxWait} for room. */
    public IngestQueue(int capacity, int maxChunk, long firstOffset, Duration maxWait) {
        this(capacity, Long.MAX_VALUE, maxChunk, Duration.ZERO, firstOffset - 1, OffsetReservations.NONE, () -> null,
                Runnable::run, maxWait, () -> Runnable::run);
    }

    /**
     * Accepts every event or none, at once: they get consecutive offsets, in list order.
     *
     * @param bytes the size of the request the events came in, shared among them for the byte bound
     * @throws Refused when the events do not fit whole now (requests waiting for room go first), or the service is
     *         draining to stop
     */
    public Accepted offer(String source, List<GameEvent> events, long bytes) {
        Accepted accepted;
        synchronized (this) {
            Refused refused = refusal(events.size(), bytes);
            if (refused != null) {
                throw refused;
            }
            accepted = enqueue(source, events, bytes);
        }
        drain();
        return accepted;
    }

    /** Stamps and appends the events; the caller has checked that they fit. Holds the lock. */
    private Accepted enqueue(String source, List<GameEvent> events, long bytes) {
        int count = events.size();
        if (nextOffset + count - 1 > reservedUpTo) {
            reserveMore();
            throw new Refused(Refused.Reason.STORE_UNAVAILABLE, "Offsets could not be reserved in the store yet; "
                    + "nothing of this request was taken.", 2);
        }
        long now = System.currentTimeMillis();
        long first = nextOffset;
        int share = (int) Math.min(Integer.MAX_VALUE, bytes / count);
        for (GameEvent event : events) {
            waiting.add(new AcceptedEvent(nextOffset++, source, now, event));
            waitingBytes.add(share);
        }
        this.bytes += (long) share * count;
        accepted += count;
        if (reservedUpTo - nextOffset < RESERVATION_BLOCK / 2) {
            reserveMore();
        }
        return new Accepted(AcceptedEvent.MEMORY, first, count);
    }

    @Override
    public synchronized Refused refusalBefore(long bytes) {
        Refused refused = refusal(1, bytes);
        return refused == null || mayWait(refused, 1, bytes) ? null : refused;
    }

    /**
     * Why {@code count} events of {@code bytes} cannot be taken now, or {@code null}: the service is stopping, they do
     * not fit, or requests that found the queue full wait for room before them. Holds the lock.
     */
    private Refused refusal(int count, long bytes) {
        if (!held.isEmpty()) { // never after close(), which refuses every waiting request
            return full(count, bytes);
        }
        return roomFor(count, bytes);
    }

    private static Refused draining() {
        return new Refused(Refused.Reason.DRAINING, "The service is stopping; send again to its next instance.", 5);
    }

    /** Why {@code count} events of {@code bytes} do not fit the queue now, or {@code null}. Holds the lock. */
    private Refused roomFor(int count, long bytes) {
        if (closed) {
            return draining();
        }
        int depth = waiting.size() + inFlight;
        long queuedBytes = this.bytes + inFlightBytes;
        if (depth + count > capacity || (depth > 0 && queuedBytes + bytes > maxBytes)) {
            return full(count, bytes);
        }
        return null;
    }

    /** The refusal of a request that does not fit: the queue is full, or the store does not answer. Holds the lock. */
    private Refused full(int count, long bytes) {
        int depth = waiting.size() + inFlight;
        long queuedBytes = this.bytes + inFlightBytes;
        String stalled = consumerStalled.get();
        if (stalled != null) {
            // The store's own error stays in the log and in readiness: it is no business of a client's.
            return new Refused(Refused.Reason.STORE_UNAVAILABLE, "The store does not answer; " + depth
                    + " accepted events wait for it and will be applied. Nothing of this request was taken.", 2);
        }
        String what = depth + count > capacity
                ? "The queue holds " + depth + " of " + capacity + " events; " + count + " more do not fit."
                : queuedBytes + bytes > maxBytes
                        ? "The queue holds " + queuedBytes + " of " + maxBytes + " bytes; " + bytes + " more do not fit."
                        : held.size() + " request(s) that found the queue full wait for room before this one.";
        return new Refused(Refused.Reason.QUEUE_FULL, what + " Nothing of this request was taken.", 1);
    }

    /** Reserves the next block of offsets in the background; called under the lock. */
    private void reserveMore() {
        if (reserving) {
            return;
        }
        reserving = true;
        long upTo = reservedUpTo + RESERVATION_BLOCK;
        background.execute(() -> {
            boolean done = false;
            try {
                reservations.reserve(upTo);
                done = true;
            } catch (RuntimeException e) {
                LOG.warnf("Reserving offsets up to %d failed (%s); trying again with the next request", upTo, e.getMessage());
            }
            synchronized (this) {
                reserving = false;
                if (done) {
                    reservedUpTo = Math.max(reservedUpTo, upTo);
                }
            }
            if (done) {
                admitHeld();
            }
        });
    }

    /**
     * Accepts the events at once when they fit; when the queue is full, the request waits for room up to
     * {@code maxWait}, behind every request that waits already, and is refused when the wait is over. A request is not
     * held when waiting cannot help: the store does not answer, the service is stopping, it is larger than the whole
     * queue, or the room to wait in (as many events and bytes again as the queue's) is taken.
     */
    @Override
    public CompletionStage<Accepted> append(String source, List<GameEvent> events, long bytes) {
        Held waits;
        Accepted accepted = null;
        try {
            synchronized (this) {
                Refused refused = refusal(events.size(), bytes);
                if (refused == null) {
                    accepted = enqueue(source, events, bytes);
                    waits = null;
                } else if (!mayWait(refused, events.size(), bytes)) {
                    throw refused;
                } else {
                    waits = hold(source, events, bytes);
                }
            }
        } catch (Refused refused) {
            return CompletableFuture.failedFuture(refused);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.failedFuture(draining()); // the timer is shut down: the service stops
        }
        if (waits != null) {
            return waits.answer;
        }
        drain();
        return CompletableFuture.completedFuture(accepted);
    }

    /** Puts a request at the end of those waiting for room, until {@code maxWait} is over. Holds the lock. */
    private Held hold(String source, List<GameEvent> events, long bytes) {
        Held waits = new Held(source, events, bytes, callerContext.get());
        waits.expiry = background.schedule(() -> expire(waits), maxWaitMillis, TimeUnit.MILLISECONDS);
        held.add(waits);
        heldEvents += events.size();
        heldBytes += bytes;
        waited.increment();
        return waits;
    }

    /** Whether a request refused for {@code refused} may wait for room instead. Holds the lock. */
    private boolean mayWait(Refused refused, int count, long bytes) {
        return maxWaitMillis > 0 && refused.reason() == Refused.Reason.QUEUE_FULL && count <= capacity
                && heldEvents + count <= capacity && (held.isEmpty() || heldBytes + bytes <= maxBytes);
    }

    /** A request that found the queue full, waiting for room in arrival order. */
    private static final class Held {
        final String source;
        final List<GameEvent> events;
        final long bytes;
        final Executor caller;
        final CompletableFuture<Accepted> answer = new CompletableFuture<>();
        ScheduledFuture<?> expiry;

        Held(String source, List<GameEvent> events, long bytes, Executor caller) {
            this.source = source;
            this.events = events;
            this.bytes = bytes;
            this.caller = caller;
        }

        /** Completes the caller's answer on its own context, or here when that context takes no more tasks. */
        void answer(Accepted accepted, Refused refused) {
            Runnable complete = () -> {
                if (refused == null) {
                    answer.complete(accepted);
                } else {
                    answer.completeExceptionally(refused);
                }
            };
            try {
                caller.execute(complete);
            } catch (RejectedExecutionException gone) {
                complete.run();
            }
        }
    }

    /** Takes the waiting requests that fit now, answers them, then emits: after offsets were reserved or a wait ended. */
    private void admitHeld() {
        List<Runnable> answers;
        synchronized (this) {
            answers = takeHeld();
        }
        if (answers != null) {
            answers.forEach(Runnable::run);
            drain();
        }
    }

    /**
     * Takes the waiting requests that fit now, in arrival order, and returns their answers, to be sent outside the lock
     * ({@code null}: none fit). A request short of reserved offsets keeps its place, and more are reserved. Holds the lock.
     */
    private List<Runnable> takeHeld() {
        List<Runnable> answers = null;
        while (!held.isEmpty()) {
            Held next = held.peek();
            int count = next.events.size();
            if (roomFor(count, next.bytes) != null) {
                break; // still no room: it keeps its place
            }
            if (nextOffset + count - 1 > reservedUpTo) {
                reserveMore(); // its completion takes it
                break;
            }
            unhold(next);
            Accepted accepted = enqueue(next.source, next.events, next.bytes);
            if (answers == null) {
                answers = new ArrayList<>();
            }
            answers.add(() -> next.answer(accepted, null));
        }
        return answers;
    }

    /** A request waited as long as it may: it is refused, and those behind it may fit now. */
    private void expire(Held expired) {
        Refused refused;
        synchronized (this) {
            if (!held.remove(expired)) {
                return; // taken, or refused by a stop
            }
            heldEvents -= expired.events.size();
            heldBytes -= expired.bytes;
            refused = full(expired.events.size(), expired.bytes);
        }
        expired.answer(null, refused);
        admitHeld();
    }

    /** Removes the head of the waiting requests; holds the lock. */
    private void unhold(Held head) {
        held.poll();
        heldEvents -= head.events.size();
        heldBytes -= head.bytes;
        head.expiry.cancel(false);
    }

    /** Counts a refused request: bad input or no room. */
    public void countRejected() {
        rejected.increment();
    }

    /** Refuses every later offer with {@link Refused.Reason#DRAINING}, and every request still waiting for room. */
    public void close() {
        List<Held> refused = new ArrayList<>();
        synchronized (this) {
            closed = true;
            while (!held.isEmpty()) {
                Held head = held.peek();
                unhold(head);
                refused.add(head);
            }
        }
        for (Held h : refused) {
            h.answer(null, draining());
        }
        drain(); // a chunk waiting out its linger goes now
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

    /**
     * After a clean stop closed ingest: gives back the offsets reserved and never handed out, so the next run continues
     * right after the last one handed out. Once: a second call (a drain run by hand before the stop's) finds it done.
     */
    @Override
    public void releaseReservation() {
        long last;
        synchronized (this) {
            if (!closed || background.isShutdown()) {
                return;
            }
            last = nextOffset - 1;
        }
        try {
            background.submit(() -> reservations.reserve(last)).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Could not record the last offset handed out (%d); the next run starts at a later one", last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        background.shutdown();
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

    /** Bytes of the events accepted and not yet processed. */
    public synchronized long bytes() {
        return bytes + inFlightBytes;
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

    /** Requests that found the queue full and waited for room (taken or refused after), since start. */
    @Override
    public long waited() {
        return waited.sum();
    }

    /** Events of chunks the consumer refused (nacked) and that were offered again. */
    public long redelivered() {
        return redelivered.sum();
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

    /** Emits while there is demand, something waiting and no chunk in flight; one thread at a time, on the emitter. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        emitter.execute(this::emitLoop);
    }

    private void emitLoop() {
        int missed = 1;
        do {
            var s = subscriber;
            while (s != null && !cancelled && requested.get() > 0) {
                List<AcceptedEvent> chunk = nextChunk();
                if (chunk == null) {
                    break;
                }
                requested.decrementAndGet();
                s.onNext(Message.of(chunk, () -> completed(), failure -> failed(chunk, failure)));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private synchronized List<AcceptedEvent> nextChunk() {
        if (inFlight > 0 || pausedAfterNack || waiting.isEmpty()) {
            return null;
        }
        long now = System.nanoTime();
        if (waiting.size() < maxChunk && !closed && (lingering || linger(lastChunkNanos + lingerNanos - now))) {
            return null;
        }
        lastChunkNanos = now;
        int size = Math.min(maxChunk, waiting.size());
        List<AcceptedEvent> chunk = new ArrayList<>(size);
        long chunkBytes = 0;
        for (int i = 0; i < size; i++) {
            chunk.add(waiting.poll());
            chunkBytes += waitingBytes.poll();
        }
        inFlight = size;
        inFlightBytes = chunkBytes;
        bytes -= chunkBytes;
        return Collections.unmodifiableList(chunk);
    }

    /**
     * Holds the next chunk back for {@code nanos} more, if that is positive: a timer drains then. Under the lock.
     *
     * @return whether the chunk waits
     */
    private boolean linger(long nanos) {
        if (nanos <= 0 || !drainAfter(nanos, () -> lingering = false)) {
            return false; // over, or stopping (no timer): the chunk goes now
        }
        lingering = true; // before the timer can clear it: its release waits for the lock held here
        return true;
    }

    /**
     * In {@code nanos}, runs {@code release} under the lock (what held chunks back is over) and drains.
     *
     * @return false when stopping: no timer was set
     */
    private boolean drainAfter(long nanos, Runnable release) {
        try {
            background.schedule(() -> {
                synchronized (this) {
                    release.run();
                }
                drain();
            }, nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * The consumer could not take a chunk (a nack: its own failures are handled inside it, so this means it could not
     * run at all). The events go back to the head of the queue, in order, and are offered again after a pause.
     */
    private CompletableFuture<Void> failed(List<AcceptedEvent> chunk, Throwable failure) {
        synchronized (this) {
            int share = chunk.isEmpty() ? 0 : (int) (inFlightBytes / chunk.size());
            for (int i = chunk.size() - 1; i >= 0; i--) {
                waiting.addFirst(chunk.get(i));
                waitingBytes.addFirst(share);
            }
            bytes += (long) share * chunk.size();
            inFlight = 0;
            inFlightBytes = 0;
            pausedAfterNack = true;
        }
        redelivered.add(chunk.size());
        LOG.warnf("The ordered consumer could not take offsets %d to %d (%s); they stay queued and are offered again in %d ms",
                chunk.get(0).offset(), chunk.get(chunk.size() - 1).offset(), failure.toString(), REDELIVERY_DELAY_MILLIS);
        // Stopping when no timer is set: the events stay queued, and the drain reports them as left.
        drainAfter(TimeUnit.MILLISECONDS.toNanos(REDELIVERY_DELAY_MILLIS), () -> pausedAfterNack = false);
        return CompletableFuture.completedFuture(null);
    }

    /** The consumer applied a chunk: its room is free and the next chunk may go. */
    private CompletableFuture<Void> completed() {
        List<Runnable> answers;
        synchronized (this) {
            inFlight = 0;
            inFlightBytes = 0;
            notifyAll();
            answers = takeHeld(); // the room just freed goes to who waits for it, in the same critical section
        }
        if (answers != null) {
            answers.forEach(Runnable::run);
        }
        drain();
        return CompletableFuture.completedFuture(null);
    }
}
