-- Request counters shared by every server process on one PostgreSQL: the per-address rate limits (login,
-- tokens, uploads) and the failed-login budget per address. Not tenant data (a login names its tenant only
-- in its body, and the limits protect before one is known), so no tenant policy: only counts, keyed by a
-- bucket and a client address. Old windows are deleted by the scheduling tick.
CREATE TABLE rate_limit_windows (
  bucket       text NOT NULL CHECK (length(bucket) BETWEEN 1 AND 200),
  key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL CHECK (hits >= 0),
  PRIMARY KEY (bucket, key, window_start)
);
