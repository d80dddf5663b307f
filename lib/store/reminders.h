/*
 * reminders.h: deadline reminders and escalation (issue 4 item 2) as the
 * store sees them: the rules (table reminder_rules, migration 007), the
 * pairs (running timer, rule) still to fire, the decision when a rule
 * fires (pure, working minutes of the accountable organisation's
 * calendar), firing it exactly once (reminder_log, same transaction as the
 * notification rows), and the overdue list monitors see.
 * Times are UTC time_t; see docs/notifications.md.
 */
#ifndef STORE_REMINDERS_H
#define STORE_REMINDERS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct cal;
struct db;

/* One running, non-window timer with due time and one active rule of its
 * stage that has not fired for it yet. */
struct reminder_due {
	int64_t	timer_id;
	int64_t	rule_id;
	int64_t	case_id;
	int64_t	org_id;			/* accountable organisation, 0 = none */
	char	stage[16];		/* case_timers.kind */
	int	offset_min;		/* working minutes relative to due */
	int	urgent;
	time_t	due;
	char	tmpl[65];
};

enum reminder_verdict {
	REMINDER_WAIT,			/* not yet */
	REMINDER_FIRE,			/* now */
	REMINDER_SKIP			/* too late to matter: log, send none */
};

/* How store_reminder_fire() writes the notification rows. */
struct reminder_fire {
	time_t		 now;		/* business time: fired_at, portal, e-mail */
	time_t		 buzz_at;	/* next_attempt_at of SMS and push rows */
	int64_t		 center_org;	/* whose monitors 'monitor' means */
	const char	*payload;	/* JSON text for every row (borrowed) */
	int		 skip;		/* 1: only log the rule as skipped */
};

/*
 * Up to max candidate pairs into rows (*n of them), earliest due first.
 * Rules after breach (offset >= 0) are only listed once due <= now.
 * No locks. 0 or -1.
 */
int	store_reminders_due(struct db *, time_t now, struct reminder_due *rows,
	    size_t max, size_t *n);

/*
 * Pure: whether a rule with offset_min fires at now for a clock due at
 * due, in the working minutes of cal. Before due (offset < 0): fires once
 * at most -offset working minutes remain; skipped once due has passed (the
 * breach rules speak then). At or after due (offset >= 0): fires once
 * offset working minutes have passed since due. 0, or -1 when the
 * calendar arithmetic fails.
 */
int	store_reminder_verdict(const struct cal *, time_t now, time_t due,
	    int offset_min, enum reminder_verdict *out);

/*
 * Fires (or, with f->skip, only logs) the pair d in its own transaction:
 * inserts the reminder_log row only if the timer still runs with the same
 * due time (INSERT IGNORE: another copy that logged it first wins), then
 * one notification row per recipient and channel of the rule, then
 * commits. *queued = notification rows written. Returns 0 when this call
 * logged it, 1 when it was already logged or the timer moved on, -1 on
 * error (rolled back; the pair is tried again next time).
 */
int	store_reminder_fire(struct db *, const struct reminder_due *d,
	    const struct reminder_fire *f, int *queued);

/*
 * Running non-window timers past due at now, earliest due first, paged
 * (1-based page of size rows). org_id 0 = all, else only the timers the
 * organisation is accountable for. *out is a new reference:
 * {"items":[{"code","state","stage","agency":{"code","name"}|null,
 * "assignee","due_at","overdue_minutes","overdue_days"}],"total","page",
 * "page_size","now"}; overdue_* are working time of the accountable
 * organisation's calendar, days = minutes / working-day length, rounded
 * down. 0 or -1.
 */
int	store_overdue_list(struct db *, int64_t org_id, time_t now, int page,
	    int size, json_t **out);

#endif /* STORE_REMINDERS_H */
