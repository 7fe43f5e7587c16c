package dev.inorder.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The store on the real PostgreSQL, reached through a {@link TcpProxy} the test can cut: a database that goes away and
 * comes back. A small queue, so that an outage fills it within a second.
 */
public class PostgresOutageProfile implements QuarkusTestProfile {

    /** The proxy in front of PostgreSQL, started before the application. */
    public static volatile TcpProxy proxy;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.username", "postgres", "quarkus.flyway.schemas", "inorder_outage",
                "inorder.queue.capacity", "200");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Proxy.class));
    }

    public static class Proxy implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                proxy = new TcpProxy("127.0.0.1", 5432);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema=inorder_outage&connectTimeout=2&socketTimeout=10");
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
