/*
 * test_calendar.c: unit tests for lib/calendar.c and lib/calendar_text.c:
 * hand-computed deadlines (weekends, lunch, Tết, make-up Saturdays, seasonal
 * hours), the two day modes, the text format and data/calendars/vn-default.cal.
 * Expected instants are written as local +07:00 wall times and converted by
 * lt() below, a naive year/month loop independent of the engine's algorithm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "tap.h"

#define H	3600

struct add_case {
	const char	*what;
	int		 y, mo, d, h, mi, s;	/* start, local +07:00 */
	long		 minutes;
	int		 ey, emo, ed, eh, emi, es;	/* expected, local */
};

static time_t	 ut(int, int, int, int, int, int);
static time_t	 lt(int, int, int, int, int, int);
static const char *fmt(time_t, char *);
static char	*read_file(const char *);
static void	 is_time(time_t, time_t, const char *);
static void	 test_add(const struct cal *);
static void	 test_next_between(const struct cal *);
static void	 test_days(const struct cal *);
static void	 test_templates(void);
static void	 test_api_errors(void);
static void	 test_parse_errors(void);
static void	 test_dump(const struct cal *);
static void	 test_speed(const struct cal *);

/*
 * Hand-computed: sessions 07:00-11:30 (270 min) and 13:30-17:00 (210 min).
 * Dates checked against a printed calendar; holidays from vn-default.cal.
 */
static const struct add_case add_cases[] = {
	/* 16:50-17:00 = 10 min, 20 left: Mon 07:00 + 20 */
	{ "Fri 16:50 + 30 -> Mon 07:20", 2026, 3, 6, 16, 50, 0, 30,
	    2026, 3, 9, 7, 20, 0 },
	/* 9 min 30 s on Friday, 20 min 30 s on Monday */
	{ "Fri 16:50:30 + 30 keeps seconds", 2026, 3, 6, 16, 50, 30, 30,
	    2026, 3, 9, 7, 20, 30 },
	/* B2: clock starts Wed 07:00, + 60 */
	{ "Tue 22:00 report, 1 WH -> Wed 08:00", 2026, 3, 3, 22, 0, 0, 60,
	    2026, 3, 4, 8, 0, 0 },
	/* Sat 25, Sun 26 weekend, Mon 27 Apr 2026 = Hùng Kings (compensated) */
	{ "Fri 24 Apr 22:00 + 60 -> Tue 28 Apr 08:00", 2026, 4, 24, 22, 0, 0,
	    60, 2026, 4, 28, 8, 0, 0 },
	/* 30 on Fri 13 Feb; Tết 14-22 Feb; 30 on Mon 23 */
	{ "Tết 2026: Fri 13 Feb 16:30 + 60 -> Mon 23 Feb 07:30", 2026, 2, 13,
	    16, 30, 0, 60, 2026, 2, 23, 7, 30, 0 },
	/* Sat 10 Jan 2026 is a make-up working day */
	{ "Fri 9 Jan 16:30 + 60 -> make-up Sat 10 Jan 07:30", 2026, 1, 9, 16,
	    30, 0, 60, 2026, 1, 10, 7, 30, 0 },
	/* 11:00-11:30 = 30, 13:30 + 30 = 14:00 */
	{ "lunch: 11:00 + 60 -> 14:00", 2026, 3, 4, 11, 0, 0, 60,
	    2026, 3, 4, 14, 0, 0 },
	/* B1: 11:15-11:30 = 15, 13:30 + 15 */
	{ "accept 30 min at 11:15 -> 13:45", 2026, 3, 4, 11, 15, 0, 30,
	    2026, 3, 4, 13, 45, 0 },
	{ "16:30 + 30 ends on 17:00, not next morning", 2026, 3, 4, 16, 30, 0,
	    30, 2026, 3, 4, 17, 0, 0 },
	{ "11:45 + 0 -> 13:30", 2026, 3, 4, 11, 45, 0, 0, 2026, 3, 4, 13, 30, 0 },
	/* 60 on Wed 31 Dec; 1-2 Jan off, 3-4 weekend; 60 on Mon 5 */
	{ "New Year 2026: Wed 31 Dec 16:00 + 120 -> Mon 5 Jan 08:00", 2025, 12,
	    31, 16, 0, 0, 120, 2026, 1, 5, 8, 0, 0 },
	/* Sat 26 Apr 2025 worked (swap for Fri 2 May) */
	{ "Fri 25 Apr 2025 16:00 + 120 -> Sat 26 Apr 08:00", 2025, 4, 25, 16,
	    0, 0, 120, 2025, 4, 26, 8, 0, 0 },
	/* 30 Apr, 1, 2 May off, 3-4 weekend */
	{ "Tue 29 Apr 2025 16:00 + 120 -> Mon 5 May 08:00", 2025, 4, 29, 16, 0,
	    0, 120, 2025, 5, 5, 8, 0, 0 },
	/* Mon 1 + Tue 2 Sep 2025 off */
	{ "Fri 29 Aug 2025 16:00 + 120 -> Wed 3 Sep 08:00", 2025, 8, 29, 16, 0,
	    0, 120, 2025, 9, 3, 8, 0, 0 },
	/* Tết 2025: Mon 27 - Fri 31 Jan off */
	{ "Tết 2025: Sun 26 Jan 12:00 + 60 -> Mon 3 Feb 08:00",
	    2025, 1, 26, 12, 0, 0, 60, 2025, 2, 3, 8, 0, 0 },
	/* 10:00-11:30 = 90, 13:30-17:00 = 210 (300); Wed 07:00 + 180 */
	{ "480 min from Tue 10:00 -> Wed 10:00", 2026, 3, 3, 10, 0, 0, 480,
	    2026, 3, 4, 10, 0, 0 },
};

