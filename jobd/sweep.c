/*
 * sweep.c: the deadline clock's system transitions (lib/store/sweep.c):
 * expired requests for information, auto-close of answered cases.
 */
#include "core/log.h"
#include "jobd/jobd.h"
#include "store/sweep.h"

int
jobd_sweep(struct jobd *jd, time_t now)
{
	struct sweep_counts	c;

	if (store_sweep(jd->db, now, 500, &c) == -1)
		return -1;
	if (c.expired || c.closed || c.failed)
		log_info(NULL, "sweep: expired %d, closed %d, failed %d",
		    c.expired, c.closed, c.failed);
	return c.failed ? -1 : 0;
}
