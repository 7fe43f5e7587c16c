package dev.inorder.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The game's Stats API for tests: a TCP server on a fixed port that writes envelopes back to back, {@code Data} as a
 * string holding JSON, cut into pieces of random size (each written and flushed on its own), as the game does.
 */
public final class FakeGame implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int port;
    private final Random random = new Random(7);
    private ServerSocket server;

    public FakeGame(int port) {
        this.port = port;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The game starts and listens (after a restart, on the same port). */
    public void listen() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
    }

    /** The game quits: it listens no more. */
    public void stopListening() throws IOException {
        server.close();
    }

    public Socket accept() throws IOException {
        return server.accept();
    }

    /** Writes the envelopes back to back, cut at random points; blocks while InOrder holds the game back. */
    public void stream(Socket socket, List<String> envelopes) throws IOException {
        byte[] bytes = String.join("", envelopes).getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(300));
            out.write(bytes, at, n);
            out.flush();
            at += n;
        }
    }

    /** One match as the game sends it: the quirks included (empty guid first, a phantom goal after the replay). */
    public static List<String> match(String guid, int snapshots) {
        List<String> events = new ArrayList<>();
        events.add(envelope("MatchCreated", MAPPER.createObjectNode().put("MatchGuid", "")));
        events.add(envelope("MatchInitialized", MAPPER.createObjectNode().put("MatchGuid", guid)));
        for (int i = 0; i < snapshots; i++) {
            ObjectNode data = MAPPER.createObjectNode().put("MatchGuid", guid);
            ObjectNode game = data.putObject("Game").put("Arena", "Stadium_P").put("TimeSeconds", 300 - i / 10);
            game.putArray("Teams").addObject().put("Name", "Blue").put("TeamNum", 0).put("Score", i / 100);
            data.putArray("Players").addObject().put("Name", "Ada").put("PrimaryId", "Steam|1|0").put("Boost", i % 100)
                    .put("Goals", i / 100);
            events.add(envelope("UpdateState", data));
            if (i % 100 == 99) {
                ObjectNode goal = MAPPER.createObjectNode().put("MatchGuid", guid).put("GoalSpeed", 88.5 + i);
                goal.putObject("Scorer").put("Name", "Ada").put("Shortcut", 1).put("TeamNum", 0);
                events.add(envelope("GoalScored", goal));
                events.add(envelope("ReplayStart", MAPPER.createObjectNode().put("MatchGuid", guid)));
                events.add(envelope("ReplayWillEnd", MAPPER.createObjectNode().put("MatchGuid", guid)));
                ObjectNode phantom = MAPPER.createObjectNode().put("MatchGuid", guid).put("GoalSpeed", 0);
                phantom.putObject("Scorer").put("Name", "");
                events.add(envelope("GoalScored", phantom));
            }
        }
        events.add(envelope("MatchEnded", MAPPER.createObjectNode().put("MatchGuid", guid).put("WinnerTeamNum", 0)));
        return events;
    }

    /** {@code {"Event": name, "Data": "<data as a JSON string>"}}, as on the wire. */
    public static String envelope(String event, ObjectNode data) {
        return MAPPER.createObjectNode().put("Event", event).put("Data", data.toString()).toString();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
