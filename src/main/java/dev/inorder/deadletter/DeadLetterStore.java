package dev.inorder.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.query.Page;

/**
 * The {@code dead_letters} table: written by the store in the transaction that moves the log past the event, read and
 * retried through {@code /dead-letters}. Every text is made storable first (control characters replaced, lengths
 * capped; the envelope is JSON text, whose escapes hold any character), since what failed may be exactly a value the
 * database refused.
 */
public class DeadLetterStore {

    private static final String COLUMNS = "id, log_name, event_offset, source, event_name, envelope, error, accepted_at, "
            + "dead_at, state, retried_at, retry_offset";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public DeadLetterStore(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Inserts the dead letters on the caller's connection, in the caller's transaction. */
    public static void insert(Connection c, List<DeadLetter> deadLetters) throws SQLException {
        if (deadLetters.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dead_letters (log_name, event_offset, source, "
                + "event_name, envelope, error, accepted_at, dead_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DeadLetter d : deadLetters) {
                ps.setString(1, storable(d.log(), 200));
                ps.setLong(2, d.offset());
                ps.setString(3, storable(d.source(), 200));
                ps.setString(4, storable(d.event(), 200));
                ps.setString(5, d.envelope().toString());
                ps.setString(6, storable(d.error(), 2000));
                ps.setLong(7, d.acceptedAt().toEpochMilli());
                ps.setLong(8, d.deadAt().toEpochMilli());
                ps.setString(9, DeadLetter.DEAD);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Dead letters by id; {@code after} is a cursor, the previous page's last id. */
    public Page<DeadLetter> list(int limit, Long after) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dead_letters"
                        + (after == null ? "" : " WHERE id > ?") + " ORDER BY id")) {
            if (after != null) {
                ps.setLong(1, after);
            }
            ps.setMaxRows(limit + 1);
            List<DeadLetter> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(read(rs));
                }
            }
            return Page.of(items, limit, DeadLetter::id);
        }
    }

    public Optional<DeadLetter> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } 
    }

    /** Marks a dead letter as being retried; false when it is not dead (unknown, or retried already by someone else). */
    public boolean claim(long id) throws SQLException {
        return update("UPDATE dead_letters SET state = 'retrying' WHERE id = ? AND state = 'dead'", id) == 1;
    }

    /** A claimed dead letter was not taken by ingest: it is dead again. */
    public void unclaim(long id) throws SQLException {
        update("UPDATE dead_letters SET state = 'dead' WHERE id = ? AND state = 'retrying'", id);
    }

    /** A claimed dead letter was accepted again at {@code offset}. */
    public void retried(long id, long offset, long nowMillis) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE dead_letters SET state = 'retried', retried_at = ?, retry_offset = ? WHERE id = ?")) {
            ps.setLong(1, nowMillis);
            ps.setLong(2, offset);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** How many dead letters the store holds, retried or not. */
    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dead_letters");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int update(String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return ps.executeUpdate();
        }
    }

    private DeadLetter read(ResultSet rs) throws SQLException {
        long retriedAt = rs.getLong(11);
        boolean retried = !rs.wasNull();
        long retryOffset = rs.getLong(12);
        boolean hasOffset = !rs.wasNull();
        try {
            return new DeadLetter(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                    mapper.readTree(rs.getString(6)), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)),
                    Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10), retried ? Instant.ofEpochMilli(retriedAt) : null,
                    hasOffset ? retryOffset : null);
        } catch (JsonProcessingException e) {
            throw new SQLException("dead letter " + rs.getLong(1) + " holds an envelope that is not JSON", e);
        }
    }

    /** {@code text} with control characters replaced and cut to {@code max} characters. */
    static String storable(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char ch = text.charAt(i);
            out.append(Character.isISOControl(ch) ? '\uFFFD' : ch);
        }
        return out.toString();
    }
}
