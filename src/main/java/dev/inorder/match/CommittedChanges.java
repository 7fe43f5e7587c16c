package dev.inorder.match;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells the read side what each chunk changed, once it is committed (never ahead of the store): the live feeds, the
 * overlay feed, the webhooks. Called on the consumer's thread, so a listener only hands the changes over and returns.
 * The store does not know who listens.
 */
@ApplicationScoped
public class CommittedChanges implements Consumer<MatchBook.Changes> {

    private final List<Consumer<MatchBook.Changes>> listeners = new CopyOnWriteArrayList<>();

    public void listen(Consumer<MatchBook.Changes> listener) {
        listeners.add(listener);
    }

    @Override
    public void accept(MatchBook.Changes changes) {
        for (Consumer<MatchBook.Changes> listener : listeners) {
            listener.accept(changes);
        }
    }
}
