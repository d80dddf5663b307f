/*
 * sweep.h: the system's own transitions, run by the deadline daemon (or
 * "phananh-admin tick"): expire unanswered requests for information and
 * auto-close answered cases. Each case goes through store_case_act.
 */
#ifndef STORE_SWEEP_H
#define STORE_SWEEP_H

#include <time.h>

struct db;

struct sweep_counts {
	int	expired;	/* NEEDS_INFO -> NOT_ACCEPTED */
	int	closed;		/* answered -> CLOSED */
	int	failed;
};

/* Runs both sweeps at `now` (at most `limit` cases each). 0 or -1. */
int	store_sweep(struct db *, time_t now, int limit, struct sweep_counts *);

#endif
