/*
 * stats_lists.c: the case lists of a report (currently overdue, completed
 * late, not conclusively resolved, escalated), wrong-jurisdiction returns
 * per agency, and working-time percentiles per stage. Read directly from
 * the case tables (small result sets; indexes of migrations 004 and 013).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/log.h"
#include "db.h"
#include "store/calendars.h"
#include "store/stats.h"

#define IN_WINDOW(x)	x " >= TIMESTAMP(?) - INTERVAL 7 HOUR AND " x \
			" < TIMESTAMP(?) + INTERVAL 17 HOUR"
#define OVERDUE		"t.status = 'running' AND t.window_only = 0" \
			" AND t.due_at < FROM_UNIXTIME(?)"
#define DAY_MIN		480	/* a working day, for "days overdue" */
#define CAL_CACHE	32	/* calendars remembered during one list */

/* Currently overdue clocks of cases received up to the window's end (or,
 * with cohort = 1, within the window); agency scope: its clocks or cases. */
static const char SQL_OVERDUE[] =
    "SELECT c.id, t.kind, COALESCE(o.code, ''), COALESCE(o.name, ''),"
    " UNIX_TIMESTAMP(t.due_at), COALESCE(t.org_id, 0), c.state"
    " FROM case_timers t JOIN cases c ON c.id = t.case_id"
    " LEFT JOIN organisations o ON o.id = t.org_id WHERE " OVERDUE
    " AND c.received_at < TIMESTAMP(?) + INTERVAL 17 HOUR"
    " AND (? = 0 OR c.received_at >= TIMESTAMP(?) - INTERVAL 7 HOUR)"
    " AND (? = 0 OR t.org_id = ? OR c.lead_org_id = ?)"
    " ORDER BY t.due_at, c.id LIMIT ?";
static const char SQL_OVERDUE_COUNT[] =
    "SELECT COUNT(DISTINCT t.case_id) FROM case_timers t"
    " JOIN cases c ON c.id = t.case_id WHERE " OVERDUE
    " AND c.received_at < TIMESTAMP(?) + INTERVAL 17 HOUR"
    " AND (? = 0 OR c.received_at >= TIMESTAMP(?) - INTERVAL 7 HOUR)"
    " AND (? = 0 OR t.org_id = ? OR c.lead_org_id = ?)";
static const char SQL_OVERDUE_AGENCY[] =
    "SELECT COALESCE(o.code, ''), COALESCE(o.name, ''),"
    " COUNT(DISTINCT t.case_id) FROM case_timers t"
    " JOIN cases c ON c.id = t.case_id"
    " LEFT JOIN organisations o ON o.id = t.org_id WHERE " OVERDUE
    " AND c.received_at < TIMESTAMP(?) + INTERVAL 17 HOUR"
    " AND (? = 0 OR t.org_id = ?) GROUP BY t.org_id";
static const char SQL_STAGE_OVERDUE[] =
    "SELECT t.kind, COUNT(*) FROM cases c"
    " JOIN case_timers t ON t.case_id = c.id"
    " WHERE " IN_WINDOW("c.received_at") " AND " OVERDUE
    " AND (? = 0 OR t.org_id = ?) GROUP BY t.kind";
static const char SQL_LATE[] =
    "SELECT c.id, t.kind, COALESCE(o.code, ''), COALESCE(o.name, ''),"
    " UNIX_TIMESTAMP(t.due_at), UNIX_TIMESTAMP(t.stopped_at),"
    " t.used_min, t.budget_min"
    " FROM cases c JOIN case_timers t ON t.case_id = c.id"
    " LEFT JOIN organisations o ON o.id = t.org_id"
    " WHERE " IN_WINDOW("c.received_at") " AND t.status = 'late'"
    " AND (? = 0 OR t.org_id = ?) ORDER BY c.id, t.id LIMIT ?";
static const char SQL_NCR[] =
    "SELECT c.id, c.state, COALESCE(o.code, ''), COALESCE(o.name, ''),"
    " COALESCE(c.rating, ''), c.reopen_count, c.return_count,"
    " EXISTS (SELECT 1 FROM case_events e WHERE e.kind = 'escalated'"
    "  AND e.case_id = c.id) AS esc"
    " FROM cases c LEFT JOIN organisations o ON o.id = c.lead_org_id"
    " WHERE " IN_WINDOW("c.received_at")
    " AND (? = 0 OR c.lead_org_id = ?) AND (c.rating = 'not_satisfied'"
    " OR c.state IN ('clarifying','clarify_approval','clarify_approved')"
    " OR c.reopen_count > 0 OR c.return_count > 1"
    " OR EXISTS (SELECT 1 FROM case_events e WHERE e.kind = 'escalated'"
    "  AND e.case_id = c.id)) ORDER BY c.id LIMIT ?";
