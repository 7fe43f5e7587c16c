package dev.inorder.kafka;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.inorder.processing.OrderedProcessor;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Told by the Kafka consumer when partitions move between instances. A partition this instance gets may have been moved
 * on by another, and one it gets back is read again from its last committed offset: the processor and the match book
 * drop what they hold before the next chunk (the store's per-partition positions skip what was applied already).
 */
@ApplicationScoped
@Identifier(PartitionsMoved.NAME)
public class PartitionsMoved implements KafkaConsumerRebalanceListener {

    public static final String NAME = "inorder-partitions";

    private static final Logger LOG = Logger.getLogger(PartitionsMoved.class);

    @Inject
    OrderedProcessor processor;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("Partitions assigned: %s", partitions);
        processor.partitionsMoved();
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("Partitions revoked: %s", partitions);
        processor.partitionsMoved();
    }
}
