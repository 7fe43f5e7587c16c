package dev.inorder.processing;

import dev.inorder.AcceptedEvent;

/**
 * What applying an event means: the one piece the ordered consumer calls, once per event, in offset order, never
 * concurrently. Ingest knows nothing of it, so a store plugs in here alone.
 */
public interface EventHandler {

    /** Applies one event. A thrown exception marks this event failed; the next one is applied all the same. */
    void apply(AcceptedEvent event);
}
