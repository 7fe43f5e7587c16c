package dev.inorder.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.inorder.match.Match;
import dev.inorder.match.MatchBook;
import dev.inorder.match.TimelineEntry;
import dev.inorder.query.TimelineItem;

/**
 * Fans what the store just committed out to live clients. The consumer only hands the committed changes over and
 * returns; at most once per {@code interval} the feed's own thread takes what came since (each changed match once, in
 * its latest state, and every timeline event in order), writes each message as JSON once, and, for each distinct
 * filter among the clients (every match, or one), has the transport encode that batch once; every client of that
 * filter is offered the same encoded batch. So the consumer's cost does not grow with the number of clients, and a
 * client costs one write per flush, whatever the commit rate.
 * <p>
 * A client whose transport refuses a batch (its buffer is full: it reads too slowly) misses it, counted as dropped; one
 * that has refused everything for {@code stallAfter} has stopped reading and is let go ({@link Client#close()}) and
 * counted. At most {@code maxClients} clients are served.
 * <p>
 * The feed also keeps to a byte budget: after a flush that wrote {@code B} bytes in all (to every client), the next
 * comes no sooner than {@code B / maxBytesPerSecond}. Thousands of clients on every match would otherwise take the core
 * that ingest runs on; beyond the budget they get each match's latest state less often, and every timeline event
 * still, in order.
 */
public class LiveFeed {

    /** Refused: the feed serves as many clients as it may. */
    public static final class Full extends RuntimeException {
        Full(int max) {
            super("The live feed serves its maximum of " + max + " clients (inorder.live.max-clients).", null, false, false);
        }
    }

    /** One live client, as its transport holds it. */
    public interface Client {
        /** The match it follows, or {@code null} for every match. */
        String match();

        /**
         * Sends an encoded batch, or refuses it at once (false) when the client has too much waiting already. Called
         * on the feed's thread; must not block.
         */
        boolean offer(Object encoded);

        /** Ends the client: it stopped reading. */
        void close();
    }

    /** Timeline events waiting for the next flush; beyond, they are dropped for every client (counted). */
    static final int PENDING_EVENTS = 10_000;

    /**
     * @param maxClients most clients served at once
     * @param stallAfter how long a client may refuse every batch before it is let go
     * @param interval at most one flush per interval
     * @param maxBytesPerSecond most bytes written per second to all clients together, on average over a flush; 0 for
     *        no budget
     */
    public record Limits(int maxClients, Duration stallAfter, Duration interval, long maxBytesPerSecond) {
    }

