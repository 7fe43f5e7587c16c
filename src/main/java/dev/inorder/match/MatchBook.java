package dev.inorder.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.inorder.AcceptedEvent;

/**
 * The business logic processor: applies events to matches in memory, in the order given, and collects what changed
 * until {@link #takeChanges()} hands it to the store to write in one transaction. Plain Java, single-threaded.
 * <ul>
 * <li>Stale and duplicate guard: per sender, an event whose {@code Seq} is not above the highest applied is skipped
 * and counted ({@code duplicates} when equal, {@code stale} when lower). Events without {@code Seq} always apply.</li>
 * <li>An event at or below the store's last applied offset was applied before (a replay) and is skipped as a duplicate.</li>
 * <li>Matches without {@code MatchGuid} (offline) are kept apart per sender: one starts at the sender's first event,
 * or at MatchCreated, and the sender's next event after MatchDestroyed starts another.</li>
 * </ul>
 */
public class MatchBook {

    /** Where the book reads what it does not hold in memory: the store. */
    public interface Loader {
        Optional<Match> match(String key);

        /** The key of the sender's latest offline match still live, if any. */
        Optional<String> liveOfflineMatch(String source);

        Map<String, Long> seqs();

        long lastOffset();
    }

    /** A player's final line in a match that just ended, to add to their career once. */
    public record CareerCredit(PlayerLine line, boolean won) {
    }

    /** Everything to write in one transaction. {@code inserted} matches are new to the store. */
    public record Changes(List<Match> inserted, List<Match> updated, List<TimelineEntry> timeline,
            List<CareerCredit> credits, Map<String, Long> seqs, long lastOffset) {
    }

    static final String OFFLINE_PREFIX = "offline-";

    private final Loader loader;
    private final int maxCachedMatches;

    private final LinkedHashMap<String, Match> matches = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> stored = new HashSet<>();
    private final Map<String, String> offlineBySource = new HashMap<>();
    private Map<String, Long> seqs;
    private long lastOffset = -1;

    private final Set<String> dirty = new HashSet<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<CareerCredit> credits = new ArrayList<>();
    private final Map<String, Long> dirtySeqs = new HashMap<>();

    private volatile long stale;
    private volatile long duplicates;

    public MatchBook(Loader loader, int maxCachedMatches) {
        this.loader = loader;
        this.maxCachedMatches = maxCachedMatches;
    }

    /** Applies one event, or skips it as stale or duplicate. An exception from the match logic leaves the matches as they were. */
    public void apply(AcceptedEvent event) {
        loadPositionOnce();
        Long seq = event.event().seq();
        if (event.offset() <= lastOffset) {
            duplicates++;
            return;
        }
        if (seq != null) {
            Long last = seqs.get(event.source());
            if (last != null && seq <= last) {
                if (seq.equals(last)) {
                    duplicates++;
                } else {
                    stale++;
                }
                lastOffset = event.offset();
                return;
            }
        }
        String key = keyFor(event);
        var outcome = MatchProcessor.apply(find(key), key, event);

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
            seqs.put(event.source(), seq);
            dirtySeqs.put(event.source(), seq);
        }
        lastOffset = event.offset();
    }

    /** What changed since the last call; the caller writes it, then calls {@link #written} or {@link #forget}. */
    public Changes takeChanges() {
        loadPositionOnce();
        List<Match> inserted = new ArrayList<>();
        List<Match> updated = new ArrayList<>();
        for (String key : dirty) {
            (stored.contains(key) ? updated : inserted).add(matches.get(key));
        }
        var changes = new Changes(inserted, updated, List.copyOf(timeline), List.copyOf(credits), Map.copyOf(dirtySeqs), lastOffset);
        dirty.clear();
        timeline.clear();
        credits.clear();
        dirtySeqs.clear();
        return changes;
    }

    /** The store holds {@code changes} now; trim the cache of matches to its bound. */
    public void written(Changes changes) {
        changes.inserted().forEach(m -> stored.add(m.key()));
        Iterator<String> eldest = matches.keySet().iterator();
        while (matches.size() > maxCachedMatches && eldest.hasNext()) {
            String key = eldest.next();
            eldest.remove();
            stored.remove(key);
            offlineBySource.values().remove(key);
        }
    }

    /** Writing failed: drop everything held in memory, so the next event reads the store's truth again. */
    public void forget() {
        matches.clear();
        stored.clear();
        offlineBySource.clear();
        dirty.clear();
        timeline.clear();
        credits.clear();
        dirtySeqs.clear();
        seqs = null;
        lastOffset = -1;
    }

    public long stale() {
        return stale;
    }

    public long duplicates() {
        return duplicates;
    }

    private void loadPositionOnce() {
        if (seqs == null) {
            seqs = new HashMap<>(loader.seqs());
            lastOffset = loader.lastOffset();
        }
    }

    private String keyFor(AcceptedEvent event) {
        String guid = event.event().matchGuid();
        if (guid != null) {
            return guid;
        }
        String source = event.source();
        String current = "MatchCreated".equals(event.event().event()) ? null
                : offlineBySource.computeIfAbsent(source, s -> loader.liveOfflineMatch(s).orElse(null));
        if (current == null) {
            current = OFFLINE_PREFIX + event.offset();
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
