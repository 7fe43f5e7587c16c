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
    void shouldCountAFailingEventAndGoOnWithTheNext() {
        List<Long> applied = new ArrayList<>();
        var processor = new OrderedProcessor(e -> {
            if (e.event().event().equals("Boom")) {
                throw new IllegalStateException("handler bug");
            }
            applied.add(e.offset());
        });
        processor.process(List.of(event(1, "A"), event(2, "Boom"), event(3, "C")));
        assertThat(applied).containsExactly(1L, 3L);
        assertThat(processor.failed()).isEqualTo(1);
        assertThat(processor.processed()).isEqualTo(3);
        assertThat(processor.lastProcessedOffset()).isEqualTo(3);
    }

    @Test
    void shouldCountAnOffsetThatDoesNotIncreaseAsABreach() {
        var processor = new OrderedProcessor(e -> {
        });
        processor.process(List.of(event(5, "A"), event(4, "B"), event(6, "C"), event(6, "D")));
        assertThat(processor.orderBreaches()).isEqualTo(2);
    }

    @Test
    void shouldApplyAChunkAgainWhenItsCommitFailsAndGiveUpAfterTheLastAttempt() {
        List<Long> applied = new ArrayList<>();
        int[] flushes = { 0 };
        int[] failFirst = { 2 };
        var processor = new OrderedProcessor(new EventHandler() {
            @Override
            public void apply(AcceptedEvent event) {
                applied.add(event.offset());
            }

            @Override
            public void flush() {
                if (flushes[0]++ < failFirst[0]) {
                    throw new IllegalStateException("database hiccup");
                }
            }
        }, ProcessingObserver.NONE, 1);

        processor.process(List.of(event(1, "A"), event(2, "B")));
        assertThat(applied).containsExactly(1L, 2L, 1L, 2L, 1L, 2L);
        assertThat(processor.retries()).isEqualTo(2);
        assertThat(processor.processed()).isEqualTo(2);
        assertThat(processor.failed()).isZero();

        failFirst[0] = Integer.MAX_VALUE;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> processor.process(List.of(event(3, "C"))))
                .hasMessage("database hiccup");
        assertThat(processor.retries()).isEqualTo(2 + OrderedProcessor.ATTEMPTS - 1);
        assertThat(processor.processed()).isEqualTo(2);
    }
}
