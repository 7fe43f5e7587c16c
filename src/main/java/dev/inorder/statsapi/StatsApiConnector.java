package dev.inorder.statsapi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.inorder.GameEvent;
import dev.inorder.InOrderConfig;
import dev.inorder.ingest.Backoff;
import dev.inorder.ingest.EventParser;
import dev.inorder.ingest.Ingest;
import dev.inorder.ingest.Invalid;
import dev.inorder.ingest.Refused;
import dev.inorder.ingest.SenderSeqs;
import dev.inorder.ingest.Source;
import dev.inorder.ingest.Sources;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.JsonEventType;
import io.vertx.core.parsetools.JsonParser;
import io.vertx.core.streams.ReadStream;

/**
 * Hears the game directly: with {@code inorder.statsapi.address} set, connects to the game's Stats API and stays
 * connected. The wire is plain TCP (not the WebSocket the game's page names): the game writes JSON envelopes
 * {@code {"Event", "Data"}} back to back, with no separator, split anywhere; a Vert.x {@link JsonParser} in
 * object-value mode cuts them out of the stream. Each envelope goes through the same door as {@code POST /events}
 * ({@link EventParser}: Data as an object or a string holding JSON, the same limits) and the same port ({@link Ingest}):
 * the same offsets, ordered consumer, Seq guard and store.
 * <ul>
 * <li>Sender {@code statsapi@<address>}, and a {@code Seq} per event, continuing after a restart from the highest the
 * store holds for that sender.</li>
 * <li>Back-pressure without loss: when ingest refuses (queue full, store down, draining), the socket and the parser are
 * paused — the game is held back by TCP — and the same event is offered again after the refusal's retry-after (at most
 * 1 s); nothing is dropped, nothing spins.</li>
 * <li>The game quits without closing: TCP keep-alive, and {@code idle-timeout} without a byte ends the connection
 * (not while InOrder itself holds the game back: what TCP holds would be lost).
 * Reconnects for ever, backoff from 250 ms doubling to {@code max-backoff}, with jitter; one log line when the game is
 * reached and one when it is lost, not one per attempt.</li>
 * <li>An envelope the door refuses (not JSON, over a limit) is logged, counted ({@code refused} in {@code GET
 * /sources}) and skipped: the game's stream goes on.</li>
 * </ul>
 */
@ApplicationScoped
public class StatsApiConnector {

    private static final Logger LOG = Logger.getLogger(StatsApiConnector.class);

    @Inject
    InOrderConfig config;

    @Inject
    Vertx vertx;

    @Inject
    Ingest ingest;

    @Inject
    EventParser parser;

    @Inject
    SenderSeqs senderSeqs;

    @Inject
    Sources sources;

    private String host;
    private int port;
    private String sender;
    private Source source;
    private NetClient client;
    private volatile boolean stopped;
    private Backoff backoff;
    private long nextSeq = -1;
    private boolean reported; // whether the last state logged was "connected"

