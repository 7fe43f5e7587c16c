package dev.inorder.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.inorder.GameEvent;
import dev.inorder.match.MatchBook;
import dev.inorder.match.MatchBook.SeqKey;

/**
 * The door's look at {@code Seq}: per sender and match, the highest Seq accepted lately, so that a Seq implausibly
 * far ahead of it ({@value #MAX_JUMP}) is refused with {@link Invalid.Reason#SEQ_JUMP} before it is taken, and one bad
 * value cannot make every later event of its sender stale. It remembers the {@code capacity} pairs seen most recently;
 * a pair it forgot (or never saw since start) is not checked here, and the ordered consumer's own guard, which reads
 * the store, skips and counts such a jump instead.
 */
public final class SeqWatch {

    /** How far ahead of its sender's last Seq in a match an event may be; the consumer's guard uses the same. */
    public static final long MAX_JUMP = MatchBook.MAX_SEQ_JUMP;

    private final LinkedHashMap<SeqKey, Long> last;

    public SeqWatch(int capacity) {
        this.last = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SeqKey, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** What {@link #check} found: the highest Seq per pair in the request, to remember once it is accepted. */
    public static final class Seen {
        private static final Seen NONE = new Seen(Map.of());
        private final Map<SeqKey, Long> highest;

        private Seen(Map<SeqKey, Long> highest) {
            this.highest = highest;
        }
    }

    /**
     * @throws Invalid {@code seq_jump} naming the event, when one jumps more than {@value #MAX_JUMP} ahead of its
     *         sender's last in its match (earlier events of the same request count)
     */
    public Seen check(String source, List<GameEvent> events) {
        Map<SeqKey, Long> highest = null;
        for (int i = 0; i < events.size(); i++) {
            GameEvent event = events.get(i);
            Long seq = event.seq();
            if (seq == null) {
                continue;
            }
            if (highest == null) {
                highest = new HashMap<>();
            }
            SeqKey key = SeqKey.of(source, event); // the pair the consumer's guard uses
            Long base = highest.get(key);
            if (base == null) {
                synchronized (this) {
                    base = last.get(key);
                }
            }
            if (base != null && seq - base > MAX_JUMP) {
                throw new Invalid(Invalid.Reason.SEQ_JUMP, (events.size() == 1 ? "The event" : "Event " + i) + ": \"Seq\" "
                        + seq + " is more than " + MAX_JUMP + " ahead of this sender's last in the match (" + base
                        + "); nothing was taken.");
            }
            highest.merge(key, seq, Math::max);
        }
        return highest == null ? Seen.NONE : new Seen(highest);
    }

    /** Remembers what an accepted request carried. */
    public void accepted(Seen seen) {
        if (seen.highest.isEmpty()) {
            return;
        }
        synchronized (this) {
            seen.highest.forEach((key, seq) -> last.merge(key, seq, Math::max));
        }
    }
}
