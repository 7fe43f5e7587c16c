package dev.inorder.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain JDK HTTP client for tests that post from many threads at once. */
public final class Client {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What one {@code POST /events} answered. */
    public record Answer(int status, JsonNode body, String retryAfter) {

        /** The offsets a 202 assigned, in order. */
        public List<Long> offsets() {
            long first = body.get("offset").asLong();
            return LongStream.range(first, first + body.get("count").asLong()).boxed().toList();
        }
    }

    private Client() {
    }

    public static Answer post(URI events, String source, String body) {
        var request = HttpRequest.newBuilder(events)
                .header("Content-Type", "application/json")
                .header("X-Source-Id", source)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), MAPPER.readTree(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
