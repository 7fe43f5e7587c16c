package dev.inorder.match;

/**
 * A player's numbers in one match, exactly as the last UpdateState carried them (a field the game left out is 0).
 *
 * @param id the player's {@code PrimaryId}, or {@code name:<Name>} for bots and players without one
 */
public record PlayerLine(String id, String name, int teamNum, int score, int goals, int shots, int assists, int saves,
        int touches, int demos, int boost) {
}
