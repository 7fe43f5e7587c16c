package dev.inorder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the service, under the {@code inorder.} prefix (env vars: {@code INORDER_...}). */
@ConfigMapping(prefix = "inorder")
public interface InOrderConfig {

    /** Largest request body {@code POST /events} takes; a larger one is answered 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Most events one request may carry (JSON array or NDJSON lines); more is answered 413. */
    @WithDefault("1000")
    int maxBatch();

    /**
     * How long a {@code POST} may take to arrive whole, however slowly it drips: past it the connection is closed.
     * (The HTTP idle timeout only cuts a client that sends nothing at all.)
     */
    @WithDefault("30s")
    Duration requestTimeout();

    /** When set, writes ({@code POST /events}) need it in {@code X-Api-Key} or {@code Authorization: Bearer}. */
    Optional<String> apiKey();

    /** When set, reads ({@code GET} of the API) need it, or the write key, the same way. */
    Optional<String> readApiKey();

    /**
     * Senders and their keys ({@code inorder.senders.<name>.key}): a request made with a sender's key is that sender,
     * whatever its {@code X-Source-Id} says, and a match belongs to the sender that created it and the senders it
     * allows. The write key stays a relay's key: its requests name their sender in {@code X-Source-Id}.
     */
    Map<String, Sender> senders();

    interface Sender {
        /** The sender's key, in {@code X-Api-Key} or {@code Authorization: Bearer}: it writes as this sender only. */
        String key();

        /** Other senders that may report this sender's matches too (a spectator PC and a player's PC). */
        Optional<List<String>> allow();
    }

    /** Where the embedded H2 database keeps its file; relative paths start at the working directory. */
    @WithDefault("./data")
    String dataDir();

    /** Where accepted events travel to the ordered consumer: {@code memory} (default) or {@code kafka} (the kafka profile). */
    @WithDefault("memory")
    Transport transport();

    Kafka kafka();

    Queue queue();

    Processing processing();

    Store store();

    Shutdown shutdown();

    Live live();

    Sos sos();

    Webhook webhook();

    Clients clients();

    StatsApi statsapi();

    /** The game's Stats API: InOrder connects to the game and keeps connected. */
    interface StatsApi {
        /** {@code host:port} of the game's Stats API (49123 by default in the game); unset: no connection. */
        Optional<String> address();

        /** No byte for this long: the game is taken as gone (it quits without closing), and InOrder connects again. */
        @WithDefault("60s")
        Duration idleTimeout();

        /** The longest wait between two connection attempts (backoff doubles from 250 ms, with jitter). */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    Mqtt mqtt();

    /** MQTT ingest: InOrder subscribes to a broker, as rlapi2mqtt publishes. */
    interface Mqtt {
        /** {@code mqtt://host:port} of the broker; unset: no subscription. */
        Optional<String> url();

        /** Topic filters to subscribe to, QoS 1. */
        @WithDefault("rlapi2mqtt/#")
        List<String> topics();

        /** The client id: stable, so that the broker keeps the session (and what arrives) while InOrder is down. */
        @WithDefault("inorder")
        String clientId();

        Optional<String> username();

        Optional<String> password();

        /** The longest wait between two connection attempts. */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    interface Clients {
        /**
         * Most requests per second one client may make (its sender, when a sender key names it, else its address),
         * with bursts of twice as many; beyond, {@code 429 too_many_requests}. 0 (the default) is no limit.
         */
        @WithDefault("0")
        double maxRequestsPerSecond();
    }

    /** Outbound webhooks: goals, demolitions and match ends posted after commit (Discord-compatible bodies). */
    interface Webhook {
        /** Where to post, comma-separated (Discord webhook URLs, or any endpoint taking JSON); unset: none. */
        Optional<List<String>> url();
    }

    /** The overlay feed: what was applied, in the SOS plugin's WebSocket language, at {@code /sos}. */
    interface Sos {
        /**
         * Also serve the feed on this port, at every path (overlays that hard-code {@code ws://localhost:49122}); on
         * the HTTP host, behind the same read key ({@code ?apiKey=}). Unset: only {@code /sos} on the HTTP port.
         */
        Optional<Integer> port();

