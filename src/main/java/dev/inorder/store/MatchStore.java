package dev.inorder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import dev.inorder.AcceptedEvent;
import dev.inorder.deadletter.DeadLetter;
import dev.inorder.deadletter.DeadLetterStore;
import dev.inorder.ingest.OffsetReservations;
import dev.inorder.match.Match;
import dev.inorder.match.MatchBook;
import dev.inorder.match.PlayerLine;
import dev.inorder.match.Team;
import dev.inorder.match.TimelineEntry;

/**
 * The write side of the store, in plain JDBC: reads what the {@link MatchBook} does not hold, and writes a chunk's
 * changes and the last applied offset in one transaction. Portable SQL only: the same statements run on H2 and
 * PostgreSQL.
 */
public class MatchStore implements MatchBook.Loader, OffsetReservations {

    public static final String MATCH_COLUMNS = "match_key, guid, source, arena, state, time_seconds, overtime, team0_name, "
            + "team0_score, team1_name, team1_score, winner_team_num, winner, first_seen, updated_at, last_offset";
    static final String PLAYER_COLUMNS = "player_id, name, team_num, score, goals, shots, assists, saves, touches, demos, boost, "
            + "demos_taken, mvp, boost_seen, boost_ms, zero_boost_ms, full_boost_ms, average_boost";

    private final DataSource dataSource;
    private final StoreFailures failures;
    private final String syncAfterCommit;

    public MatchStore(DataSource dataSource) {
        this(dataSource, null);
    }

    /**
     * @param syncAfterCommit a statement that forces a commit to the disk, run after each write's commit ({@code
     *        CHECKPOINT SYNC} on H2, whose commits otherwise reach the file but not the disk), or {@code null}
     */
    public MatchStore(DataSource dataSource, String syncAfterCommit) {
        this.dataSource = dataSource;
        this.failures = new StoreFailures(dataSource);
        this.syncAfterCommit = syncAfterCommit;
    }

