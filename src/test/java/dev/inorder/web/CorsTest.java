package dev.inorder.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** CORS is off by default; an overlay's origin is let in once configured. */
@QuarkusTest
@TestProfile(CorsTest.OverlayOrigin.class)
class CorsTest {

    public static class OverlayOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", "https://overlay.example");
        }
    }

    @Test
    void shouldAllowTheConfiguredOriginOnly() {
        given().header("Origin", "https://overlay.example").get("/queue")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://overlay.example");
        given().header("Origin", "https://elsewhere.example").get("/queue")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
