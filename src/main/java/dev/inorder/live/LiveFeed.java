package dev.inorder.live;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

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
 * Fans what the store just committed out to live clients. The consumer only hands the committed changes to the
 * feed's own thread and returns: building the messages and offering them to every client happens there, so the
 * consumer's cost does not grow with the number of clients. Each client has at most {@link #PER_CLIENT} messages
 * waiting, and what does not fit is dropped and counted, so a slow or stuck browser never slows the ordered consumer;
 * at most {@code maxClients} clients are served. Delivery runs on Mutiny's executor.
 */
public class LiveFeed {

    /** Refused: the feed serves as many clients as it may. */
    public static final class Full extends RuntimeException {
        Full(int max) {
            super("The live feed serves its maximum of " + max + " clients (inorder.live.max-clients).", null, false, false);
        }
    }

    /** Commits waiting for the fan-out thread; beyond, a commit's messages are dropped for every client (counted). */
    static final int PENDING_COMMITS = 1024;

    private final int maxClients;
    private final ThreadPoolExecutor fanOut = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(PENDING_COMMITS), r -> {
                Thread t = new Thread(r, "inorder-live-fan-out");
                t.setDaemon(true);
                return t;
            }, (task, executor) -> droppedCommit());

    public LiveFeed(int maxClients) {
        this.maxClients = maxClients;
    }

    /** Most messages waiting for one client before new ones are dropped for it. */
    static final int PER_CLIENT = 256;

    private record Client(String match, MultiEmitter<? super LiveMessage> emitter, AtomicInteger waiting) {
    }

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final LongAdder dropped = new LongAdder();

    /**
     * A stream for one client: every match, or the one whose guid is {@code match}.
     *
     * @throws Full when {@code maxClients} clients are served already
     */
    public Multi<LiveMessage> subscribe(String match) {
        if (clients.size() >= maxClients) {
            throw new Full(maxClients);
        }
        AtomicInteger waiting = new AtomicInteger();
        return Multi.createFrom().<LiveMessage> emitter(emitter -> {
            Client client = new Client(match, emitter, waiting);
            clients.add(client);
            emitter.onTermination(() -> clients.remove(client));
        }, BackPressureStrategy.BUFFER)
                .emitOn(Infrastructure.getDefaultExecutor())
                .onItem().invoke(message -> waiting.decrementAndGet());
    }

    /**
     * Called by the consumer after a commit: the matches it changed and the discrete events it applied. Returns at
     * once: the messages are built and offered on the feed's own thread.
     */
    public void committed(MatchBook.Changes changes) {
        if (clients.isEmpty()) {
            return;
        }
        fanOut.execute(() -> fanOut(changes));
    }

    private void droppedCommit() {
        dropped.add(Math.max(1, clients.size()));
    }

    private void fanOut(MatchBook.Changes changes) {
        for (List<Match> matches : List.of(changes.inserted(), changes.updated())) {
            for (Match m : matches) {
                offer(new LiveMessage("match", m.key(), MatchView.of(m)));
            }
        }
        for (TimelineEntry e : changes.timeline()) {
            offer(new LiveMessage("event", e.matchKey(), new TimelineItem(e.offset(), e.event(),
                    Instant.ofEpochMilli(e.appliedAtMillis()), e.data())));
        }
    }

    /** Sends to every client whose filter takes it, or drops it for a client that is too far behind. */
    public void offer(LiveMessage message) {
        for (Client client : clients) {
            if (client.match() != null && message.match() != null && !client.match().equals(message.match())) {
                continue;
            }
            if (client.waiting().incrementAndGet() > PER_CLIENT) {
                client.waiting().decrementAndGet();
                dropped.increment();
            } else {
                client.emitter().emit(message);
            }
        }
    }

    public int clients() {
        return clients.size();
    }

    /** Messages dropped because their client was too slow. */
    public long dropped() {
        return dropped.sum();
    }
}