int
main(void)
{
	struct cal	*vn = NULL;
	struct cal_err	 err;
	char		 path[512], *text;
	const char	*top = getenv("top_srcdir");

	plan(112);
	is_int(lt(2026, 1, 1, 0, 0, 0), 1767200400, "lt() agrees with "
	    "date -d '2026-01-01 00:00 +0700' +%%s");
	snprintf(path, sizeof(path), "%s/data/calendars/vn-default.cal",
	    top != NULL ? top : ".");
	text = read_file(path);
	ok(text != NULL, "read %s", path);
	vn = cal_new();
	is_int(cal_load_text(vn, text ? text : "", &err), 0,
	    "vn-default.cal loads (line %d: %s)", err.line, err.msg);
	is_int(cal_nsessions(vn), 2, "vn-default: 2 sessions");
	is_int(cal_ndays(vn), 37, "vn-default: 35 holidays + 2 make-up days");
	is_int(cal_utc_offset(vn), 420, "vn-default: UTC+07:00");
	test_add(vn);
	test_next_between(vn);
	test_days(vn);
	test_templates();
	test_api_errors();
	test_parse_errors();
	test_dump(vn);
	test_speed(vn);
	free(text);
	cal_free(vn);
	cal_free(NULL);
	return done();
}

/* UTC wall time to time_t, by counting days year by year, month by month. */
static time_t
ut(int y, int mo, int d, int h, int mi, int s)
{
	static const int	mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long long		days = 0;
	int			i;

	for (i = 1970; i < y; i++)
		days += (i % 4 == 0 && (i % 100 != 0 || i % 400 == 0)) ? 366 :
		    365;
	for (i = 1; i < mo; i++)
		days += mdays[i - 1] + (i == 2 && y % 4 == 0 &&
		    (y % 100 != 0 || y % 400 == 0));
	days += d - 1;
	return (time_t)(days * 86400 + h * 3600LL + mi * 60 + s);
}

/* Asia/Ho_Chi_Minh wall time (UTC+7, no DST) to time_t. */
static time_t
lt(int y, int mo, int d, int h, int mi, int s)
{
	return ut(y, mo, d, h, mi, s) - 7 * H;
}

static const char *
fmt(time_t t, char *buf)
{
	struct tm	tm;
	time_t		l = t + 7 * H;

	if (gmtime_r(&l, &tm) == NULL ||
	    strftime(buf, 40, "%a %Y-%m-%d %H:%M:%S +07", &tm) == 0)
		snprintf(buf, 40, "(%lld)", (long long)t);
	return buf;
}

static void
is_time(time_t got, time_t want, const char *what)
{
	char	g[40], w[40];

	is_str(fmt(got, g), fmt(want, w), "%s", what);
}

static char *
read_file(const char *path)
{
	FILE	*f;
	char	*buf = NULL;
	long	 size;

	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)size + 1);
		if (buf != NULL && fread(buf, 1, (size_t)size, f) !=
		    (size_t)size) {
			free(buf);
			buf = NULL;
		} else if (buf != NULL)
			buf[size] = '\0';
	}
	fclose(f);
	return buf;
}

