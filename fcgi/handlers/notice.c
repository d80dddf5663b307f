/*
 * notice.c: the published answer as the official result notice
 * (domain.md §13) in PDF: GET /api/v1/public/cases/:code/notice.pdf for
 * public cases (generic salutation) and GET /api/v1/track/:token/notice.pdf
 * for the reporter, confidential cases included (addressed by name).
 * Visibility is the store's view: what a view does not show, no PDF shows.
 */
#include <stdio.h>
#include <unistd.h>

#include "core/arena.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/report_int.h"
#include "report/doc.h"
#include "store/cases.h"
#include "store/report_inst.h"

static int	render(struct req *, struct resp *, int64_t, json_t *,
		    const char *);

int
h_public_notice_pdf(struct req *rq, struct resp *rs)
{
	json_t	*o = NULL;
	int64_t	 id = req_case_code(rq);
	int	 rc;

	rc = id ? store_case_view(rq->db, id, VIEW_PUBLIC, NULL, rq->now, &o) :
	    1;
	if (rc == -1)
		return 500;
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL,
		    "no such public case");
	rc = render(rq, rs, id, o, NULL);
	json_decref(o);
	return rc;
}

int
h_track_notice_pdf(struct req *rq, struct resp *rs)
{
	struct actor	 who;
	json_t		*o = NULL;
	int64_t		 id = 0;
	char		 name[256];
	int		 rc;

	rc = store_case_by_token(rq->db, req_cap(rq, "token"), &id);
	if (rc == 0) {
		req_actor(rq, ACTOR_REPORTER, &who);
		rc = store_case_view(rq->db, id, VIEW_REPORTER, &who, rq->now,
		    &o);
	}
	if (rc == 0 && store_case_reporter_name(rq->db, id, name,
	    sizeof(name)) == -1)
		rc = -1;
	if (rc == -1) {
		json_decref(o);
		return 500;
	}
	if (rc == 1)
		return resp_error(rs, 404, "not_found", NULL, "unknown link");
	rc = render(rq, rs, id, o, name);
	json_decref(o);
	return rc;
}

static int
render(struct req *rq, struct resp *rs, int64_t id, json_t *view,
    const char *addressee)
{
	json_t	*n = json_object_get(view, "notice");
	char	*dir, *path, code[24];
	int	 st = 500;

	if (!json_is_object(n))
		return resp_error(rs, 404, "not_found", NULL,
		    "the case has no published answer yet");
	dir = report_tmpdir(rq);
	if (dir == NULL)
		return 500;
	snprintf(code, sizeof(code), "%lld", (long long)id);
	path = arena_printf(rq->arena, "%s/notice.pdf", dir);
	if (rpt_notice_pdf(n, code, addressee, path) == 0)
		st = report_send_file(rs, path, "application/pdf",
		    arena_printf(rq->arena, "thong-bao-ket-qua-%s.pdf", code));
	unlink(path);
	rmdir(dir);
	return st;
}
