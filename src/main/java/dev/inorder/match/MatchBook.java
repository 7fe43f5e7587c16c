package dev.inorder.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.inorder.AcceptedEvent;
import dev.inorder.GameEvent;

/**
 * The business logic processor: applies events to matches in memory, in the order given, and collects what changed
 * until {@link #takeChanges()} hands it to the store to write in one transaction. Plain Java, single-threaded.
 * <ul>
 * <li>Stale and duplicate guard: per sender and match, an event whose {@code Seq} is not above the highest applied is
 * skipped and counted ({@code duplicates} when equal, {@code stale} when lower). Events without {@code Seq} always apply.</li>
 * <li>Replay guard: an event at or below its log's last applied offset was applied before (a Kafka redelivery after
 * a crash or a rebalance) and is skipped, counted in {@code replayed}.</li>
 * <li>Matches without {@code MatchGuid} (offline) are kept apart per sender: one starts at the sender's first event;
 * after a MatchCreated or MatchDestroyed without a guid, the sender's next event without one starts another. Such a
 * MatchCreated is kept nowhere: online, the game sends it before the match has its guid.</li>
 * </ul>
 * The store writes a log's new position only if it still holds the position this book started from, so a book whose
 * memory went stale (another instance moved the log on) fails its write, {@link #forget}s, and reads the store again.
 */
public class MatchBook {

    /** Where the book reads what it does not hold in memory: the store. */
    public interface Loader {
        Optional<Match> match(String key);

        /** The key of the sender's latest offline match still live, if any. */
        Optional<String> liveOfflineMatch(String source);

        /** The highest Seq applied for a sender in a match, if any. */
        Optional<Long> lastSeq(SeqKey key);

        /** The offset of the last event applied from {@code log}, or {@link #NONE}. */
        long position(String log);
    }

    /** Whose Seqs are compared: a sender in one match ({@code matchGuid} is empty for offline matches). */
    public record SeqKey(String source, String matchGuid) {
        static SeqKey of(AcceptedEvent event) {
            return of(event.source(), event.event());
        }

        /** The pair an event of {@code source} is guarded under: offline matches (no guid) under {@code ""}. */
        public static SeqKey of(String source, GameEvent event) {
            String guid = event.matchGuid();
            return new SeqKey(source, guid == null ? "" : guid);
        }
    }

    /** A log's position as the book found it ({@code expected}, {@link #NONE} if new) and as it leaves it. */
    public record Position(long expected, long applied) {
    }

    /** A player's final line in a match that just ended, to add to their career once. */
    public record CareerCredit(PlayerLine line, boolean won) {
    }

    /**
     * Everything to write in one transaction. {@code inserted} matches are new to the store; {@code updated} are all the
     * others the chunk changed (the live views show each), of which the store leaves out {@code unchangedInStore}:
     * nothing it keeps changed since it last wrote them, but boost figures and the event time, less than
     * {@link #REFRESH_MILLIS} ago ({@link #toStore()}).
     */
    public record Changes(List<Match> inserted, List<Match> updated, List<TimelineEntry> timeline,
            List<CareerCredit> credits, Map<SeqKey, Long> seqs, Map<String, Position> positions,
            Set<String> unchangedInStore, Map<String, Match> lastWritten) {

        public Changes(List<Match> inserted, List<Match> updated, List<TimelineEntry> timeline, List<CareerCredit> credits,
                Map<SeqKey, Long> seqs, Map<String, Position> positions) {
            this(inserted, updated, timeline, credits, seqs, positions, Set.of(), Map.of());
        }

        /**
         * What the store holds of an updated match, as this book last wrote it, or {@code null} when unknown (read
         * back from the store, or written by another book): the store may then update its player lines in place.
         */
        public Match storedBefore(String key) {
            return lastWritten.get(key);
        }

        /** The updated matches the store writes. */
        public List<Match> toStore() {
            if (unchangedInStore.isEmpty()) {
                return updated;
            }
            List<Match> write = new ArrayList<>(updated.size());
            for (Match m : updated) {
                if (!unchangedInStore.contains(m.key())) {
                    write.add(m);
                }
            }
            return write;
        }
    }

