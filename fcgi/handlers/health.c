/*
 * health.c: GET /api/v1/health: database reachability and schema version.
 */
#include "app.h"
#include "db.h"
#include "handlers.h"
#include "schema_version.h"
#include "store/schema.h"

int
h_health_get(struct req *rq, struct resp *rs)
{
	int	version = 0, ok;

	ok = db_ping(rq->db) == 0 &&
	    store_schema_version(rq->db, &version) == 0;
	resp_json(rs, json_pack("{s:s, s:s, s:i, s:i, s:I}",
	    "status", ok ? "ok" : "degraded",
	    "database", ok ? "ok" : "unreachable",
	    "schema_version", version,
	    "code_schema_version", PHANANH_SCHEMA_VERSION,
	    "time", (json_int_t)rq->now));
	return ok ? 200 : 503;
}
