package dev.inorder.query;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.inorder.match.Team;
import dev.inorder.series.SeriesBook;
import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;

/** The matches the store holds. Blocking JDBC: runs on the default worker pool, never the consumer's. */
@Path("/matches")
@Produces(MediaType.APPLICATION_JSON)
public class MatchResource {

    @Inject
    MatchQueries queries;

    @Inject
    SeriesBook series;

    @GET
    @Operation(summary = "Matches, most recent first", description = "Paged: pass nextCursor back as cursor. limit 1-200.")
    @APIResponse(responseCode = "400", description = "invalid_limit or invalid_cursor", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Page<MatchSummary> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.matches(Paging.limit(limit, 50), Paging.cursor(cursor));
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Every match as CSV, most recent first", description = "Accept: text/csv, or ?format=csv. Streamed.")
    public Response listCsv() {
        return Csv.of("matches.csv", List.of("guid", "offline", "source", "arena", "state", "team0_name", "team0_score",
                "team1_name", "team1_score", "updated_at", "last_offset"), m -> Arrays.asList(m.guid(), m.offline(),
                        m.source(), m.arena(), m.state(), team(m.teams(), 0, Team::name), team(m.teams(), 0, Team::score),
                        team(m.teams(), 1, Team::name), team(m.teams(), 1, Team::score), m.updatedAt(), m.lastOffset()),
                queries::eachMatch);
    }

    private static Object team(List<Team> teams, int teamNum, Function<Team, Object> field) {
        return teams.stream().filter(t -> t.teamNum() == teamNum).findFirst().map(field).orElse(null);
    }

    @GET
    @Path("/{guid}")
    @Operation(summary = "A match's current state with every player's line")
    @APIResponse(responseCode = "404", description = "unknown_match", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MatchView match(@PathParam("guid") String guid) {
        return queries.match(guid).map(m -> MatchView.of(m, series.of(m))).orElseThrow(() -> unknown(guid));
    }

    @GET
    @Path("/{guid}/timeline")
    @Operation(summary = "A match's discrete events in applied order, with offsets", description = "Paged like /matches. "
            + "order=desc: newest first (a ticker's last events).")
    @APIResponse(responseCode = "404", description = "unknown_match", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "400", description = "invalid_limit, invalid_cursor or invalid_order", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Page<TimelineItem> timeline(@PathParam("guid") String guid, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @QueryParam("order") String order) {
        var page = queries.timeline(guid, Paging.limit(limit, 50), Paging.cursor(cursor), Paging.newestFirst(order));
        if (page.items().isEmpty() && cursor == null && queries.match(guid).isEmpty()) {
            throw unknown(guid);
        }
        return page;
    }

    @GET
    @Path("/{guid}/timeline")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "A match's whole timeline as CSV", description = "Accept: text/csv, or ?format=csv. The data column is the event's JSON.")
    public Response timelineCsv(@PathParam("guid") String guid) {
        if (queries.match(guid).isEmpty()) {
            throw unknown(guid);
        }
        return Csv.of("timeline.csv", List.of("offset", "event", "accepted_at", "data"),
                (TimelineItem t) -> Arrays.asList(t.offset(), t.event(), t.acceptedAt(), t.data() == null ? null : t.data().toString()),
                each -> queries.eachTimelineItem(guid, each));
    }

    private static ApiException unknown(String guid) {
        return new ApiException(404, "unknown_match", "No match " + guid + " is stored.");
    }
}
