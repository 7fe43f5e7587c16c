package dev.inorder.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.GameEvent;
import dev.inorder.Snapshot;

/**
 * Reads a {@code POST /events} body into events: one envelope, a JSON array of envelopes, or NDJSON. Either the whole
 * body is valid and every event comes back, or an {@link Invalid} says what is wrong and nothing comes back.
 */
public class EventParser {

    static final String NDJSON = "application/x-ndjson";

    /** The largest Seq taken: 2^53 - 1, the largest whole number every JSON client (JavaScript too) holds exactly. */
    public static final long MAX_SEQ = (1L << 53) - 1;

    /** How a refusal names an event's {@code Data}, after where the event is ({@code Line 2}). */
    private static final String DATA = ": its Data";
    private static final String DATA_STRING = DATA + " string";

    /** A media type ending so is JSON ({@code application/vnd.example+json}). */
    private static final String JSON_SUFFIX = "+json";

    private final ObjectReader reader;
    private final ObjectReader snapshotReader;
    /** The same as {@code reader}, for a value inside an envelope being read (what follows it is the envelope's). */
    private final ObjectReader valueReader;
    private final long maxBodySize;
    private final int maxBatch;
    /** How a refusal names an event: made once (they were joined for every event read). */
    private final Numbered eventNames;
    private final Numbered lineNames;

    public EventParser(ObjectMapper mapper, long maxBodySize, int maxBatch) {
        // "{...} trailing garbage" is malformed, not one event followed by noise; a key given twice is ambiguous (which
        // one did the sender mean?), so it is refused as a strict parser does, not silently resolved to the last.
        // (The tree's own check: a put that replaced a value. The parser's STRICT_DUPLICATE_DETECTION would keep a set
        // of names per object, and took ~40 % of the event loop's time on batches.)
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        this.valueReader = reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // A snapshot's Data string is read straight into its typed form, no tree between; a key given twice is refused
        // there too (SnapshotReader).
        this.snapshotReader = Snapshot.READER;
        this.maxBodySize = maxBodySize;
        this.maxBatch = maxBatch;
        this.eventNames = new Numbered("Event ", 0, maxBatch);
        this.lineNames = new Numbered("Line ", 1, maxBatch);
    }

    /**
     * @param contentType the request's {@code Content-Type}; missing means JSON
     * @param body the raw body
     * @return the events in the order the body lists them, never empty
     */
    public List<GameEvent> parse(String contentType, byte[] body) {
        boolean ndjson = isNdjson(contentType);
        checkSize(body.length);
        if (isBlank(body)) {
            throw new Invalid(Invalid.Reason.EMPTY_BODY, "The body is empty: send one event, a JSON array of events, or NDJSON.");
        }
        List<GameEvent> events = ndjson ? parseLines(body) : parseJson(body);
        for (int i = 0; i < events.size(); i++) {
            EventLimits.check(events.get(i), events.size() == 1 ? "The event" : eventNames.name(i), body.length);
        }
        return events;
    }

    /** Refuses a body over the size limit: 413. Also used before the body is read, on its declared length. */
    public void checkSize(long length) {
        if (length > maxBodySize) {
            throw new Invalid(Invalid.Reason.BODY_TOO_LARGE,
                    "The body has " + length + " bytes; the limit is " + maxBodySize + " (inorder.max-body-size).");
        }
    }

