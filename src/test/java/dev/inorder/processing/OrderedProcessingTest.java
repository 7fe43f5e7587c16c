package dev.inorder.processing;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.RecordingHandler;
import dev.inorder.support.SlowProcessorProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Many clients post at once; the handler sleeps a random 0-9 ms per event and watches for overlap. Every accepted
 * event must be applied exactly once, in offset order, one at a time, and each client's events in the order it sent.
 */
@QuarkusTest
@TestProfile(SlowProcessorProfile.class)
class OrderedProcessingTest {

    static final int CLIENTS = 64;
    /** Per client: singles, then a batch of 4, then singles again: Seq 1..9. */
    static final int EVENTS_PER_CLIENT = 9;

    @TestHTTPResource("/events")
    URI events;

    @Inject
    RecordingHandler handler;

    ExecutorService clients;

    @BeforeEach
    void start() {
        handler.reset();
        clients = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    @RepeatedTest(5)
    void shouldApplyEveryEventOnceInOffsetOrderOneAtATime() throws Exception {
        List<Future<List<Client.Answer>>> sent = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String source = "client-" + c;
            sent.add(clients.submit(() -> postLikeAPlugin(source)));
        }
        List<Long> acceptedOffsets = new ArrayList<>();
        for (var future : sent) {
            for (var answer : future.get()) {
                assertThat(answer.status()).isEqualTo(202);
                acceptedOffsets.addAll(answer.offsets());
            }
        }
        assertThat(acceptedOffsets).hasSize(CLIENTS * EVENTS_PER_CLIENT).doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.applied().size() >= acceptedOffsets.size());

        List<Long> expected = acceptedOffsets.stream().sorted().toList();
        assertThat(handler.appliedOffsets()).containsExactlyElementsOf(expected);
        assertThat(expected).containsExactlyElementsOf(LongStream.rangeClosed(expected.get(0), expected.get(expected.size() - 1)).boxed().toList());
        assertThat(handler.maxInFlight()).isEqualTo(1);
        for (int c = 0; c < CLIENTS; c++) {
            String source = "client-" + c;
            assertThat(handler.applied().stream().filter(e -> e.source().equals(source)).map(e -> e.event().seq()))
                    .as("events of %s in the order it sent them", source)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
        get("/queue").then().body("orderBreaches", equalTo(0)).body("deadLettered", equalTo(0)).body("depth", equalTo(0));
    }

    private List<Client.Answer> postLikeAPlugin(String source) {
        String match = "match-" + source;
        List<Client.Answer> answers = new ArrayList<>();
        answers.add(Client.post(events, source, Events.updateState(match, 1)));
        answers.add(Client.post(events, source, Events.updateState(match, 2)));
        answers.add(Client.post(events, source, Events.updateState(match, 3)));
        answers.add(Client.post(events, source, Events.array(List.of(Events.updateState(match, 4),
                Events.updateState(match, 5), Events.updateState(match, 6), Events.updateState(match, 7)))));
        answers.add(Client.post(events, source, Events.updateState(match, 8)));
        answers.add(Client.post(events, source, Events.updateState(match, 9)));
        return answers;
    }
}
