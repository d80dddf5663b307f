/*
 * reportdocs.c: GET /api/v1/reports/:type (a periodic report for a period,
 * as JSON, CSV of one table, XLSX or PDF) and POST
 * /api/v1/reports/:type/narrative (the editable obstacles and proposals
 * section, the document number and the signer of that report instance).
 * :type is weekly, monthly, quarterly, halfyear, yearly or adhoc.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/report_int.h"
#include "report/build.h"
#include "report/doc.h"
#include "store/report_inst.h"

#define NARRATIVE_MAX	20000

static const char	*label(struct req *);
static int		 send(struct req *, struct resp *, json_t *,
			    const char *, const char *);
static int		 send_csv(struct req *, struct resp *, json_t *,
			    const char *);

int
h_reportdocs_get(struct req *rq, struct resp *rs)
{
	struct rscope		 sc;
	struct rp_period	 per;
	enum rp_type		 t;
	json_t			*rep = NULL;
	const char		*fmt = req_query(rq, "format"), *base;
	int			 st;

	if (rp_type_parse(req_cap(rq, "type"), &t) == -1)
		return resp_error(rs, 404, "not_found", "type",
		    "unknown report type");
	if ((st = report_scope(rq, rs, &sc)) != 0)
		return st;
	if (fmt == NULL)
		fmt = "json";
	if (strcmp(fmt, "json") && strcmp(fmt, "csv") && strcmp(fmt, "xlsx") &&
	    strcmp(fmt, "pdf"))
		return resp_error(rs, 422, "invalid_value", "format",
		    "json, csv, xlsx or pdf");
	st = rpt_build(rq->db, t, label(rq), sc.org_id, rq->now, &per, &rep);
	if (st == 1)
		return resp_error(rs, 422, "invalid_value", "period",
		    "YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY, YYYY-Www or "
		    "YYYY-MM-DD..YYYY-MM-DD for this report type");
	if (st == -1)
		return 500;
	base = arena_printf(rq->arena, "bao-cao-%s-%s%s%s", rp_type_name(t),
	    per.label, *sc.code ? "-" : "", sc.code);
	if (strcmp(fmt, "json") == 0) {
		resp_json(rs, rep);
		return 200;
	}
	st = strcmp(fmt, "csv") == 0 ? send_csv(rq, rs, rep, base) :
	    send(rq, rs, rep, fmt, base);
	json_decref(rep);
	return st;
}

int
h_reportdocs_narrative(struct req *rq, struct resp *rs)
{
	struct report_inst	 ri;
	struct rscope		 sc;
	struct rp_period	 per;
	struct rp_conf		 cf;
	enum rp_type		 t;
	const char		*text = jstr(rq->json, "narrative");
	char			 a[16], b[16], d[16];
	int			 st;

	if (rp_type_parse(req_cap(rq, "type"), &t) == -1)
		return resp_error(rs, 404, "not_found", "type",
		    "unknown report type");
	if ((st = report_scope(rq, rs, &sc)) != 0)
		return st;
	if (rpt_conf(rq->db, &cf) == -1)
		return 500;
	if (rp_parse(t, jstr(rq->json, "period"), &cf, &per) == -1)
		return resp_error(rs, 422, "invalid_value", "period",
		    "not a period of this report type");
	if (text == NULL || strlen(text) > NARRATIVE_MAX)
		return resp_error(rs, 422, "required", "narrative",
		    "text of at most 20000 bytes");
	rpt_day_text(per.from_ymd, a, sizeof(a));
	rpt_day_text(per.to_ymd, b, sizeof(b));
	rpt_day_text(per.due_ymd, d, sizeof(d));
	memset(&ri, 0, sizeof(ri));
	ri.type = rp_type_name(t);
	ri.period = per.label;
	ri.org_id = sc.org_id;
	ri.from_day = a;
	ri.to_day = b;
	ri.due_day = per.due_ymd ? d : NULL;
	ri.narrative = text;
	ri.doc_number = jstr(rq->json, "doc_number");
	ri.signer = jstr(rq->json, "signer");
	ri.user_id = rq->who.user_id;
	ri.now = rq->now;
	if (store_report_inst_narrative(rq->db, &ri) == -1)
		return 500;
	resp_json(rs, json_pack("{s:s, s:s, s:s, s:s}", "type", ri.type,
	    "period", per.label, "agency", sc.code, "narrative", text));
	return 200;
}

/* ?period=, ?week= (weekly), or ?from=YYYY-MM-DD&to=YYYY-MM-DD (ad hoc) */
static const char *
label(struct req *rq)
{
	const char	*p = req_query(rq, "period"), *f, *t;

	if (p != NULL)
		return p;
	if ((p = req_query(rq, "week")) != NULL)
		return p;
	f = req_query(rq, "from");
	t = req_query(rq, "to");
	if (f != NULL && t != NULL)
		return arena_printf(rq->arena, "%s..%s", f, t);
	return "";
}

static int
send(struct req *rq, struct resp *rs, json_t *rep, const char *fmt,
    const char *base)
{
	char		*dir = report_tmpdir(rq), *path;
	int		 pdf = strcmp(fmt, "pdf") == 0, st = 500;

	if (dir == NULL)
		return 500;
	path = arena_printf(rq->arena, "%s/r.%s", dir, fmt);
	if ((pdf ? rpt_pdf(rep, path) : rpt_xlsx(rep, path)) == 0)
		st = report_send_file(rs, path, pdf ? "application/pdf" :
		    "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet", arena_printf(rq->arena, "%s.%s",
		    base, fmt));
	unlink(path);
	rmdir(dir);
	return st;
}

static int
send_csv(struct req *rq, struct resp *rs, json_t *rep, const char *base)
{
	const char		*name = req_query(rq, "table");
	const struct rpt_table	*t = rpt_table_find(name ? name : "summary");
	char			 cd[256];

	if (t == NULL)
		return resp_error(rs, 422, "invalid_value", "table",
		    "unknown table");
	buf_reset(&rs->body);
	if (rpt_csv(t, rep, &rs->body) == -1)
		return 500;
	rs->ctype = "text/csv; charset=utf-8";
	snprintf(cd, sizeof(cd), "attachment; filename=\"%s-%s.csv\"", base,
	    t->name);
	resp_header(rs, "Content-Disposition", cd);
	return 200;
}
