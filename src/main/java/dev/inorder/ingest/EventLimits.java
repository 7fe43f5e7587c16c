package dev.inorder.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import dev.inorder.GameEvent;
import dev.inorder.match.MatchProcessor;

/**
 * What the store can hold, checked at the door so that an honest mistake is a clean {@code 400 invalid_event} naming
 * the field and the limit, never an event the store refuses later. The limits leave wide headroom over the game's
 * real data (a {@code MatchGuid} is 32 hex characters, names are at most a few dozen, a match has at most 8 players)
 * and stay well inside the store's columns (200 characters; 100 for event names; 1,000,000 for timeline data).
 * Identifiers must also survive a URL: no control characters, and a {@code MatchGuid} that is not {@code .} or
 * {@code ..} and has no {@code /}.
 */
public final class EventLimits {

    public static final int MAX_EVENT_NAME = 64;
    public static final int MAX_SOURCE_ID = 128;
    public static final int MAX_MATCH_GUID = 64;
    /** Player names and ids, arena, team names, winner. */
    public static final int MAX_NAME = 128;
    public static final int MAX_PLAYERS = 64;
    public static final int MAX_TEAMS = 8;
    /** Characters of an event's {@code Data} as JSON text (what the timeline keeps). */
    public static final int MAX_DATA_CHARS = 256 * 1024;

    private EventLimits() {
    }

    /**
     * @param bodyLength the size of the body the event came in: {@code Data} cannot be longer as JSON text unless the
     *        body is, so the costly size check runs only for bodies over the limit
     * @throws Invalid {@code invalid_event} naming the field and the limit
     */
    public static void check(GameEvent event, String where, long bodyLength) {
        text(event.event(), MAX_EVENT_NAME, where + ": \"Event\"");
        JsonNode data = event.data();
        JsonNode guid = data.get("MatchGuid");
        if (guid != null && guid.isTextual() && !guid.asText().isBlank()) {
            String value = guid.asText();
            text(value, MAX_MATCH_GUID, where + ": \"MatchGuid\"");
            if (value.equals(".") || value.equals("..") || value.indexOf('/') >= 0) {
                throw invalid(where + ": \"MatchGuid\" must not be . or .. or hold a /, so that /matches/{guid} can read it.");
            }
        }
        JsonNode game = data.path("Game");
        optionalText(game, "Arena", where + ": \"Game.Arena\"");
        optionalText(game, "Winner", where + ": \"Game.Winner\"");
        JsonNode teams = game.path("Teams");
        if (teams.isArray()) {
            if (teams.size() > MAX_TEAMS) {
                throw invalid(where + ": \"Game.Teams\" has " + teams.size() + " teams; the limit is " + MAX_TEAMS + ".");
            }
            for (JsonNode team : teams) {
                optionalText(team, "Name", where + ": a team's \"Name\"");
            }
        }
        JsonNode players = data.path("Players");
        if (players.isArray()) {
            if (players.size() > MAX_PLAYERS) {
                throw invalid(where + ": \"Players\" has " + players.size() + " players; the limit is " + MAX_PLAYERS + ".");
            }
            String[] ids = new String[players.size()];
            int i = 0;
            for (JsonNode player : players) {
                optionalText(player, "Name", where + ": a player's \"Name\"");
                optionalText(player, "PrimaryId", where + ": a player's \"PrimaryId\"");
                String name = player.path("Name").isValueNode() ? player.path("Name").asText() : "";
                String id = MatchProcessor.playerId(player, name);
                for (int j = 0; j < i; j++) { // at most 64 players: a pairwise look beats a hash set here
                    if (ids[j].equals(id)) {
                        throw invalid(where + ": two players are " + id + "; each player appears once.");
                    }
                }
                ids[i++] = id;
            }
        }
        if (bodyLength > MAX_DATA_CHARS) {
            int length = data.toString().length();
            if (length > MAX_DATA_CHARS) {
                throw invalid(where + ": \"Data\" has " + length + " characters as JSON; the limit is " + MAX_DATA_CHARS + ".");
            }
        }
    }

    /** The sender's id from {@code X-Source-Id}: at most {@value #MAX_SOURCE_ID} characters, no control characters. */
    public static void checkSource(String source) {
        text(source, MAX_SOURCE_ID, "X-Source-Id");
    }

    private static void optionalText(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value != null && value.isValueNode() && !value.isNull()) {
            text(value.asText(), MAX_NAME, what);
        }
    }

    private static void text(String value, int max, String what) {
        if (value.length() > max) {
            throw invalid(what + " has " + value.length() + " characters; the limit is " + max + ".");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(what + " holds a control character (at " + i + "); it cannot be stored or read back.");
            }
        }
    }

    private static Invalid invalid(String detail) {
        return new Invalid(Invalid.Reason.INVALID_EVENT, detail);
    }
}
