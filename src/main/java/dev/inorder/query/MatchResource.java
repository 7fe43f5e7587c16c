package dev.inorder.query;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;

/** The matches the store holds. Blocking JDBC: runs on the default worker pool, never the consumer's. */
@Path("/matches")
@Produces(MediaType.APPLICATION_JSON)
public class MatchResource {

    @Inject
    MatchQueries queries;

    @GET
    @Operation(summary = "Matches, most recent first", description = "Paged: pass nextCursor back as cursor. limit 1-200.")
    @APIResponse(responseCode = "400", description = "invalid_limit or invalid_cursor", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Page<MatchSummary> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.matches(Paging.limit(limit, 50), Paging.cursor(cursor));
    }

    @GET
    @Path("/{guid}")
    @Operation(summary = "A match's current state with every player's line")
    @APIResponse(responseCode = "404", description = "unknown_match", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MatchView match(@PathParam("guid") String guid) {
        return queries.match(guid).map(MatchView::of).orElseThrow(() -> unknown(guid));
    }

    @GET
    @Path("/{guid}/timeline")
    @Operation(summary = "A match's discrete events in applied order, with offsets", description = "Paged like /matches.")
    @APIResponse(responseCode = "404", description = "unknown_match", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Page<TimelineItem> timeline(@PathParam("guid") String guid, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var page = queries.timeline(guid, Paging.limit(limit, 50), Paging.cursor(cursor));
        if (page.items().isEmpty() && cursor == null && queries.match(guid).isEmpty()) {
            throw unknown(guid);
        }
        return page;
    }

    private static ApiException unknown(String guid) {
        return new ApiException(404, "unknown_match", "No match " + guid + " is stored.");
    }
}
