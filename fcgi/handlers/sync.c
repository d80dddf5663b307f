/*
 * sync.c: the read side of the agency sync API (/api/sync/v1): the change
 * feed and one case, plus the helpers every sync handler shares (the
 * certificate-agency check, idempotent replays). Actions and case
 * registration are in sync_actions.c, webhooks in sync_hooks.c.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/parse.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/sync_int.h"
#include "store/orgs.h"
#include "store/sync.h"

#define FEED_DEFAULT	100
#define FEED_MAX	500

int
h_sync_feed(struct req *rq, struct resp *rs)
{
	const char	*c = req_query(rq, "cursor"), *l = req_query(rq, "limit");
	int64_t		 cursor = 0, limit = FEED_DEFAULT, next;
	json_t		*evs = NULL;
	int		 st, more;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	if (c != NULL && parse_i64(c, 0, INT64_MAX / 2, &cursor) == -1)
		return resp_error(rs, 400, "invalid_cursor", "cursor",
		    "the cursor is an event id (a number >= 0)");
	if (l != NULL && parse_i64(l, 1, FEED_MAX, &limit) == -1)
		return resp_error(rs, 400, "invalid_limit", "limit",
		    "limit must be 1..%d", FEED_MAX);
	st = store_sync_feed(rq->db, rq->who.org_id, cursor, (int)limit, &evs,
	    &next, &more);
	if (st == -1)
		return 500;
	if (st == 1) {
		json_decref(evs);
		resp_header(rs, "Retry-After", "1");
		return resp_error(rs, 503, "retry_later", NULL, "events are "
		    "being written right now; try again in a second");
	}
	resp_json(rs, json_pack("{s:o, s:I, s:b}", "events", evs,
	    "next_cursor", (json_int_t)next, "more", more));
	return 200;
}

int
h_sync_case_get(struct req *rq, struct resp *rs)
{
	int64_t		 id = req_case_code(rq);
	struct actor	 who;
	json_t		*o = NULL;
	int		 st;

	if ((st = sync_scope(rq, rs)) != 0)
		return st;
	req_actor(rq, ACTOR_AGENCY_API, &who);
	st = id ? store_sync_case(rq->db, id, &who, rq->now, &o) : 1;
	if (st == -1)
		return 500;
	if (st == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such case among your agency's cases");
	resp_json(rs, o);
	return 200;
}

int
sync_scope(struct req *rq, struct resp *rs)
{
	const char	*v = req_param(rq, "SSL_CLIENT_VERIFY");
	const char	*a = req_param(rq, "PHANANH_AGENCY");
	int64_t		 org = 0;
	int		 rc;

	if (v == NULL || strcmp(v, "SUCCESS") != 0 || a == NULL || *a == '\0')
		return 0;	/* no verified certificate: the key decides */
	rc = store_org_id(rq->db, a, &org);
	if (rc == -1)
		return 500;
	if (rc == 1 || org != rq->who.org_id)
		return resp_error(rs, 403, "certificate_mismatch", NULL,
		    "the API key belongs to another agency than the client "
		    "certificate");
	return 0;
}

const char *
sync_idem_scope(struct req *rq)
{
	return arena_printf(rq->arena, "org:%lld", (long long)rq->who.org_id);
}

int
sync_replay(struct resp *rs, int status, const char *body)
{
	buf_reset(&rs->body);
	if (buf_puts(&rs->body, body) == -1)
		return 500;
	resp_header(rs, "Idempotent-Replayed", "true");
	return status;
}
