package dev.inorder.web;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With keys set, writes need the write key, reads the read key (or the write key); health stays open. */
@QuarkusTest
@TestProfile(ApiKeyTest.Keys.class)
class ApiKeyTest {

    public static class Keys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.api-key", "write-secret", "inorder.read-api-key", "read-secret");
        }
    }

    static final String EVENT = Events.updateState("keyed", 1);

    @Test
    void shouldRefuseWritesWithoutTheWriteKey() {
        given().contentType("application/json").body(EVENT).post("/events")
                .then().statusCode(401).body("error", equalTo("unauthorized")).header("WWW-Authenticate", "Bearer");
        given().contentType("application/json").header("X-Api-Key", "wrong").body(EVENT).post("/events")
                .then().statusCode(401).body("detail", equalTo("The API key is wrong."));
        given().contentType("application/json").header("X-Api-Key", "read-secret").body(EVENT).post("/events")
                .then().statusCode(401);
    }

    @Test
    void shouldAcceptWritesWithTheWriteKeyInEitherHeader() {
        given().contentType("application/json").header("X-Api-Key", "write-secret").body(EVENT).post("/events")
                .then().statusCode(202);
        given().contentType("application/json").header("Authorization", "Bearer write-secret").body(EVENT).post("/events")
                .then().statusCode(202);
    }

    @Test
    void shouldGuardReadsWithTheReadKeyAndLeaveHealthOpen() {
        get("/matches").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("X-Api-Key", "read-secret").get("/matches").then().statusCode(200);
        given().header("Authorization", "Bearer write-secret").get("/queue").then().statusCode(200);
        get("/q/health/live").then().statusCode(200);
    }
}
