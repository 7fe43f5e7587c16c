package dev.inorder.query;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /leaderboards}: players ranked by one stat over ended matches, highest first.
 *
 * @param since only matches first seen at or after it; {@code null}: all
 */
public record Leaderboard(String stat, Instant since, List<Leader> items, String nextCursor) {

    /** A player's place: the stat's sum (or count) over their ended matches in the period, and how many matches. */
    public record Leader(long rank, String playerId, String name, long value, int matches) {
    }
}
