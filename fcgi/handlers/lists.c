/*
 * lists.c: GET /api/v1/queues/:queue (staff), /api/v1/public/cases and
 * /api/v1/public/cases/:code (anyone), /api/v1/meta.
 */
#include <string.h>

#include "core/parse.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "store/cases.h"
#include "store/lists.h"
#include "store/orgs.h"

static void	filter(struct req *, struct list_filter *, int);

int
h_queues_get(struct req *rq, struct resp *rs)
{
	struct list_filter	 f;
	enum queue		 q;
	json_t			*o = NULL, *counts = NULL;
	int64_t			 scope = rq->who.is_center ? 0 : rq->who.org_id;

	if (store_queue_parse(req_cap(rq, "queue"), &q) == -1)
		return resp_error(rs, 404, "unknown_queue", NULL,
		    "intake, returned, inbox, processing, approval, "
		    "publication, overdue or all");
	filter(rq, &f, 200);
	if (store_queue(rq->db, q, scope, &f, rq->now, &o) == -1 ||
	    store_queue_counts(rq->db, scope, rq->now, &counts) == -1) {
		json_decref(o);
		return 500;
	}
	json_object_set_new(o, "counts", counts);
	json_object_set_new(o, "now", json_integer(rq->now));
	resp_json(rs, o);
	return 200;
}

int
h_public_list(struct req *rq, struct resp *rs)
{
	struct list_filter	 f;
	json_t			*o = NULL;

	filter(rq, &f, 100);
	if (store_public_list(rq->db, &f, &o) == -1)
		return 500;
	resp_json(rs, o);
	return 200;
}

int
h_public_get(struct req *rq, struct resp *rs)
{
	json_t	*o = NULL;
	int64_t	 id = req_case_code(rq);
	int	 rc;

	rc = id ? store_case_view(rq->db, id, VIEW_PUBLIC, NULL, rq->now, &o) : 1;
	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such public case");
	resp_json(rs, o);
	return 200;
}

int
h_meta_get(struct req *rq, struct resp *rs)
{
	json_t	*o = NULL;

	if (store_meta_json(rq->db, &o) == -1)
		return 500;
	resp_json(rs, o);
	return 200;
}

static void
filter(struct req *rq, struct list_filter *f, int max)
{
	int64_t	v;

	memset(f, 0, sizeof(*f));
	f->field = req_query(rq, "field");
	f->agency = req_query(rq, "agency");
	f->unit = req_query(rq, "unit");
	f->state = req_query(rq, "state");
	f->q = req_query(rq, "q");
	if (req_query(rq, "from") && parse_i64(req_query(rq, "from"), 0,
	    INT64_C(4102444800), &v) == 0)
		f->from = (time_t)v;
	if (req_query(rq, "to") && parse_i64(req_query(rq, "to"), 0,
	    INT64_C(4102444800), &v) == 0)
		f->to = (time_t)v;
	req_paging(rq, max, &f->page, &f->size);
}
