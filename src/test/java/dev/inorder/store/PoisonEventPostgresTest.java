package dev.inorder.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The same poison battery on PostgreSQL, in a schema of its own. */
@QuarkusTest
@TestProfile(PoisonEventPostgresTest.Profile.class)
class PoisonEventPostgresTest extends PoisonEventTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=inorder_poison",
                    "quarkus.datasource.username", "postgres", "quarkus.flyway.schemas", "inorder_poison");
        }
    }

    @Inject
    AgroalDataSource postgres;

    @Override
    Connection storeConnection() throws SQLException {
        return postgres.getConnection();
    }
}
