package dev.inorder.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.AcceptedEvent;
import dev.inorder.ingest.EventParser;
import dev.inorder.support.MatchScript;

/** The business logic on its own: no Quarkus, no database. */
class MatchBookTest {

    /** A store in memory: what the book wrote is what it reads back. */
    static class MemoryStore implements MatchBook.Loader {
        final Map<String, Match> matches = new HashMap<>();
        final List<TimelineEntry> timeline = new ArrayList<>();
        final List<MatchBook.CareerCredit> credits = new ArrayList<>();
        final Map<MatchBook.SeqKey, Long> seqs = new HashMap<>();
        final Map<String, Long> positions = new HashMap<>();

        void write(MatchBook.Changes changes) {
            changes.inserted().forEach(m -> matches.put(m.key(), m));
            changes.toStore().forEach(m -> matches.put(m.key(), m));
            timeline.addAll(changes.timeline());
            credits.addAll(changes.credits());
            seqs.putAll(changes.seqs());
            changes.positions().forEach((log, position) -> {
                // what the store does: a position moves only from where the writer found it
                assertThat(positions.getOrDefault(log, MatchBook.NONE)).isEqualTo(position.expected());
                positions.put(log, position.applied());
            });
        }

        @Override
        public Optional<Match> match(String key) {
            return Optional.ofNullable(matches.get(key));
        }

        @Override
        public Optional<String> liveOfflineMatch(String source) {
            return matches.values().stream().filter(m -> m.guid() == null && m.source().equals(source) && !m.ended())
                    .max((a, b) -> Long.compare(a.lastOffset(), b.lastOffset())).map(Match::key);
        }

        @Override
        public Optional<Long> lastSeq(MatchBook.SeqKey key) {
            return Optional.ofNullable(seqs.get(key));
        }

        @Override
        public long position(String log) {
            return positions.getOrDefault(log, MatchBook.NONE);
        }
    }

    final EventParser parser = new EventParser(new ObjectMapper(), 1 << 20, 10_000);
    final MemoryStore store = new MemoryStore();
    MatchBook book = new MatchBook(store, 100);
    long offset;

    void play(String source, List<String> events, int chunk) {
        for (int i = 0; i < events.size(); i++) {
            var event = parser.parse("application/json", events.get(i).getBytes(StandardCharsets.UTF_8)).get(0);
            book.apply(new AcceptedEvent(++offset, source, 1_000 + offset, event));
            if ((i + 1) % chunk == 0 || i == events.size() - 1) {
                var changes = book.takeChanges();
                store.write(changes);
                book.written(changes);
            }
        }
    }

    static void assertFinalState(Match m) {
        assertThat(m.state()).isEqualTo(Match.ENDED);
        assertThat(m.arena()).isEqualTo("Stadium_P");
        assertThat(m.timeSeconds()).isEqualTo(23);
        assertThat(m.overtime()).isTrue();
        assertThat(m.teams()).containsExactly(new Team(0, "Blue", 2), new Team(1, "Orange", 1));
        assertThat(m.winnerTeamNum()).isZero();
        assertThat(m.winner()).isEqualTo("Blue");
        assertThat(m.players()).hasSize(6);
        for (int p = 0; p < 6; p++) {
            int[] f = MatchScript.FINAL[p];
            PlayerLine line = m.players().get(p);
            assertThat(line.name()).isEqualTo(MatchScript.NAMES[p]);
            assertThat(new int[] { line.score(), line.goals(), line.shots(), line.assists(), line.saves(), line.touches(), line.demos() })
                    .as(line.name()).containsExactly(f);
        }
    }

