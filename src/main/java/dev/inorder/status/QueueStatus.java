package dev.inorder.status;

/**
 * The pipeline's books, as {@code GET /queue} shows them.
 *
 * @param transport {@code memory} or {@code kafka}
 * @param capacity most events accepted and not yet processed (Kafka: sent and not yet acknowledged by the broker)
 * @param depth events accepted and not yet processed (Kafka: sent and not yet acknowledged)
 * @param accepted events accepted since start
 * @param processed events the consumer handled, failed ones included
 * @param rejected requests refused: bad input (4xx) or no room (503)
 * @param failed events whose handler or commit failed, and events of chunks the consumer failed as a whole
 * @param lastOffset the offset of the last accepted event, 0 when none (in memory; 0 on Kafka)
 * @param lastProcessedOffset the offset of the last processed event, 0 when none (on Kafka: the highest of any partition)
 * @param orderBreaches events that reached the consumer with an offset not above the previous one; always 0 unless broken
 * @param stale events skipped because their sender had already sent a higher {@code Seq}
 * @param duplicates events skipped because their {@code Seq} was applied already
 * @param replayed events skipped because their log had been applied past them (Kafka redelivery after a crash or rebalance)
 * @param retries chunks applied again because their commit failed
 */
public record QueueStatus(String transport, int capacity, int depth, long accepted, long processed, long rejected,
        long failed, long lastOffset, long lastProcessedOffset, long orderBreaches, long stale, long duplicates,
        long replayed, long retries) {
}
