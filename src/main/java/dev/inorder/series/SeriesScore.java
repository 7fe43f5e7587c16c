package dev.inorder.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.inorder.match.Match;
import dev.inorder.match.Team;

/**
 * A series and where it stands: its matches, each team's wins, open / decided / closed. Plain Java: derived from the
 * series, the matches attached by hand, and the matches whose two team names are the series' (either way round, without
 * case) first seen while it was open. Once a team has {@link Series#winsNeeded()} wins the series is decided and takes
 * no more matches by name (by hand still).
 */
public record SeriesScore(Series series, String state, List<Standing> teams, String winner, List<Played> matches) {

    public static final String OPEN = "open";
    public static final String DECIDED = "decided";
    public static final String CLOSED = "closed";

    /** A team with its wins. */
    public record Standing(String name, String logo, String color, int wins) {
    }

    /** What a match's live view shows of its series. */
    public record Brief(String id, String name, int bestOf, String state, List<Standing> teams) {
    }

    public Brief brief() {
        return new Brief(series.id(), series.name(), series.bestOf(), state, teams);
    }

    /** A match of the series: which series team won it, if it ended. */
    public record Played(String guid, String state, Instant firstSeen, String winner, boolean attachedByHand) {
    }

    /**
     * @param candidates matches first seen since the series was created, in any order (those not of its teams are left out)
     * @param byHand the keys attached by hand
     */
    public static SeriesScore of(Series series, List<Match> candidates, Set<String> byHand) {
        List<Match> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparingLong(Match::firstSeenMillis).thenComparing(Match::key));
        int[] wins = new int[2];
        List<Played> played = new ArrayList<>();
        boolean decided = false;
        for (Match m : ordered) {
            boolean hand = byHand.contains(m.key());
            boolean ofTeams = sideOf(series, m, 0) >= 0 && sideOf(series, m, 1) >= 0 && sideOf(series, m, 0) != sideOf(series, m, 1);
            boolean whileOpen = series.closedAt() == null || m.firstSeenMillis() <= series.closedAt().toEpochMilli();
            if (!hand && (decided || !ofTeams || !whileOpen || m.firstSeenMillis() < series.createdAt().toEpochMilli())) {
                continue;
            }
            String winner = null;
            if (m.ended() && m.winnerTeamNum() != null) {
                int side = sideOf(series, m, m.winnerTeamNum());
                if (side < 0) {
                    side = m.winnerTeamNum() == 0 ? 0 : 1; // a match attached by hand under other names: blue is A
                }
                wins[side]++;
                winner = series.teams().get(side).name();
            }
            played.add(new Played(m.key(), m.state(), Instant.ofEpochMilli(m.firstSeenMillis()), winner, hand));
            decided = wins[0] >= series.winsNeeded() || wins[1] >= series.winsNeeded();
        }
        List<Standing> standings = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var t = series.teams().get(i);
            standings.add(new Standing(t.name(), t.logo(), t.color(), wins[i]));
        }
        String state = decided ? DECIDED : series.closedAt() != null ? CLOSED : OPEN;
        String winner = wins[0] >= series.winsNeeded() ? series.teams().get(0).name()
                : wins[1] >= series.winsNeeded() ? series.teams().get(1).name() : null;
        return new SeriesScore(series, state, List.copyOf(standings), winner, List.copyOf(played));
    }

    /** Which side of the series (0 for A, 1 for B) the match's team {@code teamNum} is, by name; -1 for neither. */
    public static int sideOf(Series series, Match m, int teamNum) {
        Team team = m.team(teamNum);
        String name = team == null ? null : team.name();
        if (name == null) {
            return -1;
        }
        for (int i = 0; i < 2; i++) {
            if (normal(series.teams().get(i).name()).equals(normal(name))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the match is of this series: attached, or found by its names (see {@link #of}). */
    public boolean includes(String matchKey) {
        return matches.stream().anyMatch(p -> p.guid().equals(matchKey));
    }

    /** Whether a match not seen yet would join it by its team names. */
    public boolean wouldTake(Match m) {
        return OPEN.equals(state) && m.firstSeenMillis() >= series.createdAt().toEpochMilli()
                && sideOf(series, m, 0) >= 0 && sideOf(series, m, 1) >= 0 && sideOf(series, m, 0) != sideOf(series, m, 1);
    }

    private static String normal(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }
}
