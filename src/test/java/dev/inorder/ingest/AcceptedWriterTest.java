package dev.inorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The 202's body written in one piece is the JSON Jackson writes for the record, byte for byte. */
class AcceptedWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "memory|1|1",
            "memory|9007199254740991|1000",
            "inorder-events-3|0|7",
            "inorder-events|-1|2",
            "a \"quoted\" \\ log é|42|3" })
    void shouldWriteWhatJacksonWrites(String log, long offset, int count) throws Exception {
        var accepted = new Ingest.Accepted(log, offset, count);
        assertThat(new String(AcceptedWriter.json(accepted), StandardCharsets.UTF_8))
                .isEqualTo(MAPPER.writeValueAsString(accepted));
    }
}
