package dev.inorder.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.inorder.support.Client;
import dev.inorder.support.Events;
import dev.inorder.support.MatchScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Webhooks against a real HTTP receiver in the test: a whole scripted match posted, and the receiver (which refuses its
 * first post with 503) gets each goal, the demolition and the match end, once each, in order, Discord-shaped.
 */
@QuarkusTest
@TestProfile(WebhookTest.Profile.class)
class WebhookTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The receiver: answers 503 to the first post, 204 to the rest, and keeps every body it took. */
    static final class Receiver {
        static final List<JsonNode> TAKEN = Collections.synchronizedList(new ArrayList<>());
        static final AtomicInteger POSTS = new AtomicInteger();
        static final HttpServer SERVER = start();

        private static HttpServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/hook", exchange -> {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    if (POSTS.incrementAndGet() == 1) {
                        exchange.getResponseHeaders().add("Retry-After", "0");
                        exchange.sendResponseHeaders(503, -1);
                    } else {
                        TAKEN.add(MAPPER.readTree(new String(body, StandardCharsets.UTF_8)));
                        exchange.sendResponseHeaders(204, -1);
                    }
                    exchange.close();
                });
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.webhook.url", "http://127.0.0.1:" + Receiver.SERVER.getAddress().getPort() + "/hook");
        }
    }

    @TestHTTPResource("/events")
    URI events;

    @Test
    void shouldPostEachGoalDemolitionAndMatchEndOnceInOrderAfterARefusal() {
        String guid = "HOOK-" + UUID.randomUUID();
        var script = new MatchScript(guid, "hook" + UUID.randomUUID().toString().substring(0, 6));
        Client.post(events, "hook-" + UUID.randomUUID(), Events.array(script.events()));

        await().atMost(Duration.ofSeconds(20)).until(() -> Receiver.TAKEN.stream()
                .anyMatch(b -> b.path("content").asText().contains("won")));
        List<String> contents;
        synchronized (Receiver.TAKEN) {
            contents = Receiver.TAKEN.stream().map(b -> b.path("content").asText()).toList();
        }
        assertThat(contents).hasSize(5);
        assertThat(contents.get(0)).contains("**Ada** scored for **Blue**", "assisted by **Bea**", "97 km/h");
        assertThat(contents.get(1)).contains("**Eve** demolished");
        assertThat(contents.get(2)).contains("**Dot** scored for **Orange**");
        assertThat(contents.get(3)).contains("**Ada** scored for **Blue**");
        assertThat(contents.get(4)).isEqualTo("🏆 **Blue** won 2 – 1 against **Orange** in overtime (Stadium_P)");
        JsonNode end = Receiver.TAKEN.get(4).path("embeds").get(0);
        assertThat(end.path("description").asText()).isEqualTo("Blue 2 – 1 Orange");
        assertThat(end.path("color").asInt()).isEqualTo(WebhookMessages.BLUE);
        assertThat(end.path("footer").path("text").asText()).contains(guid);
        assertThat(Receiver.POSTS.get()).as("the refused first post, then five").isEqualTo(6);

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("inorder_webhook_delivered_total 5.0", "inorder_webhook_retried_total 1.0",
                "inorder_webhook_failed_total 0.0");
    }
}
