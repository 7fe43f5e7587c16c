package dev.inorder.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.inorder.AcceptedEvent;
import dev.inorder.ingest.Ingest;
import dev.inorder.processing.EventHandler;
import dev.inorder.processing.OrderedProcessor;
import dev.inorder.processing.ProcessingObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * The pipeline's Micrometer meters, at {@code /q/metrics}. Counters read the counts the pipeline keeps anyway, so
 * the hot path pays nothing for them; the two timers are recorded once per chunk, so their cost does not grow with load.
 */
@ApplicationScoped
public class PipelineMetrics {

    void bind(@Observes StartupEvent start, MeterRegistry registry, Ingest queue, OrderedProcessor processor,
            EventHandler handler) {
        count(registry, "inorder.events.accepted", queue, Ingest::accepted, "Events accepted by POST /events");
        count(registry, "inorder.requests.waited", queue, Ingest::waited,
                "Requests that found the queue full and waited for room (then taken, or refused with 503)");
        count(registry, "inorder.events.processed", processor, OrderedProcessor::processed,
                "Events the ordered consumer is done with: applied, skipped by a guard, or dead-lettered");
        count(registry, "inorder.events.applied", handler, h -> h.counts().applied(), "Events applied and committed");
        count(registry, "inorder.events.dead.lettered", processor, OrderedProcessor::deadLettered,
                "Events that could not be applied, set aside in the dead letters");
        count(registry, "inorder.events.stale", handler, h -> h.counts().stale(),
                "Events skipped: their Seq was below their sender's highest");
        count(registry, "inorder.events.duplicates", handler, h -> h.counts().duplicates(),
                "Events skipped: their Seq was applied already");
        count(registry, "inorder.events.replayed", handler, h -> h.counts().replayed(),
                "Events skipped: their log was applied past them already (Kafka redelivery after a crash or rebalance)");
        count(registry, "inorder.events.after.end", handler, h -> h.counts().afterEnd(),
                "Events skipped: they would have changed an ended match's result");
        count(registry, "inorder.events.seq.jumps", handler, h -> h.counts().seqJumps(),
                "Events skipped: their Seq jumped implausibly far ahead of their sender's last");
        count(registry, "inorder.events.foreign", handler, h -> h.counts().foreign(),
                "Events skipped: their sender may not report that match");
        count(registry, "inorder.chunks.retried", processor, OrderedProcessor::retries,
                "Attempts that failed for a reason that was not an event's (the store down, a conflict), made again");
        Gauge.builder("inorder.store.up", processor, p -> p.stalled() == null ? 1 : 0)
                .description("1 while the ordered consumer can write to the store, 0 while it waits for it").register(registry);
        count(registry, "inorder.order.breaches", processor, OrderedProcessor::orderBreaches,
                "Events that reached the consumer out of offset order; 0 unless broken");
        Gauge.builder("inorder.queue.depth", queue, Ingest::depth)
                .description("Events accepted and not yet processed").register(registry);
        Gauge.builder("inorder.queue.bytes", queue, Ingest::bytes)
                .description("Bytes of the events accepted and not yet processed").register(registry);
        Gauge.builder("inorder.queue.capacity", queue, Ingest::capacity)
                .description("Most events the queue holds").register(registry);
    }

    private static <T> void count(MeterRegistry registry, String name, T source, ToDoubleFunction<T> count, String description) {
        FunctionCounter.builder(name, source, count).description(description).register(registry);
    }

    @Produces
    @Singleton
    ProcessingObserver observer(MeterRegistry registry) {
        Timer processing = Timer.builder("inorder.processing.time")
                .description("Time to apply one event: each chunk's mean per event, once per chunk").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(500)).maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        Timer lag = Timer.builder("inorder.lag")
                .description("From acceptance to applied, for each chunk's oldest event: a bound for every event in it (ms resolution)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        return (List<AcceptedEvent> events, long nanos) -> {
            processing.record(nanos / events.size(), TimeUnit.NANOSECONDS);
            long oldest = Long.MAX_VALUE;
            for (AcceptedEvent event : events) {
                oldest = Math.min(oldest, event.acceptedAtMillis()); // on Kafka a chunk mixes partitions
            }
            lag.record(Math.max(0, System.currentTimeMillis() - oldest), TimeUnit.MILLISECONDS);
        };
    }
}