static void
test_add(const struct cal *vn)
{
	const struct add_case	*c;
	time_t			 out;
	size_t			 i;

	for (i = 0; i < sizeof(add_cases) / sizeof(add_cases[0]); i++) {
		c = &add_cases[i];
		out = 0;
		if (cal_add_working(vn, lt(c->y, c->mo, c->d, c->h, c->mi,
		    c->s), c->minutes, &out) == -1)
			out = 0;
		is_time(out, lt(c->ey, c->emo, c->ed, c->eh, c->emi, c->es),
		    c->what);
	}
	is_int(cal_add_working(vn, lt(2026, 3, 4, 9, 0, 0), -1, &out), -1,
	    "negative minutes rejected");
}

static void
test_next_between(const struct cal *vn)
{
	time_t	out = 0;
	long	m = -1;

	cal_next_working(vn, lt(2026, 3, 4, 11, 45, 0), &out);
	is_time(out, lt(2026, 3, 4, 13, 30, 0), "next_working 11:45 -> 13:30");
	cal_next_working(vn, lt(2026, 3, 4, 7, 0, 0), &out);
	is_time(out, lt(2026, 3, 4, 7, 0, 0), "next_working 07:00 is itself");
	cal_next_working(vn, lt(2026, 3, 4, 9, 13, 27), &out);
	is_time(out, lt(2026, 3, 4, 9, 13, 27), "inside a session: itself");
	cal_next_working(vn, lt(2026, 3, 4, 6, 59, 59), &out);
	is_time(out, lt(2026, 3, 4, 7, 0, 0), "06:59:59 -> 07:00");
	cal_next_working(vn, lt(2026, 3, 6, 17, 0, 0), &out);
	is_time(out, lt(2026, 3, 9, 7, 0, 0), "Fri 17:00 (end) -> Mon 07:00");
	cal_next_working(vn, lt(2026, 4, 26, 12, 0, 0), &out);
	is_time(out, lt(2026, 4, 28, 7, 0, 0), "Sun 26 Apr -> Tue 28 Apr");

	/* 16:00-17:00 = 60, Mon 07:00-08:00 = 60 */
	cal_working_between(vn, lt(2026, 3, 6, 16, 0, 0), lt(2026, 3, 9, 8, 0,
	    0), &m);
	is_int(m, 120, "between Fri 16:00 and Mon 08:00 (weekend)");
	cal_working_between(vn, lt(2026, 4, 24, 16, 0, 0), lt(2026, 4, 28, 8,
	    0, 0), &m);
	is_int(m, 120, "between Fri 24 Apr 16:00 and Tue 28 Apr 08:00 "
	    "(weekend + Hùng Kings)");
	/* 9-13 Feb = 5 x 480; 14-22 Feb Tết break */
	cal_working_between(vn, lt(2026, 2, 9, 7, 0, 0), lt(2026, 2, 23, 7, 0,
	    0), &m);
	is_int(m, 2400, "two weeks around Tết 2026 = 5 working days");
	cal_working_between(vn, lt(2026, 3, 4, 11, 0, 0), lt(2026, 3, 4, 14, 0,
	    0), &m);
	is_int(m, 60, "between 11:00 and 14:00 = 60 (lunch excluded)");
	cal_working_between(vn, lt(2026, 3, 6, 16, 50, 30), lt(2026, 3, 9, 7,
	    20, 30), &m);
	is_int(m, 30, "between with seconds = 30");
	cal_working_between(vn, lt(2026, 3, 5, 9, 0, 0), lt(2026, 3, 4, 9, 0,
	    0), &m);
	is_int(m, 0, "b < a gives 0");
	/* Jan 2026: 22 weekdays - 1, 2 Jan + Sat 10 Jan = 21 days x 480 */
	cal_working_between(vn, lt(2026, 1, 1, 0, 0, 0), lt(2026, 2, 1, 0, 0,
	    0), &m);
	is_int(m, 10080, "January 2026 = 21 working days");
	/* Feb 2026: 20 weekdays - 5 Tết days = 15 x 480 */
	cal_working_between(vn, lt(2026, 2, 1, 0, 0, 0), lt(2026, 3, 1, 0, 0,
	    0), &m);
	is_int(m, 7200, "February 2026 = 15 working days");
}

