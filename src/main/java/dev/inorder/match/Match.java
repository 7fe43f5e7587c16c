package dev.inorder.match;

import java.util.List;

import dev.inorder.Snapshot;

/**
 * A match's current state. Immutable: applying an event yields a new one, so a failing event changes nothing.
 *
 * @param key the {@code MatchGuid}, or {@code offline-<offset of its first event>} for a match without one
 * @param guid the {@code MatchGuid}, {@code null} for offline matches
 * @param source the sender that reported it first
 * @param state {@link #LIVE} or {@link #ENDED}
 * @param winnerTeamNum set by MatchEnded, else {@code null}
 * @param winner the winning team's name, when known
 * @param snapshot what the last {@code UpdateState} said that only overlays show (ball, replay, target, colours, each
 *        car's speed and state: {@link MatchProcessor#liveFields}, bounded), kept in memory
 *        only (an ended match keeps its last: the overlay's player ids stay the same); {@code null} when the match was read
 *        back from the store and no snapshot came since
 */
public record Match(String key, String guid, String source, String arena, String state, Integer timeSeconds,
        boolean overtime, List<Team> teams, Integer winnerTeamNum, String winner, long firstSeenMillis,
        long updatedAtMillis, long lastOffset, List<PlayerLine> players, Snapshot snapshot) {

    public static final String LIVE = "live";
    public static final String ENDED = "ended";

    public Match withPlayers(List<PlayerLine> players) {
        return new Match(key, guid, source, arena, state, timeSeconds, overtime, teams, winnerTeamNum, winner,
                firstSeenMillis, updatedAtMillis, lastOffset, players, snapshot);
    }

    /** The team with that number (0 blue, 1 orange), or {@code null} when the snapshots have not named it. */
    public Team team(int teamNum) {
        for (Team t : teams) {
            if (t.teamNum() == teamNum) {
                return t;
            }
        }
        return null;
    }

    public boolean ended() {
        return ENDED.equals(state);
    }
}
