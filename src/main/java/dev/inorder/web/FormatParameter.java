package dev.inorder.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code ?format=csv} (or {@code json}) on a read that offers CSV, for links and spreadsheets that cannot set
 * {@code Accept}: taken as that {@code Accept} before Quarkus REST chooses the method, so each resource offers its forms
 * once, by media type. Any other format is a 400. A route on the exports' paths ({@link #EXPORTS}), not a pre-matching
 * Quarkus REST filter: such a filter runs on every request, {@code POST /events} included, and starts its request scope
 * (a measurable part of a small event's cost, bench/README.md); a route whose path does not match costs a comparison.
 */
@ApplicationScoped
public class FormatParameter {

    /** The reads that offer CSV (README, "Exports: CSV"); a new CSV export adds its path here. */
    static final List<String> EXPORTS = List.of("/matches*", "/players/*", "/leaderboards");

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        for (String path : EXPORTS) {
            // After the key check and the clients' limits (their orders are MIN_VALUE to MIN_VALUE + 2).
            router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).order(Integer.MIN_VALUE + 3).handler(this::format);
        }
    }

    private void format(RoutingContext ctx) {
        String query = ctx.request().query();
        List<String> formats = query == null || !query.contains("format=") ? List.of() : ctx.queryParam("format");
        if (formats.isEmpty() || formats.get(0).isEmpty()) {
            ctx.next();
            return;
        }
        String accept = switch (formats.get(0)) {
            case "csv" -> "text/csv";
            case "json" -> MediaType.APPLICATION_JSON;
            default -> null;
        };
        if (accept == null) {
            RouteErrors.end(ctx, 400, new ApiError("invalid_format", "format must be csv or json."), mapper);
            return;
        }
        ctx.request().headers().set(HttpHeaders.ACCEPT, accept);
        ctx.next();
    }
}
