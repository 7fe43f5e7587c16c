package dev.inorder.series;

import java.time.Instant;
import java.util.List;

/**
 * A best-of-N between two named teams, as an organiser set it up ({@code POST /series}).
 *
 * @param closedAt when it was closed by hand ({@code null}: open until decided)
 */
public record Series(String id, String name, int bestOf, List<SeriesTeam> teams, Instant createdAt, Instant closedAt) {

    /** A side of the series: its name as the game will show it (matched without case), and how to show it. */
    public record SeriesTeam(String name, String logo, String color) {
    }

    /** Wins that decide it: more than half of {@code bestOf}. */
    public int winsNeeded() {
        return bestOf / 2 + 1;
    }
}
