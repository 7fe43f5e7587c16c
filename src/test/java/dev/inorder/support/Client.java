package dev.inorder.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
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

    /**
     * Senders {@code prefix-0} … posting at once, each on its own thread, {@code requests} bodies one after another
     * ({@code body.apply(source, i)}); every answer, sender after sender, each in the order it was sent.
     */
    public static List<Answer> postFromSenders(URI events, String prefix, int senders, int requests,
            BiFunction<String, Integer, String> body) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<List<Answer>>> sent = new ArrayList<>();
            for (int c = 0; c < senders; c++) {
                String source = prefix + "-" + c;
                sent.add(pool.submit(() -> {
                    List<Answer> answers = new ArrayList<>();
                    for (int i = 0; i < requests; i++) {
                        answers.add(post(events, source, body.apply(source, i)));
                    }
                    return answers;
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (var future : sent) {
                answers.addAll(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