    @Test
    void shouldTurnARealisticMatchIntoItsFinalStateTimelineAndCareers() {
        var script = new MatchScript("GUID-1", "a");
        play("pc", script.events(), 4);

        assertFinalState(store.matches.get("GUID-1"));
        assertThat(store.timeline).extracting(TimelineEntry::event).containsExactlyElementsOf(script.timelineEvents());
        assertThat(store.timeline).extracting(TimelineEntry::offset).isSorted().doesNotHaveDuplicates();
        var goal = store.timeline.stream().filter(e -> e.event().equals("GoalScored")).findFirst().orElseThrow();
        assertThat(goal.data().at("/Scorer/Name").asText()).isEqualTo("Ada");
        assertThat(goal.data().at("/GoalSpeed").asDouble()).isEqualTo(97.4);
        assertThat(store.credits).hasSize(6);
        assertThat(store.credits).filteredOn(MatchBook.CareerCredit::won).extracting(c -> c.line().name())
                .containsExactly("Ada", "Bea", "Cy");
        assertThat(store.seqs).containsEntry(new MatchBook.SeqKey("pc", "GUID-1"), (long) script.events().size());
    }

    @Test
    void shouldSkipDuplicatesAndStaleSnapshotsAndEndUpInTheSameState() {
        var script = new MatchScript("GUID-2", "b");
        var messy = script.messy();
        play("pc", messy.events(), 3);

        assertFinalState(store.matches.get("GUID-2"));
        assertThat(store.timeline).extracting(TimelineEntry::event).containsExactlyElementsOf(script.timelineEvents());
        assertThat(store.credits).hasSize(6);
        assertThat(book.count(MatchBook.Outcome.DUPLICATE)).isEqualTo(messy.duplicates());
        assertThat(book.count(MatchBook.Outcome.STALE)).isEqualTo(messy.stale());
    }

    @Test
    void shouldCreditCareersOnceWhenMatchEndedComesAgainAfterARestart() {
        var script = new MatchScript("GUID-3", "c");
        play("pc", script.events(), 5);
        String matchEnded = script.events().stream().filter(e -> e.contains("\"MatchEnded\"")).findFirst().orElseThrow();

        book = new MatchBook(store, 100); // a restart: the book knows only what the store holds
        play("pc", List.of(matchEnded), 1);
        play("other-sender", List.of(matchEnded.replace("\"Seq\":", "\"Seq\":1000")), 1);

        assertThat(store.credits).hasSize(6);
        assertThat(book.count(MatchBook.Outcome.STALE)).as("pc's MatchEnded again: below pc's last Seq").isEqualTo(1);
        assertThat(book.count(MatchBook.Outcome.AFTER_END)).as("another sender's MatchEnded: the match is final").isEqualTo(1);
    }

    @Test
    void shouldKeepAnEndedMatchFinalWhateverLaterSnapshotsSay() {
        var script = new MatchScript("GUID-7", "k");
        play("pc", script.events(), 4);
        Match ended = store.matches.get("GUID-7");
        // Another sender rewrites the result: 0-9, winner 1, no players; then a second MatchEnded for the other team.
        play("intruder", List.of(
                "{\"Event\":\"UpdateState\",\"Seq\":1,\"Data\":{\"MatchGuid\":\"GUID-7\",\"Game\":{\"Teams\":[{\"TeamNum\":0,\"Score\":0},"
                        + "{\"TeamNum\":1,\"Score\":9}],\"bHasWinner\":true,\"Winner\":\"Orange\"},\"Players\":[]}}",
                "{\"Event\":\"ClockUpdatedSeconds\",\"Seq\":2,\"Data\":{\"MatchGuid\":\"GUID-7\",\"TimeSeconds\":1}}",
                "{\"Event\":\"MatchEnded\",\"Seq\":3,\"Data\":{\"MatchGuid\":\"GUID-7\",\"WinnerTeamNum\":1}}"), 1);
        Match after = store.matches.get("GUID-7");
        assertThat(after.teams()).isEqualTo(ended.teams());
        assertThat(after.players()).isEqualTo(ended.players());
        assertThat(after.winnerTeamNum()).isEqualTo(ended.winnerTeamNum());
        assertThat(after.timeSeconds()).isEqualTo(ended.timeSeconds());
        assertThat(book.count(MatchBook.Outcome.AFTER_END)).isEqualTo(3);
        assertFinalState(after);
    }

