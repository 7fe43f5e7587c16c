package dev.inorder.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.MatchScript;
import dev.inorder.support.PackagedApp;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The packaged application stopped with SIGTERM and started again over the same H2 file: a stop drains what was
 * accepted, a start continues the offsets, and nothing is lost or applied twice.
 */
class RestartIT {

    static final URI EVENTS = URI.create("http://127.0.0.1:8097/events");

    PackagedApp app;

    @BeforeEach
    void clean() {
        app = new PackagedApp("restart-it", 8097);
    }

    @AfterEach
    void stop() throws InterruptedException {
        app.close();
    }

    @Test
    void shouldDrainOnSigtermAndContinueOverTheSameFileWithNothingLostOrAppliedTwice() throws Exception {
        var script = new MatchScript("RESTART-1", "r");
        List<String> events = script.events();
        int half = events.size() / 2;

        start("first");
        post("plugin", events.subList(0, half));
        long acceptedFirst = fillAndStop();

        start("second");
        assertThat(queue().getLong("lastOffset")).as("offsets continue right after the last one handed out").isEqualTo(acceptedFirst);
        // The plugin retries its last three events, then goes on.
        post("plugin", events.subList(half - 3, events.size()));
        awaitApplied();
        assertThat(queue().getLong("stale") + queue().getLong("duplicates")).isEqualTo(3);
        MatchReplayTest.assertFinalState("RESTART-1", "r", script);
        stopWithSigterm();

        start("third");
        MatchReplayTest.assertFinalState("RESTART-1", "r", script);
    }

    /**
     * Five concurrent requests of 1,000 events, then SIGTERM at once. The consumer commits one event at a time
     * ({@code max-chunk=1}, started so), so thousands are still queued when the signal comes: the stop must drain
     * them all. Returns the last offset handed out.
     */
    long fillAndStop() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        List<java.util.concurrent.Future<Client.Answer>> answers = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            List<String> filler = new ArrayList<>();
            for (int seq = 1; seq <= 1000; seq++) {
                filler.add(Events.updateState("FILLER-" + batch, seq));
            }
            answers.add(pool.submit(() -> Client.post(EVENTS, "filler", Events.array(filler))));
        }
        java.util.Map<String, Long> lastOffsets = new java.util.HashMap<>();
        long last = 0;
        for (int batch = 0; batch < 5; batch++) {
            var answer = answers.get(batch).get();
            assertThat(answer.status()).isEqualTo(202);
            long batchLast = answer.offsets().get(answer.offsets().size() - 1);
            lastOffsets.put("FILLER-" + batch, batchLast);
            last = Math.max(last, batchLast);
        }
        pool.shutdown();
        stopWithSigterm();
        String output = app.log();
        var draining = java.util.regex.Pattern.compile("draining (\\d+) queued events").matcher(output);
        assertThat(draining.find()).as("the stop logged what it drains").isTrue();
        assertThat(Long.parseLong(draining.group(1))).as("the queue held events at SIGTERM").isPositive();
        assertThat(output).contains("nothing left").doesNotContain("Worker executor closed").doesNotContain("Order breach")
                .doesNotContain("could not take");

        start("after-fill");
        for (var entry : lastOffsets.entrySet()) {
            JsonPath filled = RestAssured.get("/matches/" + entry.getKey()).then().statusCode(200).extract().jsonPath();
            assertThat(filled.getLong("lastOffset")).as(entry.getKey() + ": the whole request was applied before the stop")
                    .isEqualTo(entry.getValue());
        }
        assertThat(queue().getLong("lastOffset")).as("offsets continue right after the last one handed out").isEqualTo(last);
        stopWithSigterm();
        return last;
    }

    @org.junit.jupiter.api.RepeatedTest(10)
    void shouldDrainThousandsOfQueuedEventsOnSigtermWithNothingLost() throws Exception {
        start("fill");
        fillAndStop();
    }

    void start(String name) throws IOException {
        app.start(name, "-Dinorder.processing.max-chunk=" + (name.contains("fill") || name.equals("first") ? 1 : 500));
    }

    void stopWithSigterm() throws InterruptedException {
        assertThat(app.sigterm(60)).as("stopped in time").isTrue();
    }

    static void post(String source, List<String> events) {
        for (String event : events) {
            assertThat(Client.post(EVENTS, source, event).status()).isEqualTo(202);
        }
    }

    static void awaitApplied() {
        MatchReplayTest.awaitApplied();
    }

    static JsonPath queue() {
        return RestAssured.get("/queue").then().statusCode(200).extract().jsonPath();
    }
}
