/*
 * reminders.c: SQL of reminder_rules and reminder_log, the firing
 * transaction, the firing rule itself (working minutes) and the overdue
 * list. See reminders.h and docs/notifications.md.
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "db.h"
#include "store/calendars.h"
#include "store/reminders.h"

/* Pairs not logged yet. A rule after breach waits for due <= now. */
static const char SQL_DUE[] =
    "SELECT t.id, r.id, t.case_id, COALESCE(t.org_id, 0), t.kind,"
    " r.offset_min, r.urgent, UNIX_TIMESTAMP(t.due_at), r.template"
    " FROM case_timers t JOIN reminder_rules r ON r.stage = t.kind"
    " AND r.active = 1"
    " WHERE t.status = 'running' AND t.window_only = 0"
    " AND t.due_at IS NOT NULL"
    " AND (r.offset_min < 0 OR t.due_at <= FROM_UNIXTIME(?))"
    " AND NOT EXISTS (SELECT 1 FROM reminder_log l"
    "  WHERE l.timer_id = t.id AND l.rule_id = r.id)"
    " ORDER BY t.due_at, t.id, r.id LIMIT ?";
/* The claim: only while the clock runs with the due time we judged. */
static const char SQL_LOG[] =
    "INSERT IGNORE INTO reminder_log (timer_id, rule_id, fired_at, queued,"
    " skipped) SELECT t.id, ?, FROM_UNIXTIME(?), 0, ? FROM case_timers t"
    " WHERE t.id = ? AND t.status = 'running'"
    " AND t.due_at = FROM_UNIXTIME(?)";
static const char SQL_LOG_COUNT[] =
    "UPDATE reminder_log SET queued = ? WHERE timer_id = ? AND rule_id = ?";
/*
 * One row per (recipient user, channel of the rule that is also in the
 * channel list given). Recipients are the union of the rule's sets; a
 * user in several sets gets one row per channel.
 */
static const char SQL_QUEUE[] =
    "INSERT INTO notifications (case_id, event_id, channel,"
    " recipient_user_id, recipient_org_id, recipient_addr, template, lang,"
    " payload_json, next_attempt_at, created_at, updated_at)"
    " SELECT t.case_id, NULL, x.ch, u.id, u.org_id,"
    "  CASE x.ch WHEN 'sms' THEN u.phone WHEN 'email' THEN u.email"
    "  ELSE NULL END, r.template, 'vi', ?, FROM_UNIXTIME(?),"
    "  FROM_UNIXTIME(?), FROM_UNIXTIME(?)"
    " FROM case_timers t JOIN cases c ON c.id = t.case_id"
    " JOIN reminder_rules r ON r.id = ?"
    " LEFT JOIN organisations o ON o.id = t.org_id"
    " JOIN users u ON u.active = 1"
    " JOIN (SELECT 'portal' AS ch UNION ALL SELECT 'email'"
    "  UNION ALL SELECT 'sms' UNION ALL SELECT 'push') x"
    "  ON FIND_IN_SET(x.ch, r.channels) AND FIND_IN_SET(x.ch, ?)"
    " WHERE t.id = ?"
    " AND ((FIND_IN_SET('assignee', r.recipients) AND u.id = c.assignee_id)"
    "  OR (FIND_IN_SET('officers', r.recipients) AND u.org_id = t.org_id"
    "   AND FIND_IN_SET('officer', u.roles))"
    "  OR (FIND_IN_SET('focal_officer', r.recipients)"
    "   AND u.id = o.focal_officer_id)"
    "  OR (FIND_IN_SET('focal_leader', r.recipients)"
    "   AND u.id = o.focal_leader_id)"
    "  OR (FIND_IN_SET('leaders', r.recipients) AND u.org_id = t.org_id"
    "   AND FIND_IN_SET('leader', u.roles))"
    "  OR (FIND_IN_SET('monitor', r.recipients) AND u.org_id = ?"
    "   AND FIND_IN_SET('monitor', u.roles)))"
    " AND (x.ch <> 'sms' OR u.phone IS NOT NULL)"
    " AND (x.ch <> 'email' OR u.email IS NOT NULL)";
static const char SQL_OVERDUE[] =
    "SELECT c.id, c.state, t.kind, UNIX_TIMESTAMP(t.due_at),"
    " COALESCE(t.org_id, 0), o.code, o.name, u.display_name,"
    " COUNT(*) OVER ()"
    " FROM case_timers t JOIN cases c ON c.id = t.case_id"
    " LEFT JOIN organisations o ON o.id = t.org_id"
    " LEFT JOIN users u ON u.id = c.assignee_id"
    " WHERE t.status = 'running' AND t.window_only = 0"
    " AND t.due_at < FROM_UNIXTIME(?) AND (? = 0 OR t.org_id = ?)"
    " ORDER BY t.due_at, t.id LIMIT ? OFFSET ?";

static int	queue_rows(struct db *, const struct reminder_due *,
		    const struct reminder_fire *, const char *, time_t, int *);
static json_t	*overdue_item(struct db *, const struct db_res *, time_t);
static json_t	*str_or_null(const struct db_res *, size_t);

int
store_reminders_due(struct db *db, time_t now, struct reminder_due *rows,
    size_t max, size_t *n)
{
	const struct db_param	 p[] = { DB_I64(now), DB_I64(max) };
	struct db_res		*r = NULL;
	struct reminder_due	*d;

	*n = 0;
	if (db_query(db, SQL_DUE, p, NITEMS(p), &r) == -1)
		return -1;
	while (*n < max && db_res_next(r)) {
		d = &rows[(*n)++];
		memset(d, 0, sizeof(*d));
		d->timer_id = db_res_i64(r, 0);
		d->rule_id = db_res_i64(r, 1);
		d->case_id = db_res_i64(r, 2);
		d->org_id = db_res_i64(r, 3);
		snprintf(d->stage, sizeof(d->stage), "%s", db_res_str(r, 4));
		d->offset_min = (int)db_res_i64(r, 5);
		d->urgent = db_res_i64(r, 6) != 0;
		d->due = (time_t)db_res_i64(r, 7);
		snprintf(d->tmpl, sizeof(d->tmpl), "%s", db_res_str(r, 8));
	}
	db_res_free(r);
	return 0;
}

