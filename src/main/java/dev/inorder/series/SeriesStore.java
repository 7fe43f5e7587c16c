package dev.inorder.series;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.inorder.match.Match;
import dev.inorder.store.MatchStore;
import dev.inorder.store.StoreException;

/** The series tables, and the matches a series' score is derived from. Plain JDBC, like the other stores. */
public class SeriesStore {

    private static final String COLUMNS = "id, name, best_of, team_a, team_a_logo, team_a_color, team_b, team_b_logo, "
            + "team_b_color, created_at, closed_at";

    private final DataSource dataSource;

    public SeriesStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(Series s) {
        update("INSERT INTO series (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, s.id());
            ps.setString(2, s.name());
            ps.setInt(3, s.bestOf());
            for (int i = 0; i < 2; i++) {
                var t = s.teams().get(i);
                ps.setString(4 + 3 * i, t.name());
                ps.setString(5 + 3 * i, t.logo());
                ps.setString(6 + 3 * i, t.color());
            }
            ps.setLong(10, s.createdAt().toEpochMilli());
            ps.setNull(11, Types.BIGINT);
        });
    }

    /** Every series, newest first. */
    public List<Series> all() {
        return query("SELECT " + COLUMNS + " FROM series ORDER BY created_at DESC, id", null);
    }

    public Optional<Series> get(String id) {
        return query("SELECT " + COLUMNS + " FROM series WHERE id = ?", id).stream().findFirst();
    }

    public void attach(String id, String matchKey) {
        if (!exists("SELECT 1 FROM series_matches WHERE series_id = ? AND match_key = ?", id, matchKey)) {
            update("INSERT INTO series_matches (series_id, match_key, attached_at) VALUES (?, ?, ?)", ps -> {
                ps.setString(1, id);
                ps.setString(2, matchKey);
                ps.setLong(3, System.currentTimeMillis());
            });
        }
    }

    public void close(String id) {
        update("UPDATE series SET closed_at = ? WHERE id = ? AND closed_at IS NULL", ps -> {
            ps.setLong(1, System.currentTimeMillis());
            ps.setString(2, id);
        });
    }

    /** The series' score, from its matches as stored now. */
    public SeriesScore score(Series s) {
        try (Connection c = dataSource.getConnection()) {
            Set<String> byHand = new HashSet<>();
            List<Match> candidates = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MatchStore.MATCH_COLUMNS + " FROM matches "
                    + "WHERE match_key IN (SELECT match_key FROM series_matches WHERE series_id = ?)")) {
                ps.setString(1, s.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Match m = MatchStore.match(rs.getString("match_key"), rs);
                        byHand.add(m.key());
                        seen.add(m.key());
                        candidates.add(m);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MatchStore.MATCH_COLUMNS + " FROM matches "
                    + "WHERE first_seen >= ?" + (s.closedAt() == null ? "" : " AND first_seen <= ?"))) {
                ps.setLong(1, s.createdAt().toEpochMilli());
                if (s.closedAt() != null) {
                    ps.setLong(2, s.closedAt().toEpochMilli());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Match m = MatchStore.match(rs.getString("match_key"), rs);
                        if (seen.add(m.key())) {
                            candidates.add(m);
                        }
                    }
                }
            }
            return SeriesScore.of(s, candidates, byHand);
        } catch (SQLException e) {
            throw new StoreException("reading series " + s.id(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("writing a series", e);
        }
    }

    private boolean exists(String sql, String a, String b) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a);
            ps.setString(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a series", e);
        }
    }

    private List<Series> query(String sql, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setString(1, id);
            }
            List<Series> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long closed = rs.getLong(11);
                    boolean open = rs.wasNull();
                    all.add(new Series(rs.getString(1), rs.getString(2), rs.getInt(3), List.of(
                            new Series.SeriesTeam(rs.getString(4), rs.getString(5), rs.getString(6)),
                            new Series.SeriesTeam(rs.getString(7), rs.getString(8), rs.getString(9))),
                            Instant.ofEpochMilli(rs.getLong(10)), open ? null : Instant.ofEpochMilli(closed)));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new StoreException("reading series", e);
        }
    }
}
