/*
 * calendars.c: loads calendars by organisation, with a small cache keyed by
 * (calendar id, version) so a calendar is parsed once per change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/log.h"
#include "db.h"
#include "store/calendars.h"

#define CACHE_SLOTS	16

struct slot {
	int64_t		 id;
	int64_t		 version;
	struct cal	*cal;
};

static struct slot	cache[CACHE_SLOTS];

static const char SQL_CAL_OF_ORG[] =
    "SELECT c.id, c.version FROM calendars c"
    " WHERE c.id = COALESCE((SELECT o.calendar_id FROM organisations o"
    "  WHERE o.id = ?), (SELECT c2.id FROM calendars c2 JOIN settings s"
    "  ON s.name = 'default_calendar' AND s.value = c2.code))";
static const char SQL_CAL_BODY[] =
    "SELECT body FROM calendars WHERE id = ?";
static const char SQL_CENTER[] =
    "SELECT o.id FROM organisations o JOIN settings s"
    " ON s.name = 'center_org' AND s.value = o.code";

static int	load_body(struct db *, int64_t, struct cal **);

int
store_calendar_for_org(struct db *db, int64_t org_id, const struct cal **out)
{
	const struct db_param	 p[] = { DB_I64(org_id) };
	struct db_res		*r = NULL;
	int64_t			 id, ver;
	struct slot		*s;
	int			 rc = -1;

	if (db_query(db, SQL_CAL_OF_ORG, p, NITEMS(p), &r) == -1)
		goto out;
	if (!db_res_next(r)) {
		log_err(NULL, "no calendar for organisation %lld and no "
		    "default_calendar setting", (long long)org_id);
		goto out;
	}
	id = db_res_i64(r, 0);
	ver = db_res_i64(r, 1);
	s = &cache[id % CACHE_SLOTS];
	if (s->cal == NULL || s->id != id || s->version != ver) {
		cal_free(s->cal);
		s->cal = NULL;
		if (load_body(db, id, &s->cal) == -1)
			goto out;
		s->id = id;
		s->version = ver;
	}
	*out = s->cal;
	rc = 0;
out:
	db_res_free(r);
	return rc;
}

int
store_center_org(struct db *db, int64_t *org_id)
{
	int	rc = db_query_i64(db, SQL_CENTER, NULL, 0, org_id);

	if (rc == 1)
		log_err(NULL, "settings.center_org names no organisation");
	return rc == 0 ? 0 : -1;
}

static int
load_body(struct db *db, int64_t id, struct cal **out)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	struct cal		*c = NULL;
	struct cal_err		 err;
	int			 rc = -1;

	if (db_query(db, SQL_CAL_BODY, p, NITEMS(p), &r) == -1 ||
	    !db_res_next(r))
		goto out;
	c = cal_new();
	if (cal_load_text(c, db_res_str(r, 0), &err) == -1) {
		log_err(NULL, "calendar %lld line %d: %s", (long long)id,
		    err.line, err.msg);
		goto out;
	}
	*out = c;
	c = NULL;
	rc = 0;
out:
	cal_free(c);
	db_res_free(r);
	return rc;
}
