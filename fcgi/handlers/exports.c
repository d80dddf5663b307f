/*
 * exports.c: GET /api/v1/exports/cases (Art. 11.1: stored data provided to
 * state agencies on request): a filtered case list as CSV or XLSX, without
 * the reporter's identity; with it (identity=1) only for center roles and
 * with a stated reason. Every export is written to the audit log.
 * Filters: from, to (YYYY-MM-DD, received, default the last 30 days),
 * field, state, channel, agency (center roles); format=csv|xlsx.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/report_int.h"
#include "report/doc.h"
#include "report/period.h"
#include "store/audit.h"
#include "store/report_inst.h"

#define EXPORT_MAX	100000
#define REASON_MIN	10		/* bytes: a sentence, not "x" */

static int	filter(struct req *, struct resp *, struct export_filter *);
static int	day(const char *, int *);
static int	audit(struct req *, const struct export_filter *, size_t,
		    const char *);
static int	send(struct req *, struct resp *, json_t *, int, int);

int
h_exports_cases(struct req *rq, struct resp *rs)
{
	struct export_filter	 f;
	struct rscope		 sc;
	const char		*fmt = req_query(rq, "format");
	const char		*reason = req_query(rq, "reason");
	json_t			*rows = NULL;
	int			 st, xlsx;

	if ((st = report_scope(rq, rs, &sc)) != 0 ||
	    (st = filter(rq, rs, &f)) != 0)
		return st;
	f.org_id = sc.org_id;
	xlsx = fmt != NULL && strcmp(fmt, "xlsx") == 0;
	if (fmt != NULL && !xlsx && strcmp(fmt, "csv") != 0)
		return resp_error(rs, 422, "invalid_value", "format",
		    "csv or xlsx");
	if (f.identity && !sc.center)
		return resp_error(rs, 403, "forbidden", "identity",
		    "only the center may export reporters' identity");
	if (f.identity && (reason == NULL || strlen(reason) < REASON_MIN))
		return resp_error(rs, 422, "required", "reason",
		    "state why the identity is needed");
	if (store_export_cases(rq->db, &f, &rows) == -1 ||
	    audit(rq, &f, json_array_size(rows), reason) == -1) {
		json_decref(rows);
		return 500;
	}
	st = send(rq, rs, rows, f.identity, xlsx);
	json_decref(rows);
	return st;
}

static int
filter(struct req *rq, struct resp *rs, struct export_filter *f)
{
	const char	*a = req_query(rq, "from"), *b = req_query(rq, "to");
	const char	*id = req_query(rq, "identity");

	memset(f, 0, sizeof(*f));
	f->to_ymd = rp_epoch_ymd(rq->now, 420);
	f->from_ymd = rp_ymd_add(f->to_ymd, -29);
	if ((a != NULL && day(a, &f->from_ymd) == -1) ||
	    (b != NULL && day(b, &f->to_ymd) == -1) ||
	    f->to_ymd < f->from_ymd)
		return resp_error(rs, 422, "invalid_value", "from",
		    "from and to are dates YYYY-MM-DD, from first");
	f->field = req_query(rq, "field");
	f->state = req_query(rq, "state");
	f->channel = req_query(rq, "channel");
	f->identity = id != NULL && strcmp(id, "1") == 0;
	f->limit = EXPORT_MAX;
	return 0;
}

static int
day(const char *s, int *ymd)
{
	int	y, m, d, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] != '\0' ||
	    y < 1971 || y > 2999)
		return -1;
	*ymd = y * 10000 + m * 100 + d;
	return rp_ymd_add(*ymd, 0) == *ymd ? 0 : -1;
}

static int
audit(struct req *rq, const struct export_filter *f, size_t n,
    const char *reason)
{
	struct audit_actor	 who = { rq->who.user_id, rq->who.username ?
	    rq->who.username : "" };
	json_t			*j;
	char			*obj;
	int			 rc;

	j = json_pack("{s:i, s:i, s:I, s:s?, s:s?, s:s?, s:b, s:I}",
	    "from", f->from_ymd, "to", f->to_ymd, "agency", (json_int_t)f->org_id,
	    "field", f->field, "state", f->state, "channel", f->channel,
	    "identity", f->identity, "rows", (json_int_t)n);
	obj = arena_printf(rq->arena, "%d-%d", f->from_ymd, f->to_ymd);
	rc = store_audit(rq->db, &who, f->identity ? "export_cases_identity" :
	    "export_cases", "cases", obj, NULL, j, reason);
	json_decref(j);
	return rc;
}

static int
send(struct req *rq, struct resp *rs, json_t *rows, int identity, int xlsx)
{
	const struct rpt_table	*t = identity ? &rpt_export_id_table :
	    &rpt_export_table;
	json_t			*rep = json_pack("{s:O}", "cases", rows);
	char			*dir, *path;
	int			 st = 500;

	if (!xlsx) {
		buf_reset(&rs->body);
		if (rpt_csv(t, rep, &rs->body) == 0) {
			rs->ctype = "text/csv; charset=utf-8";
			resp_header(rs, "Content-Disposition",
			    "attachment; filename=\"phan-anh.csv\"");
			st = 200;
		}
		json_decref(rep);
		return st;
	}
	dir = report_tmpdir(rq);
	path = dir ? arena_printf(rq->arena, "%s/cases.xlsx", dir) : NULL;
	if (path != NULL && rpt_xlsx_table(t, rep, path) == 0)
		st = report_send_file(rs, path, "application/vnd.openxmlformats-"
		    "officedocument.spreadsheetml.sheet", "phan-anh.xlsx");
	if (path != NULL)
		unlink(path);
	if (dir != NULL)
		rmdir(dir);
	json_decref(rep);
	return st;
}
