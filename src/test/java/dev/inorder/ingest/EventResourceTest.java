package dev.inorder.ingest;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.inorder.support.Events;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code POST /events} as a plugin and a careless client use it. */
@QuarkusTest
class EventResourceTest {

    static final String VALID = Events.updateState("guid-1", 1);

    @Test
    void shouldAcceptOneEventWith202AndItsOffset() {
        long last = queue().getLong("lastOffset");
        given().contentType("application/json").body(VALID)
                .when().post("/events")
                .then().statusCode(202)
                .contentType("application/json")
                .body("log", equalTo("memory"))
                .body("offset", equalTo((int) last + 1))
                .body("count", equalTo(1));
    }

    @Test
    void shouldGiveABatchConsecutiveOffsets() {
        long last = queue().getLong("lastOffset");
        given().contentType("application/json").body(Events.array(List.of(VALID, VALID, VALID)))
                .when().post("/events")
                .then().statusCode(202)
                .body("offset", equalTo((int) last + 1))
                .body("count", equalTo(3));
    }

    @Test
    void shouldAcceptNdjsonOneEventPerLine() {
        given().contentType("application/x-ndjson").body(Events.ndjson(List.of(VALID, VALID)).getBytes(StandardCharsets.UTF_8))
                .when().post("/events")
                .then().statusCode(202)
                .body("count", equalTo(2));
    }

    @Test
    void shouldAcceptDataAsAStringHoldingJsonAsTheGameSendsIt() {
        given().contentType("application/json")
                .body("{\"Event\":\"GoalScored\",\"Data\":\"{\\\"MatchGuid\\\":\\\"g\\\",\\\"GoalSpeed\\\":97.5}\"}")
                .when().post("/events")
                .then().statusCode(202).body("count", equalTo(1));
    }

    @Test
    void shouldAcceptOfflineMatchesWithoutMatchGuidAndUnknownEventNames() {
        long processed = queue().getLong("processed");
        given().contentType("application/json").header("X-Source-Id", "offline-pc")
                .body("[{\"Event\":\"UpdateState\",\"Data\":{\"Game\":{\"TimeSeconds\":300}}},"
                        + "{\"Event\":\"SomethingNewFromAPatch\",\"Data\":{}}]")
                .when().post("/events")
                .then().statusCode(202).body("count", equalTo(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> queue().getLong("processed") >= processed + 2);
        assertThat(queue().getLong("deadLettered")).isZero();
    }

    @Test
    void shouldAnswerUnknownPathsWithAJsonError() {
        get("/no-such-thing").then().statusCode(404).body("error", equalTo("not_found"));
    }

    static Stream<Arguments> badInput() {
        String tooManyEvents = Events.array(Collections.nCopies(1001, VALID));
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"Event\": \"UpdateState\", \"Data\": {", 400, "invalid_json"),
                Arguments.of("trailing garbage", "application/json", VALID + " }{", 400, "invalid_json"),
                Arguments.of("top-level string", "application/json", "\"UpdateState\"", 400, "invalid_event"),
                Arguments.of("missing Event", "application/json", "{\"Data\":{}}", 400, "invalid_event"),
                Arguments.of("Event of the wrong type", "application/json", "{\"Event\":7,\"Data\":{}}", 400, "invalid_event"),
                Arguments.of("missing Data", "application/json", "{\"Event\":\"UpdateState\"}", 400, "invalid_event"),
                Arguments.of("Data of the wrong type", "application/json", "{\"Event\":\"UpdateState\",\"Data\":[1]}", 400, "invalid_event"),
                Arguments.of("Data string that is not JSON", "application/json", "{\"Event\":\"UpdateState\",\"Data\":\"{oops\"}", 400, "invalid_json"),
                Arguments.of("Seq that is not a number", "application/json", "{\"Event\":\"UpdateState\",\"Data\":{},\"Seq\":\"1\"}", 400, "invalid_event"),
                Arguments.of("negative Seq", "application/json", "{\"Event\":\"UpdateState\",\"Data\":{},\"Seq\":-1}", 400, "invalid_event"),
                Arguments.of("empty body", "application/json", "", 400, "empty_body"),
                Arguments.of("blank body", "application/json", "  \n ", 400, "empty_body"),
                Arguments.of("empty array", "application/json", "[]", 400, "empty_batch"),
                Arguments.of("batch with one bad event", "application/json", Events.array(List.of(VALID, "{\"Event\":\"X\"}")), 400, "invalid_event"),
                Arguments.of("NDJSON with one bad line", "application/x-ndjson", Events.ndjson(List.of(VALID, "{nope", VALID)), 400, "invalid_json"),
                Arguments.of("wrong content type", "text/plain", VALID, 415, "unsupported_media_type"),
                Arguments.of("body over 1 MiB", "application/json", " ".repeat(1024 * 1024 + 1), 413, "body_too_large"),
                Arguments.of("batch over 1000 events", "application/json", tooManyEvents, 413, "batch_too_large"),
                Arguments.of("NDJSON over 1000 lines", "application/x-ndjson", Events.ndjson(Collections.nCopies(1001, VALID)), 413, "batch_too_large"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badInput")
    void shouldRejectBadInputWithAJsonErrorAndChangeNothingButRejected(String what, String contentType, String body,
            int status, String error) {
        JsonPath before = queue();

        given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/events")
                .then().statusCode(status)
                .contentType(containsString("application/json"))
                .body("error", equalTo(error))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("\tat ")));

        JsonPath after = queue();
        assertThat(after.getLong("rejected")).isEqualTo(before.getLong("rejected") + 1);
        for (String unchanged : List.of("accepted", "lastOffset", "deadLettered", "orderBreaches")) {
            assertThat(after.getLong(unchanged)).as(unchanged).isEqualTo(before.getLong(unchanged));
        }
    }

    static JsonPath queue() {
        return get("/queue").then().statusCode(200).extract().jsonPath();
    }
}
