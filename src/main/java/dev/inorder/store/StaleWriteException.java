package dev.inorder.store;

import dev.inorder.processing.TransientFailure;

/**
 * A log's position in the store is not where the writer found it: another instance applied events from it meanwhile.
 * Not the events' fault: the writer reads the store's truth again and applies them once more.
 */
public class StaleWriteException extends TransientFailure {

    public StaleWriteException(String log, long expected) {
        super("Store refused a write: log " + log + " moved past " + expected + " meanwhile (another instance took it over)",
                null, false);
    }
}
