package dev.inorder.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.InOrderConfig;
import dev.inorder.kafka.KafkaIngest;
import dev.inorder.processing.EventHandler;
import dev.inorder.processing.OrderedProcessor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/** Builds ingest's plain-Java parts from the configuration, and picks where accepted events go. */
@ApplicationScoped
public class IngestBeans {

    @Produces
    @Singleton
    @Typed(IngestQueue.class)
    static IngestQueue queue(InOrderConfig config, EventHandler handler, OffsetReservations reservations,
            OrderedProcessor processor, Vertx vertx) {
        // Chunks are handed to the consumer on a context of their own, never an HTTP request's: SmallRye runs the
        // blocking consumer on the context it is called from, and Vert.x interrupts and waits for the blocking work of
        // a context whose verticle is undeployed. The HTTP server is undeployed first at a stop, so a chunk started from
        // a request's context would be interrupted before the drain even began. One context also means chunks are
        // emitted from one place, in order (PERF-NOTES: emit into the ordered consumer from one context).
        Context context = ((VertxInternal) vertx).createEventLoopContext();
        // Offsets continue above what the store applied and above every offset reserved, so they never go back.
        return new IngestQueue(config.queue().capacity(), config.queue().maxBytes().asLongValue(),
                config.processing().maxChunk(), handler.lastAppliedOffset(), reservations, processor::stalled,
                task -> context.runOnContext(ignored -> task.run()));
    }

    /** The in-memory queue, or the Kafka topic in the {@code kafka} profile ({@code inorder.transport}). */
    @Produces
    @Singleton
    static Ingest ingest(InOrderConfig config, Instance<IngestQueue> queue, Instance<KafkaIngest> kafka) {
        // Only the chosen one is built: on Kafka, the queue (and its start-up read of the store) never is.
        return switch (config.transport()) {
            case MEMORY -> queue.get();
            case KAFKA -> kafka.get();
        };
    }

    @Produces
    @Singleton
    static EventParser parser(ObjectMapper mapper, InOrderConfig config) {
        return new EventParser(mapper, config.maxBodySize().asLongValue(), config.maxBatch());
    }
}
