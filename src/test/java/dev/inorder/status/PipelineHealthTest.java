package dev.inorder.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.inorder.GameEvent;
import dev.inorder.AcceptedEvent;
import dev.inorder.ingest.IngestQueue;
import dev.inorder.processing.EventHandler;
import dev.inorder.processing.OrderedProcessor;
import dev.inorder.processing.TransientFailure;
import dev.inorder.store.MatchStore;

/** Readiness on its own: a real queue, and a real H2 driver pointed at a database that is or is not there. */
class PipelineHealthTest {

    static final GameEvent EVENT = new GameEvent("UpdateState", JsonNodeFactory.instance.objectNode(), null);

    static PipelineHealth.Accepting check(IngestQueue queue, String url) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        var check = new PipelineHealth.Accepting();
        check.queue = queue;
        check.store = new MatchStore(dataSource);
        check.processor = new OrderedProcessor(e -> {
        });
        return check;
    }

    static final String REACHABLE = "jdbc:h2:mem:health;INIT=CREATE TABLE IF NOT EXISTS log_positions(log_name VARCHAR(200) PRIMARY KEY, last_offset BIGINT)";

    @Test
    void shouldBeReadyWithRoomAndAStore() {
        assertThat(check(new IngestQueue(10, 10, 1), REACHABLE).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void shouldNotBeReadyOverNinetyPercentFull() {
        var queue = new IngestQueue(10, 10, 1);
        queue.offer("a", Collections.nCopies(10, EVENT), 100);
        assertThat(check(queue, REACHABLE).call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void shouldNotBeReadyWhileDraining() {
        var queue = new IngestQueue(10, 10, 1);
        queue.close();
        assertThat(check(queue, REACHABLE).call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void shouldNotBeReadyWhenTheStoreIsUnreachable() {
        var queue = new IngestQueue(10, 10, 1);
        queue.offer("a", List.of(EVENT), 100);
        var response = check(queue, "jdbc:h2:file:./target/no-such-dir/none;IFEXISTS=TRUE").call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("reason").toString()).startsWith("store unreachable");
    }

    @Test
    void shouldNotBeReadyWhileTheConsumerWaitsForTheStoreAndBeReadyAgainWhenItAnswers() throws Exception {
        var check = check(new IngestQueue(10, 10, 1), REACHABLE);
        var down = new java.util.concurrent.atomic.AtomicBoolean(true);
        check.processor = new OrderedProcessor(new EventHandler() {
            @Override
            public void apply(AcceptedEvent event) {
            }

            @Override
            public void flush() {
                if (down.get()) {
                    throw new TransientFailure("connection refused", null, true);
                }
            }
        }, dev.inorder.processing.ProcessingObserver.NONE, 1);
        var consumer = new Thread(() -> check.processor.process(List.of(new AcceptedEvent(1, "a", 0, EVENT))));
        consumer.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> check.processor.stalled() != null);
        var response = check.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("reason").toString()).contains("connection refused");
        down.set(false);
        consumer.join(10_000);
        assertThat(consumer.isAlive()).isFalse();
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
