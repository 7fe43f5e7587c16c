package dev.inorder.status;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.inorder.support.Events;
import io.quarkus.test.junit.QuarkusTest;

/** Metrics, health and the API description, as an operator reads them. */
@QuarkusTest
class ObservabilityTest {

    static double metric(String line) {
        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(line) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void shouldCountAcceptedProcessedAndRejectedByReason() {
        double accepted = metric("inorder_events_accepted_total");
        double invalidJson = metric("inorder_requests_rejected_total{reason=\"invalid_json\"}");

        given().contentType("application/json").body(Events.updateState("metrics", 1)).post("/events").then().statusCode(202);
        given().contentType("application/json").body("{nope").post("/events").then().statusCode(400);

        assertThat(metric("inorder_events_accepted_total")).isEqualTo(accepted + 1);
        assertThat(metric("inorder_requests_rejected_total{reason=\"invalid_json\"}")).isEqualTo(invalidJson + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("inorder_events_processed_total") >= accepted + 1);
        assertThat(metric("inorder_queue_capacity")).isEqualTo(10_000);
        assertThat(metric("inorder_lag_seconds_count")).isPositive();
        assertThat(metric("inorder_processing_time_seconds_count")).isPositive();
        assertThat(metric("inorder_order_breaches_total")).isZero();
    }

    @Test
    void shouldSendNoCorsHeadersByDefault() {
        given().header("Origin", "https://overlay.example").get("/queue")
                .then().statusCode(200).header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shouldBeLiveAndReadyWithTheStoreReachable() {
        get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'ingest' }.status", equalTo("UP"));
    }

    @Test
    void shouldDescribeEveryEndpointInOpenApiAndServeSwaggerUi() {
        String openapi = get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : new String[] { "/events", "/queue", "/matches", "/matches/{guid}", "/matches/{guid}/timeline", "/players/{id}" }) {
            assertThat(openapi).contains("\"" + path + "\"");
        }
        assertThat(openapi).contains("queue_full").contains("ApiError");
        get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
