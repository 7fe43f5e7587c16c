package dev.inorder;

import java.util.List;

/**
 * The payload of the {@link Channels#EVENTS} channel: consecutive accepted events, to apply in list order. In memory
 * they are what piled up in the queue; on Kafka, one polled batch (several partitions, each in its own order).
 */
public record Chunk(List<AcceptedEvent> events) {
}
