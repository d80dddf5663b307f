/*
 * calendar.c: working-time calendar: session templates, holidays, make-up
 * days and deadline arithmetic. Pure: no I/O, no TZ, no localtime(); civil
 * dates are computed here (days-from-civil). Text format: calendar_text.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

#define DAY_SEC		86400LL
#define SPAN_DAYS_MAX	40000LL		/* working_between: ~110 years */
#define T_MIN		(-2208988800LL)	/* 1900-01-01 UTC */
#define T_MAX		(32503680000LL)	/* 3000-01-01 UTC */

struct cal {
	int			 utc_offset_min;
	size_t			 nsess;
	struct cal_session	 sess[CAL_MAX_SESSIONS];
	struct cal_day		*days;		/* sorted by ymd; names owned */
	size_t			 ndays, capdays;
	char			 err[160];
};

static long long	 days_from_civil(int, int, int);
static int		 civil_from_days(long long);
static long long	 ymd_days(int);
static long long	 fdiv(long long, long long);
static int		 weekday(long long);
static int		 to_local(const struct cal *, time_t, long long *);
static void		 set_err(struct cal *, const char *, ...)
			    __attribute__((format(printf, 2, 3)));
static int		 find_day(const struct cal *, int, size_t *);
static int		 sess_on(const struct cal_session *, unsigned, int);
static unsigned		 template_bit(const struct cal *, int);
static int		 day_spans(const struct cal *, long long,
			    int (*)[2]);
static int		 walk_add(const struct cal *, long long, long long,
			    long long *);
static int		 end_of_day(const struct cal *, long long, int,
			    long long *);
static int		 check_session(struct cal *, unsigned, int, int, int,
			    int);
static int		 check_name(struct cal *, const char *);

struct cal *
cal_new(void)
{
	struct cal	*c;

	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->utc_offset_min = 420;
	return c;
}

void
cal_free(struct cal *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ndays; i++)
		free((char *)c->days[i].name);
	free(c->days);
	free(c);
}

struct cal *
cal_dup(const struct cal *c)
{
	struct cal	*d;
	size_t		 i;

	d = malloc(sizeof(*d));
	if (d == NULL)
		return NULL;
	*d = *c;
	d->days = NULL;
	d->ndays = d->capdays = 0;
	if (c->ndays > 0) {
		d->days = calloc(c->ndays, sizeof(*d->days));
		if (d->days == NULL)
			goto fail;
		d->capdays = c->ndays;
	}
	for (i = 0; i < c->ndays; i++) {
		d->days[i] = c->days[i];
		d->days[i].name = strdup(c->days[i].name);
		if (d->days[i].name == NULL)
			goto fail;
		d->ndays++;
	}
	return d;
fail:
	cal_free(d);
	return NULL;
}

void
cal_swap(struct cal *a, struct cal *b)
{
	struct cal	t;

	t = *a;
	*a = *b;
	*b = t;
}

int
cal_set_utc_offset(struct cal *c, int minutes)
{
	if (minutes < -840 || minutes > 840) {
		set_err(c, "UTC offset %d min is outside -14:00..+14:00",
		    minutes);
		return -1;
	}
	c->utc_offset_min = minutes;
	return 0;
}

int
cal_utc_offset(const struct cal *c)
{
	return c->utc_offset_min;
}

int
cal_add_session(struct cal *c, unsigned wdays, int from_ymd, int to_ymd,
    int start_min, int end_min)
{
	struct cal_session	*s;

	if (check_session(c, wdays, from_ymd, to_ymd, start_min, end_min)
	    == -1)
		return -1;
	s = &c->sess[c->nsess++];
	s->wdays = wdays;
	s->from_ymd = from_ymd;
	s->to_ymd = to_ymd;
	s->start_min = start_min;
	s->end_min = end_min;
	return 0;
}

