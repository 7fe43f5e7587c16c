package dev.inorder.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.AcceptedEvent;
import dev.inorder.Snapshot;

/**
 * What one event does to a match: pure functions of (match, event), no I/O, no framework. The game leaves out fields
 * that are false or irrelevant, so a missing boolean is false, a missing player number is 0, and a missing clock,
 * arena, team list or player list keeps the previous value.
 */
public final class MatchProcessor {

    /** Events that change state only and would flood a timeline: the clock ticks every second. */
    static final String UPDATE_STATE = Snapshot.EVENT;
    static final String CLOCK = "ClockUpdatedSeconds";
    static final String MATCH_ENDED = "MatchEnded";
    static final String GOAL_SCORED = "GoalScored";
    static final String STATFEED = "StatfeedEvent";

    /** The longest time between two events of a match counted for boost figures: a longer gap is a pause, not play. */
    static final long MAX_SLICE_MILLIS = 2_000;

    /** The result of one event: the match after it, and the timeline entry it adds, if any. */
    public record Outcome(Match match, TimelineEntry timelineEntry, boolean justEnded) {
    }

    private MatchProcessor() {
    }

    /**
     * Whether the event sets state that a later event of its kind replaces (a snapshot, the clock), as opposed to one
     * that adds to the timeline: an old state event must never overwrite a newer one.
     */
    public static boolean isState(String eventName) {
        return UPDATE_STATE.equals(eventName) || CLOCK.equals(eventName);
    }

    /** Whether the event would change a match's result: its state, or its end. An ended match takes none of these. */
    public static boolean changesResult(String eventName) {
        return isState(eventName) || MATCH_ENDED.equals(eventName);
    }

    /**
     * @param current the match before the event, or {@code null} when this event is its first
     * @param key the match's key, from {@code current} or newly chosen
     */
    public static Outcome apply(Match current, String key, AcceptedEvent accepted) {
        var event = accepted.event();
        ObjectNode data = event.tree(); // null for a snapshot: only UPDATE_STATE's branch below reads that
        Match match = current != null ? current
                : new Match(key, event.matchGuid(), accepted.source(), null, Match.LIVE, null, false, List.of(), null,
                        null, accepted.acceptedAtMillis(), accepted.acceptedAtMillis(), accepted.offset(), List.of(), null);
        TimelineEntry entry = null;
        boolean justEnded = false;
        if (current != null && !match.ended()) {
            match = boostTime(match, accepted.acceptedAtMillis() - match.updatedAtMillis());
        }
        switch (event.event()) {
            case UPDATE_STATE -> match = updateState(match, event.snapshot());
            case CLOCK -> match = withClock(match, intOr(data, "TimeSeconds", match.timeSeconds()), data.path("bOvertime").asBoolean(false));
            case MATCH_ENDED -> {
                justEnded = !match.ended();
                match = ended(match, data);
                entry = entry(key, accepted);
            }
            case GOAL_SCORED -> entry = isPhantomGoal(data) ? null : entry(key, accepted);
            case STATFEED -> {
                if (isDemolition(data) && !match.ended()) {
                    match = demolished(match, data.path("SecondaryTarget"));
                }
                entry = entry(key, accepted);
            }
            default -> entry = entry(key, accepted);
        }
        return new Outcome(touched(match, accepted), entry, justEnded);
    }

    /**
     * The game sends a second {@code GoalScored} at the end of each goal replay, with an empty scorer and speed 0: not a
     * goal. It is applied (the match is touched) but adds nothing to the timeline.
     */
    static boolean isPhantomGoal(ObjectNode data) {
        return data.path("Scorer").path("Name").asText("").isBlank() && data.path("GoalSpeed").asDouble(0) == 0;
    }

    static boolean isDemolition(ObjectNode data) {
        return "Demolish".equals(data.path("EventName").asText(null)) || "Demolish".equals(data.path("Type").asText(null));
    }

    /** The time since the match's last event, counted at each player's boost as last shown (for those it was shown). */
    private static Match boostTime(Match m, long millis) {
        long slice = Math.min(Math.max(0, millis), MAX_SLICE_MILLIS);
        if (slice == 0 || m.players().stream().noneMatch(p -> p.derived().boostSeen())) {
            return m;
        }
        List<PlayerLine> players = new ArrayList<>(m.players().size());
        for (PlayerLine p : m.players()) {
            players.add(p.derived().boostSeen() ? p.with(p.derived().withBoost(true, p.boost(), slice)) : p);
        }
        return m.withPlayers(List.copyOf(players));
    }

    /** The player a Demolish statfeed names second (by name and team: statfeed targets carry no PrimaryId). */
    private static Match demolished(Match m, JsonNode victim) {
        String name = textOr(victim, "Name", null);
        int teamNum = victim.path("TeamNum").asInt(-1);
        List<PlayerLine> players = new ArrayList<>(m.players().size());
        boolean found = false;
        for (PlayerLine p : m.players()) {
            boolean isVictim = !found && p.name().equals(name) && (teamNum < 0 || p.teamNum() == teamNum);
            found |= isVictim;
            players.add(isVictim ? p.with(p.derived().withDemoTaken()) : p);
        }
        return found ? m.withPlayers(List.copyOf(players)) : m;
    }

    /** The MVP: the highest score of the winning team (the first listed, on a tie), as the game awards it. */
    private static Match withMvp(Match m) {
        Integer winner = m.winnerTeamNum();
        PlayerLine best = null;
        for (PlayerLine p : m.players()) {
            if (winner != null && p.teamNum() == winner && (best == null || p.score() > best.score())) {
                best = p;
            }
        }
        List<PlayerLine> players = new ArrayList<>(m.players().size());
        for (PlayerLine p : m.players()) {
            players.add(p.derived().mvp() == (p == best) ? p : p.with(p.derived().withMvp(p == best)));
        }
        return m.withPlayers(List.copyOf(players));
    }

