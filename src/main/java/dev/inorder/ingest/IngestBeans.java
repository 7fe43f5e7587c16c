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
import io.smallrye.mutiny.Multi;

/** Builds ingest's plain-Java parts from the configuration, and binds the queue to the events channel. */
@ApplicationScoped
public class IngestBeans {

    @Inject
    IngestQueue queue;

    @Produces
    @Singleton
    static IngestQueue queue(InOrderConfig config) {
        return new IngestQueue(config.queue().capacity(), config.processing().maxChunk(), 1);
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
