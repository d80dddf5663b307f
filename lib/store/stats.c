/*
 * stats.c: the per-day aggregates (rebuild, refresh) and the figures read
 * from them: report tables by dimension and the dashboard. Lists and
 * percentiles are in stats_lists.c. Definitions: docs/reports.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "db.h"
#include "store/stats.h"

/* Local day of an instant, and a window of local days as UTC bounds. */
#define LOCAL_DAY(x)	"DATE(" x " + INTERVAL 7 HOUR)"
#define IN_WINDOW(x)	x " >= TIMESTAMP(?) - INTERVAL 7 HOUR AND " x \
			" < TIMESTAMP(?) + INTERVAL 17 HOUR"
/* A case answered late: one of these clocks finished late. */
#define LATE_KINDS	"('intake','process','approve','publish'," \
			"'redistribute','clarify')"
#define OPEN_STATES	"('distributed','in_processing','returned_to_center'," \
			"'escalated','awaiting_approval','approved')"

static const char SQL_DEL_DAILY[] =
    "DELETE FROM stats_daily WHERE day BETWEEN ? AND ?";
static const char SQL_DEL_STAGE[] =
    "DELETE FROM stats_daily_stage WHERE day BETWEEN ? AND ?";
static const char SQL_DEL_STATE[] =
    "DELETE FROM stats_daily_state WHERE day BETWEEN ? AND ?";
static const char SQL_DEL_ANSWERED[] =
    "DELETE FROM stats_daily_answered WHERE day BETWEEN ? AND ?";
static const char SQL_INS_ANSWERED[] =
    "INSERT INTO stats_daily_answered (day, org_id, n)"
    " SELECT " LOCAL_DAY("c.published_at") ", COALESCE(c.lead_org_id, 0),"
    " COUNT(*) FROM cases c WHERE " IN_WINDOW("c.published_at")
    " GROUP BY 1, 2";
static const char SQL_INS_STATE[] =
    "INSERT INTO stats_daily_state (day, org_id, state, n)"
    " SELECT " LOCAL_DAY("c.received_at") ", COALESCE(c.lead_org_id, 0),"
    " c.state, COUNT(*) FROM cases c WHERE " IN_WINDOW("c.received_at")
    " GROUP BY 1, 2, 3";
static const char SQL_INS_DAILY[] =
    "INSERT INTO stats_daily (day, org_id, field_id, group_id, unit_id,"
    " channel, received, pending_intake, not_accepted, merged, distributed,"
    " returned, in_processing, answered, answered_on_time, answered_late,"
    " secret, escalated, ncr, rated_very, rated_sat, rated_not)"
    " SELECT d, org, fld, grp, unit, channel, COUNT(*),"
    " SUM(state IN ('received','needs_info')), SUM(state = 'not_accepted'),"
    " SUM(state IN ('merged','withdrawn')), SUM(dist), SUM(ret > 0),"
    " SUM(state IN " OPEN_STATES "), SUM(ans), SUM(ans AND late = 0),"
    " SUM(ans AND late > 0), SUM(state = 'secret_offline'), SUM(esc),"
    " SUM((rating <=> 'not_satisfied') OR state IN ('clarifying',"
    "  'clarify_approval','clarify_approved') OR reo > 0 OR esc OR ret > 1),"
    " SUM(rating <=> 'very_satisfied'), SUM(rating <=> 'satisfied'),"
    " SUM(rating <=> 'not_satisfied') FROM ("
    "  SELECT " LOCAL_DAY("c.received_at") " AS d,"
    "  COALESCE(c.lead_org_id, 0) AS org, COALESCE(c.field_id, 0) AS fld,"
    "  COALESCE(c.group_id, 0) AS grp, COALESCE(c.admin_unit_id, 0) AS unit,"
    "  c.channel, c.state, c.rating, c.distributed_at IS NOT NULL AS dist,"
    "  c.return_count AS ret, c.reopen_count AS reo,"
    "  c.published_at IS NOT NULL AS ans,"
    "  (SELECT COUNT(*) FROM case_timers t WHERE t.case_id = c.id"
    "   AND t.status = 'late' AND t.kind IN " LATE_KINDS ") AS late,"
    "  EXISTS (SELECT 1 FROM case_events e WHERE e.kind = 'escalated'"
    "   AND e.case_id = c.id) AS esc"
    "  FROM cases c WHERE " IN_WINDOW("c.received_at")
    " ) x GROUP BY d, org, fld, grp, unit, channel";
