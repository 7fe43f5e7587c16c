package dev.inorder.store;

/** A log's position in the store is not where the writer found it: another instance applied events from it meanwhile. */
public class StaleWriteException extends StoreException {

    public StaleWriteException(String log, long expected) {
        super("Store refused a write: log " + log + " moved past " + expected + " meanwhile (another instance took it over)");
    }
}
