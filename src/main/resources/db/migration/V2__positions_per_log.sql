-- Kafka mode (issue 6): offsets are per log (the in-memory channel, or one Kafka partition), and several instances
-- write at once, each owning some partitions. Positions become per log, and the Seq guard per sender and match, so
-- that one instance's writes never depend on what another holds in memory.

CREATE TABLE log_positions (
    log_name    VARCHAR(200) PRIMARY KEY,   -- 'memory', or <topic>-<partition>
    last_offset BIGINT       NOT NULL       -- the offset of the last event applied from that log
);
INSERT INTO log_positions (log_name, last_offset)
    SELECT 'memory', last_offset FROM store_position WHERE id = 1 AND last_offset > 0;
DROP TABLE store_position;

-- The highest Seq applied per sender and match; match_guid is '' for offline matches (no MatchGuid).
CREATE TABLE sender_seqs (
    source     VARCHAR(200) NOT NULL,
    match_guid VARCHAR(200) NOT NULL,
    last_seq   BIGINT       NOT NULL,
    PRIMARY KEY (source, match_guid)
);
INSERT INTO sender_seqs (source, match_guid, last_seq) SELECT source, '', last_seq FROM source_seqs;
DROP TABLE source_seqs;
