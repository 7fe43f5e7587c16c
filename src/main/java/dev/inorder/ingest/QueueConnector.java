package dev.inorder.ingest;

import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.inorder.Chunk;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

/**
 * The in-memory transport as a connector: the {@link dev.inorder.Channels#EVENTS} channel reads the {@link IngestQueue}
 * when {@code mp.messaging.incoming.events.connector} is {@value #NAME} (the default), and a Kafka topic when it is
 * {@code smallrye-kafka} (the {@code kafka} profile). Swapping the transport is a line of configuration.
 */
@ApplicationScoped
@Connector(QueueConnector.NAME)
public class QueueConnector implements InboundConnector {

    public static final String NAME = "inorder-queue";

    @Inject
    IngestQueue queue;

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        return Multi.createFrom().publisher(queue).map(message -> message.withPayload(new Chunk(message.getPayload())));
    }
}
