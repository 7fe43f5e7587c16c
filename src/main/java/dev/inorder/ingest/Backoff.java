package dev.inorder.ingest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a connector waits before it tries its source again: from 250 ms, doubling up to a maximum, each wait drawn
 * between half and all of it (jitter, so that many instances do not retry in step). Not thread-safe: one connector's.
 */
public final class Backoff {

    static final long FIRST_MILLIS = 250;

    private final long maxMillis;
    private long currentMillis = FIRST_MILLIS;

    public Backoff(Duration max) {
        this.maxMillis = Math.max(FIRST_MILLIS, max.toMillis());
    }

    /** The next wait, in milliseconds (at least 1); the one after it is twice as long, up to the maximum. */
    public long next() {
        long wait = currentMillis / 2 + ThreadLocalRandom.current().nextLong(currentMillis / 2 + 1);
        currentMillis = Math.min(currentMillis * 2, maxMillis);
        return Math.max(1, wait);
    }

    /** The source answered: the next wait starts short again. */
    public void reset() {
        currentMillis = FIRST_MILLIS;
    }
}
