package dev.inorder.processing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.inorder.AcceptedEvent;
import dev.inorder.Channels;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The ordered consumer: one message at a time, on its own single-thread pool, in the order the channel delivers them.
 * The message is acknowledged when this method returns, which lets ingest hand over the next chunk.
 */
@ApplicationScoped
public class EventConsumer {

    @Inject
    OrderedProcessor processor;

    @Incoming(Channels.EVENTS)
    @Blocking(value = Channels.PROCESSOR_POOL, ordered = true)
    public void consume(List<AcceptedEvent> chunk) {
        processor.process(chunk);
    }

    @Produces
    @Singleton
    static OrderedProcessor processor(EventHandler handler, ProcessingObserver observer) {
        return new OrderedProcessor(handler, observer);
    }
}
