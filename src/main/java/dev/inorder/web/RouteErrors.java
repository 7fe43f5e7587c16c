package dev.inorder.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Ends a Vert.x route with an {@link ApiError}, for the checks that answer before Quarkus REST is reached. */
public final class RouteErrors {

    private RouteErrors() {
    }

    /** Answers {@code status} with {@code error} as JSON; the caller adds any other header first. */
    public static void end(RoutingContext ctx, int status, ApiError error, ObjectMapper mapper) {
        String body;
        try {
            body = mapper.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An ApiError is always writable", e);
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
