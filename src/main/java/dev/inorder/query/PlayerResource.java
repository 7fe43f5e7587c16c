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
                .orElseThrow(() -> new ApiException(404, "unknown_player", "No player " + id + " is stored."));
    }
}
