package dev.inorder.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.PackagedApp;
import dev.inorder.support.TcpProxy;
import io.restassured.RestAssured;

/**
 * SIGTERM while PostgreSQL is away: the drain waits up to its timeout, says exactly what it drained and what it left,
 * and the process stops; after the restart, offsets do not go back.
 */
class StopDuringOutageIT {

    static final URI EVENTS = URI.create("http://127.0.0.1:8096/events");

    PackagedApp app;
    TcpProxy proxy;

    @AfterEach
    void stop() throws Exception {
        app.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void shouldWaitUpToTheDrainTimeoutDuringAnOutageSayWhatItLeftAndNeverHandOutAnOffsetAgain() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 5432);
        app = new PackagedApp("stop-during-outage-it", 8096);
        start("first");
        String run = Long.toString(System.nanoTime(), 36);
        assertThat(Client.post(EVENTS, "stop-it", Events.updateState("STOP-" + run, 1)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> RestAssured.get("/matches/STOP-" + run).statusCode() == 200);

        proxy.cut();
        long last = 0;
        List<String> batch = new ArrayList<>();
        for (int seq = 2; seq <= 101; seq++) {
            batch.add(Events.updateState("STOP-" + run, seq));
        }
        var answer = Client.post(EVENTS, "stop-it", Events.array(batch));
        assertThat(answer.status()).isEqualTo(202);
        last = answer.offsets().get(answer.offsets().size() - 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> RestAssured.get("/q/health/ready").statusCode() == 503);

        long signalled = System.nanoTime();
        assertThat(app.sigterm(30)).as("stopped").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).as("waited for the drain timeout")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        var gaveUp = Pattern.compile("Drain gave up after PT3S: (\\d+) events drained, (\\d+) accepted events left")
                .matcher(app.log());
        assertThat(gaveUp.find()).as("the log says what the drain left").isTrue();
        assertThat(Long.parseLong(gaveUp.group(1)) + Long.parseLong(gaveUp.group(2))).isEqualTo(100);
        assertThat(Long.parseLong(gaveUp.group(2))).isPositive();

        proxy.restore();
        start("second");
        var after = Client.post(EVENTS, "stop-it", Events.updateState("STOP-" + run, 500));
        assertThat(after.status()).isEqualTo(202);
        assertThat(after.offsets().get(0)).as("offsets do not go back").isGreaterThan(last);
    }

    void start(String name) throws IOException {
        app.start(name, "-Dinorder.shutdown.drain-timeout=3s",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + proxy.port()
                        + "/test?currentSchema=inorder_stop_it&connectTimeout=2",
                "-Dquarkus.datasource.username=postgres", "-Dquarkus.flyway.schemas=inorder_stop_it");
    }
}
