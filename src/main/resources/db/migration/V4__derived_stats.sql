-- Issue 14: what the stream shows beyond a snapshot, per player and match (PlayerLine.Derived).
ALTER TABLE match_players ADD COLUMN demos_taken INTEGER NOT NULL DEFAULT 0;
ALTER TABLE match_players ADD COLUMN mvp BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE match_players ADD COLUMN boost_seen BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE match_players ADD COLUMN boost_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE match_players ADD COLUMN zero_boost_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE match_players ADD COLUMN full_boost_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE match_players ADD COLUMN average_boost DOUBLE PRECISION NOT NULL DEFAULT 0;

-- Leaderboards over a period read ended matches by when they were played.
CREATE INDEX matches_by_state_and_time ON matches (state, first_seen);
