-- One schema for H2 and PostgreSQL: portable types and statements only.

-- The offset of the last event the store applied; one row.
CREATE TABLE store_position (
    id          INTEGER PRIMARY KEY,
    last_offset BIGINT  NOT NULL
);
INSERT INTO store_position (id, last_offset) VALUES (1, 0);

-- The highest Seq applied per sender (X-Source-Id).
CREATE TABLE source_seqs (
    source   VARCHAR(200) PRIMARY KEY,
    last_seq BIGINT       NOT NULL
);

CREATE TABLE matches (
    match_key       VARCHAR(200) PRIMARY KEY,   -- the MatchGuid, or offline-<first offset> for matches without one
    guid            VARCHAR(200),
    source          VARCHAR(200) NOT NULL,
    arena           VARCHAR(200),
    state           VARCHAR(10)  NOT NULL,      -- live | ended
    time_seconds    INTEGER,
    overtime        BOOLEAN      NOT NULL,
    team0_name      VARCHAR(200),
    team0_score     INTEGER,
    team1_name      VARCHAR(200),
    team1_score     INTEGER,
    winner_team_num INTEGER,
    winner          VARCHAR(200),
    first_seen      BIGINT       NOT NULL,      -- epoch ms of the first event accepted for it
    updated_at      BIGINT       NOT NULL,
    last_offset     BIGINT       NOT NULL
);
CREATE INDEX matches_recent ON matches (last_offset);
CREATE INDEX matches_by_source ON matches (source, state);

-- Each player's current line in a match, as the last UpdateState had it.
CREATE TABLE match_players (
    match_key VARCHAR(200) NOT NULL,
    player_id VARCHAR(200) NOT NULL,
    name      VARCHAR(200),
    team_num  INTEGER      NOT NULL,
    score     INTEGER      NOT NULL,
    goals     INTEGER      NOT NULL,
    shots     INTEGER      NOT NULL,
    assists   INTEGER      NOT NULL,
    saves     INTEGER      NOT NULL,
    touches   INTEGER      NOT NULL,
    demos     INTEGER      NOT NULL,
    boost     INTEGER      NOT NULL,
    PRIMARY KEY (match_key, player_id)
);
CREATE INDEX match_players_by_player ON match_players (player_id);

-- Discrete events of a match, in applied order.
CREATE TABLE timeline_events (
    match_key    VARCHAR(200)     NOT NULL,
    event_offset BIGINT           NOT NULL,
    event_name   VARCHAR(100)     NOT NULL,
    applied_at   BIGINT           NOT NULL,
    data         VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (match_key, event_offset)
);

-- Career totals over ended matches, credited once per match at MatchEnded.
CREATE TABLE player_careers (
    player_id VARCHAR(200) PRIMARY KEY,
    name      VARCHAR(200),
    matches   INTEGER NOT NULL,
    wins      INTEGER NOT NULL,
    score     BIGINT  NOT NULL,
    goals     BIGINT  NOT NULL,
    shots     BIGINT  NOT NULL,
    assists   BIGINT  NOT NULL,
    saves     BIGINT  NOT NULL,
    touches   BIGINT  NOT NULL,
    demos     BIGINT  NOT NULL
);
