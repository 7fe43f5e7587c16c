package dev.inorder.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.InOrderConfig;
import dev.inorder.ingest.Backoff;
import dev.inorder.match.CommittedChanges;
import dev.inorder.match.MatchBook;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Posts goals, demolitions and match ends to each {@code inorder.webhook.url} (a Discord webhook, or anything that takes
 * JSON), after they are committed. The consumer only hands the changes over; translation and delivery run on a Vert.x
 * event loop with the core HTTP client (pooled, non-blocking). Each URL gets its posts one at a time, in order; a
 * refusal ({@code 429}, honouring {@code Retry-After}, a {@code 5xx}, no answer) is retried with backoff up to
 * {@link #ATTEMPTS} times, a {@code 4xx} is given up at once (it will not change). At most {@link #QUEUED} posts wait per
 * URL; beyond, new ones are dropped. All counted: {@code inorder_webhook_delivered_total}, {@code _retried_total},
 * {@code _failed_total}, {@code _dropped_total}.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    static final int ATTEMPTS = 8;
    static final int QUEUED = 1_000;

    @Inject
    InOrderConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    private WebhookMessages messages;
    private Context context;
    private HttpClient http;
    private final List<Target> targets = new ArrayList<>();
    private Counter delivered;
    private Counter retried;
    private Counter failed;
    private Counter dropped;

    /** One URL: its queue of bodies, sent one at a time. Touched only on {@link #context}. */
    private final class Target {
        final String url;
        final ArrayDeque<Buffer> queue = new ArrayDeque<>();
        final Backoff backoff = new Backoff(Duration.ofSeconds(30));
        boolean sending;
        int attempts;

        Target(String url) {
            this.url = url;
        }
    }

    void start(@Observes StartupEvent start, Vertx vertx, CommittedChanges committed) {
        List<String> urls = config.webhook().url().orElse(List.of()).stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        if (urls.isEmpty()) {
            return;
        }
        messages = new WebhookMessages(mapper);
        delivered = Counter.builder("inorder.webhook.delivered").description("Webhook posts answered 2xx").register(registry);
        retried = Counter.builder("inorder.webhook.retried").description("Webhook posts tried again").register(registry);
        failed = Counter.builder("inorder.webhook.failed").description("Webhook posts given up").register(registry);
        dropped = Counter.builder("inorder.webhook.dropped").description("Webhook posts dropped: too many waiting").register(registry);
        http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setIdleTimeout(30));
        context = vertx.getOrCreateContext();
        urls.forEach(url -> targets.add(new Target(url)));
        committed.listen(this::committed);
        LOG.infof("Webhooks: posting goals, demolitions and match ends to %d URL(s)", urls.size());
    }

    /** On the consumer's thread: hand over and return. */
    private void committed(MatchBook.Changes changes) {
        if (!changes.timeline().isEmpty()) {
            context.runOnContext(v -> enqueue(messages.of(changes)));
        }
    }

    private void enqueue(List<ObjectNode> bodies) {
        for (ObjectNode body : bodies) {
            Buffer bytes = Buffer.buffer(body.toString());
            for (Target target : targets) {
                if (target.queue.size() >= QUEUED) {
                    dropped.increment();
                    continue;
                }
                target.queue.add(bytes);
                send(target);
            }
        }
    }

    private void send(Target target) {
        if (target.sending || target.queue.isEmpty()) {
            return;
        }
        target.sending = true;
        var request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.url).setIdleTimeout(10_000)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(HttpHeaders.USER_AGENT, "InOrder");
        http.request(request)
                .compose(req -> req.send(target.queue.peek()))
                .compose(response -> response.body().map(body -> response))
                .onComplete(answer -> {
                    int status = answer.succeeded() ? answer.result().statusCode() : 0;
                    if (status >= 200 && status < 300) {
                        done(target, delivered);
                    } else if (status >= 400 && status < 500 && status != 429 && status != 408) {
                        LOG.warnf("Webhook %s refused a post with %d: given up", target.url, status);
                        done(target, failed);
                    } else if (++target.attempts >= ATTEMPTS) {
                        LOG.warnf("Webhook %s: no success after %d attempts (%s): given up", target.url, ATTEMPTS,
                                answer.succeeded() ? "status " + status : answer.cause().getMessage());
                        done(target, failed);
                    } else {
                        retried.increment();
                        long wait = target.backoff.next();
                        String retryAfter = answer.succeeded() ? answer.result().getHeader("Retry-After") : null;
                        if (retryAfter != null && retryAfter.matches("\\d{1,5}(\\.\\d+)?")) {
                            wait = Math.max(wait, (long) (Double.parseDouble(retryAfter) * 1000));
                        }
                        context.owner().setTimer(wait, id -> {
                            target.sending = false;
                            send(target);
                        });
                    }
                });
    }

    private void done(Target target, Counter outcome) {
        outcome.increment();
        target.queue.poll();
        target.attempts = 0;
        target.backoff.reset();
        target.sending = false;
        send(target);
    }
}
