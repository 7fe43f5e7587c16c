package dev.inorder.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;

/**
 * Tells a database failure that is not the data's fault (the database is down, restarting, read-only, full, locked:
 * {@link StoreUnavailableException}, to try again later) from one that is (a value it cannot hold, a broken constraint:
 * {@link StoreException}). SQLState classes decide where they are clear; otherwise a probe of a fresh connection does:
 * if the database does not answer it, the failure was not the data's.
 */
final class StoreFailures {

    /** SQLState classes that say the database, not the statement, is the problem. */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of(
            "08", // connection exception
            "40", // transaction rollback: serialization failure, deadlock
            "53", // insufficient resources: disk full, out of memory, too many connections
            "57", // operator intervention: admin shutdown, crash shutdown, cannot connect now
            "58", // system error: I/O
            "HY"); // HYT00 / HYT01: timeouts (H2's lock timeout)

    /** Single SQLStates of the same kind in other classes (PostgreSQL, H2). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "25006", // read-only SQL transaction
            "55P03", // lock not available
            "90020", // H2: database already in use (file locked)
            "90028", "90031", // H2: I/O exception
            "90097", // H2: database is read-only
            "90098", // H2: database is closed
            "90108", // H2: out of memory
            "90121"); // H2: database called at shutdown

    private final DataSource dataSource;

    StoreFailures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The exception to throw for {@code e}, which happened while {@code doing}. */
    RuntimeException of(String doing, SQLException e) {
        if (unavailable(e) || !answers()) {
            if (dataSource instanceof AgroalDataSource pool) {
                pool.flush(AgroalDataSource.FlushMode.GRACEFUL); // pooled connections may be dead: open fresh ones
            }
            return new StoreUnavailableException(doing, e);
        }
        return new StoreException(doing, e);
    }

    static boolean unavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.length() == 5
                        && (UNAVAILABLE_CLASSES.contains(state.substring(0, 2)) || UNAVAILABLE_STATES.contains(state))) {
                    return true;
                }
                if (sql.getNextException() != null && sql.getNextException() != t && unavailable(sql.getNextException())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a fresh connection answers within two seconds. */
    private boolean answers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