    /**
     * How stale a stored match may be in what changes on every snapshot and no query ranks by (boost, boost time, the
     * time of its last event): at most this much, unless something else it keeps changes first. The game sends up to
     * 120 snapshots a second per match; writing each one's rows would be most of the store's work.
     */
    public static final long REFRESH_MILLIS = 1_000;

    /** The position of a log nothing was applied from. */
    public static final long NONE = -1;

    static final String OFFLINE_PREFIX = "offline-";

    /** In {@code offlineBySource}: the sender's next event without a guid starts a new offline match. */
    private static final String NEXT_STARTS_NEW = "";

    private final Loader loader;
    private final int maxCachedMatches;
    private final Ownership ownership;

    private final LinkedHashMap<String, Match> matches = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> stored = new HashSet<>();
    private final Map<String, String> offlineBySource = new HashMap<>();
    // Access-ordered, trimmed after each write like the matches: a sender × match pair not seen lately is read back
    // from the store when it returns, so the guard's memory is bounded however many pairs an attacker invents.
    private final LinkedHashMap<SeqKey, Long> seqs = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, Long> writtenPositions = new HashMap<>();

    private final Set<String> dirty = new HashSet<>();
    /** Each cached match as the store last wrote it: what {@link #takeChanges()} compares with. */
    private final Map<String, Match> written = new HashMap<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<CareerCredit> credits = new ArrayList<>();
    private final Map<SeqKey, Long> dirtySeqs = new HashMap<>();
    private final Set<String> dirtyLogs = new HashSet<>();

    /** What became of an event: applied, or skipped by one of the guards, and why. */
    public enum Outcome {
        APPLIED,
        /** Its Seq was below its sender's highest applied in the match. */
        STALE,
        /** Its Seq was applied already. */
        DUPLICATE,
        /** Its log had been applied past it (Kafka redelivery after a crash or a rebalance). */
        REPLAYED,
        /** It would have changed an ended match's result. */
        AFTER_END,
        /** Its Seq was more than {@link MatchBook#MAX_SEQ_JUMP} ahead of its sender's last. */
        SEQ_JUMP,
        /** Its sender may not report that match (sender keys configured). */
        FOREIGN
    }

    // Counted as events are applied, and folded into the totals only when their changes are written, so that a chunk
    // applied again after a failed write is not counted twice. One writer; the totals are read by status threads.
    private final long[] pending = new long[Outcome.values().length];
    private final AtomicLongArray counted = new AtomicLongArray(Outcome.values().length);

    /** How far ahead of its sender's last applied Seq an event may be: further is a bad value, not a real stream. */
    public static final long MAX_SEQ_JUMP = 1_000_000;

    public MatchBook(Loader loader, int maxCachedMatches) {
        this(loader, maxCachedMatches, Ownership.ANYONE);
    }

    /** @param ownership who may report a match besides the sender that created it */
    public MatchBook(Loader loader, int maxCachedMatches, Ownership ownership) {
        this.loader = loader;
        this.maxCachedMatches = maxCachedMatches;
        this.ownership = ownership;
    }

