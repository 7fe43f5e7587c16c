package dev.inorder.processing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.inorder.AcceptedEvent;

/**
 * Applies chunks of events one event at a time, in the order given, and keeps the books: processed, dead-lettered,
 * retries and order breaches (an offset not above the last one processed from the same log). Plain Java; the caller
 * guarantees one chunk at a time.
 * <p>
 * Nothing handed to {@link #process} is ever skipped:
 * <ul>
 * <li>A {@link TransientFailure} (the store is down, a conflict) keeps the work: it is discarded and applied again,
 * waiting longer each time up to {@link #MAX_BACKOFF_MILLIS}, for as long as it takes. An outage is logged once when it
 * starts and once when it ends, and reported by {@link #stalled()} meanwhile.</li>
 * <li>Any other failure is an event's fault. When {@code apply} fails, that event is known; when the commit fails, the
 * chunk is split in halves until the culprit is alone (a single event is tried twice, so that a passing conflict is
 * not mistaken for a bad event). Every other event is committed, in order; the culprit goes to the handler's
 * dead letters.</li>
 * </ul>
 * The only way out without applying a chunk is {@link #stop()}: a stopping service that gave up waiting.
 */
public class OrderedProcessor {

    private static final Logger LOG = Logger.getLogger(OrderedProcessor.class);

    /** The longest wait between two attempts at the same work. */
    static final long MAX_BACKOFF_MILLIS = 2_000;

    private final EventHandler handler;
    private final ProcessingObserver observer;
    private final long firstBackoffMillis;

    private final Map<String, Long> lastOffsetByLog = new HashMap<>();

    // Set by Kafka's rebalance listener on its polling thread; acted on, on the consumer's thread, before the next chunk.
    private volatile boolean partitionsMoved;
    private volatile boolean stopping;

    // One writer (the consumer's single thread); volatile so that status reads see fresh values.
    private volatile long processed;
    private volatile long deadLettered;
    private volatile long retries;
    private volatile long orderBreaches;
    private volatile long lastProcessedOffset;
    private volatile String stalled;
    private volatile long stalledSinceMillis;

    public OrderedProcessor(EventHandler handler) {
        this(handler, ProcessingObserver.NONE, 100);
    }

