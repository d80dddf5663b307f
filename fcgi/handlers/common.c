/*
 * common.c: helpers shared by the handlers.
 */
#include <string.h>

#include "app.h"
#include "core/arena.h"
#include "core/parse.h"
#include "handlers/common.h"
#include "store/orgs.h"

void
req_actor(const struct req *rq, enum actor_kind kind, struct actor *a)
{
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	if (kind == ACTOR_REPORTER) {
		a->roles = WF_ROLE_REPORTER;
		return;
	}
	a->user_id = rq->who.user_id;
	a->org_id = rq->who.org_id;
	a->roles = rq->who.roles;
	a->is_center = rq->who.is_center;
}

int64_t
req_case_code(const struct req *rq)
{
	const char	*c = req_cap(rq, "code");
	int64_t		 id;

	if (c == NULL || parse_i64(c, 1, INT64_C(999999999999), &id) == -1)
		return 0;
	return id;
}

int
resp_result(struct resp *rs, const struct case_result *r)
{
	resp_error(rs, r->status, r->code[0] ? r->code : "error",
	    r->field[0] ? r->field : NULL, "%s", r->msg);
	if (r->state != NULL) {
		/* the 409 body carries the current state (docs/api.md) */
		json_t *j = json_loadb(rs->body.data, rs->body.len, 0, NULL);

		if (j != NULL) {
			json_object_set_new(json_object_get(j, "error"), "state",
			    json_string(r->state));
			resp_json(rs, j);
		}
	}
	return r->status;
}

const char *
jstr(json_t *j, const char *key)
{
	return json_string_value(json_object_get(j, key));
}

int
req_org_ids(struct req *rq, json_t *j, int64_t *lead, int64_t **coord,
    size_t *ncoord, struct resp *rs)
{
	json_t	*arr = json_object_get(j, "coord_agencies"), *v;
	size_t	 i;

	*lead = 0;
	*coord = NULL;
	*ncoord = 0;
	if (jstr(j, "lead_agency") != NULL &&
	    store_org_id(rq->db, jstr(j, "lead_agency"), lead) != 0)
		return resp_error(rs, 422, "unknown_agency", "lead_agency",
		    "no such agency code");
	if (arr == NULL)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > 16)
		return resp_error(rs, 422, "invalid_type", "coord_agencies",
		    "a list of at most 16 agency codes");
	*coord = arena_alloc(rq->arena, (json_array_size(arr) + 1) *
	    sizeof(**coord));
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || store_org_id(rq->db,
		    json_string_value(v), &(*coord)[i]) != 0)
			return resp_error(rs, 422, "unknown_agency",
			    "coord_agencies", "no such agency code");
	}
	*ncoord = json_array_size(arr);
	return 0;
}

void
req_paging(struct req *rq, int max, int *page, int *size)
{
	const char	*p = req_query(rq, "page"), *s = req_query(rq, "page_size");
	int64_t		 v;

	*page = 1;
	*size = max < 50 ? max : 50;
	if (p != NULL && parse_i64(p, 1, 100000, &v) == 0)
		*page = (int)v;
	if (s != NULL && parse_i64(s, 1, max, &v) == 0)
		*size = (int)v;
}
