package dev.inorder.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.inorder.support.Client;
import dev.inorder.support.PackagedApp;
import dev.inorder.support.Reads;
import dev.inorder.support.Events;
import dev.inorder.support.Sender;
import io.restassured.RestAssured;

/**
 * The packaged application killed with SIGKILL while a sender streams and a reader reads, over the default H2 file:
 * everything the reader saw is there after the restart, and no offset is handed out twice.
 */
class CrashIT {

    static final URI EVENTS = URI.create("http://127.0.0.1:8098/events");

    PackagedApp app;

    @BeforeEach
    void clean() {
        app = new PackagedApp("crash-it", 8098);
    }

    @AfterEach
    void stop() throws InterruptedException {
        app.close();
    }

    @Test
    void shouldKeepEverythingAReaderSawThroughSigkillAndNeverHandOutAnOffsetAgain() throws Exception {
        app.start("first");
        var stop = new AtomicBoolean();
        var sender = new Sender(EVENTS, "crash", "CRASH-1", 10, stop);
        var streaming = new Thread(sender);
        streaming.start();

        long seenOffset = 0;
        int seenEvents = 0;
        while (sender.accepted().size() < 3_000) {
            var match = RestAssured.get("/matches/CRASH-1");
            if (match.statusCode() == 200) {
                seenOffset = match.jsonPath().getLong("lastOffset");
                seenEvents = Reads.timelineNumbers("CRASH-1").size();
            }
        }
        assertThat(app.sigkill()).as("SIGKILL, right after the last read").isEqualTo(137);
        stop.set(true);
        streaming.join(10_000);
        long lastHandedOut = sender.lastOffset();
        List<Long> accepted = sender.accepted();
        assertThat(seenEvents).as("the reader saw events applied").isPositive();

        app.start("second");
        assertThat(RestAssured.get("/matches/CRASH-1").then().statusCode(200).extract().jsonPath().getLong("lastOffset"))
                .as("what the reader saw survived").isGreaterThanOrEqualTo(seenOffset);
        List<Long> numbers = Reads.timelineNumbers("CRASH-1");
        assertThat(numbers.size()).isGreaterThanOrEqualTo(seenEvents);
        assertThat(numbers).as("a prefix of what was accepted, in order, nothing twice")
                .containsExactlyElementsOf(accepted.subList(0, numbers.size()));
        var after = Client.post(EVENTS, "crash", Events.updateState("CRASH-2", 1));
        assertThat(after.status()).isEqualTo(202);
        assertThat(after.offsets().get(0)).as("offsets do not go back").isGreaterThan(lastHandedOut);
    }
}
