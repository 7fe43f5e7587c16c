package dev.inorder.store;

import java.util.function.Consumer;

import dev.inorder.AcceptedEvent;
import dev.inorder.match.MatchBook;
import dev.inorder.processing.EventHandler;

/**
 * Applies events to the {@link MatchBook} in memory and writes each chunk's changes in one transaction (group
 * commit): after a crash the store holds whole chunks only, and knows the last offset it applied.
 */
public class StoreHandler implements EventHandler {

    private final MatchBook book;
    private final MatchStore store;
    private final Consumer<MatchBook.Changes> committed;

    /** @param committed told of each chunk's changes once they are committed (the live view) */
    public StoreHandler(MatchBook book, MatchStore store, Consumer<MatchBook.Changes> committed) {
        this.book = book;
        this.store = store;
        this.committed = committed;
    }

    @Override
    public void apply(AcceptedEvent event) {
        book.apply(event);
    }

    @Override
    public void flush() {
        var changes = book.takeChanges();
        try {
            store.write(changes);
            book.written(changes);
        } catch (RuntimeException e) {
            book.forget();
            throw e;
        }
        committed.accept(changes);
    }

    @Override
    public long lastAppliedOffset() {
        return Math.max(0, store.position(AcceptedEvent.MEMORY));
    }

    /** Another instance may have moved this instance's former partitions on: read matches from the store again. */
    @Override
    public void partitionsMoved() {
        book.forget();
    }
}
