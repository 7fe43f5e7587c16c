package dev.inorder.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.InOrderConfig;
import dev.inorder.ingest.EventResource;
import dev.inorder.ingest.Rejections;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * API keys, when configured, denying by default: every path needs a key unless it is public by design ({@link #PUBLIC}:
 * the health checks, and the live page's static files, which hold no data). Writes (any method but GET and HEAD) need
 * {@code inorder.api-key}; reads need {@code inorder.read-api-key} or the write key (open when no read key is set).
 * A path is public only when spelled exactly as listed: any other spelling ({@code ;params}, encoded characters, dot
 * segments, another case) needs a key, so no spelling reaches an endpoint that another spelling protects, and a new
 * endpoint is protected without editing anything. A key goes in {@code X-Api-Key} or {@code Authorization: Bearer}
 * (reads also take {@code ?apiKey=}, for browsers' EventSource, which cannot set headers). Checked before the body is
 * read, compared in constant time by SHA-256 digest. With no key configured nothing is installed: it costs nothing.
 */
@ApplicationScoped
public class ApiKeyFilter {

    /**
     * Public by design: health (for orchestrators and load balancers) and the page's files (the page reads the API with
     * the read key it is opened with). Metrics and OpenAPI are not public: they need the read key.
     */
    static final Set<String> PUBLIC = Set.of("/", "/index.html", "/app.js", "/style.css", "/favicon.ico", "/q/health",
            "/q/health/live", "/q/health/ready", "/q/health/started");

    /** Set on a request whose sender key named its sender (so {@code X-Source-Id} is the key's, not the client's). */
    static final String SENDER_KEYED = "inorder.sender-keyed";

    @Inject
    InOrderConfig config;

    @Inject
    Rejections rejections;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        if (configured()) {
            router.route().order(Integer.MIN_VALUE).handler(ctx -> check(ctx, true));
        }
    }

    /**
     * Puts the check in front of every route of another port's router (the overlay feed's), where no path is public:
     * there every path is the feed.
     */
    public void protectEveryPath(Router router) {
        if (configured()) {
            router.route().order(Integer.MIN_VALUE).handler(ctx -> check(ctx, false));
        }
    }

    private boolean configured() {
        return config.apiKey().isPresent() || config.readApiKey().isPresent() || !config.senders().isEmpty();
    }

    /** Whether the raw path (as the client sent it, without the query) is public; any unusual spelling is not. */
    static boolean isPublic(String rawPath) {
        return rawPath != null && PUBLIC.contains(rawPath);
    }

    private void check(RoutingContext ctx, boolean publicPaths) {
        if (publicPaths && isPublic(ctx.request().path()) && (ctx.request().method() == HttpMethod.GET
                || ctx.request().method() == HttpMethod.HEAD)) {
            ctx.next();
            return;
        }
        boolean read = ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD;
        Optional<String> required = read ? config.readApiKey() : config.apiKey();
        String presented = presented(ctx, read);
        String sender = presented == null ? null : senderOf(presented);
        if (sender != null) {
            // The key decides who speaks: whatever X-Source-Id the request carried, it is this sender's.
            ctx.request().headers().set(EventResource.SOURCE_HEADER, sender);
            ctx.put(SENDER_KEYED, true);
            ctx.next();
            return;
        }
        if (!read && required.isEmpty() && !config.senders().isEmpty()) {
            required = Optional.of(""); // sender keys configured and no write key: writes need a sender key
        }
        if (required.isEmpty() || presented != null && !required.get().isEmpty() && (matches(presented, required.get())
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

    /** The sender whose key this is, or {@code null}; every key is compared, in constant time. */
    private String senderOf(String presented) {
        String found = null;
        for (var sender : config.senders().entrySet()) {
            if (matches(presented, sender.getValue().key())) {
                found = sender.getKey();
            }
        }
        return found;
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
