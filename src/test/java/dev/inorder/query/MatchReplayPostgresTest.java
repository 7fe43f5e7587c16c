package dev.inorder.query;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.inorder.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every replay check again, on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class MatchReplayPostgresTest extends MatchReplayTest {

    @Test
    void shouldRunOnPostgres() {
        get("/matches?limit=1").then().statusCode(200);
        get("/queue").then().body("deadLettered", equalTo(0)).body("storeUp", equalTo(true));
        get("/q/health/ready").then().statusCode(200);
    }
}
