package dev.inorder.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.AcceptedEvent;

/**
 * What one event does to a match: pure functions of (match, event), no I/O, no framework. The game leaves out fields
 * that are false or irrelevant, so a missing boolean is false, a missing player number is 0, and a missing clock,
 * arena, team list or player list keeps the previous value.
 */
public final class MatchProcessor {

    /** Events that change state only and would flood a timeline: the clock ticks every second. */
    static final String UPDATE_STATE = "UpdateState";
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
        ObjectNode data = event.data();
        Match match = current != null ? current
                : new Match(key, event.matchGuid(), accepted.source(), null, Match.LIVE, null, false, List.of(), null,
                        null, accepted.acceptedAtMillis(), accepted.acceptedAtMillis(), accepted.offset(), List.of(), null);
        TimelineEntry entry = null;
        boolean justEnded = false;
        if (current != null && !match.ended()) {
            match = boostTime(match, accepted.acceptedAtMillis() - match.updatedAtMillis());
        }
        switch (event.event()) {
            case UPDATE_STATE -> match = updateState(match, data);
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

    private static Match updateState(Match m, ObjectNode data) {
        JsonNode game = data.path("Game");
        List<Team> teams = game.has("Teams") ? teams(game.get("Teams")) : m.teams();
        String winner = game.path("bHasWinner").asBoolean(false) ? textOr(game, "Winner", m.winner()) : m.winner();
        List<PlayerLine> players = data.has("Players") ? players(data.get("Players"), m.players()) : m.players();
        return new Match(m.key(), m.guid(), m.source(), textOr(game, "Arena", m.arena()), m.state(),
                intOr(game, "TimeSeconds", m.timeSeconds()), game.path("bOvertime").asBoolean(false), teams,
                m.winnerTeamNum(), winner, m.firstSeenMillis(), m.updatedAtMillis(), m.lastOffset(), players, liveFields(data));
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

    private static List<Team> teams(JsonNode teams) {
        List<Team> result = new ArrayList<>();
        for (JsonNode t : teams) {
            result.add(new Team(t.path("TeamNum").asInt(result.size()), textOr(t, "Name", null), t.path("Score").asInt(0)));
        }
        result.sort(Comparator.comparingInt(Team::teamNum));
        return List.copyOf(result);
    }

    /** Cars whose motion is kept for the live views: a Rocket League match has at most 8 (4 v 4). */
    static final int MAX_LIVE_CARS = 8;
    /** The longest text kept of the live-only fields. */
    static final int MAX_LIVE_TEXT = 128;

    private static final String[] GAME_FIELDS = { "bReplay", "bHasTarget" };
    private static final String[] CAR_FIELDS = { "Name", "PrimaryId", "Shortcut", "TeamNum", "Speed", "CarTouches",
            "bHasCar", "bDemolished", "bSupersonic", "bBoosting", "bOnGround", "bOnWall", "bPowersliding" };
    private static final String[] REF_FIELDS = { "Name", "Shortcut", "TeamNum" };
    private static final String[] TEAM_FIELDS = { "TeamNum", "ColorPrimary", "ColorSecondary" };

    /**
     * What a snapshot says that only the live views show (the ball, the replay, the spectated car, team colours, each
     * car's motion), copied out of it in the game's own field names: a few hundred bytes per car for at most
     * {@link #MAX_LIVE_CARS} cars, texts cut to {@link #MAX_LIVE_TEXT}, whatever else the sender put in the snapshot.
     * The whole snapshot is not kept: every cached match (10,000 by default) would hold up to the door's limit of it;
     * this is at most ~3 KB a match.
     */
    static ObjectNode liveFields(ObjectNode data) {
        ObjectNode live = data.objectNode();
        JsonNode game = data.path("Game");
        ObjectNode g = live.putObject("Game");
        copy(game, g, GAME_FIELDS);
        copy(game.path("Ball"), g.putObject("Ball"), new String[] { "Speed", "TeamNum" });
        copy(game.path("Target"), g.putObject("Target"), REF_FIELDS);
        var teams = g.putArray("Teams");
        for (JsonNode t : game.path("Teams")) {
            if (teams.size() < 2) {
                copy(t, teams.addObject(), TEAM_FIELDS);
            }
        }
        var cars = live.putArray("Players");
        for (JsonNode p : data.path("Players")) {
            if (cars.size() == MAX_LIVE_CARS) {
                break;
            }
            ObjectNode car = cars.addObject();
            copy(p, car, CAR_FIELDS);
            if (p.has("Attacker")) {
                copy(p.path("Attacker"), car.putObject("Attacker"), REF_FIELDS);
            }
        }
        return live;
    }

    private static void copy(JsonNode from, ObjectNode to, String[] fields) {
        for (String field : fields) {
            JsonNode value = from.get(field);
            if (value == null || !value.isValueNode()) {
                continue;
            }
            if (value.isTextual() && value.asText().length() > MAX_LIVE_TEXT) {
                to.put(field, value.asText().substring(0, MAX_LIVE_TEXT));
            } else {
                to.set(field, value);
            }
        }
    }

    /** The snapshot's lines, each keeping what was derived for that player so far. */
    private static List<PlayerLine> players(JsonNode players, List<PlayerLine> before) {
        List<PlayerLine> result = new ArrayList<>();
        for (JsonNode p : players) {
            String name = textOr(p, "Name", "");
            String id = playerId(p, name);
            PlayerLine.Derived derived = PlayerLine.Derived.NONE;
            for (PlayerLine b : before) {
                if (b.id().equals(id)) {
                    derived = b.derived();
                    break;
                }
            }
            result.add(new PlayerLine(id, name, p.path("TeamNum").asInt(0), p.path("Score").asInt(0),
                    p.path("Goals").asInt(0), p.path("Shots").asInt(0), p.path("Assists").asInt(0),
                    p.path("Saves").asInt(0), p.path("Touches").asInt(0), p.path("Demos").asInt(0),
                    p.path("Boost").asInt(0), derived.withBoost(p.has("Boost"), 0, 0)));
        }
        return List.copyOf(result);
    }

    /** Bots and some clients send no PrimaryId, or an {@code Unknown|0|0} stub shared by everyone: fall back to the name. */
    public static String playerId(JsonNode player, String name) {
        String primary = textOr(player, "PrimaryId", null);
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
