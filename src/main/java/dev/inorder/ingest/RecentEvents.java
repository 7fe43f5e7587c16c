package dev.inorder.ingest;

import dev.inorder.GameEvent;

/**
 * Whether an event is one of those stored last for its match: how a transport that may deliver twice after a crash
 * (MQTT's at-least-once) recognises a repeat it cannot tell by id.
 */
@FunctionalInterface
public interface RecentEvents {

    /** How many of a match's latest timeline events are compared. */
    int DEPTH = 500;

    /**
     * True when {@code event} is a timeline event identical (name and Data) to one of the {@link #DEPTH} latest stored
     * for its online match; false for state events (applying one again changes nothing) and offline matches.
     */
    boolean seen(GameEvent event);
}