    /** Applies one event, or skips it as a replay, stale or duplicate. An exception from the match logic leaves the matches as they were. */
    public void apply(AcceptedEvent event) {
        String log = event.log();
        if (event.offset() <= position(log)) {
            pending[Outcome.REPLAYED.ordinal()]++;
            return;
        }
        Long seq = event.event().seq();
        SeqKey seqKey = seq == null ? null : SeqKey.of(event);
        if (seq != null) {
            Long last = seqs.computeIfAbsent(seqKey, k -> loader.lastSeq(k).orElse(null));
            if (last != null && seq <= last) {
                skipped(seq.equals(last) ? Outcome.DUPLICATE : Outcome.STALE, event);
                return;
            }
            if (last != null && seq - last > MAX_SEQ_JUMP) {
                // Taken, it would make every later event of this sender stale: one bad value would freeze it.
                skipped(Outcome.SEQ_JUMP, event);
                return;
            }
        }
        if (event.event().matchGuid() == null && "MatchCreated".equals(event.event().event())) {
            // The game sends MatchCreated before the match has its MatchGuid, online too (the guid comes with
            // MatchInitialized). It only says that this sender's next event without a guid starts a new offline
            // match; kept nowhere, so an online match leaves no empty offline twin behind.
            offlineBySource.put(event.source(), NEXT_STARTS_NEW);
            if (seq != null) {
                seqs.put(seqKey, seq);
                dirtySeqs.put(seqKey, seq);
            }
            advance(log, event.offset());
            pending[Outcome.APPLIED.ordinal()]++;
            return;
        }
        String key = keyFor(event);
        Match current = find(key);
        if (current != null && !ownership.mayReport(current.source(), event.source())) {
            // Another sender's match: it may not change it (nor its Seq guard: the owner's stream stays its own).
            skipped(Outcome.FOREIGN, event);
            return;
        }
        if (current != null && current.ended() && MatchProcessor.changesResult(event.event().event())) {
            // An ended match is final: a later snapshot, clock or second MatchEnded must not rewrite its result.
            if (seq != null) {
                seqs.put(seqKey, seq);
                dirtySeqs.put(seqKey, seq);
            }
            skipped(Outcome.AFTER_END, event);
            return;
        }
        var outcome = MatchProcessor.apply(current, key, event);

        matches.put(key, outcome.match());
        dirty.add(key);
        if (outcome.timelineEntry() != null) {
            timeline.add(outcome.timelineEntry());
        }
        if (outcome.justEnded()) {
            var m = outcome.match();
            for (PlayerLine line : m.players()) {
                credits.add(new CareerCredit(line, m.winnerTeamNum() != null && line.teamNum() == m.winnerTeamNum()));
            }
        }
        if (event.event().matchGuid() == null && "MatchDestroyed".equals(event.event().event())) {
            offlineBySource.remove(event.source());
        }
        if (seq != null) {
            seqs.put(seqKey, seq);
            dirtySeqs.put(seqKey, seq);
        }
        advance(log, event.offset());
        pending[Outcome.APPLIED.ordinal()]++;
    }

    /** Skips an event for {@code why}: its log moves past it, and nothing else changes. */
    private void skipped(Outcome why, AcceptedEvent event) {
        pending[why.ordinal()]++;
        advance(event.log(), event.offset());
    }

    /**
     * Moves past an event without applying it (it is set aside as a dead letter): its log's position advances, and
     * nothing else changes. A replay is ignored, as by {@link #apply}.
     */
    public void skip(AcceptedEvent event) {
        if (event.offset() > position(event.log())) {
            advance(event.log(), event.offset());
        }
    }

    /** What changed since the last call; the caller writes it, then calls {@link #written} or {@link #forget}. */
    public Changes takeChanges() {
        List<Match> inserted = new ArrayList<>();
        List<Match> updated = new ArrayList<>();
        Set<String> unchanged = new HashSet<>();
        Map<String, Match> lastWritten = new HashMap<>();
        for (String key : dirty) {
            Match m = matches.get(key);
            (stored.contains(key) ? updated : inserted).add(m);
            Match last = written.get(key);
            if (last != null && stored.contains(key)) {
                lastWritten.put(key, last);
                if (m.updatedAtMillis() - last.updatedAtMillis() < REFRESH_MILLIS && sameInStore(last, m)) {
                    unchanged.add(key);
                }
            }
        }
        Map<String, Position> moved = new HashMap<>();
        for (String log : dirtyLogs) {
            moved.put(log, new Position(writtenPositions.get(log), positions.get(log)));
        }
        var changes = new Changes(inserted, updated, List.copyOf(timeline), List.copyOf(credits), Map.copyOf(dirtySeqs),
                Map.copyOf(moved), Set.copyOf(unchanged), lastWritten);
        dirty.clear();
        timeline.clear();
        credits.clear();
        dirtySeqs.clear();
        dirtyLogs.clear();
        return changes;
    }

