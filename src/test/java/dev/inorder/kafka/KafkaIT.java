package dev.inorder.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kafka profile end to end: a real Kafka broker in KRaft mode ({@code kafka/broker.sh}, started by {@code .ci/run}),
 * a topic of 4 partitions, two instances of the packaged application in one consumer group over one PostgreSQL store,
 * the plugin simulator sending to both in turn, and one instance killed with SIGKILL mid-run. Afterwards every match
 * must read back exactly as sent: each acknowledged event applied once (a timeline entry per discrete event, no more,
 * no less), in order, and final scores and player lines equal to the last snapshot.
 */
class KafkaIT {

    static final String BOOTSTRAP = System.getProperty("inorder.it.kafka", "127.0.0.1:19092");
    static final String SCHEMA = "inorder_kafka_it";
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    final String run = Long.toString(System.currentTimeMillis(), 36);
    final String topic = "inorder-it-" + run;
    Process a;
    Process b;

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[] { a, b }) {
            if (p != null && p.isAlive()) {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldApplyEveryAcknowledgedEventOnceAndInOrderWhenOneOfTwoInstancesIsKilled() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            fail("No Kafka broker at " + BOOTSTRAP + ": start one with kafka/broker.sh start (.ci/run does)", e);
        }
        try (var c = DriverManager.getConnection(JDBC, "postgres", ""); var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        a = start("a", 8191);
        awaitReady(8191);
        b = start("b", 8192);
        awaitReady(8192);

        Path output = Path.of("target", "kafka-it-simulator.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process simulator = new ProcessBuilder(java, "tools/Simulator.java", "--url",
                "http://127.0.0.1:8191,http://127.0.0.1:8192", "--matches", "8", "--duration", "12", "--rate", "20",
                "--batch", "3", "--duplicates", "0.1", "--reorder", "0.1", "--seed", "11", "--settle", "90")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            // Mid-run: once B has acknowledged a good share of events, kill it without a chance to clean up.
            awaitStatus(8192, q -> q.get("accepted").asLong() >= 300, Duration.ofSeconds(60));
            long acceptedByB = status(8192).get("accepted").asLong();
            b.destroyForcibly(); // SIGKILL
            assertThat(b.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(b.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

            assertThat(simulator.waitFor(240, TimeUnit.SECONDS)).as("the simulator finished in time").isTrue();
            String printed = Files.readString(output);
            assertThat(simulator.exitValue()).as(printed).isZero();
            assertThat(printed).contains("VERDICT: OK").containsPattern("failed over [1-9]");

            JsonNode survivor = status(8191);
            assertThat(survivor.get("orderBreaches").asLong()).isZero();
            assertThat(survivor.get("deadLettered").asLong()).isZero();
            System.out.printf("KafkaIT: B acknowledged %d events before SIGKILL; A then: %s%n", acceptedByB, survivor);
            assertThat(Files.readString(Path.of("target", "kafka-it-a.log"))).as("A took over B's partitions")
                    .containsPattern("Partitions assigned: \\[(" + topic + "-\\d, ){3}" + topic + "-\\d\\]");
        } finally {
            simulator.destroyForcibly();
        }
    }

    Process start(String name, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "-Xmx256m", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "kafka-it-" + name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_PROFILE", "kafka");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP);
        env.put("INORDER_KAFKA_TOPIC", topic);
        env.put("MP_MESSAGING_INCOMING_EVENTS_GROUP_ID", topic);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", JDBC + "?currentSchema=" + SCHEMA);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_FLYWAY_SCHEMAS", SCHEMA);
        env.put("INORDER_DATA_DIR", "./target/kafka-it-data-" + name); // the unused embedded H2 file, one per instance
        return builder.start();
    }

    static void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("instance on port " + port + " was not ready within 60 s; see target/kafka-it-*.log");
    }

    static void awaitStatus(int port, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(status(port))) {
            if (System.nanoTime() > deadline) {
                fail("GET /queue on port " + port + " never showed the expected state: " + status(port));
            }
            Thread.sleep(100);
        }
    }

    static JsonNode status(int port) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/queue")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    static Admin admin() {
        var properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        return Admin.create(properties);
    }
}