static const char SQL_INS_STAGE[] =
    "INSERT INTO stats_daily_stage (day, org_id, stage, on_time, late,"
    " running, paused, cancelled)"
    " SELECT " LOCAL_DAY("c.received_at") ", COALESCE(t.org_id, 0), t.kind,"
    " SUM(t.status = 'on_time'), SUM(t.status = 'late'),"
    " SUM(t.status = 'running'), SUM(t.status = 'paused'),"
    " SUM(t.status = 'cancelled')"
    " FROM cases c JOIN case_timers t ON t.case_id = c.id"
    " WHERE " IN_WINDOW("c.received_at") " GROUP BY 1, 2, 3";
static const char SQL_DAYS[] =
    "SELECT COUNT(DISTINCT day) FROM stats_daily WHERE day BETWEEN ? AND ?";
static const char SQL_SPAN[] =
    "SELECT CAST(DATE_FORMAT(" LOCAL_DAY("MIN(received_at)") ", '%Y%m%d')"
    " AS SIGNED), CAST(DATE_FORMAT(" LOCAL_DAY("MAX(received_at)")
    ", '%Y%m%d') AS SIGNED) FROM cases";
static const char SQL_MAX_EVENT[] =
    "SELECT COALESCE(MAX(id), 0) FROM case_events";
static const char SQL_SEEN[] =
    "SELECT value FROM stats_meta WHERE name = 'events_seen'";
static const char SQL_SEEN_SET[] =
    "INSERT INTO stats_meta (name, value) VALUES ('events_seen', ?)"
    " ON DUPLICATE KEY UPDATE value = VALUES(value)";
/* events may commit out of id order: look back a little */
static const char SQL_DIRTY[] =
    "SELECT TO_DAYS(d), CAST(DATE_FORMAT(d, '%Y%m%d') AS SIGNED) FROM ("
    " SELECT " LOCAL_DAY("c.received_at") " AS d FROM case_events e"
    " JOIN cases c ON c.id = e.case_id WHERE e.id > ?"
    " UNION SELECT " LOCAL_DAY("c.published_at") " FROM case_events e"
    " JOIN cases c ON c.id = e.case_id WHERE e.id > ?"
    " AND c.published_at IS NOT NULL) x ORDER BY 1";

/* Dimension tables of a report: key code, name, then the metrics. */
#define METRICS \
    " SUM(s.received), SUM(s.pending_intake), SUM(s.not_accepted)," \
    " SUM(s.merged), SUM(s.distributed), SUM(s.returned)," \
    " SUM(s.in_processing), SUM(s.answered), SUM(s.answered_on_time)," \
    " SUM(s.answered_late), SUM(s.secret), SUM(s.escalated), SUM(s.ncr)," \
    " SUM(s.rated_very), SUM(s.rated_sat), SUM(s.rated_not)"
#define SCOPE	" WHERE s.day BETWEEN ? AND ? AND (? = 0 OR s.org_id = ?)"
static const char SQL_TOTALS[] =
    "SELECT '', ''," METRICS " FROM stats_daily s" SCOPE;
static const char SQL_BY_AGENCY[] =
    "SELECT COALESCE(o.code, ''), COALESCE(o.name, '')," METRICS
    " FROM stats_daily s LEFT JOIN organisations o ON o.id = s.org_id" SCOPE
    " GROUP BY s.org_id ORDER BY SUM(s.received) DESC, o.code";
static const char SQL_BY_FIELD[] =
    "SELECT COALESCE(f.code, ''), COALESCE(f.name_vi, '')," METRICS
    " FROM stats_daily s LEFT JOIN fields f ON f.id = s.field_id" SCOPE
    " GROUP BY s.field_id ORDER BY SUM(s.received) DESC, f.code";
static const char SQL_BY_GROUP[] =
    "SELECT COALESCE(g.code, ''), COALESCE(g.name_vi, '')," METRICS
    " FROM stats_daily s LEFT JOIN report_groups g ON g.id = s.group_id" SCOPE
    " GROUP BY s.group_id ORDER BY SUM(s.received) DESC, g.code";
static const char SQL_BY_UNIT[] =
    "SELECT COALESCE(u.code, ''), COALESCE(u.name, '')," METRICS
    " FROM stats_daily s LEFT JOIN admin_units u ON u.id = s.unit_id" SCOPE
    " GROUP BY s.unit_id ORDER BY SUM(s.received) DESC, u.code";
static const char SQL_BY_CHANNEL[] =
    "SELECT s.channel, s.channel," METRICS " FROM stats_daily s" SCOPE
    " GROUP BY s.channel ORDER BY SUM(s.received) DESC, s.channel";
