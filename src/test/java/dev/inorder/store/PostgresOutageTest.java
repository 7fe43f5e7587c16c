package dev.inorder.store;

import dev.inorder.support.PostgresOutageProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** PostgreSQL goes away (every connection reset, new ones refused) for 15 s, then comes back. */
@QuarkusTest
@TestProfile(PostgresOutageProfile.class)
class PostgresOutageTest extends StoreOutageTest {

    @Override
    void storeDown() {
        PostgresOutageProfile.proxy.cut();
    }

    @Override
    void storeUp() {
        PostgresOutageProfile.proxy.restore();
    }
}
