/*
 * timers.c: SQL and arithmetic of the stage clocks. Deadlines are computed
 * with the owning organisation's working calendar and stored, so history
 * never changes when a calendar does (design.md §2).
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "core/log.h"
#include "db.h"
#include "store/calendars.h"
#include "store/timers.h"

static const char SQL_CANCEL[] =
    "UPDATE case_timers SET status = 'cancelled', stopped_at = FROM_UNIXTIME(?)"
    " WHERE case_id = ? AND kind = ? AND status IN ('running','paused')";
static const char SQL_STOP[] =
    "UPDATE case_timers SET stopped_at = FROM_UNIXTIME(?), status = CASE"
    " WHEN status = 'running' AND due_at < FROM_UNIXTIME(?) THEN 'late'"
    " WHEN status = 'paused' AND used_min > budget_min THEN 'late'"
    " ELSE 'on_time' END, used_min = ?"
    " WHERE case_id = ? AND kind = ? AND status IN ('running','paused')";
static const char SQL_OPEN[] =
    "SELECT id, COALESCE(org_id, 0), UNIX_TIMESTAMP(resumed_at), used_min,"
    " budget_min FROM case_timers WHERE case_id = ? AND kind = ?"
    " AND status = ? ORDER BY id DESC LIMIT 1";
/* the open clock and the minutes it has used (reports' percentiles) */
static const char SQL_OPEN_ANY[] =
    "SELECT COALESCE(org_id, 0), UNIX_TIMESTAMP(resumed_at), used_min,"
    " status = 'running' FROM case_timers WHERE case_id = ? AND kind = ?"
    " AND status IN ('running','paused') ORDER BY id DESC LIMIT 1";
static const char SQL_PAUSE[] =
    "UPDATE case_timers SET status = 'paused', used_min = ?, due_at = NULL"
    " WHERE id = ?";
static const char SQL_RESUME[] =
    "UPDATE case_timers SET status = 'running', resumed_at = FROM_UNIXTIME(?),"
    " due_at = FROM_UNIXTIME(?) WHERE id = ?";
static const char SQL_START[] =
    "INSERT INTO case_timers (case_id, kind, org_id, started_at, budget_min,"
    " resumed_at, due_at, window_only) VALUES (?, ?, ?, FROM_UNIXTIME(?), ?,"
    " FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?)";
static const char SQL_DUE[] =
    "SELECT UNIX_TIMESTAMP(due_at) FROM case_timers WHERE case_id = ?"
    " AND kind = ? AND status = 'running' ORDER BY id DESC LIMIT 1";
static const char SQL_LIST[] =
    "SELECT t.kind, COALESCE(o.code, ''), COALESCE(o.name, ''),"
    " UNIX_TIMESTAMP(t.started_at), UNIX_TIMESTAMP(t.due_at),"
    " UNIX_TIMESTAMP(t.stopped_at), t.status, t.budget_min, t.used_min,"
    " t.window_only FROM case_timers t"
    " LEFT JOIN organisations o ON o.id = t.org_id"
    " WHERE t.case_id = ? ORDER BY t.id";

static int	timer_cancel(struct db *, const struct timer_ctx *, int);
static int	timer_stop(struct db *, const struct timer_ctx *, int);
static int	worked(struct db *, const struct timer_ctx *, int, long *);
static int	timer_pause(struct db *, const struct timer_ctx *, int);
static int	timer_resume(struct db *, const struct timer_ctx *, int);
static int	timer_start(struct db *, const struct timer_ctx *, int);
static int64_t	owner_org(const struct timer_ctx *, int);
static int	budget(const struct timer_ctx *, int);

int
store_timers_apply(struct db *db, const struct timer_ctx *tc,
    const struct wf_transition *t)
{
	int	k;

	for (k = 0; k < WF_TIMER_COUNT; k++)
		if ((t->t_cancel & WF_TBIT(k)) && timer_cancel(db, tc, k) == -1)
			return -1;
	for (k = 0; k < WF_TIMER_COUNT; k++)
		if ((t->t_stop & WF_TBIT(k)) && timer_stop(db, tc, k) == -1)
			return -1;
	for (k = 0; k < WF_TIMER_COUNT; k++)
		if ((t->t_pause & WF_TBIT(k)) && timer_pause(db, tc, k) == -1)
			return -1;
	for (k = 0; k < WF_TIMER_COUNT; k++)
		if ((t->t_resume & WF_TBIT(k)) && timer_resume(db, tc, k) == -1)
			return -1;
	for (k = 0; k < WF_TIMER_COUNT; k++)
		if ((t->t_start & WF_TBIT(k)) && timer_start(db, tc, k) == -1)
			return -1;
	return 0;
}

