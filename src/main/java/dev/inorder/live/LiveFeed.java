package dev.inorder.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.inorder.match.Match;
import dev.inorder.match.MatchBook;
import dev.inorder.match.TimelineEntry;
import dev.inorder.query.MatchView;
import dev.inorder.query.TimelineItem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Fans what the store just committed out to live clients. The consumer only hands the committed changes over and
 * returns; at most once per {@code interval} the feed's own thread takes what came since (each changed match once, in
 * its latest state, and every timeline event in order), writes each message as JSON <em>once</em> and offers that
 * text to every client, so the consumer's cost does not grow with the number of clients, and the clients' cost not
 * with the commit rate. Each client has at
 * most {@link #PER_CLIENT} messages waiting: what does not fit is dropped for it and counted (a slow client misses
 * some states, a burst does not stop the others). A client whose buffer is full and that has taken nothing for
 * {@code stallAfter} has stopped reading: it is let go (its {@code onStalled} is called, the transport closes it) and
 * counted, so it holds neither memory nor a place. At most {@code maxClients} clients are served. Delivery runs on
 * Mutiny's executor.
 */
public class LiveFeed {

    /** Refused: the feed serves as many clients as it may. */
    public static final class Full extends RuntimeException {
        Full(int max) {
            super("The live feed serves its maximum of " + max + " clients (inorder.live.max-clients).", null, false, false);
        }
    }

    /** Timeline events waiting for the next flush; beyond, they are dropped for every client (counted). */
    static final int PENDING_EVENTS = 10_000;

    /** Most messages waiting for one client; one more and the client is let go. */
    static final int PER_CLIENT = 256;

    private final int maxClients;
    private final Function<LiveMessage, String> json;
    private final long stallAfterNanos;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final ScheduledExecutorService fanOut = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inorder-live-fan-out");
        t.setDaemon(true);
        return t;
    });

    /** What was committed since the last flush: each match's latest state, and the timeline events in order. */
    private final Map<String, Match> pendingStates = new LinkedHashMap<>();
    private final List<TimelineEntry> pendingEvents = new ArrayList<>();
    private boolean flushScheduled;
    private long lastFlushNanos;

    /**
     * @param json writes a message as the JSON text clients receive (called once per message, whatever the number of
     *        clients)
     * @param stallAfter how long a client with a full buffer may take nothing before it is let go
     * @param interval at most one flush per interval: a match changed by several commits in between is sent once, in
     *        its latest state (timeline events are all sent)
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     */
    public LiveFeed(int maxClients, Function<LiveMessage, String> json, Duration stallAfter, Duration interval,
            LongSupplier nanoClock) {
        this.maxClients = maxClients;
        this.intervalNanos = interval.toNanos();
        this.lastFlushNanos = System.nanoTime() - intervalNanos;
        this.json = json;
        this.stallAfterNanos = stallAfter.toNanos();
        this.nanoClock = nanoClock;
    }

    private record Client(String match, MultiEmitter<? super String> emitter, AtomicInteger waiting, AtomicLong lastTaken,
            Runnable onStalled, AtomicBoolean gone) {
    }

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder stalled = new LongAdder();

    /**
     * A stream of JSON messages for one client: every match, or the one whose guid is {@code match}.
     *
     * @param onStalled called once if the client stops reading and is let go: the transport closes its connection
     * @throws Full when {@code maxClients} clients are served already
     */
    public Multi<String> subscribe(String match, Runnable onStalled) {
        if (clients.size() >= maxClients) {
            throw new Full(maxClients);
        }
        AtomicInteger waiting = new AtomicInteger();
        AtomicLong lastTaken = new AtomicLong(nanoClock.getAsLong());
        return Multi.createFrom().<String> emitter(emitter -> {
            Client client = new Client(match, emitter, waiting, lastTaken, onStalled, new AtomicBoolean());
            clients.add(client);
            emitter.onTermination(() -> clients.remove(client));
        }, BackPressureStrategy.BUFFER)
                .emitOn(Infrastructure.getDefaultExecutor())
                .onItem().invoke(message -> {
                    waiting.decrementAndGet();
                    lastTaken.set(nanoClock.getAsLong());
                });
    }

    /**
     * Called by the consumer after a commit: the matches it changed and the discrete events it applied. Returns at
     * once: they wait for the next flush (at most one per interval), where the messages are built and offered on the
     * feed's own thread.
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
            int room = PENDING_EVENTS - pendingEvents.size();
            if (changes.timeline().size() > room) {
                dropped.add((long) (changes.timeline().size() - Math.max(0, room)) * clients.size());
            }
            pendingEvents.addAll(changes.timeline().subList(0, Math.max(0, Math.min(room, changes.timeline().size()))));
            if (!flushScheduled) {
                flushScheduled = true;
                long wait = Math.max(0, lastFlushNanos + intervalNanos - System.nanoTime());
                fanOut.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

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
        for (Match m : states) {
            offer(new LiveMessage("match", m.key(), MatchView.of(m)));
        }
        for (TimelineEntry e : events) {
            offer(new LiveMessage("event", e.matchKey(), new TimelineItem(e.offset(), e.event(),
                    Instant.ofEpochMilli(e.appliedAtMillis()), e.data())));
        }
    }

    /**
     * Sends to every client whose filter takes it, drops it for a client that already has {@link #PER_CLIENT}
     * messages waiting, and lets that client go if it has taken nothing for {@code stallAfter}. The JSON is written
     * once, and only if some client takes it.
     */
    public void offer(LiveMessage message) {
        String text = null;
        for (Client client : clients) {
            if (client.match() != null && message.match() != null && !client.match().equals(message.match())) {
                continue;
            }
            if (client.waiting().incrementAndGet() > PER_CLIENT) {
                client.waiting().decrementAndGet();
                dropped.increment();
                if (nanoClock.getAsLong() - client.lastTaken().get() > stallAfterNanos) {
                    letGo(client);
                }
                continue;
            }
            if (text == null) {
                text = json.apply(message);
            }
            client.emitter().emit(text);
        }
    }

    private void letGo(Client client) {
        if (client.gone().compareAndSet(false, true)) {
            clients.remove(client);
            stalled.increment();
            client.onStalled().run();
            client.emitter().complete();
        }
    }

    public int clients() {
        return clients.size();
    }

    /** Messages dropped: the client was too slow to take them, or the fan-out was too far behind. */
    public long dropped() {
        return dropped.sum();
    }

    /** Clients let go because they stopped reading. */
    public long stalled() {
        return stalled.sum();
    }
}
