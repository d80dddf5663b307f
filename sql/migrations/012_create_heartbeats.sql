-- 012_create_heartbeats.sql
-- Why: operators need to know that each daemon's loop still runs (issue 10,
-- observability). phananh-smsd and phananh-jobd upsert their row at the end
-- of every successful loop iteration; /metrics and "phananh-admin doctor"
-- read them. One row per running process ("host:pid"); rows of processes
-- that stopped keep their last time, so readers look at MAX(last_ok) per name.
CREATE TABLE IF NOT EXISTS heartbeats (
  name VARCHAR(32) NOT NULL,               -- 'smsd', 'jobd'
  host_pid VARCHAR(64) NOT NULL,           -- "host:pid" of the process
  last_ok DATETIME NOT NULL,               -- UTC, end of the last good loop
  PRIMARY KEY (name, host_pid),
  KEY (name, last_ok)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
