package dev.inorder.ingest;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a connector that reads from elsewhere (the game's Stats API, an MQTT broker) shows of itself: connected or not,
 * since when, events taken, reconnects, the last error. Written by the connector, read by {@code GET /sources}, health
 * and the live page.
 */
public final class Source {

    /** A copy for readers. */
    public record View(String name, String kind, String target, boolean connected, Instant since, long eventsTaken,
            long reconnects, long refused, boolean paused, long holds, String lastError) {
    }

    private final String name;
    private final String kind;
    private final String target;
    private volatile boolean connected;
    private volatile Instant since = Instant.now();
    private volatile boolean paused;
    private volatile String lastError;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong holds = new AtomicLong();

    public Source(String name, String kind, String target) {
        this.name = name;
        this.kind = kind;
        this.target = target;
    }

    public String name() {
        return name;
    }

    private boolean everConnected;

    /** Records a change of state; returns whether it is one. Connecting again after a loss counts a reconnect. */
    public synchronized boolean connected(boolean now) {
        if (connected == now) {
            return false;
        }
        if (now && everConnected) {
            reconnects.incrementAndGet();
        }
        everConnected |= now;
        connected = now;
        since = Instant.now();
        return true;
    }

    public void taken(int events) {
        taken.addAndGet(events);
    }

    /** An event the door would not take (counted, logged by the connector, and skipped). */
    public void refused(String error) {
        refused.incrementAndGet();
        lastError = error;
    }

    /**
     * Whether the connector holds its source back because ingest has no room (it refused, or the event waits for room);
     * each start of a hold is counted.
     */
    public void paused(boolean now) {
        if (now && !paused) {
            holds.incrementAndGet();
        }
        paused = now;
    }

    public void error(String error) {
        lastError = error;
    }

    public View view() {
        return new View(name, kind, target, connected, since, taken.get(), reconnects.get(), refused.get(), paused,
                holds.get(), lastError);
    }
}
