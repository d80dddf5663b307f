-- reports_fixture.sql: cases with a known answer for t_reports.sh
-- (docs/reports.md has the figures worked out by hand). Local times are
-- UTC+07:00. The monthly report 2026-03 covers 15 Feb .. 14 Mar 2026 (Tết
-- holidays Mon 16 .. Fri 20 Feb inside it); the report is read at
-- Wed 18 Mar 2026 09:00. Cases 101 (14 Feb) and 110 (15 Mar 00:00) are just
-- outside the window.
SET @sxd = (SELECT id FROM organisations WHERE code = 'SXD');
SET @snnmt = (SELECT id FROM organisations WHERE code = 'SNNMT');
SET @qn = (SELECT id FROM organisations WHERE code = 'UBND-QN');
SET @ttcds = (SELECT id FROM organisations WHERE code = 'TTCDS');

DELIMITER //
CREATE PROCEDURE fx_case(IN i BIGINT, IN st VARCHAR(24), IN ch VARCHAR(16),
    IN recv VARCHAR(20), IN fld VARCHAR(16), IN lead INT, IN rt VARCHAR(16),
    IN dist TINYINT, IN pub VARCHAR(20), IN ret INT, IN reo INT,
    IN conf TINYINT)
BEGIN
  INSERT INTO cases (id, track_hash, state, channel, received_at,
    description, field_id, group_id, lead_org_id, confidential, rating,
    distributed_at, published_at, return_count, reopen_count, created_at,
    updated_at)
  VALUES (i, SHA2(CONCAT('tok-', i), 256), st, ch,
    CONVERT_TZ(recv, '+07:00', '+00:00'), CONCAT('Phản ánh thử ', i),
    (SELECT id FROM fields WHERE code = fld),
    (SELECT MIN(g.id) FROM report_groups g JOIN fields f ON f.id = g.field_id
      WHERE f.code = fld),
    lead, conf, rt,
    IF(dist, CONVERT_TZ(recv, '+07:00', '+00:00') + INTERVAL 1 HOUR, NULL),
    IF(pub IS NULL, NULL, CONVERT_TZ(pub, '+07:00', '+00:00')), ret, reo,
    NOW(3), NOW(3));
  INSERT INTO case_reporters (case_id, name, phone, email)
    VALUES (i, CONCAT('Người phản ánh ', i), '+84905000000',
    'nguoi@example.com');
  INSERT INTO case_events (case_id, at, kind, to_state, actor_kind, public)
    VALUES (i, CONVERT_TZ(recv, '+07:00', '+00:00'), 'submitted', 'received',
    'reporter', 1);
END //
CREATE PROCEDURE fx_timer(IN c BIGINT, IN k VARCHAR(16), IN o INT,
    IN st VARCHAR(10), IN budget INT, IN worked INT, IN due VARCHAR(20),
    IN win TINYINT)
BEGIN
  INSERT INTO case_timers (case_id, kind, org_id, started_at, budget_min,
    used_min, resumed_at, due_at, stopped_at, status, window_only)
  SELECT c, k, o, received_at, budget, worked,
    received_at, IF(due IS NULL, NULL, CONVERT_TZ(due, '+07:00', '+00:00')),
    IF(st IN ('on_time', 'late', 'cancelled'), received_at + INTERVAL 1 DAY,
    NULL), st, win
  FROM cases WHERE id = c;
END //
CREATE PROCEDURE fx_event(IN c BIGINT, IN k VARCHAR(32), IN o INT,
    IN at_local VARCHAR(20))
BEGIN
  INSERT INTO case_events (case_id, at, kind, actor_kind, actor_org_id,
    org_id, public)
  VALUES (c, CONVERT_TZ(at_local, '+07:00', '+00:00'), k, 'staff', o, o, 1);
END //
DELIMITER ;

-- 101: before the window; still in processing, overdue since 2 Mar 09:00
CALL fx_case(101, 'in_processing', 'portal', '2026-02-14 10:00', 'XD', @sxd,
  NULL, 1, NULL, 0, 0, 0);
