/*
 * stats.c: GET /api/v1/stats/overview (the dashboards): the province for
 * center roles, the caller's agency for its leaders; ?from&to are epoch
 * seconds of the first and last instant (local days, UTC+07:00), default
 * the last 30 days. Answers are kept for CACHE_S seconds of business time
 * per worker process (dashboards poll; the aggregates lag by the jobd
 * refresh interval anyway). Also the scope and file helpers of
 * report_int.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/parse.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/report_int.h"
#include "report/doc.h"
#include "report/period.h"
#include "store/orgs.h"
#include "store/stats.h"
#include "workflow.h"

#define UTC_OFFSET_MIN	420
#define MAX_SPAN_DAYS	(3 * 366)
#define CACHE_N		8
#define CACHE_S		30

/* Process lifetime: the last answers, by scope and window. */
struct cached {
	int64_t	 org;
	int	 from, to;
	time_t	 at;
	char	*json;		/* malloc'd */
};
static struct cached	cache[CACHE_N];

static int	window(struct req *, struct resp *, struct stats_scope *);
static int	cache_get(struct resp *, const struct stats_scope *);
static void	cache_put(const struct stats_scope *, json_t *);

int
h_stats_overview(struct req *rq, struct resp *rs)
{
	struct stats_scope	 sc;
	struct rscope		 who;
	json_t			*o = NULL;
	int			 st;

	if ((st = report_scope(rq, rs, &who)) != 0 ||
	    (st = window(rq, rs, &sc)) != 0)
		return st;
	sc.org_id = who.org_id;
	sc.as_of = rq->now;
	if (cache_get(rs, &sc) == 0)
		return 200;
	if (store_stats_overview(rq->db, &sc, &o) == -1)
		return 500;
	json_object_set_new(o, "scope", json_string(who.org_id ? "agency" :
	    "province"));
	json_object_set_new(o, "agency", who.org_id ? json_pack("{s:s, s:s}",
	    "code", who.code, "name", rq->who.org_code && strcmp(who.code,
	    rq->who.org_code) == 0 && rq->who.org_name ? rq->who.org_name :
	    who.code) : json_null());
	json_object_set_new(o, "from_day", json_sprintf("%d", sc.from_ymd));
	json_object_set_new(o, "to_day", json_sprintf("%d", sc.to_ymd));
	json_object_set_new(o, "as_of", json_integer(rq->now));
	cache_put(&sc, o);
	resp_json(rs, o);
	return 200;
}

int
report_scope(struct req *rq, struct resp *rs, struct rscope *s)
{
	const char	*code = req_query(rq, "agency");

	memset(s, 0, sizeof(*s));
	s->code = "";
	s->center = rq->who.is_center &&
	    (rq->who.roles & WF_ROLES_CENTER) != 0;
	if (s->center) {
		if (code == NULL)
			return 0;
		if (store_org_id(rq->db, code, &s->org_id) != 0)
			return resp_error(rs, 422, "invalid_value", "agency",
			    "unknown agency");
		s->code = code;
		return 0;
	}
	if ((rq->who.roles & (WF_ROLE_LEADER | WF_ROLE_AGENCY_ADMIN)) == 0)
		return resp_error(rs, 403, "forbidden", NULL,
		    "reports are for the center and agency leaders");
	s->org_id = rq->who.org_id;
	s->code = rq->who.org_code ? rq->who.org_code : "";
	return 0;
}

int
report_send_file(struct resp *rs, const char *path, const char *ctype,
    const char *filename)
{
	char	cd[256];
	int	rc;

	buf_reset(&rs->body);
	rc = rpt_slurp(path, &rs->body);
	unlink(path);
	if (rc == -1)
		return 500;
	rs->ctype = ctype;
	snprintf(cd, sizeof(cd), "attachment; filename=\"%s\"", filename);
	resp_header(rs, "Content-Disposition", cd);
	return 200;
}

char *
report_tmpdir(struct req *rq)
{
	const char	*t = getenv("TMPDIR");
	char		*d;

	d = arena_printf(rq->arena, "%s/phananh-rpt.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	return d != NULL && mkdtemp(d) != NULL ? d : NULL;
}

static int
cache_get(struct resp *rs, const struct stats_scope *sc)
{
	size_t	i;

	for (i = 0; i < CACHE_N; i++)
		if (cache[i].json != NULL && cache[i].org == sc->org_id &&
		    cache[i].from == sc->from_ymd && cache[i].to == sc->to_ymd &&
		    sc->as_of >= cache[i].at && sc->as_of - cache[i].at <
		    CACHE_S) {
			buf_reset(&rs->body);
			return buf_puts(&rs->body, cache[i].json);
		}
	return -1;
}

/* Replaces the oldest entry. */
static void
cache_put(const struct stats_scope *sc, json_t *o)
{
	size_t	i, old = 0;

	for (i = 1; i < CACHE_N; i++)
		if (cache[i].at < cache[old].at)
			old = i;
	free(cache[old].json);
	cache[old].json = json_dumps(o, JSON_COMPACT);
	cache[old].org = sc->org_id;
	cache[old].from = sc->from_ymd;
	cache[old].to = sc->to_ymd;
	cache[old].at = sc->as_of;
}

static int
window(struct req *rq, struct resp *rs, struct stats_scope *sc)
{
	const char	*f = req_query(rq, "from"), *t = req_query(rq, "to");
	int64_t		 a, b;

	memset(sc, 0, sizeof(*sc));
	b = rq->now;
	a = rq->now - 29 * 86400;
	if ((f != NULL && parse_i64(f, 0, INT64_C(4102444800), &a) == -1) ||
	    (t != NULL && parse_i64(t, 0, INT64_C(4102444800), &b) == -1))
		return resp_error(rs, 422, "invalid_value", f ? "from" : "to",
		    "epoch seconds expected");
	sc->from_ymd = rp_epoch_ymd((time_t)a, UTC_OFFSET_MIN);
	sc->to_ymd = rp_epoch_ymd((time_t)b, UTC_OFFSET_MIN);
	if (sc->to_ymd < sc->from_ymd || rp_ymd_days(sc->to_ymd) -
	    rp_ymd_days(sc->from_ymd) > MAX_SPAN_DAYS)
		return resp_error(rs, 422, "invalid_value", "to",
		    "from..to must be at most 3 years, from first");
	return 0;
}
