package dev.inorder.processing;

import dev.inorder.AcceptedEvent;

/**
 * What applying an event means: the one piece the ordered consumer calls, once per event, in offset order, never
 * concurrently. Ingest knows nothing of it, so the store plugs in here alone.
 * <p>
 * A handler groups what it applies until {@link #flush()} commits it; {@link #discard()} drops what was applied since
 * the last commit. Failures come in two kinds: a {@link TransientFailure} is not the event's fault (the same work
 * succeeds later); any other exception is the fault of the event being applied, or, from {@link #flush()}, of one of
 * the events applied since the last commit.
 */
public interface EventHandler {

    /** What the handler did with the events it committed: applied, or skipped by one of its guards. */
    record Counts(long applied, long stale, long duplicates, long replayed, long afterEnd, long seqJumps, long foreign) {
        public long skipped() {
            return stale + duplicates + replayed + afterEnd + seqJumps + foreign;
        }
    }

    /** Applies one event, provisionally until {@link #flush()}. A failing event changes nothing. */
    void apply(AcceptedEvent event);

    /**
     * Commits what was applied since the last commit. A thrown exception means nothing of it was kept: the handler
     * is back where it was after its last commit.
     */
    default void flush() {
    }

    /** Drops what was applied since the last commit. */
    default void discard() {
    }

    /**
     * Records, durably and in order, that {@code event} cannot be applied ({@code error} says why): it is kept aside to
     * be applied again after a fix, and its log moves past it. Commits nothing else; call it right after a commit.
     */
    default void deadLetter(AcceptedEvent event, RuntimeException error) {
    }

    /** Counts over what was committed (never what was discarded). */
    default Counts counts() {
        return new Counts(0, 0, 0, 0, 0, 0, 0);
    }

    /** The offset of the last in-memory event this handler made durable, 0 if none: ingest continues numbering after it. */
    default long lastAppliedOffset() {
        return 0;
    }

    /** Kafka moved partitions between instances: what this handler holds in memory may be stale from now on. */
    default void partitionsMoved() {
    }
}
