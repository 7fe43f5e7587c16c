package dev.inorder.statsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The game's stream: envelopes back to back, no separator, split anywhere by TCP. */
class StatsApiFramingTest {

    static final String FIRST = "{\"Event\":\"UpdateState\",\"Data\":\"{\\\"MatchGuid\\\":\\\"G1\\\",\\\"Players\\\":[{\\\"Name\\\":\\\"Ada }{\\\"}]}\"}";
    static final String SECOND = "{\"Event\":\"GoalScored\",\"Data\":{\"MatchGuid\":\"G1\",\"Scorer\":{\"Name\":\"Bö\"},\"GoalSpeed\":98.5}}";

    @Test
    void shouldCutEveryEnvelopeWholeWhereverTheStreamIsSplit() {
        byte[] stream = (FIRST + SECOND + FIRST).getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= stream.length; cut++) {
            for (int second = cut; second <= stream.length; second += 7) {
                List<String> got = new ArrayList<>();
                AtomicInteger others = new AtomicInteger();
                var framing = StatsApiConnector.framing(null, b -> got.add(b.toString()), others::incrementAndGet);
                framing.handle(Buffer.buffer(java.util.Arrays.copyOfRange(stream, 0, cut)));
                framing.handle(Buffer.buffer(java.util.Arrays.copyOfRange(stream, cut, second)));
                framing.handle(Buffer.buffer(java.util.Arrays.copyOfRange(stream, second, stream.length)));
                assertThat(got).as("split at %d and %d", cut, second).hasSize(3);
                assertThat(new JsonObject(got.get(0))).isEqualTo(new JsonObject(FIRST));
                assertThat(new JsonObject(got.get(1))).isEqualTo(new JsonObject(SECOND));
                assertThat(new JsonObject(got.get(2))).isEqualTo(new JsonObject(FIRST));
                assertThat(others).hasValue(0);
            }
        }
    }

    @Test
    void shouldReportATopLevelValueThatIsNotAnEnvelope() {
        List<String> got = new ArrayList<>();
        AtomicInteger others = new AtomicInteger();
        var framing = StatsApiConnector.framing(null, b -> got.add(b.toString()), others::incrementAndGet);
        framing.handle(Buffer.buffer("[1,2]" + SECOND + "42"));
        framing.end();
        assertThat(got).hasSize(1);
        assertThat(others).hasValue(2);
    }
}