CALL fx_timer(101, 'process', @sxd, 'running', 2880, 0, '2026-03-02 09:00', 0);
-- 102: first day (Sunday 15 Feb), answered on time, very satisfied
CALL fx_case(102, 'published', 'portal', '2026-02-15 08:00', 'XD', @sxd,
  'very_satisfied', 1, '2026-02-27 10:00', 0, 0, 0);
CALL fx_timer(102, 'intake', @ttcds, 'on_time', 60, 45, NULL, 0);
CALL fx_timer(102, 'process', @sxd, 'on_time', 2880, 1200, NULL, 0);
CALL fx_timer(102, 'approve', @sxd, 'on_time', 480, 100, NULL, 0);
CALL fx_timer(102, 'publish', @ttcds, 'on_time', 60, 30, NULL, 0);
-- 103: during Tết, answered late (processing), not satisfied
CALL fx_case(103, 'published', 'app', '2026-02-17 10:00', 'TNMT', @snnmt,
  'not_satisfied', 1, '2026-03-06 16:00', 0, 0, 0);
CALL fx_timer(103, 'intake', @ttcds, 'on_time', 60, 50, NULL, 0);
CALL fx_timer(103, 'process', @snnmt, 'late', 2400, 2600, NULL, 0);
CALL fx_timer(103, 'approve', @snnmt, 'on_time', 480, 200, NULL, 0);
CALL fx_timer(103, 'publish', @ttcds, 'on_time', 60, 20, NULL, 0);
-- 104: in processing, overdue since 10 Mar 15:00; its return window is
-- past but a window is never overdue
CALL fx_case(104, 'in_processing', 'hotline', '2026-02-28 15:00', 'XD',
  @sxd, NULL, 1, NULL, 0, 0, 0);
CALL fx_timer(104, 'intake', @ttcds, 'on_time', 60, 30, NULL, 0);
CALL fx_timer(104, 'accept', @sxd, 'on_time', 30, 10, NULL, 0);
CALL fx_timer(104, 'return', @sxd, 'running', 480, 0, '2026-03-03 08:00', 1);
CALL fx_timer(104, 'process', @sxd, 'running', 2880, 0, '2026-03-10 15:00', 0);
-- 105: returned by two agencies, escalated to the PPC
CALL fx_case(105, 'escalated', 'portal', '2026-03-01 20:00', 'GTVT', @sxd,
  NULL, 1, NULL, 2, 0, 0);
CALL fx_timer(105, 'intake', @ttcds, 'on_time', 60, 20, NULL, 0);
CALL fx_timer(105, 'redistribute', @ttcds, 'late', 60, 90, NULL, 0);
CALL fx_timer(105, 'process', @sxd, 'cancelled', 2880, 0, NULL, 0);
CALL fx_event(105, 'returned_not_competent', @sxd, '2026-03-02 10:00');
CALL fx_event(105, 'returned_not_competent', @qn, '2026-03-04 10:00');
CALL fx_event(105, 'escalated', @ttcds, '2026-03-06 10:00');
-- 106: answered on time, now being clarified after feedback
CALL fx_case(106, 'clarifying', 'portal', '2026-03-05 09:00', 'XD', @qn,
  NULL, 1, '2026-03-09 11:00', 0, 0, 0);
CALL fx_timer(106, 'intake', @ttcds, 'on_time', 60, 40, NULL, 0);
CALL fx_timer(106, 'process', @qn, 'on_time', 1920, 900, NULL, 0);
CALL fx_timer(106, 'approve', @qn, 'on_time', 480, 60, NULL, 0);
CALL fx_timer(106, 'publish', @ttcds, 'on_time', 60, 15, NULL, 0);
CALL fx_timer(106, 'clarify', @qn, 'running', 960, 0, '2026-03-20 10:00', 0);
-- 107: not accepted
CALL fx_case(107, 'not_accepted', 'hotline', '2026-03-10 10:00', 'TNMT',
  NULL, NULL, 0, NULL, 0, 0, 0);
