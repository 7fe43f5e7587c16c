package dev.inorder.mqtt;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.support.PackagedApp;
import dev.inorder.support.Reads;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/**
 * MQTT ingest against a real Mosquitto on 127.0.0.1:1883 (started by {@code .ci/services.sh}): a publisher sends a
 * match as rlapi2mqtt does, QoS 1, while the packaged application is killed with SIGKILL mid-stream and started again.
 * Every event the broker acknowledged is stored once, in order: the broker kept what arrived while InOrder was down
 * (persistent session), and sent again what InOrder had not acknowledged (it acknowledges once stored).
 */
class MqttIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int EVENTS = 600;

    PackagedApp app;
    Vertx vertx;

    @BeforeEach
    void setUp() {
        app = new PackagedApp("mqtt-it", 8097);
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldStoreEveryEventTheBrokerAcknowledgedOnceInOrderThroughASigkill() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "inorder-it-" + run;
        String guid = "MQTT-" + run;
        String[] options = { "-Dinorder.mqtt.url=mqtt://127.0.0.1:1883", "-Dinorder.mqtt.topics=" + prefix + "/#",
                "-Dinorder.mqtt.client-id=inorder-it-" + run };
        app.start("first", options);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/sources").jsonPath().getBoolean("[0].connected"));

        MqttClient publisher = MqttClient.create(vertx, new MqttClientOptions().setClientId("pub-" + run).setMaxInflightQueue(1000));
        AtomicInteger acknowledged = new AtomicInteger();
        publisher.publishCompletionHandler(id -> acknowledged.incrementAndGet());
        publisher.connect(1883, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        for (int i = 0; i < EVENTS; i++) {
            if (i == EVENTS / 3) {
                int sent = i;
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() == sent);
                assertThat(app.sigkill()).as("SIGKILL mid-stream").isEqualTo(137);
            }
            if (i == 2 * EVENTS / 3) {
                app.start("second", options); // the broker kept what came meanwhile
            }
            publish(publisher, prefix, guid, i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() == EVENTS);
        publisher.disconnect();

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> Reads.timelineNumbers(guid).size() >= EVENTS / 2);
        Reads.awaitApplied();
        List<Long> expected = LongStream.range(0, EVENTS).filter(i -> i % 2 == 1).boxed().toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Reads.timelineNumbers(guid)).isEqualTo(expected));
        // The last snapshot is the state: bare Data on rlapi2mqtt/updatestate, named by the topic.
        assertThat(get("/matches/" + guid).jsonPath().getInt("timeSeconds")).isEqualTo(300 - (EVENTS - 2) / 2);
        assertThat(get("/queue").jsonPath().getLong("deadLettered")).isZero();
    }

    /** Even numbers: an UpdateState, published as bare Data; odd: a StatfeedEvent, as an envelope with Data a string. */
    private void publish(MqttClient publisher, String prefix, String guid, int i) throws Exception {
        String topic;
        String payload;
        if (i % 2 == 0) {
            ObjectNode data = MAPPER.createObjectNode().put("MatchGuid", guid);
            data.putObject("Game").put("TimeSeconds", 300 - i / 2);
            topic = prefix + "/updatestate";
            payload = data.toString();
        } else {
            ObjectNode data = MAPPER.createObjectNode().put("MatchGuid", guid).put("EventName", "Shot").put("Number", i);
            topic = prefix + "/statfeedevent";
            payload = MAPPER.createObjectNode().put("Event", "StatfeedEvent").put("Data", data.toString()).toString();
        }
        publisher.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
