package dev.inorder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The embedded H2 store cannot be written for 15 s: another connection holds the log position's row lock, so every
 * write of the consumer times out (SQLState HYT00), as when an operator's long transaction or a backup holds the table.
 */
@QuarkusTest
@TestProfile(H2OutageTest.Profile.class)
class H2OutageTest extends StoreOutageTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.queue.capacity", "200", "quarkus.datasource.embedded.jdbc.url",
                    "jdbc:h2:file:retry:./target/test-data-outage/inorder;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=500");
        }
    }

    @Inject
    @DataSource("embedded")
    AgroalDataSource dataSource;

    Connection lock;

    @Override
    void storeDown() throws Exception {
        lock = dataSource.getConnection();
        lock.setAutoCommit(false);
        try (PreparedStatement ps = lock.prepareStatement("SELECT last_offset FROM log_positions FOR UPDATE")) {
            ps.executeQuery().close();
        }
    }

    @Override
    void storeUp() throws Exception {
        lock.rollback();
        lock.close();
    }
}
