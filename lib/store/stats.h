/*
 * stats.h: statistics for dashboards and periodic reports (domain.md §11).
 *
 * Figures are about the cases RECEIVED in a window of local days (UTC+07:00),
 * each with its outcome as of now: counts come from the per-day aggregate
 * tables (stats_daily, stats_daily_stage; migration 013), which
 * store_stats_refresh() keeps current and store_stats_rebuild() recomputes;
 * lists (overdue, late, not conclusively resolved, escalated) and the
 * working-time percentiles are read from the case tables directly.
 * Definitions: docs/reports.md.
 */
#ifndef STORE_STATS_H
#define STORE_STATS_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct db;

struct stats_scope {
	int	from_ymd;	/* first local day (YYYYMMDD), inclusive */
	int	to_ymd;		/* last local day, inclusive */
	int64_t	org_id;		/* 0 = the province, else one agency */
	time_t	as_of;		/* the instant "currently overdue" refers to */
};

/* Rows of a list in a report or dashboard are capped at this. */
#define STATS_LIST_MAX	2000

/*
 * Recomputes the aggregate rows of the local days from_ymd..to_ymd
 * (inclusive) in one transaction. *days = days that have cases (may be
 * NULL). 0 or -1 (logged).
 */
int	store_stats_rebuild(struct db *, int from_ymd, int to_ymd, int *days);

/* First and last local day with received cases: 0, 1 (no cases), -1. */
int	store_stats_span(struct db *, int *from_ymd, int *to_ymd);

/*
 * Recomputes the days whose cases had events since the last call (a
 * watermark on case_events.id kept in stats_meta). *days = days redone.
 * Cheap when nothing changed. 0 or -1.
 */
int	store_stats_refresh(struct db *, int *days);

/*
 * The dashboard (GET /api/v1/stats/overview, docs/api.md): totals,
 * by_state, trend, by_agency, by_officer (agency scope), overdue, at_risk,
 * escalated, points. *out is a new reference. 0 or -1.
 */
int	store_stats_overview(struct db *, const struct stats_scope *,
	    json_t **out);

/*
 * Everything a periodic report shows: totals, by_field, by_group,
 * by_channel, by_unit, by_agency, stages (with median and 90th percentile
 * working minutes), returns, overdue, late, ncr, escalated, meta (issuing
 * body, place). *out is a new reference. 0 or -1.
 */
int	store_stats_report(struct db *, const struct stats_scope *,
	    json_t **out);

/* internal to stats*.c: the lists and percentiles (stats_lists.c) */
int	store_stats_lists(struct db *, const struct stats_scope *,
	    json_t *report);
int	store_stats_overdue(struct db *, const struct stats_scope *,
	    int cohort, int limit, json_t **out, int64_t *count);
/* the dashboard's lists (stats_dash.c): by_state, by_officer, overdue,
 * at_risk, escalated, points, added to o */
int	store_stats_dash(struct db *, const struct stats_scope *, json_t *o);
/* Linear-interpolated percentile (0..1) of sorted v[0..n-1]; n > 0. */
double	stats_percentile(const double *v, size_t n, double p);

#endif
