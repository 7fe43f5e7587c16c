package dev.inorder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * How Jackson reads one of {@link Snapshot}'s records: its fields looked up by name in a table, read by Jackson's own
 * scalar readers (so a number is taken where it was taken before, a number as text included, and refused where it was
 * refused, the path named: {@code Players[0].Score}), a key given twice refused with a bit per listed field.
 * <p>
 * The game sends up to 120 snapshots a second per match, each ~150 keys: Jackson's general record reading (a buffer
 * of properties per object, the parser's duplicate check keeping a set of names per object) took a third of the event
 * loop's time on real snapshots (bench/README.md). Only the records' names and types are listed here.
 */
final class SnapshotReader<T> extends StdDeserializer<T> {

    /** Texts repeat from one snapshot to the next (names, ids, colours): read into shared strings. */
    private static final JsonDeserializer<?> TEXT = TextPool.INSTANCE;
    private static final JsonDeserializer<?> INT = NumberDeserializers.find(Integer.class, Integer.class.getName());
    private static final JsonDeserializer<?> DOUBLE = NumberDeserializers.find(Double.class, Double.class.getName());
    private static final JsonDeserializer<?> BOOL = NumberDeserializers.find(Boolean.class, Boolean.class.getName());

    /** One field of a record: its name in the game's JSON, how its value is read, whether it is a list of those. */
    record Field(String name, JsonDeserializer<?> reader, boolean list) {
        static Field of(String name, JsonDeserializer<?> reader) {
            return new Field(name, reader, false);
        }

        static Field listOf(String name, JsonDeserializer<?> reader) {
            return new Field(name, reader, true);
        }
    }

    static final SnapshotReader<Snapshot.Ball> BALL = new SnapshotReader<>(Snapshot.Ball.class,
            v -> new Snapshot.Ball((Double) v[0], (Integer) v[1]),
            Field.of("Speed", DOUBLE), Field.of("TeamNum", INT));

    static final SnapshotReader<Snapshot.Ref> REF = new SnapshotReader<>(Snapshot.Ref.class,
            v -> new Snapshot.Ref((String) v[0], (Integer) v[1], (Integer) v[2]),
            Field.of("Name", TEXT), Field.of("Shortcut", INT), Field.of("TeamNum", INT));

    static final SnapshotReader<Snapshot.TeamState> TEAM = new SnapshotReader<>(Snapshot.TeamState.class,
            v -> new Snapshot.TeamState((String) v[0], (Integer) v[1], (Integer) v[2], (String) v[3], (String) v[4]),
            Field.of("Name", TEXT), Field.of("TeamNum", INT), Field.of("Score", INT), Field.of("ColorPrimary", TEXT),
            Field.of("ColorSecondary", TEXT));

    static final SnapshotReader<Snapshot.Car> CAR = new SnapshotReader<>(Snapshot.Car.class,
            v -> new Snapshot.Car((String) v[0], (String) v[1], (Integer) v[2], (Integer) v[3], (Integer) v[4], (Integer) v[5],
                    (Integer) v[6], (Integer) v[7], (Integer) v[8], (Integer) v[9], (Integer) v[10], (Integer) v[11],
                    (Boolean) v[12], (Double) v[13], (Integer) v[14], (Boolean) v[15], (Boolean) v[16], (Boolean) v[17],
                    (Boolean) v[18], (Boolean) v[19], (Boolean) v[20], (Snapshot.Ref) v[21]),
            Field.of("Name", TEXT), Field.of("PrimaryId", TEXT), Field.of("Shortcut", INT), Field.of("TeamNum", INT),
            Field.of("Score", INT), Field.of("Goals", INT), Field.of("Shots", INT), Field.of("Assists", INT),
            Field.of("Saves", INT), Field.of("Touches", INT), Field.of("CarTouches", INT), Field.of("Demos", INT),
            Field.of("bHasCar", BOOL), Field.of("Speed", DOUBLE), Field.of("Boost", INT), Field.of("bBoosting", BOOL),
            Field.of("bOnGround", BOOL), Field.of("bOnWall", BOOL), Field.of("bPowersliding", BOOL),
            Field.of("bDemolished", BOOL), Field.of("bSupersonic", BOOL), Field.of("Attacker", REF));

    @SuppressWarnings("unchecked")
    static final SnapshotReader<Snapshot.Game> GAME = new SnapshotReader<>(Snapshot.Game.class,
            v -> new Snapshot.Game((List<Snapshot.TeamState>) v[0], (Integer) v[1], (Boolean) v[2], (Snapshot.Ball) v[3],
                    (Boolean) v[4], (Boolean) v[5], (String) v[6], (String) v[7], (Boolean) v[8], (Snapshot.Ref) v[9]),
            Field.listOf("Teams", TEAM), Field.of("TimeSeconds", INT), Field.of("bOvertime", BOOL), Field.of("Ball", BALL),
            Field.of("bReplay", BOOL), Field.of("bHasWinner", BOOL), Field.of("Winner", TEXT), Field.of("Arena", TEXT),
            Field.of("bHasTarget", BOOL), Field.of("Target", REF));

