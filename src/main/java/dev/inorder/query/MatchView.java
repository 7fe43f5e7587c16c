package dev.inorder.query;

import java.time.Instant;
import java.util.List;

import dev.inorder.match.Match;
import dev.inorder.match.PlayerLine;
import dev.inorder.series.SeriesScore;
import dev.inorder.match.Team;

/** {@code GET /matches/{guid}}: the match's current state with every player's line, and its series if it is in one. */
public record MatchView(String guid, boolean offline, String source, String arena, String state, Integer timeSeconds,
        boolean overtime, List<Team> teams, Integer winnerTeamNum, String winner, Instant firstSeen, Instant updatedAt,
        long lastOffset, List<PlayerLine> players, SeriesScore.Brief series) {

    /** @param series the series the match is part of, or {@code null} */
    public static MatchView of(Match m, SeriesScore series) {
        return new MatchView(m.key(), m.guid() == null, m.source(), m.arena(), m.state(), m.timeSeconds(), m.overtime(),
                m.teams(), m.winnerTeamNum(), m.winner(), Instant.ofEpochMilli(m.firstSeenMillis()),
                Instant.ofEpochMilli(m.updatedAtMillis()), m.lastOffset(), m.players(), series == null ? null : series.brief());
    }
}
