-- 013_create_agency_field_deadlines.sql
-- Why: the regulation lets each agency set its processing deadline per
-- field (issue 11 item 3, domain.md §14), within the cap of 6 working days
-- (2880 working minutes). organisations.process_minutes stays the agency's
-- default; a row here overrides it for cases of one field. The processing
-- clock reads it when it starts (lib/store/case_act.c); clocks already
-- running keep the budget they started with. `id` names the row in the
-- administration API and the audit log; (org_id, field_id) is unique.
CREATE TABLE IF NOT EXISTS agency_field_deadlines (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id INT NOT NULL,                     -- organisations.id
  field_id INT NOT NULL,                   -- fields.id
  process_minutes INT NOT NULL,            -- 60..2880 working minutes
  UNIQUE KEY agency_field_deadlines_key (org_id, field_id),
  KEY (field_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Why (second, idempotent statement): administrators override the Facebook
-- texts (jobd/fbsend.c) like the other channels' (issue 11 item 4), so the
-- templates table needs that channel. Re-running it changes nothing. (If the
-- lead prefers one DDL change per file, this moves to its own number.)
ALTER TABLE templates MODIFY channel
  ENUM('sms','email','push','notice','facebook') NOT NULL;
