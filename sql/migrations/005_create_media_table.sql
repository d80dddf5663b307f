-- 005_create_media_table.sql
-- Why: photos and videos of a report (issue 6): files live on disk under
-- content-addressed names; this table holds their metadata, the EXIF time
-- and place offered as suggestions, and whether staff hid one from the
-- public (a face, a licence plate).
CREATE TABLE IF NOT EXISTS media (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id BIGINT UNSIGNED NULL,            -- NULL until the report is sent
  upload_token CHAR(64) NULL,              -- sha256 of the uploader's token
  sha256 CHAR(64) NOT NULL,                -- content address of the original
  kind ENUM('image','video') NOT NULL,
  mime VARCHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  width INT NULL,
  height INT NULL,
  duration_ms INT NULL,
  exif_time DATETIME NULL,
  exif_lat DECIMAL(9,6) NULL,
  exif_lng DECIMAL(9,6) NULL,
  role ENUM('report','evidence','answer') NOT NULL DEFAULT 'report',
  hidden TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  KEY (case_id),
  KEY (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
