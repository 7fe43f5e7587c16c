package dev.inorder.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.InOrderConfig;

import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;
import dev.inorder.web.RouteErrors;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a {@code POST /events} whose declared {@code Content-Length} is over the limit before its body is read, so
 * an oversized upload costs neither memory nor bandwidth. Bodies without a declared length are checked once read.
 */
@ApplicationScoped
public class BodyLimitFilter {

    @Inject
    EventParser parser;

    @Inject
    Rejections rejections;

    @Inject
    ObjectMapper mapper;

    @Inject
    InOrderConfig config;

    void install(@Observes Router router) {
        router.post().order(Integer.MIN_VALUE + 1).handler(ctx -> { // every POST, however spelled; after the key check
            // A whole request must arrive within the deadline: a client dripping its body a byte at a time keeps the
            // idle timeout from firing, and would hold its connection for ever.
            long deadline = ctx.vertx().setTimer(config.requestTimeout().toMillis(), id -> {
                if (!ctx.response().ended()) {
                    rejections.count("request_timeout", 408, "the request did not arrive whole within " + config.requestTimeout());
                    ctx.request().connection().close();
                }
            });
            ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(deadline));
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            try {
                if (declared != null) {
                    parser.checkSize(Long.parseLong(declared.trim()));
                }
                ctx.next();
            } catch (NumberFormatException e) {
                ctx.next(); // the HTTP layer answers a malformed Content-Length itself
            } catch (Invalid invalid) {
                ApiException e = EventResource.badRequest(invalid);
                rejections.count(e.error(), e.status(), e.getMessage());
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                RouteErrors.end(ctx, e.status(), new ApiError(e.error(), e.getMessage()), mapper);
            }
        });
    }
}
