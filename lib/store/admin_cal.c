/*
 * admin_cal.c: calendar texts (validation, the "which deadlines would this
 * change affect" preview, which never changes a stored deadline) and the
 * values of a real case for template previews.
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "db.h"
#include "store/admin_int.h"
#include "store/calendars.h"
#include "store/ref.h"

static const char SQL_CAL_ID[] = "SELECT id FROM calendars WHERE code = ?";
static const char SQL_RUNNING[] =
    "SELECT t.case_id, t.kind, COALESCE(o.code, ''),"
    " UNIX_TIMESTAMP(t.resumed_at), t.budget_min - t.used_min,"
    " UNIX_TIMESTAMP(t.due_at) FROM case_timers t"
    " LEFT JOIN organisations o ON o.id = t.org_id"
    " WHERE t.status = 'running' AND t.due_at IS NOT NULL"
    " AND COALESCE(o.calendar_id, (SELECT c.id FROM calendars c"
    "  JOIN settings s ON s.name = 'default_calendar' AND s.value = c.code))"
    " = ? ORDER BY t.due_at, t.id";
static const char SQL_CASE_VARS[] =
    "SELECT c.id, c.state, COALESCE(f.name_vi, fs.name_vi, ''),"
    " COALESCE(g.name_vi, ''), COALESCE(c.address, ''),"
    " COALESCE(o.name, ''), UNIX_TIMESTAMP(c.received_at),"
    " (SELECT UNIX_TIMESTAMP(MIN(t.due_at)) FROM case_timers t"
    "  WHERE t.case_id = c.id AND t.status = 'running'),"
    " COALESCE(c.answer_published, c.answer_leader, c.answer_officer, ''),"
    " COALESCE(c.lead_org_id, 0)"
    " FROM cases c LEFT JOIN fields f ON f.id = c.field_id"
    " LEFT JOIN fields fs ON fs.id = c.field_suggested_id"
    " LEFT JOIN report_groups g ON g.id = c.group_id"
    " LEFT JOIN organisations o ON o.id = c.lead_org_id WHERE c.id = ?";

static void	local_time(const struct cal *, time_t, char *, size_t);
static void	add_setting(struct db *, json_t *, const char *);

int
store_adm_calendar_check(const char *body, struct adm_err *e)
{
	struct cal	*c;
	struct cal_err	 ce;
	int		 rc;

	if (body == NULL) {
		adm_fail(e, 422, "required", "body", "a calendar text is "
		    "required");
		return -1;
	}
	c = cal_new();
	if (c == NULL)
		return adm_dberr(e);
	memset(&ce, 0, sizeof(ce));
	rc = cal_load_text(c, body, &ce);
	cal_free(c);
	if (rc == 0)
		return 0;
	adm_fail(e, 422, "calendar_invalid", "body", "line %d: %s", ce.line,
	    ce.msg);
	e->line = ce.line;
	return -1;
}

int
store_adm_calendar_preview(struct db *db, const char *code, const char *body,
    time_t now, int sample_max, json_t **out, struct adm_err *e)
{
	struct cal	*c = NULL;
	struct cal_err	 ce;
	struct db_res	*r = NULL;
	json_t		*sample = json_array();
	int64_t		 cal_id;
	time_t		 due, nd;
	int		 count = 0, checked = 0, rc = -1;

	memset(e, 0, sizeof(*e));
	if (store_adm_calendar_check(body, e) == -1)
		goto out;
	if (adm_ref_id(db, SQL_CAL_ID, code, &cal_id) != 0) {
		adm_fail(e, 404, "not_found", NULL, "no calendar %s", code);
		goto out;
	}
	c = cal_new();
	if (c == NULL || cal_load_text(c, body, &ce) == -1) {
		adm_dberr(e);
		goto out;
	}
	{
		const struct db_param p[] = { DB_I64(cal_id) };

		if (db_query(db, SQL_RUNNING, p, NITEMS(p), &r) == -1) {
			adm_dberr(e);
			goto out;
		}
	}
	while (db_res_next(r)) {
		checked++;
		due = (time_t)db_res_i64(r, 5);
		nd = (time_t)db_res_i64(r, 3);
		if (db_res_i64(r, 4) > 0 && cal_add_working(c, nd,
		    (long)db_res_i64(r, 4), &nd) == -1)
			continue;	/* no working time: not comparable */
		if (nd == due || (due < now && nd < now))
			continue;
		if (count++ < sample_max)
			json_array_append_new(sample, json_pack("{s:s, s:s, "
			    "s:s, s:I, s:I}", "case", db_res_str(r, 0),
			    "stage", db_res_str(r, 1), "org", db_res_str(r, 2),
			    "due_at", (json_int_t)due, "new_due_at",
			    (json_int_t)nd));
	}
	*out = json_pack("{s:i, s:i, s:O}", "count", count, "checked", checked,
	    "sample", sample);
	rc = 0;
out:
	db_res_free(r);
	cal_free(c);
	json_decref(sample);
	return rc;
}

int
store_adm_case_vars(struct db *db, int64_t id, time_t now, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	const struct cal	*cal = NULL;
	char			 t1[32], t2[32], t3[32];
	json_t			*o;

	if (db_query(db, SQL_CASE_VARS, p, NITEMS(p), &r) == -1)
		return -1;
	if (!db_res_next(r)) {
		db_res_free(r);
		return 1;
	}
	if (store_calendar_for_org(db, db_res_i64(r, 9), &cal) == -1)
		cal = NULL;
	local_time(cal, (time_t)db_res_i64(r, 6), t1, sizeof(t1));
	local_time(cal, db_res_isnull(r, 7) ? 0 : (time_t)db_res_i64(r, 7),
	    t2, sizeof(t2));
	local_time(cal, now, t3, sizeof(t3));
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s}", "code", db_res_str(r, 0), "codes",
	    db_res_str(r, 0), "count", "1", "state", db_res_str(r, 1),
	    "field", db_res_str(r, 2), "group", db_res_str(r, 3),
	    "place", db_res_str(r, 4), "agency", db_res_str(r, 5),
	    "time", t1, "deadline", t2, "date", strlen(t3) > 6 ? t3 + 6 : "", "answer",
	    db_res_str(r, 8), "reason", "");
	db_res_free(r);
	add_setting(db, o, "province_name");
	add_setting(db, o, "place_name");
	add_setting(db, o, "portal_name");
	add_setting(db, o, "track_url");
	*out = o;
	return o == NULL ? -1 : 0;
}

/* "HH:MM dd/mm/yyyy" in the calendar's local time (UTC+7 without one);
 * "" for 0. */
static void
local_time(const struct cal *c, time_t t, char *out, size_t sz)
{
	struct tm	tm;
	time_t		l;

	out[0] = '\0';
	if (t == 0)
		return;
	l = t + (time_t)(c != NULL ? cal_utc_offset(c) : 420) * 60;
	if (gmtime_r(&l, &tm) == NULL || strftime(out, sz, "%H:%M %d/%m/%Y",
	    &tm) == 0)
		out[0] = '\0';
}

static void
add_setting(struct db *db, json_t *o, const char *name)
{
	char	v[512];

	if (store_setting_get(db, name, v, sizeof(v)) != 0)
		v[0] = '\0';
	json_object_set_new(o, name, json_string(v));
}
