/*
 * timers.h: the stage clocks of a case (domain.md §4.1): one row per
 * running or finished clock. All functions require an open transaction
 * holding the case row lock.
 */
#ifndef STORE_TIMERS_H
#define STORE_TIMERS_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "workflow.h"

struct db;

/* Applies a transition's masks in the order cancel, stop, pause, resume,
 * start. start_at is when fresh clocks start (B2: receipt for intake);
 * org ids say who owns center and agency clocks; budgets come from the
 * defaults, the agency's process_minutes and settings. 0 or -1. */
struct timer_ctx {
	int64_t		case_id;
	time_t		now;
	time_t		start_at;
	int64_t		center_org;
	int64_t		agency_org;	/* lead agency, 0 if none */
	int		process_minutes;	/* agency SLA */
	int		supplement_minutes;
	int		clarify_minutes;
	int		fresh;		/* a new case: no clock to cancel */
};

int	store_timers_apply(struct db *, const struct timer_ctx *,
	    const struct wf_transition *);
/* Due time of the open T_SUPPLEMENT (0 if none). */
int	store_timer_due(struct db *, int64_t case_id, enum wf_timer,
	    time_t *due);
/* Timers of a case as a JSON array (new reference), with "overdue" for
 * running clocks past due at now. */
int	store_timers_json(struct db *, int64_t case_id, time_t now,
	    json_t **out);

#endif
