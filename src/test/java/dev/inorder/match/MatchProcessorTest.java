package dev.inorder.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.AcceptedEvent;
import dev.inorder.GameEvent;

/** The game's quirks, as the processor takes them. */
class MatchProcessorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static MatchProcessor.Outcome apply(String event, String data) throws Exception {
        ObjectNode node = (ObjectNode) MAPPER.readTree(data);
        return MatchProcessor.apply(null, "G", new AcceptedEvent(1, "pc", 0, new GameEvent(event, node, null)));
    }

    @Test
    void shouldNotTakeThePhantomGoalAfterAReplayForAGoal() throws Exception {
        assertThat(apply("GoalScored", "{\"MatchGuid\":\"G\",\"Scorer\":{\"Name\":\"\"},\"GoalSpeed\":0}").timelineEntry()).isNull();
        assertThat(apply("GoalScored", "{\"MatchGuid\":\"G\",\"Scorer\":{\"Name\":\"\"}}").timelineEntry()).isNull();
        assertThat(apply("GoalScored", "{\"MatchGuid\":\"G\",\"Scorer\":{\"Name\":\"Ada\"},\"GoalSpeed\":88.1}").timelineEntry())
                .isNotNull();
        // A goal whose speed the game did not measure is still a goal when it names its scorer.
        assertThat(apply("GoalScored", "{\"MatchGuid\":\"G\",\"Scorer\":{\"Name\":\"Ada\"},\"GoalSpeed\":0}").timelineEntry())
                .isNotNull();
    }

    @Test
    void shouldKeepTheReplayEventsUnderTheNamesTheGameSends() throws Exception {
        assertThat(apply("ReplayStart", "{\"MatchGuid\":\"G\"}").timelineEntry().event()).isEqualTo("ReplayStart");
        assertThat(apply("ReplayWillEnd", "{\"MatchGuid\":\"G\"}").timelineEntry().event()).isEqualTo("ReplayWillEnd");
    }

    /** Applies {@code events} (name, data, accepted at ms) in order to one match and returns it. */
    private static Match play(Object... events) throws Exception {
        Match match = null;
        for (int i = 0; i < events.length; i += 3) {
            ObjectNode node = (ObjectNode) MAPPER.readTree((String) events[i + 1]);
            var accepted = new AcceptedEvent(i / 3 + 1, "pc", (Long) events[i + 2], new GameEvent((String) events[i], node, null));
            match = MatchProcessor.apply(match, "G", accepted).match();
        }
        return match;
    }

    private static String snapshot(String adaBoost, String beaBoost, int adaScore) {
        // Ada (blue) and Bea (blue) show their boost when the strings are not null; Cy (orange) never does.
        return "{\"MatchGuid\":\"G\",\"Game\":{\"Teams\":[{\"TeamNum\":0,\"Score\":1},{\"TeamNum\":1,\"Score\":0}]},\"Players\":["
                + "{\"Name\":\"Ada\",\"PrimaryId\":\"A\",\"TeamNum\":0,\"Score\":" + adaScore + (adaBoost == null ? "" : ",\"Boost\":" + adaBoost) + "},"
                + "{\"Name\":\"Bea\",\"PrimaryId\":\"B\",\"TeamNum\":0,\"Score\":200" + (beaBoost == null ? "" : ",\"Boost\":" + beaBoost) + "},"
                + "{\"Name\":\"Cy\",\"PrimaryId\":\"C\",\"TeamNum\":1,\"Score\":300}]}";
    }

    private static PlayerLine.Derived derived(Match match, String id) {
        return match.players().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow().derived();
    }

    @Test
    void shouldCountTimeAtZeroAndFullBoostAndTheAverageForPlayersWhoseBoostIsShown() throws Exception {
        Match match = play(
                "UpdateState", snapshot("100", "33", 10), 1_000L,
                "UpdateState", snapshot("0", "33", 10), 2_000L, // 1 s at 100 for Ada
                "StatfeedEvent", "{\"MatchGuid\":\"G\",\"EventName\":\"Shot\",\"MainTarget\":{\"Name\":\"Ada\"}}", 2_500L,
                "UpdateState", snapshot(null, "33", 10), 3_000L, // 1 s at 0 (absent Boost, once shown, is 0)
                "UpdateState", snapshot("50", "33", 10), 63_000L); // a one-minute gap counts 2 s at most
        var ada = derived(match, "A");
        assertThat(ada.boostSeen()).isTrue();
        assertThat(ada.boostMillis()).isEqualTo(4_000);
        assertThat(ada.fullBoostMillis()).isEqualTo(1_000);
        assertThat(ada.zeroBoostMillis()).isEqualTo(3_000);
        assertThat(ada.averageBoost()).isEqualTo(25.0);
        assertThat(derived(match, "B").averageBoost()).isEqualTo(33.0);
        var cy = derived(match, "C");
        assertThat(cy.boostSeen()).as("an opponent's boost a player cannot see").isFalse();
        assertThat(cy.boostMillis()).isZero();
    }

    @Test
    void shouldCountDemolitionsTakenAndNameTheWinningTeamsBestScoreMvp() throws Exception {
        String demo = "{\"MatchGuid\":\"G\",\"EventName\":\"Demolish\",\"Type\":\"Demolish\","
                + "\"MainTarget\":{\"Name\":\"Cy\",\"TeamNum\":1},\"SecondaryTarget\":{\"Name\":\"Bea\",\"TeamNum\":0}}";
        Match match = play(
                "UpdateState", snapshot("10", "10", 150), 1_000L,
                "StatfeedEvent", demo, 1_100L,
                "StatfeedEvent", demo, 1_200L,
                "UpdateState", snapshot("10", "10", 250), 1_300L,
                "MatchEnded", "{\"MatchGuid\":\"G\",\"WinnerTeamNum\":0}", 1_400L);
        assertThat(derived(match, "B").demosTaken()).as("kept across snapshots").isEqualTo(2);
        assertThat(derived(match, "A").demosTaken()).isZero();
        assertThat(derived(match, "A").mvp()).as("250 beats Bea's 200; Cy's 300 is on the losing team").isTrue();
        assertThat(derived(match, "B").mvp()).isFalse();
        assertThat(derived(match, "C").mvp()).isFalse();
    }

    @Test
    void shouldKeepOnlyTheBoundedLiveFieldsOfASnapshot() throws Exception {
        StringBuilder players = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            players.append(i == 0 ? "" : ",").append("{\"Name\":\"P").append(i).append("\",\"Shortcut\":").append(i)
                    .append(",\"Speed\":1200,\"bSupersonic\":true,\"Junk\":\"").append("x".repeat(10_000)).append("\"}");
        }
        String data = "{\"MatchGuid\":\"G\",\"Extra\":\"" + "y".repeat(50_000) + "\",\"Players\":[" + players + "],"
                + "\"Game\":{\"bReplay\":true,\"Ball\":{\"Speed\":88.5,\"TeamNum\":1},\"Target\":{\"Name\":\""
                + "z".repeat(500) + "\",\"Shortcut\":3}}}";
        Match match = play("UpdateState", data, 1_000L);
        var kept = match.snapshot().toTree();
        assertThat(kept.has("Extra")).isFalse();
        assertThat(kept.path("Players")).hasSize(MatchProcessor.MAX_LIVE_CARS);
        assertThat(kept.path("Players").get(0).has("Junk")).isFalse();
        assertThat(kept.path("Players").get(0).path("Speed").asInt()).isEqualTo(1200);
        assertThat(kept.path("Game").path("Ball").path("Speed").asDouble()).isEqualTo(88.5);
        assertThat(kept.path("Game").path("bReplay").asBoolean()).isTrue();
        assertThat(kept.path("Game").path("Target").path("Name").asText()).hasSize(MatchProcessor.MAX_LIVE_TEXT);
        assertThat(kept.toString().length()).as("a few hundred bytes a car").isLessThan(3_000);
        assertThat(match.players()).as("the lines are all there").hasSize(12);

    }
}
