/*
 * calendars.h: the working calendar that applies to an organisation
 * (its own, else the province default), parsed from the calendars table.
 */
#ifndef STORE_CALENDARS_H
#define STORE_CALENDARS_H

#include <stdint.h>

struct cal;
struct db;

/*
 * Returns the calendar for org_id (0 = the province default). The pointer
 * is owned by a per-process cache and stays valid until the next call that
 * finds the calendar's version changed; do not free it. 0 or -1 (logged).
 */
int	store_calendar_for_org(struct db *, int64_t org_id,
	    const struct cal **out);
/* The provincial center's organisation id (settings.center_org). */
int	store_center_org(struct db *, int64_t *org_id);

#endif
