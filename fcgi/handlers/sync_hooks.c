/*
 * sync_hooks.c: webhook registration for agency systems
 * (/api/sync/v1/webhooks): create (the secret is shown once), list,
 * delete, list deliveries, redeliver. Sending is phananh-jobd's job
 * (jobd/webhooks.c); nothing here calls out.
 */
#include <string.h>

#include "core/parse.h"
#include "crypto.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/sync_int.h"
#include "model/sync.h"
#include "store/webhooks.h"

static int64_t	cap_id(const struct req *, const char *);

int
h_sync_hooks_create(struct req *rq, struct resp *rs)
{
	const char	*url = jstr(rq->json, "url"), *why;
	char		 secret[CRYPTO_TOKEN_LEN];
	int64_t		 id = 0;
	int		 st;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	if (model_webhook_url_ok(url, &why) == -1)
		return resp_error(rs, 422, "invalid_url", "url", "%s", why);
	st = store_webhook_create(rq->db, rq->who.org_id, url, rq->now, &id,
	    secret);
	if (st == -1)
		return 500;
	if (st == 1)
		return resp_error(rs, 409, "too_many_webhooks", NULL, "at most "
		    "%d webhooks per agency", WEBHOOKS_PER_ORG);
	resp_json(rs, json_pack("{s:o, s:s, s:s, s:s}", "id", json_sprintf(
	    "%lld", (long long)id), "url", url, "secret", secret, "note",
	    "keep the secret: it is shown only now and signs every delivery"));
	return 201;
}

int
h_sync_hooks_list(struct req *rq, struct resp *rs)
{
	json_t	*arr = NULL;
	int	 st;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	if (store_webhook_list(rq->db, rq->who.org_id, &arr) == -1)
		return 500;
	resp_json(rs, json_pack("{s:o}", "webhooks", arr));
	return 200;
}

int
h_sync_hooks_delete(struct req *rq, struct resp *rs)
{
	int64_t	id = cap_id(rq, "id");
	int	st;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	st = id ? store_webhook_delete(rq->db, rq->who.org_id, id, rq->wall) : 1;
	if (st == -1)
		return 500;
	if (st == 1)
		return resp_error(rs, 404, "not_found", NULL, "no such webhook");
	resp_json(rs, json_pack("{s:b}", "deleted", 1));
	return 200;
}

int
h_sync_deliveries_list(struct req *rq, struct resp *rs)
{
	static const char *const states[] = { "queued", "sending", "delivered",
	    "failed", "dead", NULL };
	const char	*state = req_query(rq, "state"), *l = req_query(rq, "limit");
	int64_t		 id = cap_id(rq, "id"), limit = 100;
	json_t		*arr = NULL;
	size_t		 i;
	int		 st;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	for (i = 0; state != NULL && states[i] != NULL; i++)
		if (strcmp(state, states[i]) == 0)
			break;
	if (state != NULL && states[i] == NULL)
		return resp_error(rs, 400, "invalid_state", "state", "queued, "
		    "sending, delivered, failed or dead");
	if (l != NULL && parse_i64(l, 1, 500, &limit) == -1)
		return resp_error(rs, 400, "invalid_limit", "limit",
		    "limit must be 1..500");
	st = id ? store_webhook_deliveries(rq->db, rq->who.org_id, id, state,
	    (int)limit, &arr) : 1;
	if (st == -1)
		return 500;
	if (st == 1)
		return resp_error(rs, 404, "not_found", NULL, "no such webhook");
	resp_json(rs, json_pack("{s:o}", "deliveries", arr));
	return 200;
}

int
h_sync_deliveries_redeliver(struct req *rq, struct resp *rs)
{
	int64_t	id = cap_id(rq, "id"), d = cap_id(rq, "delivery");
	int	st;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	st = id && d ? store_webhook_redeliver(rq->db, rq->who.org_id, id, d,
	    rq->wall) : 1;
	if (st == -1)
		return 500;
	if (st == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such delivery of this webhook");
	if (st == 2)
		return resp_error(rs, 409, "delivery_in_flight", NULL,
		    "the delivery is being sent right now");
	resp_json(rs, json_pack("{s:b}", "queued", 1));
	return 202;
}

static int64_t
cap_id(const struct req *rq, const char *name)
{
	const char	*c = req_cap(rq, name);
	int64_t		 v;

	if (c == NULL || parse_i64(c, 1, INT64_C(999999999999), &v) == -1)
		return 0;
	return v;
}