    @Test
    void shouldSkipASeqThatJumpsImplausiblyFarAheadSoThatItCannotFreezeItsSender() {
        String guid = "GUID-8";
        play("pc", List.of(clock(guid, 1, 300)), 1);
        play("pc", List.of(clock(guid, 1 + MatchBook.MAX_SEQ_JUMP + 1, 7), clock(guid, 2, 299)), 1);
        assertThat(book.count(MatchBook.Outcome.SEQ_JUMP)).isEqualTo(1);
        assertThat(store.matches.get(guid).timeSeconds()).as("the sender's next real event still applies").isEqualTo(299);
        play("pc", List.of(clock(guid, 2 + MatchBook.MAX_SEQ_JUMP, 298)), 1);
        assertThat(book.count(MatchBook.Outcome.SEQ_JUMP)).as("a jump of exactly the limit is a real stream").isEqualTo(1);
    }

    @Test
    void shouldKeepAMatchToItsOwnerAndTheSendersItAllows() {
        book = new MatchBook(store, 100, Ownership.of(Map.of("pc", Set.of("spectator"))));
        String guid = "GUID-9";
        play("pc", List.of(clock(guid, 1, 300)), 1);
        play("intruder", List.of(clock(guid, 1, 5)), 1);
        assertThat(store.matches.get(guid).timeSeconds()).isEqualTo(300);
        assertThat(book.count(MatchBook.Outcome.FOREIGN)).isEqualTo(1);
        play("spectator", List.of(clock(guid, 1, 250)), 1);
        assertThat(store.matches.get(guid).timeSeconds()).isEqualTo(250);
        assertThat(store.matches.get(guid).source()).as("the owner stays the creator").isEqualTo("pc");
    }

    @Test
    void shouldEndAMatchWhoseMatchEndedCarriesNoWinnerTeamNum() {
        // Found by FuzzTest: a ternary of int and Integer unboxed the match's null winner.
        play("pc", List.of(clock("GUID-10", 1, 10), "{\"Event\":\"MatchEnded\",\"Seq\":2,\"Data\":{\"MatchGuid\":\"GUID-10\"}}"), 2);
        assertThat(store.matches.get("GUID-10").ended()).isTrue();
        assertThat(store.matches.get("GUID-10").winnerTeamNum()).isNull();
    }

    static String clock(String guid, long seq, int seconds) {
        return "{\"Event\":\"ClockUpdatedSeconds\",\"Seq\":" + seq + ",\"Data\":{\"MatchGuid\":\"" + guid
                + "\",\"TimeSeconds\":" + seconds + "}}";
    }

    @Test
    void shouldKeepOfflineMatchesApartBySenderAndStartANewOneAfterMatchDestroyed() {
        var first = new MatchScript(null, "d").events();
        play("pc-1", first.subList(0, 10), 3);
        play("pc-2", new MatchScript(null, "e").events(), 3);
        play("pc-1", first.subList(10, first.size()), 3);
        play("pc-1", List.of("{\"Event\":\"UpdateState\",\"Data\":{\"Game\":{\"TimeSeconds\":300}}}"), 1);

        var offline = store.matches.values().stream().filter(m -> m.guid() == null).toList();
        assertThat(offline).hasSize(3);
        assertThat(offline).filteredOn(m -> m.source().equals("pc-1")).hasSize(2);
        offline.stream().filter(Match::ended).forEach(MatchBookTest::assertFinalState);
        assertThat(offline).filteredOn(Match::ended).hasSize(2);
        assertThat(offline).allSatisfy(m -> assertThat(m.key()).startsWith("offline-"));
    }