static void
test_days(const struct cal *vn)
{
	time_t	out = 0;
	long	m = -1;
	int	ymd = 0;

	cal_day_length(vn, 20260302, &m);
	is_int(m, 480, "working-day length 270 + 210 = 480");
	cal_day_minutes(vn, 20260110, &m);
	is_int(m, 480, "make-up Sat 10 Jan 2026 works 480 min");
	cal_day_minutes(vn, 20260217, &m);
	is_int(m, 0, "Tết 17 Feb 2026 works 0 min");
	cal_day_minutes(vn, 20260307, &m);
	is_int(m, 0, "a normal Saturday works 0 min");
	cal_local_ymd(vn, lt(2026, 3, 3, 22, 0, 0), &ymd);
	is_int(ymd, 20260303, "local date of Tue 22:00 +07");
	cal_local_ymd(vn, ut(2026, 3, 3, 23, 30, 0), &ymd);
	is_int(ymd, 20260304, "23:30 UTC is the next local day");

	/* 6 WD rolling: 4, 5, 6, 9, 10, 11 Mar, same clock time */
	cal_add_working_days(vn, lt(2026, 3, 3, 10, 0, 0), 6,
	    CAL_DAYS_ROLLING, &out);
	is_time(out, lt(2026, 3, 11, 10, 0, 0), "6 WD rolling -> Wed 11 Mar");
	/* 13, 23, 24, 25, 26, 27 Feb */
	cal_add_working_days(vn, lt(2026, 2, 12, 9, 0, 0), 6,
	    CAL_DAYS_ROLLING, &out);
	is_time(out, lt(2026, 2, 27, 9, 0, 0), "6 WD rolling across Tết");
	/* 25, Sat 26 (worked), 28, 29 Apr, 5, 6 May 2025 */
	cal_add_working_days(vn, lt(2025, 4, 24, 14, 0, 0), 6,
	    CAL_DAYS_ROLLING, &out);
	is_time(out, lt(2025, 5, 6, 14, 0, 0), "6 WD rolling across 30/4");
	/* night report: starts Tue 28 Apr 07:00; 480 min ends at 17:00 */
	cal_add_working_days(vn, lt(2026, 4, 24, 22, 0, 0), 1,
	    CAL_DAYS_ROLLING, &out);
	is_time(out, lt(2026, 4, 28, 17, 0, 0), "1 WD rolling from a night");
	cal_add_working_days(vn, lt(2026, 3, 3, 10, 0, 0), 6,
	    CAL_DAYS_END_OF_DAY, &out);
	is_time(out, lt(2026, 3, 11, 17, 0, 0), "6 WD end-of-day -> 17:00");
	cal_add_working_days(vn, lt(2026, 3, 7, 10, 0, 0), 1,
	    CAL_DAYS_END_OF_DAY, &out);
	is_time(out, lt(2026, 3, 9, 17, 0, 0), "1 WD end-of-day from Sat");
	cal_add_working_days(vn, lt(2026, 4, 24, 22, 0, 0), 1,
	    CAL_DAYS_END_OF_DAY, &out);
	is_time(out, lt(2026, 4, 28, 17, 0, 0), "1 WD end-of-day skips 27 Apr");
	cal_add_working_days(vn, lt(2026, 1, 9, 10, 0, 0), 1,
	    CAL_DAYS_END_OF_DAY, &out);
	is_time(out, lt(2026, 1, 10, 17, 0, 0), "1 WD end-of-day = make-up Sat");
	cal_add_working_days(vn, lt(2026, 3, 7, 10, 0, 0), 0,
	    CAL_DAYS_END_OF_DAY, &out);
	is_time(out, lt(2026, 3, 9, 17, 0, 0), "0 WD from Sat = end of Mon");
	cal_add_working_days(vn, lt(2026, 3, 3, 10, 0, 0), 0,
	    CAL_DAYS_END_OF_DAY, &out);
	is_time(out, lt(2026, 3, 3, 17, 0, 0), "0 WD on a working day = 17:00");
	cal_add_working_days(vn, lt(2026, 3, 3, 23, 30, 0), 1,
	    CAL_DAYS_END_OF_DAY, &out);
	is_time(out, lt(2026, 3, 4, 17, 0, 0), "event Tue 23:30 local -> Wed");
	/* 17:30 UTC Tue = 00:30 Wed local: the event day is Wednesday */
	cal_add_working_days(vn, ut(2026, 3, 3, 17, 30, 0), 1,
	    CAL_DAYS_END_OF_DAY, &out);
	is_time(out, lt(2026, 3, 5, 17, 0, 0), "event day is the local date");
	is_int(cal_add_working_days(vn, lt(2026, 3, 3, 10, 0, 0), -1,
	    CAL_DAYS_ROLLING, &out), -1, "negative days rejected");
}

