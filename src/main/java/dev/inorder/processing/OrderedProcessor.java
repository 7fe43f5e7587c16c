package dev.inorder.processing;

import java.util.List;

import org.jboss.logging.Logger;

import dev.inorder.AcceptedEvent;

/**
 * Applies chunks of events one event at a time, in the order given, and keeps the books: processed, failed, and order
 * breaches (an offset not above the last one processed). Plain Java; the caller guarantees one chunk at a time.
 */
public class OrderedProcessor {

    private static final Logger LOG = Logger.getLogger(OrderedProcessor.class);

    private final EventHandler handler;
    private final ProcessingObserver observer;

    // One writer (the consumer's single thread); volatile so that status reads see fresh values.
    private volatile long processed;
    private volatile long failed;
    private volatile long orderBreaches;
    private volatile long lastProcessedOffset;

    public OrderedProcessor(EventHandler handler) {
        this(handler, ProcessingObserver.NONE);
    }

    public OrderedProcessor(EventHandler handler, ProcessingObserver observer) {
        this.handler = handler;
        this.observer = observer;
    }

    /**
     * Applies each event in list order, then lets the handler commit the chunk. A failing event is logged and counted,
     * and the rest still run; a failing commit counts the whole chunk failed.
     */
    public void process(List<AcceptedEvent> events) {
        long start = System.nanoTime();
        for (AcceptedEvent event : events) {
            if (processed > 0 && event.offset() <= lastProcessedOffset) {
                orderBreaches++;
                LOG.errorf("Order breach: offset %d arrived after %d", event.offset(), lastProcessedOffset);
            }
            try {
                handler.apply(event);
            } catch (RuntimeException e) {
                failed++;
                LOG.errorf(e, "Event at offset %d (%s from %s) failed; going on with the next", event.offset(),
                        event.event().event(), event.source());
            }
            lastProcessedOffset = Math.max(lastProcessedOffset, event.offset());
            processed++;
        }
        try {
            handler.flush();
        } catch (RuntimeException e) {
            failed += events.size();
            LOG.errorf(e, "Committing offsets %d to %d failed; those events are lost, going on with the next",
                    events.get(0).offset(), events.get(events.size() - 1).offset());
        }
        observer.handled(events, System.nanoTime() - start);
    }

    /** Events handled, failed ones included. */
    public long processed() {
        return processed;
    }

    public long failed() {
        return failed;
    }

    public long orderBreaches() {
        return orderBreaches;
    }

    /** The highest offset processed, 0 before the first. */
    public long lastProcessedOffset() {
        return lastProcessedOffset;
    }
}
