/*
 * actions.c: workflow actions from staff (/api/v1/cases/:code/actions/:a)
 * and reporters (/api/v1/track/:token/actions/:a): both parse the same
 * body and call the one transition function.
 */
#include <string.h>

#include "core/parse.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "store/cases.h"

#define MAX_TEXT	20000

static int	parse_action(struct req *, struct resp *, struct case_action *);
static int	text_ok(json_t *, const char *, struct resp *);
static int	run(struct req *, struct resp *, int64_t, enum actor_kind);

int
h_cases_action(struct req *rq, struct resp *rs)
{
	int64_t	id = req_case_code(rq);

	if (id == 0)
		return resp_error(rs, 404, "not_found", NULL, "no such case");
	return run(rq, rs, id, ACTOR_STAFF);
}

int
h_track_action(struct req *rq, struct resp *rs)
{
	int64_t	id = 0;
	int	rc = store_case_by_token(rq->db, req_cap(rq, "token"), &id);

	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL, "unknown link");
	return run(rq, rs, id, ACTOR_REPORTER);
}

static int
run(struct req *rq, struct resp *rs, int64_t id, enum actor_kind kind)
{
	struct case_action	a;
	struct case_result	res;
	struct actor		who;
	int			st;

	memset(&a, 0, sizeof(a));
	if (wf_action_parse(req_cap(rq, "action"), &a.action) == -1 ||
	    a.action == WF_A_SUBMIT)
		return resp_error(rs, 404, "unknown_action", NULL,
		    "no such action");
	st = parse_action(rq, rs, &a);
	if (st != 0)
		return st;
	req_actor(rq, kind, &who);
	if (store_case_act(rq->db, id, &who, &a, rq->now, &res) == -1)
		return resp_result(rs, &res);
	resp_json(rs, json_pack("{s:o, s:s, s:I}", "code", json_sprintf(
	    "%lld", (long long)id), "state", res.state, "event_id",
	    (json_int_t)res.event_id));
	return 200;
}

static int
parse_action(struct req *rq, struct resp *rs, struct case_action *a)
{
	json_t		*j = rq->json, *d;
	int64_t		 v;
	int		 st;

	if (j == NULL)
		return 0;
	if ((st = text_ok(j, "text", rs)) != 0 ||
	    (st = text_ok(j, "reason", rs)) != 0 ||
	    (st = text_ok(j, "direction", rs)) != 0)
		return st;
	a->text = jstr(j, "text");
	a->reason = jstr(j, "reason");
	a->direction = jstr(j, "direction");
	a->field_code = jstr(j, "field");
	a->group_code = jstr(j, "group");
	a->unit_code = jstr(j, "unit");
	a->rating = jstr(j, "rating");
	d = json_object_get(j, "duplicate_of");
	if (json_is_integer(d))
		a->duplicate_of = json_integer_value(d);
	else if (json_is_string(d) && parse_i64(json_string_value(d), 1,
	    INT64_C(999999999999), &v) == 0)
		a->duplicate_of = v;
	else if (d != NULL && !json_is_null(d))
		return resp_error(rs, 422, "invalid_value", "duplicate_of",
		    "a case code");
	if (a->rating != NULL && a->action == WF_A_RATE &&
	    strcmp(a->rating, "very_satisfied") != 0 &&
	    strcmp(a->rating, "satisfied") != 0 &&
	    strcmp(a->rating, "not_satisfied") != 0)
		return resp_error(rs, 422, "invalid_value", "rating",
		    "very_satisfied, satisfied or not_satisfied");
	return req_org_ids(rq, j, &a->lead_org_id, (int64_t **)&a->coord_org_ids,
	    &a->ncoord, rs);
}

static int
text_ok(json_t *j, const char *key, struct resp *rs)
{
	json_t	*v = json_object_get(j, key);

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return resp_error(rs, 422, "invalid_type", key, "must be text");
	if (json_string_length(v) > MAX_TEXT)
		return resp_error(rs, 422, "too_long", key, "at most %d bytes",
		    MAX_TEXT);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return resp_error(rs, 422, "invalid_text", key,
		    "NUL characters are not allowed");
	return 0;
}