    private static Match updateState(Match m, Snapshot data) {
        Snapshot.Game game = data.game();
        List<Team> teams = game != null && game.teams() != null ? teams(game.teams()) : m.teams();
        String winner = game != null && isTrue(game.hasWinner()) && game.winner() != null ? game.winner() : m.winner();
        List<PlayerLine> players = data.players() != null ? players(data.players(), m.players()) : m.players();
        return new Match(m.key(), m.guid(), m.source(), game != null && game.arena() != null ? game.arena() : m.arena(),
                m.state(), game != null && game.timeSeconds() != null ? game.timeSeconds() : m.timeSeconds(),
                game != null && isTrue(game.overtime()), teams, m.winnerTeamNum(), winner, m.firstSeenMillis(),
                m.updatedAtMillis(), m.lastOffset(), players, liveFields(data));
    }

    private static Match withClock(Match m, Integer timeSeconds, boolean overtime) {
        return new Match(m.key(), m.guid(), m.source(), m.arena(), m.state(), timeSeconds, overtime, m.teams(),
                m.winnerTeamNum(), m.winner(), m.firstSeenMillis(), m.updatedAtMillis(), m.lastOffset(), m.players(), m.snapshot());
    }

    private static Match ended(Match m, ObjectNode data) {
        // Integer.valueOf: a ternary of int and Integer would unbox a null winnerTeamNum (a NullPointerException).
        Integer winnerTeamNum = data.has("WinnerTeamNum") ? Integer.valueOf(data.get("WinnerTeamNum").asInt()) : m.winnerTeamNum();
        String winner = m.teams().stream().filter(t -> winnerTeamNum != null && t.teamNum() == winnerTeamNum)
                .map(Team::name).filter(java.util.Objects::nonNull).findFirst().orElse(m.winner());
        return withMvp(new Match(m.key(), m.guid(), m.source(), m.arena(), Match.ENDED, m.timeSeconds(), m.overtime(),
                m.teams(), winnerTeamNum, winner, m.firstSeenMillis(), m.updatedAtMillis(), m.lastOffset(), m.players(), m.snapshot()));
    }

    private static Match touched(Match m, AcceptedEvent e) {
        return new Match(m.key(), m.guid(), m.source(), m.arena(), m.state(), m.timeSeconds(), m.overtime(), m.teams(),
                m.winnerTeamNum(), m.winner(), m.firstSeenMillis(), e.acceptedAtMillis(), e.offset(), m.players(), m.snapshot());
    }

    private static TimelineEntry entry(String key, AcceptedEvent e) {
        return new TimelineEntry(key, e.offset(), e.event().event(), e.acceptedAtMillis(), e.event().data());
    }

    private static List<Team> teams(List<Snapshot.TeamState> teams) {
        List<Team> result = new ArrayList<>(teams.size());
        for (Snapshot.TeamState t : teams) {
            result.add(new Team(t.teamNum() != null ? t.teamNum() : result.size(), t.name(), orZero(t.score())));
        }
        result.sort(Comparator.comparingInt(Team::teamNum));
        return List.copyOf(result);
    }

    /** Cars whose motion is kept for the live views: a Rocket League match has at most 8 (4 v 4). */
    static final int MAX_LIVE_CARS = 8;
    /** The longest text kept of the live-only fields. */
    static final int MAX_LIVE_TEXT = 128;

    /**
     * What a snapshot says that only the live views show (the ball, the replay, the spectated car, team colours, each
     * car's motion): at most {@link #MAX_LIVE_CARS} cars, texts cut to {@link #MAX_LIVE_TEXT}. The whole snapshot is
     * not kept: every cached match (10,000 by default) would hold up to the door's limit of it; this is at most ~3 KB a
     * match.
     */
    static Snapshot liveFields(Snapshot data) {
        return data.live(MAX_LIVE_CARS, MAX_LIVE_TEXT);
    }

    /** The snapshot's lines, each keeping what was derived for that player so far. */
    private static List<PlayerLine> players(List<Snapshot.Car> players, List<PlayerLine> before) {
        List<PlayerLine> result = new ArrayList<>(players.size());
        for (Snapshot.Car p : players) {
            String name = p.name() != null ? p.name() : "";
            String id = playerId(p.primaryId(), name);
            PlayerLine.Derived derived = PlayerLine.Derived.NONE;
            for (PlayerLine b : before) {
                if (b.id().equals(id)) {
                    derived = b.derived();
                    break;
                }
            }
            result.add(new PlayerLine(id, name, orZero(p.teamNum()), orZero(p.score()), orZero(p.goals()),
                    orZero(p.shots()), orZero(p.assists()), orZero(p.saves()), orZero(p.touches()), orZero(p.demos()),
                    orZero(p.boost()), derived.withBoost(p.boost() != null, 0, 0)));
        }
        return List.copyOf(result);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    /** Bots and some clients send no PrimaryId, or an {@code Unknown|0|0} stub shared by everyone: fall back to the name. */
    public static String playerId(String primary, String name) {
        return primary == null || primary.isBlank() || primary.startsWith("Unknown") ? "name:" + name : primary;
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : fallback;
    }

    private static Integer intOr(JsonNode node, String field, Integer fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? Integer.valueOf(value.asInt()) : fallback;
    }
}
