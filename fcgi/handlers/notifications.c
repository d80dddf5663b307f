/*
 * notifications.c: the staff member's portal feed (GET /api/v1/notifications,
 * POST /api/v1/notifications/:id/read) and the monitor's failed deliveries
 * (GET /api/v1/notifications/failed, POST /api/v1/notifications/:id/retry).
 */
#include <string.h>

#include "core/parse.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "store/feed.h"

static int64_t	cap_id(const struct req *);

int
h_notifications_list(struct req *rq, struct resp *rs)
{
	json_t	*o = NULL;
	int	 page, size;

	req_paging(rq, 100, &page, &size);
	if (store_feed_list(rq->db, rq->who.user_id, page, size, &o) == -1)
		return 500;
	resp_json(rs, o);
	return 200;
}

int
h_notifications_read(struct req *rq, struct resp *rs)
{
	int64_t	id = cap_id(rq);
	int	rc;

	rc = id ? store_feed_read(rq->db, id, rq->who.user_id, rq->now) : 1;
	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such notification in your feed");
	resp_json(rs, json_pack("{s:I, s:b}", "id", (json_int_t)id, "read",
	    1));
	return 200;
}

int
h_notifications_failed(struct req *rq, struct resp *rs)
{
	static const char *const channels[] = { "sms", "email", "portal",
	    "push", "webhook", "facebook", NULL };
	const char	*ch = req_query(rq, "channel");
	json_t		*o = NULL;
	size_t		 i;
	int		 page, size;

	for (i = 0; ch != NULL && channels[i] != NULL; i++)
		if (strcmp(ch, channels[i]) == 0)
			break;
	if (ch != NULL && channels[i] == NULL)
		return resp_error(rs, 400, "invalid_field", "channel",
		    "sms, email, portal, push, webhook or facebook");
	req_paging(rq, 200, &page, &size);
	if (store_notify_failed(rq->db, ch != NULL ? ch : "", page, size,
	    &o) == -1)
		return 500;
	resp_json(rs, o);
	return 200;
}

int
h_notifications_retry(struct req *rq, struct resp *rs)
{
	int64_t	 id = cap_id(rq);
	char	 state[24] = "";
	int	 rc;

	rc = id ? store_notify_requeue(rq->db, id, rq->who.user_id,
	    rq->who.username != NULL ? rq->who.username : "?", state,
	    sizeof(state)) : 1;
	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such notification");
	if (rc == 2)
		return resp_error(rs, 409, "wrong_state", NULL,
		    "only failed or dead notifications are retried (this one "
		    "is %s)", state);
	resp_json(rs, json_pack("{s:I, s:s}", "id", (json_int_t)id, "state",
	    "queued"));
	return 200;
}

/* The ":id" capture, 0 when malformed. */
static int64_t
cap_id(const struct req *rq)
{
	const char	*s = req_cap(rq, "id");
	int64_t		 id;

	if (s == NULL || parse_i64(s, 1, INT64_MAX, &id) == -1)
		return 0;
	return id;
}
