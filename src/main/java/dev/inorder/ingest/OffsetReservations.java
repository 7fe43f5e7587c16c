package dev.inorder.ingest;

/**
 * Where the in-memory queue makes its offsets durable before it hands them out, so that offsets never go back after a
 * restart, whatever ended the previous run: a crash loses the events that were queued and not yet applied, but never
 * lets their offsets be handed out again. The queue reserves blocks ahead of use; a crash leaves a gap, a clean stop
 * none.
 */
public interface OffsetReservations {

    /** Offsets up to this one may have been handed out; 0 when none ever was. */
    long reserved();

    /** Records durably that offsets up to {@code upTo} may be handed out. Blocking; any thread but an event loop. */
    void reserve(long upTo);

    /** For the memory-only handler (benchmarks): nothing is durable, so nothing is kept. */
    OffsetReservations NONE = new OffsetReservations() {
        @Override
        public long reserved() {
            return 0;
        }

        @Override
        public void reserve(long upTo) {
        }
    };
}