/* Seasonal hours, make-up templates, other offsets, no working time. */
static void
test_templates(void)
{
	struct cal	*c = cal_new();
	time_t		 out = 0;
	long		 m = 0;

	/* Nghệ An style: summer to 15 Oct, winter 07:30-12:00 from 16 Oct */
	cal_add_session(c, CAL_MON_FRI, 20250416, 20251015, 7 * 60, 690);
	cal_add_session(c, CAL_MON_FRI, 20250416, 20251015, 810, 1020);
	is_int(cal_add_session(c, CAL_MON_FRI, 20251016, 0, 450, 720), 0,
	    "winter morning does not overlap summer (dates disjoint)");
	cal_add_session(c, CAL_MON_FRI, 20251016, 0, 810, 1020);
	/* Wed 15 Oct 16:30-17:00 = 30; Thu 16 Oct winter 07:30 + 30 */
	cal_add_working(c, lt(2025, 10, 15, 16, 30, 0), 60, &out);
	is_time(out, lt(2025, 10, 16, 8, 0, 0), "summer -> winter hours");
	cal_next_working(c, lt(2025, 10, 16, 7, 10, 0), &out);
	is_time(out, lt(2025, 10, 16, 7, 30, 0), "winter starts at 07:30");
	cal_next_working(c, lt(2025, 10, 15, 7, 10, 0), &out);
	is_time(out, lt(2025, 10, 15, 7, 10, 0), "summer: 07:10 is working");
	is_int(cal_add_working(c, lt(2025, 1, 6, 9, 0, 0), 0, &out), 0,
	    "before the first season: waits for 16 Apr");
	is_time(out, lt(2025, 4, 16, 7, 0, 0), "first working instant 16 Apr");
	/* day length taken on 16 Apr (480), not on 6 Jan (no sessions) */
	cal_add_working_days(c, lt(2025, 1, 6, 9, 0, 0), 1, CAL_DAYS_ROLLING,
	    &out);
	is_time(out, lt(2025, 4, 16, 17, 0, 0), "1 WD rolling from a gap");
	cal_free(c);

	/* Monday differs; a make-up Saturday uses Monday's sessions */
	c = cal_new();
	cal_add_session(c, CAL_MON, 0, 0, 8 * 60, 12 * 60);
	cal_add_session(c, CAL_TUE | CAL_WED | CAL_THU | CAL_FRI, 0, 0, 420,
	    660);
	cal_add_day(c, 20260307, CAL_WORKDAY, "Làm bù");
	cal_next_working(c, lt(2026, 3, 7, 7, 0, 0), &out);
	is_time(out, lt(2026, 3, 7, 8, 0, 0), "make-up Sat uses Monday 08:00");
	cal_day_minutes(c, 20260307, &m);
	is_int(m, 240, "make-up Sat works Monday's 240 min");
	cal_free(c);

	/* No Monday sessions: the template is the first weekday with some */
	c = cal_new();
	cal_add_session(c, CAL_TUE | CAL_SAT, 0, 0, 600, 700);
	cal_add_day(c, 20260308, CAL_WORKDAY, NULL);
	cal_day_length(c, 20260308, &m);
	is_int(m, 100, "template falls back to Tuesday");
	cal_next_working(c, lt(2026, 3, 8, 0, 0, 0), &out);
	is_time(out, lt(2026, 3, 8, 10, 0, 0), "make-up Sunday 10:00");
	/* UTC calendar: 10:00 UTC = 17:00 +07 */
	cal_set_utc_offset(c, 0);
	cal_next_working(c, ut(2026, 3, 10, 9, 0, 0), &out);
	is_time(out, ut(2026, 3, 10, 10, 0, 0), "UTC calendar: 10:00 UTC");
	cal_free(c);

	c = cal_new();
	is_int(cal_add_working(c, lt(2026, 3, 4, 9, 0, 0), 10, &out), -1,
	    "empty calendar: no working time -> -1");
	is_int(cal_add_working_days(c, lt(2026, 3, 4, 9, 0, 0), 1,
	    CAL_DAYS_END_OF_DAY, &out), -1, "empty calendar: end-of-day -1");
	cal_add_session(c, CAL_MON_FRI, 0, 20250131, 420, 1020);
	is_int(cal_next_working(c, lt(2025, 6, 2, 9, 0, 0), &out), -1,
	    "sessions only in the past -> -1");
	cal_free(c);
}

