package dev.inorder.query;

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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.match.Match;
import dev.inorder.store.MatchStore;
import dev.inorder.store.StoreException;

/**
 * The read side: what the store committed, as pages. Lists use keyset paging on offsets, so a page never repeats or
 * skips a row that existed when the first page was read.
 */
public class MatchQueries {

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public MatchQueries(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Matches by most recent event first; {@code before} is a cursor, the last offset of the previous page's last match. */
    public Page<MatchSummary> matches(int limit, Long before) {
        String sql = "SELECT " + MatchStore.MATCH_COLUMNS + " FROM matches" + (before == null ? "" : " WHERE last_offset < ?")
                + " ORDER BY last_offset DESC";
        return page(sql, limit, before, rs -> {
            var match = MatchStore.match(rs.getString("match_key"), rs);
            return new MatchSummary(match.key(), match.guid() == null, match.source(), match.arena(), match.state(),
                    match.teams(), Instant.ofEpochMilli(match.updatedAtMillis()), match.lastOffset());
        }, MatchSummary::lastOffset);
    }

    public Optional<Match> match(String key) {
        return storable(key) ? new MatchStore(dataSource).match(key) : Optional.empty();
    }

    /**
     * Whether an id can be stored at all: the door refuses control characters, so an id holding one names nothing (and
     * PostgreSQL would refuse a NUL in a query with an error instead of no row).
     */
    static boolean storable(String id) {
        return id.chars().noneMatch(Character::isISOControl);
    }

    /** The match's timeline in applied order; {@code after} is a cursor, the offset of the previous page's last entry. */
    public Page<TimelineItem> timeline(String key, int limit, Long after) {
        if (!storable(key)) {
            return new Page<>(List.of(), null);
        }
        String sql = "SELECT event_offset, event_name, applied_at, data FROM timeline_events WHERE match_key = ?"
                + (after == null ? "" : " AND event_offset > ?") + " ORDER BY event_offset";
        return page(sql, limit, after, key, rs -> new TimelineItem(rs.getLong(1), rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)), json(rs.getString(4))), TimelineItem::offset);
    }

    /** The player's career and matches, or empty when the store has never seen them. */
    public Optional<PlayerView> player(String id, int limit, Long before) {
        if (!storable(id)) {
            return Optional.empty();
        }
        String sql = "SELECT m.match_key, m.arena, m.state, p.team_num, m.winner_team_num, p.score, p.goals, p.shots, "
                + "p.assists, p.saves, m.updated_at, m.last_offset, p.name FROM match_players p "
                + "JOIN matches m ON m.match_key = p.match_key WHERE p.player_id = ?"
                + (before == null ? "" : " AND m.last_offset < ?") + " ORDER BY m.last_offset DESC";
        String[] name = new String[1];
        var matches = page(sql, limit, before, id, rs -> {
            name[0] = name[0] == null ? rs.getString(13) : name[0];
            return new PlayerView.PlayedMatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                    (Integer) rs.getObject(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                    Instant.ofEpochMilli(rs.getLong(11)), rs.getLong(12));
        }, PlayerView.PlayedMatch::lastOffset);
        var career = career(id);
        if (career.isEmpty() && matches.items().isEmpty() && before == null) {
            return Optional.empty();
        }
        String playerName = career.map(CareerRow::name).orElse(name[0]);
        return Optional.of(new PlayerView(id, playerName, career.map(CareerRow::career).orElse(PlayerView.Career.NONE),
                matches.items(), matches.nextCursor()));
    }

    private record CareerRow(String name, PlayerView.Career career) {
    }

    private Optional<CareerRow> career(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name, matches, wins, score, goals, shots, assists, saves, "
                        + "touches, demos FROM player_careers WHERE player_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CareerRow(rs.getString(1), new PlayerView.Career(rs.getInt(2), rs.getInt(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10))));
            }
        } catch (SQLException e) {
            throw new StoreException("reading the career of " + id, e);
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private interface Position<T> {
        long of(T item);
    }

    private <T> Page<T> page(String sql, int limit, Long cursor, Row<T> row, Position<T> position) {
        return page(sql, limit, cursor, null, row, position);
    }

    /** Runs {@code sql} with the optional key, then the optional cursor; reads one row more than a page to know if another follows. */
    private <T> Page<T> page(String sql, int limit, Long cursor, String key, Row<T> row, Position<T> position) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (key != null) {
                ps.setString(i++, key);
            }
            if (cursor != null) {
                ps.setLong(i, cursor);
            }
            ps.setMaxRows(limit + 1);
            List<T> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(row.read(rs));
                }
            }
            return Page.of(items, limit, position::of);
        } catch (SQLException e) {
            throw new StoreException("querying", e);
        }
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The store holds timeline data that is not JSON", e);
        }
    }
}