int
cal_add_day(struct cal *c, int ymd, enum cal_day_kind kind, const char *name)
{
	struct cal_day	*nd;
	char		*copy;
	size_t		 at, cap;

	if (!cal_ymd_valid(ymd) ||
	    (kind != CAL_HOLIDAY && kind != CAL_WORKDAY)) {
		set_err(c, "bad date %d or day kind", ymd);
		return -1;
	}
	if (find_day(c, ymd, &at) == 0) {
		set_err(c, "%04d-%02d-%02d is already listed as a %s",
		    ymd / 10000, ymd / 100 % 100, ymd % 100,
		    c->days[at].kind == CAL_HOLIDAY ? "holiday" : "workday");
		return -1;
	}
	if (name == NULL)
		name = "";
	if (check_name(c, name) == -1)
		return -1;
	if (c->ndays == c->capdays) {
		cap = c->capdays ? c->capdays * 2 : 32;
		nd = realloc(c->days, cap * sizeof(*nd));
		if (nd == NULL)
			goto nomem;
		c->days = nd;
		c->capdays = cap;
	}
	copy = strdup(name);
	if (copy == NULL)
		goto nomem;
	memmove(&c->days[at + 1], &c->days[at],
	    (c->ndays - at) * sizeof(*c->days));
	c->days[at].ymd = ymd;
	c->days[at].kind = kind;
	c->days[at].name = copy;
	c->ndays++;
	return 0;
nomem:
	set_err(c, "out of memory");
	return -1;
}

const char *
cal_last_error(const struct cal *c)
{
	return c->err;
}

size_t
cal_nsessions(const struct cal *c)
{
	return c->nsess;
}

const struct cal_session *
cal_session_at(const struct cal *c, size_t i)
{
	return i < c->nsess ? &c->sess[i] : NULL;
}

size_t
cal_ndays(const struct cal *c)
{
	return c->ndays;
}

const struct cal_day *
cal_day_at(const struct cal *c, size_t i)
{
	return i < c->ndays ? &c->days[i] : NULL;
}

int
cal_add_working(const struct cal *c, time_t start, long minutes,
    time_t *out)
{
	long long	loc, res;

	if (c == NULL || out == NULL || minutes < 0 ||
	    minutes > CAL_MAX_MINUTES)
		return -1;
	if (to_local(c, start, &loc) == -1)
		return -1;
	if (walk_add(c, loc, (long long)minutes * 60, &res) == -1)
		return -1;
	*out = (time_t)(res - c->utc_offset_min * 60LL);
	return 0;
}

int
cal_next_working(const struct cal *c, time_t t, time_t *out)
{
	return cal_add_working(c, t, 0, out);
}

int
cal_working_between(const struct cal *c, time_t a, time_t b, long *minutes)
{
	long long	la, lb, day, last, sum = 0, lo, hi;
	int		iv[CAL_MAX_SESSIONS][2], n, i;

	if (c == NULL || minutes == NULL)
		return -1;
	if (b <= a) {
		*minutes = 0;
		return 0;
	}
	if (to_local(c, a, &la) == -1 || to_local(c, b, &lb) == -1)
		return -1;
	if ((lb - la) / DAY_SEC > SPAN_DAYS_MAX)
		return -1;
	last = fdiv(lb - 1, DAY_SEC);
	for (day = fdiv(la, DAY_SEC); day <= last; day++) {
		n = day_spans(c, day, iv);
		for (i = 0; i < n; i++) {
			lo = day * DAY_SEC + iv[i][0] * 60LL;
			hi = day * DAY_SEC + iv[i][1] * 60LL;
			lo = lo < la ? la : lo;
			hi = hi > lb ? lb : hi;
			if (hi > lo)
				sum += hi - lo;
		}
	}
	*minutes = (long)(sum / 60);
	return 0;
}

int
cal_add_working_days(const struct cal *c, time_t start, int days,
    enum cal_day_mode mode, time_t *out)
{
	long long	loc, res;
	long		len;
	int		ymd;

	if (c == NULL || out == NULL || days < 0)
		return -1;
	if (to_local(c, start, &loc) == -1)
		return -1;
	if (mode == CAL_DAYS_END_OF_DAY) {
		if (end_of_day(c, fdiv(loc, DAY_SEC), days, &res) == -1)
			return -1;
		*out = (time_t)(res - c->utc_offset_min * 60LL);
		return 0;
	}
	/* The day length is that of the date the clock starts on (B2). */
	if (mode != CAL_DAYS_ROLLING || walk_add(c, loc, 0, &res) == -1)
		return -1;
	ymd = civil_from_days(fdiv(res, DAY_SEC));
	if (cal_day_length(c, ymd, &len) == -1 || days > CAL_MAX_MINUTES / len)
		return -1;
	return cal_add_working(c, start, (long)days * len, out);
}

