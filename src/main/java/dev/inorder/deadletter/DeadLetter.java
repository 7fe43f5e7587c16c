package dev.inorder.deadletter;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.AcceptedEvent;

/**
 * An accepted event that could not be applied (a value the store cannot hold, a processing bug), kept aside with the
 * error so that it can be applied again after a fix; the events around it were applied.
 *
 * @param id the dead letter's number, for {@code POST /dead-letters/{id}/retry}
 * @param log the log it was accepted into, and its {@code offset} there
 * @param envelope the event as accepted: {@code {"Event", "Data", "Seq"?}}
 * @param state {@link #DEAD}, or {@link #RETRIED} once handed to ingest again as {@code retryOffset}
 */
public record DeadLetter(long id, String log, long offset, String source, String event, JsonNode envelope, String error,
        Instant acceptedAt, Instant deadAt, String state, Instant retriedAt, Long retryOffset) {

    public static final String DEAD = "dead";
    public static final String RETRIED = "retried";

    /** A new dead letter for {@code event}, which failed with {@code error}. */
    public static DeadLetter of(AcceptedEvent event, Throwable error, long nowMillis) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("Event", event.event().event());
        envelope.set("Data", event.event().data());
        if (event.event().seq() != null) {
            envelope.put("Seq", event.event().seq());
        }
        return new DeadLetter(0, event.log(), event.offset(), event.source(), event.event().event(), envelope,
                String.valueOf(error), Instant.ofEpochMilli(event.acceptedAtMillis()), Instant.ofEpochMilli(nowMillis), DEAD,
                null, null);
    }
}
