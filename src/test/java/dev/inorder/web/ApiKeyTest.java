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

    static int status(String method, String rawPath, String key) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + rawPath))
                .method(method, method.equals("POST") ? java.net.http.HttpRequest.BodyPublishers.ofString(EVENT)
                        : java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void shouldProtectEveryRouteTheApplicationServesUnderEverySpellingWithoutAList() throws Exception {
        // Every REST endpoint, as the application itself describes them; plus what is served outside Quarkus REST.
        Map<String, Map<String, Object>> paths = given().header("X-Api-Key", "read-secret").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        org.assertj.core.api.Assertions.assertThat(paths).containsKeys("/events", "/queue", "/matches", "/matches/{guid}",
                "/players/{id}", "/live", "/dead-letters", "/dead-letters/{id}/retry", "/sos", "/leaderboards", "/series",
                "/series/{id}", "/series/{id}/matches", "/series/{id}/close");
        java.util.List<String[]> routes = new java.util.ArrayList<>();
        paths.forEach((path, methods) -> methods.keySet().forEach(method -> routes.add(new String[] {
                method.toUpperCase(java.util.Locale.ROOT), path.replaceAll("\\{[^}]+}", "x1") })));
        for (String other : java.util.List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/", "/no-such-page")) {
            routes.add(new String[] { "GET", other });
        }
        int checked = 0;
        for (String[] route : routes) {
            String path = route[1];
            for (String spelling : java.util.List.of(path, path + ";x=1", path + ";", "/." + path, "/x/.." + path,
                    path.toUpperCase(java.util.Locale.ROOT), path.replace("e", "%65"))) {
                org.assertj.core.api.Assertions.assertThat(status(route[0], spelling, null)).as(route[0] + " " + spelling)
                        .isEqualTo(401);
                checked++;
            }
        }
        org.assertj.core.api.Assertions.assertThat(checked).isGreaterThan(70);
        // Public by design, spelled exactly; any other spelling of them needs a key too.
        for (String open : java.util.List.of("/q/health", "/q/health/live", "/q/health/ready", "/", "/index.html", "/app.js", "/style.css")) {
            org.assertj.core.api.Assertions.assertThat(status("GET", open, null)).as(open).isEqualTo(200);
        }
        for (String odd : java.util.List.of("/q/health;x=1", "/q/health/../../queue", "/index.html;/../queue", "/Q/HEALTH")) {
            org.assertj.core.api.Assertions.assertThat(status("GET", odd, null)).as(odd).isEqualTo(401);
        }
        org.assertj.core.api.Assertions.assertThat(status("POST", "/q/health", null)).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThat(status("GET", "/q/metrics", "read-secret")).isEqualTo(200);
    }
}
