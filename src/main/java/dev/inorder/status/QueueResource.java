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
import dev.inorder.match.MatchBook;
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
    MatchBook book;

    @Inject
    InOrderConfig config;

    @GET
    @NonBlocking
    @Operation(summary = "How far ingest and processing are", description = "depth counts the chunk being processed; "
            + "rejected counts refused requests; orderBreaches is 0 unless ordering broke.")
    public QueueStatus status() {
        return new QueueStatus(config.transport().name().toLowerCase(Locale.ROOT), queue.capacity(), queue.depth(),
                queue.accepted(), processor.processed(), queue.rejected(), processor.failed() + queue.lost(),
                queue.lastOffset(), processor.lastProcessedOffset(), processor.orderBreaches(), book.stale(),
                book.duplicates(), book.replayed(), processor.retries());
    }
}