static const char SQL_STAGES[] =
    "SELECT s.stage, SUM(s.on_time), SUM(s.late), SUM(s.running),"
    " SUM(s.paused), SUM(s.cancelled) FROM stats_daily_stage s" SCOPE
    " GROUP BY s.stage ORDER BY FIELD(s.stage, 'intake', 'accept', 'return',"
    " 'process', 'approve', 'publish', 'redistribute', 'clarify',"
    " 'supplement')";
static const char SQL_STAGE_AGENCY[] =
    "SELECT COALESCE(o.code, ''), SUM(s.on_time), SUM(s.late)"
    " FROM stats_daily_stage s LEFT JOIN organisations o ON o.id = s.org_id"
    SCOPE " AND s.stage = 'process' GROUP BY s.org_id";
static const char SQL_TREND[] =
    "SELECT DATE_FORMAT(s.day, '%Y-%m-%d'), SUM(s.received)"
    " FROM stats_daily s" SCOPE " GROUP BY s.day ORDER BY s.day";
static const char SQL_TREND_ANSWERED[] =
    "SELECT DATE_FORMAT(s.day, '%Y-%m-%d'), SUM(s.n)"
    " FROM stats_daily_answered s" SCOPE " GROUP BY s.day";

static const char *const metric_names[] = {
	"received", "pending_intake", "not_accepted", "merged", "distributed",
	"returned", "in_processing", "answered", "answered_on_time",
	"answered_late", "secret", "escalated", "ncr", "rated_very",
	"rated_sat", "rated_not", NULL
};

struct dim {
	const char	*name;
	const char	*sql;
};

static const struct dim dims[] = {
	{ "by_agency", SQL_BY_AGENCY }, { "by_field", SQL_BY_FIELD },
	{ "by_group", SQL_BY_GROUP }, { "by_unit", SQL_BY_UNIT },
	{ "by_channel", SQL_BY_CHANNEL }, { NULL, NULL }
};

static void	day_text(int, char *, size_t);
static int	rebuild_tx(struct db *, const char *, const char *);
static json_t	*metrics_json(struct db_res *, size_t);
static void	add_rates(json_t *);
static int	table_json(struct db *, const char *,
		    const struct stats_scope *, json_t **);
static int	stages_json(struct db *, const struct stats_scope *, json_t **);
static int	trend_json(struct db *, const struct stats_scope *, json_t **);
static int	agency_on_time(struct db *, const struct stats_scope *,
		    json_t *);
static int	cmp_str(const void *, const void *);
static json_t	*sorted_values(json_t *);

int
store_stats_rebuild(struct db *db, int from_ymd, int to_ymd, int *days)
{
	char	a[16], b[16];
	int64_t	n = 0;

	day_text(from_ymd, a, sizeof(a));
	day_text(to_ymd, b, sizeof(b));
	if (rebuild_tx(db, a, b) == -1)
		return -1;
	if (days != NULL) {
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b) };

		if (db_query_i64(db, SQL_DAYS, p, NITEMS(p), &n) == -1)
			return -1;
		*days = (int)n;
	}
	return 0;
}

