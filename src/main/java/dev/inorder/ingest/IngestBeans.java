package dev.inorder.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.AcceptedEvent;
import dev.inorder.Channels;
import dev.inorder.InOrderConfig;
import dev.inorder.processing.EventHandler;
import io.smallrye.mutiny.Multi;

/** Builds ingest's plain-Java parts from the configuration, and binds the queue to the events channel. */
@ApplicationScoped
public class IngestBeans {

    @Inject
    IngestQueue queue;

    @Produces
    @Singleton
    static IngestQueue queue(InOrderConfig config, EventHandler handler) {
        // Offsets continue after what the store holds, so they stay unique across restarts.
        return new IngestQueue(config.queue().capacity(), config.processing().maxChunk(), handler.lastAppliedOffset() + 1);
    }

    @Produces
    @Singleton
    static EventParser parser(ObjectMapper mapper, InOrderConfig config) {
        return new EventParser(mapper, config.maxBodySize().asLongValue(), config.maxBatch());
    }

    @Outgoing(Channels.EVENTS)
    Multi<Message<List<AcceptedEvent>>> events() {
        return Multi.createFrom().publisher(queue);
    }
}
