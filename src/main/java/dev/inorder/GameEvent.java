package dev.inorder;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One envelope as the Rocket League Stats API emits it: {@code {"Event": name, "Data": {...}}}, plus the optional
 * {@code Seq} a sender increases by one per event.
 *
 * @param event the event name, e.g. {@code UpdateState}; unknown names are kept as they are
 * @param data the event's data, always an object (a {@code Data} sent as a string holding JSON is parsed first)
 * @param seq the sender's sequence number, or {@code null} when the sender sent none
 */
public record GameEvent(String event, ObjectNode data, Long seq) {

    /** The match this event belongs to, or {@code null}: offline matches carry no {@code MatchGuid}. */
    public String matchGuid() {
        var guid = data.get("MatchGuid");
        return guid == null || !guid.isTextual() || guid.asText().isBlank() ? null : guid.asText();
    }
}
