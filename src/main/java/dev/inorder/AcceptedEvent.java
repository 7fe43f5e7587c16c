package dev.inorder;

/**
 * An event the service has accepted: stamped with the log it went to and its offset there.
 *
 * @param log the ordered log the event was appended to: {@link #MEMORY} for the in-memory channel, or
 *        {@code <topic>-<partition>} on Kafka
 * @param offset increases by one per event within its log, in the exact order events entered it
 * @param source the sender, from the {@code X-Source-Id} header
 * @param acceptedAtMillis wall-clock time of acceptance, epoch milliseconds
 * @param event what the sender sent
 */
public record AcceptedEvent(String log, long offset, String source, long acceptedAtMillis, GameEvent event) {

    /** The one log of the in-memory channel: offsets there are global. */
    public static final String MEMORY = "memory";

    /** An event of the in-memory channel. */
    public AcceptedEvent(long offset, String source, long acceptedAtMillis, GameEvent event) {
        this(MEMORY, offset, source, acceptedAtMillis, event);
    }
}
