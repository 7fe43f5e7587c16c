package dev.inorder.sos;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.InOrderConfig;
import dev.inorder.live.LiveFeed;
import dev.inorder.match.CommittedChanges;
import dev.inorder.series.SeriesBook;
import dev.inorder.web.ApiError;
import dev.inorder.web.ApiKeyFilter;
import dev.inorder.web.RouteErrors;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The overlay feed: a WebSocket at {@code /sos} (and, with {@code inorder.sos.port}, at every path of that port) that
 * speaks the SOS plugin's protocol ({@link SosMessages}), so an overlay made for SOS works unchanged. Fed by what was
 * committed, through its own {@link LiveFeed}: the same interval, byte budget and stall rules as {@code /live}, a slow
 * overlay skipped (counted) and never waited for; {@code ?match=GUID} keeps one match. Served on the Vert.x router like
 * {@code /live}, so one handler serves both ports, behind the same read key (overlays cannot set headers:
 * {@code ?apiKey=}).
 */
@ApplicationScoped
public class SosRoute {

    private static final Logger LOG = Logger.getLogger(SosRoute.class);

    @Inject
    InOrderConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    ApiKeyFilter keys;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String host;

    private SosMessages messages;
    private LiveFeed feed;
    private HttpServer ownPort;

    void install(@Observes Router router, Vertx vertx, CommittedChanges committed, MeterRegistry registry, SeriesBook series) {
        messages = new SosMessages(mapper, series::of, config.sos().seriesScoreInNames());
        var live = config.live();
        feed = new LiveFeed(new LiveFeed.Limits(config.sos().maxClients(), live.stallAfter(), live.interval(),
                live.maxBytesPerSecond()), messages::of, List::copyOf, System::nanoTime);
        committed.listen(feed::committed);
        FunctionCounter.builder("inorder.sos.dropped", feed, LiveFeed::dropped)
                .description("Overlay feed batches dropped for clients too slow to take them").register(registry);
        FunctionCounter.builder("inorder.sos.stalled", feed, LiveFeed::stalled)
                .description("Overlay clients let go because they stopped reading").register(registry);
        Gauge.builder("inorder.sos.clients", feed, LiveFeed::clients).description("Overlay clients connected").register(registry);

        router.get("/sos").handler(this::connect);
        config.sos().port().ifPresent(port -> {
            Router own = Router.router(vertx);
            keys.protectEveryPath(own);
            own.route().handler(this::connect);
            vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(own).listen()
                    .onSuccess(server -> {
                        ownPort = server;
                        LOG.infof("Overlay feed (SOS protocol) on ws://%s:%d", host, server.actualPort());
                    })
                    .onFailure(e -> LOG.errorf("Overlay feed could not listen on port %d: %s", port, e.getMessage()));
        });
    }

    /** The feed's own port once listening ({@code inorder.sos.port}, 0 for any free one), else -1. */
    public int ownPort() {
        return ownPort == null ? -1 : ownPort.actualPort();
    }

    void stop(@Observes ShutdownEvent stop) {
        if (ownPort != null) {
            ownPort.close();
        }
    }

    private void connect(RoutingContext ctx) {
        String match = ctx.request().getParam("match");
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            RouteErrors.end(ctx, 400, new ApiError("websocket_expected",
                    "This is the overlay feed: connect with a WebSocket (ws://…/sos)."), mapper);
            return;
        }
        if (feed.clients() >= config.sos().maxClients()) {
            ctx.response().putHeader("Retry-After", "5");
            RouteErrors.end(ctx, 503, new ApiError("too_many_clients", "The overlay feed serves its maximum of "
                    + config.sos().maxClients() + " clients (inorder.sos.max-clients)."), mapper);
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> serve(ws, match == null || match.isBlank() ? null : match));
    }

    private void serve(ServerWebSocket ws, String match) {
        var client = new LiveFeed.Client() {
            @Override
            public String match() {
                return match;
            }

            @Override
            @SuppressWarnings("unchecked")
            public boolean offer(Object encoded) {
                if (ws.isClosed() || ws.writeQueueFull()) {
                    return false;
                }
                for (String text : (List<String>) encoded) {
                    ws.writeTextMessage(text);
                }
                return true;
            }

            @Override
            public void close() {
                ws.close();
            }
        };
        try {
            feed.add(client);
        } catch (LiveFeed.Full e) {
            ws.close((short) 1013, "too many clients");
            return;
        }
        ws.closeHandler(v -> feed.remove(client));
        ws.textMessageHandler(text -> { }); // overlays may talk; the feed only speaks
        ws.writeTextMessage(messages.welcome());
    }
}