static void
test_api_errors(void)
{
	struct cal	*c = cal_new();
	char		 wd[CAL_WDAYS_BUFSZ];
	unsigned	 mask = 0;

	is_int(cal_add_session(c, CAL_MON_FRI, 0, 0, 420, 690), 0, "add");
	is_int(cal_add_session(c, CAL_MON, 20260101, 0, 600, 720), -1,
	    "overlapping session rejected");
	ok(strstr(cal_last_error(c), "overlaps") != NULL, "why: %s",
	    cal_last_error(c));
	is_int(cal_add_session(c, CAL_MON, 0, 0, 690, 810), 0,
	    "touching session accepted");
	is_int(cal_add_session(c, CAL_SAT, 0, 0, 700, 600), -1,
	    "end before start rejected");
	is_int(cal_add_session(c, CAL_SAT, 20260102, 20260101, 60, 120), -1,
	    "from after to rejected");
	is_int(cal_add_session(c, 0x80, 0, 0, 60, 120), -1, "bad weekday bit");
	is_int(cal_add_day(c, 20260230, CAL_HOLIDAY, "x"), -1, "30 Feb");
	is_int(cal_add_day(c, 20260101, CAL_HOLIDAY, "Tết Dương lịch"), 0,
	    "holiday added");
	is_int(cal_add_day(c, 20260101, CAL_WORKDAY, "again"), -1,
	    "a date is listed once");
	is_int(cal_add_day(c, 20260102, CAL_HOLIDAY, "a\nb"), -1,
	    "newline in name rejected");
	is_int(cal_set_utc_offset(c, 900), -1, "offset beyond 14:00 rejected");
	is_int(cal_ymd_valid(20240229), 1, "29 Feb 2024 is valid");
	is_int(cal_ymd_valid(21000229), 0, "29 Feb 2100 is not");
	cal_wdays_format(0x15, wd, sizeof(wd));
	is_str(wd, "mon,wed,fri", "format mon,wed,fri");
	cal_wdays_format(CAL_MON_FRI | CAL_SUN, wd, sizeof(wd));
	is_str(wd, "mon-fri,sun", "format mon-fri,sun");
	cal_wdays_format(0x63, wd, sizeof(wd));
	is_str(wd, "mon,tue,sat,sun", "two-day runs are listed");
	is_int(cal_wdays_parse("mon-wed,Sat", &mask), 0, "parse weekdays");
	is_int(mask, 0x27, "mon-wed,sat = 0x27");
	is_int(cal_wdays_parse("fri-mon", &mask), -1, "ranges do not wrap");
	cal_free(c);
}

