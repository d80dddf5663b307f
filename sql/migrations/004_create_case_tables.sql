-- 004_create_case_tables.sql
-- Why: the case lifecycle (domain.md §4): cases, the reporter identity kept
-- apart (§6), the append-only event log, one row per stage clock, the
-- notification outbox written in the same transaction as each transition,
-- coordinating agencies, identity-reveal requests and idempotency keys.
CREATE TABLE IF NOT EXISTS cases (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,  -- public code
  track_hash CHAR(64) NOT NULL UNIQUE,     -- sha256 of the secret link token
  state ENUM('received','needs_info','not_accepted','merged','withdrawn',
    'distributed','in_processing','returned_to_center','escalated',
    'awaiting_approval','approved','published','delivered_privately',
    'secret_offline','clarifying','closed','clarify_approval',
    'clarify_approved') NOT NULL DEFAULT 'received',
  channel ENUM('portal','app','eportal','facebook','email','open311','sync',
    'hotline','direct') NOT NULL,
  channel_ref VARCHAR(255) NULL,           -- message id in the channel
  received_at DATETIME NOT NULL,           -- channel receipt time (B3), UTC
  incident_at DATETIME NULL,
  description TEXT NOT NULL,
  field_suggested_id INT NULL,
  field_id INT NULL,
  group_id INT NULL,
  lat DECIMAL(9,6) NULL,
  lng DECIMAL(9,6) NULL,
  address VARCHAR(512) NULL,
  admin_unit_id INT NULL,
  confidential TINYINT NOT NULL DEFAULT 0,
  secret TINYINT NOT NULL DEFAULT 0,
  lead_org_id INT NULL,
  assignee_id INT NULL,
  merged_into BIGINT UNSIGNED NULL,
  rating ENUM('very_satisfied','satisfied','not_satisfied') NULL,
  rated_at DATETIME NULL,
  answer_officer MEDIUMTEXT NULL,          -- officer's draft
  answer_leader MEDIUMTEXT NULL,           -- leader's edited text, if any
  answer_published MEDIUMTEXT NULL,        -- after the center's edit
  notice_json MEDIUMTEXT NULL,             -- rendered result notice
  attributes_json TEXT NULL,               -- Open311 attributes
  distributed_at DATETIME NULL,
  published_at DATETIME NULL,
  closed_at DATETIME NULL,
  return_count INT NOT NULL DEFAULT 0,
  reopen_count INT NOT NULL DEFAULT 0,
  review_flag TINYINT NOT NULL DEFAULT 0,
  external_ref VARCHAR(128) NULL,          -- agency system's id (sync)
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  KEY cases_state_received (state, received_at),
  KEY cases_lead_state (lead_org_id, state, received_at),
  KEY cases_received (received_at),
  KEY cases_updated (updated_at),
  KEY cases_field (field_id, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS case_reporters (
  case_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  phone VARCHAR(16) NULL,                  -- E.164
  email VARCHAR(255) NULL,
  reporter_type ENUM('individual','organisation') NOT NULL DEFAULT 'individual',
  lang CHAR(2) NOT NULL DEFAULT 'vi',
  channel_user VARCHAR(255) NULL           -- e.g. Facebook PSID, e-mail thread
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS case_coord_orgs (
  case_id BIGINT UNSIGNED NOT NULL,
  org_id INT NOT NULL,
  PRIMARY KEY (case_id, org_id),
  KEY (org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS case_events (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id BIGINT UNSIGNED NOT NULL,
  at DATETIME(3) NOT NULL,
  kind VARCHAR(32) NOT NULL,               -- action or "note", "reveal", ...
  from_state VARCHAR(24) NULL,
  to_state VARCHAR(24) NULL,
  actor_kind ENUM('reporter','staff','system','agency_api','sms','open311')
    NOT NULL,
  actor_user_id INT NULL,
  actor_org_id INT NULL,
  org_id INT NULL,                         -- lead agency after the event
  public TINYINT NOT NULL DEFAULT 1,       -- shown on the public timeline
  note MEDIUMTEXT NULL,
  data_json TEXT NULL,
  KEY (case_id, id),
  KEY (org_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS case_timers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('intake','accept','return','process','approve','publish',
    'redistribute','clarify','supplement') NOT NULL,
  org_id INT NULL,                         -- accountable organisation
  started_at DATETIME NOT NULL,
  budget_min INT NOT NULL,                 -- working minutes allowed
  used_min INT NOT NULL DEFAULT 0,         -- consumed before the last pause
  resumed_at DATETIME NULL,                -- start of the running stretch
  due_at DATETIME NULL,                    -- NULL while paused
  stopped_at DATETIME NULL,
  status ENUM('running','paused','on_time','late','cancelled')
    NOT NULL DEFAULT 'running',
  window_only TINYINT NOT NULL DEFAULT 0,  -- time box, never overdue itself
  KEY (case_id, kind),
  KEY timers_open_due (status, due_at),
  KEY (org_id, status, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS notifications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id BIGINT UNSIGNED NULL,
  event_id BIGINT UNSIGNED NULL,
  channel ENUM('sms','email','portal','push','webhook','facebook') NOT NULL,
  recipient_user_id INT NULL,
  recipient_org_id INT NULL,
  recipient_addr VARCHAR(255) NULL,        -- phone, e-mail, URL, PSID
  template VARCHAR(64) NOT NULL,
  lang CHAR(2) NOT NULL DEFAULT 'vi',
  payload_json TEXT NULL,
  state ENUM('queued','sending','sent','delivered','failed','dead')
    NOT NULL DEFAULT 'queued',
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL,
  claimed_by VARCHAR(64) NULL,
  last_error VARCHAR(512) NULL,
  external_id VARCHAR(64) NULL,            -- e.g. gammu outbox ID
  read_at DATETIME NULL,                   -- portal feed
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  KEY notif_due (channel, state, next_attempt_at),
  KEY notif_user (recipient_user_id, channel, id),
  KEY (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS reveal_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id BIGINT UNSIGNED NOT NULL,
  org_id INT NOT NULL,
  requested_by INT NOT NULL,
  purpose VARCHAR(1024) NOT NULL,
  state ENUM('pending','approved','refused') NOT NULL DEFAULT 'pending',
  decided_by INT NULL,
  decided_at DATETIME NULL,
  expires_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  KEY (case_id, org_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope VARCHAR(64) NOT NULL,              -- "org:<id>" or "apikey:<id>"
  idem_key VARCHAR(128) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  status INT NOT NULL,
  response MEDIUMTEXT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (scope, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
