package dev.inorder;

/**
 * An event the service has accepted: stamped with its offset, the position it took in the channel.
 *
 * @param offset increases by one per accepted event, in the exact order events entered the channel
 * @param source the sender, from the {@code X-Source-Id} header
 * @param acceptedAtMillis wall-clock time of acceptance, epoch milliseconds
 * @param event what the sender sent
 */
public record AcceptedEvent(long offset, String source, long acceptedAtMillis, GameEvent event) {
}
