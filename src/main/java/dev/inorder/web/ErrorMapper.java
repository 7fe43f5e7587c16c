package dev.inorder.web;

import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into a JSON {@link ApiError}; nothing of a stack trace reaches a client. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public RestResponse<ApiError> refused(ApiException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String code = reason == null ? "http_" + status : reason.toLowerCase().replace(' ', '_');
        return new ApiError(code, e.getMessage()).withStatus(status).build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(Exception e) {
        LOG.error("Unexpected failure answering a request", e);
        return new ApiError("internal_error", "The server failed; see its log.").withStatus(500).build();
    }
}
