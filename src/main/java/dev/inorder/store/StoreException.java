package dev.inorder.store;

/** The database failed, or refused a write; what was being done is in the message. */
public class StoreException extends RuntimeException {

    public StoreException(String doing, Throwable cause) {
        super("Store failed " + doing + ": " + cause.getMessage(), cause);
    }

    protected StoreException(String message) {
        super(message);
    }
}
