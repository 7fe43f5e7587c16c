package dev.inorder.store;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded H2 file near the size of its data. H2 writes each commit as a new chunk of pages at a free place
 * in the file; a chunk's space is free again once none of its pages is live and it is older than H2's retention time.
 * Under a steady rate two things kept the file far larger than its data (bench/h2file.sh):
 * <ul>
 * <li>the retention time, 45 s by default: H2 keeps every chunk written in the last 45 s, ~6 MB a second of chunks at
 * 24,000 snapshots a second. H2 keeps them that long in case the disk has not yet written what replaced them. Here
 * each pass ends by forcing the file to the disk ({@code CHECKPOINT SYNC}; the consumer also does after each chunk
 * with {@code inorder.store.sync-commits}), so whatever replaced a chunk is on the disk at most one interval later,
 * and unused chunks are kept {@link #RETENTION_INTERVALS} intervals instead. With {@code sync-commits} off (power-loss
 * safety not asked for) or no passes, H2's 45 s stays.</li>
 * <li>chunks with a few live pages left (a page of the timeline that filled in them) keep their whole space. H2's
 * background writer rewrites such pages elsewhere, but it runs only with {@code WRITE_DELAY > 0}, and the store runs
 * with 0 (every commit in the file before the consumer goes on). So this does what that writer would: every {@code
 * inorder.store.compact-every}, the chunks filled less than {@link #TARGET_FILL_RATE} % have their live pages
 * rewritten (at most {@link #WRITE_LIMIT} bytes a pass), and their space is reused.</li>
 * </ul>
 * Rewriting moves live pages and changes no data; it is H2's own maintenance, run on this thread instead of H2's. A
 * pass that fails (the database is down, or closing) is logged once, and the next ones try again.
 */
public final class H2Upkeep implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(H2Upkeep.class);

    /** Unused chunks are kept this many intervals between passes (each pass forces the file to the disk). */
    static final int RETENTION_INTERVALS = 2;

    /** Chunks less full than this (percent of their bytes still live) are rewritten. */
    static final int TARGET_FILL_RATE = 80;

    /** At most this many live bytes rewritten a pass: a pass stays short beside the consumer's commits. */
    static final int WRITE_LIMIT = 4 << 20;

    private final DataSource dataSource;
    /** {@code null}: never compacts (PostgreSQL, or {@code compact-every} 0). */
    private final ScheduledExecutorService timer;

    private H2Upkeep(DataSource dataSource, Duration every) {
        this.dataSource = dataSource;
        if (dataSource == null || !passes(every)) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inorder-h2-upkeep");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        timer.scheduleWithFixedDelay(this::compactLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Looks after the H2 database behind {@code dataSource} from now on: compacts it and forces it to the disk every
     * {@code every} (0 or less: never), and when {@code synced} (commits are forced to the disk) and it does, keeps
     * unused chunks {@link #RETENTION_INTERVALS} times {@code every} instead of H2's 45 s.
     */
    public static H2Upkeep start(DataSource dataSource, Duration every, boolean synced) {
        if (synced && passes(every)) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                // H2 does not keep it: set at each start
                s.execute("SET RETENTION_TIME " + every.multipliedBy(RETENTION_INTERVALS).toMillis());
            } catch (Exception e) {
                LOG.warnf("H2 keeps its default retention time (45 s): %s", e.getMessage());
            }
        }
        return new H2Upkeep(dataSource, every);
    }

    /** Whether passes run at this interval ({@code compact-every}: 0 or less, never). */
    private static boolean passes(Duration every) {
        return !every.isZero() && !every.isNegative();
    }

    /** Does nothing: the database is not the embedded H2. */
    public static H2Upkeep none() {
        return new H2Upkeep(null, Duration.ZERO);
    }

    /** A pass failed and none has succeeded since: the next failure is not logged again (the database may be down). */
    private boolean failing;

    private void compactLogged() {
        try {
            compact(dataSource);
            if (failing) {
                LOG.info("H2 upkeep passes succeed again");
            }
            failing = false;
        } catch (Exception e) { // the next pass tries again; a scheduled task that throws is never run again
            if (!failing) {
                LOG.warnf("H2 upkeep pass failed (the next ones try again, logged when one succeeds): %s", e.toString());
            }
            failing = true;
        }
    }

    /**
     * One pass: rewrites the live pages of the chunks of the H2 database behind {@code dataSource} that are filled
     * less than {@link #TARGET_FILL_RATE} %, commits, and forces the file to the disk.
     *
     * @return whether anything was rewritten
     */
    static boolean compact(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = mvStore(c);
            if (store.isClosed()) {
                return false;
            }
            boolean rewrote = store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
            if (rewrote) {
                store.commit();
            }
            try (Statement sync = c.createStatement()) {
                sync.execute("CHECKPOINT SYNC");
            }
            if (LOG.isDebugEnabled()) { // the fill rates walk every chunk: only when they are logged
                LOG.debugf("H2 file %d MB, %d %% of it in chunks, %d %% of those live; rewrote: %s",
                        store.getFileStore().size() >> 20, store.getFileStore().getFillRate(),
                        store.getFileStore().getChunksFillRate(), rewrote);
            }
            return rewrote;
        }
    }

    /** H2's store under an embedded connection (H2's own API: no SQL statement compacts a database that stays open). */
    private static MVStore mvStore(Connection c) throws Exception {
        return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
