/*
 * track.c: GET /api/v1/track/:token: the reporter's own case through the
 * secret link (capability URL): full timeline, requests, answer, actions.
 */
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "store/cases.h"

int
h_track_get(struct req *rq, struct resp *rs)
{
	struct actor	 who;
	json_t		*o = NULL;
	int64_t		 id = 0;
	int		 rc;

	rc = store_case_by_token(rq->db, req_cap(rq, "token"), &id);
	if (rc == 0) {
		req_actor(rq, ACTOR_REPORTER, &who);
		rc = store_case_view(rq->db, id, VIEW_REPORTER, &who, rq->now,
		    &o);
	}
	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL, "unknown link");
	resp_json(rs, o);
	return 200;
}
