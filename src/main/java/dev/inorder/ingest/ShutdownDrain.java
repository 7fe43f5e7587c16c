package dev.inorder.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.inorder.InOrderConfig;
import io.quarkus.runtime.ShutdownEvent;

/** On a clean stop: refuse new events, let the accepted ones be processed (up to the drain timeout), say what was left. */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    @Inject
    Ingest queue;

    @Inject
    InOrderConfig config;

    void onStop(@Observes ShutdownEvent event) {
        drain();
    }

    /** Closes ingest and waits for the queue to empty; returns what was drained and what was left. */
    public Ingest.DrainResult drain() {
        queue.close();
        int depth = queue.depth();
        LOG.infof("Stopping: ingest closed, draining %d queued events (at most %s)", depth, config.shutdown().drainTimeout());
        try {
            var result = queue.awaitDrained(config.shutdown().drainTimeout());
            if (result.left() == 0) {
                LOG.infof("Drained %d events; nothing left (last accepted offset %d)", result.drained(), queue.lastOffset());
            } else {
                LOG.warnf("Drain timed out: %d events processed, %d accepted events left unprocessed (offsets up to %d)",
                        result.drained(), result.left(), queue.lastOffset());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warnf("Drain interrupted with %d events left", queue.depth());
            return new Ingest.DrainResult(0, queue.depth());
        }
    }
}