    public OrderedProcessor(EventHandler handler, ProcessingObserver observer, long firstBackoffMillis) {
        this.handler = handler;
        this.observer = observer;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    /** A stretch of a chunk to apply and commit together, or (when {@code deadLetter} is set) one event to set aside. */
    private record Segment(int from, int to, RuntimeException deadLetter, boolean retriedAlone) {
        int size() {
            return to - from;
        }
    }

    /**
     * Applies each event in list order and commits them; returns when every event is committed or dead-lettered.
     *
     * @throws IllegalStateException only after {@link #stop()}: the chunk was not (wholly) applied
     */
    public void process(List<AcceptedEvent> events) {
        long start = System.nanoTime();
        if (partitionsMoved) {
            partitionsMoved = false;
            lastOffsetByLog.clear(); // a partition that comes back starts again at its last committed offset
            handler.partitionsMoved();
        }
        Map<String, Long> before = new HashMap<>(lastOffsetByLog);
        checkOrder(events);
        try {
            applyAll(events);
        } catch (RuntimeException e) {
            // Not applied: the chunk will come again, and that is no breach.
            lastOffsetByLog.clear();
            lastOffsetByLog.putAll(before);
            throw e;
        }
        processed += events.size();
        observer.handled(events, System.nanoTime() - start);
    }

    private void applyAll(List<AcceptedEvent> events) {
        Deque<Segment> todo = new ArrayDeque<>();
        todo.push(new Segment(0, events.size(), null, false));
        int failures = 0;
        while (!todo.isEmpty()) {
            Segment segment = todo.peek();
            try {
                if (segment.deadLetter() != null) {
                    AcceptedEvent event = events.get(segment.from());
                    handler.deadLetter(event, segment.deadLetter());
                    deadLettered++;
                    LOG.errorf(segment.deadLetter(), "Event at offset %d of %s (%s from %s) cannot be applied; it is in the "
                            + "dead letters, to apply again after a fix", event.offset(), event.log(), event.event().event(),
                            event.source());
                    todo.pop();
                } else {
                    Culprit culprit = applyUpToCulprit(events, segment);
                    handler.flush();
                    todo.pop();
                    if (culprit != null) {
                        // The events before it are committed: next its dead letter, then the rest of the segment.
                        if (culprit.index() + 1 < segment.to()) {
                            todo.push(new Segment(culprit.index() + 1, segment.to(), null, false));
                        }
                        todo.push(new Segment(culprit.index(), culprit.index() + 1, culprit.error(), true));
                    }
                }
                failures = recovered(failures, events);
            } catch (RuntimeException e) {
                handler.discard();
                if (e instanceof TransientFailure || segment.deadLetter() != null) {
                    // Not the event's fault, or setting an event aside failed (never the event's sake): the same work
                    // again, after a wait, for as long as it takes.
                    failures++;
                    retries++;
                    waitBeforeRetry(e instanceof TransientFailure transientFailure ? transientFailure
                            : new TransientFailure("writing a dead letter failed: " + e, e, true), failures, events);
                    continue;
                }
                todo.pop();
                if (segment.size() > 1) {
                    int middle = segment.from() + segment.size() / 2;
                    todo.push(new Segment(middle, segment.to(), null, false));
                    todo.push(new Segment(segment.from(), middle, null, false));
                } else if (!segment.retriedAlone()) {
                    todo.push(new Segment(segment.from(), segment.to(), null, true));
                } else {
                    todo.push(new Segment(segment.from(), segment.to(), e, true));
                }
            }
        }
    }

    /** An event whose {@code apply} failed, and why. */
    private record Culprit(int index, RuntimeException error) {
    }

    /**
     * Applies the segment's events; when one fails, stops there and returns it (the events before it are applied,
     * still to commit), else {@code null}. A {@link TransientFailure} goes to the caller.
     */
    private Culprit applyUpToCulprit(List<AcceptedEvent> events, Segment segment) {
        for (int i = segment.from(); i < segment.to(); i++) {
            try {
                handler.apply(events.get(i));
            } catch (TransientFailure e) {
                throw e;
            } catch (RuntimeException e) {
                return new Culprit(i, e);
            }
        }
        return null;
    }

    private int recovered(int failures, List<AcceptedEvent> events) {
        if (stalled != null) {
            LOG.infof("The store answers again after %d s and %d attempts; going on from offset %d",
                    (System.currentTimeMillis() - stalledSinceMillis) / 1000, failures, events.get(0).offset());
            stalled = null;
        }
        return 0;
    }

    private void waitBeforeRetry(TransientFailure e, int failures, List<AcceptedEvent> events) {
        if (e.outage() && stalled == null) {
            stalledSinceMillis = System.currentTimeMillis();
            stalled = e.getMessage();
            LOG.errorf("The store does not answer (%s); offsets %d to %d wait, and are applied again every %d ms at most "
                    + "until it does. Nothing is skipped.", e.getMessage(), events.get(0).offset(),
                    events.get(events.size() - 1).offset(), MAX_BACKOFF_MILLIS);
        } else if (!e.outage()) {
            LOG.debugf("Applying offsets from %d again: %s", events.get(0).offset(), e.getMessage());
        }
        if (stopping) {
            throw new IllegalStateException("stopping with offsets " + events.get(0).offset() + " to "
                    + events.get(events.size() - 1).offset() + " not applied: " + e.getMessage());
        }
        long backoff = Math.min(MAX_BACKOFF_MILLIS, firstBackoffMillis << Math.min(20, failures - 1));
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
            // Only stop() ends the wait: an interrupt alone (a pool's shutdown, say) must not drop accepted work.
            if (stopping) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopping with offsets from " + events.get(0).offset() + " not applied",
                        interrupted);
            }
            LOG.warnf("Interrupted while waiting to apply offsets from %d again; going on", events.get(0).offset());
        }
    }

    /**
     * The service stops and gave up waiting: a chunk that cannot be applied now fails instead of waiting on (the
     * in-memory queue keeps it; Kafka reads it again at the next start). Any thread.
     */
    public void stop() {
        stopping = true;
    }

    /**
     * Kafka moved partitions between instances: before the next chunk, forget the offsets seen (a partition that comes
     * back is read again from its last committed offset, which is no breach) and tell the handler. Any thread.
     */
    public void partitionsMoved() {
        partitionsMoved = true;
    }

    /** Events handled: applied, skipped by a guard, or dead-lettered. */
    public long processed() {
        return processed;
    }

    /** Events set aside because they cannot be applied. */
    public long deadLettered() {
        return deadLettered;
    }

    /** Attempts at work that failed for a reason that was not an event's: each was made again. */
    public long retries() {
        return retries;
    }

    public long orderBreaches() {
        return orderBreaches;
    }

    /** Why the processor waits (the store does not answer), or {@code null} while it does not. */
    public String stalled() {
        return stalled;
    }

    /** The highest offset processed, 0 before the first (on Kafka: over all partitions, so only a rough gauge). */
    public long lastProcessedOffset() {
        return lastProcessedOffset;
    }

    private void checkOrder(List<AcceptedEvent> events) {
        for (AcceptedEvent event : events) {
            Long last = lastOffsetByLog.put(event.log(), event.offset());
            if (last != null && event.offset() <= last) {
                orderBreaches++;
                LOG.errorf("Order breach: offset %d of %s arrived after %d", event.offset(), event.log(), last);
            }
            lastProcessedOffset = Math.max(lastProcessedOffset, event.offset());
        }
    }
}