CALL fx_timer(107, 'intake', @ttcds, 'on_time', 60, 25, NULL, 0);
-- 108: answered, publication late, satisfied, closed
CALL fx_case(108, 'closed', 'portal', '2026-03-12 11:00', 'XD', @sxd,
  'satisfied', 1, '2026-03-13 16:00', 0, 0, 0);
CALL fx_timer(108, 'intake', @ttcds, 'on_time', 60, 35, NULL, 0);
CALL fx_timer(108, 'process', @sxd, 'on_time', 2880, 300, NULL, 0);
CALL fx_timer(108, 'approve', @sxd, 'on_time', 480, 50, NULL, 0);
CALL fx_timer(108, 'publish', @ttcds, 'late', 60, 75, NULL, 0);
-- 109: last minute of the window, intake overdue since Mon 16 Mar 08:00
CALL fx_case(109, 'received', 'app', '2026-03-14 23:30', NULL, NULL, NULL,
  0, NULL, 0, 0, 0);
CALL fx_timer(109, 'intake', @ttcds, 'running', 60, 0, '2026-03-16 08:00', 0);
-- 110: first instant after the window
CALL fx_case(110, 'received', 'app', '2026-03-15 00:00', NULL, NULL, NULL,
  0, NULL, 0, 0, 0);
CALL fx_timer(110, 'intake', @ttcds, 'running', 60, 0, '2026-03-16 08:00', 0);
-- 111: confidential, delivered privately, reopened once, satisfied
CALL fx_case(111, 'delivered_privately', 'hotline', '2026-03-03 08:00', 'XD',
  @sxd, 'satisfied', 1, '2026-03-06 09:00', 0, 1, 1);
CALL fx_timer(111, 'intake', @ttcds, 'on_time', 60, 10, NULL, 0);
CALL fx_timer(111, 'process', @sxd, 'on_time', 2880, 700, NULL, 0);
CALL fx_timer(111, 'approve', @sxd, 'on_time', 480, 30, NULL, 0);
CALL fx_timer(111, 'publish', @ttcds, 'on_time', 60, 5, NULL, 0);
-- 112: during Tết; awaiting approval due today 11:00 (at risk)
CALL fx_case(112, 'awaiting_approval', 'portal', '2026-02-20 14:00', 'TNMT',
  @snnmt, NULL, 1, NULL, 0, 0, 0);
CALL fx_timer(112, 'intake', @ttcds, 'on_time', 60, 60, NULL, 0);
CALL fx_timer(112, 'process', @snnmt, 'paused', 2400, 1000, NULL, 0);
CALL fx_timer(112, 'approve', @snnmt, 'running', 480, 0, '2026-03-18 11:00', 0);

UPDATE cases SET lat = 13.776512, lng = 109.223488,
  admin_unit_id = (SELECT id FROM admin_units WHERE code = '21550')
  WHERE id IN (102, 104, 111);
UPDATE cases SET answer_published = 'Đã sửa chữa xong mặt đường.',
  notice_json = JSON_OBJECT('superior', 'UBND TỈNH GIA LAI',
  'agency', 'Sở Xây dựng', 'place_date', 'Gia Lai, ngày 27 tháng 02 năm 2026',
  'subject', 'V/v trả lời phản ánh hiện trường mã 102',
  'salutation_public', 'cá nhân', 'reporter_type', 'cá nhân',
  'opening', 'Sở Xây dựng xin thông báo kết quả xử lý phản ánh như sau:',
  'body', 'Đã sửa chữa xong mặt đường.',
  'closing', 'Chúng tôi cảm ơn cá nhân/tổ chức và mong tiếp tục nhận được phản ánh. Trân trọng!',
  'signer_title', 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
  'recipients', 'Nơi nhận: - Như trên; - Lưu: VT.')
  WHERE id IN (102, 111);

DROP PROCEDURE fx_case;
DROP PROCEDURE fx_timer;
DROP PROCEDURE fx_event;
