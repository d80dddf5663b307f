/*
 * reveal.c: POST /api/v1/cases/:code/reveal-requests (an agency asks for
 * the reporter's contact, with a purpose) and POST
 * /api/v1/reveal-requests/:id/decision (the center's monitor decides).
 */
#include <string.h>

#include "core/parse.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "store/cases.h"
#include "store/reveal.h"

#define REVEAL_DAYS	7

int
h_reveal_create(struct req *rq, struct resp *rs)
{
	const char	*purpose = jstr(rq->json, "purpose");
	int64_t		 id = 0;
	int		 rc;

	if (rq->who.is_center)
		return resp_error(rs, 422, "not_needed", NULL, "the center "
		    "already sees the reporter's identity");
	if (purpose == NULL || strlen(purpose) < 5 || strlen(purpose) > 1000)
		return resp_error(rs, 422, "required", "purpose", "say why the "
		    "agency needs to contact the reporter (5-1000 bytes)");
	rc = store_reveal_request(rq->db, req_case_code(rq), rq->who.user_id,
	    rq->who.org_id, purpose, rq->now, &id);
	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such case in your scope");
	resp_json(rs, json_pack("{s:I, s:s}", "id", (json_int_t)id, "state",
	    "pending"));
	return 201;
}

int
h_reveal_decide(struct req *rq, struct resp *rs)
{
	json_t	*ap = json_object_get(rq->json, "approve");
	int64_t	 id;
	int	 rc;

	if (!json_is_boolean(ap))
		return resp_error(rs, 422, "required", "approve", "true or false");
	if (parse_i64(req_cap(rq, "id"), 1, INT64_MAX, &id) == -1)
		return resp_error(rs, 404, "not_found", NULL, "no such request");
	rc = store_reveal_decide(rq->db, id, rq->who.user_id, json_is_true(ap),
	    REVEAL_DAYS, rq->now);
	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 409, "already_decided", NULL,
		    "no pending request with this id");
	resp_json(rs, json_pack("{s:I, s:s}", "id", (json_int_t)id, "state",
	    json_is_true(ap) ? "approved" : "refused"));
	return 200;
}
