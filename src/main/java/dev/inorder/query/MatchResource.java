package dev.inorder.query;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.inorder.web.ApiException;

/** The matches the store holds. Blocking JDBC: runs on the default worker pool, never the consumer's. */
@Path("/matches")
@Produces(MediaType.APPLICATION_JSON)
public class MatchResource {

    @Inject
    MatchQueries queries;

    @GET
    public Page<MatchSummary> list(@QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        return queries.matches(Paging.limit(limit), Paging.cursor(cursor));
    }

    @GET
    @Path("/{guid}")
    public MatchView match(@PathParam("guid") String guid) {
        return queries.match(guid).map(MatchView::of).orElseThrow(() -> unknown(guid));
    }

    @GET
    @Path("/{guid}/timeline")
    public Page<TimelineItem> timeline(@PathParam("guid") String guid, @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("cursor") String cursor) {
        var page = queries.timeline(guid, Paging.limit(limit), Paging.cursor(cursor));
        if (page.items().isEmpty() && cursor == null && queries.match(guid).isEmpty()) {
            throw unknown(guid);
        }
        return page;
    }

    private static ApiException unknown(String guid) {
        return new ApiException(404, "unknown_match", "No match " + guid + " is stored.");
    }
}
