package dev.inorder.ingest;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;
import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code POST /events}: parse, hand over to the queue, answer 202 with the offsets. It runs on the HTTP event loop and
 * never waits for processing.
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    /** The sender when a request names none in {@code X-Source-Id}. */
    public static final String ANONYMOUS = "anonymous";

    @Inject
    EventParser parser;

    @Inject
    IngestQueue queue;

    @Inject
    Rejections rejections;

    @POST
    @NonBlocking
    public RestResponse<IngestQueue.Accepted> post(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("X-Source-Id") String sourceId, byte[] body) {
        var events = parser.parse(contentType, body);
        String source = sourceId == null || sourceId.isBlank() ? ANONYMOUS : sourceId.strip();
        return RestResponse.status(RestResponse.Status.ACCEPTED, queue.offer(source, events));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> refused(ApiException e) {
        rejections.count(e.error(), e.status(), e.getMessage());
        return e.toResponse();
    }
}