        /** Most overlay clients at once (both ports together); one more is answered 503 {@code too_many_clients}. */
        @WithDefault("100")
        int maxClients();

        /**
         * In a series, each team's {@code name} in {@code game:update_state} carries its series wins,
         * {@code "Ducks (1)"}, for overlays that show only the name; false: the bare name (the wins are in
         * {@code series_wins} either way).
         */
        @WithDefault("true")
        boolean seriesScoreInNames();
    }

    interface Live {
        /** Most clients of {@code GET /live} at once; one more is answered 503 {@code too_many_clients}. */
        @WithDefault("1000")
        int maxClients();

        /** How long a client whose buffer is full may take nothing before it is disconnected. */
        @WithDefault("10s")
        java.time.Duration stallAfter();

        /** At most one live update per interval: a match changed several times in between is sent once, as it is now. */
        @WithDefault("100ms")
        java.time.Duration interval();

        /**
         * Most bytes per second written to all live clients together (default 32 MB/s); a flush that wrote more spaces
         * the next one out, so that thousands of clients cannot take the core ingest needs. 0: no budget.
         */
        @WithDefault("33554432")
        long maxBytesPerSecond();
    }

    enum Transport {
        MEMORY,
        KAFKA
    }

    interface Kafka {
        /** The topic ingest writes to and the consumer reads from; keyed by MatchGuid, so order holds per match. */
        @WithDefault("inorder-events")
        String topic();
    }

    interface Queue {
        /**
         * Most events accepted but not yet processed (in memory), or sent and not yet acknowledged by the broker
         * (Kafka); a request that does not fit whole is answered 503.
         */
        @WithDefault("10000")
        int capacity();

        /**
         * Most bytes of request bodies accepted but not yet processed, in memory: a few huge events cannot fill the
         * heap (their parsed form takes several times their size). A request that does not fit is answered 503.
         */
        @WithDefault("4M")
        MemorySize maxBytes();

        /**
         * How long a request that finds the queue full waits for room, in arrival order behind the others waiting,
         * before it is answered 503 {@code queue_full}; {@code 0}: refused at once. A wait absorbs a short burst (a
         * garbage collection, a slow commit) while the consumer frees room a chunk at a time. As many events and bytes
         * again as the queue's own may wait; a request beyond that is refused at once.
         */
        @WithDefault("250ms")
        Duration maxWait();
    }

    interface Processing {
        /** Most consecutive events handed to the ordered consumer as one message; they are still applied one at a time. */
        @WithDefault("500")
        int maxChunk();

        /**
         * Under load, how long after a chunk went to the consumer the next one waits for more events (unless
         * {@code max-chunk} wait): the store commits, and syncs its file, once per chunk. {@code 0s}: at once.
         */
        @WithDefault("5ms")
        Duration linger();

        /** {@code store} applies events to matches in the database; {@code memory} only counts them (benchmarks). */
        @WithDefault("store")
        Handler handler();

        enum Handler {
            STORE,
            MEMORY
        }
    }

    interface Store {
        /** Most matches kept in memory between events; the others are read from the database when they come back. */
        @WithDefault("10000")
        int maxCachedMatches();

        /**
         * On the embedded H2 store: force each chunk's commit to the disk ({@code CHECKPOINT SYNC}, an fsync) before the
         * consumer goes on, so that it survives a power loss, not only a crash of the process. PostgreSQL does this
         * at every commit by itself.
         */
        @WithDefault("true")
        boolean syncCommits();

        /**
         * On the embedded H2 store: how often its file is compacted (the live pages of chunks mostly dead are rewritten,
         * so that their space is used again; {@code WRITE_DELAY=0} leaves H2 without the background thread that does
         * it), and forced to the disk. {@code 0s}: never. With {@code sync-commits}, unused chunks are then kept two
         * intervals instead of H2's 45 s ({@link dev.inorder.store.H2Upkeep}).
         */
        @WithDefault("5s")
        Duration compactEvery();
    }

    interface Shutdown {
        /** How long a clean stop waits for accepted events to be processed before it gives up and logs what is left. */
        @WithDefault("30s")
        Duration drainTimeout();
    }
}
