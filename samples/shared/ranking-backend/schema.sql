-- Schema and data of the ranking backend: 100000 users with a score; the app pages through the
-- ranking, looks users up and records solved problems.
CREATE TABLE ranking (
  user_id    integer PRIMARY KEY,
  handle     text NOT NULL,
  solved     integer NOT NULL,
  score      integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO ranking (user_id, handle, solved, score)
SELECT i, 'user' || i, (i * 37) % 400, (i * 7919) % 100000 FROM generate_series(1, 100000) AS i;
CREATE INDEX ranking_score_idx ON ranking (score DESC, user_id);
ANALYZE ranking;
