/*
 * gauges.c: SQL of the operational gauges (see gauges.h).
 */
#include <stdio.h>

#include "db.h"
#include "store/gauges.h"

static const char SQL_INTAKE[] =
    "SELECT COUNT(*) FROM cases WHERE state = 'received'";
static const char SQL_NOTIFICATIONS[] =
    "SELECT channel, state, COUNT(*) FROM notifications"
    " GROUP BY channel, state ORDER BY channel, state";
static const char SQL_OVERDUE[] =
    "SELECT kind, '', COUNT(*) FROM case_timers"
    " WHERE status = 'running' AND window_only = 0"
    " AND due_at < FROM_UNIXTIME(?) GROUP BY kind ORDER BY kind";
static const char SQL_OUTBOX[] =
    "SELECT COUNT(*), COALESCE(UNIX_TIMESTAMP()"
    " - UNIX_TIMESTAMP(MIN(InsertIntoDB)), 0) FROM outbox";

static const char SQL_PHONES[] =
    "SELECT ID, UNIX_TIMESTAMP(UpdatedInDB),"
    " UNIX_TIMESTAMP() - UNIX_TIMESTAMP(UpdatedInDB) FROM phones ORDER BY ID";

static int	rows(struct db *, const char *, const struct db_param *,
		    size_t, struct gauge_row *, size_t, size_t *);

int
store_gauges_intake(struct db *db, int64_t *n)
{
	*n = 0;
	return db_query_i64(db, SQL_INTAKE, NULL, 0, n) == -1 ? -1 : 0;
}

int
store_gauges_notifications(struct db *db, struct gauge_row *out, size_t max,
    size_t *n)
{
	return rows(db, SQL_NOTIFICATIONS, NULL, 0, out, max, n);
}

int
store_gauges_overdue(struct db *db, time_t now, struct gauge_row *out,
    size_t max, size_t *n)
{
	const struct db_param	p[] = { DB_I64(now) };

	return rows(db, SQL_OVERDUE, p, NITEMS(p), out, max, n);
}

int
store_gauges_outbox(struct db *db, struct gauge_outbox *o)
{
	struct db_res	*res = NULL;

	o->rows = o->oldest_age_s = 0;
	if (db_query(db, SQL_OUTBOX, NULL, 0, &res) == -1)
		return -1;
	if (db_res_next(res)) {
		o->rows = db_res_i64(res, 0);
		o->oldest_age_s = db_res_i64(res, 1);
	}
	db_res_free(res);
	return 0;
}

int
store_gauges_phones(struct db *db, struct gauge_phone *out, size_t max,
    size_t *n)
{
	struct db_res	*res = NULL;

	*n = 0;
	if (db_query(db, SQL_PHONES, NULL, 0, &res) == -1)
		return -1;
	while (db_res_next(res) && *n < max) {
		snprintf(out[*n].id, sizeof(out[*n].id), "%s",
		    db_res_str(res, 0));
		out[*n].updated = db_res_i64(res, 1);
		out[*n].age_s = db_res_i64(res, 2);
		(*n)++;
	}
	db_res_free(res);
	return 0;
}

/* Rows of (a, b, count) into out. */
static int
rows(struct db *db, const char *sql, const struct db_param *p, size_t np,
    struct gauge_row *out, size_t max, size_t *n)
{
	struct db_res	*res = NULL;

	*n = 0;
	if (db_query(db, sql, p, np, &res) == -1)
		return -1;
	while (db_res_next(res) && *n < max) {
		snprintf(out[*n].a, sizeof(out[*n].a), "%s", db_res_str(res, 0));
		snprintf(out[*n].b, sizeof(out[*n].b), "%s", db_res_str(res, 1));
		out[*n].n = db_res_i64(res, 2);
		(*n)++;
	}
	db_res_free(res);
	return 0;
}
