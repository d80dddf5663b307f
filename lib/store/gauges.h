/*
 * gauges.h: the operational numbers /metrics reads from the database:
 * queue depths, overdue stage clocks, gammu's outbox. Read-only queries,
 * each cheap on the existing indexes.
 */
#ifndef STORE_GAUGES_H
#define STORE_GAUGES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

/* A count with up to two label values (e.g. channel, state). */
struct gauge_row {
	char	a[32];
	char	b[32];		/* "" when the family has one label */
	int64_t	n;
};

/* gammu-smsd's queue: rows in outbox and the age of the oldest. */
struct gauge_outbox {
	int64_t	rows;
	int64_t	oldest_age_s;	/* wall clock now - MIN(InsertIntoDB); 0 */
};

/* Cases waiting for the intake check (state 'received'). 0 or -1. */
int	store_gauges_intake(struct db *, int64_t *n);
/*
 * Notification rows by channel (a) and state (b), all channels, into
 * out[0..max-1]; *n = rows filled. 0 or -1.
 */
int	store_gauges_notifications(struct db *, struct gauge_row *out,
	    size_t max, size_t *n);
/*
 * Running stage clocks past due at `now` (business time), by kind (a);
 * time boxes (window_only) are never overdue themselves. 0 or -1.
 */
int	store_gauges_overdue(struct db *, time_t now, struct gauge_row *out,
	    size_t max, size_t *n);
/* gammu-smsd's outbox size and oldest message's age. 0 or -1. */
int	store_gauges_outbox(struct db *, struct gauge_outbox *);

#endif
