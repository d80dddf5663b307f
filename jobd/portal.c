/*
 * portal.c: channel 'portal' notifications are delivered by existing: the
 * feed (GET /api/v1/notifications) reads them in any state. This job only
 * moves queued portal rows to 'sent', so queue statistics and the
 * monitor's lists do not show them as waiting. read_at says "seen".
 */
#include "core/log.h"
#include "jobd/jobd.h"
#include "store/feed.h"

#define CHUNK	1000

int
jobd_portal(struct jobd *jd, time_t now)
{
	int	n, total = 0, rounds = 0;

	(void)now;
	do {
		if (store_portal_settle(jd->db, CHUNK, &n) == -1)
			return -1;
		total += n;
	} while (n == CHUNK && ++rounds < 20);
	if (total > 0)
		log_debug(NULL, "portal: %d rows sent", total);
	return 0;
}
