package dev.inorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.inorder.GameEvent;

class SeqWatchTest {

    private final SeqWatch watch = new SeqWatch(2);

    private static GameEvent event(String guid, Long seq) {
        return new GameEvent("UpdateState", JsonNodeFactory.instance.objectNode().put("MatchGuid", guid), seq);
    }

    private void accept(String source, GameEvent... events) {
        watch.accepted(watch.check(source, List.of(events)));
    }

    @Test
    void shouldRefuseAJumpFromTheSendersLastAcceptedInTheMatchOnly() {
        accept("a", event("M", 10L));
        assertThatThrownBy(() -> watch.check("a", List.of(event("M", 10L + SeqWatch.MAX_JUMP + 1))))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.reason()).isEqualTo(Invalid.Reason.SEQ_JUMP));
        watch.check("a", List.of(event("M", 10L + SeqWatch.MAX_JUMP))); // exactly the limit is a real stream
        watch.check("b", List.of(event("M", 5_000_000L))); // another sender
        watch.check("a", List.of(event("N", 5_000_000L))); // another match
        watch.check("a", List.of(event("M", 1L), event("M", null))); // stale or without Seq: the consumer's guard decides
    }

    @Test
    void shouldCountEarlierEventsOfTheSameRequestAndRememberOnlyWhatWasAccepted() {
        assertThatThrownBy(() -> watch.check("a", List.of(event("M", 1L), event("M", 2L + SeqWatch.MAX_JUMP))))
                .isInstanceOf(Invalid.class).hasMessageContaining("Event 1");
        watch.check("a", List.of(event("M", 1L)));
        // Checked but never accepted (say the queue was full): not remembered, so it constrains nothing.
        watch.check("a", List.of(event("M", 2L + SeqWatch.MAX_JUMP)));
    }

    @Test
    void shouldForgetTheLeastRecentPairsBeyondItsCapacity() {
        accept("a", event("M1", 1L));
        accept("a", event("M2", 1L));
        accept("a", event("M3", 1L));
        watch.check("a", List.of(event("M1", 5_000_000L))); // forgotten: not checked here
        assertThatThrownBy(() -> watch.check("a", List.of(event("M3", 5_000_000L)))).isInstanceOf(Invalid.class);
    }
}
