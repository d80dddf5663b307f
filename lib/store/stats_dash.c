/*
 * stats_dash.c: the dashboard's live parts (GET /api/v1/stats/overview):
 * cases by state, officers' workload, overdue / at-risk / escalated lists
 * and the map points (the newest 1000, rounded to ~1 km, never
 * confidential or secret). Cases by state come from stats_daily_state.
 */
#include <string.h>

#include "db.h"
#include "store/stats.h"

#define IN_WINDOW(x)	x " >= TIMESTAMP(?) - INTERVAL 7 HOUR AND " x \
			" < TIMESTAMP(?) + INTERVAL 17 HOUR"
#define OPEN_STATES	"('distributed','in_processing','returned_to_center'," \
			"'escalated','awaiting_approval','approved')"
#define HAS_OVERDUE	"EXISTS (SELECT 1 FROM case_timers t WHERE" \
			" t.case_id = c.id AND t.status = 'running'" \
			" AND t.window_only = 0 AND t.due_at < FROM_UNIXTIME(?))"
#define DASH_LIST_MAX	100
#define AT_RISK_S	(4 * 3600)	/* due within four hours */

static const char SQL_BY_STATE[] =
    "SELECT s.state, SUM(s.n) FROM stats_daily_state s"
    " WHERE s.day BETWEEN ? AND ? AND (? = 0 OR s.org_id = ?)"
    " GROUP BY s.state";
static const char SQL_OFFICER_OPEN[] =
    "SELECT u.id, u.display_name, COUNT(*), SUM(" HAS_OVERDUE ")"
    " FROM cases c JOIN users u ON u.id = c.assignee_id"
    " WHERE c.lead_org_id = ? AND c.state IN " OPEN_STATES
    " GROUP BY u.id ORDER BY u.display_name";
static const char SQL_OFFICER_DONE[] =
    "SELECT u.id, u.display_name, COUNT(*) FROM cases c"
    " JOIN users u ON u.id = c.assignee_id WHERE c.lead_org_id = ?"
    " AND " IN_WINDOW("c.published_at") " GROUP BY u.id";
static const char SQL_AT_RISK[] =
    "SELECT c.id, t.kind, COALESCE(o.code, ''), COALESCE(o.name, ''),"
    " UNIX_TIMESTAMP(t.due_at), c.state FROM case_timers t"
    " JOIN cases c ON c.id = t.case_id"
    " LEFT JOIN organisations o ON o.id = t.org_id"
    " WHERE t.status = 'running' AND t.window_only = 0"
    " AND t.due_at >= FROM_UNIXTIME(?) AND t.due_at < FROM_UNIXTIME(?)"
    " AND (? = 0 OR t.org_id = ? OR c.lead_org_id = ?)"
    " ORDER BY t.due_at LIMIT ?";
static const char SQL_ESCALATED_NOW[] =
    "SELECT c.id, COALESCE(o.code, ''), COALESCE(o.name, ''),"
    " UNIX_TIMESTAMP(c.updated_at) FROM cases c"
    " LEFT JOIN organisations o ON o.id = c.lead_org_id"
    " WHERE c.state = 'escalated' AND (? = 0 OR c.lead_org_id = ?)"
    " ORDER BY c.updated_at LIMIT ?";
#define POINTS \
    "SELECT c.id, ROUND(c.lat, 2), ROUND(c.lng, 2), c.state, " HAS_OVERDUE \
    " FROM cases c WHERE " IN_WINDOW("c.received_at") \
    " AND c.lat IS NOT NULL AND c.confidential = 0 AND c.secret = 0"
/* two statements, so that each has its index (migration 013) */
static const char SQL_POINTS[] =
    POINTS " AND ? = 0 ORDER BY c.received_at DESC LIMIT 1000";
static const char SQL_POINTS_ORG[] =
    POINTS " AND c.lead_org_id = ? ORDER BY c.received_at DESC LIMIT 1000";

static void	days(const struct stats_scope *, char *, char *);
static int	by_state(struct db *, const struct stats_scope *, json_t *);
static int	officers(struct db *, const struct stats_scope *, json_t *);
static int	officer_done(struct db *, const struct stats_scope *,
		    json_t *);
static int	at_risk(struct db *, const struct stats_scope *, json_t *);
static int	escalated(struct db *, const struct stats_scope *, json_t *);
static int	points(struct db *, const struct stats_scope *, json_t *);

int
store_stats_dash(struct db *db, const struct stats_scope *sc, json_t *o)
{
	json_t	*l;
	int64_t	 n = 0;

	if (by_state(db, sc, o) == -1 || officers(db, sc, o) == -1 ||
	    store_stats_overdue(db, sc, 0, DASH_LIST_MAX, &l, &n) == -1)
		return -1;
	json_object_set_new(o, "overdue", l);
	json_object_set_new(json_object_get(o, "totals"), "overdue",
	    json_integer(n));
	if (at_risk(db, sc, o) == -1 || escalated(db, sc, o) == -1 ||
	    points(db, sc, o) == -1)
		return -1;
	return 0;
}

static void
days(const struct stats_scope *sc, char *a, char *b)
{
	snprintf(a, 16, "%04d-%02d-%02d", sc->from_ymd / 10000,
	    sc->from_ymd / 100 % 100, sc->from_ymd % 100);
	snprintf(b, 16, "%04d-%02d-%02d", sc->to_ymd / 10000,
	    sc->to_ymd / 100 % 100, sc->to_ymd % 100);
}

