package dev.inorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.GameEvent;


class EventParserTest {

    final EventParser parser = new EventParser(new ObjectMapper(), 1024 * 1024, 3);

    List<GameEvent> parse(String contentType, String body) {
        return parser.parse(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadDataAsAStringHoldingJsonExactlyLikeDataAsAnObject() {
        var asObject = parse("application/json",
                "{\"Event\":\"GoalScored\",\"Data\":{\"MatchGuid\":\"G1\",\"GoalSpeed\":97.5,\"Scorer\":{\"Name\":\"Ada\",\"Shortcut\":1,\"TeamNum\":0}}}");
        var asString = parse("application/json",
                "{\"Event\":\"GoalScored\",\"Data\":\"{\\\"MatchGuid\\\":\\\"G1\\\",\\\"GoalSpeed\\\":97.5,\\\"Scorer\\\":{\\\"Name\\\":\\\"Ada\\\",\\\"Shortcut\\\":1,\\\"TeamNum\\\":0}}\"}");
        assertThat(asString).isEqualTo(asObject);
        assertThat(asString.get(0).matchGuid()).isEqualTo("G1");
    }

    @Test
    void shouldReadASnapshotIntoItsTypedFormAndWriteBackTheListedFieldsAsSent() throws Exception {
        String data = "{\"MatchGuid\":\"G2\",\"Unlisted\":[1,2],\"Players\":[{\"Name\":\"Ada\",\"PrimaryId\":\"Steam|1|0\","
                + "\"Shortcut\":1,\"TeamNum\":0,\"Score\":\"120\",\"Goals\":1,\"Touches\":7,\"bHasCar\":true,\"Speed\":1410.5,"
                + "\"Boost\":33,\"bSupersonic\":true,\"Attacker\":{\"Name\":\"Bea\",\"Shortcut\":4,\"TeamNum\":1},\"Extra\":{}}],"
                + "\"Game\":{\"Teams\":[{\"Name\":\"Blue\",\"TeamNum\":0,\"Score\":2,\"ColorPrimary\":\"1873FF\"}],"
                + "\"TimeSeconds\":299,\"bOvertime\":false,\"Ball\":{\"Speed\":88.5,\"TeamNum\":1},\"Arena\":\"Stadium_P\","
                + "\"bHasTarget\":true,\"Target\":{\"Name\":\"Ada\",\"Shortcut\":1,\"TeamNum\":0}}}";
        var asString = parse("application/json", "{\"Event\":\"UpdateState\",\"Data\":" + new ObjectMapper().writeValueAsString(data) + "}").get(0);
        var asObject = parse("application/json", "{\"Event\":\"UpdateState\",\"Data\":" + data + "}").get(0);
        assertThat(asString).isEqualTo(asObject);
        assertThat(asString.snapshot()).isNotNull();
        assertThat(asString.tree()).as("no tree held for a snapshot").isNull();
        assertThat(asString.matchGuid()).isEqualTo("G2");
        var car = asString.snapshot().players().get(0);
        assertThat(car.score()).as("a number given as a string is read").isEqualTo(120);
        assertThat(car.attacker().name()).isEqualTo("Bea");
        assertThat(asString.snapshot().game().ball().speed()).isEqualTo(88.5);

        // Written back (Kafka, dead letters): the listed fields as sent, the unlisted ones left out, nothing added.
        var expected = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(data);
        expected.remove("Unlisted");
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("Players").get(0)).remove("Extra");
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("Players").get(0)).put("Score", 120);
        assertThat(asString.data()).isEqualTo(expected);
        assertThat(new GameEvent("UpdateState", asString.data(), null)).as("read back from the written form").isEqualTo(asString);
    }

