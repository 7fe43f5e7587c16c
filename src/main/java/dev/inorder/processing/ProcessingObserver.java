package dev.inorder.processing;

import java.util.List;

import dev.inorder.AcceptedEvent;

/**
 * Told of every chunk the ordered processor handled, for metrics; called on the consumer's thread once per chunk, so
 * that its cost does not grow with load (under load a chunk holds hundreds of events).
 */
public interface ProcessingObserver {

    ProcessingObserver NONE = (events, nanos) -> {
    };

    /** @param nanos how long applying and committing the chunk took */
    void handled(List<AcceptedEvent> events, long nanos);
}
