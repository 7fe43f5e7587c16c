package dev.inorder.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

    private static final Row<MatchSummary> MATCH_ROW = rs -> {
        var match = MatchStore.match(rs.getString("match_key"), rs);
        return new MatchSummary(match.key(), match.guid() == null, match.source(), match.arena(), match.state(),
                match.teams(), Instant.ofEpochMilli(match.updatedAtMillis()), match.lastOffset());
    };

    private static String matchesSql(boolean cursor) {
        return "SELECT " + MatchStore.MATCH_COLUMNS + " FROM matches" + (cursor ? " WHERE last_offset < ?" : "")
                + " ORDER BY last_offset DESC";
    }

    /** Matches by most recent event first; {@code before} is a cursor, the last offset of the previous page's last match. */
    public Page<MatchSummary> matches(int limit, Long before) {
        return page(matchesSql(before != null), limit, before, MATCH_ROW, MatchSummary::lastOffset);
    }

    /** Every match, most recent first, read as the caller takes them (an export: never all in memory). */
    public void eachMatch(Consumer<MatchSummary> each) {
        stream(matchesSql(false), List.of(), MATCH_ROW, each);
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

    private final Row<TimelineItem> timelineRow = rs -> new TimelineItem(rs.getLong(1), rs.getString(2),
            Instant.ofEpochMilli(rs.getLong(3)), json(rs.getString(4)));

    private static String timelineSql(boolean cursor, boolean newestFirst) {
        return "SELECT event_offset, event_name, applied_at, data FROM timeline_events WHERE match_key = ?"
                + (cursor ? (newestFirst ? " AND event_offset < ?" : " AND event_offset > ?") : "")
                + " ORDER BY event_offset" + (newestFirst ? " DESC" : "");
    }

    /**
     * The match's timeline in applied order, or newest first; {@code cursor} is the offset of the previous page's last
     * entry.
     */
    public Page<TimelineItem> timeline(String key, int limit, Long cursor, boolean newestFirst) {
        if (!storable(key)) {
            return new Page<>(List.of(), null);
        }
        return page(timelineSql(cursor != null, newestFirst), limit, cursor, key, timelineRow, TimelineItem::offset);
    }

    /** The match's whole timeline in applied order, read as the caller takes it. */
    public void eachTimelineItem(String key, Consumer<TimelineItem> each) {
        if (storable(key)) {
            stream(timelineSql(false, false), List.of(key), timelineRow, each);
        }
    }

    /** The player's career and matches, or empty when the store has never seen them. */
    public Optional<PlayerView> player(String id, int limit, Long before) {
        if (!storable(id)) {
            return Optional.empty();
        }
        String[] name = new String[1];
        var matches = page(playedSql(before != null), limit, before, id, rs -> {
            name[0] = name[0] == null ? rs.getString(13) : name[0];
            return PLAYED_ROW.read(rs);
        }, PlayerView.PlayedMatch::lastOffset);
        var career = career(id);
        if (career.isEmpty() && matches.items().isEmpty() && before == null) {
            return Optional.empty();
        }
        String playerName = career.map(CareerRow::name).orElse(name[0]);
        return Optional.of(new PlayerView(id, playerName, career.map(CareerRow::career).orElse(PlayerView.Career.NONE),
                matches.items(), matches.nextCursor()));
    }

    private static final Row<PlayerView.PlayedMatch> PLAYED_ROW = rs -> new PlayerView.PlayedMatch(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getInt(4), (Integer) rs.getObject(5), rs.getInt(6), rs.getInt(7),
            rs.getInt(8), rs.getInt(9), rs.getInt(10), Instant.ofEpochMilli(rs.getLong(11)), rs.getLong(12));

    private static String playedSql(boolean cursor) {
        return "SELECT m.match_key, m.arena, m.state, p.team_num, m.winner_team_num, p.score, p.goals, p.shots, "
                + "p.assists, p.saves, m.updated_at, m.last_offset, p.name FROM match_players p "
                + "JOIN matches m ON m.match_key = p.match_key WHERE p.player_id = ?"
                + (cursor ? " AND m.last_offset < ?" : "") + " ORDER BY m.last_offset DESC";
    }

    /** Every match the player was in, most recent first, read as the caller takes them. */
    public void eachPlayedMatch(String id, Consumer<PlayerView.PlayedMatch> each) {
        if (storable(id)) {
            stream(playedSql(false), List.of(id), PLAYED_ROW, each);
        }
    }

    /** Whether the store has seen the player (in a match, or in a career). */
    public boolean knowsPlayer(String id) {
        return storable(id) && exists("SELECT 1 FROM match_players WHERE player_id = ?", id);
    }

    /** What each leaderboard sums over a player's ended matches. Fixed SQL: a stat is never spliced in from a request. */
    static final Map<String, String> STATS = Map.of(
            "goals", "SUM(p.goals)", "assists", "SUM(p.assists)", "saves", "SUM(p.saves)", "shots", "SUM(p.shots)",
            "demos", "SUM(p.demos)", "score", "SUM(p.score)",
            "wins", "SUM(CASE WHEN m.winner_team_num = p.team_num THEN 1 ELSE 0 END)", "matches", "COUNT(*)",
            "mvps", "SUM(CASE WHEN p.mvp THEN 1 ELSE 0 END)", "demosTaken", "SUM(p.demos_taken)");

    private static String leadersSql(String stat, boolean since, boolean paged) {
        return "SELECT p.player_id, MAX(p.name), " + STATS.get(stat) + " AS v, COUNT(*) FROM match_players p "
                + "JOIN matches m ON m.match_key = p.match_key WHERE m.state = 'ended'"
                + (since ? " AND m.first_seen >= ?" : "") + " GROUP BY p.player_id ORDER BY v DESC, p.player_id"
                + (paged ? " OFFSET ?" : "");
    }

    private static Row<Leaderboard.Leader> leaderRow(long firstRank) {
        long[] rank = { firstRank };
        return rs -> new Leaderboard.Leader(++rank[0], rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4));
    }

    /**
     * Players ranked by {@code stat} over the ended matches first seen at or after {@code since} (all when null),
     * highest first; {@code from} is a cursor, the rank of the previous page's last player.
     */
    public Leaderboard leaderboard(String stat, Instant since, int limit, Long from) {
        long skip = from == null ? 0 : from;
        List<Object> params = new ArrayList<>();
        if (since != null) {
            params.add(since.toEpochMilli());
        }
        params.add(skip);
        List<Leaderboard.Leader> rows = new ArrayList<>();
        stream(leadersSql(stat, since != null, true), params, leaderRow(skip), rows::add, limit + 1);
        var page = Page.of(rows, limit, Leaderboard.Leader::rank);
        return new Leaderboard(stat, since, page.items(), page.nextCursor());
    }

    /** The whole leaderboard, read as the caller takes it. */
    public void eachLeader(String stat, Instant since, Consumer<Leaderboard.Leader> each) {
        stream(leadersSql(stat, since != null, false), since == null ? List.of() : List.of(since.toEpochMilli()),
                leaderRow(0), each);
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

    private <T> void stream(String sql, List<Object> params, Row<T> row, Consumer<T> each) {
        stream(sql, params, row, each, 0);
    }

    /**
     * Runs {@code sql} and hands each row over as it is read: in a transaction with a fetch size, so that PostgreSQL
     * reads through a cursor (H2 keeps large results in a temporary file) and a long export never sits in memory.
     */
    private <T> void stream(String sql, List<Object> params, Row<T> row, Consumer<T> each, int maxRows) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                ps.setFetchSize(500);
                ps.setMaxRows(maxRows);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(row.read(rs));
                    }
                }
            } finally {
                c.rollback(); // read only
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("querying", e);
        }
    }

    private boolean exists(String sql, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("querying", e);
        }
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