    private final int maxClients;
    private final Function<LiveMessage, List<String>> json;
    private final Function<List<String>, Object> encoder;
    private final long stallAfterNanos;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final long maxBytesPerSecond;
    private final ScheduledExecutorService fanOut = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inorder-live-fan-out");
        t.setDaemon(true);
        return t;
    });

    private final class Served {
        final Client client;
        long refusingSince = -1; // nanos of the first refusal in a row, -1 while it takes what it is offered

        Served(Client client) {
            this.client = client;
        }
    }

    private final List<Served> clients = new CopyOnWriteArrayList<>();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder stalled = new LongAdder();

    /** What was committed since the last flush: each match's latest state, and the timeline events in order. */
    private final Map<String, Match> pendingStates = new LinkedHashMap<>();
    private final List<TimelineEntry> pendingEvents = new ArrayList<>();
    private boolean flushScheduled;
    private long lastFlushNanos;
    /** Bytes offered to clients by the last flush (each batch's size times the clients that took it). */
    private volatile long lastFlushBytes;

    /**
     * @param json writes a message in the transport's language (once per message, whatever the number of clients):
     *        none, one or several texts; a {@code match} message carries the {@link Match} itself
     * @param encoder the transport's form of a batch of JSON messages (once per filter per flush)
     * @param nanoClock {@link System#nanoTime()}, or a test's clock (it decides stalls)
     */
    public LiveFeed(Limits limits, Function<LiveMessage, List<String>> json, Function<List<String>, Object> encoder,
            LongSupplier nanoClock) {
        this.maxClients = limits.maxClients();
        this.json = json;
        this.encoder = encoder;
        this.stallAfterNanos = limits.stallAfter().toNanos();
        this.intervalNanos = limits.interval().toNanos();
        this.maxBytesPerSecond = limits.maxBytesPerSecond();
        this.nanoClock = nanoClock;
        this.lastFlushNanos = System.nanoTime() - intervalNanos;
    }

    /** @throws Full when {@code maxClients} clients are served already */
    public void add(Client client) {
        synchronized (clients) {
            if (clients.size() >= maxClients) {
                throw new Full(maxClients);
            }
            clients.add(new Served(client));
        }
    }

    /** The client left (its connection closed). */
    public void remove(Client client) {
        clients.removeIf(s -> s.client == client);
    }

    /**
     * Called by the consumer after a commit: the matches it changed and the discrete events it applied. Returns at
     * once: they wait for the next flush (at most one per interval), on the feed's own thread.
     */
    public void committed(MatchBook.Changes changes) {
        if (clients.isEmpty()) {
            return;
        }
        synchronized (pendingStates) {
            for (List<Match> matches : List.of(changes.inserted(), changes.updated())) {
                for (Match m : matches) {
                    pendingStates.put(m.key(), m);
                }
            }
            int room = Math.max(0, PENDING_EVENTS - pendingEvents.size());
            int taken = Math.min(room, changes.timeline().size());
            if (taken < changes.timeline().size()) {
                dropped.add((long) (changes.timeline().size() - taken) * clients.size());
            }
            pendingEvents.addAll(changes.timeline().subList(0, taken));
            if (!flushScheduled) {
                flushScheduled = true;
                long wait = Math.max(0, lastFlushNanos + spacingNanos() - System.nanoTime());
                fanOut.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** How long after the last flush the next may come: the interval, or longer when the last one spent the budget. */
    long spacingNanos() {
        if (maxBytesPerSecond <= 0) {
            return intervalNanos;
        }
        return Math.max(intervalNanos, (long) (lastFlushBytes * 1e9 / maxBytesPerSecond));
    }

    /** Sends what was committed since the last flush; the scheduler calls it, tests may too. */
    void flush() {
        List<Match> states;
        List<TimelineEntry> events;
        synchronized (pendingStates) {
            states = new ArrayList<>(pendingStates.values());
            events = new ArrayList<>(pendingEvents);
            pendingStates.clear();
            pendingEvents.clear();
            flushScheduled = false;
            lastFlushNanos = System.nanoTime();
        }
        List<LiveMessage> messages = new ArrayList<>(states.size() + events.size());
        for (Match m : states) {
            messages.add(new LiveMessage("match", m.key(), m));
        }
        for (TimelineEntry e : events) {
            messages.add(new LiveMessage("event", e.matchKey(), new TimelineItem(e.offset(), e.event(),
                    Instant.ofEpochMilli(e.appliedAtMillis()), e.data())));
        }
        lastFlushBytes = send(messages);
    }

    /** Sends one message now (the queue tick), to every client whose filter takes it. */
    public void offer(LiveMessage message) {
        fanOut.execute(() -> send(List.of(message)));
    }

    /** @return the bytes offered to clients that took them */
    private long send(List<LiveMessage> messages) {
        if (clients.isEmpty() || messages.isEmpty()) {
            return 0;
        }
        List<List<String>> texts = new ArrayList<>(messages.size());
        for (LiveMessage m : messages) {
            texts.add(json.apply(m));
        }
        Map<String, Batch> encodedByFilter = new HashMap<>();
        long now = nanoClock.getAsLong();
        long bytes = 0;
        for (Served served : clients) {
            String filter = served.client.match();
            Batch batch = encodedByFilter.computeIfAbsent(filter == null ? "" : filter,
                    f -> encode(f.isEmpty() ? null : f, messages, texts));
            if (batch == NOTHING) {
                continue;
            }
            if (served.client.offer(batch.encoded())) {
                served.refusingSince = -1;
                bytes += batch.size();
                continue;
            }
            dropped.add(1);
            if (served.refusingSince < 0) {
                served.refusingSince = now;
            } else if (now - served.refusingSince > stallAfterNanos && clients.remove(served)) {
                stalled.increment();
                served.client.close();
            }
        }
        return bytes;
    }

    /** A batch in the transport's form, and the length of the JSON it carries. */
    private record Batch(Object encoded, long size) {
        static Batch of(Object encoded, List<String> texts) {
            long size = 0;
            for (String t : texts) {
                size += t.length();
            }
            return new Batch(encoded, size);
        }
    }

    private static final Batch NOTHING = new Batch(null, 0);

    private Batch encode(String match, List<LiveMessage> messages, List<List<String>> texts) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (match == null || messages.get(i).match() == null || messages.get(i).match().equals(match)) {
                mine.addAll(texts.get(i));
            }
        }
        return mine.isEmpty() ? NOTHING : Batch.of(encoder.apply(mine), mine);
    }

    public int clients() {
        return clients.size();
    }

    /** Batches a client missed: its transport had too much waiting, or the fan-out was too far behind. */
    public long dropped() {
        return dropped.sum();
    }

    /** Clients let go because they stopped reading. */
    public long stalled() {
        return stalled.sum();
    }
}
