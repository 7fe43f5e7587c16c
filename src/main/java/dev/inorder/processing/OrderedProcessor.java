package dev.inorder.processing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.inorder.AcceptedEvent;

/**
 * Applies chunks of events one event at a time, in the order given, and keeps the books: processed, failed, and order
 * breaches (an offset not above the last one processed from the same log). Plain Java; the caller guarantees one
 * chunk at a time.
 * <p>
 * When the handler cannot commit a chunk (the database failed, or another instance moved one of its logs on), the
 * handler is back where it was before the chunk, so the chunk is applied again from its first event, a few times,
 * waiting longer each time. If it still fails the exception goes to the caller: the message is not acknowledged.
 */
public class OrderedProcessor {

    private static final Logger LOG = Logger.getLogger(OrderedProcessor.class);

    /** How often a chunk whose commit failed is applied again before the failure goes to the caller. */
    static final int ATTEMPTS = 5;

    private final EventHandler handler;
    private final ProcessingObserver observer;
    private final long firstBackoffMillis;

    private final Map<String, Long> lastOffsetByLog = new HashMap<>();

    // Set by Kafka's rebalance listener on its polling thread; acted on, on the consumer's thread, before the next chunk.
    private volatile boolean partitionsMoved;

    // One writer (the consumer's single thread); volatile so that status reads see fresh values.
    private volatile long processed;
    private volatile long failed;
    private volatile long retries;
    private volatile long orderBreaches;
    private volatile long lastProcessedOffset;

    public OrderedProcessor(EventHandler handler) {
        this(handler, ProcessingObserver.NONE, 100);
    }

    public OrderedProcessor(EventHandler handler, ProcessingObserver observer, long firstBackoffMillis) {
        this.handler = handler;
        this.observer = observer;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    /**
     * Applies each event in list order, then lets the handler commit the chunk. A failing event is logged and counted,
     * and the rest still run; a failing commit applies the whole chunk again, up to {@link #ATTEMPTS} times in all.
     *
     * @throws RuntimeException the handler's last failure, when no attempt could commit the chunk
     */
    public void process(List<AcceptedEvent> events) {
        long start = System.nanoTime();
        if (partitionsMoved) {
            partitionsMoved = false;
            lastOffsetByLog.clear(); // a partition that comes back starts again at its last committed offset
            handler.partitionsMoved();
        }
        checkOrder(events);
        for (int attempt = 1; ; attempt++) {
            int failedEvents = applyAll(events);
            try {
                handler.flush();
                failed += failedEvents;
                break;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.errorf(e, "Committing %s failed %d times; giving up on it", range(events), attempt);
                    throw e;
                }
                retries++;
                long backoff = firstBackoffMillis << (attempt - 1);
                LOG.warnf("Committing %s failed (%s); applying it again in %d ms", range(events), e.getMessage(), backoff);
                pause(backoff);
            }
        }
        processed += events.size();
        observer.handled(events, System.nanoTime() - start);
    }

    /**
     * Kafka moved partitions between instances: before the next chunk, forget the offsets seen (a partition that comes
     * back is read again from its last committed offset, which is no breach) and tell the handler. Any thread.
     */
    public void partitionsMoved() {
        partitionsMoved = true;
    }

    /** Events handled, failed ones included. */
    public long processed() {
        return processed;
    }

    public long failed() {
        return failed;
    }

    /** Chunks applied again because their commit failed. */
    public long retries() {
        return retries;
    }

    public long orderBreaches() {
        return orderBreaches;
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

    private int applyAll(List<AcceptedEvent> events) {
        int failedEvents = 0;
        for (AcceptedEvent event : events) {
            try {
                handler.apply(event);
            } catch (RuntimeException e) {
                failedEvents++;
                LOG.errorf(e, "Event at offset %d of %s (%s from %s) failed; going on with the next", event.offset(),
                        event.log(), event.event().event(), event.source());
            }
        }
        return failedEvents;
    }

    private static String range(List<AcceptedEvent> events) {
        return "offsets " + events.get(0).offset() + " to " + events.get(events.size() - 1).offset() + " (" + events.size()
                + " events)";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to apply a chunk again", e);
        }
    }
}
