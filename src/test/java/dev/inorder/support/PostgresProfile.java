package dev.inorder.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The store on the real PostgreSQL of the project's machines (127.0.0.1:5432, trust auth, database {@code test}),
 * in a schema of its own that Flyway creates. {@code .ci/run} starts the server when it is down.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=inorder_test",
                "quarkus.datasource.username", "postgres",
                "quarkus.flyway.schemas", "inorder_test");
    }
}