int
store_timer_due(struct db *db, int64_t case_id, enum wf_timer k, time_t *due)
{
	const struct db_param	p[] = { DB_I64(case_id),
	    DB_TEXT(wf_timer_name(k)) };
	int64_t			v = 0;
	int			rc;

	rc = db_query_i64(db, SQL_DUE, p, NITEMS(p), &v);
	*due = rc == 0 ? (time_t)v : 0;
	return rc == -1 ? -1 : 0;
}

int
store_timers_json(struct db *db, int64_t case_id, time_t now, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(case_id) };
	struct db_res		*r = NULL;
	json_t			*arr, *o;
	const char		*st;

	if (db_query(db, SQL_LIST, p, NITEMS(p), &r) == -1)
		return -1;
	arr = json_array();
	while (db_res_next(r)) {
		st = db_res_str(r, 6);
		if (strcmp(st, "running") == 0 && !db_res_isnull(r, 4) &&
		    !db_res_i64(r, 9) && db_res_i64(r, 4) < now)
			st = "overdue";
		o = json_pack("{s:s, s:s, s:s, s:I, s:s, s:i, s:b}",
		    "stage", db_res_str(r, 0), "org", db_res_str(r, 1),
		    "org_name", db_res_str(r, 2),
		    "started_at", (json_int_t)db_res_i64(r, 3), "status", st,
		    "budget_min", (int)db_res_i64(r, 7),
		    "window", (int)db_res_i64(r, 9));
		json_object_set_new(o, "due_at", db_res_isnull(r, 4) ?
		    json_null() : json_integer(db_res_i64(r, 4)));
		json_object_set_new(o, "stopped_at", db_res_isnull(r, 5) ?
		    json_null() : json_integer(db_res_i64(r, 5)));
		json_array_append_new(arr, o);
	}
	db_res_free(r);
	*out = arr;
	return 0;
}

static int
timer_cancel(struct db *db, const struct timer_ctx *tc, int k)
{
	const struct db_param p[] = { DB_I64(tc->now), DB_I64(tc->case_id),
	    DB_TEXT(wf_timer_name(k)) };

	return db_exec(db, SQL_CANCEL, p, NITEMS(p));
}

/* Stopping also records in used_min all the working minutes the clock
 * consumed (paused time excluded), for the reports' percentiles. */
static int
timer_stop(struct db *db, const struct timer_ctx *tc, int k)
{
	long	w = -1;

	if (worked(db, tc, k, &w) == -1)
		return -1;
	{
		const struct db_param p[] = { DB_I64(tc->now), DB_I64(tc->now),
		    DB_I64(w), DB_I64(tc->case_id),
		    DB_TEXT(wf_timer_name(k)) };

		return w < 0 ? 0 : db_exec(db, SQL_STOP, p, NITEMS(p));
	}
}

