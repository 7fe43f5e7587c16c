package dev.inorder.live;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.web.ApiError;
import dev.inorder.web.RouteErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /live}: Server-Sent Events of every applied change, and a queue tick each second; {@code ?match=GUID}
 * keeps one match. Served on the Vert.x router directly, not through Quarkus REST: each batch of the feed is framed
 * once ({@link #frame}) and the same bytes are written to every client of its filter, and a client whose write queue is
 * full is skipped at once (Vert.x's own back-pressure) — per client, a flush costs one write. Behind the same API key
 * check as everything else; described in OpenAPI by {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class LiveRoute {

    @Inject
    LiveFeed feed;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        router.get("/live").handler(this::live);
    }

    /** A batch of JSON messages as Server-Sent Events: one {@code data:} line each (the JSON holds no line break). */
    static Object frame(List<String> messages) {
        StringBuilder text = new StringBuilder();
        for (String message : messages) {
            text.append("data:").append(message).append("\n\n");
        }
        return Buffer.buffer(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void live(RoutingContext ctx) {
        String match = ctx.request().getParam("match");
        HttpServerResponse response = ctx.response();
        var client = new LiveFeed.Client() {
            @Override
            public String match() {
                return match == null || match.isBlank() ? null : match;
            }

            @Override
            public boolean offer(Object encoded) {
                if (response.closed() || response.writeQueueFull()) {
                    return false;
                }
                response.write((Buffer) encoded);
                return true;
            }

            @Override
            public void close() {
                ctx.request().connection().close();
            }
        };
        try {
            feed.add(client);
        } catch (LiveFeed.Full e) {
            response.putHeader("Retry-After", "5");
            RouteErrors.end(ctx, 503, new ApiError("too_many_clients", e.getMessage()), mapper);
            return;
        }
        response.closeHandler(v -> feed.remove(client));
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").write(": connected\n\n");
    }
}
