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
import dev.inorder.query.MatchView;
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

    private final int maxClients;
    private final Function<LiveMessage, String> json;
    private final Function<List<String>, Object> encoder;
    private final long stallAfterNanos;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
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

    /**
     * @param json writes a message as JSON (once per message, whatever the number of clients)
     * @param encoder the transport's form of a batch of JSON messages (once per filter per flush)
     * @param stallAfter how long a client may refuse every batch before it is let go
     * @param interval at most one flush per interval
     * @param nanoClock {@link System#nanoTime()}, or a test's clock (it decides stalls)
     */
    public LiveFeed(int maxClients, Function<LiveMessage, String> json, Function<List<String>, Object> encoder,
            Duration stallAfter, Duration interval, LongSupplier nanoClock) {
        this.maxClients = maxClients;
        this.json = json;
        this.encoder = encoder;
        this.stallAfterNanos = stallAfter.toNanos();
        this.intervalNanos = interval.toNanos();
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
                long wait = Math.max(0, lastFlushNanos + intervalNanos - System.nanoTime());
                fanOut.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
            }
        }
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
            messages.add(new LiveMessage("match", m.key(), MatchView.of(m)));
        }
        for (TimelineEntry e : events) {
            messages.add(new LiveMessage("event", e.matchKey(), new TimelineItem(e.offset(), e.event(),
                    Instant.ofEpochMilli(e.appliedAtMillis()), e.data())));
        }
        send(messages);
    }

    /** Sends one message now (the queue tick), to every client whose filter takes it. */
    public void offer(LiveMessage message) {
        fanOut.execute(() -> send(List.of(message)));
    }

    private void send(List<LiveMessage> messages) {
        if (clients.isEmpty() || messages.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(messages.size());
        for (LiveMessage m : messages) {
            texts.add(json.apply(m));
        }
        Map<String, Object> encodedByFilter = new HashMap<>();
        long now = nanoClock.getAsLong();
        for (Served served : clients) {
            String filter = served.client.match();
            Object encoded = encodedByFilter.computeIfAbsent(filter == null ? "" : filter,
                    f -> encode(f.isEmpty() ? null : f, messages, texts));
            if (encoded == NOTHING) {
                continue;
            }
            if (served.client.offer(encoded)) {
                served.refusingSince = -1;
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
    }

    private static final Object NOTHING = new Object();

    private Object encode(String match, List<LiveMessage> messages, List<String> texts) {
        if (match == null) {
            return encoder.apply(texts);
        }
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).match() == null || messages.get(i).match().equals(match)) {
                mine.add(texts.get(i));
            }
        }
        return mine.isEmpty() ? NOTHING : encoder.apply(mine);
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
