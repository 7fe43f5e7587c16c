package dev.inorder.status;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.inorder.ingest.Source;
import dev.inorder.ingest.Sources;
import io.smallrye.common.annotation.NonBlocking;

/** {@code GET /sources}: the connectors that read from elsewhere (the game's Stats API, an MQTT broker). */
@Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourcesResource {

    @Inject
    Sources sources;

    @GET
    @NonBlocking
    @Operation(summary = "Where data comes from", description = "Each connector: its sender id, kind (statsapi, mqtt), "
            + "target, connected or not and since when, events taken, reconnects, envelopes refused at the door, whether it "
            + "holds its source back because the queue is full, and the last error. POST /events senders are not listed.")
    public List<Source.View> sources() {
        return sources.views();
    }
}
