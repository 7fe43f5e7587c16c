package dev.inorder.store;

import java.util.List;
import java.util.function.Consumer;

import dev.inorder.AcceptedEvent;
import dev.inorder.deadletter.DeadLetter;
import dev.inorder.match.MatchBook;
import dev.inorder.match.MatchBook.Outcome;
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
        write(List.of());
    }

    @Override
    public void discard() {
        book.forget();
    }

    /** The dead letter and the log's move past the event, in one transaction. */
    @Override
    public void deadLetter(AcceptedEvent event, RuntimeException error) {
        book.skip(event);
        write(List.of(DeadLetter.of(event, error, System.currentTimeMillis())));
    }

    private void write(List<DeadLetter> deadLetters) {
        var changes = book.takeChanges();
        try {
            store.write(changes, deadLetters);
            book.written(changes);
        } catch (RuntimeException e) {
            book.forget();
            throw e;
        }
        committed.accept(changes);
    }

    @Override
    public Counts counts() {
        return new Counts(book.count(Outcome.APPLIED), book.count(Outcome.STALE), book.count(Outcome.DUPLICATE),
                book.count(Outcome.REPLAYED), book.count(Outcome.AFTER_END), book.count(Outcome.SEQ_JUMP),
                book.count(Outcome.FOREIGN));
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
