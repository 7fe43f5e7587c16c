package dev.inorder.processing;

/**
 * A handler could not apply or commit, and it is not the event's fault: the database is unreachable, restarting,
 * read-only or full, a lock or serialization conflict, or another instance moved a log on. The same work succeeds
 * later, so the ordered processor keeps it and tries again, for as long as it takes; it never skips it.
 */
public class TransientFailure extends RuntimeException {

    private final boolean outage;

    /**
     * @param outage true when the handler's backing service is down (reported in health and logs while it lasts),
     *        false for a conflict that a fresh attempt resolves at once
     */
    public TransientFailure(String message, Throwable cause, boolean outage) {
        super(message, cause);
        this.outage = outage;
    }

    public boolean outage() {
        return outage;
    }
}