    @Test
    void shouldReadASnapshotsKeysInAnyOrderAlikeAndRefuseOneGivenTwiceOutOfOrder() throws Exception {
        // The reader compares the key it expects next in place; any other order, an escaped key, an unlisted key
        // between, must read the same, and a key seen before must still be refused however it comes back.
        var json = new ObjectMapper();
        String listed = "{\"MatchGuid\":\"G3\",\"Players\":[{\"Name\":\"Ada\",\"PrimaryId\":\"Steam|1|0\",\"Shortcut\":1,"
                + "\"TeamNum\":0,\"Score\":120,\"Boost\":33,\"bSupersonic\":true}],\"Game\":{\"TimeSeconds\":299,\"Arena\":\"Park_P\"}}";
        String shuffled = "{\"Game\":{\"Arena\":\"Park_P\",\"Odd\":1,\"TimeSeconds\":299},\"Players\":[{\"bSupersonic\":true,"
                + "\"Boost\":33,\"Score\":120,\"Na\\u006de\":\"Ada\",\"TeamNum\":0,\"Shortcut\":1,\"PrimaryId\":\"Steam|1|0\"}],"
                + "\"MatchGuid\":\"G3\"}";
        for (String type : List.of("application/json", EventParser.NDJSON)) {
            var expected = parse(type, "{\"Event\":\"UpdateState\",\"Data\":" + json.writeValueAsString(listed) + "}").get(0);
            assertThat(expected.snapshot().players().get(0).name()).isEqualTo("Ada");
            assertThat(expected.snapshot().game().arena()).isEqualTo("Park_P");
            assertThat(parse(type, "{\"Event\":\"UpdateState\",\"Data\":" + json.writeValueAsString(shuffled) + "}").get(0))
                    .isEqualTo(expected);
            assertThat(parse(type, "{\"Event\":\"UpdateState\",\"Data\":" + shuffled + "}").get(0)).isEqualTo(expected);
        }
        for (String data : List.of("{\"Players\":[{\"Name\":\"A\",\"PrimaryId\":\"x\",\"Name\":\"B\"}]}",
                "{\"Players\":[{\"Score\":1,\"Name\":\"A\",\"PrimaryId\":\"x\",\"Shortcut\":1,\"TeamNum\":0,\"Score\":2}]}",
                "{\"Players\":[{\"Name\":\"A\",\"Na\\u006de\":\"B\"}]}",
                "{\"MatchGuid\":\"G\",\"Players\":[],\"Game\":{},\"MatchGuid\":\"H\"}")) {
            assertThatThrownBy(() -> parse(EventParser.NDJSON, "{\"Event\":\"UpdateState\",\"Data\":" + json.writeValueAsString(data) + "}"))
                    .as(data).isInstanceOfSatisfying(Invalid.class, e -> {
                        assertThat(e.reason()).isEqualTo(Invalid.Reason.INVALID_JSON);
                        assertThat(e.getMessage()).contains("Duplicate field");
                    });
        }
    }

