package dev.inorder.web;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * A request the service refuses, with the status and JSON error to answer. It carries no stack trace: under a flood
 * of 503s, building one per refusal would cost more than the refusal itself.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    public ApiException(int status, String error, String detail, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public RestResponse<ApiError> toResponse() {
        var response = new ApiError(error, getMessage()).withStatus(status);
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }
}
