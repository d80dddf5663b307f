-- 003_create_reference_tables.sql
-- Why: organisations, people, fields, units, calendars and keys are data that
-- administrators manage (domain.md §15); nothing of it may be hard-coded.
-- Created together because they reference each other; IF NOT EXISTS makes a
-- re-run after a partial failure safe.
CREATE TABLE IF NOT EXISTS settings (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS org_types (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL UNIQUE,
  name_vi VARCHAR(255) NOT NULL,
  name_en VARCHAR(255) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS calendars (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL UNIQUE,
  name VARCHAR(255) NOT NULL,
  body MEDIUMTEXT NOT NULL,           -- docs/calendar.md text format
  version INT NOT NULL DEFAULT 1,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS admin_units (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(16) NOT NULL UNIQUE,
  name VARCHAR(255) NOT NULL,
  level ENUM('province','district','commune') NOT NULL,
  parent_id INT NULL,
  valid_from DATE NULL,
  valid_to DATE NULL,
  successor_id INT NULL,
  KEY (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS organisations (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL UNIQUE,
  name VARCHAR(255) NOT NULL,
  short_name VARCHAR(64) NOT NULL DEFAULT '',
  type_id INT NULL,
  parent_id INT NULL,
  is_center TINYINT NOT NULL DEFAULT 0,
  calendar_id INT NULL,
  process_minutes INT NOT NULL DEFAULT 2880,   -- agency SLA, <= 6 WD
  email VARCHAR(255) NULL,
  superior_line VARCHAR(255) NOT NULL DEFAULT '',
  signer_title VARCHAR(255) NOT NULL DEFAULT '',
  focal_leader_id INT NULL,
  focal_officer_id INT NULL,
  focal_doc VARCHAR(255) NULL,
  active TINYINT NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS fields (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL UNIQUE,
  name_vi VARCHAR(255) NOT NULL,
  name_en VARCHAR(255) NOT NULL DEFAULT '',
  keywords VARCHAR(1024) NOT NULL DEFAULT '',
  description VARCHAR(1024) NOT NULL DEFAULT '',
  sort INT NOT NULL DEFAULT 0,
  active TINYINT NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS report_groups (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  field_id INT NOT NULL,
  code VARCHAR(32) NOT NULL UNIQUE,
  name_vi VARCHAR(255) NOT NULL,
  name_en VARCHAR(255) NOT NULL DEFAULT '',
  active TINYINT NOT NULL DEFAULT 1,
  KEY (field_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS routing_rules (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  field_id INT NOT NULL,
  admin_unit_id INT NULL,             -- NULL: anywhere in the province
  lead_org_id INT NOT NULL,
  coord_org_ids VARCHAR(255) NOT NULL DEFAULT '',   -- comma-separated ids
  KEY (field_id, admin_unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS users (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL UNIQUE,
  display_name VARCHAR(255) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  org_id INT NOT NULL,
  roles SET('reception','publisher','monitor','officer','leader',
            'agency_admin','sysadmin') NOT NULL DEFAULT '',
  phone VARCHAR(16) NULL,             -- E.164
  email VARCHAR(255) NULL,
  sms_plain TINYINT NOT NULL DEFAULT 0,      -- SMS without diacritics
  phone_failing TINYINT NOT NULL DEFAULT 0,
  failed_logins INT NOT NULL DEFAULT 0,
  locked_until DATETIME NULL,
  active TINYINT NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY (org_id),
  KEY (phone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS sessions (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,   -- sha256 of the cookie value
  user_id INT NOT NULL,
  csrf CHAR(43) NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS api_keys (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  prefix CHAR(8) NOT NULL UNIQUE,     -- shown in listings, not secret
  key_hash CHAR(64) NOT NULL,         -- sha256 of the whole key
  org_id INT NULL,
  kind ENUM('open311','sync') NOT NULL,
  name VARCHAR(255) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  revoked_at DATETIME NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(3) NOT NULL,
  actor_user_id INT NULL,
  actor VARCHAR(128) NOT NULL,
  action VARCHAR(64) NOT NULL,
  object_type VARCHAR(32) NOT NULL,
  object_id VARCHAR(64) NOT NULL,
  before_json LONGTEXT NULL,
  after_json LONGTEXT NULL,
  reason VARCHAR(1024) NULL,
  KEY (at),
  KEY (object_type, object_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
