package dev.inorder.webhook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.match.Match;
import dev.inorder.match.MatchBook;
import dev.inorder.match.Team;
import dev.inorder.match.TimelineEntry;

/**
 * The posts a chunk's committed changes make: one per goal (not the phantom one after a replay: it never enters the
 * timeline), per demolition ({@code StatfeedEvent} {@code Demolish}) and per match end, each a Discord-compatible body
 * ({@code content}, one embed). Plain Java, no I/O.
 */
public final class WebhookMessages {

    static final int BLUE = 0x1873FF;
    static final int ORANGE = 0xC26418;
    static final int NEUTRAL = 0x808080;

    private final ObjectMapper mapper;

    public WebhookMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The bodies to post for these changes, in the order the events were applied. */
    public List<ObjectNode> of(MatchBook.Changes changes) {
        if (changes.timeline().isEmpty()) {
            return List.of();
        }
        Map<String, Match> matches = new HashMap<>();
        for (List<Match> list : List.of(changes.inserted(), changes.updated())) {
            for (Match m : list) {
                matches.put(m.key(), m);
            }
        }
        List<ObjectNode> bodies = new ArrayList<>();
        for (TimelineEntry entry : changes.timeline()) {
            Match match = matches.get(entry.matchKey());
            JsonNode data = entry.data() == null ? mapper.createObjectNode() : entry.data();
            switch (entry.event()) {
                case "GoalScored" -> bodies.add(goal(match, entry.matchKey(), data));
                case "StatfeedEvent" -> {
                    if (data.path("EventName").asText("").equals("Demolish") || data.path("Type").asText("").equals("Demolish")) {
                        bodies.add(demolition(entry.matchKey(), data));
                    }
                }
                case "MatchEnded" -> bodies.add(ended(match, entry.matchKey(), data));
                default -> {
                }
            }
        }
        return bodies;
    }

    private ObjectNode goal(Match match, String key, JsonNode data) {
        String scorer = data.path("Scorer").path("Name").asText("?");
        int teamNum = data.path("Scorer").path("TeamNum").asInt(-1);
        String team = teamName(match, teamNum);
        StringBuilder text = new StringBuilder("⚽ **").append(scorer).append("** scored for **").append(team).append("**");
        String assister = data.path("Assister").path("Name").asText("");
        if (!assister.isBlank()) {
            text.append(", assisted by **").append(assister).append("**");
        }
        double speed = data.path("GoalSpeed").asDouble(0);
        if (speed > 0) {
            text.append(String.format(" (%.0f km/h)", speed));
        }
        // No score: the snapshot with the new score may come after the goal, in a later chunk.
        return body(text.toString(), "Goal: " + scorer, null, colour(teamNum), key);
    }

    private ObjectNode demolition(String key, JsonNode data) {
        String by = data.path("MainTarget").path("Name").asText("?");
        String victim = data.path("SecondaryTarget").path("Name").asText("");
        String text = "💥 **" + by + "** demolished " + (victim.isBlank() ? "a car" : "**" + victim + "**");
        return body(text, "Demolition", null, colour(data.path("MainTarget").path("TeamNum").asInt(-1)), key);
    }

    private ObjectNode ended(Match match, String key, JsonNode data) {
        int winnerNum = data.path("WinnerTeamNum").asInt(match == null || match.winnerTeamNum() == null ? -1 : match.winnerTeamNum());
        String winner = teamName(match, winnerNum);
        String loser = teamName(match, winnerNum == 0 ? 1 : 0);
        String text = "🏆 **" + winner + "** won " + score(match, winnerNum) + " against **" + loser + "**"
                + (match != null && match.overtime() ? " in overtime" : "")
                + (match != null && match.arena() != null ? " (" + match.arena() + ")" : "");
        return body(text, "Match ended: " + winner + " won", versus(match), colour(winnerNum), key);
    }

    /** {@code 2 – 1}, the winner's score first. */
    private static String score(Match match, int winnerNum) {
        return scoreOf(match, winnerNum) + " – " + scoreOf(match, winnerNum == 0 ? 1 : 0);
    }

    private static String versus(Match match) {
        if (match == null || match.teams().isEmpty()) {
            return null;
        }
        return teamName(match, 0) + " " + scoreOf(match, 0) + " – " + scoreOf(match, 1) + " " + teamName(match, 1);
    }

    private static int scoreOf(Match match, int teamNum) {
        Team team = match == null ? null : match.team(teamNum);
        return team == null ? 0 : team.score();
    }

    private static String teamName(Match match, int teamNum) {
        Team team = match == null ? null : match.team(teamNum);
        String name = team == null ? null : team.name();
        return name != null && !name.isBlank() ? name : teamNum == 0 ? "Blue" : teamNum == 1 ? "Orange" : "?";
    }

    private static int colour(int teamNum) {
        return teamNum == 0 ? BLUE : teamNum == 1 ? ORANGE : NEUTRAL;
    }

    private ObjectNode body(String content, String title, String description, int colour, String matchKey) {
        ObjectNode body = mapper.createObjectNode();
        body.put("content", content);
        ObjectNode embed = body.putArray("embeds").addObject();
        embed.put("title", title);
        if (description != null) {
            embed.put("description", description);
        }
        embed.put("color", colour);
        embed.putObject("footer").put("text", "match " + matchKey);
        return body;
    }
}
