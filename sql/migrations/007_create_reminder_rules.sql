-- 007_create_reminder_rules.sql
-- Why: reminders and escalation before and after a stage is due are data
-- (issue 4, domain.md §7 "Reminders"), not code: reminder_rules says who is
-- told when, on which channels; reminder_log records each rule fired for a
-- timer, in the same transaction as the notification rows, so a reminder is
-- never sent twice even with several phananh-jobd copies (PRIMARY KEY).
-- One file for both tables: the log is meaningless without the rules, and
-- jobd/reminders.c needs both from the same schema version.
CREATE TABLE IF NOT EXISTS reminder_rules (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  stage ENUM('intake','accept','return','process','approve','publish',
    'redistribute','clarify','supplement') NOT NULL,   -- case_timers.kind
  -- working minutes relative to the timer's due time, counted with the
  -- accountable organisation's calendar: -15 = when 15 working minutes
  -- remain, 0 = at breach, 60 = one working hour after breach
  offset_min INT NOT NULL,
  recipients SET('assignee','officers','focal_officer','focal_leader',
    'leaders','monitor') NOT NULL,
  channels SET('sms','email','portal','push') NOT NULL,
  -- urgent: SMS and push go out at once even outside working time and
  -- quiet hours; otherwise they wait for the next working instant
  urgent TINYINT NOT NULL DEFAULT 0,
  template VARCHAR(64) NOT NULL,             -- notifications.template
  active TINYINT NOT NULL DEFAULT 1,
  note VARCHAR(255) NOT NULL DEFAULT '',
  UNIQUE KEY reminder_rules_stage (stage, offset_min, template)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS reminder_log (
  timer_id BIGINT UNSIGNED NOT NULL,         -- case_timers.id
  rule_id INT NOT NULL,                      -- reminder_rules.id
  fired_at DATETIME NOT NULL,                -- business time, UTC
  queued INT NOT NULL DEFAULT 0,             -- notification rows written
  skipped TINYINT NOT NULL DEFAULT 0,        -- 1: too late to matter
  PRIMARY KEY (timer_id, rule_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Default rules (domain.md §4.3 rows 8, 9, 14, 16, 17; §7). Deployments
-- edit them with SQL (or the admin UI, later); INSERT IGNORE keeps edits.
INSERT IGNORE INTO reminder_rules
  (stage, offset_min, recipients, channels, urgent, template, note) VALUES
  ('accept', -15, 'officers', 'sms,portal,push', 0, 'reminder_accept',
   'not accepted 15 working minutes after distribution: officers again'),
  ('accept', 0, 'focal_officer,focal_leader', 'sms,email,portal,push', 0,
   'reminder_accept_overdue', 'acceptance breached: focal officer + leader'),
  ('process', -576, 'assignee,focal_leader', 'email,portal,push', 0,
   'reminder_process', '80% of the 6-day SLA used (576 of 2880 left)'),
  ('process', 0, 'assignee,focal_officer,focal_leader',
   'sms,email,portal,push', 0, 'reminder_process_overdue',
   'processing breached'),
  ('approve', -120, 'leaders', 'email,portal,push', 0, 'reminder_approve',
   'two working hours before the approval deadline'),
  ('approve', 0, 'leaders,focal_leader', 'sms,email,portal,push', 0,
   'reminder_approve_overdue', 'approval breached'),
  ('clarify', 0, 'assignee,focal_leader', 'email,portal', 0,
   'reminder_clarify_overdue', 'clarification breached'),
  ('intake', 0, 'monitor', 'portal', 0, 'reminder_intake_overdue',
   'intake breached: the ICT Center monitor'),
  ('redistribute', 0, 'monitor', 'portal', 0,
   'reminder_redistribute_overdue', 'redistribution breached'),
  ('publish', 0, 'monitor', 'portal', 0, 'reminder_publish_overdue',
   'publication breached: the ICT Center monitor');
