package dev.inorder.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.InOrderConfig;
import dev.inorder.ingest.Rejections;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * API keys, when configured: writes ({@code POST /events}) need {@code inorder.api-key}; reads of the API need
 * {@code inorder.read-api-key} or the write key. A key goes in {@code X-Api-Key} or {@code Authorization: Bearer}
 * (reads also take {@code ?apiKey=}, for browsers' EventSource, which cannot set headers). Checked before the body is
 * read, compared in constant time by SHA-256 digest. With no key configured nothing is installed: it costs nothing.
 */
@ApplicationScoped
public class ApiKeyFilter {

    /** The paths of the API; {@code /q/*} (health, metrics, OpenAPI) and the page stay open. */
    static final String API_PATHS = "^/(events|queue|matches|players|live|dead-letters)(/.*)?$";

    @Inject
    InOrderConfig config;

    @Inject
    Rejections rejections;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        if (config.apiKey().isEmpty() && config.readApiKey().isEmpty()) {
            return;
        }
        router.routeWithRegex(API_PATHS).order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        boolean read = ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD;
        Optional<String> required = read ? config.readApiKey() : config.apiKey();
        String presented = presented(ctx, read);
        if (required.isEmpty() || presented != null && (matches(presented, required.get())
                || read && config.apiKey().map(writeKey -> matches(presented, writeKey)).orElse(false))) {
            ctx.next();
            return;
        }
        String detail = presented == null ? "This needs an API key in X-Api-Key or Authorization: Bearer."
                : "The API key is wrong.";
        if (!read) {
            rejections.count("unauthorized", 401, detail);
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        RouteErrors.end(ctx, 401, new ApiError("unauthorized", detail), mapper);
    }

    private static String presented(RoutingContext ctx, boolean read) {
        String key = ctx.request().getHeader("X-Api-Key");
        if (key != null) {
            return key;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return read ? ctx.request().getParam("apiKey") : null;
    }

    static boolean matches(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
