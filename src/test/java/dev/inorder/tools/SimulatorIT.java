package dev.inorder.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The plugin simulator, as a user runs it, against the packaged application: faults on, verdict OK, exit 0. */
@QuarkusIntegrationTest
class SimulatorIT {

    @TestHTTPResource("/")
    URL service;

    @Test
    void shouldPlayMatchesWithFaultsAndReadThemBackExactly() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = Path.of("target", "simulator-it.txt");
        Process simulator = new ProcessBuilder(java, "tools/Simulator.java", "--url", service.toString(),
                "--matches", "4", "--duration", "4", "--rate", "20", "--batch", "3", "--duplicates", "0.2",
                "--reorder", "0.2", "--seed", "7")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(simulator.waitFor(120, TimeUnit.SECONDS)).as("the simulator finished in time").isTrue();
        String printed = Files.readString(output);
        assertThat(simulator.exitValue()).as(printed).isZero();
        assertThat(printed).contains("VERDICT: OK").contains("duplicates").containsPattern("reordered [1-9]");
    }
}
