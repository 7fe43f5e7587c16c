package dev.inorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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

/** A clean stop refuses new events with 503 and processes every accepted one before it returns. */
@QuarkusTest
@TestProfile(SlowProcessorProfile.Draining.class)
class ShutdownDrainTest {

    @TestHTTPResource("/events")
    URI events;

    @Inject
    RecordingHandler handler;

    @Inject
    ShutdownDrain shutdown;

    @Inject
    IngestQueue queue;

    @Test
    void shouldProcessEverythingAcceptedBeforeStoppingAndRefuseNewEvents() {
        handler.reset();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            batch.add(Events.updateState("draining", i));
        }
        var accepted = Client.post(events, "drain", Events.array(batch));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(queue.depth()).as("work is still queued when the stop begins").isPositive();

        var result = shutdown.drain();

        assertThat(result.left()).isZero();
        assertThat(result.drained()).isPositive();
        assertThat(handler.appliedOffsets()).containsExactlyElementsOf(accepted.offsets());
        var refused = Client.post(events, "late", Events.updateState("draining", 999));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("error").asText()).isEqualTo("draining");
        assertThat(refused.retryAfter()).isNotNull();
    }
}
