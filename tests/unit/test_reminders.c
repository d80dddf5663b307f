/*
 * test_reminders.c: store_reminder_verdict(), the rule that decides when a
 * reminder fires, against a Mon-Fri 07:00-11:30 13:30-17:00 calendar at
 * UTC+7. Expected instants are worked out by hand in local time.
 */
#include <time.h>

#include "calendar.h"
#include "store/reminders.h"
#include "tap.h"

/* 2026-11-16 is a Monday. Local hh:mm of that week as UTC epoch. */
#define MON_0000_LOCAL	((time_t)1794762000)	/* 2026-11-16 00:00 +07 */
#define AT(day, h, m)	(MON_0000_LOCAL + (time_t)(day) * 86400 + \
			 (time_t)(h) * 3600 + (time_t)(m) * 60)

static enum reminder_verdict	v(const struct cal *, time_t, time_t, int);

int
main(void)
{
	struct cal	*cal = cal_new();
	struct cal_err	 e;

	plan(14);
	ok(cal != NULL && cal_load_text(cal, "utc_offset +07:00\n"
	    "session mon-fri 07:00-11:30 13:30-17:00\n", &e) == 0,
	    "calendar loads");
	/* accept: due Mon 09:30, rule -15 fires from 09:15 */
	is_int(v(cal, AT(0, 9, 14), AT(0, 9, 30), -15), REMINDER_WAIT,
	    "16 working minutes left: wait");
	is_int(v(cal, AT(0, 9, 15), AT(0, 9, 30), -15), REMINDER_FIRE,
	    "15 left: fire");
	is_int(v(cal, AT(0, 9, 30), AT(0, 9, 30), -15), REMINDER_SKIP,
	    "at due the pre-breach rule is skipped");
	is_int(v(cal, AT(0, 9, 29), AT(0, 9, 30), 0), REMINDER_WAIT,
	    "breach rule waits before due");
	is_int(v(cal, AT(0, 9, 30), AT(0, 9, 30), 0), REMINDER_FIRE,
	    "breach rule fires at due");
	/* due Mon 13:40: 10 working minutes left at 11:30 (lunch does not
	 * count), so -15 fires at 11:25 and not at 11:24 */
	is_int(v(cal, AT(0, 11, 24), AT(0, 13, 40), -15), REMINDER_WAIT,
	    "over lunch: 16 left at 11:24");
	is_int(v(cal, AT(0, 11, 25), AT(0, 13, 40), -15), REMINDER_FIRE,
	    "over lunch: 15 left at 11:25");
	is_int(v(cal, AT(0, 12, 30), AT(0, 13, 40), -15), REMINDER_FIRE,
	    "during lunch: 10 left");
	/* process: due Tue 09:00, rule -576. Counted backwards: Tue
	 * 07:00-09:00 = 120, so 456 of Monday's 480 remain to find: the
	 * instant is Monday 07:00 + 24 working minutes = 07:24 */
	is_int(v(cal, AT(0, 7, 23), AT(1, 9, 0), -576), REMINDER_WAIT,
	    "80%% rule waits at Mon 07:23");
	is_int(v(cal, AT(0, 7, 24), AT(1, 9, 0), -576), REMINDER_FIRE,
	    "80%% rule fires at Mon 07:24");
	/* after breach: due Fri 16:30, +60 fires Monday 07:30 (30 minutes
	 * on Friday, 30 on Monday), not over the weekend */
	is_int(v(cal, AT(6, 12, 0), AT(4, 16, 30), 60), REMINDER_WAIT,
	    "+60 waits over the weekend");
	is_int(v(cal, AT(7, 7, 29), AT(4, 16, 30), 60), REMINDER_WAIT,
	    "+60 waits at Mon 07:29");
	is_int(v(cal, AT(7, 7, 30), AT(4, 16, 30), 60), REMINDER_FIRE,
	    "+60 fires at Mon 07:30");
	cal_free(cal);
	return done();
}

static enum reminder_verdict
v(const struct cal *cal, time_t now, time_t due, int off)
{
	enum reminder_verdict	r = REMINDER_WAIT;

	if (store_reminder_verdict(cal, now, due, off, &r) == -1)
		return (enum reminder_verdict)-1;
	return r;
}
