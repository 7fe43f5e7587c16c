package dev.inorder.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.inorder.AcceptedEvent;
import dev.inorder.GameEvent;

class OrderedProcessorTest {

    static AcceptedEvent event(long offset, String name) {
        return new AcceptedEvent(offset, "test", 0, new GameEvent(name, JsonNodeFactory.instance.objectNode(), null));
    }

    @Test
    void shouldApplyInListOrderAndTrackTheLastOffset() {
        List<Long> applied = new ArrayList<>();
        var processor = new OrderedProcessor(e -> applied.add(e.offset()));
        processor.process(List.of(event(1, "A"), event(2, "B")));
        processor.process(List.of(event(3, "C")));
        assertThat(applied).containsExactly(1L, 2L, 3L);
        assertThat(processor.processed()).isEqualTo(3);
        assertThat(processor.lastProcessedOffset()).isEqualTo(3);
        assertThat(processor.orderBreaches()).isZero();
    }

    @Test
    void shouldCountAnOffsetThatDoesNotIncreaseAsABreach() {
        var processor = new OrderedProcessor(e -> {
        });
        processor.process(List.of(event(5, "A"), event(4, "B"), event(6, "C"), event(6, "D")));
        assertThat(processor.orderBreaches()).isEqualTo(2);
    }

    /**
     * A handler that behaves like the store: applies provisionally, commits at flush (refusing a chunk that holds a
     * "Poison" event, as a database refuses a value it cannot hold), and can be down for a number of attempts.
     */
    static class FakeStore implements EventHandler {
        final List<Long> pending = new ArrayList<>();
        final List<Long> committed = new ArrayList<>();
        final List<Long> deadLetters = new ArrayList<>();
        final List<String> poison = new ArrayList<>();
        int downFor;
        int flushes;

        @Override
        public void apply(AcceptedEvent event) {
            if (event.event().event().equals("Boom")) {
                throw new IllegalStateException("processing bug");
            }
            if (event.event().event().equals("Poison")) {
                poison.add("p" + event.offset());
            }
            pending.add(event.offset());
        }

        @Override
        public void flush() {
            flushes++;
            if (downFor > 0) {
                downFor--;
                throw new TransientFailure("connection refused", null, true);
            }
            if (!poison.isEmpty()) {
                throw new IllegalArgumentException("value too long");
            }
            committed.addAll(pending);
            pending.clear();
        }

        @Override
        public void discard() {
            pending.clear();
            poison.clear();
        }

        @Override
        public void deadLetter(AcceptedEvent event, RuntimeException error) {
            if (downFor > 0) {
                downFor--;
                throw new TransientFailure("connection refused", null, true);
            }
            deadLetters.add(event.offset());
        }
    }

    static List<AcceptedEvent> chunk(long first, String... names) {
        List<AcceptedEvent> events = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            events.add(event(first + i, names[i]));
        }
        return events;
    }

    @Test
    void shouldDeadLetterAnEventWhoseProcessingFailsAndCommitEveryOtherInOrder() {
        var store = new FakeStore();
        var processor = new OrderedProcessor(store, ProcessingObserver.NONE, 1);
        processor.process(chunk(1, "A", "Boom", "C", "D"));
        assertThat(store.committed).containsExactly(1L, 3L, 4L);
        assertThat(store.deadLetters).containsExactly(2L);
        assertThat(processor.deadLettered()).isEqualTo(1);
        assertThat(processor.processed()).isEqualTo(4);
    }

    @Test
    void shouldFindEveryEventTheStoreRefusesAtCommitAndStoreAllTheOthersInOrder() {
        var random = new java.util.Random(11);
        for (int round = 0; round < 30; round++) {
            var store = new FakeStore();
            var processor = new OrderedProcessor(store, ProcessingObserver.NONE, 1);
            int size = 1 + random.nextInt(500);
            String[] names = new String[size];
            List<Long> good = new ArrayList<>();
            List<Long> bad = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                boolean poison = random.nextInt(40) == 0;
                names[i] = poison ? "Poison" : "E";
                (poison ? bad : good).add(1000L * round + i);
            }
            processor.process(chunk(1000L * round, names));
            assertThat(store.committed).as("round %d", round).containsExactlyElementsOf(good);
            assertThat(store.deadLetters).as("round %d", round).containsExactlyElementsOf(bad);
            assertThat(processor.deadLettered()).isEqualTo(bad.size());
            assertThat(processor.processed()).isEqualTo(size);
        }
    }

    @Test
    void shouldKeepAChunkThroughAStoreOutageOfAnyLengthAndApplyItOnceWhenTheStoreAnswers() {
        var store = new FakeStore();
        store.downFor = 40; // far beyond the five attempts that used to drop the chunk
        var processor = new OrderedProcessor(store, ProcessingObserver.NONE, 0);
        processor.process(chunk(1, "A", "B", "C"));
        assertThat(store.committed).containsExactly(1L, 2L, 3L);
        assertThat(store.deadLetters).isEmpty();
        assertThat(processor.retries()).isEqualTo(40);
        assertThat(processor.stalled()).as("recovered").isNull();
    }

    @Test
    void shouldWaitOutAnOutageWhileSettingAnEventAsideToo() {
        var store = new FakeStore();
        var processor = new OrderedProcessor(store, ProcessingObserver.NONE, 0);
        List<AcceptedEvent> events = chunk(1, "A", "Boom", "C");
        store.downFor = 0;
        processor.process(events.subList(0, 1));
        store.downFor = 3;
        processor.process(events.subList(1, 3));
        assertThat(store.committed).containsExactly(1L, 3L);
        assertThat(store.deadLetters).containsExactly(2L);
    }

    @Test
    void shouldReportTheOutageWhileItLastsAndGiveUpOnlyWhenStopped() throws InterruptedException {
        var store = new FakeStore();
        store.downFor = Integer.MAX_VALUE;
        var processor = new OrderedProcessor(store, ProcessingObserver.NONE, 1);
        RuntimeException[] thrown = new RuntimeException[1];
        var consumer = new Thread(() -> {
            try {
                processor.process(chunk(1, "A"));
            } catch (RuntimeException e) {
                thrown[0] = e;
            }
        });
        consumer.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> processor.stalled() != null && processor.retries() > 3);
        assertThat(processor.stalled()).contains("connection refused");
        assertThat(consumer.isAlive()).as("still waiting for the store").isTrue();
        processor.stop();
        consumer.join(10_000);
        assertThat(thrown[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping");
        assertThat(store.committed).isEmpty();
        assertThat(processor.processed()).isZero();
    }
}
