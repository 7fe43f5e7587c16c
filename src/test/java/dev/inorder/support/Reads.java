package dev.inorder.support;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.restassured.path.json.JsonPath;

/** What tests read back over the API. */
public final class Reads {

    private Reads() {
    }

    /** Waits until every accepted event was processed: nothing queued, the last offset handed out processed. */
    public static void awaitApplied() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath q = get("/queue").then().extract().jsonPath();
            return q.getInt("depth") == 0 && q.getLong("lastProcessedOffset") == q.getLong("lastOffset");
        });
    }

    /** The {@code Number} of every timeline event of the match, in applied order, over every page. */
    public static List<Long> timelineNumbers(String guid) {
        List<Long> numbers = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = get("/matches/" + guid + "/timeline?limit=200" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            numbers.addAll(page.getList("items.data.Number", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return numbers;
    }
}
