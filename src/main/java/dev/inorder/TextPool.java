package dev.inorder;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * The short texts of snapshots, read once and then shared: a match sends the same names, ids, team names, colours and
 * arena 120 times a second, and each snapshot waiting in the queue held its own copies (22 strings, about half of its
 * size; the garbage collector copied them at every collection while they waited: bench/README.md). A text is looked
 * up where the parser holds its characters, so a text seen before costs no allocation at all.
 * <p>
 * A fixed table of slots, one text each, chosen by the text's hash; a text whose slot holds another replaces it (the
 * table never grows: {@value #SLOTS} slots, texts of at most {@value #MAX_LENGTH} characters). It is shared by the
 * event loops without a lock: a slot holds a whole {@code String} or an older one (a reference is written whole, and a
 * string's contents are safely published by its final fields), and a text is returned only when it equals the
 * characters read; at worst a text is made again.
 */
final class TextPool extends StdScalarDeserializer<String> {

    static final int SLOTS = 1 << 14;
    static final int MAX_LENGTH = 64;

    static final TextPool INSTANCE = new TextPool();

    private final String[] slots = new String[SLOTS];

    private TextPool() {
        super(String.class);
    }

    /** A string from the parser as Jackson's own reader takes it (a number or true/false as text too), shared when short. */
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            return text(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        return StringDeserializer.instance.deserialize(p, ctxt);
    }

    /** The text of {@code length} characters at {@code offset}: the one in its slot when equal, else a new one kept there. */
    String text(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ (hash >>> 14)) & (SLOTS - 1);
        String kept = slots[slot];
        if (kept != null && equal(kept, chars, offset, length)) {
            return kept;
        }
        String text = new String(chars, offset, length);
        slots[slot] = text;
        return text;
    }

    private static boolean equal(String kept, char[] chars, int offset, int length) {
        if (kept.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (kept.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
