package dev.inorder.query;

import java.time.Instant;
import java.util.List;

import dev.inorder.match.Team;

/** A line of {@code GET /matches}. {@code guid} is the MatchGuid, or {@code offline-…} for a match without one. */
public record MatchSummary(String guid, boolean offline, String source, String arena, String state, List<Team> teams,
        Instant updatedAt, long lastOffset) {
}
