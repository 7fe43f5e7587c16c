package dev.inorder.ingest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.RecordingHandler;
import dev.inorder.support.SlowProcessorProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A flood against a queue of 20 events and a slow handler: the overflow gets 503s, and every 202 is applied. */
@QuarkusTest
@TestProfile(SlowProcessorProfile.SmallQueue.class)
class BackPressureTest {

    @TestHTTPResource("/events")
    URI events;

    @Inject
    RecordingHandler handler;

    @Test
    void shouldRejectWith503WhenQueueIsFullAndApplyEveryAcceptedEvent() throws Exception {
        handler.reset();
        long acceptedBefore = get("/queue").jsonPath().getLong("accepted");
        long rejectedBefore = get("/queue").jsonPath().getLong("rejected");

        List<Client.Answer> answers = Client.postFromSenders(events, "flood", 64, 5, (source, i) -> {
            String single = Events.updateState(source, i);
            return i % 2 == 0 ? single : Events.array(List.of(single, single, single));
        });

        assertThat(answers).extracting(Client.Answer::status).containsOnly(202, 503);
        var refused = answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(refused).isNotEmpty().allSatisfy(a -> {
            assertThat(a.retryAfter()).isEqualTo("1");
            assertThat(a.body().get("error").asText()).isEqualTo("queue_full");
        });
        List<Long> acceptedOffsets = answers.stream().filter(a -> a.status() == 202).flatMap(a -> a.offsets().stream()).sorted().toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/queue").jsonPath().getInt("depth") == 0);
        assertThat(handler.appliedOffsets()).containsExactlyElementsOf(acceptedOffsets);
        assertThat(get("/queue").jsonPath().getLong("accepted") - acceptedBefore).isEqualTo(acceptedOffsets.size());
        assertThat(get("/queue").jsonPath().getLong("rejected") - rejectedBefore).isEqualTo(refused.size());
        assertThat(handler.maxInFlight()).isEqualTo(1);
    }

    @Test
    void shouldRefuseABatchLargerThanTheWholeQueueAndTakeNoneOfIt() {
        long acceptedBefore = get("/queue").jsonPath().getLong("accepted");
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            batch.add(Events.updateState("too-big", i));
        }
        var answer = Client.post(events, "big", Events.array(batch));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().get("error").asText()).isEqualTo("queue_full");
        assertThat(get("/queue").jsonPath().getLong("accepted")).isEqualTo(acceptedBefore);
    }
}