    @Test
    void shouldSkipEventsAtOrBelowTheOffsetTheStoreAlreadyApplied() {
        var script = new MatchScript("GUID-4", "f");
        play("pc", script.events().subList(0, 6), 6);
        var replayed = parser.parse("application/json", script.events().get(5).replace("\"Seq\":6", "\"Seq\":99")
                .getBytes(StandardCharsets.UTF_8)).get(0);

        book = new MatchBook(store, 100);
        book.apply(new AcceptedEvent(offset, "pc", 0, replayed));
        assertThat(book.count(MatchBook.Outcome.REPLAYED)).as("counted once committed, not before").isZero();

        var changes = book.takeChanges();
        assertThat(changes.updated()).isEmpty();
        book.written(changes);
        assertThat(book.count(MatchBook.Outcome.REPLAYED)).isEqualTo(1);
        assertThat(book.count(MatchBook.Outcome.DUPLICATE)).isZero();
    }

    @Test
    void shouldKeepPositionsPerLogSoThatPartitionsDoNotSkipEachOther() {
        var a = new MatchScript("GUID-5", "g").events();
        var b = new MatchScript("GUID-6", "h").events();
        // two Kafka partitions, each with its own offsets from 0: the same offset in another log is no replay
        for (int i = 0; i < a.size(); i++) {
            book.apply(new AcceptedEvent("topic-0", i, "pc-a", 1_000, parser.parse("application/json", a.get(i).getBytes(StandardCharsets.UTF_8)).get(0)));
            book.apply(new AcceptedEvent("topic-1", i, "pc-b", 1_000, parser.parse("application/json", b.get(i).getBytes(StandardCharsets.UTF_8)).get(0)));
        }
        var changes = book.takeChanges();
        store.write(changes);
        book.written(changes);

        assertThat(book.count(MatchBook.Outcome.REPLAYED)).isZero();
        assertThat(changes.positions()).containsEntry("topic-0", new MatchBook.Position(MatchBook.NONE, a.size() - 1))
                .containsEntry("topic-1", new MatchBook.Position(MatchBook.NONE, b.size() - 1));
        assertFinalState(store.matches.get("GUID-5"));
        assertFinalState(store.matches.get("GUID-6"));
    }

    /** One chunk of one snapshot of match G, accepted at {@code atMillis}; returns what the store was told to write. */
    private MatchBook.Changes snapshot(long atMillis, int score, int boost) {
        String json = "{\"Event\":\"UpdateState\",\"Data\":{\"MatchGuid\":\"G\",\"Game\":{\"TimeSeconds\":200,"
                + "\"Teams\":[{\"Name\":\"Blue\",\"TeamNum\":0,\"Score\":0},{\"Name\":\"Orange\",\"TeamNum\":1,\"Score\":0}]},"
                + "\"Players\":[{\"Name\":\"Ada\",\"PrimaryId\":\"A\",\"Score\":" + score + ",\"Boost\":" + boost + "}]}}";
        var event = parser.parse("application/json", json.getBytes(StandardCharsets.UTF_8)).get(0);
        book.apply(new AcceptedEvent(++offset, "pc", atMillis, event));
        var changes = book.takeChanges();
        store.write(changes);
        book.written(changes);
        return changes;
    }

    @Test
    void shouldLeaveOutOfTheStoreWhatOnlyMovedBoostForLessThanASecondButShowItLive() {
        assertThat(snapshot(10_000, 100, 10).inserted()).hasSize(1);
        var boostOnly = snapshot(10_100, 100, 20);
        assertThat(boostOnly.updated()).as("the live views see it").hasSize(1);
        assertThat(boostOnly.toStore()).as("the store need not").isEmpty();
        assertThat(store.matches.get("G").players().get(0).boost()).isEqualTo(10);

        var scored = snapshot(10_200, 150, 30);
        assertThat(scored.toStore()).as("a number a query shows changed").hasSize(1);
        assertThat(store.matches.get("G").players().get(0).boost()).isEqualTo(30);

        assertThat(snapshot(10_900, 150, 40).toStore()).isEmpty();
        var aSecondLater = snapshot(11_200, 150, 50);
        assertThat(aSecondLater.toStore()).as("a second after the last write: refreshed").hasSize(1);
        assertThat(store.matches.get("G").players().get(0).boost()).isEqualTo(50);
        assertThat(store.matches.get("G").lastOffset()).isEqualTo(offset);
    }
}
