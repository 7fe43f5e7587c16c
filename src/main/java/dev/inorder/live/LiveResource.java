package dev.inorder.live;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.inorder.web.ApiException;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;

/** {@code GET /live}: Server-Sent Events of every applied change, and a queue tick each second. */
@Path("/live")
public class LiveResource {

    @Inject
    LiveFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Operation(summary = "Live changes", description = "Each SSE data is a JSON LiveMessage: type match (state after "
            + "events were applied), event (goal, statfeed, match ended…) or queue (status, each second). "
            + "?match=GUID keeps one match's messages and the queue ticks. A client that stops reading is disconnected once "
            + "256 messages wait for it.")
    public Multi<String> live(@QueryParam("match") String match, @Context HttpServerRequest request) {
        try {
            // The feed writes each message as JSON once for all clients: the text goes out as it is.
            return feed.subscribe(match == null || match.isBlank() ? null : match, () -> request.connection().close());
        } catch (LiveFeed.Full e) {
            throw new ApiException(503, "too_many_clients", e.getMessage(), 5);
        }
    }
}