    void start(@Observes StartupEvent start) {
        var address = config.statsapi().address().filter(a -> !a.isBlank());
        if (address.isEmpty()) {
            return;
        }
        String value = address.get().strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("inorder.statsapi.address must be host:port, e.g. localhost:49123; got " + value);
        }
        host = value.substring(0, colon);
        port = Integer.parseInt(value.substring(colon + 1));
        sender = "statsapi@" + value;
        backoff = new Backoff(config.statsapi().maxBackoff());
        source = sources.register(sender, "statsapi", value);
        client = vertx.createNetClient(new NetClientOptions().setTcpKeepAlive(true).setConnectTimeout(5_000));
        LOG.infof("Stats API: connecting to the game at %s (sender %s)", value, sender);
        connect();
    }

    void stop(@Observes ShutdownEvent stop) {
        stopped = true;
        if (client != null) {
            client.close();
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        client.connect(port, host).onComplete(result -> {
            if (result.succeeded()) {
                connected(result.result());
            } else {
                lost("cannot connect: " + result.cause().getMessage());
            }
        });
    }

    private void connected(NetSocket socket) {
        backoff.reset();
        source.connected(true);
        source.error(null);
        if (!reported) {
            reported = true;
            LOG.infof("Stats API: connected to the game at %s:%d", host, port);
        }
        if (nextSeq < 0) {
            nextSeq = senderSeqs.highest(sender) + 1;
        }
        new Connection(socket);
    }

    /**
     * One connection to the game. Envelopes are handed to ingest one at a time: the parser is paused while one is
     * offered, so the next cannot overtake it, whatever ingest does (in memory the answer is immediate, on Kafka it
     * comes later).
     */
    private final class Connection {
        private final NetSocket socket;
        private final JsonParser json;
        private final long idleTimer;
        private long lastActivityNanos = System.nanoTime();
        private boolean offering;
        private boolean broken;

        Connection(NetSocket socket) {
            this.socket = socket;
            // The parser reads the socket itself: while it is paused (an envelope being offered, or held back), it stops
            // reading the socket, and TCP holds the game back.
            this.json = framing(socket, this::take, () -> source.refused("a JSON value that is not an envelope object"));
            json.exceptionHandler(e -> {
                // Not JSON: nothing after it can be framed; drop the connection and start clean.
                source.refused("the stream is not JSON: " + e.getMessage());
                LOG.warnf("Stats API: the stream from %s:%d is not JSON (%s); reconnecting", host, port, e.getMessage());
                broken = true;
                socket.close();
            });
            // The game quits without closing: nothing read and nothing taken for idle-timeout means it is gone. Not while
            // we hold it back ourselves (closing then would throw away what TCP holds for us).
            long idle = config.statsapi().idleTimeout().toNanos();
            idleTimer = vertx.setPeriodic(Math.max(100, config.statsapi().idleTimeout().toMillis() / 4), id -> {
                if (!offering && System.nanoTime() - lastActivityNanos > idle) {
                    source.error("nothing read for " + config.statsapi().idleTimeout().toSeconds() + " s");
                    socket.close();
                }
            });
            // Closed (by the game, or idle): what was read before is still taken, in order (the parser ends once it has
            // handed over all of it); then the next connection.
            json.endHandler(v -> reconnect());
            socket.closeHandler(v -> {
                vertx.cancelTimer(idleTimer);
                source.connected(false);
                if (broken) {
                    reconnect();
                }
            });
            socket.exceptionHandler(e -> source.error(e.getMessage()));
        }

        private void take(Buffer envelope) {
            lastActivityNanos = System.nanoTime();
            GameEvent event;
            try {
                event = parser.parse("application/json", envelope.getBytes()).get(0);
            } catch (Invalid e) {
                source.refused(e.getMessage());
                LOG.warnf("Stats API: skipped an envelope the door refuses (%s): %s", e.reason().code(), e.getMessage());
                return;
            }
            offering = true;
            json.pause();
            offer(event.withSeq(nextSeq++), envelope.length());
        }

        private void offer(GameEvent event, int bytes) {
            CompletionStage<Ingest.Accepted> appended;
            try {
                appended = ingest.append(sender, List.of(event), bytes);
            } catch (RuntimeException e) {
                appended = CompletableFuture.failedFuture(e);
            }
            appended.whenComplete((accepted, failure) -> {
                if (failure == null) {
                    source.taken(1);
                    offering = false;
                    lastActivityNanos = System.nanoTime();
                    source.paused(false);
                    json.resume();
                    return;
                }
                if (!(failure instanceof Refused)) {
                    source.error(failure.getMessage());
                    LOG.errorf(failure, "Stats API: ingest failed on an event; it is offered again");
                }
                long wait = failure instanceof Refused r ? Math.min(1_000, r.retryAfterSeconds() * 1_000L) : 1_000;
                // Hold the game back: the parser stays paused, so the socket is not read (TCP fills up on the game's side),
                // and the same event is offered again.
                source.paused(true);
                vertx.setTimer(Math.max(50, wait), id -> offer(event, bytes));
            });
            if (offering) {
                // Not taken at once: the event waits for room (or was refused, and the handler above has paused
                // already). The game is held back meanwhile (the parser stays paused), and /sources shows it.
                source.paused(true);
            }
        }
    }

    /**
     * The game's framing: JSON objects back to back with no separator, split anywhere. Each whole top-level object is
     * handed to {@code envelope} as its JSON text; any other top-level value to {@code notAnObject}.
     *
     * @param stream the socket, read by the parser (paused with it), or {@code null} to feed it by hand
     */
    static JsonParser framing(ReadStream<Buffer> stream, Consumer<Buffer> envelope, Runnable notAnObject) {
        JsonParser json = (stream == null ? JsonParser.newParser() : JsonParser.newParser(stream)).objectValueMode();
        int[] arrayDepth = { 0 }; // a top-level array is not an envelope, and nothing inside it is one either
        json.handler(event -> {
            if (event.type() == JsonEventType.START_ARRAY && arrayDepth[0]++ == 0) {
                notAnObject.run();
            } else if (event.type() == JsonEventType.END_ARRAY) {
                arrayDepth[0]--;
            } else if (event.type() == JsonEventType.VALUE && arrayDepth[0] == 0) {
                if (event.isObject()) {
                    envelope.accept(event.objectValue().toBuffer());
                } else {
                    notAnObject.run();
                }
            }
        });
        return json;
    }

    private void reconnect() {
        if (!stopped) {
            // A lost connection: try again at once; the backoff grows only while connecting fails.
            vertx.setTimer(1, id -> connect());
        }
    }

    private void lost(String why) {
        source.connected(false);
        source.error(why);
        if (reported) {
            reported = false;
            LOG.warnf("Stats API: lost the game at %s:%d (%s); trying again every %d s at most", host, port, why,
                    config.statsapi().maxBackoff().toSeconds());
        }
        vertx.setTimer(backoff.next(), id -> connect());
    }
}
