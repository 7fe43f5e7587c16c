package dev.inorder.ingest;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
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

/**
 * Senders that overrun a queue of 20 events and a slow handler, with room to wait in: their requests wait for room
 * instead of being refused, every one is answered 202, and every event is applied in offset order.
 */
@QuarkusTest
@TestProfile(SlowProcessorProfile.SmallQueueLongWait.class)
class WaitForRoomTest {

    @TestHTTPResource("/events")
    URI events;

    @Inject
    RecordingHandler handler;

    @Test
    void shouldHoldRequestsThatFindTheQueueFullUntilThereIsRoomAndApplyThemAllInOrder() throws Exception {
        handler.reset();
        long waitedBefore = get("/queue").jsonPath().getLong("waited");
        long rejectedBefore = get("/queue").jsonPath().getLong("rejected");

        // 6 senders x 3 events in flight at most: the queue's 20 and as many again to wait in always hold them.
        List<Client.Answer> answers = Client.postFromSenders(events, "burst", 6, 8, (source, i) -> {
            String single = Events.updateState(source, i);
            return Events.array(List.of(single, single, single));
        });

        assertThat(answers).hasSize(48).extracting(Client.Answer::status).containsOnly(202);
        assertThat(get("/queue").jsonPath().getLong("waited") - waitedBefore).as("some found the queue full").isPositive();
        assertThat(get("/queue").jsonPath().getLong("rejected")).isEqualTo(rejectedBefore);
        List<Long> acceptedOffsets = answers.stream().flatMap(a -> a.offsets().stream()).sorted().toList();
        assertThat(acceptedOffsets).hasSize(144);
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/queue").jsonPath().getInt("depth") == 0);
        assertThat(handler.appliedOffsets()).containsExactlyElementsOf(acceptedOffsets);
        assertThat(handler.maxInFlight()).isEqualTo(1);
    }
}
