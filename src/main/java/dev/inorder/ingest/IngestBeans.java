package dev.inorder.ingest;

import java.util.concurrent.Executor;

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
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

/** Builds ingest's plain-Java parts from the configuration, and picks where accepted events go. */
@ApplicationScoped
public class IngestBeans {

    @Produces
    @Singleton
    @Typed(IngestQueue.class)
    static IngestQueue queue(InOrderConfig config, EventHandler handler, OffsetReservations reservations,
            OrderedProcessor processor, Vertx vertx) {
        // Chunks are handed to the consumer under a context of their own, never an HTTP request's: the consumer's
        // blocking work is queued on the context current when it is emitted, and Vert.x interrupts and waits for the
        // blocking work of a context whose verticle is undeployed. The HTTP server is undeployed first at a stop, so a
        // chunk emitted under a request's context would be interrupted before the drain even began. dispatch() makes
        // this context current on the calling thread, without a hop to another thread (runOnContext cost ~20 % of
        // single-event throughput on one core). One context also means one ordered task queue for every chunk
        // (PERF-NOTES: emit into the ordered consumer from one context).
        ContextInternal context = ((VertxInternal) vertx).createEventLoopContext();
        // Offsets continue above what the store applied and above every offset reserved, so they never go back.
        // A request that waited for room is answered on its caller's context (its connection's event loop, a
        // connector's), as if it had been taken at once: never on the consumer's thread, which frees the room.
        return new IngestQueue(config.queue().capacity(), config.queue().maxBytes().asLongValue(),
                config.processing().maxChunk(), config.processing().linger(), handler.lastAppliedOffset(), reservations, processor::stalled,
                context::dispatch, config.queue().maxWait(), IngestBeans::callerContext);
    }

    private static Executor callerContext() {
        Context caller = Vertx.currentContext();
        return caller == null ? Runnable::run : task -> caller.runOnContext(ignored -> task.run());
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

    /** The door's Seq check remembers as many sender × match pairs as the consumer's guard keeps (4 per cached match). */
    @Produces
    @Singleton
    static SeqWatch seqWatch(InOrderConfig config) {
        return new SeqWatch(4 * config.store().maxCachedMatches());
    }
}
