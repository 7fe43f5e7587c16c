package dev.inorder.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.restassured.RestAssured;

/**
 * The packaged application ({@code target/quarkus-app}) as a process of its own, for the tests that stop, kill and
 * restart it: a port, a data directory emptied once per test, one log file per start.
 */
public final class PackagedApp {

    private final String name;
    private final int port;
    private final Path data;
    private Process process;
    private Path log;

    /** @param name names the data directory and the logs: {@code target/<name>-data}, {@code target/<name>-<start>.log} */
    public PackagedApp(String name, int port) {
        this.name = name;
        this.port = port;
        this.data = Path.of("target", name + "-data");
        try {
            if (Files.exists(data)) {
                try (Stream<Path> files = Files.walk(data)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RestAssured.port = port;
    }

    public URI events() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    /** Starts the jar with {@code options} (system properties) and waits until it answers. */
    public void start(String start, String... options) throws IOException {
        log = Path.of("target", name + "-" + start + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dinorder.data-dir=./" + data));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> RestAssured.get("/queue").statusCode() == 200);
    }

    public Process process() {
        return process;
    }

    /** What the latest start logged. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM; true when it stopped within {@code seconds}. */
    public boolean sigterm(int seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** SIGKILL; returns the exit code. */
    public int sigkill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
        return process.exitValue();
    }

    /** After each test: nothing left running. */
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RestAssured.reset();
    }
}
