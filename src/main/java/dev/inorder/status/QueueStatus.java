package dev.inorder.status;

/**
 * The pipeline's books, as {@code GET /queue} shows them. They add up: {@code accepted = processed + depth} (in memory,
 * since start) and {@code processed = applied + stale + duplicates + replayed + afterEnd + seqJumps + foreign + deadLettered}.
 *
 * @param transport {@code memory} or {@code kafka}
 * @param capacity most events accepted and not yet processed (Kafka: sent and not yet acknowledged by the broker)
 * @param depth events accepted and not yet processed (Kafka: sent and not yet acknowledged)
 * @param bytes bytes of the events accepted and not yet processed (in memory), bounded by {@code maxBytes}
 * @param accepted events accepted since start
 * @param processed events the consumer is done with: applied, skipped by a guard, or dead-lettered
 * @param applied events applied to a match and committed
 * @param rejected requests refused: bad input (4xx) or no room (503)
 * @param waited requests that found the queue full and waited for room ({@code inorder.queue.max-wait}), then taken or
 *        refused (in memory; 0 on Kafka)
 * @param deadLettered events that could not be applied, set aside in the dead letters ({@code GET /dead-letters})
 * @param lastOffset the offset of the last accepted event, 0 when none (in memory; 0 on Kafka)
 * @param lastProcessedOffset the offset of the last processed event, 0 when none (on Kafka: the highest of any partition)
 * @param orderBreaches events that reached the consumer with an offset not above the previous one; always 0 unless broken
 * @param stale events skipped because their sender had already sent a higher {@code Seq}
 * @param duplicates events skipped because their {@code Seq} was applied already
 * @param replayed events skipped because their log had been applied past them (Kafka redelivery after a crash or rebalance)
 * @param afterEnd events skipped because they would have changed an ended match's result (a match is final once ended)
 * @param seqJumps events skipped because their Seq jumped more than 1,000,000 ahead of their sender's last in the match
 * @param foreign events skipped because their sender may not report that match (sender keys configured)
 * @param retries attempts that failed for a reason that was not an event's (the store down, a conflict), each made again
 * @param storeUp false while the consumer waits for the store to answer again
 */
public record QueueStatus(String transport, int capacity, int depth, long bytes, long maxBytes, long accepted,
        long processed, long applied, long rejected, long waited, long deadLettered, long lastOffset, long lastProcessedOffset,
        long orderBreaches, long stale, long duplicates, long replayed, long afterEnd, long seqJumps, long foreign, long retries,
        boolean storeUp) {
}
