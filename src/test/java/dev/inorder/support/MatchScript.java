package dev.inorder.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A realistic 3v3 match as the Stats API reports it, numbered with Seq from 1: lobby events, kickoff, UpdateState
 * snapshots, two regulation goals with statfeed events, a save, overtime, the golden goal, MatchEnded, podium, and
 * MatchDestroyed. The final numbers are fixed, so tests can assert them exactly.
 */
public final class MatchScript {

    public static final String[] NAMES = { "Ada", "Bea", "Cy", "Dot", "Eve", "Fox" };

    /** Final lines, per player: score, goals, shots, assists, saves, touches, demos. Blue is players 0-2. */
    public static final int[][] FINAL = {
            { 320, 2, 4, 0, 0, 31, 1 },
            { 150, 0, 1, 1, 1, 22, 0 },
            { 90, 0, 0, 0, 0, 15, 0 },
            { 210, 1, 2, 0, 1, 27, 0 },
            { 180, 0, 1, 1, 2, 19, 2 },
            { 60, 0, 0, 0, 0, 9, 0 } };

    private final String guid;
    private final String idPrefix;
    private final List<String> events = new ArrayList<>();
    private long seq;

    /**
     * @param guid the MatchGuid, or {@code null} for an offline match
     * @param idPrefix makes PrimaryIds unique per script, so concurrent matches have distinct players
     */
    public MatchScript(String guid, String idPrefix) {
        this.guid = guid;
        this.idPrefix = idPrefix;
        build();
    }

    public static String playerId(String idPrefix, int player) {
        return "Steam|" + idPrefix + player + "|0";
    }

    public List<String> events() {
        return events;
    }

    /** What a retrying plugin on a bad network sends: every event, some twice, and now and then an old snapshot again. */
    public record Messy(List<String> events, int duplicates, int stale) {
    }

    public Messy messy() {
        List<String> sent = new ArrayList<>();
        int duplicates = 0;
        int stale = 0;
        int lastSnapshot = -1;
        for (int i = 0; i < events.size(); i++) {
            sent.add(events.get(i));
            if (i % 5 == 2) {
                sent.add(events.get(i));
                duplicates++;
            }
            if (i % 7 == 6 && lastSnapshot >= 0 && lastSnapshot < i) {
                sent.add(events.get(lastSnapshot));
                stale++;
            }
            if (events.get(i).startsWith("{\"Event\":\"UpdateState\"")) {
                lastSnapshot = i;
            }
        }
        return new Messy(sent, duplicates, stale);
    }

    /** The names of the events that go into the timeline, in order: all but UpdateState and ClockUpdatedSeconds. */
    public List<String> timelineEvents() {
        return events.stream().map(e -> e.substring(10, e.indexOf('"', 10)))
                .filter(name -> !name.equals("UpdateState") && !name.equals("ClockUpdatedSeconds")).toList();
    }

    /** The Seq of the event at {@code index}. */
    public static long seqOf(int index) {
        return index + 1;
    }

    private void build() {
        add("MatchCreated", "");
        add("MatchInitialized", "");
        add("CountdownBegin", "");
        add("RoundStarted", "");
        int[][] lines = new int[6][7];
        snapshot(300, false, 0, 0, lines, false);
        progress(lines, 0.3);
        snapshot(240, false, 0, 0, lines, false);
        add("ClockUpdatedSeconds", "\"TimeSeconds\":239");
        add("BallHit", "\"Players\":[{\"Name\":\"Ada\",\"Shortcut\":1,\"TeamNum\":0}],\"Ball\":{\"PreHitSpeed\":40.2,\"PostHitSpeed\":88.5,\"Location\":{\"X\":0,\"Y\":100,\"Z\":93}}");
        goal(0, 1, 97.4);
        statfeed("Goal", 0);
        statfeed("Assist", 1);
        progress(lines, 0.6);
        snapshot(180, false, 1, 0, lines, false);
        statfeed("Save", 4);
        statfeed("Demolish", 4);
        goal(3, -1, 112.0);
        statfeed("Goal", 3);
        progress(lines, 0.9);
        snapshot(0, false, 1, 1, lines, false);
        add("CrossbarHit", "\"BallSpeed\":80.1,\"ImpactForce\":12.5");
        snapshot(0, true, 1, 1, lines, false);
        add("ClockUpdatedSeconds", "\"TimeSeconds\":12,\"bOvertime\":true");
        goal(0, -1, 130.9);
        statfeed("Goal", 0);
        statfeed("OvertimeGoal", 0);
        progress(lines, 1.0);
        snapshot(23, true, 2, 1, lines, true);
        add("MatchEnded", "\"WinnerTeamNum\":0");
        add("PodiumStart", "");
        add("MatchDestroyed", "");
    }

