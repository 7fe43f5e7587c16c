package dev.inorder.processing;

import dev.inorder.AcceptedEvent;

/** Told of every event the ordered processor handled, for metrics; called on the consumer's thread. */
public interface ProcessingObserver {

    ProcessingObserver NONE = (event, nanos) -> {
    };

    /** @param nanos how long the handler took for this event */
    void handled(AcceptedEvent event, long nanos);
}
