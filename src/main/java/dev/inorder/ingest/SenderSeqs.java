package dev.inorder.ingest;

/** Where a connector that stamps its own {@code Seq} continues after a restart: the highest its sender has stored. */
@FunctionalInterface
public interface SenderSeqs {

    /** The highest Seq stored for any match of the sender, 0 when none. */
    long highest(String source);
}
