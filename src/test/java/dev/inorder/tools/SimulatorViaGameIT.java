package dev.inorder.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.inorder.support.FakeGame;
import dev.inorder.support.PackagedApp;

/**
 * The simulator playing the game itself over the Stats API's TCP wire (with restarts of the game), and publishing as
 * rlapi2mqtt does to the real Mosquitto, against the packaged application: verdict OK, exit 0.
 */
class SimulatorViaGameIT {

    PackagedApp app;

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    @Test
    void shouldReadBackExactlyWhatTheGameSentOverTcpThroughRestarts() throws Exception {
        int port = FakeGame.freePort();
        app = new PackagedApp("simulator-tcp-it", 8096);
        app.start("first", "-Dinorder.statsapi.address=127.0.0.1:" + port, "-Dinorder.statsapi.max-backoff=1s");
        String printed = simulate("simulator-tcp-it.txt", "--via", "tcp", Integer.toString(port), "--restarts", "2",
                "--matches", "2", "--duration", "4", "--rate", "20", "--seed", "11");
        assertThat(printed).contains("VERDICT: OK").contains("The game quit and came back 2 time(s)");
        assertThat(app.log()).contains("Stats API: connected to the game");
    }

    @Test
    void shouldReadBackExactlyWhatWasPublishedAsRlapi2mqttDoes() throws Exception {
        app = new PackagedApp("simulator-mqtt-it", 8095);
        app.start("first", "-Dinorder.mqtt.url=mqtt://127.0.0.1:1883",
                "-Dinorder.mqtt.client-id=inorder-sim-" + UUID.randomUUID().toString().substring(0, 8));
        String printed = simulate("simulator-mqtt-it.txt", "--via", "mqtt", "mqtt://127.0.0.1:1883",
                "--matches", "2", "--duration", "4", "--rate", "20", "--seed", "13");
        assertThat(printed).contains("VERDICT: OK");
    }

    private String simulate(String log, String... options) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = Path.of("target", log);
        List<String> command = new java.util.ArrayList<>(List.of(java, "tools/Simulator.java", "--url", "http://127.0.0.1:"
                + app.events().getPort()));
        command.addAll(List.of(options));
        Process simulator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(simulator.waitFor(180, TimeUnit.SECONDS)).as("the simulator finished in time").isTrue();
        String printed = Files.readString(output);
        assertThat(simulator.exitValue()).as(printed).isZero();
        return printed;
    }
}