    private static void progress(int[][] lines, double fraction) {
        for (int p = 0; p < 6; p++) {
            for (int s = 0; s < 7; s++) {
                lines[p][s] = (int) Math.floor(FINAL[p][s] * fraction);
            }
        }
    }

    private void goal(int scorer, int assister, double speed) {
        String assist = assister < 0 ? "" : ",\"Assister\":" + ref(assister);
        add("GoalScored", "\"GoalSpeed\":" + speed + ",\"GoalTime\":12.5,\"ImpactLocation\":{\"X\":0,\"Y\":5120,\"Z\":300},"
                + "\"Scorer\":" + ref(scorer) + assist + ",\"BallLastTouch\":{\"Player\":" + ref(scorer) + ",\"Speed\":" + speed + "}");
    }

    private void statfeed(String type, int player) {
        add("StatfeedEvent", "\"EventName\":\"" + type + "\",\"Type\":\"" + type + "\",\"MainTarget\":" + ref(player));
    }

    private String ref(int player) {
        return "{\"Name\":\"" + NAMES[player] + "\",\"Shortcut\":" + (player + 1) + ",\"TeamNum\":" + (player < 3 ? 0 : 1) + "}";
    }

    private void snapshot(int time, boolean overtime, int blue, int orange, int[][] lines, boolean hasWinner) {
        StringBuilder players = new StringBuilder();
        for (int p = 0; p < 6; p++) {
            int[] l = lines[p];
            players.append(p == 0 ? "" : ",").append("{\"Name\":\"").append(NAMES[p]).append("\",\"PrimaryId\":\"")
                    .append(playerId(idPrefix, p)).append("\",\"Shortcut\":").append(p + 1).append(",\"TeamNum\":")
                    .append(p < 3 ? 0 : 1).append(",\"Score\":").append(l[0]).append(",\"Goals\":").append(l[1])
                    .append(",\"Shots\":").append(l[2]).append(",\"Assists\":").append(l[3]).append(",\"Saves\":")
                    .append(l[4]).append(",\"Touches\":").append(l[5]).append(",\"Demos\":").append(l[6])
                    .append(",\"Boost\":").append((p * 17 + time) % 100).append(",\"bOnGround\":true}");
        }
        add("UpdateState", "\"Players\":[" + players + "],\"Game\":{\"Teams\":[{\"Name\":\"Blue\",\"TeamNum\":0,\"Score\":" + blue
                + "},{\"Name\":\"Orange\",\"TeamNum\":1,\"Score\":" + orange + "}],\"TimeSeconds\":" + time
                + (overtime ? ",\"bOvertime\":true" : "") + ",\"Ball\":{\"Speed\":0,\"TeamNum\":255},\"Arena\":\"Stadium_P\""
                + (hasWinner ? ",\"bHasWinner\":true,\"Winner\":\"Blue\"" : "") + "}");
    }

    private void add(String event, String fields) {
        String guidField = guid == null ? "" : "\"MatchGuid\":\"" + guid + "\"";
        String data = "{" + guidField + (guidField.isEmpty() || fields.isEmpty() ? "" : ",") + fields + "}";
        events.add("{\"Event\":\"" + event + "\",\"Seq\":" + (++seq) + ",\"Data\":" + data + "}");
    }
}
