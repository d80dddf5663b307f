/*
 * sync_actions.c: the write side of the agency sync API: workflow actions
 * and notes under an Idempotency-Key (POST /api/sync/v1/cases/:code/
 * actions/:action), and registering a case the agency received through
 * its own channel (POST /api/sync/v1/cases). docs/integration.md.
 */
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/sync_int.h"
#include "model/report.h"
#include "model/sync.h"
#include "store/cases.h"
#include "store/idem.h"
#include "store/sync.h"

#define MAX_TEXT	20000

static int	parse_body(struct req *, struct resp *,
		    const struct sync_action *, struct case_action *, int *);
static int	text_ok(struct resp *, json_t *, const char *, size_t, int);
static int	claim(struct req *, struct resp *, const char *, const char *,
		    const char *, int);
static int	transition(struct req *, struct resp *, int64_t,
		    const struct case_action *);
static int	note(struct req *, struct resp *, int64_t, const char *,
		    const struct case_action *, int, const char *);
static int	registered(struct req *, struct resp *, const char *,
		    struct case_new *, const char *, const char *);

int
h_sync_action(struct req *rq, struct resp *rs)
{
	const struct sync_action	*sa;
	const char			*key = req_param(rq,
	    "HTTP_IDEMPOTENCY_KEY"), *scope;
	struct case_action		 a;
	char				 hash[CRYPTO_HEX_LEN];
	int64_t				 id = req_case_code(rq);
	int				 st, percent = -1;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	if (id == 0)
		return resp_error(rs, 404, "not_found", NULL, "no such case");
	if (model_sync_action(req_cap(rq, "action"), &sa) == -1)
		return resp_error(rs, 404, "unknown_action", NULL, "no such "
		    "action in the sync API (docs/integration.md)");
	if (key == NULL || model_sync_key_ok(key) == -1)
		return resp_error(rs, 400, "idempotency_key_required", NULL,
		    "send an Idempotency-Key header: 1-128 printable ASCII "
		    "characters, unique per intended action");
	memset(&a, 0, sizeof(a));
	if ((st = parse_body(rq, rs, sa, &a, &percent)) != 0)
		return st;
	scope = sync_idem_scope(rq);
	store_idem_hash(rq->method_name, rq->path, rq->body, rq->body_len, hash);
	if ((st = claim(rq, rs, scope, key, hash, 0)) != 0)
		return st;
	if (!sa->workflow)
		return note(rq, rs, id, sa->name, &a, percent, key);
	st = transition(rq, rs, id, &a);
	/* nothing changed and a retry may succeed: let the retry run */
	if (st >= 500 || (st == 409 && strstr(buf_str(&rs->body),
	    "\"conflict\"") != NULL)) {
		if (store_idem_release(rq->db, scope, key) == -1)
			return 500;
	} else if (store_idem_finish(rq->db, scope, key, st,
	    buf_str(&rs->body)) == -1)
		return 500;
	return st;
}

int
h_sync_case_register(struct req *rq, struct resp *rs)
{
	struct report_rules	 rules = { 0, 0, 0 };
	struct case_new		 cn;
	struct verr		 ve;
	const char		*ref = jstr(rq->json, "external_ref");
	const char		*field = jstr(rq->json, "field");
	const char		*group = jstr(rq->json, "group");
	char			 phone[16];
	int			 st;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	if (model_sync_key_ok(ref) == -1)
		return resp_error(rs, 422, "required", "external_ref", "your "
		    "system's id of the case: 1-128 printable ASCII characters");
	if (field == NULL || group == NULL)
		return resp_error(rs, 422, "required", field ? "group" : "field",
		    "field and group are required to distribute the case");
	st = store_sync_group_ok(rq->db, field, group);
	if (st == -1)
		return 500;
	if (st == 1)
		return resp_error(rs, 422, "unknown_group", "group",
		    "no such active report group in this field");
	if (model_report_from_json(rq->json, &rules, &cn, phone, &ve) == -1)
		return resp_error(rs, 422, ve.code, ve.field, "%s", ve.msg);
	return registered(rq, rs, ref, &cn, field, group);
}

