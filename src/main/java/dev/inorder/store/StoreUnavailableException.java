package dev.inorder.store;

import dev.inorder.processing.TransientFailure;

/** The database cannot be used right now (unreachable, restarting, read-only, full, locked): try the same work later. */
public class StoreUnavailableException extends TransientFailure {

    public StoreUnavailableException(String doing, Throwable cause) {
        super("Store unavailable " + doing + ": " + cause.getMessage(), cause, true);
    }
}
