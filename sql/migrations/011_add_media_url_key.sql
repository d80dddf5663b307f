-- 011_add_media_url_key.sql
-- Why: media of non-public cases (confidential ones included) are shown to
-- the reporter and to staff through short-lived signed URLs, because an
-- <img> request carries no tracking token. Each file gets its own random
-- signing key, so a key never leaves the server and one leaked URL opens
-- one variant of one file until it expires (docs/media.md).
ALTER TABLE media ADD COLUMN url_key CHAR(43) NULL AFTER upload_token;
