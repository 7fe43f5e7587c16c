package dev.inorder.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.InOrderConfig;
import dev.inorder.ingest.EventResource;
import dev.inorder.ingest.Rejections;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-client request limit, when {@code inorder.clients.max-requests-per-second} is set: a token bucket per client
 * (the sender a sender key named, else the remote address, which honours {@code X-Forwarded-For} when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is on), refilled at that rate and holding twice as many, so that
 * one client flooding requests cannot take the queue and the event loop from the others. Beyond: {@code 429
 * too_many_requests} with {@code Retry-After: 1}, before the body is read. Health checks are never limited. The
 * {@value #MAX_TRACKED} clients seen most recently are tracked; a client forgotten starts with a full bucket.
 */
@ApplicationScoped
public class ClientLimits {

    static final int MAX_TRACKED = 10_000;

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    @Inject
    InOrderConfig config;

    @Inject
    Rejections rejections;

    @Inject
    ObjectMapper mapper;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    void install(@Observes Router router) {
        double rate = config.clients().maxRequestsPerSecond();
        if (rate <= 0) {
            return;
        }
        // After the key check, which decides the sender.
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> limit(ctx, rate));
    }

    private void limit(RoutingContext ctx, double rate) {
        String path = ctx.request().path();
        if (path != null && path.startsWith("/q/health") || take(client(ctx), rate, System.nanoTime())) {
            ctx.next();
            return;
        }
        rejections.count("too_many_requests", 429, "a client went over inorder.clients.max-requests-per-second");
        ctx.response().putHeader("Retry-After", "1");
        RouteErrors.end(ctx, 429, new ApiError("too_many_requests", "This client sends more than " + rate
                + " requests per second (inorder.clients.max-requests-per-second); slow down or batch events."), mapper);
    }

    private static String client(RoutingContext ctx) {
        String sender = ctx.request().getHeader(EventResource.SOURCE_HEADER);
        boolean named = sender != null && Boolean.TRUE.equals(ctx.get(ApiKeyFilter.SENDER_KEYED));
        return named ? "sender:" + sender : "address:" + ctx.request().remoteAddress().hostAddress();
    }

    /** Takes a token from the client's bucket, refilled at {@code rate} per second up to twice that. */
    synchronized boolean take(String client, double rate, long nowNanos) {
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = new Bucket();
            bucket.tokens = 2 * rate;
            bucket.lastNanos = nowNanos;
            buckets.put(client, bucket);
        }
        bucket.tokens = Math.min(2 * rate, bucket.tokens + (nowNanos - bucket.lastNanos) * rate / 1e9);
        bucket.lastNanos = nowNanos;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }
}
