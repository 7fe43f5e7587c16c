package dev.inorder.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import dev.inorder.GameEvent;
import dev.inorder.Snapshot;
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
        text(event.event(), MAX_EVENT_NAME, where, ": \"Event\"");
        if (event.snapshot() != null) {
            check(event.snapshot(), where);
            return; // a snapshot keeps only the fields the Stats API lists, and the live views keep them cut (Snapshot.live)
        }
        check(event.tree(), where);
        if (bodyLength > MAX_DATA_CHARS) {
            int length = event.data().toString().length();
            if (length > MAX_DATA_CHARS) {
                throw invalid(where + ": \"Data\" has " + length + " characters as JSON; the limit is " + MAX_DATA_CHARS + ".");
            }
        }
    }

    /** The rules below, on an {@code UpdateState}'s typed data. */
    private static void check(Snapshot data, String where) {
        guid(data.matchGuid(), where);
        Snapshot.Game game = data.game();
        if (game != null) {
            optionalText(game.arena(), where, ": \"Game.Arena\"");
            optionalText(game.winner(), where, ": \"Game.Winner\"");
            if (game.teams() != null) {
                teamCount(game.teams().size(), where);
                for (int i = 0; i < game.teams().size(); i++) { // indexed: no iterator per snapshot
                    optionalText(game.teams().get(i).name(), where, ": a team's \"Name\"");
                }
            }
        }
        if (data.players() != null) {
            String[] ids = playerCount(data.players().size(), where);
            for (int i = 0; i < ids.length; i++) {
                Snapshot.Car player = data.players().get(i);
                ids[i] = player(player.name(), player.primaryId(), ids, i, where);
            }
        }
    }

    /** The rules below, on any other event's data as it came. */
    private static void check(JsonNode data, String where) {
        JsonNode guid = data.get("MatchGuid");
        guid(guid != null && guid.isTextual() ? guid.asText() : null, where);
        JsonNode game = data.path("Game");
        optionalText(valueText(game, "Arena"), where, ": \"Game.Arena\"");
        optionalText(valueText(game, "Winner"), where, ": \"Game.Winner\"");
        JsonNode teams = game.path("Teams");
        if (teams.isArray()) {
            teamCount(teams.size(), where);
            for (JsonNode team : teams) {
                optionalText(valueText(team, "Name"), where, ": a team's \"Name\"");
            }
        }
        JsonNode players = data.path("Players");
        if (players.isArray()) {
            String[] ids = playerCount(players.size(), where);
            for (int i = 0; i < ids.length; i++) {
                JsonNode player = players.get(i);
                ids[i] = player(valueText(player, "Name"), valueText(player, "PrimaryId"), ids, i, where);
            }
        }
    }

    private static void guid(String value, String where) {
        if (value == null || value.isBlank()) {
            return;
        }
        text(value, MAX_MATCH_GUID, where, ": \"MatchGuid\"");
        if (value.equals(".") || value.equals("..") || value.indexOf('/') >= 0) {
            throw invalid(where + ": \"MatchGuid\" must not be . or .. or hold a /, so that /matches/{guid} can read it.");
        }
    }

    private static void teamCount(int count, String where) {
        if (count > MAX_TEAMS) {
            throw invalid(where + ": \"Game.Teams\" has " + count + " teams; the limit is " + MAX_TEAMS + ".");
        }
    }

    /** @return room for the players' ids */
    private static String[] playerCount(int count, String where) {
        if (count > MAX_PLAYERS) {
            throw invalid(where + ": \"Players\" has " + count + " players; the limit is " + MAX_PLAYERS + ".");
        }
        return new String[count];
    }

    /** Checks player {@code i}'s texts and that no earlier player has its id; returns its id. */
    private static String player(String name, String primaryId, String[] ids, int i, String where) {
        optionalText(name, where, ": a player's \"Name\"");
        optionalText(primaryId, where, ": a player's \"PrimaryId\"");
        String id = MatchProcessor.playerId(primaryId, name == null ? "" : name);
        for (int j = 0; j < i; j++) { // at most 64 players: a pairwise look beats a hash set here
            if (ids[j].equals(id)) {
                throw invalid(where + ": two players are " + id + "; each player appears once.");
            }
        }
        return id;
    }

    /** The sender's id from {@code X-Source-Id}: at most {@value #MAX_SOURCE_ID} characters, no control characters. */
    public static void checkSource(String source) {
        text(source, MAX_SOURCE_ID, "", "X-Source-Id");
    }

    /** A field's text as the store would take it (any JSON scalar but null), else {@code null}. */
    private static String valueText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static void optionalText(String value, String where, String field) {
        if (value != null) {
            text(value, MAX_NAME, where, field);
        }
    }

    /** {@code where} and {@code field} name the text when it is refused: joined only then (up to 120 checks an event). */
    private static void text(String value, int max, String where, String field) {
        if (value.length() > max) {
            throw invalid(where + field + " has " + value.length() + " characters; the limit is " + max + ".");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(where + field + " holds a control character (at " + i + "); it cannot be stored or read back.");
            }
        }
    }

    private static Invalid invalid(String detail) {
        return new Invalid(Invalid.Reason.INVALID_EVENT, detail);
    }
}