static const char SQL_ESCALATED[] =
    "SELECT c.id, c.state, COALESCE(o.code, ''), COALESCE(o.name, ''),"
    " UNIX_TIMESTAMP(MIN(e.at)) FROM cases c"
    " JOIN case_events e ON e.case_id = c.id AND e.kind = 'escalated'"
    " LEFT JOIN organisations o ON o.id = c.lead_org_id"
    " WHERE " IN_WINDOW("c.received_at") " AND (? = 0 OR c.lead_org_id = ?)"
    " GROUP BY c.id ORDER BY c.id LIMIT ?";
static const char SQL_RETURNS[] =
    "SELECT COALESCE(o.code, ''), COALESCE(o.name, ''), COUNT(*)"
    " FROM cases c JOIN case_events e ON e.case_id = c.id"
    " AND e.kind = 'returned_not_competent'"
    " LEFT JOIN organisations o ON o.id = e.actor_org_id"
    " WHERE " IN_WINDOW("c.received_at") " AND (? = 0 OR e.actor_org_id = ?)"
    " GROUP BY e.actor_org_id ORDER BY 3 DESC, 1";
static const char SQL_WORKED[] =
    "SELECT t.kind, t.used_min FROM cases c"
    " JOIN case_timers t ON t.case_id = c.id"
    " WHERE " IN_WINDOW("c.received_at") " AND t.status IN ('on_time','late')"
    " AND (? = 0 OR t.org_id = ?) ORDER BY t.kind, t.used_min";

static void	days(const struct stats_scope *, char *, char *);
static long	overdue_min(struct db *, int64_t, time_t, time_t);
static int	late_json(struct db *, const struct stats_scope *, json_t **);
static int	ncr_json(struct db *, const struct stats_scope *, json_t **);
static int	escalated_json(struct db *, const struct stats_scope *,
		    json_t **);
static int	returns_json(struct db *, const struct stats_scope *,
		    json_t **);
static int	stage_extras(struct db *, const struct stats_scope *,
		    json_t *);
static int	percentiles(struct db *, const struct stats_scope *,
		    json_t *);
static void	set_pct(json_t *, const char *, const double *, size_t);
static json_t	*stage_row(json_t *, const char *);
static int	agency_overdue(struct db *, const struct stats_scope *,
		    json_t *);

int
store_stats_lists(struct db *db, const struct stats_scope *sc, json_t *rep)
{
	json_t	*l;
	int64_t	n = 0;

	if (store_stats_overdue(db, sc, 0, STATS_LIST_MAX, &l, &n) == -1)
		return -1;
	json_object_set_new(rep, "overdue", l);
	json_object_set_new(json_object_get(rep, "totals"), "overdue",
	    json_integer(n));
	if (late_json(db, sc, &l) == -1)
		return -1;
	json_object_set_new(rep, "late", l);
	if (ncr_json(db, sc, &l) == -1)
		return -1;
	json_object_set_new(rep, "ncr", l);
	if (escalated_json(db, sc, &l) == -1)
		return -1;
	json_object_set_new(rep, "escalated", l);
	if (returns_json(db, sc, &l) == -1)
		return -1;
	json_object_set_new(rep, "returns", l);
	if (agency_overdue(db, sc, json_object_get(rep, "by_agency")) == -1)
		return -1;
	return stage_extras(db, sc, json_object_get(rep, "stages"));
}