int
cal_day_length(const struct cal *c, int ymd, long *minutes)
{
	unsigned	bit;
	long		sum = 0;
	size_t		i;

	if (c == NULL || minutes == NULL || !cal_ymd_valid(ymd))
		return -1;
	bit = template_bit(c, ymd);
	for (i = 0; i < c->nsess; i++)
		if (sess_on(&c->sess[i], bit, ymd))
			sum += c->sess[i].end_min - c->sess[i].start_min;
	if (sum == 0)
		return -1;
	*minutes = sum;
	return 0;
}

int
cal_day_minutes(const struct cal *c, int ymd, long *minutes)
{
	int	iv[CAL_MAX_SESSIONS][2], n, i;
	long	sum = 0;

	if (c == NULL || minutes == NULL || !cal_ymd_valid(ymd))
		return -1;
	n = day_spans(c, ymd_days(ymd), iv);
	for (i = 0; i < n; i++)
		sum += iv[i][1] - iv[i][0];
	*minutes = sum;
	return 0;
}

int
cal_local_ymd(const struct cal *c, time_t t, int *ymd)
{
	long long	loc;

	if (c == NULL || ymd == NULL || to_local(c, t, &loc) == -1)
		return -1;
	*ymd = civil_from_days(fdiv(loc, DAY_SEC));
	return 0;
}

