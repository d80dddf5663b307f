/*
 * sweep.c: finds cases due for a system transition and applies it through
 * the one transition function; the workflow guards decide, not this file.
 */
#include <string.h>

#include "db.h"
#include "store/case_int.h"
#include "store/cases.h"
#include "store/sweep.h"

static const char SQL_EXPIRED[] =
    "SELECT c.id FROM cases c JOIN case_timers t ON t.case_id = c.id"
    " AND t.kind = 'supplement' AND t.status = 'running'"
    " WHERE c.state = 'needs_info' AND t.due_at < FROM_UNIXTIME(?) LIMIT ?";
static const char SQL_CLOSABLE[] =
    "SELECT id FROM cases WHERE state IN ('published','delivered_privately')"
    " AND (rating IS NOT NULL OR updated_at < FROM_UNIXTIME(?) - INTERVAL ? DAY)"
    " LIMIT ?";

static int	run(struct db *, const char *, const struct db_param *, size_t,
		    enum wf_action, time_t, int *, int *);

int
store_sweep(struct db *db, time_t now, int limit, struct sweep_counts *c)
{
	const struct db_param	e[] = { DB_I64(now), DB_I64(limit) };
	const struct db_param	k[] = { DB_I64(now),
	    DB_I64(store_setting_int(db, "auto_close_days", 10)),
	    DB_I64(limit) };

	memset(c, 0, sizeof(*c));
	if (run(db, SQL_EXPIRED, e, NITEMS(e), WF_A_EXPIRE_SUPPLEMENT, now,
	    &c->expired, &c->failed) == -1)
		return -1;
	return run(db, SQL_CLOSABLE, k, NITEMS(k), WF_A_AUTO_CLOSE, now,
	    &c->closed, &c->failed);
}

static int
run(struct db *db, const char *sql, const struct db_param *p, size_t n,
    enum wf_action act, time_t now, int *done, int *failed)
{
	struct db_res		*r = NULL;
	struct actor		 sys;
	struct case_action	 a;
	struct case_result	 res;

	if (db_query(db, sql, p, n, &r) == -1)
		return -1;
	memset(&sys, 0, sizeof(sys));
	sys.kind = ACTOR_SYSTEM;
	sys.roles = WF_ROLE_SYSTEM;
	memset(&a, 0, sizeof(a));
	a.action = act;
	while (db_res_next(r)) {
		if (store_case_act(db, db_res_i64(r, 0), &sys, &a, now,
		    &res) == 0)
			(*done)++;
		else if (res.status != 409 && res.status != 422)
			(*failed)++;
	}
	db_res_free(r);
	return 0;
}
