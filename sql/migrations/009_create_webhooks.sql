-- 009_create_webhooks.sql
-- Why: agencies that run their own case software (REG 11.3, domain.md §10)
-- register a URL and receive every event on their cases as a signed POST.
-- webhooks.secret is stored in clear: the daemon needs it to compute the
-- HMAC of each body (a hash would not do); it is shown once at creation.
-- last_event_id is the scan cursor, advanced in the same transaction as the
-- delivery rows it creates, so no event is queued twice or skipped.
-- A delivery is one event for one webhook; UNIQUE(webhook_id, event_id)
-- makes a repeated scan harmless. phananh-jobd (jobd/webhooks.c) claims
-- due rows with FOR UPDATE SKIP LOCKED; 'sending' rows carry a lease in
-- next_attempt_at so a crashed daemon's claims come back.
CREATE TABLE IF NOT EXISTS webhooks (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id INT NOT NULL,
  url VARCHAR(1024) NOT NULL,
  secret VARCHAR(128) NOT NULL,
  active TINYINT NOT NULL DEFAULT 1,
  last_event_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  KEY webhooks_org (org_id, active)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  webhook_id BIGINT UNSIGNED NOT NULL,
  event_id BIGINT UNSIGNED NOT NULL,
  state ENUM('queued','sending','delivered','failed','dead')
    NOT NULL DEFAULT 'queued',
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL,
  last_status INT NULL,                    -- HTTP status of the last attempt
  last_error VARCHAR(512) NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY deliveries_once (webhook_id, event_id),
  KEY deliveries_due (state, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
