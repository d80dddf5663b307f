/*
 * cases.c: the staff side of one case: GET /api/v1/cases/:code (the view
 * for this user's role and agency), internal notes, suggestions.
 */
#include <string.h>

#include "handlers/common.h"
#include "handlers/handlers.h"
#include "store/cases.h"
#include "store/lists.h"
#include "store/orgs.h"

static enum case_view	view_of(const struct req *);

int
h_cases_get(struct req *rq, struct resp *rs)
{
	int64_t		 id = req_case_code(rq);
	struct actor	 who;
	json_t		*o = NULL;
	int		 rc;

	req_actor(rq, ACTOR_STAFF, &who);
	rc = id ? store_case_view(rq->db, id, view_of(rq), &who, rq->now, &o) : 1;
	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such case in your scope");
	resp_json(rs, o);
	return 200;
}

int
h_cases_note(struct req *rq, struct resp *rs)
{
	int64_t		 id = req_case_code(rq);
	const char	*t = jstr(rq->json, "text");
	json_t		*o = NULL;
	struct actor	 who;
	int		 rc;

	if (t == NULL || *t == '\0' || strlen(t) > 20000)
		return resp_error(rs, 422, "required", "text", "a note of at "
		    "most 20000 bytes is required");
	req_actor(rq, ACTOR_STAFF, &who);
	/* visibility first: a note needs the same access as reading */
	rc = id ? store_case_view(rq->db, id, view_of(rq), &who, rq->now, &o) : 1;
	json_decref(o);
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such case in your scope");
	if (rc == -1 || store_case_note(rq->db, id, who.user_id, who.org_id, t,
	    rq->now) != 0)
		return 500;
	resp_json(rs, json_pack("{s:b}", "saved", 1));
	return 201;
}

int
h_cases_suggestions(struct req *rq, struct resp *rs)
{
	json_t	*o = NULL;

	if (store_case_suggestions(rq->db, req_case_code(rq), req_query(rq,
	    "field"), &o) == -1)
		return 500;
	resp_json(rs, o);
	return 200;
}

/* Center roles see everything; agency roles their agency's cases. */
static enum case_view
view_of(const struct req *rq)
{
	return rq->who.is_center ? VIEW_CENTER : VIEW_AGENCY;
}