static void
test_parse_errors(void)
{
	static const struct {
		const char	*text;
		int		 line;
		const char	*needle;
	} bad[] = {
		{ "# c\n\nsession mon-fri 07:00-11:30\nholiday 2026-02-30 X\n",
		    4, "bad date" },
		{ "session mon-fri 07:00-11:30 13:30-17:00\n"
		    "session mon 11:00-12:00\n", 2, "overlaps" },
		{ "session mon-fri 11:30-07:00\n", 1, "after its start" },
		{ "\n\nbogus 1\n", 3, "unknown keyword" },
		{ "session mon-funday 07:00-11:00\n", 1, "bad weekdays" },
		{ "holiday 2026-01-01 A\nworkday 2026-01-01 B\n", 2, "already" },
		{ "utc_offset 7\n", 1, "bad utc_offset" },
		{ "session mon 07:00-08:00 from 2026-01-01 to 2025-01-01\n", 1,
		    "bad date range" },
		{ "session mon-fri 7:00-25:00\n", 1, "bad time range" },
		{ "session sat\n", 1, "without a time range" },
	};
	struct cal	*c = cal_new();
	struct cal_err	 e;
	size_t		 i;
	int		 rc;

	cal_add_session(c, CAL_SUN, 0, 0, 60, 120);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		e.line = -1;
		e.msg[0] = '\0';
		rc = cal_load_text(c, bad[i].text, &e);
		ok(rc == -1 && e.line == bad[i].line &&
		    strstr(e.msg, bad[i].needle) != NULL,
		    "error on line %d (want %d): %s", e.line, bad[i].line,
		    e.msg);
	}
	is_int(cal_nsessions(c) * 100 + cal_ndays(c), 100,
	    "failed loads leave the calendar unchanged");
	is_int(cal_load_text(c, "session mon-fri 07:00-11:30\r\n"
	    "holiday 2026-01-01   Tết  Dương lịch  \r\n", &e), 0, "CRLF text");
	is_str(cal_day_at(c, 0) ? cal_day_at(c, 0)->name : NULL,
	    "Tết  Dương lịch", "name trimmed at the ends only");
	cal_free(c);
	/* the example of docs/calendar.md, verbatim */
	c = cal_new();
	rc = cal_load_text(c, "# Nghệ An style seasonal hours; comments take "
	    "a whole line\n"
	    "utc_offset +07:00\n"
	    "session mon-fri 07:30-12:00 13:30-17:00 from 2025-10-16 to "
	    "2026-04-15\n"
	    "session mon-fri 07:00-11:30 13:30-17:00 from 2026-04-16 to "
	    "2026-10-15\n"
	    "session sat 7:30-11:30 from 2026-01-01\n"
	    "holiday 2026-02-16 Tết Nguyên đán Bính Ngọ (29 tháng Chạp, giao "
	    "thừa)\n"
	    "workday 2026-01-10 Làm bù cho ngày 02/01\n", &e);
	is_int(rc, 0, "docs example loads (line %d: %s)", e.line, e.msg);
	is_int(cal_nsessions(c) * 100 + cal_ndays(c), 502, "5 sessions, 2 days");
	cal_free(c);
}

static void
test_dump(const struct cal *vn)
{
	struct cal	*c = cal_new(), *d = cal_new();
	char		*t1 = NULL, *t2 = NULL;
	struct cal_err	 e;
	time_t		 o1 = 0, o2 = 1;

	cal_add_session(c, CAL_MON_FRI, 0, 0, 420, 690);
	cal_add_session(c, CAL_MON_FRI, 0, 0, 810, 1020);
	cal_add_session(c, CAL_SAT, 20260101, 20260630, 480, 660);
	cal_add_day(c, 20260217, CAL_HOLIDAY, "Tết");
	cal_add_day(c, 20260110, CAL_WORKDAY, "Làm bù");
	cal_set_utc_offset(c, -330);
	t1 = cal_dump_text(c);
	is_str(t1, "# phananh working calendar (format: docs/calendar.md)\n"
	    "utc_offset -05:30\n"
	    "session mon-fri 07:00-11:30 13:30-17:00\n"
	    "session sat 08:00-11:00 from 2026-01-01 to 2026-06-30\n"
	    "workday 2026-01-10 Làm bù\n"
	    "holiday 2026-02-17 Tết\n", "dump of a small calendar");
	free(t1);

	t1 = cal_dump_text(vn);
	is_int(cal_load_text(d, t1 ? t1 : "", &e), 0, "dump of vn loads");
	t2 = cal_dump_text(d);
	is_str(t2, t1, "vn-default round-trips through dump/load");
	is_int(cal_ndays(d), cal_ndays(vn), "same number of days");
	cal_add_working(vn, lt(2026, 2, 13, 16, 30, 0), 60, &o1);
	cal_add_working(d, lt(2026, 2, 13, 16, 30, 0), 60, &o2);
	ok(o1 == o2, "reloaded calendar computes the same deadline");
	free(t1);
	free(t2);
	cal_free(c);
	cal_free(d);
}

/* A 6-working-day deadline must take microseconds, not milliseconds. */
static void
test_speed(const struct cal *vn)
{
	struct timespec	a, b;
	time_t		out, sum = 0;
	double		us;
	int		i;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < 10000; i++) {
		cal_add_working_days(vn, lt(2026, 2, 12, 9, 0, 0) + i * 60, 6,
		    CAL_DAYS_ROLLING, &out);
		sum += out & 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	us = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / 1e3 /
	    10000;
	printf("# 6-WD deadline across Tết: %.2f us each (%lld)\n", us,
	    (long long)sum);
	ok(us < 200.0, "6-WD deadline takes %.2f us (< 200 even under ASan)",
	    us);
}
