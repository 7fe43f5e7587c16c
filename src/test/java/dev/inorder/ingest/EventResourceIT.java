package dev.inorder.ingest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application, as a container runs it. */
@QuarkusIntegrationTest
class EventResourceIT extends EventResourceTest {
}
