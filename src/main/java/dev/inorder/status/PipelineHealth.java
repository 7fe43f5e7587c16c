package dev.inorder.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.inorder.ingest.Source;
import dev.inorder.ingest.Sources;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import dev.inorder.ingest.Ingest;
import dev.inorder.processing.OrderedProcessor;
import dev.inorder.store.MatchStore;

/** SmallRye Health checks at {@code /q/health/live} and {@code /q/health/ready}. */
public class PipelineHealth {

    /** Readiness goes down when the queue is fuller than this share of its capacity. */
    static final double FULL = 0.9;

    /** Live while the ordered consumer is subscribed to the channel; a broken channel needs a restart. */
    @Liveness
    @ApplicationScoped
    public static class Consumer implements HealthCheck {
        @Inject
        Ingest queue;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("ordered-consumer").status(queue.connected()).build();
        }
    }

    /**
     * Live while every Vert.x event loop runs a task within 2 s: a loop killed or wedged (an error it could not survive,
     * a blocking call) makes the process half-dead, answering some connections and not others; it needs a restart.
     */
    @Liveness
    @ApplicationScoped
    public static class EventLoops implements HealthCheck {
        @Inject
        Vertx vertx;

        @Override
        public HealthCheckResponse call() {
            List<CompletableFuture<Void>> pings = new ArrayList<>();
            for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
                if (!loop.inEventLoop()) { // never wait for the loop this check runs on
                    var ping = new CompletableFuture<Void>();
                    loop.execute(() -> ping.complete(null));
                    pings.add(ping);
                }
            }
            var response = HealthCheckResponse.named("event-loops").withData("loops", pings.size());
            try {
                CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
                return response.up().build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response.down().withData("reason", "interrupted").build();
            } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
                return response.down().withData("reason", "an event loop did not run a task within 2 s").build();
            }
        }
    }

    /** Ready unless stopping, over 90% full, or the store does not answer (to the consumer, or to a ping). */
    @Readiness
    @ApplicationScoped
    public static class Accepting implements HealthCheck {
        @Inject
        Ingest queue;

        @Inject
        MatchStore store;

        @Inject
        OrderedProcessor processor;

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("ingest")
                    .withData("depth", queue.depth()).withData("capacity", queue.capacity());
            if (queue.closed()) {
                return response.down().withData("reason", "draining to stop").build();
            }
            String stalled = processor.stalled();
            if (stalled != null) {
                return response.down().withData("reason", "store unavailable: " + stalled).build();
            }
            if (queue.depth() > FULL * queue.capacity()) {
                return response.down().withData("reason", "queue over 90% full").build();
            }
            try {
                store.ping();
            } catch (RuntimeException e) {
                return response.down().withData("reason", "store unreachable: " + e.getMessage()).build();
            }
            return response.up().build();
        }
    }

    /**
     * Each connector that reads from elsewhere (the game, an MQTT broker): connected or not, since when, events taken.
     * Always UP: a game that is not running is no reason to stop serving; {@code GET /sources} has the details.
     */
    @Readiness
    @ApplicationScoped
    public static class SourcesCheck implements HealthCheck {

        @Inject
        Sources sources;

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("sources").up();
            for (Source.View source : sources.views()) {
                response.withData(source.name(), (source.connected() ? "connected" : "not connected") + " since "
                        + source.since() + ", " + source.eventsTaken() + " events taken, " + source.reconnects() + " reconnects"
                        + (source.lastError() == null ? "" : ", last error: " + source.lastError()));
            }
            return response.build();
        }
    }
}
