package dev.inorder.series;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.inorder.match.CommittedChanges;
import dev.inorder.match.Match;
import dev.inorder.match.MatchBook;
import dev.inorder.store.StoreBeans;
import io.quarkus.runtime.StartupEvent;

/**
 * Every series' score, held in memory for the live views (the page, {@code /live}, the overlay feed), which ask for a
 * match's series on each update. Read again from the store when a series changes and, off the consumer's thread, after
 * a commit that ended a match or started one.
 */
@ApplicationScoped
public class SeriesBook {

    private static final Logger LOG = Logger.getLogger(SeriesBook.class);

    @Inject
    StoreBeans.Database database;

    private SeriesStore store;
    private volatile List<SeriesScore> scores = List.of();
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "inorder-series");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reloadPending = new AtomicBoolean();

    void start(@Observes StartupEvent start, CommittedChanges committed) {
        committed.listen(this::committed);
        requestReload();
    }

    public SeriesStore store() {
        if (store == null) {
            store = new SeriesStore(database.dataSource());
        }
        return store;
    }

    /** The series the match belongs to (attached, or by its team names while a series is open), or {@code null}. */
    public SeriesScore of(Match m) {
        List<SeriesScore> all = scores;
        for (SeriesScore s : all) {
            if (s.includes(m.key())) {
                return s;
            }
        }
        for (SeriesScore s : all) {
            if (s.wouldTake(m)) {
                return s;
            }
        }
        return null;
    }

    /** Reads every series again, now (after a change made through the API), and returns them, newest first. */
    public synchronized List<SeriesScore> reload() {
        scores = store().all().stream().map(store()::score).toList();
        return scores;
    }

    private void committed(MatchBook.Changes changes) {
        if (scores.isEmpty() || changes.inserted().isEmpty() && changes.updated().stream().noneMatch(Match::ended)) {
            return;
        }
        requestReload();
    }

    private void requestReload() {
        if (reloadPending.compareAndSet(false, true)) {
            reloads.execute(() -> {
                reloadPending.set(false);
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.warnf("Series could not be read again: %s", e.getMessage());
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        reloads.shutdownNow();
    }
}
