package dev.inorder.mqtt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.AcceptedEvent;
import dev.inorder.GameEvent;
import dev.inorder.InOrderConfig;
import dev.inorder.ingest.Backoff;
import dev.inorder.ingest.EventParser;
import dev.inorder.ingest.Ingest;
import dev.inorder.ingest.Invalid;
import dev.inorder.ingest.RecentEvents;
import dev.inorder.ingest.Refused;
import dev.inorder.ingest.Source;
import dev.inorder.ingest.Sources;
import dev.inorder.processing.Committed;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;

/**
 * MQTT ingest: with {@code inorder.mqtt.url} set, subscribes to {@code inorder.mqtt.topics} (default
 * {@code rlapi2mqtt/#}) at QoS 1, as client {@code inorder.mqtt.client-id} with a persistent session (clean session
 * off), so the broker keeps what arrives while InOrder is down. Vert.x's {@link MqttClient} with {@code autoAck} off:
 * <ul>
 * <li>A message is acknowledged (PUBACK) <b>once its event is stored</b>: committed by the ordered consumer (or, on the
 * {@code kafka} transport, where another instance may apply it, once every Kafka replica has it). Until then the broker
 * counts it in flight and sends it again after a crash, so a SIGKILL loses nothing the broker delivered; and since the
 * broker sends at most its in-flight window (Mosquitto: 20) of unacknowledged messages, the window is the back-pressure.
 * <li>Each payload goes through the door of {@code POST /events} ({@link EventParser}) and the one ingest port: the same
 * offsets, consumer, guard and store. A payload is an envelope {@code {"Event","Data"}} as rlapi2mqtt publishes it, or
 * bare {@code Data}, the event then named by the topic's last level ({@code updatestate} → {@code UpdateState}).</li>
 * <li>When ingest refuses (full, store down, draining), messages wait here in arrival order and the first is offered
 * again after the refusal's retry-after; nothing is dropped. A payload the door refuses is logged, counted and
 * acknowledged (sending it again would not make it valid).</li>
 * <li>Repeats: a message the broker sends again is flagged DUP. One whose first copy is still waiting here, or accepted
 * and not yet stored, is not offered twice (same packet id). After a crash, a repeat of a message stored just before
 * the crash (its PUBACK lost) would apply twice: state snapshots are idempotent (the latest wins), and a repeated timeline
 * event is recognised by {@link RecentEvents} — identical to one of the last events stored for its match — and skipped.
 * </li>
 * <li>Reconnects for ever with capped backoff and jitter; one log line per state change.</li>
 * </ul>
 */
@ApplicationScoped
public class MqttIngest {

    private static final Logger LOG = Logger.getLogger(MqttIngest.class);