    @Override
    public Optional<Match> match(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + MATCH_COLUMNS + " FROM matches WHERE match_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(match(key, rs).withPlayers(players(c, key))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failures.of("reading match " + key, e);
        }
    }

    @Override
    public Optional<String> liveOfflineMatch(String source) {
        return queryOne("SELECT match_key FROM matches WHERE source = ? AND guid IS NULL AND state = 'live' "
                + "ORDER BY last_offset DESC", source);
    }

    @Override
    public Optional<Long> lastSeq(MatchBook.SeqKey key) {
        return queryOne("SELECT last_seq FROM sender_seqs WHERE source = ? AND match_guid = ?", key.source(), key.matchGuid())
                .map(Long::parseLong);
    }

    /** The event names and Data (JSON text) of a match's latest {@code depth} timeline events, newest first. */
    public List<String[]> latestTimeline(String matchKey, int depth) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT event_name, data FROM timeline_events WHERE match_key = ? ORDER BY event_offset DESC")) {
            ps.setMaxRows(depth);
            ps.setString(1, matchKey);
            List<String[]> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new String[] { rs.getString(1), rs.getString(2) });
                }
            }
            return result;
        } catch (SQLException e) {
            throw failures.of("reading the timeline of " + matchKey, e);
        }
    }

    /** The highest Seq stored for any match of the sender, 0 when none: where a connector's own Seq continues. */
    public long highestSeq(String source) {
        return queryOne("SELECT MAX(last_seq) FROM sender_seqs WHERE source = ?", source).map(Long::parseLong).orElse(0L);
    }

    @Override
    public long position(String log) {
        return queryOne("SELECT last_offset FROM log_positions WHERE log_name = ?", log).map(Long::parseLong)
                .orElse(MatchBook.NONE);
    }

    @Override
    public long reserved() {
        return queryOne("SELECT reserved_up_to FROM offset_reservations WHERE log_name = ?", AcceptedEvent.MEMORY)
                .map(Long::parseLong).orElse(0L);
    }

    @Override
    public void reserve(long upTo) {
        try (Connection c = dataSource.getConnection()) {
            updateOrInsert(c, "UPDATE offset_reservations SET reserved_up_to = ? WHERE log_name = ?",
                    "INSERT INTO offset_reservations (reserved_up_to, log_name) VALUES (?, ?)", List.of(upTo), (ps, value) -> {
                        ps.setLong(1, value);
                        ps.setString(2, AcceptedEvent.MEMORY);
                    });
        } catch (SQLException e) {
            throw failures.of("reserving offsets up to " + upTo, e);
        }
    }

    /** Writes all of {@code changes} or nothing. */
    public void write(MatchBook.Changes changes) {
        write(changes, List.of());
    }

    /** Writes all of {@code changes} and the dead letters, or nothing. */
    public void write(MatchBook.Changes changes, List<DeadLetter> deadLetters) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // First: it fails fast if another writer moved a log on, and holds those rows until commit.
                movePositions(c, changes.positions());
                insertMatches(c, changes.inserted());
                List<Match> updated = changes.toStore();
                updateMatches(c, updated);
                writePlayers(c, changes, updated);
                insertTimeline(c, changes.timeline());
                credit(c, changes.credits());
                saveSeqs(c, changes.seqs());
                DeadLetterStore.insert(c, deadLetters);
                c.commit();
                if (syncAfterCommit != null) {
                    // Committed, and forced to the disk before anyone is told. If this fails the write is reported
                    // failed and applied again: its events are then replays of what the store holds, and skipped.
                    try (PreparedStatement sync = c.prepareStatement(syncAfterCommit)) {
                        sync.execute();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failures.of("writing " + changes.timeline().size() + " timeline entries and "
                    + (changes.inserted().size() + changes.updated().size()) + " matches, logs at " + changes.positions(), e);
        }
    }

    /** Checks that the database answers; for readiness. */
    public void ping() {
        position(AcceptedEvent.MEMORY);
    }

    /**
     * Moves each log's position on, but only from where the writer found it: if another instance moved it meanwhile
     * (Kafka handed its partition over), the whole transaction fails and the writer reads the store again.
     */
    private void movePositions(Connection c, Map<String, MatchBook.Position> positions) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE log_positions SET last_offset = ? WHERE log_name = ? AND last_offset = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO log_positions (last_offset, log_name) VALUES (?, ?)")) {
            for (var entry : positions.entrySet()) {
                var position = entry.getValue();
                if (position.expected() == MatchBook.NONE) {
                    insert.setLong(1, position.applied());
                    insert.setString(2, entry.getKey());
                    insert.executeUpdate(); // a duplicate key here means another writer got there first
                    continue;
                }
                update.setLong(1, position.applied());
                update.setString(2, entry.getKey());
                update.setLong(3, position.expected());
                if (update.executeUpdate() == 0) {
                    throw new StaleWriteException(entry.getKey(), position.expected());
                }
            }
        }
    }

    private void insertMatches(Connection c, List<Match> matches) throws SQLException {
        if (matches.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO matches (" + MATCH_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Match m : matches) {
                ps.setString(1, m.key());
                ps.setString(2, m.guid());
                ps.setString(3, m.source());
                bindState(ps, 4, m);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void updateMatches(Connection c, List<Match> matches) throws SQLException {
        if (matches.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE matches SET arena = ?, state = ?, time_seconds = ?, "
                + "overtime = ?, team0_name = ?, team0_score = ?, team1_name = ?, team1_score = ?, winner_team_num = ?, "
                + "winner = ?, first_seen = ?, updated_at = ?, last_offset = ? WHERE match_key = ?")) {
            for (Match m : matches) {
                bindState(ps, 1, m);
                ps.setString(14, m.key());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Binds arena … last_offset, 13 parameters from {@code first}. */
    private static void bindState(PreparedStatement ps, int first, Match m) throws SQLException {
        int i = first;
        ps.setString(i++, m.arena());
        ps.setString(i++, m.state());
        setInt(ps, i++, m.timeSeconds());
        ps.setBoolean(i++, m.overtime());
        for (int teamNum = 0; teamNum < 2; teamNum++) {
            Team team = m.team(teamNum);
            ps.setString(i++, team == null ? null : team.name());
            setInt(ps, i++, team == null ? null : team.score());
        }
        setInt(ps, i++, m.winnerTeamNum());
        ps.setString(i++, m.winner());
        ps.setLong(i++, m.firstSeenMillis());
        ps.setLong(i++, m.updatedAtMillis());
        ps.setLong(i, m.lastOffset());
    }

    /**
     * The player lines of the written matches. A match whose lines are the same players as the store holds (as its
     * book last wrote them) has the changed lines updated in place; any other has its lines deleted and inserted again.
     */
    private void writePlayers(Connection c, MatchBook.Changes changes, List<Match> updated) throws SQLException {
        List<Match> replaced = new ArrayList<>(changes.inserted());
        List<Match> inPlace = new ArrayList<>();
        for (Match m : updated) {
            Match before = changes.storedBefore(m.key());
            (before != null && samePlayers(before, m) ? inPlace : replaced).add(m);
        }
        if (!inPlace.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE match_players SET " + PLAYER_COLUMNS.replace(", ", " = ?, ")
                    .replace("player_id = ?, ", "") + " = ? WHERE match_key = ? AND player_id = ?")) {
                int rows = 0;
                for (Match m : inPlace) {
                    List<PlayerLine> before = changes.storedBefore(m.key()).players();
                    for (int i = 0; i < m.players().size(); i++) {
                        PlayerLine p = m.players().get(i);
                        if (!p.equals(before.get(i))) {
                            int next = bindLine(ps, 1, p);
                            ps.setString(next, m.key());
                            ps.setString(next + 1, p.id());
                            ps.addBatch();
                            rows++;
                        }
                    }
                }
                if (rows > 0) {
                    ps.executeBatch();
                }
            }
        }
        List<Match> deleted = replaced.subList(changes.inserted().size(), replaced.size());
        if (!deleted.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM match_players WHERE match_key = ?")) {
                for (Match m : deleted) {
                    ps.setString(1, m.key());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO match_players (match_key, player_id, " + PLAYER_COLUMNS
                .replace("player_id, ", "") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int rows = 0;
            for (Match m : replaced) {
                for (PlayerLine p : m.players()) {
                    ps.setString(1, m.key());
                    ps.setString(2, p.id());
                    bindLine(ps, 3, p);
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    /** The same players, in the same order: each line's row is there to update. */
    private static boolean samePlayers(Match a, Match b) {
        if (a.players().size() != b.players().size()) {
            return false;
        }
        for (int i = 0; i < a.players().size(); i++) {
            if (!a.players().get(i).id().equals(b.players().get(i).id())) {
                return false;
            }
        }
        return true;
    }

    /** Binds a line's columns but its id (name … average_boost, 17 parameters) from {@code first}; returns the next index. */
    private static int bindLine(PreparedStatement ps, int first, PlayerLine p) throws SQLException {
        int i = first;
        ps.setString(i++, p.name());
        ps.setInt(i++, p.teamNum());
        ps.setInt(i++, p.score());
        ps.setInt(i++, p.goals());
        ps.setInt(i++, p.shots());
        ps.setInt(i++, p.assists());
        ps.setInt(i++, p.saves());
        ps.setInt(i++, p.touches());
        ps.setInt(i++, p.demos());
        ps.setInt(i++, p.boost());
        PlayerLine.Derived d = p.derived();
        ps.setInt(i++, d.demosTaken());
        ps.setBoolean(i++, d.mvp());
        ps.setBoolean(i++, d.boostSeen());
        ps.setLong(i++, d.boostMillis());
        ps.setLong(i++, d.zeroBoostMillis());
        ps.setLong(i++, d.fullBoostMillis());
        ps.setDouble(i++, d.averageBoost());
        return i;
    }

    private void insertTimeline(Connection c, List<TimelineEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO timeline_events (match_key, event_offset, event_name, applied_at, data) VALUES (?, ?, ?, ?, ?)")) {
            for (TimelineEntry e : entries) {
                ps.setString(1, e.matchKey());
                ps.setLong(2, e.offset());
                ps.setString(3, e.event());
                ps.setLong(4, e.appliedAtMillis());
                ps.setString(5, e.data().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void credit(Connection c, List<MatchBook.CareerCredit> credits) throws SQLException {
        updateOrInsert(c, "UPDATE player_careers SET name = ?, matches = matches + 1, wins = wins + ?, score = score + ?, "
                + "goals = goals + ?, shots = shots + ?, assists = assists + ?, saves = saves + ?, touches = touches + ?, "
                + "demos = demos + ? WHERE player_id = ?",
                "INSERT INTO player_careers (name, matches, wins, score, goals, shots, assists, saves, touches, demos, "
                        + "player_id) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                credits.stream().sorted(Comparator.comparing(credit -> credit.line().id())).toList(), (ps, credit) -> {
                    PlayerLine p = credit.line();
                    ps.setString(1, p.name());
                    ps.setInt(2, credit.won() ? 1 : 0);
                    ps.setInt(3, p.score());
                    ps.setInt(4, p.goals());
                    ps.setInt(5, p.shots());
                    ps.setInt(6, p.assists());
                    ps.setInt(7, p.saves());
                    ps.setInt(8, p.touches());
                    ps.setInt(9, p.demos());
                    ps.setString(10, p.id());
                });
    }

    private void saveSeqs(Connection c, Map<MatchBook.SeqKey, Long> seqs) throws SQLException {
        updateOrInsert(c, "UPDATE sender_seqs SET last_seq = ? WHERE source = ? AND match_guid = ?",
                "INSERT INTO sender_seqs (last_seq, source, match_guid) VALUES (?, ?, ?)", seqs.entrySet(), (ps, seq) -> {
                    ps.setLong(1, seq.getValue());
                    ps.setString(2, seq.getKey().source());
                    ps.setString(3, seq.getKey().matchGuid());
                });
    }

    private interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    /**
     * For each row: the update, or the insert when the update touched nothing. Portable where MERGE and ON CONFLICT
     * are not. Each row has one writer (its match's log has one), but career rows are shared: two instances inserting
     * the same new player make one transaction fail, and its writer tries again. Both statements take the same
     * parameters, bound by {@code bind}.
     */
    private static <T> void updateOrInsert(Connection c, String update, String insert, Collection<T> rows, Binder<T> bind)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement updating = c.prepareStatement(update); PreparedStatement inserting = c.prepareStatement(insert)) {
            for (T row : rows) {
                bind.bind(updating, row);
                if (updating.executeUpdate() == 0) {
                    bind.bind(inserting, row);
                    inserting.executeUpdate();
                }
            }
        }
    }

    /** The first column of the first row, if any; {@code parameters} bind the statement's {@code ?} in order. */
    private Optional<String> queryOne(String sql, String... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failures.of("running " + sql, e);
        }
    }

    /** A match row ({@link #MATCH_COLUMNS}) without its players. */
    public static Match match(String key, ResultSet rs) throws SQLException {
        List<Team> teams = new ArrayList<>();
        for (int teamNum = 0; teamNum < 2; teamNum++) {
            String name = rs.getString("team" + teamNum + "_name");
            Integer score = getInt(rs, "team" + teamNum + "_score");
            if (name != null || score != null) {
                teams.add(new Team(teamNum, name, score == null ? 0 : score));
            }
        }
        return new Match(key, rs.getString("guid"), rs.getString("source"), rs.getString("arena"), rs.getString("state"),
                getInt(rs, "time_seconds"), rs.getBoolean("overtime"), List.copyOf(teams), getInt(rs, "winner_team_num"),
                rs.getString("winner"), rs.getLong("first_seen"), rs.getLong("updated_at"), rs.getLong("last_offset"),
                List.of(), null);
    }

    static List<PlayerLine> players(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + PLAYER_COLUMNS + " FROM match_players WHERE match_key = ? ORDER BY team_num, player_id")) {
            ps.setString(1, key);
            List<PlayerLine> players = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    players.add(new PlayerLine(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                            new PlayerLine.Derived(rs.getInt(12), rs.getBoolean(13), rs.getBoolean(14), rs.getLong(15),
                                    rs.getLong(16), rs.getLong(17), rs.getDouble(18))));
                }
            }
            return List.copyOf(players);
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static Integer getInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
