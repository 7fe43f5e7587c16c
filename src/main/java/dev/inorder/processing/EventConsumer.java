package dev.inorder.processing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.inorder.Chunk;
import dev.inorder.Channels;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.providers.connectors.WorkerPoolRegistry;

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
    public void consume(Chunk chunk) {
        processor.process(chunk.events());
    }

    /**
     * Creates the consumer's pool at start, on the main thread. Created lazily, it would be created by the first
     * message, on an HTTP event loop, and Vert.x would tie it to that HTTP verticle: at stop the HTTP server is
     * undeployed first, the pool closed with it, and the drain could not apply anything (every chunk nacked with
     * "Worker executor closed"). Created here it lives as long as Vert.x, and closes after the drain.
     */
    void openPool(@Observes @Priority(1) StartupEvent start, WorkerPoolRegistry pools) {
        pools.getWorker(Channels.PROCESSOR_POOL);
    }

    /**
     * At stop, SmallRye shuts the pool's threads down but leaves its shared Vert.x executor registered. Dev mode's live
     * reload keeps Vert.x, so the reloaded application would get the dead pool back and every message would be
     * rejected. Closing the executor here, after SmallRye's own shutdown (priority 100), unregisters it.
     */
    void closePool(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(200) @BeforeDestroyed(ApplicationScoped.class) Object stop,
            WorkerPoolRegistry pools) {
        pools.getWorker(Channels.PROCESSOR_POOL).closeAndAwait();
    }

    @Produces
    @Singleton
    static OrderedProcessor processor(EventHandler handler, ProcessingObserver metrics, Committed committed) {
        return new OrderedProcessor(handler, (events, nanos) -> {
            metrics.handled(events, nanos);
            committed.handled(events, nanos);
        }, 100);
    }
}