int
store_stats_overdue(struct db *db, const struct stats_scope *sc, int cohort,
    int limit, json_t **out, int64_t *count)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*arr;
	long		 m;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_I64(sc->as_of), DB_TEXT(b),
		    DB_I64(cohort), DB_TEXT(a), DB_I64(sc->org_id),
		    DB_I64(sc->org_id), DB_I64(sc->org_id), DB_I64(limit) };

		if (db_query_i64(db, SQL_OVERDUE_COUNT, p, NITEMS(p) - 1,
		    count) == -1 ||
		    db_query(db, SQL_OVERDUE, p, NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	overdue_min(NULL, 0, 0, 0);
	while (db_res_next(r)) {
		m = overdue_min(db, db_res_i64(r, 5), (time_t)db_res_i64(r, 4),
		    sc->as_of);
		json_array_append_new(arr, json_pack("{s:o, s:s, s:s, s:s,"
		    " s:s, s:I, s:I, s:I, s:b}",
		    "code", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "stage", db_res_str(r, 1), "agency_code", db_res_str(r, 2),
		    "agency", db_res_str(r, 3), "state", db_res_str(r, 6),
		    "due_at", (json_int_t)db_res_i64(r, 4),
		    "overdue_min", (json_int_t)m,
		    "days_overdue", (json_int_t)((m + DAY_MIN - 1) / DAY_MIN),
		    "overdue", 1));
	}
	db_res_free(r);
	*out = arr;
	return 0;
}

double
stats_percentile(const double *v, size_t n, double p)
{
	double	pos = p * (double)(n - 1), lo = floor(pos);
	size_t	i = (size_t)lo;

	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (v[i + 1] - v[i]) * (pos - lo);
}

static void
days(const struct stats_scope *sc, char *a, char *b)
{
	snprintf(a, 16, "%04d-%02d-%02d", sc->from_ymd / 10000,
	    sc->from_ymd / 100 % 100, sc->from_ymd % 100);
	snprintf(b, 16, "%04d-%02d-%02d", sc->to_ymd / 10000,
	    sc->to_ymd / 100 % 100, sc->to_ymd % 100);
}

/*
 * Working minutes between due and now on the clock owner's calendar. The
 * calendars of one list are looked up once (each lookup checks the
 * calendar's version with a query); the pointers stay valid meanwhile.
 */
static long
overdue_min(struct db *db, int64_t org, time_t due, time_t now)
{
	static int64_t		 orgs[CAL_CACHE];
	static const struct cal	*cals[CAL_CACHE];
	static size_t		 n;
	const struct cal	*cal = NULL;
	long			 m = 0;
	size_t			 i;

	if (db == NULL) {		/* start of a list */
		n = 0;
		return 0;
	}
	for (i = 0; i < n; i++)
		if (orgs[i] == org)
			cal = cals[i];
	if (cal == NULL) {
		if (store_calendar_for_org(db, org, &cal) == -1)
			return 0;
		if (n < CAL_CACHE) {
			orgs[n] = org;
			cals[n++] = cal;
		}
	}
	if (cal_working_between(cal, due, now, &m) == -1)
		return 0;
	return m;
}

static int
late_json(struct db *db, const struct stats_scope *sc, json_t **out)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*arr, *o;
	long		 m;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id),
		    DB_I64(STATS_LIST_MAX) };

		if (db_query(db, SQL_LATE, p, NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	while (db_res_next(r)) {
		m = (long)(db_res_i64(r, 6) - db_res_i64(r, 7));
		o = json_pack("{s:o, s:s, s:s, s:s, s:I, s:I, s:I}",
		    "code", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "stage", db_res_str(r, 1), "agency_code", db_res_str(r, 2),
		    "agency", db_res_str(r, 3),
		    "stopped_at", (json_int_t)db_res_i64(r, 5),
		    "late_min", (json_int_t)m,
		    "days_late", (json_int_t)((m + DAY_MIN - 1) / DAY_MIN));
		json_object_set_new(o, "due_at", db_res_isnull(r, 4) ?
		    json_null() : json_integer(db_res_i64(r, 4)));
		json_array_append_new(arr, o);
	}
	db_res_free(r);
	*out = arr;
	return 0;
}

static int
ncr_json(struct db *db, const struct stats_scope *sc, json_t **out)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*arr, *why;
	const char	*st;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id),
		    DB_I64(STATS_LIST_MAX) };

		if (db_query(db, SQL_NCR, p, NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	while (db_res_next(r)) {
		why = json_array();
		st = db_res_str(r, 1);
		if (strcmp(db_res_str(r, 4), "not_satisfied") == 0)
			json_array_append_new(why, json_string("not_satisfied"));
		if (strncmp(st, "clarify", 7) == 0)
			json_array_append_new(why, json_string("clarifying"));
		if (db_res_i64(r, 5) > 0)
			json_array_append_new(why, json_string("reopened"));
		if (db_res_i64(r, 7))
			json_array_append_new(why, json_string("escalated"));
		if (db_res_i64(r, 6) > 1)
			json_array_append_new(why, json_string("returned_twice"));
		json_array_append_new(arr, json_pack("{s:o, s:s, s:s, s:s, s:o}",
		    "code", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "state", st, "agency_code", db_res_str(r, 2),
		    "agency", db_res_str(r, 3), "reasons", why));
	}
	db_res_free(r);
	*out = arr;
	return 0;
}

static int
escalated_json(struct db *db, const struct stats_scope *sc, json_t **out)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*arr;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id),
		    DB_I64(STATS_LIST_MAX) };

		if (db_query(db, SQL_ESCALATED, p, NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	while (db_res_next(r))
		json_array_append_new(arr, json_pack("{s:o, s:s, s:s, s:s, s:I}",
		    "code", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "state", db_res_str(r, 1), "agency_code", db_res_str(r, 2),
		    "agency", db_res_str(r, 3),
		    "escalated_at", (json_int_t)db_res_i64(r, 4)));
	db_res_free(r);
	*out = arr;
	return 0;
}

static int
returns_json(struct db *db, const struct stats_scope *sc, json_t **out)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*arr;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, SQL_RETURNS, p, NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	while (db_res_next(r))
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I}",
		    "code", db_res_str(r, 0), "name", db_res_str(r, 1),
		    "returns", (json_int_t)db_res_i64(r, 2)));
	db_res_free(r);
	*out = arr;
	return 0;
}

