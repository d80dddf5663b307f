/*
 * gauges.h: the operational numbers /metrics reads from the database:
 * queue depths, overdue stage clocks, and gammu-smsd's outbox and phones
 * (read only; gammu.md documents the columns). Each query is cheap on the
 * existing indexes or on tables that stay small.
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

/* One gammu-smsd (a row of its phones table; notes/gammu.md). */
struct gauge_phone {
	char	id[64];		/* PhoneID */
	int64_t	updated;	/* UpdatedInDB as Unix time */
	int64_t	age_s;		/* wall clock now - UpdatedInDB */
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
/*
 * Every gammu-smsd that ever ran against this database (phones rows,
 * refreshed every StatusFrequency seconds while it runs, never deleted),
 * ordered by ID, into out[0..max-1]; *n = rows filled. 0 or -1.
 */
int	store_gauges_phones(struct db *, struct gauge_phone *out, size_t max,
	    size_t *n);

#endif
