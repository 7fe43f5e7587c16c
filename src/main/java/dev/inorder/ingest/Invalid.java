package dev.inorder.ingest;

/**
 * Ingest's answer to input it will not take, whatever carried it: nothing of the request is taken. Each transport
 * says it in its own terms (HTTP: 400, 413 or 415 with {@link Reason#code()} as the error; a connector: a log line and
 * a counter). No stack trace: it is an answer, not a fault.
 */
public final class Invalid extends RuntimeException {

    /** Why, with the code clients see. */
    public enum Reason {
        EMPTY_BODY("empty_body"),
        EMPTY_BATCH("empty_batch"),
        INVALID_JSON("invalid_json"),
        INVALID_EVENT("invalid_event"),
        /** A Seq implausibly far ahead of its sender's last in the match. */
        SEQ_JUMP("seq_jump"),
        BODY_TOO_LARGE("body_too_large"),
        BATCH_TOO_LARGE("batch_too_large"),
        UNSUPPORTED_MEDIA_TYPE("unsupported_media_type");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public Invalid(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
