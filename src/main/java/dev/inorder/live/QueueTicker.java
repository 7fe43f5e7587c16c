package dev.inorder.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

import dev.inorder.InOrderConfig;
import dev.inorder.ingest.Source;
import dev.inorder.ingest.Sources;
import dev.inorder.match.CommittedChanges;
import dev.inorder.match.Match;
import dev.inorder.query.MatchView;
import dev.inorder.series.SeriesBook;
import dev.inorder.status.QueueResource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/** Sends the queue's status to live clients once a second, with the accept and apply rates since the last tick. */
@ApplicationScoped
public class QueueTicker {

    /** The queue tick: {@code GET /queue}'s numbers plus rates per second and live drops. */
    public record Tick(Object queue, double acceptedPerSecond, double processedPerSecond, long liveDropped,
            long liveStalled, int liveClients, List<Source.View> sources) {
    }

    @Inject
    QueueResource queue;

    @Inject
    LiveFeed feed;

    @Inject
    Sources sources;

    private long lastAccepted = -1;
    private long lastProcessed;

    @Produces
    @Singleton
    static LiveFeed feed(MeterRegistry registry, InOrderConfig config, ObjectMapper mapper, CommittedChanges committed,
            SeriesBook series) {
        var live = config.live();
        var limits = new LiveFeed.Limits(live.maxClients(), live.stallAfter(), live.interval(), live.maxBytesPerSecond());
        var feed = new LiveFeed(limits, message -> {
            try {
                return List.of(mapper.writeValueAsString(message.data() instanceof Match m
                        ? new LiveMessage(message.type(), message.match(), MatchView.of(m, series.of(m))) : message));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A live message could not be written as JSON", e);
            }
        }, LiveRoute::frame, System::nanoTime);
        FunctionCounter.builder("inorder.live.dropped", feed, LiveFeed::dropped)
                .description("Live messages dropped for clients too slow to take them").register(registry);
        FunctionCounter.builder("inorder.live.stalled", feed, LiveFeed::stalled)
                .description("Live clients let go because they stopped reading").register(registry);
        Gauge.builder("inorder.live.clients", feed, LiveFeed::clients).description("Live clients connected").register(registry);
        committed.listen(feed::committed);
        return feed;
    }

    void start(@Observes StartupEvent start, Vertx vertx) {
        vertx.setPeriodic(1000, id -> tick());
    }

    void tick() {
        var status = queue.status();
        if (lastAccepted >= 0 && feed.clients() > 0) {
            feed.offer(new LiveMessage("queue", null, new Tick(status, status.accepted() - lastAccepted,
                    status.processed() - lastProcessed, feed.dropped(), feed.stalled(), feed.clients(), sources.views())));
        }
        lastAccepted = status.accepted();
        lastProcessed = status.processed();
    }
}
