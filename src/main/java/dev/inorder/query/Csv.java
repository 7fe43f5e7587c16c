package dev.inorder.query;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * CSV exports of the read side: {@code Accept: text/csv} (or {@code ?format=csv}, see
 * {@link dev.inorder.web.FormatParameter}) on a list chooses the resource's CSV method. The whole list,
 * not a page, written row by row as the store reads it (Jackson's CSV writer: RFC 4180 quoting, a header line), so an
 * export of any size never sits in memory.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";

    private static final CsvMapper MAPPER = new CsvMapper();

    /** Reads rows of type {@code T} and hands each to the consumer as it is read. */
    @FunctionalInterface
    public interface Rows<T> {
        void each(Consumer<T> row);
    }

    private Csv() {
    }

    /** A {@code 200 text/csv} whose body is written as {@code rows} are read. */
    public static <T> Response of(String filename, List<String> columns, Function<T, List<?>> line, Rows<T> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        StreamingOutput body = out -> {
            var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (SequenceWriter csv = MAPPER.writer(schema.build()).writeValues(writer)) {
                rows.each(row -> {
                    try {
                        // Times as ISO-8601 text, as the JSON has them.
                        csv.write(line.apply(row).stream().map(v -> v instanceof Instant ? v.toString() : v).toList());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        return Response.ok(body, MEDIA_TYPE + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"").build();
    }
}
