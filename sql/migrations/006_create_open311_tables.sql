-- 006_create_open311_tables.sql
-- Why: Open311 service definitions (GeoReport v2 §4) need per-field extra
-- questions ("attributes") with one of six datatypes; they are data that
-- administrators manage, so they live in a table, not in code. One row per
-- (field, code); `ord` is the display order (1 first), unique per field.
CREATE TABLE IF NOT EXISTS field_attributes (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  field_id INT NOT NULL,
  code VARCHAR(64) NOT NULL,               -- attribute[code] in a POST
  variable TINYINT NOT NULL DEFAULT 1,     -- 0: information only
  datatype ENUM('string','number','datetime','text','singlevaluelist',
    'multivaluelist') NOT NULL,
  required TINYINT NOT NULL DEFAULT 0,
  datatype_description VARCHAR(255) NOT NULL DEFAULT '',
  ord INT NOT NULL,
  description VARCHAR(1024) NOT NULL,      -- the question shown to the user
  values_json TEXT NULL,                   -- [{"key":..,"name":..}] for lists
  active TINYINT NOT NULL DEFAULT 1,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
    ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY field_attr_code (field_id, code),
  UNIQUE KEY field_attr_ord (field_id, ord)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