/* *w = minutes used by the open clock k until now; -1 if none is open. */
static int
worked(struct db *db, const struct timer_ctx *tc, int k, long *w)
{
	const struct db_param	 p[] = { DB_I64(tc->case_id),
	    DB_TEXT(wf_timer_name(k)) };
	struct db_res		*r = NULL;
	const struct cal	*cal;
	long			 run = 0;
	int			 rc = -1;

	*w = -1;
	if (db_query(db, SQL_OPEN_ANY, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 0;
	if (!db_res_next(r))
		goto out;
	if (db_res_i64(r, 3) && (store_calendar_for_org(db, db_res_i64(r, 0),
	    &cal) == -1 || cal_working_between(cal, (time_t)db_res_i64(r, 1),
	    tc->now, &run) == -1))
		rc = -1;
	*w = (long)db_res_i64(r, 2) + run;
out:
	db_res_free(r);
	return rc;
}

/* Pausing banks the working minutes used since the last (re)start. */
static int
timer_pause(struct db *db, const struct timer_ctx *tc, int k)
{
	const struct db_param	 p[] = { DB_I64(tc->case_id),
	    DB_TEXT(wf_timer_name(k)), DB_TEXT("running") };
	struct db_res		*r = NULL;
	const struct cal	*cal;
	long			 used = 0;
	int			 rc = -1;

	if (db_query(db, SQL_OPEN, p, NITEMS(p), &r) == -1)
		goto out;
	if (!db_res_next(r)) {
		rc = 0;
		goto out;
	}
	if (store_calendar_for_org(db, db_res_i64(r, 1), &cal) == -1 ||
	    cal_working_between(cal, (time_t)db_res_i64(r, 2), tc->now,
	    &used) == -1)
		goto out;
	{
		const struct db_param u[] = {
		    DB_I64(db_res_i64(r, 3) + used), DB_I64(db_res_i64(r, 0)) };

		rc = db_exec(db, SQL_PAUSE, u, NITEMS(u));
	}
out:
	db_res_free(r);
	return rc;
}

/* Resuming continues with the remaining budget (B7); none left = due now. */
static int
timer_resume(struct db *db, const struct timer_ctx *tc, int k)
{
	const struct db_param	 p[] = { DB_I64(tc->case_id),
	    DB_TEXT(wf_timer_name(k)), DB_TEXT("paused") };
	struct db_res		*r = NULL;
	const struct cal	*cal;
	long			 left;
	time_t			 due = tc->now;
	int			 rc = -1;

	if (db_query(db, SQL_OPEN, p, NITEMS(p), &r) == -1)
		goto out;
	if (!db_res_next(r)) {
		rc = 0;
		goto out;
	}
	left = (long)(db_res_i64(r, 4) - db_res_i64(r, 3));
	if (store_calendar_for_org(db, db_res_i64(r, 1), &cal) == -1 ||
	    (left > 0 && cal_add_working(cal, tc->now, left, &due) == -1))
		goto out;
	{
		const struct db_param u[] = { DB_I64(tc->now), DB_I64(due),
		    DB_I64(db_res_i64(r, 0)) };

		rc = db_exec(db, SQL_RESUME, u, NITEMS(u));
	}
out:
	db_res_free(r);
	return rc;
}

static int
timer_start(struct db *db, const struct timer_ctx *tc, int k)
{
	const struct wf_timer_def	*defs;
	const struct cal		*cal;
	size_t				 n;
	int64_t				 org = owner_org(tc, k);
	int				 b = budget(tc, k);
	time_t				 due;

	defs = wf_timers(&n);
	/* a new case has no clock to cancel: skip the UPDATE (and its locks) */
	if ((!tc->fresh && timer_cancel(db, tc, k) == -1) ||
	    store_calendar_for_org(db, org, &cal) == -1 ||
	    cal_add_working(cal, tc->start_at, b, &due) == -1)
		return -1;
	{
		const struct db_param p[] = { DB_I64(tc->case_id),
		    DB_TEXT(wf_timer_name(k)), DB_ID(org),
		    DB_I64(tc->start_at), DB_I64(b), DB_I64(tc->start_at),
		    DB_I64(due), DB_I64(defs[k].window) };

		return db_exec(db, SQL_START, p, NITEMS(p));
	}
}

static int64_t
owner_org(const struct timer_ctx *tc, int k)
{
	size_t				 n;
	const struct wf_timer_def	*defs = wf_timers(&n);

	switch (defs[k].owner) {
	case WF_OWNER_AGENCY:
		return tc->agency_org ? tc->agency_org : tc->center_org;
	default:
		return tc->center_org;
	}
}

static int
budget(const struct timer_ctx *tc, int k)
{
	size_t				 n;
	const struct wf_timer_def	*defs = wf_timers(&n);

	if (k == WF_T_PROCESS && tc->process_minutes > 0 &&
	    tc->process_minutes < defs[k].limit_min)
		return tc->process_minutes;
	if (k == WF_T_SUPPLEMENT && tc->supplement_minutes > 0)
		return tc->supplement_minutes;
	if (k == WF_T_CLARIFY && tc->clarify_minutes > 0)
		return tc->clarify_minutes;
	return defs[k].limit_min;
}