    private static boolean isNdjson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        int parameters = contentType.indexOf(';'); // read in place: this runs for every request
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        if (mediaType.equalsIgnoreCase(NDJSON)) {
            return true;
        }
        if (mediaType.equalsIgnoreCase("application/json")
                || mediaType.regionMatches(true, mediaType.length() - JSON_SUFFIX.length(), JSON_SUFFIX, 0, JSON_SUFFIX.length())) {
            return false;
        }
        throw new Invalid(Invalid.Reason.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + mediaType + " is not taken: use application/json or " + NDJSON + ".");
    }

    private List<GameEvent> parseJson(byte[] body) {
        if (firstByte(body) == '{') {
            return List.of(readEnvelope(body, 0, body.length, "The body"));
        }
        JsonNode root = readTree(body, 0, body.length, "The body");
        if (root.isArray()) {
            checkBatch(root.size());
            if (root.isEmpty()) {
                throw new Invalid(Invalid.Reason.EMPTY_BATCH, "The array holds no event.");
            }
            List<GameEvent> events = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) {
                events.add(toEvent(root.get(i), eventNames.name(i)));
            }
            return events;
        }
        return List.of(toEvent(root, "The body"));
    }

    private List<GameEvent> parseLines(byte[] body) {
        List<GameEvent> events = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            if (!isBlank(body, start, end)) {
                checkBatch(events.size() + 1);
                String where = lineNames.name(line);
                events.add(readEnvelope(body, start, end - start, where));
            }
            start = end + 1;
        }
        return events;
    }

    /** "Event 0", "Event 1", … or "Line 1", …: the first {@code count} (at most 10,000) made once, later ones joined. */
    private static final class Numbered {
        private final String prefix;
        private final int first;
        private final String[] names;

        Numbered(String prefix, int first, int count) {
            this.prefix = prefix;
            this.first = first;
            this.names = new String[Math.max(0, Math.min(count, 10_000))];
            for (int i = 0; i < names.length; i++) {
                names[i] = prefix + (first + i);
            }
        }

        /** The name of number {@code n} (blank NDJSON lines count too, so a line may be past the table). */
        String name(int n) {
            int i = n - first;
            return i < names.length ? names[i] : prefix + n;
        }
    }

    private void checkBatch(int count) {
        if (count > maxBatch) {
            throw new Invalid(Invalid.Reason.BATCH_TOO_LARGE,
                    "The request carries more than " + maxBatch + " events (inorder.max-batch); split it.");
        }
    }

    private JsonNode readTree(byte[] body, int offset, int length, String where) {
        try {
            JsonNode node = reader.readTree(body, offset, length);
            if (node == null || node.isMissingNode()) {
                throw new Invalid(Invalid.Reason.INVALID_JSON, where + " holds no JSON value.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, where + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, where + " could not be read: " + e.getMessage());
        }
    }

    private GameEvent toEvent(JsonNode node, String where) {
        if (!node.isObject()) {
            throw invalid(where + " must be a JSON object with Event and Data.");
        }
        JsonNode name = node.get("Event");
        return event(name != null && name.isTextual() ? name.asText() : null, node.get("Data"), null, node.get("Seq"), where);
    }

    /**
     * An envelope's parts, however read, checked and made an event.
     *
     * @param name {@code Event}'s text, {@code null} when it is missing or not a string
     * @param snapshot the snapshot already read from {@code Data}, or {@code null}: {@code data} is read here
     */
    private GameEvent event(String name, JsonNode data, Snapshot snapshot, JsonNode seq, String where) {
        if (name == null || name.isBlank()) {
            throw invalid(where + " needs \"Event\", a non-empty string.");
        }
        Long seqValue = seq(seq, where);
        if (Snapshot.EVENT.equals(name)) {
            return new GameEvent(snapshot != null ? snapshot : snapshot(data, where), seqValue);
        }
        return new GameEvent(name, data(data, where), seqValue);
    }

    /** An UpdateState's Data, object or string, read into a {@link Snapshot}: a field of the wrong type is refused. */
    private Snapshot snapshot(JsonNode data, String where) {
        try {
            return readSnapshot(data != null && data.isTextual() ? snapshotReader.createParser(data.asText())
                    : data != null && data.isObject() ? snapshotReader.treeAsTokens(data) : null, where);
        } catch (IOException e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, where + DATA + " could not be read: " + e.getMessage());
        }
    }

    private Snapshot readSnapshot(JsonParser source, String where) {
        try (JsonParser parser = source) {
            if (parser == null || parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(where + " needs \"Data\", an object or a string holding a JSON object.");
            }
            Snapshot snapshot = snapshotAt(parser, where, DATA_STRING);
            if (parser.nextToken() != null) {
                throw new Invalid(Invalid.Reason.INVALID_JSON, where + DATA_STRING + " is not valid JSON: more follows its object.");
            }
            return snapshot;
        } catch (IOException e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, where + DATA + " could not be read: " + e.getMessage());
        }
    }

    /**
     * The snapshot whose object starts at the parser's current token; the parser is left at its end. A refusal names
     * it {@code where + form} ({@code Line 2: its Data string}), joined only then: this runs for every snapshot.
     */
    private Snapshot snapshotAt(JsonParser parser, String where, String form) {
        try {
            return snapshotReader.readValue(parser);
        } catch (MismatchedInputException e) {
            // Not Jackson's own words: they name Java types.
            throw invalid(where + DATA + (e.getPath().isEmpty() ? "" : " at " + path(e.getPath()))
                    + " is not of the type the Stats API gives it (a number, true/false, text, object or list).");
        } catch (JsonProcessingException e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, where + form + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, where + form + " could not be read: " + e.getMessage());
        }
    }

    /**
     * One envelope (an NDJSON line, or a body that is one object) read in one pass: an UpdateState's {@code Data}
     * string is read into its {@link Snapshot} where the parser holds its characters, with no {@code String} and no tree
     * between, and an object {@code Data} straight from the envelope's parser (when {@code Event} comes first, as
     * senders write it). The same rules as {@link #toEvent}: a key given
     * twice, more after the object, or anything but an object is refused alike.
     */
    private GameEvent readEnvelope(byte[] body, int offset, int length, String where) {
        try (JsonParser p = reader.createParser(body, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return toEvent(readTree(body, offset, length, where), where); // not an object: say why as before
            }
            String name = null;
            JsonNode data = null;
            Snapshot snapshot = null;
            JsonNode seq = null;
            int seen = 0; // Event, Data, Seq: a bit each; a set only for other keys (rare)
            Set<String> others = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                int bit = switch (field) {
                    case "Event" -> 1;
                    case "Data" -> 2;
                    case "Seq" -> 4;
                    default -> 0;
                };
                boolean again;
                if (bit != 0) {
                    again = (seen & bit) != 0;
                    seen |= bit;
                } else {
                    others = others == null ? new HashSet<>(4) : others;
                    again = !others.add(field);
                }
                if (again) {
                    throw new Invalid(Invalid.Reason.INVALID_JSON, where + " is not valid JSON: the key \"" + field + "\" is given twice.");
                }
                JsonToken value = p.nextToken();
                switch (field) {
                    case "Event" -> {
                        name = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren();
                    }
                    case "Data" -> {
                        if (value == JsonToken.VALUE_STRING && Snapshot.EVENT.equals(name)) {
                            snapshot = readSnapshot(snapshotReader.createParser(p.getTextCharacters(), p.getTextOffset(),
                                    p.getTextLength()), where);
                        } else if (value == JsonToken.START_OBJECT && Snapshot.EVENT.equals(name)) {
                            snapshot = snapshotAt(p, where, DATA); // Data as an object (the documented form): no tree either
                        } else {
                            data = valueReader.readTree(p);
                        }
                    }
                    case "Seq" -> seq = valueReader.readTree(p);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new Invalid(Invalid.Reason.INVALID_JSON, where + " is not valid JSON: more follows its object.");
            }
            return event(name, data, snapshot, seq, where);
        } catch (JsonProcessingException e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, where + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid(Invalid.Reason.INVALID_JSON, where + " could not be read: " + e.getMessage());
        }
    }

    private static int firstByte(byte[] body) {
        for (byte b : body) {
            if (!isSpace(b)) {
                return b;
            }
        }
        return -1;
    }

    /** Where in Data a value was: {@code Players[2].Score}. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (var reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The Stats API documents Data as an object, but real captures carry a string holding JSON: both are taken. */
    private ObjectNode data(JsonNode data, String where) {
        if (data != null && data.isTextual()) {
            byte[] text = data.asText().getBytes(StandardCharsets.UTF_8);
            data = readTree(text, 0, text.length, where + DATA_STRING);
        }
        if (data == null || !data.isObject()) {
            throw invalid(where + " needs \"Data\", an object or a string holding a JSON object.");
        }
        return (ObjectNode) data;
    }

    private Long seq(JsonNode seq, String where) {
        if (seq == null || seq.isNull()) {
            return null;
        }
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 0 || seq.asLong() > MAX_SEQ) {
            throw invalid(where + ": \"Seq\" must be a whole number from 0 to " + MAX_SEQ + " (2^53 - 1, exact in every JSON client).");
        }
        return seq.asLong();
    }

    private static Invalid invalid(String detail) {
        return new Invalid(Invalid.Reason.INVALID_EVENT, detail);
    }

    private static boolean isBlank(byte[] body) {
        return isBlank(body, 0, body.length);
    }

    private static boolean isBlank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isSpace(body[i])) {
                return false;
            }
        }
        return true;
    }

    /** JSON's whitespace. */
    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
