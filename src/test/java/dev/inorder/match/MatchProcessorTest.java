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
}
