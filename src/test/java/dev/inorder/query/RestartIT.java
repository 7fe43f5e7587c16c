package dev.inorder.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.MatchScript;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The packaged application stopped with SIGTERM and started again over the same H2 file: a stop drains what was
 * accepted, a start continues the offsets, and nothing is lost or applied twice.
 */
class RestartIT {

    static final int PORT = 8097;
    static final Path DATA = Path.of("target", "restart-it-data");
    static final URI EVENTS = URI.create("http://127.0.0.1:" + PORT + "/events");

    Process app;
    Path log;

    @BeforeEach
    void clean() throws IOException {
        if (Files.exists(DATA)) {
            try (Stream<Path> files = Files.walk(DATA)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        RestAssured.port = PORT;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RestAssured.reset();
    }

    @Test
    void shouldDrainOnSigtermAndContinueOverTheSameFileWithNothingLostOrAppliedTwice() throws Exception {
        var script = new MatchScript("RESTART-1", "r");
        List<String> events = script.events();
        int half = events.size() / 2;

        start("first");
        post("plugin", events.subList(0, half));
        // Batches right before the signal, so that the stop finds work queued and must drain it.
        long acceptedFirst = 0;
        for (int batch = 0; batch < 5; batch++) {
            List<String> filler = new ArrayList<>();
            for (int seq = 1; seq <= 1000; seq++) {
                filler.add(Events.updateState("FILLER", batch * 1000L + seq));
            }
            var answer = Client.post(EVENTS, "filler", Events.array(filler));
            assertThat(answer.status()).isEqualTo(202);
            acceptedFirst = answer.offsets().get(answer.offsets().size() - 1);
        }
        stopWithSigterm();
        assertThat(Files.readString(log)).contains("Drained").contains("nothing left");

        start("second");
        assertThat(queue().getLong("lastOffset")).as("offsets continue after what the store applied").isEqualTo(acceptedFirst);
        JsonPath filled = RestAssured.get("/matches/FILLER").then().statusCode(200).extract().jsonPath();
        assertThat(filled.getLong("lastOffset")).as("the whole batch was drained before the stop").isEqualTo(acceptedFirst);
        // The plugin retries its last three events, then goes on.
        post("plugin", events.subList(half - 3, events.size()));
        awaitApplied();
        assertThat(queue().getLong("stale") + queue().getLong("duplicates")).isEqualTo(3);
        MatchReplayTest.assertFinalState("RESTART-1", "r", script);
        stopWithSigterm();

        start("third");
        MatchReplayTest.assertFinalState("RESTART-1", "r", script);
    }

    void start(String name) throws IOException {
        log = Path.of("target", "restart-it-" + name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        app = new ProcessBuilder(java, "-Xmx256m", "-Dquarkus.http.port=" + PORT, "-Dinorder.data-dir=./" + DATA,
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> queue() != null);
    }

    void stopWithSigterm() throws InterruptedException {
        app.destroy(); // SIGTERM
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped in time").isTrue();
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