static int
by_state(struct db *db, const struct stats_scope *sc, json_t *o)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*m;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, SQL_BY_STATE, p, NITEMS(p), &r) == -1)
			return -1;
	}
	m = json_object();
	while (db_res_next(r))
		json_object_set_new(m, db_res_str(r, 0),
		    json_integer(db_res_i64(r, 1)));
	db_res_free(r);
	json_object_set_new(o, "by_state", m);
	return 0;
}

/* Agency scope: open and overdue cases per assignee, answered in window. */
static int
officers(struct db *db, const struct stats_scope *sc, json_t *o)
{
	const struct db_param	 p[] = { DB_I64(sc->as_of),
	    DB_I64(sc->org_id) };
	struct db_res		*r = NULL;
	json_t			*arr = json_array();

	json_object_set_new(o, "by_officer", arr);
	if (sc->org_id == 0)
		return 0;
	if (db_query(db, SQL_OFFICER_OPEN, p, NITEMS(p), &r) == -1)
		return -1;
	while (db_res_next(r))
		json_array_append_new(arr, json_pack("{s:I, s:s, s:I, s:I,"
		    " s:i}", "id", (json_int_t)db_res_i64(r, 0),
		    "name", db_res_str(r, 1), "open",
		    (json_int_t)db_res_i64(r, 2), "overdue",
		    (json_int_t)db_res_i64(r, 3), "done", 0));
	db_res_free(r);
	return officer_done(db, sc, arr);
}

static int
officer_done(struct db *db, const struct stats_scope *sc, json_t *arr)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*o, *hit;
	size_t		 i;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_I64(sc->org_id), DB_TEXT(a),
		    DB_TEXT(b) };

		if (db_query(db, SQL_OFFICER_DONE, p, NITEMS(p), &r) == -1)
			return -1;
	}
	while (db_res_next(r)) {
		hit = NULL;
		json_array_foreach(arr, i, o)
			if (json_integer_value(json_object_get(o, "id")) ==
			    db_res_i64(r, 0))
				hit = o;
		if (hit == NULL) {
			hit = json_pack("{s:I, s:s, s:i, s:i}", "id",
			    (json_int_t)db_res_i64(r, 0), "name",
			    db_res_str(r, 1), "open", 0, "overdue", 0);
			json_array_append_new(arr, hit);
		}
		json_object_set_new(hit, "done", json_integer(db_res_i64(r, 2)));
	}
	db_res_free(r);
	return 0;
}

static int
at_risk(struct db *db, const struct stats_scope *sc, json_t *o)
{
	const struct db_param	 p[] = { DB_I64(sc->as_of),
	    DB_I64(sc->as_of + AT_RISK_S), DB_I64(sc->org_id),
	    DB_I64(sc->org_id), DB_I64(sc->org_id), DB_I64(DASH_LIST_MAX) };
	struct db_res		*r = NULL;
	json_t			*arr;

	if (db_query(db, SQL_AT_RISK, p, NITEMS(p), &r) == -1)
		return -1;
	arr = json_array();
	while (db_res_next(r))
		json_array_append_new(arr, json_pack("{s:o, s:s, s:s, s:s, s:I,"
		    " s:s, s:b}",
		    "code", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "stage", db_res_str(r, 1), "agency_code", db_res_str(r, 2),
		    "agency", db_res_str(r, 3),
		    "due_at", (json_int_t)db_res_i64(r, 4),
		    "state", db_res_str(r, 5), "at_risk", 1));
	db_res_free(r);
	json_object_set_new(o, "at_risk", arr);
	return 0;
}

static int
escalated(struct db *db, const struct stats_scope *sc, json_t *o)
{
	const struct db_param	 p[] = { DB_I64(sc->org_id),
	    DB_I64(sc->org_id), DB_I64(DASH_LIST_MAX) };
	struct db_res		*r = NULL;
	json_t			*arr;

	if (db_query(db, SQL_ESCALATED_NOW, p, NITEMS(p), &r) == -1)
		return -1;
	arr = json_array();
	while (db_res_next(r))
		json_array_append_new(arr, json_pack("{s:o, s:s, s:s, s:s,"
		    " s:I}",
		    "code", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "state", "escalated", "agency_code", db_res_str(r, 1),
		    "agency", db_res_str(r, 2),
		    "since", (json_int_t)db_res_i64(r, 3)));
	db_res_free(r);
	json_object_set_new(o, "escalated", arr);
	return 0;
}

static int
points(struct db *db, const struct stats_scope *sc, json_t *o)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*arr;

	days(sc, a, b);
	{
		const struct db_param p[] = { DB_I64(sc->as_of), DB_TEXT(a),
		    DB_TEXT(b), DB_I64(sc->org_id) };

		if (db_query(db, sc->org_id ? SQL_POINTS_ORG : SQL_POINTS, p,
		    NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	while (db_res_next(r))
		json_array_append_new(arr, json_pack("{s:o, s:f, s:f, s:s, s:b}",
		    "code", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "lat", db_res_dbl(r, 1), "lng", db_res_dbl(r, 2),
		    "state", db_res_str(r, 3), "overdue",
		    (int)db_res_i64(r, 4)));
	db_res_free(r);
	json_object_set_new(o, "points", arr);
	return 0;
}