    @SuppressWarnings("unchecked")
    static final SnapshotReader<Snapshot> SNAPSHOT = new SnapshotReader<>(Snapshot.class,
            v -> new Snapshot((String) v[0], (List<Snapshot.Car>) v[1], (Snapshot.Game) v[2]),
            Field.of("MatchGuid", TEXT), Field.listOf("Players", CAR), Field.of("Game", GAME));

    /** Snapshots read with these readers (registered on a mapper). */
    static final SimpleModule MODULE = new SimpleModule("inorder-snapshot")
            .addDeserializer(Snapshot.class, SNAPSHOT).addDeserializer(Snapshot.Game.class, GAME)
            .addDeserializer(Snapshot.Car.class, CAR).addDeserializer(Snapshot.TeamState.class, TEAM)
            .addDeserializer(Snapshot.Ref.class, REF).addDeserializer(Snapshot.Ball.class, BALL);

    private final Field[] fields;
    /** The fields' names as the parser compares them in place, with no lookup: see {@link #deserialize}. */
    private final SerializedString[] names;
    private final Map<String, Integer> positions = new HashMap<>();
    private final Function<Object[], T> make;

    private SnapshotReader(Class<T> type, Function<Object[], T> make, Field... fields) {
        super(type);
        if (fields.length > Long.SIZE) {
            throw new IllegalArgumentException("at most 64 fields: one bit each");
        }
        this.fields = fields;
        this.make = make;
        this.names = new SerializedString[fields.length];
        for (int i = 0; i < fields.length; i++) {
            positions.put(fields[i].name(), i);
            names[i] = new SerializedString(fields[i].name());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartObjectToken()) {
            return (T) ctxt.handleUnexpectedToken(handledType(), p);
        }
        Object[] values = new Object[fields.length];
        long seen = 0;
        Set<String> others = null; // keys no field lists: rare, still checked for a second time
        // The game writes a record's keys in the order listed here, leaving out what is false or irrelevant: the key
        // after the last one read is compared in place in the parser's buffer first (no hashing, no symbol table, no
        // map: Jackson's name lookups were a fifth of the event loop's time on real snapshots), and any other key is
        // read and looked up by name. On a miss the parser already stands on what came instead: a key, or the end.
        for (int next = 0;;) {
            String name;
            int i;
            if (next < names.length && p.nextFieldName(names[next])) {
                name = fields[next].name();
                i = next;
            } else {
                name = next < names.length ? (p.hasToken(JsonToken.FIELD_NAME) ? p.currentName() : null) : p.nextFieldName();
                if (name == null) {
                    break;
                }
                Integer position = positions.get(name);
                i = position == null ? -1 : position;
            }
            JsonToken token = p.nextToken();
            if (i < 0) { // a key no field lists
                if (others == null) {
                    others = new HashSet<>(4);
                }
                if (!others.add(name)) {
                    throw twice(p, name);
                }
                p.skipChildren();
                continue;
            }
            next = i + 1;
            if ((seen & (1L << i)) != 0) {
                throw twice(p, name);
            }
            seen |= 1L << i;
            if (token == JsonToken.VALUE_NULL) {
                continue;
            }
            try {
                values[i] = fields[i].list() ? list(p, ctxt, fields[i].reader()) : fields[i].reader().deserialize(p, ctxt);
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, handledType(), name);
            }
        }
        if (!p.hasToken(JsonToken.END_OBJECT)) {
            return (T) ctxt.handleUnexpectedToken(handledType(), p);
        }
        return make.apply(values);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(JsonParser p, DeserializationContext ctxt, JsonDeserializer<?> element) throws IOException {
        if (!p.isExpectedStartArrayToken()) {
            return (List<Object>) ctxt.handleUnexpectedToken(List.class, p);
        }
        List<Object> list = new ArrayList<>(8);
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            try {
                if (token == JsonToken.VALUE_NULL) { // a car or team that is not one: refused where it is, not kept
                    throw MismatchedInputException.from(p, element.handledType(), "null in a list");
                }
                list.add(element.deserialize(p, ctxt));
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, list, list.size());
            }
        }
        return list;
    }

    /** The words of the parser's own duplicate check, which this one replaces for snapshots. */
    private static JsonParseException twice(JsonParser p, String name) {
        return new JsonParseException(p, "Duplicate field '" + name + "'");
    }
}