/* Stage rows get "overdue" (cohort, now) and the percentiles. */
static int
stage_extras(struct db *db, const struct stats_scope *sc, json_t *stages)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	size_t		 i;
	json_t		*o;

	json_array_foreach(stages, i, o)
		json_object_set_new(o, "overdue", json_integer(0));
	days(sc, a, b);
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->as_of), DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, SQL_STAGE_OVERDUE, p, NITEMS(p), &r) == -1)
			return -1;
	}
	while (db_res_next(r))
		json_object_set_new(stage_row(stages, db_res_str(r, 0)),
		    "overdue", json_integer(db_res_i64(r, 1)));
	db_res_free(r);
	return percentiles(db, sc, stages);
}

static int
percentiles(struct db *db, const struct stats_scope *sc, json_t *stages)
{
	char		 a[16], b[16], kind[24] = "";
	struct db_res	*r = NULL;
	double		*v = NULL;
	size_t		 n = 0;
	int		 rc = -1;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, SQL_WORKED, p, NITEMS(p), &r) == -1)
			return -1;
	}
	v = calloc(db_res_rows(r) + 1, sizeof(*v));
	if (v == NULL)
		goto out;
	while (db_res_next(r)) {
		if (n > 0 && strcmp(kind, db_res_str(r, 0)) != 0) {
			set_pct(stage_row(stages, kind), kind, v, n);
			n = 0;
		}
		snprintf(kind, sizeof(kind), "%s", db_res_str(r, 0));
		v[n++] = (double)db_res_i64(r, 1);
	}
	if (n > 0)
		set_pct(stage_row(stages, kind), kind, v, n);
	rc = 0;
out:
	free(v);
	db_res_free(r);
	return rc;
}

static void
set_pct(json_t *o, const char *kind, const double *v, size_t n)
{
	(void)kind;
	json_object_set_new(o, "timed", json_integer((json_int_t)n));
	json_object_set_new(o, "median_min", json_real(
	    stats_percentile(v, n, 0.5)));
	json_object_set_new(o, "p90_min", json_real(stats_percentile(v, n,
	    0.9)));
}

/* The row of stage in the array; a new one is appended when missing. */
static json_t *
stage_row(json_t *stages, const char *stage)
{
	size_t	 i;
	json_t	*o;

	json_array_foreach(stages, i, o)
		if (strcmp(json_string_value(json_object_get(o, "stage")),
		    stage) == 0)
			return o;
	o = json_pack("{s:s, s:i, s:i, s:i, s:i, s:i, s:i}", "stage", stage,
	    "on_time", 0, "late", 0, "running", 0, "paused", 0, "cancelled", 0,
	    "overdue", 0);
	json_array_append_new(stages, o);
	return o;
}

/* "overdue" per agency row (its clocks overdue now); rows are added for
 * agencies that have overdue cases but no receipts in the window. */
static int
agency_overdue(struct db *db, const struct stats_scope *sc, json_t *rows)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*o, *hit;
	size_t		 i;

	json_array_foreach(rows, i, o)
		json_object_set_new(o, "overdue", json_integer(0));
	days(sc, a, b);
	{
		const struct db_param p[] = { DB_I64(sc->as_of), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, SQL_OVERDUE_AGENCY, p, NITEMS(p), &r) == -1)
			return -1;
	}
	while (db_res_next(r)) {
		hit = NULL;
		json_array_foreach(rows, i, o)
			if (strcmp(json_string_value(json_object_get(o, "code")),
			    db_res_str(r, 0)) == 0)
				hit = o;
		if (hit == NULL) {
			hit = json_pack("{s:s, s:s, s:i}", "code",
			    db_res_str(r, 0), "name", db_res_str(r, 1),
			    "received", 0);
			json_array_append_new(rows, hit);
		}
		json_object_set_new(hit, "overdue", json_integer(
		    db_res_i64(r, 2)));
	}
	db_res_free(r);
	return 0;
}