int
store_reminder_verdict(const struct cal *cal, time_t now, time_t due,
    int offset_min, enum reminder_verdict *out)
{
	long	m;

	*out = REMINDER_WAIT;
	if (offset_min < 0) {
		if (now >= due) {
			*out = REMINDER_SKIP;
			return 0;
		}
		if (cal_working_between(cal, now, due, &m) == -1)
			return -1;
		if (m <= -(long)offset_min)
			*out = REMINDER_FIRE;
		return 0;
	}
	if (now < due)
		return 0;
	if (cal_working_between(cal, due, now, &m) == -1)
		return -1;
	if (m >= (long)offset_min)
		*out = REMINDER_FIRE;
	return 0;
}

int
store_reminder_fire(struct db *db, const struct reminder_due *d,
    const struct reminder_fire *f, int *queued)
{
	const struct db_param	lp[] = { DB_I64(d->rule_id), DB_I64(f->now),
	    DB_I64(f->skip ? 1 : 0), DB_I64(d->timer_id), DB_I64(d->due) };
	int			now_rows = 0, buzz_rows = 0;

	*queued = 0;
	if (db_begin(db) == -1)
		return -1;
	if (db_exec(db, SQL_LOG, lp, NITEMS(lp)) == -1)
		goto fail;
	if (db_affected(db) == 0) {
		db_rollback(db);
		return 1;
	}
	if (!f->skip && (queue_rows(db, d, f, "portal,email", f->now,
	    &now_rows) == -1 || queue_rows(db, d, f, "sms,push", f->buzz_at,
	    &buzz_rows) == -1))
		goto fail;
	*queued = now_rows + buzz_rows;
	{
		const struct db_param	cp[] = { DB_I64(*queued),
		    DB_I64(d->timer_id), DB_I64(d->rule_id) };

		if (db_exec(db, SQL_LOG_COUNT, cp, NITEMS(cp)) == -1)
			goto fail;
	}
	if (db_commit(db) == -1)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	*queued = 0;
	return -1;
}

int
store_overdue_list(struct db *db, int64_t org_id, time_t now, int page,
    int size, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(now), DB_I64(org_id),
	    DB_I64(org_id), DB_I64(size), DB_I64((int64_t)(page - 1) * size) };
	struct db_res		*r = NULL;
	json_t			*items, *it;
	json_int_t		 total = 0;

	*out = NULL;
	if (db_query(db, SQL_OVERDUE, p, NITEMS(p), &r) == -1)
		return -1;
	items = json_array();
	while (db_res_next(r)) {
		total = (json_int_t)db_res_i64(r, 8);
		it = overdue_item(db, r, now);
		if (it == NULL) {
			json_decref(items);
			db_res_free(r);
			return -1;
		}
		json_array_append_new(items, it);
	}
	db_res_free(r);
	*out = json_pack("{s:o, s:I, s:i, s:i, s:I}", "items", items, "total",
	    total, "page", page, "page_size", size, "now", (json_int_t)now);
	return *out != NULL ? 0 : -1;
}

/* INSERT … SELECT for the channels in `only`, due at `at`. */
static int
queue_rows(struct db *db, const struct reminder_due *d,
    const struct reminder_fire *f, const char *only, time_t at, int *rows)
{
	const struct db_param	p[] = { DB_TEXT(f->payload), DB_I64(at),
	    DB_I64(f->now), DB_I64(f->now), DB_I64(d->rule_id), DB_TEXT(only),
	    DB_I64(d->timer_id), DB_I64(f->center_org) };

	*rows = 0;
	if (db_exec(db, SQL_QUEUE, p, NITEMS(p)) == -1)
		return -1;
	*rows = (int)db_affected(db);
	return 0;
}

/* One row of SQL_OVERDUE as JSON, overdue time in working minutes of the
 * accountable organisation's calendar. NULL on a calendar error. */
static json_t *
overdue_item(struct db *db, const struct db_res *r, time_t now)
{
	const struct cal	*cal = NULL;
	time_t			 due = (time_t)db_res_i64(r, 3);
	long			 mins = 0, day = 0;
	int			 ymd = 0;
	json_t			*agency;

	if (store_calendar_for_org(db, db_res_i64(r, 4), &cal) == -1 ||
	    cal_working_between(cal, due, now, &mins) == -1)
		return NULL;
	if (cal_local_ymd(cal, due, &ymd) == -1 ||
	    cal_day_length(cal, ymd, &day) == -1 || day <= 0)
		day = 480;
	agency = db_res_isnull(r, 5) ? json_null() : json_pack("{s:s, s:s}",
	    "code", db_res_str(r, 5), "name", db_res_str(r, 6));
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:I, s:I, s:I}",
	    "code", db_res_str(r, 0), "state", db_res_str(r, 1),
	    "stage", db_res_str(r, 2), "agency", agency,
	    "assignee", str_or_null(r, 7), "due_at", (json_int_t)due,
	    "overdue_minutes", (json_int_t)mins,
	    "overdue_days", (json_int_t)(mins / day));
}

static json_t *
str_or_null(const struct db_res *r, size_t col)
{
	return db_res_isnull(r, col) ? json_null() :
	    json_string(db_res_str(r, col));
}
