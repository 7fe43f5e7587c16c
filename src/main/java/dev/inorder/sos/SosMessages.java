package dev.inorder.sos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.live.LiveMessage;
import dev.inorder.match.Match;
import dev.inorder.match.MatchProcessor;
import dev.inorder.match.PlayerLine;
import dev.inorder.match.Team;
import dev.inorder.query.TimelineItem;
import dev.inorder.series.SeriesScore;

/**
 * What was applied, in the SOS plugin's language (the BakkesMod relay most broadcast overlays read): each message is
 * {@code {"event": "<channel>:<event>", "data": …}}. A match's state becomes {@code game:update_state} (preceded by
 * {@code game:clock_updated_seconds} when its clock moved), each timeline event its SOS event. Plain Java, no I/O; one
 * instance per feed, used by the feed's one thread (it remembers each match's last clock).
 * <p>
 * Player ids are SOS's {@code <name>_<shortcut>} when the game sent a shortcut (what {@code target} and
 * {@code attacker} name), else InOrder's player id.
 */
public final class SosMessages {

    /** Stats API event names and their SOS events; the replay events come under both names the game has used. */
    static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("MatchCreated", "game:match_created"),
            Map.entry("MatchInitialized", "game:initialized"),
            Map.entry("CountdownBegin", "game:pre_countdown_begin"),
            Map.entry("RoundStarted", "game:post_countdown_begin"),
            Map.entry("GoalScored", "game:goal_scored"),
            Map.entry("StatfeedEvent", "game:statfeed_event"),
            Map.entry("ReplayStart", "game:replay_start"),
            Map.entry("GoalReplayStart", "game:replay_start"),
            Map.entry("ReplayWillEnd", "game:replay_will_end"),
            Map.entry("GoalReplayWillEnd", "game:replay_will_end"),
            Map.entry("ReplayEnd", "game:replay_end"),
            Map.entry("GoalReplayEnd", "game:replay_end"),
            Map.entry("ReplayCreated", "game:replay_created"),
            Map.entry("MatchEnded", "game:match_ended"),
            Map.entry("PodiumStart", "game:podium_start"),
            Map.entry("MatchDestroyed", "game:match_destroyed"),
            Map.entry("MatchPaused", "game:match_paused"),
            Map.entry("MatchUnpaused", "game:match_unpaused"),
            Map.entry("BallHit", "game:ball_hit"),
            Map.entry("CrossbarHit", "game:crossbar_hit"));

    private final ObjectMapper mapper;
    private final Function<Match, SeriesScore> seriesOf;
    private final boolean seriesScoreInNames;
    private final Map<String, Integer> lastClock = new HashMap<>();

    /**
     * @param seriesOf the series a match is in, or {@code null}: its teams are then named as the series names them
     * @param seriesScoreInNames whether those names also carry the series score ({@code "Ducks (1)"}), for overlays
     *        that show only the name
     */
    public SosMessages(ObjectMapper mapper, Function<Match, SeriesScore> seriesOf, boolean seriesScoreInNames) {
        this.mapper = mapper;
        this.seriesOf = seriesOf;
        this.seriesScoreInNames = seriesScoreInNames;
    }

    /** The first message a client gets, as the plugin's relay sends. */
    public String welcome() {
        return write("wsRelay:info", mapper.getNodeFactory().textNode("Connected to InOrder"));
    }

    /** A live message in SOS's language: none (the queue tick), one, or the clock and the state. */
    public List<String> of(LiveMessage message) {
        if (message.data() instanceof Match match) {
            List<String> texts = new ArrayList<>(2);
            Integer before = match.timeSeconds() == null ? null : lastClock.put(match.key(), match.timeSeconds());
            if (match.timeSeconds() != null && !match.timeSeconds().equals(before)) {
                texts.add(write("game:clock_updated_seconds", clock(match)));
            }
            if (match.ended()) {
                lastClock.remove(match.key());
            }
            texts.add(write("game:update_state", updateState(match)));
            return texts;
        }
        if (message.data() instanceof TimelineItem item) {
            String event = EVENTS.get(item.event());
            return event == null ? List.of() : List.of(write(event, event(message.match(), item)));
        }
        return List.of();
    }

    ObjectNode updateState(Match match) {
        ObjectNode snapshot = match.snapshot() == null ? null : match.snapshot().toTree(); // at most 10 a second a match
        JsonNode game = snapshot == null ? mapper.missingNode() : snapshot.path("Game");
        ObjectNode data = mapper.createObjectNode();
        data.put("event", "gamestate");
        data.put("match_guid", match.guid() == null ? "" : match.guid());
        data.put("hasGame", !match.ended());
        ObjectNode g = data.putObject("game");
        g.put("arena", match.arena() == null ? "" : match.arena());
        g.put("ballSpeed", game.path("Ball").path("Speed").asDouble(0));
        g.put("ballTeam", game.path("Ball").path("TeamNum").asInt(255));
        boolean hasTarget = game.path("bHasTarget").asBoolean(false);
        g.put("hasTarget", hasTarget);
        g.put("target", hasTarget ? sosId(game.path("Target")) : "");
        g.put("hasWinner", match.winner() != null || match.winnerTeamNum() != null);
        g.put("winner", match.winner() == null ? "" : match.winner());
        g.put("isOT", match.overtime());
        g.put("isReplay", game.path("bReplay").asBoolean(false));
        int time = match.timeSeconds() == null ? 0 : match.timeSeconds();
        g.put("time_seconds", time);
        g.put("time", time);
        SeriesScore series = seriesOf.apply(match);
        ArrayNode teams = g.putArray("teams");
        for (int teamNum = 0; teamNum < 2; teamNum++) {
            teams.add(team(match, teamNum, game.path("Teams"), series));
        }
        if (series != null) {
            ObjectNode s = g.putObject("series");
            s.put("id", series.series().id());
            s.put("name", series.series().name());
            s.put("best_of", series.series().bestOf());
            s.put("state", series.state());
        }
        ObjectNode players = data.putObject("players");
        Map<String, JsonNode> sent = new HashMap<>();
        for (JsonNode p : snapshot == null ? mapper.createArrayNode() : snapshot.path("Players")) {
            String name = p.path("Name").asText("");
            sent.put(MatchProcessor.playerId(p.hasNonNull("PrimaryId") ? p.get("PrimaryId").asText() : null, name), p);
        }
        for (PlayerLine line : match.players()) {
            JsonNode p = sent.getOrDefault(line.id(), mapper.missingNode());
            String id = p.has("Shortcut") ? line.name() + "_" + p.path("Shortcut").asInt() : line.id();
            ObjectNode o = players.putObject(id);
            o.put("id", id);
            o.put("name", line.name());
            o.put("primaryID", p.path("PrimaryId").asText(line.id()));
            o.put("shortcut", p.path("Shortcut").asInt(0));
            o.put("team", line.teamNum());
            o.put("score", line.score());
            o.put("goals", line.goals());
            o.put("shots", line.shots());
            o.put("assists", line.assists());
            o.put("saves", line.saves());
            o.put("touches", line.touches());
            o.put("cartouches", p.path("CarTouches").asInt(0));
            o.put("demos", line.demos());
            o.put("boost", line.boost());
            o.put("speed", p.path("Speed").asDouble(0));
            o.put("hasCar", p.path("bHasCar").asBoolean(false));
            o.put("isDead", p.path("bDemolished").asBoolean(false));
            o.put("isSonic", p.path("bSupersonic").asBoolean(false));
            o.put("isBoosting", p.path("bBoosting").asBoolean(false));
            o.put("onGround", p.path("bOnGround").asBoolean(false));
            o.put("onWall", p.path("bOnWall").asBoolean(false));
            o.put("isPowersliding", p.path("bPowersliding").asBoolean(false));
            o.put("attacker", p.has("Attacker") ? sosId(p.path("Attacker")) : "");
        }
        return data;
    }

    private ObjectNode team(Match match, int teamNum, JsonNode sentTeams, SeriesScore series) {
        ObjectNode t = mapper.createObjectNode();
        Team team = match.team(teamNum);
        JsonNode sent = mapper.missingNode();
        for (JsonNode s : sentTeams) {
            if (s.path("TeamNum").asInt(-1) == teamNum) {
                sent = s;
            }
        }
        t.put("name", team == null || team.name() == null ? (teamNum == 0 ? "Blue" : "Orange") : team.name());
        t.put("score", team == null ? 0 : team.score());
        t.put("color_primary", sent.path("ColorPrimary").asText(teamNum == 0 ? "1873FF" : "C26418"));
        t.put("color_secondary", sent.path("ColorSecondary").asText(teamNum == 0 ? "E5E5E5" : "E5E5E5"));
        if (series != null) {
            int side = SeriesScore.sideOf(series.series(), match, teamNum);
            SeriesScore.Standing standing = series.teams().get(side < 0 ? teamNum : side);
            t.put("name", standing.name() + (seriesScoreInNames ? " (" + standing.wins() + ")" : ""));
            t.put("series_wins", standing.wins());
            if (standing.color() != null) {
                t.put("color_primary", standing.color().substring(1));
            }
            if (standing.logo() != null) {
                t.put("logo", standing.logo());
            }
        }
        return t;
    }

    private ObjectNode clock(Match match) {
        ObjectNode data = mapper.createObjectNode();
        data.put("match_guid", match.guid() == null ? "" : match.guid());
        data.put("time_seconds", match.timeSeconds());
        data.put("isOT", match.overtime());
        return data;
    }

    private JsonNode event(String matchKey, TimelineItem item) {
        JsonNode sent = item.data() == null ? mapper.createObjectNode() : item.data();
        return switch (item.event()) {
            case "GoalScored" -> {
                ObjectNode d = mapper.createObjectNode();
                d.put("match_guid", sent.path("MatchGuid").asText(""));
                d.put("goalspeed", sent.path("GoalSpeed").asDouble(0));
                d.put("goaltime", sent.path("GoalTime").asDouble(0));
                ObjectNode impact = d.putObject("impact_location");
                impact.put("X", sent.path("ImpactLocation").path("X").asDouble(0));
                impact.put("Y", sent.path("ImpactLocation").path("Y").asDouble(0));
                d.set("scorer", target(sent.path("Scorer")));
                d.set("assister", target(sent.path("Assister")));
                ObjectNode last = d.putObject("ball_last_touch");
                last.put("player", sent.path("BallLastTouch").has("Player") ? sosId(sent.path("BallLastTouch").path("Player")) : "");
                last.put("speed", sent.path("BallLastTouch").path("Speed").asDouble(0));
                yield d;
            }
            case "StatfeedEvent" -> {
                ObjectNode d = mapper.createObjectNode();
                d.put("match_guid", sent.path("MatchGuid").asText(""));
                d.put("event_name", sent.path("EventName").asText(""));
                d.put("type", sent.path("Type").asText(sent.path("EventName").asText("")));
                d.set("main_target", target(sent.path("MainTarget")));
                d.set("secondary_target", target(sent.path("SecondaryTarget")));
                yield d;
            }
            case "MatchEnded" -> {
                ObjectNode d = mapper.createObjectNode();
                d.put("match_guid", sent.path("MatchGuid").asText(""));
                d.put("winner_team_num", sent.path("WinnerTeamNum").asInt(-1));
                yield d;
            }
            // The plugin sends the stateless events' names as their data.
            default -> mapper.getNodeFactory().textNode(EVENTS.get(item.event()).replace(':', '_'));
        };
    }

    /** A player as SOS names one in events: id, name, team. */
    private ObjectNode target(JsonNode player) {
        ObjectNode t = mapper.createObjectNode();
        t.put("id", player.isMissingNode() ? "" : sosId(player));
        t.put("name", player.path("Name").asText(""));
        t.put("team_num", player.path("TeamNum").asInt(-1));
        return t;
    }

    private static String sosId(JsonNode player) {
        String name = player.path("Name").asText("");
        return player.has("Shortcut") ? name + "_" + player.path("Shortcut").asInt() : name;
    }

    private String write(String event, JsonNode data) {
        ObjectNode message = mapper.createObjectNode();
        message.put("event", event);
        message.set("data", data);
        try {
            return mapper.writeValueAsString(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("An SOS message could not be written", e);
        }
    }
}
