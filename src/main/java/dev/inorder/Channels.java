package dev.inorder;

/** Names of the messaging channel and worker pool, in one place for the code and its tests. */
public final class Channels {

    /**
     * The channel the ordered consumer reads; its payloads are chunks of consecutive events. Its connector is the
     * in-memory queue by default, Kafka in the kafka profile.
     */
    public static final String EVENTS = "events";

    /** The channel ingest writes to in the kafka profile: one Kafka record per event, keyed by match. */
    public static final String TO_KAFKA = "events-out";

    /** The worker pool that runs the ordered consumer, apart from the HTTP event loops and the default worker pool. */
    public static final String PROCESSOR_POOL = "inorder-processor";

    private Channels() {
    }
}
