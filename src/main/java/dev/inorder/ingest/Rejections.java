package dev.inorder.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts refused {@code POST /events} requests, by reason (the error code), for {@code GET /queue} and metrics, and
 * logs one line per reason at most every 10 seconds, however hard a flood hits.
 */
@ApplicationScoped
public class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class);
    static final long LOG_EVERY_MILLIS = 10_000;

    private record Tally(AtomicLong sinceLog, AtomicLong lastLog) {
    }

    private final Map<String, Tally> byReason = new ConcurrentHashMap<>();

    @Inject
    Ingest queue;

    @Inject
    MeterRegistry registry;

    public void count(String reason, int status, String detail) {
        queue.countRejected();
        registry.counter("inorder.requests.rejected", "reason", reason).increment();
        Tally tally = byReason.computeIfAbsent(reason, r -> new Tally(new AtomicLong(), new AtomicLong()));
        long refused = tally.sinceLog().incrementAndGet();
        long now = System.currentTimeMillis();
        long last = tally.lastLog().get();
        if (now - last >= LOG_EVERY_MILLIS && tally.lastLog().compareAndSet(last, now)) {
            tally.sinceLog().addAndGet(-refused);
            LOG.infof("Refused %d request(s) with %d %s in the last %ds; latest: %s", refused, status, reason,
                    last == 0 ? 0 : (now - last) / 1000, detail);
        }
    }
}
