-- 008_create_admin_tables.sql
-- Why: administration (issue 11, domain.md §15): texts that administrators
-- override without a developer (the shipped files in data/templates stay
-- the defaults), and the lineage of merged or split administrative units
-- (one old unit may have several successors, so a column is not enough;
-- admin_units.successor_id keeps the first one for simple readers).
CREATE TABLE IF NOT EXISTS templates (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  channel ENUM('sms','email','push','notice') NOT NULL,
  name VARCHAR(64) NOT NULL,               -- [a-z0-9_]+, as the file name
  lang CHAR(2) NOT NULL DEFAULT 'vi',
  body MEDIUMTEXT NOT NULL,                -- {placeholder} text
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
    ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY templates_key (channel, name, lang)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS admin_unit_successors (
  unit_id INT NOT NULL,
  successor_id INT NOT NULL,
  PRIMARY KEY (unit_id, successor_id),
  KEY (successor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
