/*
 * sync.h: the store side of the agency sync API (docs/integration.md): the
 * change feed of an agency's events, note/progress events, the case view
 * an agency system gets, and registering a case an agency received itself.
 * Workflow transitions go through store_case_act (lib/store/cases.h).
 */
#ifndef STORE_SYNC_H
#define STORE_SYNC_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "store/cases.h"

struct db;

/* How many event ids one feed call looks at, at most (see the .c). */
#define SYNC_SCAN_WINDOW	5000

/*
 * The events of organisation `org` with id > cursor, in id order, at most
 * `limit`: events whose lead agency after the event is `org`, and every
 * event of a case where `org` is a coordinating agency. Each event is
 * {id, case, kind, from, to, at, agency, actor, note, data}; note and data
 * are null for a case flagged state-secret.
 *
 * No event is skipped when ids commit out of order: before reading, a
 * locking read over the id range (cursor, hi] waits (at most 5 seconds)
 * until every transaction that inserted an event in that range
 * has committed or rolled back; only then is the range read. *next is the
 * cursor to resume from (the last event returned, or hi when the page is
 * not full: the ids up to hi are settled and hold no more events for org);
 * *more is 1 when events may follow *next.
 * *events is a new reference. Returns 0, 1 when the wait timed out (retry
 * later; nothing returned), -1 on error.
 */
int	store_sync_feed(struct db *, int64_t org, int64_t cursor, int limit,
	    json_t **events, int64_t *next, int *more);

/*
 * One event in the feed's format, whoever it belongs to (the caller has
 * checked that). *out is a new reference. 0, 1 (no such event), -1.
 */
int	store_sync_event(struct db *, int64_t event_id, json_t **out);

/*
 * The case as organisation who->org_id may see it through the sync API:
 * store_case_view(VIEW_AGENCY) without any reporter identity (also when a
 * reveal was approved: reveals are for staff), and without event notes
 * when the case is flagged state-secret. *out is a new reference.
 * 0, 1 (not found or not this agency's case), -1.
 */
int	store_sync_case(struct db *, int64_t id, const struct actor *who,
	    time_t now, json_t **out);

/* A note or progress event posted by an agency system. */
struct sync_note {
	int64_t			 case_id;
	const struct actor	*who;
	const char		*kind;		/* "note" or "progress" */
	const char		*text;
	int			 percent;	/* progress: 0..100, -1 none */
	time_t			 now;
	const char		*idem_scope;	/* NULL: no idempotency key */
	const char		*idem_key;
};

/*
 * Appends the event (not public; lead agency of the case as org_id) in one
 * transaction that also stores the answer under the idempotency key, so a
 * retry either finds the note and its answer or neither. *resp (a new
 * reference) is the answer {code, kind, event_id}. 0, 1 (not this agency's
 * case), -1.
 */
int	store_sync_note(struct db *, const struct sync_note *, json_t **resp);

/*
 * Finds the case an agency registered with its own id: channel "sync",
 * channel_ref "org:<org>", external_ref `ref`. 0 found (*id, *state: a
 * static state name), 1 none, -1 error.
 */
int	store_sync_find(struct db *, int64_t org, const char *ref, int64_t *id,
	    const char **state);

/* 0 when the report group `group` belongs to field `field`, 1 if not. */
int	store_sync_group_ok(struct db *, const char *field, const char *group);

#endif
