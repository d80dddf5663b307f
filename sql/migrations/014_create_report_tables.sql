-- 014_create_report_tables.sql (issued as 010 to the reports branch; renumbered at merge)
-- Why: periodic reports and dashboards (domain.md §11) over years of data.
-- stats_daily / _stage / _state hold per-day aggregates of the cases
-- RECEIVED that day (local date, UTC+07:00), with each case's current
-- outcome (stats_daily_answered: cases answered per day of publication);
-- phananh-jobd refreshes the days whose cases had events since its
-- last pass, `phananh-admin stats-rebuild` recomputes any range.
-- report_instances keeps each generated report: files, the editable
-- narrative, number and signer. (Stopped clocks keep all the working
-- minutes they consumed in used_min: lib/store/timers.c, no schema change.)

CREATE INDEX IF NOT EXISTS timers_kind_status ON case_timers (kind, status);
-- covering: late clocks and worked minutes of a window's cases
CREATE INDEX IF NOT EXISTS timers_case_status
  ON case_timers (case_id, status, kind, used_min);
-- an agency's newest cases (dashboard map)
CREATE INDEX IF NOT EXISTS cases_lead_received
  ON cases (lead_org_id, received_at);
-- covering: answers per day of publication, per agency
CREATE INDEX IF NOT EXISTS cases_published ON cases (published_at, lead_org_id);
CREATE INDEX IF NOT EXISTS events_kind ON case_events (kind, case_id);

CREATE TABLE IF NOT EXISTS stats_daily (
  day DATE NOT NULL,                       -- local date of received_at
  org_id INT NOT NULL DEFAULT 0,           -- current lead agency, 0 = none
  field_id INT NOT NULL DEFAULT 0,
  group_id INT NOT NULL DEFAULT 0,
  unit_id INT NOT NULL DEFAULT 0,
  channel VARCHAR(16) NOT NULL,
  received INT NOT NULL DEFAULT 0,
  pending_intake INT NOT NULL DEFAULT 0,   -- received, needs_info
  not_accepted INT NOT NULL DEFAULT 0,
  merged INT NOT NULL DEFAULT 0,           -- merged, withdrawn
  distributed INT NOT NULL DEFAULT 0,      -- ever distributed
  returned INT NOT NULL DEFAULT 0,         -- returned at least once
  in_processing INT NOT NULL DEFAULT 0,
  answered INT NOT NULL DEFAULT 0,         -- published or delivered
  answered_on_time INT NOT NULL DEFAULT 0,
  answered_late INT NOT NULL DEFAULT 0,
  secret INT NOT NULL DEFAULT 0,
  escalated INT NOT NULL DEFAULT 0,        -- ever escalated
  ncr INT NOT NULL DEFAULT 0,              -- not conclusively resolved
  rated_very INT NOT NULL DEFAULT 0,
  rated_sat INT NOT NULL DEFAULT 0,
  rated_not INT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, org_id, field_id, group_id, unit_id, channel),
  KEY (org_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS stats_daily_stage (
  day DATE NOT NULL,                       -- local date of the case's receipt
  org_id INT NOT NULL DEFAULT 0,           -- the clock's accountable org
  stage VARCHAR(16) NOT NULL,
  on_time INT NOT NULL DEFAULT 0,
  late INT NOT NULL DEFAULT 0,
  running INT NOT NULL DEFAULT 0,
  paused INT NOT NULL DEFAULT 0,
  cancelled INT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, org_id, stage),
  KEY (org_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS stats_daily_state (
  day DATE NOT NULL,                       -- local date of received_at
  org_id INT NOT NULL DEFAULT 0,           -- current lead agency
  state VARCHAR(24) NOT NULL,              -- current state
  n INT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, org_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS stats_daily_answered (
  day DATE NOT NULL,                       -- local date of published_at
  org_id INT NOT NULL DEFAULT 0,           -- lead agency
  n INT NOT NULL DEFAULT 0,
  PRIMARY KEY (day, org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS stats_meta (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  value BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS report_instances (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  type VARCHAR(16) NOT NULL,               -- weekly, monthly, quarterly, ...
  period VARCHAR(24) NOT NULL,             -- 2026-03, 2026-Q1, 2026-W10, ...
  org_id INT NOT NULL DEFAULT 0,           -- 0 = province, else agency
  from_day DATE NOT NULL,                  -- data window, inclusive
  to_day DATE NOT NULL,                    -- inclusive
  due_day DATE NULL,
  generated_at DATETIME NULL,
  xlsx_path VARCHAR(512) NULL,
  pdf_path VARCHAR(512) NULL,
  csv_path VARCHAR(512) NULL,
  narrative MEDIUMTEXT NULL,               -- obstacles and proposals
  narrative_by INT NULL,
  narrative_at DATETIME NULL,
  doc_number VARCHAR(64) NULL,
  signer VARCHAR(255) NULL,
  UNIQUE KEY (type, period, org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