    /** The Stats API's event names, to name a bare payload from its topic's last level (rlapi2mqtt lowers them). */
    static final Map<String, String> EVENT_NAMES = new HashMap<>();
    static {
        for (String name : List.of("UpdateState", "BallHit", "ClockUpdatedSeconds", "CountdownBegin", "CrossbarHit",
                "GoalReplayEnd", "GoalReplayStart", "GoalReplayWillEnd", "GoalScored", "MatchCreated", "MatchInitialized",
                "MatchDestroyed", "MatchEnded", "MatchPaused", "MatchUnpaused", "PodiumStart", "ReplayCreated",
                "RoundStarted", "StatfeedEvent", "ReplayStart", "ReplayWillEnd", "ReplayEnd")) {
            EVENT_NAMES.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    @Inject
    InOrderConfig config;

    @Inject
    Vertx vertx;

    @Inject
    Ingest ingest;

    @Inject
    EventParser parser;

    @Inject
    ObjectMapper mapper;

    @Inject
    Sources sources;

    @Inject
    Committed committed;

    @Inject
    RecentEvents recent;

    private String host;
    private int port;
    private String sender;
    private Source source;
    private MqttClient client;
    private Context context;
    private volatile boolean stopped;
    private Backoff backoff;
    private boolean reported;
    private boolean ackWhenStored;

    /** A message as received: its payload copied at once (the client's buffer is released when its handler returns). */
    private record Received(MqttPublishMessage message, byte[] payload) {
    }

    /** Received and not yet accepted, in arrival order (on the client's context). */
    private final Deque<Received> waiting = new ArrayDeque<>();
    private boolean retryScheduled;
    private boolean offering;
    /** Accepted and not yet stored: log and offset of the message's event → its packet id (on the client's context). */
    private final Map<String, MqttPublishMessage> unacked = new LinkedHashMap<>();

    void start(@Observes StartupEvent start) {
        var url = config.mqtt().url().filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return;
        }
        URI uri = URI.create(url.get().strip());
        if (!"mqtt".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("inorder.mqtt.url must be mqtt://host:port; got " + url.get());
        }
        host = uri.getHost();
        port = uri.getPort() < 0 ? 1883 : uri.getPort();
        sender = "mqtt@" + host + ":" + port;
        backoff = new Backoff(config.mqtt().maxBackoff());
        source = sources.register(sender, "mqtt", host + ":" + port + " " + config.mqtt().topics());
        ackWhenStored = config.transport() == InOrderConfig.Transport.MEMORY;
        if (ackWhenStored) {
            committed.listen((events, nanos) -> stored(events));
        }
        var options = new MqttClientOptions().setClientId(config.mqtt().clientId()).setCleanSession(false)
                .setKeepAliveInterval(30).setAutoKeepAlive(true).setMaxInflightQueue(1024)
                // Netty 4.1's MqttDecoder throws TooLongFrameException whenever a PUBLISH's variable header is split
                // across two reads and its limit is below Integer.MAX_VALUE (its replaying buffer reports
                // Integer.MAX_VALUE - readerIndex readable bytes): a broker's backlog then closes the connection again
                // and again. So no limit in the decoder; the door limits each event, the broker (message_size_limit)
                // each message.
                .setMaxMessageSize(Integer.MAX_VALUE);
        options.setAutoAck(false);
        config.mqtt().username().ifPresent(options::setUsername);
        config.mqtt().password().ifPresent(options::setPassword);
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            client = MqttClient.create(vertx, options);
            client.publishHandler(this::received);
            client.exceptionHandler(e -> {
                source.error(e.toString());
                LOG.warnf(e, "MQTT: the connection to %s:%d failed", host, port);
            });
            client.closeHandler(closed -> {
                source.connected(false);
                // Not acknowledged: the broker sends them again in the same session, flagged DUP. Those accepted and not
                // yet stored stay in unacked (their packet ids hold in the session), so their repeats are not taken twice.
                if (!offering) {
                    waiting.clear();
                }
                retry("the connection closed");
            });
            LOG.infof("MQTT: connecting to %s:%d as %s (topics %s, QoS 1, persistent session)", host, port,
                    config.mqtt().clientId(), config.mqtt().topics());
            connect();
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        stopped = true;
        if (client != null && client.isConnected()) {
            context.runOnContext(v -> client.disconnect());
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        client.connect(port, host).onComplete(result -> {
            if (result.failed()) {
                retry("cannot connect: " + result.cause().getMessage());
                return;
            }
            Map<String, Integer> topics = new LinkedHashMap<>();
            config.mqtt().topics().forEach(topic -> topics.put(topic, MqttQoS.AT_LEAST_ONCE.value()));
            client.subscribe(topics).onComplete(subscribed -> {
                if (subscribed.failed()) {
                    client.disconnect();
                    return;
                }
                backoff.reset();
                source.connected(true);
                source.error(null);
                if (!reported) {
                    reported = true;
                    LOG.infof("MQTT: subscribed to %s at %s:%d", config.mqtt().topics(), host, port);
                }
            });
        });
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        source.error(why);
        if (reported) {
            reported = false;
            LOG.warnf("MQTT: lost the broker at %s:%d (%s); trying again every %d s at most", host, port, why,
                    config.mqtt().maxBackoff().toSeconds());
        }
        vertx.setTimer(backoff.next(), id -> context.runOnContext(v -> {
            if (!client.isConnected()) {
                connect();
            }
        }));
    }

    private void received(MqttPublishMessage message) {
        if (message.isDup() && (unacked.values().stream().anyMatch(m -> m.messageId() == message.messageId())
                || waiting.stream().anyMatch(r -> r.message().messageId() == message.messageId()))) {
            return; // its first copy is here already
        }
        waiting.add(new Received(message, message.payload().getBytes()));
        drain();
    }

    /**
     * Offers the waiting messages one at a time, in order: the next only once the previous was accepted (in memory at
     * once; on Kafka when the replicas have it). At a refusal the same is offered again later.
     */
    private void drain() {
        while (!waiting.isEmpty() && !offering && !retryScheduled) {
            Received received = waiting.peek();
            MqttPublishMessage message = received.message();
            GameEvent event;
            try {
                event = event(message.topicName(), received.payload());
            } catch (Invalid e) {
                waiting.poll();
                source.refused(e.getMessage());
                LOG.warnf("MQTT: skipped a message on %s the door refuses (%s): %s", message.topicName(), e.reason().code(),
                        e.getMessage());
                message.ack();
                continue;
            }
            if (message.isDup() && recent.seen(event)) {
                waiting.poll();
                source.error("skipped a repeat of a stored event (" + event.event() + ")");
                message.ack();
                continue;
            }
            offering = true;
            ingest.append(sender, List.of(event), received.payload().length).whenComplete((accepted, failure) ->
                    context.runOnContext(v -> {
                        if (failure == null) {
                            accepted(message, accepted);
                        } else {
                            refused(failure);
                        }
                    }));
        }
    }

    private void accepted(MqttPublishMessage message, Ingest.Accepted accepted) {
        offering = false;
        waiting.poll();
        source.taken(1);
        source.paused(false);
        if (ackWhenStored) {
            unacked.put(accepted.log() + "/" + accepted.offset(), message);
        } else if (client.isConnected()) {
            message.ack();
        }
        drain();
    }

    private void refused(Throwable failure) {
        offering = false;
        if (!(failure instanceof Refused)) {
            source.error(failure.getMessage());
            LOG.errorf(failure, "MQTT: ingest failed on a message; it is offered again");
        }
        long wait = failure instanceof Refused r ? Math.min(1_000, r.retryAfterSeconds() * 1_000L) : 1_000;
        source.paused(true);
        retryScheduled = true;
        vertx.setTimer(Math.max(50, wait), id -> context.runOnContext(v -> {
            retryScheduled = false;
            drain();
        }));
    }

    private GameEvent event(String topic, byte[] payload) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (Exception e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, "The payload is not JSON: " + e.getMessage());
        }
        if (root != null && root.isObject() && root.has("Event")) {
            return parser.parse("application/json", payload).get(0);
        }
        // Bare Data: the event is the topic's last level.
        String last = topic.substring(topic.lastIndexOf('/') + 1);
        ObjectNode envelope = mapper.createObjectNode().put("Event", EVENT_NAMES.getOrDefault(last.toLowerCase(Locale.ROOT), last));
        envelope.set("Data", root);
        return parser.parse("application/json", envelope.toString().getBytes(StandardCharsets.UTF_8)).get(0);
    }

    /** On the consumer's thread: these events are stored; acknowledge their messages on the client's context. */
    private void stored(List<AcceptedEvent> events) {
        List<String> keys = events.stream().filter(e -> sender.equals(e.source())).map(e -> e.log() + "/" + e.offset()).toList();
        if (keys.isEmpty()) {
            return;
        }
        context.runOnContext(v -> {
            for (String key : keys) {
                MqttPublishMessage message = unacked.remove(key);
                if (message != null && client.isConnected()) {
                    message.ack();
                }
            }
        });
    }
}
