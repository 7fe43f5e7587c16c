package dev.inorder.status;

import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.inorder.InOrderConfig;
import dev.inorder.ingest.Ingest;
import dev.inorder.processing.EventHandler;
import dev.inorder.processing.OrderedProcessor;
import io.smallrye.common.annotation.NonBlocking;

/** {@code GET /queue}: how far ingest and processing are. */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    @Inject
    Ingest queue;

    @Inject
    OrderedProcessor processor;

    @Inject
    EventHandler handler;

    @Inject
    InOrderConfig config;

    @GET
    @NonBlocking
    @Operation(summary = "How far ingest and processing are", description = "depth counts the chunk being processed; "
            + "rejected counts refused requests; orderBreaches is 0 unless ordering broke. The counts add up: accepted = "
            + "processed + depth, processed = applied + stale + duplicates + replayed + afterEnd + seqJumps + foreign + deadLettered.")
    public QueueStatus status() {
        // Read the consumer's books first and the queue's last, so that a count read later is never behind one read earlier.
        long processed = processor.processed();
        long deadLettered = processor.deadLettered();
        var counts = handler.counts();
        return new QueueStatus(config.transport().name().toLowerCase(Locale.ROOT), queue.capacity(), queue.depth(),
                queue.bytes(), config.queue().maxBytes().asLongValue(), queue.accepted(), processed, counts.applied(),
                queue.rejected(), queue.waited(), deadLettered, queue.lastOffset(), processor.lastProcessedOffset(),
                processor.orderBreaches(), counts.stale(), counts.duplicates(), counts.replayed(), counts.afterEnd(),
                counts.seqJumps(), counts.foreign(), processor.retries(),
                processor.stalled() == null);
    }
}
