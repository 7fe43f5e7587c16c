package dev.inorder.query;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /players/{id}}: career totals over ended matches, and a page of the matches played, most recent first.
 */
public record PlayerView(String id, String name, Career career, List<PlayedMatch> matches, String nextCursor) {

    /** Sums of the final lines of every ended match the player was in. */
    public record Career(int matches, int wins, long score, long goals, long shots, long assists, long saves,
            long touches, long demos) {
        static final Career NONE = new Career(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** A match the player was in, with their line in it. */
    public record PlayedMatch(String guid, String arena, String state, int teamNum, Integer winnerTeamNum, int score,
            int goals, int shots, int assists, int saves, Instant updatedAt, long lastOffset) {
    }
}
