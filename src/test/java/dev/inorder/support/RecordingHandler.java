package dev.inorder.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.inorder.AcceptedEvent;
import dev.inorder.processing.EventHandler;

/**
 * A handler for order tests: it takes a random 0-9 ms per event, records every event it applied and the most calls
 * it ever saw in flight at once. Enabled only by the test profiles that name it.
 */
@Alternative
@ApplicationScoped
public class RecordingHandler implements EventHandler {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<AcceptedEvent> applied = new ArrayList<>();

    @Override
    public void apply(AcceptedEvent event) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(10));
            synchronized (applied) {
                applied.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public List<AcceptedEvent> applied() {
        synchronized (applied) {
            return List.copyOf(applied);
        }
    }

    public List<Long> appliedOffsets() {
        return applied().stream().map(AcceptedEvent::offset).toList();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void reset() {
        synchronized (applied) {
            applied.clear();
        }
        maxInFlight.set(0);
    }
}