static int
parse_body(struct req *rq, struct resp *rs, const struct sync_action *sa,
    struct case_action *a, int *percent)
{
	json_t		*j = rq->json, *p;
	const char	*by;
	int		 st, need_text;

	a->action = sa->action;
	need_text = !sa->workflow || a->action == WF_A_SUBMIT_RESULT ||
	    a->action == WF_A_SUBMIT_CLARIFICATION;
	if ((st = text_ok(rs, j, "text", MAX_TEXT, need_text)) != 0 ||
	    (st = text_ok(rs, j, "reason", MAX_TEXT, a->action ==
	    WF_A_RETURN_NOT_COMPETENT)) != 0 ||
	    (st = text_ok(rs, j, "approved_by", 255, 0)) != 0)
		return st;
	a->text = jstr(j, "text");
	a->reason = jstr(j, "reason");
	by = jstr(j, "approved_by");
	if (by != NULL && (a->action == WF_A_APPROVE ||
	    a->action == WF_A_APPROVE_CLARIFICATION))	/* domain.md §10 */
		a->reason = arena_printf(rq->arena, "approved_by: %s%s%s", by,
		    a->reason ? "; " : "", a->reason ? a->reason : "");
	p = json_object_get(j, "percent");
	if (p != NULL && strcmp(sa->name, "progress") == 0) {
		if (!json_is_integer(p) || json_integer_value(p) < 0 ||
		    json_integer_value(p) > 100)
			return resp_error(rs, 422, "invalid_value", "percent",
			    "percent is a whole number 0..100");
		*percent = (int)json_integer_value(p);
	}
	return 0;
}

static int
text_ok(struct resp *rs, json_t *j, const char *key, size_t max, int required)
{
	json_t	*v = json_object_get(j, key);

	if (v == NULL || json_is_null(v)) {
		if (!required)
			return 0;
		return resp_error(rs, 422, "required", key, "%s is required",
		    key);
	}
	if (!json_is_string(v))
		return resp_error(rs, 422, "invalid_type", key, "must be text");
	if (json_string_length(v) > max)
		return resp_error(rs, 422, "too_long", key, "at most %zu bytes",
		    max);
	if (strlen(json_string_value(v)) != json_string_length(v) ||
	    (required && json_string_length(v) == 0))
		return resp_error(rs, 422, required ? "required" :
		    "invalid_text", key, "non-empty text without NUL characters");
	return 0;
}

/*
 * 0 when the key is ours to use; otherwise the answer is set and its
 * status returned. reg: registration, where a reused external_ref
 * returns the first case (200) whatever the body.
 */
static int
claim(struct req *rq, struct resp *rs, const char *scope, const char *key,
    const char *hash, int reg)
{
	struct buf	body;
	int		st = 0, rc;

	buf_init(&body, 16 << 20);
	rc = store_idem_claim(rq->db, scope, key, hash, rq->wall,
	    SYNC_IDEM_STALE_S, &st, &body);
	if (rc == IDEM_NEW)
		st = 0;
	else if (rc == IDEM_REPLAY)
		st = sync_replay(rs, reg && st == 201 ? 200 : st, buf_str(&body));
	else if (rc == IDEM_PENDING) {
		resp_header(rs, "Retry-After", "1");
		st = resp_error(rs, 409, "retry_later", NULL, "the first request "
		    "with this key is still running; retry in a moment");
	} else if (rc == IDEM_MISMATCH)
		st = resp_error(rs, 422, "idempotency_key_reused", NULL,
		    "this Idempotency-Key was used for a different request");
	else
		st = 500;
	buf_free(&body);
	return st;
}

