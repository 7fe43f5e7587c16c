package dev.inorder.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.inorder.InOrderConfig;
import dev.inorder.ingest.Rejections;

/**
 * API keys, when configured: writes need {@code inorder.api-key}, reads need {@code inorder.read-api-key} (or the
 * write key). Runs before the body is read. Keys are compared in constant time, by their SHA-256 digests.
 */
public class ApiKeyFilter {

    @Inject
    Keys keys;

    @ServerRequestFilter
    public RestResponse<ApiError> check(ContainerRequestContext request) {
        return keys.check(request);
    }

    /** The check itself, in an application-scoped bean: filters are built before runtime configuration exists. */
    @ApplicationScoped
    static class Keys {

    @Inject
    InOrderConfig config;

    @Inject
    Rejections rejections;

    RestResponse<ApiError> check(ContainerRequestContext request) {
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        Optional<String> required = read ? config.readApiKey() : config.apiKey();
        if (required.isEmpty()) {
            return null;
        }
        String presented = presented(request);
        if (presented != null && (matches(presented, required.get())
                || read && config.apiKey().map(writeKey -> matches(presented, writeKey)).orElse(false))) {
            return null;
        }
        String detail = presented == null ? "This needs an API key in X-Api-Key or Authorization: Bearer."
                : "The API key is wrong.";
        if (!read) {
            rejections.count("unauthorized", 401, detail);
        }
        return new ApiError("unauthorized", detail).withStatus(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
    }

    private static String presented(ContainerRequestContext request) {
        String key = request.getHeaderString("X-Api-Key");
        if (key != null) {
            return key;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
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
