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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;

/** A player's career, by {@code PrimaryId} (URL-encoded: {@code Steam|7656…|0} is {@code Steam%7C7656…%7C0}). */
@Path("/players")
@Produces(MediaType.APPLICATION_JSON)
public class PlayerResource {

    @Inject
    MatchQueries queries;

    @GET
    @Path("/{id}")
    @Operation(summary = "A player's career totals over ended matches and the matches played", description = "Paged like /matches.")
    @APIResponse(responseCode = "404", description = "unknown_player", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PlayerView player(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return queries.player(id, Paging.limit(limit, 50), Paging.cursor(cursor))
                .orElseThrow(() -> unknown(id));
    }

    @GET
    @Path("/{id}")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Every match a player was in, with their line, as CSV", description = "Accept: text/csv, or ?format=csv.")
    public Response playerCsv(@PathParam("id") String id) {
        if (!queries.knowsPlayer(id)) {
            throw unknown(id);
        }
        return Csv.of("player.csv", List.of("guid", "arena", "state", "team_num", "winner_team_num", "score", "goals",
                "shots", "assists", "saves", "updated_at", "last_offset"),
                (PlayerView.PlayedMatch m) -> Arrays.asList(m.guid(), m.arena(), m.state(), m.teamNum(), m.winnerTeamNum(),
                        m.score(), m.goals(), m.shots(), m.assists(), m.saves(), m.updatedAt(), m.lastOffset()),
                each -> queries.eachPlayedMatch(id, each));
    }

    private static ApiException unknown(String id) {
        return new ApiException(404, "unknown_player", "No player " + id + " is stored.");
    }
}
