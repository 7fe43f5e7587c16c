package dev.inorder.processing;

import dev.inorder.AcceptedEvent;

/**
 * What applying an event means: the one piece the ordered consumer calls, once per event, in offset order, never
 * concurrently. Ingest knows nothing of it, so the store plugs in here alone.
 */
public interface EventHandler {

    /** Applies one event. A thrown exception marks this event failed; the next one is applied all the same. */
    void apply(AcceptedEvent event);

    /**
     * Called after the last event of each chunk: a handler that groups its writes commits them here. A thrown
     * exception means nothing of the chunk was kept: the handler is back where it was before it, and the chunk may be
     * applied again.
     */
    default void flush() {
    }

    /** The offset of the last in-memory event this handler made durable, 0 if none: ingest continues numbering after it. */
    default long lastAppliedOffset() {
        return 0;
    }

    /** Kafka moved partitions between instances: what this handler holds in memory may be stale from now on. */
    default void partitionsMoved() {
    }
}
