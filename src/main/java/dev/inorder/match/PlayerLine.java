package dev.inorder.match;

/**
 * A player's numbers in one match: those the last UpdateState carried (a field the game left out is 0), and what
 * InOrder derived from the stream ({@link Derived}).
 *
 * @param id the player's {@code PrimaryId}, or {@code name:<Name>} for bots and players without one
 */
public record PlayerLine(String id, String name, int teamNum, int score, int goals, int shots, int assists, int saves,
        int touches, int demos, int boost, Derived derived) {

    /**
     * What the stream shows beyond a snapshot. Boost figures exist only for players whose boost the sender sees (a
     * spectator sees everyone's, a player only their own team's): {@code boostSeen} says so. Time is the time between
     * the match's events while it is live, each slice (at most {@link MatchProcessor#MAX_SLICE_MILLIS}) counted at the
     * boost the previous snapshot showed.
     *
     * @param demosTaken times this player was demolished ({@code StatfeedEvent} {@code Demolish}, second target)
     * @param mvp the highest score of the winning team, once the match ended
     * @param averageBoost time-weighted, 0 to 100
     */
    public record Derived(int demosTaken, boolean mvp, boolean boostSeen, long boostMillis, long zeroBoostMillis,
            long fullBoostMillis, double averageBoost) {

        public static final Derived NONE = new Derived(0, false, false, 0, 0, 0, 0);

        Derived withDemoTaken() {
            return new Derived(demosTaken + 1, mvp, boostSeen, boostMillis, zeroBoostMillis, fullBoostMillis, averageBoost);
        }

        Derived withMvp(boolean mvp) {
            return new Derived(demosTaken, mvp, boostSeen, boostMillis, zeroBoostMillis, fullBoostMillis, averageBoost);
        }

        /** {@code millis} more at {@code boost}; {@code seen} once the sender has shown this player's boost. */
        Derived withBoost(boolean seen, int boost, long millis) {
            if (!seen) {
                return this;
            }
            if (millis <= 0) {
                return boostSeen ? this : new Derived(demosTaken, mvp, true, boostMillis, zeroBoostMillis, fullBoostMillis, averageBoost);
            }
            long total = boostMillis + millis;
            double average = (averageBoost * boostMillis + (double) boost * millis) / total;
            return new Derived(demosTaken, mvp, true, total, zeroBoostMillis + (boost == 0 ? millis : 0),
                    fullBoostMillis + (boost >= 100 ? millis : 0), average);
        }
    }

    PlayerLine with(Derived derived) {
        return new PlayerLine(id, name, teamNum, score, goals, shots, assists, saves, touches, demos, boost, derived);
    }
}
