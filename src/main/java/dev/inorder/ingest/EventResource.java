package dev.inorder.ingest;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /events}: parse, hand over to {@link Ingest}, answer 202 with the offsets. It runs on the HTTP event loop
 * and never waits for processing: in memory the answer comes at once when the queue has room (when it is full, once
 * the consumer has freed room, up to {@code inorder.queue.max-wait}), on Kafka when the broker acknowledged.
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    /** The sender when a request names none in {@code X-Source-Id}. */
    public static final String ANONYMOUS = "anonymous";

    /** The header that names the sender; with sender keys configured, the key decides it. */
    public static final String SOURCE_HEADER = "X-Source-Id";

    @Inject
    EventParser parser;

    @Inject
    Ingest ingest;

    @Inject
    Rejections rejections;

    @Inject
    SeqWatch seqWatch;

    @POST
    @NonBlocking
    @Operation(summary = "Accept events", description = "One Stats API envelope {\"Event\", \"Data\", \"Seq\"?}, a JSON "
            + "array of them, or NDJSON. Data may be an object or a string holding JSON. Answers at once (when the queue is "
            + "full, once there is room, up to inorder.queue.max-wait); events are applied later, one at a time, in "
            + "offset order. A request is taken whole or not at all.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)),
            @Content(mediaType = EventParser.NDJSON, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "202", description = "Accepted: the first event's log and offset, and how many",
            content = @Content(schema = @Schema(implementation = Ingest.Accepted.class)))
    @APIResponse(responseCode = "400", description = "invalid_json, invalid_event, seq_jump (a Seq more than 1,000,000 "
            + "ahead of the sender's last in the match), empty_body or empty_batch: nothing taken",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "unauthorized: inorder.api-key is set and the key is missing or wrong",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "body_too_large or batch_too_large: nothing taken",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "unsupported_media_type: not JSON or NDJSON",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "queue_full (Retry-After: 1), store_unavailable (Retry-After: 2) "
            + "or draining (Retry-After: 5): nothing taken; broker_unavailable (Kafka, Retry-After: 1): send again, the Seq guard drops what did arrive",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public CompletionStage<RestResponse<Ingest.Accepted>> post(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(SOURCE_HEADER) String sourceId, byte[] body) {
        Refused early = ingest.refusalBefore(body.length);
        if (early != null) {
            return CompletableFuture.failedFuture(early); // a full queue: no need to parse what it cannot take
        }
        var events = parser.parse(contentType, body);
        String source = sourceId == null || sourceId.isBlank() ? ANONYMOUS : sourceId.strip();
        EventLimits.checkSource(source);
        SeqWatch.Seen seen = seqWatch.check(source, events);
        return ingest.append(source, events, body.length) // a refusal reaches refused() below, unwrapped by Quarkus REST
                .thenApply(accepted -> {
                    seqWatch.accepted(seen);
                    return RestResponse.status(RestResponse.Status.ACCEPTED, accepted);
                });
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(ApiException e) {
        rejections.count(e.error(), e.status(), e.getMessage());
        return e.toResponse();
    }

    /**
     * The body could not be read whole: over {@code inorder.max-body-size} as it streamed (no Content-Length), where
     * the HTTP layer has already answered 413 and closes the connection; or the client went away. Not a server fault.
     */
    @ServerExceptionMapper
    public RestResponse<ApiError> unreadable(IOException e, HttpServerRequest request) {
        if (request.response().ended() && request.response().getStatusCode() == 413) {
            rejections.count(Invalid.Reason.BODY_TOO_LARGE.code(), 413, "a body without Content-Length went over the limit as it streamed");
            return RestResponse.status(413); // already sent: nothing more is written
        }
        return invalid(new ApiException(400, "unreadable_body", "The body could not be read whole: " + e.getMessage()));
    }

    /** Input ingest will not take: 400, 413 or 415, nothing taken. */
    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(Invalid e) {
        return invalid(badRequest(e));
    }

    /** What HTTP answers to input ingest will not take: the status its reason calls for, the reason as the error code. */
    public static ApiException badRequest(Invalid e) {
        int status = switch (e.reason()) {
            case BODY_TOO_LARGE, BATCH_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            default -> 400;
        };
        return new ApiException(status, e.reason().code(), e.getMessage());
    }

    /** Ingest had no room, is stopping, or its store or broker does not answer: 503 with when to try again. */
    @ServerExceptionMapper
    public RestResponse<ApiError> refused(Refused e) {
        return invalid(unavailable(e));
    }

    /** What HTTP answers to ingest's refusal: 503, its reason as the error code, and when to try again. */
    public static ApiException unavailable(Refused e) {
        return new ApiException(503, e.reason().code(), e.getMessage(), e.retryAfterSeconds());
    }
}
