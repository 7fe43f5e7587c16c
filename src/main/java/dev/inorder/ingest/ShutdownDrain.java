package dev.inorder.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.inorder.InOrderConfig;
import dev.inorder.processing.OrderedProcessor;
import io.quarkus.runtime.ShutdownEvent;

/** On a clean stop: refuse new events, let the accepted ones be processed (up to the drain timeout), say what was left. */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    @Inject
    Ingest queue;

    @Inject
    InOrderConfig config;

    @Inject
    OrderedProcessor processor;

    void onStop(@Observes ShutdownEvent event) {
        drain();
    }

    /**
     * Closes ingest and waits for the queue to empty, then gives back the offsets reserved ahead; returns what was
     * drained and what was left. Runs before SmallRye closes the consumer's pool (that comes with the destruction of
     * the application scope, after this event).
     */
    public Ingest.DrainResult drain() {
        queue.close();
        int depth = queue.depth();
        LOG.infof("Stopping: ingest closed, draining %d queued events (at most %s)", depth, config.shutdown().drainTimeout());
        Ingest.DrainResult result;
        try {
            result = queue.awaitDrained(config.shutdown().drainTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Ingest.DrainResult(0, queue.depth());
        }
        if (result.left() == 0) {
            LOG.infof("Drained %d events; nothing left (last accepted offset %d)", result.drained(), queue.lastOffset());
        } else {
            processor.stop(); // a consumer waiting for the store gives up, so the stop can go on
            LOG.warnf("Drain gave up after %s: %d events drained, %d accepted events left unapplied (offsets up to %d): "
                    + "in memory they are lost with this process; on Kafka the next start reads them again",
                    config.shutdown().drainTimeout(), result.drained(), result.left(), queue.lastOffset());
        }
        queue.releaseReservation();
        return result;
    }
}