int
store_stats_span(struct db *db, int *from_ymd, int *to_ymd)
{
	struct db_res	*r = NULL;
	int		 rc = 1;

	if (db_query(db, SQL_SPAN, NULL, 0, &r) == -1)
		return -1;
	if (db_res_next(r) && !db_res_isnull(r, 0)) {
		*from_ymd = (int)db_res_i64(r, 0);
		*to_ymd = (int)db_res_i64(r, 1);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_stats_refresh(struct db *db, int *days)
{
	struct db_res	*r = NULL;
	int64_t		 max = 0, seen = 0, dn, last = 0;
	int		 rc = -1, d, run_from = 0, run_to = 0;

	*days = 0;
	if (db_query_i64(db, SQL_MAX_EVENT, NULL, 0, &max) == -1 ||
	    db_query_i64(db, SQL_SEEN, NULL, 0, &seen) == -1)
		return -1;
	if (max == seen)
		return 0;
	{
		const struct db_param p[] = { DB_I64(seen > 100 ? seen - 100 :
		    0), DB_I64(seen > 100 ? seen - 100 : 0) };

		if (db_query(db, SQL_DIRTY, p, NITEMS(p), &r) == -1)
			goto out;
	}
	/* consecutive days are rebuilt as one range */
	while (db_res_next(r)) {
		dn = db_res_i64(r, 0);
		d = (int)db_res_i64(r, 1);
		(*days)++;
		if (run_from != 0 && dn == last + 1) {
			run_to = d;
			last = dn;
			continue;
		}
		if (run_from != 0 && store_stats_rebuild(db, run_from, run_to,
		    NULL) == -1)
			goto out;
		run_from = run_to = d;
		last = dn;
	}
	if (run_from != 0 && store_stats_rebuild(db, run_from, run_to,
	    NULL) == -1)
		goto out;
	{
		const struct db_param p[] = { DB_I64(max) };

		rc = db_exec(db, SQL_SEEN_SET, p, NITEMS(p));
	}
out:
	db_res_free(r);
	return rc;
}

int
store_stats_report(struct db *db, const struct stats_scope *sc,
    json_t **out)
{
	json_t	*o = json_object(), *t = NULL;
	size_t	 i;
	int	 rc = -1;

	if (table_json(db, SQL_TOTALS, sc, &t) == -1)
		goto out;
	json_object_set(o, "totals", json_array_size(t) ?
	    json_array_get(t, 0) : json_object());
	json_decref(t);
	for (i = 0; dims[i].name != NULL; i++) {
		if (table_json(db, dims[i].sql, sc, &t) == -1)
			goto out;
		json_object_set_new(o, dims[i].name, t);
	}
	if (agency_on_time(db, sc, json_object_get(o, "by_agency")) == -1 ||
	    stages_json(db, sc, &t) == -1)
		goto out;
	json_object_set_new(o, "stages", t);
	if (store_stats_lists(db, sc, o) == -1)
		goto out;
	*out = o;
	o = NULL;
	rc = 0;
out:
	json_decref(o);
	return rc;
}

int
store_stats_overview(struct db *db, const struct stats_scope *sc,
    json_t **out)
{
	json_t	*o = json_object(), *t = NULL, *k;
	int	 rc = -1;

	if (table_json(db, SQL_TOTALS, sc, &t) == -1)
		goto out;
	k = json_array_size(t) ? json_incref(json_array_get(t, 0)) :
	    json_object();
	json_decref(t);
	json_object_set_new(o, "totals", k);
	/* the names the web dashboard reads (docs/web.md) */
	json_object_set(k, "open", json_object_get(k, "in_processing"));
	if (table_json(db, SQL_BY_AGENCY, sc, &t) == -1)
		goto out;
	json_object_set_new(o, "by_agency", t);
	if (agency_on_time(db, sc, t) == -1 || trend_json(db, sc, &t) == -1)
		goto out;
	json_object_set_new(o, "trend", t);
	if (store_stats_dash(db, sc, o) == -1)
		goto out;
	*out = o;
	o = NULL;
	rc = 0;
out:
	json_decref(o);
	return rc;
}

static void
day_text(int ymd, char *out, size_t size)
{
	snprintf(out, size, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
	    ymd % 100);
}

static int
rebuild_tx(struct db *db, const char *a, const char *b)
{
	const struct db_param	p[] = { DB_TEXT(a), DB_TEXT(b) };

	if (db_begin(db) == -1)
		return -1;
	if (db_exec(db, SQL_DEL_DAILY, p, NITEMS(p)) == -1 ||
	    db_exec(db, SQL_DEL_STAGE, p, NITEMS(p)) == -1 ||
	    db_exec(db, SQL_DEL_STATE, p, NITEMS(p)) == -1 ||
	    db_exec(db, SQL_DEL_ANSWERED, p, NITEMS(p)) == -1 ||
	    db_exec(db, SQL_INS_ANSWERED, p, NITEMS(p)) == -1 ||
	    db_exec(db, SQL_INS_DAILY, p, NITEMS(p)) == -1 ||
	    db_exec(db, SQL_INS_STAGE, p, NITEMS(p)) == -1 ||
	    db_exec(db, SQL_INS_STATE, p, NITEMS(p)) == -1 ||
	    db_commit(db) == -1) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* Row of a dimension table: code, name (from column 0, 1) and metrics. */
static json_t *
metrics_json(struct db_res *r, size_t base)
{
	json_t	*o = json_object();
	size_t	 i;

	for (i = 0; metric_names[i] != NULL; i++)
		json_object_set_new(o, metric_names[i],
		    json_integer(db_res_i64(r, base + i)));
	add_rates(o);
	return o;
}

/* rated, satisfaction_rate (domain.md §8), on_time_rate; null when 0/0. */
static void
add_rates(json_t *o)
{
	json_int_t	vs = json_integer_value(json_object_get(o, "rated_very"));
	json_int_t	s = json_integer_value(json_object_get(o, "rated_sat"));
	json_int_t	ns = json_integer_value(json_object_get(o, "rated_not"));
	json_int_t	ot = json_integer_value(json_object_get(o,
	    "answered_on_time"));
	json_int_t	lt = json_integer_value(json_object_get(o,
	    "answered_late"));

	json_object_set_new(o, "rated", json_integer(vs + s + ns));
	json_object_set_new(o, "satisfaction_rate", vs + s + ns ?
	    json_real((double)(vs + s) / (double)(vs + s + ns)) : json_null());
	json_object_set_new(o, "on_time_rate", ot + lt ?
	    json_real((double)ot / (double)(ot + lt)) : json_null());
}

static int
table_json(struct db *db, const char *sql, const struct stats_scope *sc,
    json_t **out)
{
	char			 a[16], b[16];
	struct db_res		*r = NULL;
	json_t			*arr, *o;

	day_text(sc->from_ymd, a, sizeof(a));
	day_text(sc->to_ymd, b, sizeof(b));
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, sql, p, NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	while (db_res_next(r)) {
		o = metrics_json(r, 2);
		json_object_set_new(o, "code", json_string(db_res_str(r, 0)));
		json_object_set_new(o, "name", json_string(db_res_str(r, 1)));
		json_array_append_new(arr, o);
	}
	db_res_free(r);
	*out = arr;
	return 0;
}

/* Per stage: clocks on time, late, running, paused, cancelled. */
static int
stages_json(struct db *db, const struct stats_scope *sc, json_t **out)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*arr;

	day_text(sc->from_ymd, a, sizeof(a));
	day_text(sc->to_ymd, b, sizeof(b));
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, SQL_STAGES, p, NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	while (db_res_next(r))
		json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:I, s:I,"
		    " s:I}", "stage", db_res_str(r, 0),
		    "on_time", (json_int_t)db_res_i64(r, 1),
		    "late", (json_int_t)db_res_i64(r, 2),
		    "running", (json_int_t)db_res_i64(r, 3),
		    "paused", (json_int_t)db_res_i64(r, 4),
		    "cancelled", (json_int_t)db_res_i64(r, 5)));
	db_res_free(r);
	*out = arr;
	return 0;
}

