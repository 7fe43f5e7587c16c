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

/** Builds ingest's plain-Java parts from the configuration, and picks where accepted events go. */
@ApplicationScoped
public class IngestBeans {

    @Produces
    @Singleton
    @Typed(IngestQueue.class)
    static IngestQueue queue(InOrderConfig config, EventHandler handler, OffsetReservations reservations,
            OrderedProcessor processor) {
        // Offsets continue above what the store applied and above every offset reserved, so they never go back.
        return new IngestQueue(config.queue().capacity(), config.queue().maxBytes().asLongValue(),
                config.processing().maxChunk(), handler.lastAppliedOffset(), reservations, processor::stalled);
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
