/*
 * reminders.c: deadline reminders and escalation. Each tick lists the
 * (running timer, rule) pairs not fired yet (lib/store/reminders.c),
 * decides with the accountable organisation's working calendar, and fires
 * each due pair once (reminder_log + notification rows, one transaction).
 * Outside working time a non-urgent rule still fires, but its SMS and push
 * rows wait for the next working instant. See docs/notifications.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "calendar.h"
#include "core/log.h"
#include "jobd/jobd.h"
#include "store/calendars.h"
#include "store/reminders.h"

#define BATCH	500

static int	one(struct jobd *, const struct reminder_due *, time_t,
		    int64_t, int *);
static char	*payload(const struct cal *, const struct reminder_due *);

int
jobd_reminders(struct jobd *jd, time_t now)
{
	static struct reminder_due	 rows[BATCH];
	size_t				 n, i;
	int64_t				 center = 0;
	int				 fired = 0, queued = 0, failed = 0;

	if (store_center_org(jd->db, &center) == -1)
		center = 0;
	if (store_reminders_due(jd->db, now, rows, BATCH, &n) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (one(jd, &rows[i], now, center, &queued) == -1)
			failed++;
		else if (queued >= 0)
			fired++;
	}
	if (fired || failed)
		log_info(NULL, "reminders: %d fired, %d failed", fired, failed);
	return failed ? -1 : 0;
}

/* Decides and fires one pair. *queued = rows written, -1 when it did not
 * fire (waiting, or another copy fired it). */
static int
one(struct jobd *jd, const struct reminder_due *d, time_t now,
    int64_t center, int *queued)
{
	const struct cal	*cal = NULL;
	enum reminder_verdict	 v;
	struct reminder_fire	 f;
	char			*pl = NULL;
	int			 rc = -1;

	*queued = -1;
	if (store_calendar_for_org(jd->db, d->org_id, &cal) == -1 ||
	    store_reminder_verdict(cal, now, d->due, d->offset_min, &v) == -1)
		return -1;
	if (v == REMINDER_WAIT)
		return 0;
	memset(&f, 0, sizeof(f));
	f.now = now;
	f.buzz_at = now;
	f.center_org = center;
	f.skip = v == REMINDER_SKIP;
	/* no SMS or push at night unless the rule is urgent */
	if (!d->urgent && cal_next_working(cal, now, &f.buzz_at) == -1)
		f.buzz_at = now;
	pl = payload(cal, d);
	if (pl == NULL)
		return -1;
	f.payload = pl;
	rc = store_reminder_fire(jd->db, d, &f, queued);
	if (rc == 1)
		*queued = -1;
	else if (rc == 0)
		log_debug(NULL, "reminder rule %lld timer %lld case %lld: %s, "
		    "%d rows", (long long)d->rule_id, (long long)d->timer_id,
		    (long long)d->case_id, f.skip ? "skipped" : "fired",
		    *queued);
	free(pl);
	return rc == -1 ? -1 : 0;
}

/* The payload every row of the reminder carries (caller frees): the
 * stage, the due time (also as "deadline", local, which the SMS and
 * e-mail templates show) and "urgent": true for urgent rules (smsd sends
 * those during quiet hours). */
static char *
payload(const struct cal *cal, const struct reminder_due *d)
{
	json_t		*o;
	char		 dl[32] = "", *s;
	struct tm	 tm;
	time_t		 l = d->due + (time_t)cal_utc_offset(cal) * 60;

	if (gmtime_r(&l, &tm) == NULL ||
	    strftime(dl, sizeof(dl), "%H:%M %d/%m", &tm) == 0)
		dl[0] = '\0';
	o = json_pack("{s:s, s:s, s:I, s:i, s:I}", "stage", d->stage,
	    "deadline", dl, "due_at", (json_int_t)d->due, "offset_min",
	    d->offset_min, "rule", (json_int_t)d->rule_id);
	if (o == NULL)
		return NULL;
	if (d->urgent)
		json_object_set_new(o, "urgent", json_true());
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}
