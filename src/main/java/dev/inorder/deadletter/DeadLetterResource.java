package dev.inorder.deadletter;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.ingest.EventParser;
import dev.inorder.ingest.EventResource;
import dev.inorder.ingest.Invalid;
import dev.inorder.ingest.Ingest;
import dev.inorder.ingest.Refused;
import dev.inorder.match.MatchProcessor;
import dev.inorder.query.Page;
import dev.inorder.query.Paging;
import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * {@code /dead-letters}: the accepted events that could not be applied, and a way to apply one again after a fix.
 * Blocking JDBC: runs on the default worker pool.
 */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    DeadLetterStore store;

    @Inject
    EventParser parser;

    @Inject
    Ingest ingest;

    @GET
    @Operation(summary = "Events that could not be applied, oldest first", description = "Paged: pass nextCursor back as "
            + "cursor. limit 1-200. Each holds the event as accepted, its log and offset, its sender and the error.")
    @APIResponse(responseCode = "400", description = "invalid_limit or invalid_cursor",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Page<DeadLetter> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return stored(() -> store.list(Paging.limit(limit, 50), Paging.cursor(cursor)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter")
    @APIResponse(responseCode = "404", description = "unknown_dead_letter",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DeadLetter one(@PathParam("id") String id) {
        long number = id(id);
        return stored(() -> store.find(number)).orElseThrow(() -> unknown(id));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Apply a dead letter again", description = "Hands the event, as accepted, to ingest again under "
            + "its sender: it gets a new offset and goes through the same checks and guards as any event. A timeline event "
            + "is sent without its Seq (it was never applied, so it is no duplicate); an UpdateState or clock event keeps "
            + "it, and is skipped as stale if its sender sent newer state since. A dead letter is retried once.")
    @APIResponse(responseCode = "202", description = "Accepted again: the new log and offset",
            content = @Content(schema = @Schema(implementation = Ingest.Accepted.class)))
    @APIResponse(responseCode = "404", description = "unknown_dead_letter",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "already_retried",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RestResponse<Ingest.Accepted> retry(@PathParam("id") String id) {
        long number = id(id);
        DeadLetter letter = stored(() -> store.find(number)).orElseThrow(() -> unknown(id));
        if (!stored(() -> store.claim(number))) {
            throw new ApiException(409, "already_retried", "Dead letter " + id + " was retried already (offset "
                    + letter.retryOffset() + ").");
        }
        try {
            var copy = letter.envelope().deepCopy();
            if (copy instanceof ObjectNode object && !MatchProcessor.isState(letter.event())) {
                // A timeline event was never applied, so it cannot be a duplicate: its old Seq would only make the
                // guard skip it as stale. A state snapshot keeps its Seq: it must not overwrite newer state.
                object.remove("Seq");
            }
            byte[] envelope = copy.toString().getBytes(StandardCharsets.UTF_8);
            var events = parser.parse(MediaType.APPLICATION_JSON, envelope);
            var accepted = Uni.createFrom().completionStage(ingest.append(letter.source(), events, envelope.length))
                    .await().indefinitely(); // a refusal thrown as itself
            stored(() -> {
                store.retried(number, accepted.offset(), System.currentTimeMillis());
                return null;
            });
            return RestResponse.status(RestResponse.Status.ACCEPTED, accepted);
        } catch (Invalid | Refused e) {
            stored(() -> {
                store.unclaim(number);
                return null;
            });
            throw e instanceof Refused refused ? EventResource.unavailable(refused) : EventResource.badRequest((Invalid) e);
        }
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T stored(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new ApiException(503, "store_unavailable", "The store did not answer: " + e.getMessage(), 2);
        }
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw unknown(id);
        }
    }

    private static ApiException unknown(String id) {
        return new ApiException(404, "unknown_dead_letter", "No dead letter " + id + " is stored.");
    }
}
