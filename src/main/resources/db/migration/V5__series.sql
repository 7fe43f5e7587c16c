-- Issue 14: a best-of-N between two named teams, and the matches attached to it by hand (the others are found by
-- their team names while the series is open: SeriesScore).
CREATE TABLE series (
    id           VARCHAR(40)   PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL,
    best_of      INTEGER       NOT NULL,
    team_a       VARCHAR(200)  NOT NULL,
    team_a_logo  VARCHAR(2000),
    team_a_color VARCHAR(20),
    team_b       VARCHAR(200)  NOT NULL,
    team_b_logo  VARCHAR(2000),
    team_b_color VARCHAR(20),
    created_at   BIGINT        NOT NULL,
    closed_at    BIGINT
);

CREATE TABLE series_matches (
    series_id   VARCHAR(40)  NOT NULL,
    match_key   VARCHAR(200) NOT NULL,
    attached_at BIGINT       NOT NULL,
    PRIMARY KEY (series_id, match_key)
);