static int
transition(struct req *rq, struct resp *rs, int64_t id,
    const struct case_action *a)
{
	struct case_result	res;
	struct actor		who;

	req_actor(rq, ACTOR_AGENCY_API, &who);
	if (store_case_act(rq->db, id, &who, a, rq->now, &res) == -1)
		return resp_result(rs, &res);
	resp_json(rs, json_pack("{s:o, s:s, s:I}", "code", json_sprintf(
	    "%lld", (long long)id), "state", res.state, "event_id",
	    (json_int_t)res.event_id));
	return 200;
}

static int
note(struct req *rq, struct resp *rs, int64_t id, const char *kind,
    const struct case_action *a, int percent, const char *key)
{
	struct sync_note	 sn;
	struct actor		 who;
	json_t			*out = NULL;
	int			 st;

	req_actor(rq, ACTOR_AGENCY_API, &who);
	memset(&sn, 0, sizeof(sn));
	sn.case_id = id;
	sn.who = &who;
	sn.kind = kind;
	sn.text = a->text;
	sn.percent = percent;
	sn.now = rq->now;
	sn.idem_scope = sync_idem_scope(rq);
	sn.idem_key = key;
	st = store_sync_note(rq->db, &sn, &out);
	if (st == 0) {
		resp_json(rs, out);
		return 201;
	}
	if (store_idem_release(rq->db, sn.idem_scope, key) == -1 || st == -1)
		return 500;
	if (st == 2)
		return resp_error(rs, 409, "secret_case", NULL, "the case is "
		    "handled under state-secret rules; nothing is recorded here");
	return resp_error(rs, 404, "not_found", NULL,
	    "no such case among your agency's cases");
}

/* Creates (or finds again) the case and distributes it to the agency. */
static int
registered(struct req *rq, struct resp *rs, const char *ref,
    struct case_new *cn, const char *field, const char *group)
{
	const char		*scope = arena_printf(rq->arena, "case:org:%lld",
	    (long long)rq->who.org_id), *state = "received";
	struct case_created	 out;
	struct case_result	 res;
	struct case_action	 a;
	struct actor		 who, sys = { ACTOR_SYSTEM, 0, 0,
	    WF_ROLE_RECEPTION, 0 };
	char			 hash[CRYPTO_HEX_LEN];
	int64_t			 id = 0;
	int			 st;

	store_idem_hash("register", "", NULL, 0, hash);	/* any body */
	if ((st = claim(rq, rs, scope, ref, hash, 1)) != 0)
		return st;
	cn->channel = "sync";
	/* unique per (channel, channel_ref): the agency and its own id */
	cn->channel_ref = arena_printf(rq->arena, "org:%lld:%s",
	    (long long)rq->who.org_id, ref);
	cn->external_ref = ref;
	cn->received_at = rq->now;	/* our receipt time counts (§10) */
	req_actor(rq, ACTOR_AGENCY_API, &who);
	st = store_sync_find(rq->db, rq->who.org_id, ref, &id, &state);
	if (st == 1 && store_case_create(rq->db, cn, &who, rq->now, &out,
	    &res) == 0)
		id = out.id;
	if (id == 0) {
		store_idem_release(rq->db, scope, ref);
		return st == -1 ? 500 : resp_result(rs, &res);
	}
	memset(&a, 0, sizeof(a));
	a.action = WF_A_DISTRIBUTE;
	a.field_code = field;
	a.group_code = group;
	a.unit_code = cn->unit_code;
	a.lead_org_id = rq->who.org_id;
	if (strcmp(state, "received") == 0 &&
	    store_case_act(rq->db, id, &sys, &a, rq->now, &res) == 0)
		state = res.state;	/* else the center distributes it */
	resp_json(rs, json_pack("{s:o, s:s, s:s}", "code", json_sprintf("%lld",
	    (long long)id), "state", state, "external_ref", ref));
	if (store_idem_finish(rq->db, scope, ref, 201, buf_str(&rs->body)) == -1)
		return 500;
	return 201;
}