/* by_agency rows get process_on_time / process_late of their clocks. */
static int
agency_on_time(struct db *db, const struct stats_scope *sc, json_t *rows)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*o;
	size_t		 i;

	day_text(sc->from_ymd, a, sizeof(a));
	day_text(sc->to_ymd, b, sizeof(b));
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, SQL_STAGE_AGENCY, p, NITEMS(p), &r) == -1)
			return -1;
	}
	while (db_res_next(r))
		json_array_foreach(rows, i, o)
			if (strcmp(json_string_value(json_object_get(o, "code")),
			    db_res_str(r, 0)) == 0) {
				json_object_set_new(o, "process_on_time",
				    json_integer(db_res_i64(r, 1)));
				json_object_set_new(o, "process_late",
				    json_integer(db_res_i64(r, 2)));
			}
	db_res_free(r);
	return 0;
}

/* Received per day of the window, answered per day of publication; every
 * day that has either. */
static int
trend_json(struct db *db, const struct stats_scope *sc, json_t **out)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*days = json_object(), *o;
	int		 rc = -1, k;
	const char	*sql[2] = { SQL_TREND, SQL_TREND_ANSWERED };

	day_text(sc->from_ymd, a, sizeof(a));
	day_text(sc->to_ymd, b, sizeof(b));
	for (k = 0; k < 2; k++) {
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(sc->org_id), DB_I64(sc->org_id) };

		if (db_query(db, sql[k], p, NITEMS(p), &r) == -1)
			goto out;
		while (db_res_next(r)) {
			o = json_object_get(days, db_res_str(r, 0));
			if (o == NULL) {
				o = json_pack("{s:s, s:i, s:i}", "day",
				    db_res_str(r, 0), "received", 0,
				    "answered", 0);
				json_object_set_new(days, db_res_str(r, 0), o);
			}
			json_object_set_new(o, k ? "answered" : "received",
			    json_integer(db_res_i64(r, 1)));
		}
		db_res_free(r);
		r = NULL;
	}
	*out = sorted_values(days);
	rc = 0;
out:
	db_res_free(r);
	json_decref(days);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The values of an object in key order (keys are YYYY-MM-DD). */
static json_t *
sorted_values(json_t *obj)
{
	const char	**keys, *key;
	json_t		 *arr = json_array(), *v;
	size_t		  n = 0, i;

	keys = calloc(json_object_size(obj) + 1, sizeof(*keys));
	if (keys == NULL)
		return arr;
	json_object_foreach(obj, key, v)
		keys[n++] = key;
	qsort(keys, n, sizeof(*keys), cmp_str);
	for (i = 0; i < n; i++)
		json_array_append(arr, json_object_get(obj, keys[i]));
	free(keys);
	return arr;
}
