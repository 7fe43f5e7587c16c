package dev.inorder;

/** Names of the messaging channel and worker pool, in one place for the code and its tests. */
public final class Channels {

    /** The in-memory channel from ingest to the ordered consumer; its payloads are chunks of consecutive events. */
    public static final String EVENTS = "events";

    /** The worker pool that runs the ordered consumer, apart from the HTTP event loops and the default worker pool. */
    public static final String PROCESSOR_POOL = "inorder-processor";

    private Channels() {
    }
}
