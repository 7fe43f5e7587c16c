package dev.inorder.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.inorder.match.Match;
import dev.inorder.match.Team;

/** How a series' score is derived from matches: by names while open, by hand always, decided at a majority. */
class SeriesScoreTest {

    static final Series BO3 = new Series("S", "Final", 3, List.of(new Series.SeriesTeam("Ducks", null, "#112233"),
            new Series.SeriesTeam("Geese", null, null)), Instant.ofEpochMilli(1_000), null);

    private static Match match(String key, long firstSeen, String blue, String orange, Integer winner) {
        return new Match(key, key, "pc", "Stadium_P", winner == null ? Match.LIVE : Match.ENDED, 0, false,
                List.of(new Team(0, blue, 0), new Team(1, orange, 0)), winner, null, firstSeen, firstSeen, 1, List.of(), null);
    }

    @Test
    void shouldTakeMatchesOfItsTwoTeamsEitherWayRoundUntilOneHasAMajority() {
        var score = SeriesScore.of(BO3, List.of(
                match("before", 500, "Ducks", "Geese", 0),       // before the series: not in it
                match("m1", 2_000, "ducks ", "GEESE", 0),        // names without case: Ducks win
                match("other", 2_500, "Ducks", "Swans", 0),      // another opponent: not in it
                match("m2", 3_000, "Geese", "Ducks", 0),         // the other way round: Geese win
                match("m3", 4_000, "Ducks", "Geese", 1),         // Geese win: 2-1, decided
                match("m4", 5_000, "Ducks", "Geese", 0)),        // after the decision: not in it
                Set.of());
        assertThat(score.matches()).extracting(SeriesScore.Played::guid).containsExactly("m1", "m2", "m3");
        assertThat(score.teams()).extracting(SeriesScore.Standing::wins).containsExactly(1, 2);
        assertThat(score.state()).isEqualTo(SeriesScore.DECIDED);
        assertThat(score.winner()).isEqualTo("Geese");
        assertThat(score.matches()).extracting(SeriesScore.Played::winner).containsExactly("Ducks", "Geese", "Geese");
        assertThat(score.wouldTake(match("m5", 6_000, "Ducks", "Geese", null))).isFalse();
    }

    @Test
    void shouldCountAMatchAttachedByHandWhateverItsNamesAndTakeALiveOneWhileOpen() {
        var score = SeriesScore.of(BO3, List.of(match("lan", 1_500, "Blue", "Orange", 0), match("live", 2_000, "Ducks", "Geese", null)),
                Set.of("lan"));
        assertThat(score.matches()).extracting(SeriesScore.Played::guid).containsExactly("lan", "live");
        assertThat(score.teams()).extracting(SeriesScore.Standing::wins).containsExactly(1, 0);
        assertThat(score.state()).isEqualTo(SeriesScore.OPEN);
        assertThat(score.winner()).isNull();
        assertThat(score.wouldTake(match("next", 3_000, "Geese", "Ducks", null))).isTrue();
        assertThat(score.wouldTake(match("old", 900, "Geese", "Ducks", null))).isFalse();
        assertThat(score.wouldTake(match("same", 3_000, "Ducks", "Ducks", null))).isFalse();
    }

    @Test
    void shouldTakeNothingByNameOnceClosed() {
        var closed = new Series("S", "Final", 3, BO3.teams(), BO3.createdAt(), Instant.ofEpochMilli(2_500));
        var score = SeriesScore.of(closed, List.of(match("m1", 2_000, "Ducks", "Geese", 0), match("m2", 3_000, "Ducks", "Geese", 0)), Set.of());
        assertThat(score.matches()).extracting(SeriesScore.Played::guid).containsExactly("m1");
        assertThat(score.state()).isEqualTo(SeriesScore.CLOSED);
        assertThat(score.wouldTake(match("m3", 4_000, "Ducks", "Geese", null))).isFalse();
    }
}