    @Test
    void shouldRefuseAKeyGivenTwiceAnywhereInASnapshotAndNameAFieldOfTheWrongType() throws Exception {
        var json = new ObjectMapper();
        List<String> twice = List.of(
                "{\"MatchGuid\":\"G\",\"MatchGuid\":\"H\"}",
                "{\"Players\":[{\"Name\":\"A\"},{\"Score\":1,\"Score\":2}]}",
                "{\"Game\":{\"Teams\":[{\"Name\":\"Blue\",\"Name\":\"Red\"}]}}",
                "{\"Game\":{\"Target\":{\"Shortcut\":1,\"Shortcut\":1}}}",
                "{\"Unlisted\":1,\"Players\":[],\"Unlisted\":2}");
        for (String data : twice) {
            // Data as a string, in a JSON body and on an NDJSON line (read in one pass), and as an object.
            for (String envelope : List.of("{\"Event\":\"UpdateState\",\"Data\":" + json.writeValueAsString(data) + "}",
                    "{\"Event\":\"UpdateState\",\"Data\":" + data + "}")) {
                for (String type : List.of("application/json", EventParser.NDJSON)) {
                    assertThatThrownBy(() -> parse(type, envelope)).as(envelope).isInstanceOfSatisfying(Invalid.class,
                            e -> assertThat(e.reason()).isEqualTo(Invalid.Reason.INVALID_JSON));
                }
            }
        }
        String wrong = "{\"Players\":[{\"Name\":\"A\"},{\"Name\":\"B\",\"Attacker\":{\"Shortcut\":\"four\"}}]}";
        for (String type : List.of("application/json", EventParser.NDJSON)) {
            assertThatThrownBy(() -> parse(type, "{\"Event\":\"UpdateState\",\"Data\":" + json.writeValueAsString(wrong) + "}"))
                    .isInstanceOfSatisfying(Invalid.class, e -> {
                        assertThat(e.reason()).isEqualTo(Invalid.Reason.INVALID_EVENT);
                        assertThat(e.getMessage()).contains("Players[1].Attacker.Shortcut").doesNotContain("java");
                    });
        }
        assertThatThrownBy(() -> parse("application/json", "{\"Event\":\"UpdateState\",\"Data\":{\"Players\":{\"Name\":\"A\"}}}"))
                .as("a list given as an object").isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.getMessage()).contains("Players"));
        assertThatThrownBy(() -> parse(EventParser.NDJSON, "{\"Event\":\"UpdateState\",\"Data\":{\"Players\":[{\"Name\":\"A\"},null]}}"))
                .as("a player that is null").isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.getMessage()).contains("Players[1]"));
        // A null field is an absent one; the same key in two objects is no duplicate.
        var ok = parse(EventParser.NDJSON, "{\"Event\":\"UpdateState\",\"Data\":" + json.writeValueAsString(
                "{\"MatchGuid\":null,\"Players\":[{\"Name\":\"A\",\"Score\":null},{\"Name\":\"B\"}],\"Game\":{\"Ball\":null}}") + "}");
        assertThat(ok.get(0).snapshot().players()).extracting(c -> c.name()).containsExactly("A", "B");
        assertThat(ok.get(0).snapshot().players().get(0).score()).isNull();
        assertThat(ok.get(0).snapshot().matchGuid()).isNull();
    }

    @Test
    void shouldKeepSeqAndTreatAMissingMatchGuidAsOffline() {
        var events = parse("application/json", "{\"Event\":\"UpdateState\",\"Data\":{\"Game\":{}},\"Seq\":42}");
        assertThat(events.get(0).seq()).isEqualTo(42L);
        assertThat(events.get(0).matchGuid()).isNull();
    }

    @Test
    void shouldReadNdjsonSkippingBlankLinesAndCarriageReturns() {
        var events = parse("application/x-ndjson; charset=utf-8", "{\"Event\":\"A\",\"Data\":{}}\r\n\n{\"Event\":\"B\",\"Data\":{}}");
        assertThat(events).extracting(GameEvent::event).containsExactly("A", "B");
    }

    @Test
    void shouldTakeAMissingContentTypeAndJsonSuffixesAsJson() {
        assertThat(parse(null, "{\"Event\":\"A\",\"Data\":{}}")).hasSize(1);
        assertThat(parse("application/vnd.rlstats+json", "[{\"Event\":\"A\",\"Data\":{}}]")).hasSize(1);
        // Media types are case-insensitive and may carry parameters.
        for (String json : List.of("APPLICATION/JSON", "application/json; charset=utf-8", " application/json ;q=1",
                "application/VND.rlstats+JSON", "+json")) {
            assertThat(parse(json, "[{\"Event\":\"A\",\"Data\":{}},{\"Event\":\"B\",\"Data\":{}}]")).as(json).hasSize(2);
        }
        for (String ndjson : List.of("Application/X-NDJSON", "application/x-ndjson; charset=utf-8", "application/x-ndjson ")) {
            assertThat(parse(ndjson, "{\"Event\":\"A\",\"Data\":{}}\n{\"Event\":\"B\",\"Data\":{}}")).as(ndjson).hasSize(2);
        }
        for (String other : List.of("text/plain", "application/jsonx", "json", "application/x-ndjson2", ";application/json")) {
            assertThatThrownBy(() -> parse(other, "{\"Event\":\"A\",\"Data\":{}}")).as(other).isInstanceOfSatisfying(Invalid.class,
                    e -> assertThat(e.reason()).isEqualTo(Invalid.Reason.UNSUPPORTED_MEDIA_TYPE));
        }
    }

    @Test
    void shouldRefuseAnEnvelopeKeyGivenTwiceAndTakeEachOnce() {
        for (String envelope : List.of("{\"Event\":\"A\",\"Event\":\"B\",\"Data\":{}}",
                "{\"Event\":\"A\",\"Data\":{},\"Data\":{}}", "{\"Seq\":1,\"Event\":\"A\",\"Data\":{},\"Seq\":2}",
                "{\"Event\":\"A\",\"Extra\":1,\"Data\":{},\"Extra\":1}")) {
            for (String type : List.of("application/json", EventParser.NDJSON)) {
                assertThatThrownBy(() -> parse(type, envelope)).as(envelope).isInstanceOfSatisfying(Invalid.class, e -> {
                    assertThat(e.reason()).isEqualTo(Invalid.Reason.INVALID_JSON);
                    assertThat(e.getMessage()).contains("given twice");
                });
            }
        }
        var once = parse(EventParser.NDJSON, "{\"Extra\":1,\"Seq\":7,\"Other\":2,\"Data\":{\"Event\":1},\"Event\":\"A\"}").get(0);
        assertThat(once.event()).isEqualTo("A");
        assertThat(once.seq()).isEqualTo(7L);
    }

    @Test
    void shouldNameTheLineOrEventThatIsRefusedBlankLinesCounted() {
        String ok = "{\"Event\":\"A\",\"Data\":{}}";
        assertThatThrownBy(() -> parse(EventParser.NDJSON, ok + "\n{\"Event\":\"A\"")).hasMessageStartingWith("Line 2 ");
        // The parser here takes 3 events; with blank lines the bad one is line 6.
        assertThatThrownBy(() -> parse(EventParser.NDJSON, ok + "\n\n\n" + ok + "\n\n{\"Data\":{}}")).hasMessageStartingWith("Line 6 needs \"Event\"");
        assertThatThrownBy(() -> parse("application/json", "[" + ok + "," + ok + ",{\"Event\":\"\",\"Data\":{}}]"))
                .hasMessageStartingWith("Event 2 ");
        assertThatThrownBy(() -> parse("application/json", "[" + ok + ",{\"Event\":\"A\",\"Data\":{\"MatchGuid\":\"a/b\"}}]"))
                .hasMessageStartingWith("Event 1: ");
    }

    @Test
    void shouldCountNdjsonLinesAgainstTheBatchLimit() {
        assertThatThrownBy(() -> parse("application/x-ndjson", "{\"Event\":\"A\",\"Data\":{}}\n".repeat(4)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.reason()).isEqualTo(Invalid.Reason.BATCH_TOO_LARGE));
    }

    @Test
    void shouldRefuseDeeplyNestedJsonAsInvalid() {
        String deep = "{\"Event\":\"A\",\"Data\":{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}}";
        assertThatThrownBy(() -> parse("application/json", deep))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.reason().code()).isEqualTo("invalid_json"));
    }
}
