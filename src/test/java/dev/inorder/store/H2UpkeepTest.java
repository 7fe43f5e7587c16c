package dev.inorder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2Upkeep} on H2 files written as the store writes them (WRITE_DELAY=0: every commit a chunk): each commit
 * rewrites the same rows (the live matches) and adds a row to a log (as the timeline does). A chunk keeps the log's
 * page that filled in it, a small live part of a chunk otherwise dead. The same writes, with and without a pass now
 * and then: without, each such chunk keeps its whole space and the file grows by chunks; with, the live pages are
 * rewritten together and the space reused. The data reads the same.
 */
class H2UpkeepTest {

    @TempDir
    Path dir;

    @Test
    void passesKeepTheFileSmallAndTheDataTheSame() throws Exception {
        long without = write("plain", false);
        long with = write("compacted", true);
        assertTrue(with * 2 < without, "file with passes " + with + " bytes, without " + without);
    }

    @Test
    void passesAndForcedCommitsShortenTheRetentionOfUnusedChunks() throws Exception {
        assertEquals("10000", retentionAfterStart("synced", Duration.ofSeconds(5), true), "two intervals");
        assertEquals("45000", retentionAfterStart("unsynced", Duration.ofSeconds(5), false),
                "H2's own when commits are not forced to the disk");
        assertEquals("45000", retentionAfterStart("never", Duration.ZERO, true), "H2's own when no pass forces the file");
    }

    private String retentionAfterStart(String name, Duration every, boolean synced) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0");
        try (Connection keepOpen = ds.getConnection(); H2Upkeep upkeep = H2Upkeep.start(ds, every, synced);
                Statement s = keepOpen.createStatement();
                ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'RETENTION_TIME'")) {
            assertTrue(rs.next(), "H2 lists its retention time");
            return rs.getString(1);
        }
    }

    /** 6,000 commits, a pass after every 200 or none; the file's size at the end. */
    private long write(String name, boolean compact) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        // RETENTION_TIME=0: a freed chunk is reused at once, not 45 s later (the store keeps H2's 45 s), so that the
        // sizes compared are the steady ones
        ds.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection keepOpen = ds.getConnection()) { // the database stays open between connections, as in the pool
            try (Statement s = keepOpen.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))");
                s.execute("INSERT INTO t SELECT x, 'start' FROM SYSTEM_RANGE(0, 49)");
                s.execute("CREATE TABLE log (id INT PRIMARY KEY, v VARCHAR(200))");
            }
            keepOpen.setAutoCommit(false);
            int passes = 0;
            try (PreparedStatement update = keepOpen.prepareStatement("UPDATE t SET v = ?");
                    PreparedStatement append = keepOpen.prepareStatement("INSERT INTO log VALUES (?, ?)")) {
                for (int i = 0; i < 6000; i++) {
                    update.setString(1, "value " + i + " ".repeat(100));
                    update.executeUpdate();
                    append.setInt(1, i);
                    append.setString(2, "entry " + i + " ".repeat(100));
                    append.executeUpdate();
                    keepOpen.commit(); // a chunk each
                    if (compact && i % 200 == 199 && H2Upkeep.compact(ds)) {
                        passes++;
                    }
                }
            }
            assertTrue(!compact || passes > 0, "passes that rewrote chunks: " + passes);
            try (Statement s = keepOpen.createStatement();
                    ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM t WHERE v = CONCAT('value 5999', SPACE(100))), "
                            + "(SELECT COUNT(*) FROM log WHERE v = CONCAT('entry ', id, SPACE(100)))")) {
                rs.next();
                assertEquals(50, rs.getInt(1), "every row holds its last value");
                assertEquals(6000, rs.getInt(2), "every log entry is there");
            }
            return Files.size(dir.resolve(name + ".mv.db"));
        }
    }
}
