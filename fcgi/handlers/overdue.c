/*
 * overdue.c: GET /api/v1/overdue: running stage clocks past due, with the
 * stage and the working time overdue (lib/store/reminders.c). Monitors see
 * every agency; an agency leader only the clocks of the own agency.
 */
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "store/reminders.h"

int
h_overdue_list(struct req *rq, struct resp *rs)
{
	json_t	*o = NULL;
	int64_t	 scope = rq->who.is_center ? 0 : rq->who.org_id;
	int	 page, size;

	req_paging(rq, 200, &page, &size);
	if (store_overdue_list(rq->db, scope, rq->now, page, size, &o) == -1)
		return 500;
	resp_json(rs, o);
	return 200;
}
