/*
 * reports.c: POST /api/v1/reports (citizens, any channel using our API) and
 * POST /api/v1/cases (reception registers a phone or paper report).
 */
#include <string.h>

#include "app.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/media.h"
#include "model/report.h"
#include "store/cases.h"
#include "store/ref.h"

static int	create(struct req *, struct resp *, const char *, int);
static int	channel_ok(const char *, int);

int
h_reports_create(struct req *rq, struct resp *rs)
{
	return create(rq, rs, jstr(rq->json, "channel"), 0);
}

int
h_cases_create(struct req *rq, struct resp *rs)
{
	return create(rq, rs, jstr(rq->json, "channel"), 1);
}

static int
create(struct req *rq, struct resp *rs, const char *channel, int staff)
{
	struct report_rules	rules = { !staff, 1, !staff };
	struct case_new		cn;
	struct case_created	out;
	struct case_result	res;
	struct actor		who;
	struct verr		ve;
	char			phone[16], flag[8];
	json_t			*j;
	int			 st;

	if (channel == NULL)
		channel = staff ? "hotline" : "portal";
	if (!channel_ok(channel, staff))
		return resp_error(rs, 422, "invalid_value", "channel",
		    staff ? "hotline or direct" : "portal, app or eportal");
	/* B14: strict by default; a deployment may accept phone-only reports */
	if (!staff && store_setting_get(rq->db, "require_email", flag,
	    sizeof(flag)) == 0 && strcmp(flag, "0") == 0)
		rules.require_email = 0;
	if (model_report_from_json(rq->json, &rules, &cn, phone, &ve) == -1)
		return resp_error(rs, 422, ve.code, ve.field, "%s", ve.msg);
	st = req_media_refs(rq, rs, &cn);	/* media (issue 6) */
	if (st != 0)
		return st;
	cn.channel = channel;
	cn.received_at = rq->now;
	req_actor(rq, staff ? ACTOR_STAFF : ACTOR_REPORTER, &who);
	if (store_case_create(rq->db, &cn, &who, rq->now, &out, &res) == -1)
		return resp_result(rs, &res);
	j = json_pack("{s:o, s:s, s:o, s:s, s:I}",
	    "code", json_sprintf("%lld", (long long)out.id),
	    "token", out.token,
	    "track_url", json_sprintf("%s/track.html#%s",
	    rq->app->conf.public_url, out.token),
	    "state", "received", "intake_due_at", (json_int_t)out.intake_due);
	resp_json(rs, j);
	return 201;
}

static int
channel_ok(const char *c, int staff)
{
	static const char *const citizen[] = { "portal", "app", "eportal", NULL };
	static const char *const desk[] = { "hotline", "direct", NULL };
	const char *const *l = staff ? desk : citizen;
	size_t	i;

	for (i = 0; l[i] != NULL; i++)
		if (strcmp(c, l[i]) == 0)
			return 1;
	return 0;
}