    /** The store holds {@code changes} now; trim the cache of matches to its bound. */
    public void written(Changes changes) {
        for (int i = 0; i < pending.length; i++) {
            counted.addAndGet(i, pending[i]);
        }
        Arrays.fill(pending, 0);
        changes.inserted().forEach(m -> stored.add(m.key()));
        changes.inserted().forEach(m -> written.put(m.key(), m));
        changes.toStore().forEach(m -> written.put(m.key(), m));
        changes.positions().forEach((log, position) -> writtenPositions.put(log, position.applied()));
        Iterator<String> eldest = matches.keySet().iterator();
        while (matches.size() > maxCachedMatches && eldest.hasNext()) {
            String key = eldest.next();
            eldest.remove();
            stored.remove(key);
            written.remove(key);
            offlineBySource.values().remove(key);
        }
        Iterator<SeqKey> eldestSeq = seqs.keySet().iterator();
        while (seqs.size() > maxCachedSeqs() && eldestSeq.hasNext()) {
            eldestSeq.next();
            eldestSeq.remove();
        }
    }

    /**
     * Whether the store would keep the same for both: every column but the time of the last event, and each player's
     * line but the boost now and the boost time (which move on every snapshot).
     */
    static boolean sameInStore(Match a, Match b) {
        if (!Objects.equals(a.arena(), b.arena()) || !Objects.equals(a.state(), b.state())
                || !Objects.equals(a.timeSeconds(), b.timeSeconds()) || a.overtime() != b.overtime()
                || !a.teams().equals(b.teams()) || !Objects.equals(a.winnerTeamNum(), b.winnerTeamNum())
                || !Objects.equals(a.winner(), b.winner()) || a.firstSeenMillis() != b.firstSeenMillis()
                || a.players().size() != b.players().size()) {
            return false;
        }
        for (int i = 0; i < a.players().size(); i++) {
            PlayerLine p = a.players().get(i);
            PlayerLine q = b.players().get(i);
            if (!p.id().equals(q.id()) || !Objects.equals(p.name(), q.name()) || p.teamNum() != q.teamNum()
                    || p.score() != q.score() || p.goals() != q.goals() || p.shots() != q.shots()
                    || p.assists() != q.assists() || p.saves() != q.saves() || p.touches() != q.touches()
                    || p.demos() != q.demos() || p.derived().demosTaken() != q.derived().demosTaken()
                    || p.derived().mvp() != q.derived().mvp() || p.derived().boostSeen() != q.derived().boostSeen()) {
                return false;
            }
        }
        return true;
    }

    /** Most Seq guard entries kept in memory: a few senders per cached match. */
    private int maxCachedSeqs() {
        return maxCachedMatches * 4;
    }

    /** Seq guard entries held in memory; bounded. */
    public int cachedSeqs() {
        return seqs.size();
    }

    /**
     * Drop everything held in memory, so the next event reads the store's truth again: after a failed write, and when
     * Kafka moves partitions between instances.
     */
    public void forget() {
        matches.clear();
        stored.clear();
        written.clear();
        offlineBySource.clear();
        seqs.clear();
        positions.clear();
        writtenPositions.clear();
        dirty.clear();
        timeline.clear();
        credits.clear();
        dirtySeqs.clear();
        dirtyLogs.clear();
        Arrays.fill(pending, 0);
    }

    /** Events with this outcome, over what was written (never what was forgotten). */
    public long count(Outcome outcome) {
        return counted.get(outcome.ordinal());
    }

    private long position(String log) {
        Long known = positions.get(log);
        if (known == null) {
            known = loader.position(log);
            positions.put(log, known);
            writtenPositions.put(log, known);
        }
        return known;
    }

    private void advance(String log, long offset) {
        positions.put(log, offset);
        dirtyLogs.add(log);
    }

    private String keyFor(AcceptedEvent event) {
        String guid = event.event().matchGuid();
        if (guid != null) {
            return guid;
        }
        String source = event.source();
        String current = offlineBySource.computeIfAbsent(source, s -> loader.liveOfflineMatch(s).orElse(null));
        if (current == null || current.equals(NEXT_STARTS_NEW)) {
            // Offsets are unique within a log only: on Kafka the log is part of the key.
            current = OFFLINE_PREFIX + (AcceptedEvent.MEMORY.equals(event.log()) ? "" : event.log() + "-") + event.offset();
            offlineBySource.put(source, current);
        }
        return current;
    }

    private Match find(String key) {
        Match cached = matches.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<Match> loaded = loader.match(key);
        loaded.ifPresent(m -> stored.add(key));
        return loaded.orElse(null);
    }
}
