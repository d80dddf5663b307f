/*
 * auth.c: the authentication hooks the router calls for R_STAFF and
 * R_APIKEY routes. Staff sessions and API keys arrive with the workflow.
 */
#include "router.h"

int
auth_staff(struct req *rq, struct resp *rs, unsigned flags)
{
	if (flags & R_OPTSTAFF)
		return 0;
	return resp_error(rs, 401, "unauthenticated", NULL,
	    "sign in first");
}

int
auth_apikey(struct req *rq, struct resp *rs)
{
	return resp_error(rs, 401, "unauthenticated", NULL,
	    "an API key is required");
}