int
cal_ymd_valid(int ymd)
{
	static const int	mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			y = ymd / 10000, m = ymd / 100 % 100;
	int			d = ymd % 100;

	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return 1;
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01, proleptic. */
static long long
days_from_civil(int y, int m, int d)
{
	long long	era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* The inverse: days since 1970-01-01 to YYYYMMDD. */
static int
civil_from_days(long long z)
{
	long long	era, y;
	unsigned	doe, yoe, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	return (int)(y * 10000 + m * 100 + d);
}

static long long
ymd_days(int ymd)
{
	return days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static long long
fdiv(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* 0 = Monday .. 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
static int
weekday(long long day)
{
	return (int)(day + 3 - fdiv(day + 3, 7) * 7);
}

/* Local seconds since the epoch; -1 outside 1900..2999. */
static int
to_local(const struct cal *c, time_t t, long long *loc)
{
	if ((long long)t < T_MIN || (long long)t >= T_MAX)
		return -1;
	*loc = (long long)t + c->utc_offset_min * 60LL;
	return 0;
}

static void
set_err(struct cal *c, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
}

/* 0 and *at = index if ymd is listed; else -1 and *at = insertion point. */
static int
find_day(const struct cal *c, int ymd, size_t *at)
{
	size_t	lo = 0, hi = c->ndays, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->days[mid].ymd < ymd)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return lo < c->ndays && c->days[lo].ymd == ymd ? 0 : -1;
}

static int
sess_on(const struct cal_session *s, unsigned bit, int ymd)
{
	return (s->wdays & bit) != 0 &&
	    (s->from_ymd == 0 || ymd >= s->from_ymd) &&
	    (s->to_ymd == 0 || ymd <= s->to_ymd);
}

/* The weekday whose sessions a make-up day works: Monday, else first. */
static unsigned
template_bit(const struct cal *c, int ymd)
{
	unsigned	bit;
	size_t		i;

	for (bit = CAL_MON; bit <= CAL_SUN; bit <<= 1)
		for (i = 0; i < c->nsess; i++)
			if (sess_on(&c->sess[i], bit, ymd))
				return bit;
	return 0;
}

/* Working intervals (minutes) of a local day, sorted; returns the count. */
static int
day_spans(const struct cal *c, long long day, int (*iv)[2])
{
	int		ymd = civil_from_days(day), n = 0, j, s, e;
	unsigned	bit = 1u << weekday(day);
	size_t		at, i;

	if (find_day(c, ymd, &at) == 0) {
		if (c->days[at].kind == CAL_HOLIDAY)
			return 0;
		bit = template_bit(c, ymd);
	}
	for (i = 0; i < c->nsess; i++) {
		if (!sess_on(&c->sess[i], bit, ymd))
			continue;
		s = c->sess[i].start_min;
		e = c->sess[i].end_min;
		for (j = n; j > 0 && iv[j - 1][0] > s; j--) {
			iv[j][0] = iv[j - 1][0];
			iv[j][1] = iv[j - 1][1];
		}
		iv[j][0] = s;
		iv[j][1] = e;
		n++;
	}
	return n;
}

/* Walks sessions from local instant loc until need seconds are used. */
static int
walk_add(const struct cal *c, long long loc, long long need, long long *res)
{
	long long	day = fdiv(loc, DAY_SEC), lo, hi;
	int		iv[CAL_MAX_SESSIONS][2], n, i, empty = 0;

	for (;; day++) {
		n = day_spans(c, day, iv);
		if (n == 0 && ++empty > CAL_SCAN_DAYS)
			return -1;
		if (n > 0)
			empty = 0;
		for (i = 0; i < n; i++) {
			lo = day * DAY_SEC + iv[i][0] * 60LL;
			hi = day * DAY_SEC + iv[i][1] * 60LL;
			if (loc >= hi)
				continue;
			if (loc < lo)
				loc = lo;
			if (need <= hi - loc) {
				*res = loc + need;
				return 0;
			}
			need -= hi - loc;
			loc = hi;
		}
	}
}

/* End of the last session of the days-th working day after event_day. */
static int
end_of_day(const struct cal *c, long long event_day, int days,
    long long *res)
{
	long long	day = days > 0 ? event_day + 1 : event_day;
	int		iv[CAL_MAX_SESSIONS][2], n, left = days > 0 ? days : 1;
	int		empty = 0;

	for (;; day++) {
		n = day_spans(c, day, iv);
		if (n == 0) {
			if (++empty > CAL_SCAN_DAYS)
				return -1;
			continue;
		}
		empty = 0;
		if (--left == 0) {
			*res = day * DAY_SEC + iv[n - 1][1] * 60LL;
			return 0;
		}
	}
}

static int
check_session(struct cal *c, unsigned wdays, int from, int to, int start,
    int end)
{
	const struct cal_session	*s;
	char				 wd[CAL_WDAYS_BUFSZ];
	size_t				 i;

	if (wdays == 0 || (wdays & ~CAL_ALL_DAYS) != 0) {
		set_err(c, "bad weekday set 0x%x", wdays);
		return -1;
	}
	if ((from != 0 && !cal_ymd_valid(from)) ||
	    (to != 0 && !cal_ymd_valid(to)) ||
	    (from != 0 && to != 0 && from > to)) {
		set_err(c, "bad date range %d..%d", from, to);
		return -1;
	}
	if (start < 0 || end > 1440 || start >= end) {
		set_err(c, "session end must be after its start, within "
		    "00:00-24:00 (got %02d:%02d-%02d:%02d)", start / 60,
		    start % 60, end / 60, end % 60);
		return -1;
	}
	for (i = 0; i < c->nsess; i++) {
		s = &c->sess[i];
		if ((s->wdays & wdays) == 0 || start >= s->end_min ||
		    s->start_min >= end ||
		    (from != 0 && s->to_ymd != 0 && from > s->to_ymd) ||
		    (s->from_ymd != 0 && to != 0 && s->from_ymd > to))
			continue;
		cal_wdays_format(s->wdays, wd, sizeof(wd));
		set_err(c, "overlaps session %s %02d:%02d-%02d:%02d", wd,
		    s->start_min / 60, s->start_min % 60, s->end_min / 60,
		    s->end_min % 60);
		return -1;
	}
	if (c->nsess == CAL_MAX_SESSIONS) {
		set_err(c, "too many sessions (max %d)", CAL_MAX_SESSIONS);
		return -1;
	}
	return 0;
}

static int
check_name(struct cal *c, const char *name)
{
	size_t	len = strlen(name), i;

	if (len > CAL_NAME_MAX) {
		set_err(c, "name longer than %d bytes", CAL_NAME_MAX);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f) {
			set_err(c, "control character in name");
			return -1;
		}
	}
	if (len > 0 && (name[0] == ' ' || name[len - 1] == ' ')) {
		set_err(c, "name has leading or trailing blanks");
		return -1;
	}
	return 0;
}
