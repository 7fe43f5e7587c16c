package dev.inorder.processing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.inorder.AcceptedEvent;

/**
 * Tells whoever asked which events are now stored: called on the consumer's thread after each chunk is committed (or
 * its bad events dead-lettered), so a listener must only hand the news over. MQTT ingest acknowledges its messages here.
 */
@ApplicationScoped
@Typed(Committed.class) // not a second ProcessingObserver for injection: the consumer calls it beside the metrics
public class Committed implements ProcessingObserver {

    private final List<ProcessingObserver> listeners = new CopyOnWriteArrayList<>();

    public void listen(ProcessingObserver listener) {
        listeners.add(listener);
    }

    @Override
    public void handled(List<AcceptedEvent> events, long nanos) {
        for (ProcessingObserver listener : listeners) {
            listener.handled(events, nanos);
        }
    }
}
