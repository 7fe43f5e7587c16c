package dev.inorder.web;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Events;
import dev.inorder.support.Reads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Sender keys: the key decides who speaks, whatever X-Source-Id says; a match belongs to the sender that created it and
 * the senders it allows; everyone else's events for it are skipped and counted.
 */
@QuarkusTest
@TestProfile(SenderKeyTest.Senders.class)
class SenderKeyTest {

    public static class Senders implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.senders.pc1.key", "key-of-pc1", "inorder.senders.pc1.allow", "spectator",
                    "inorder.senders.pc2.key", "key-of-pc2", "inorder.senders.spectator.key", "key-of-spectator",
                    "inorder.data-dir", "./target/test-data-senders-" + System.nanoTime());
        }
    }

    static int post(String key, String claimedSource, String body) {
        var request = given().contentType("application/json").header("X-Source-Id", claimedSource).body(body);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.post("/events").then().extract().statusCode();
    }

    @Test
    void shouldLetTheKeyDecideTheSenderAndKeepEachMatchToItsOwnerAndTheSendersItAllows() {
        assertThat(post(null, "pc1", Events.updateState("SK-1", 1))).isEqualTo(401);
        assertThat(post("not-a-key", "pc1", Events.updateState("SK-1", 1))).isEqualTo(401);

        // pc1 claims to be pc2: the key says pc1, so pc1 creates the match.
        assertThat(post("key-of-pc1", "pc2", Events.updateState("SK-1", 1))).isEqualTo(202);
        Reads.awaitApplied();
        JsonPath match = get("/matches/SK-1").then().statusCode(200).extract().jsonPath();
        assertThat(match.getString("source")).isEqualTo("pc1");
        assertThat(match.getInt("timeSeconds")).isEqualTo(299);

        // pc2 may not report pc1's match, even claiming to be pc1: skipped and counted.
        long foreignBefore = get("/queue").then().extract().jsonPath().getLong("foreign");
        assertThat(post("key-of-pc2", "pc1", Events.updateState("SK-1", 5))).isEqualTo(202);
        Reads.awaitApplied();
        assertThat(get("/matches/SK-1").then().extract().jsonPath().getInt("timeSeconds")).isEqualTo(299);
        assertThat(get("/queue").then().extract().jsonPath().getLong("foreign")).isEqualTo(foreignBefore + 1);

        // The spectator PC that pc1 allows may.
        assertThat(post("key-of-spectator", "anything", Events.updateState("SK-1", 7))).isEqualTo(202);
        Reads.awaitApplied();
        assertThat(get("/matches/SK-1").then().extract().jsonPath().getInt("timeSeconds")).isEqualTo(293);

        // Reads stay open here (no read key), health too.
        get("/q/health/live").then().statusCode(200);
        get("/queue").then().statusCode(200).body("orderBreaches", equalTo(0));
    }
}
