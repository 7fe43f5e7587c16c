package dev.inorder.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;

/** Players ranked by a stat over ended matches. Blocking JDBC on the worker pool, like the other reads. */
@Path("/leaderboards")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {

    @Inject
    MatchQueries queries;

    @GET
    @Operation(summary = "Players ranked by a stat over ended matches, highest first", description = "stat: goals, "
            + "assists, saves, shots, demos, score, wins, matches, mvps or demosTaken (default goals). since: an instant "
            + "(2026-11-01T18:00:00Z) or a day (2026-11-01, UTC): only matches first seen then or later. Paged: pass "
            + "nextCursor back as cursor; limit 1-200. Accept: text/csv or ?format=csv for the whole board as CSV.")
    @APIResponse(responseCode = "400", description = "invalid_stat, invalid_since, invalid_limit or invalid_cursor",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Leaderboard leaderboard(@QueryParam("stat") String stat, @QueryParam("since") String since,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.leaderboard(stat(stat), since(since), Paging.limit(limit, 50), Paging.cursor(cursor));
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "A whole leaderboard as CSV", description = "The parameters of the JSON form, without paging.")
    public Response leaderboardCsv(@QueryParam("stat") String stat, @QueryParam("since") String since) {
        String s = stat(stat);
        Instant from = since(since);
        return Csv.of("leaderboard-" + s + ".csv", List.of("rank", "player_id", "name", s, "matches"),
                (Leaderboard.Leader l) -> Arrays.asList(l.rank(), l.playerId(), l.name(), l.value(), l.matches()),
                each -> queries.eachLeader(s, from, each));
    }

    private static String stat(String stat) {
        if (stat == null || stat.isEmpty()) {
            return "goals";
        }
        if (!MatchQueries.STATS.containsKey(stat)) {
            throw new ApiException(400, "invalid_stat", "stat must be one of " + String.join(", ",
                    new TreeSet<>(MatchQueries.STATS.keySet())) + ".");
        }
        return stat;
    }

    private static Instant since(String since) {
        if (since == null || since.isEmpty()) {
            return null;
        }
        try {
            return since.length() == 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_since", "since must be an instant (2026-11-01T18:00:00Z) or a day (2026-11-01).");
        }
    }
}
