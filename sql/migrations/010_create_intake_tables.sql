-- 010_create_intake_tables.sql
-- Why: e-mail and Facebook intake (issue 8) must never turn one message
-- into two cases or apply one reply twice, whatever the daemon's restarts
-- or the webhook's repeated deliveries:
--  * a channel message id is unique per channel (Open311 keeps its tokens
--    there under channel 'open311'; NULLs stay allowed for the others);
--  * every inbound e-mail processed is remembered by its Message-ID, with
--    the case it created or joined, so replies can be threaded to it;
--  * every Facebook messaging event is stored once by its mid, answered at
--    once, and turned into a case or a reply by phananh-jobd.
-- All three statements are idempotent, so a half-applied file re-runs.
CREATE UNIQUE INDEX IF NOT EXISTS cases_channel_ref
  ON cases (channel, channel_ref);

CREATE TABLE IF NOT EXISTS mail_messages (
  message_id VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
    PRIMARY KEY,                           -- without <>
  case_id BIGINT UNSIGNED NULL,            -- created or joined, NULL if none
  outcome ENUM('case','supplement','feedback','note','auto','refused',
    'invalid') NOT NULL,
  from_addr VARCHAR(255) NULL,
  received_at DATETIME NOT NULL,           -- the message's Date (B3)
  created_at DATETIME NOT NULL,
  KEY (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS fb_events (
  mid VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
    PRIMARY KEY,                           -- Facebook message id
  psid VARCHAR(64) NOT NULL,               -- page-scoped sender id
  payload MEDIUMTEXT NOT NULL,             -- the messaging event (JSON)
  received_at DATETIME NOT NULL,           -- the event's timestamp (B3)
  processed TINYINT NOT NULL DEFAULT 0,    -- 0 new, 1 claimed, 2 done
  claimed_at DATETIME NULL,
  case_id BIGINT UNSIGNED NULL,
  outcome VARCHAR(16) NULL,                -- case, supplement, note, ...
  created_at DATETIME NOT NULL,
  KEY fb_events_todo (processed, received_at),
  KEY (psid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
