package dev.inorder.ingest;

import java.util.Locale;

/**
 * Ingest's own answer for "not taken": why, and when to try again. Nothing of the refused events was kept. The HTTP
 * resource turns it into a {@code 503}; another transport would pause and try again. Carries no stack trace: under a
 * flood of refusals, building one per refusal would cost more than the refusal itself.
 */
public final class Refused extends RuntimeException {

    public enum Reason {
        /** The queue (events or bytes) has no room for the request whole. */
        QUEUE_FULL,
        /** The queue is full because the store does not answer: the consumer waits for it. */
        STORE_UNAVAILABLE,
        /** The service is stopping. */
        DRAINING,
        /** Kafka did not acknowledge in time: some events of the request may have arrived. */
        BROKER_UNAVAILABLE;

        /** The reason as an error code: {@code queue_full}, {@code store_unavailable}, … */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final int retryAfterSeconds;

    public Refused(Reason reason, String detail, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Reason reason() {
        return reason;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
