package dev.inorder;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One envelope as the Rocket League Stats API emits it: {@code {"Event": name, "Data": {...}}}, plus the optional
 * {@code Seq} a sender increases by one per event.
 *
 * <p>
 * Its {@code Data} is held in one of two forms: an {@code UpdateState}'s as a {@link Snapshot} (typed, compact: most
 * events are snapshots, up to 120 a second per match), every other event's as the JSON tree it came in.
 * {@link #data()} gives the tree for either.
 *
 * @param event the event name, e.g. {@code UpdateState}; unknown names are kept as they are
 * @param tree the event's data when it is not a snapshot, always an object (a {@code Data} sent as a string holding
 *        JSON is parsed first); {@code null} for a snapshot
 * @param seq the sender's sequence number, or {@code null} when the sender sent none
 * @param snapshot an {@code UpdateState}'s data, else {@code null}
 */
public record GameEvent(String event, ObjectNode tree, Long seq, Snapshot snapshot) {

    public GameEvent {
        if ((tree == null) == (snapshot == null)) {
            throw new IllegalArgumentException("an event holds its data either as a tree or as a snapshot");
        }
    }

    /** An event from its data as a tree: an {@code UpdateState}'s is read into a {@link Snapshot}. */
    public GameEvent(String event, ObjectNode data, Long seq) {
        this(event, Snapshot.EVENT.equals(event) ? null : data, seq, Snapshot.EVENT.equals(event) ? Snapshot.of(data) : null);
    }

    /** A snapshot event. */
    public GameEvent(Snapshot snapshot, Long seq) {
        this(Snapshot.EVENT, null, seq, snapshot);
    }

    /** The event's data as JSON: the tree it came in, or the snapshot written back (the fields it keeps). */
    public ObjectNode data() {
        return tree != null ? tree : snapshot.toTree();
    }

    /** The same event with another Seq. */
    public GameEvent withSeq(Long newSeq) {
        return new GameEvent(event, tree, newSeq, snapshot);
    }

    /** The match this event belongs to, or {@code null}: offline matches carry no {@code MatchGuid}. */
    public String matchGuid() {
        if (snapshot != null) {
            String guid = snapshot.matchGuid();
            return guid == null || guid.isBlank() ? null : guid;
        }
        var guid = tree.get("MatchGuid");
        return guid == null || !guid.isTextual() || guid.asText().isBlank() ? null : guid.asText();
    }
}
