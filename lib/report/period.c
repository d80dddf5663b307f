/*
 * period.c: reporting periods, data windows and due dates (domain.md §11).
 * A month-based window of months m1..m2 with cutoff day c > 1 runs from
 * day c of the month before m1 to day c - 1 of m2 (Decree 09/2019: 15th to
 * 14th); with c = 1 it is the calendar months themselves.
 */
#include <stdio.h>
#include <string.h>

#include "report/period.h"

static const char *const type_names[RP_TYPE_COUNT] = {
	[RP_WEEKLY] = "weekly", [RP_MONTHLY] = "monthly",
	[RP_QUARTERLY] = "quarterly", [RP_HALFYEAR] = "halfyear",
	[RP_YEARLY] = "yearly", [RP_ADHOC] = "adhoc",
};
static const char *const type_vi[RP_TYPE_COUNT] = {
	[RP_WEEKLY] = "tuần", [RP_MONTHLY] = "tháng",
	[RP_QUARTERLY] = "quý", [RP_HALFYEAR] = "6 tháng",
	[RP_YEARLY] = "năm", [RP_ADHOC] = "đột xuất",
};

static long	days_from_civil(int, int, int);
static int	civil_from_days(long);
static int	ymd_make(int, int, int);
static int	valid_ymd(int);
static int	conf_ok(const struct rp_conf *);
static void	month_window(int, int, int, const struct rp_conf *,
		    struct rp_period *);
static int	months_of(enum rp_type, int, int *, int *);
static int	week_period(int, int, struct rp_period *);
static int	adhoc(const char *, struct rp_period *);

int
rp_type_parse(const char *name, enum rp_type *out)
{
	int	i;

	for (i = 0; name != NULL && i < RP_TYPE_COUNT; i++)
		if (strcmp(name, type_names[i]) == 0) {
			*out = (enum rp_type)i;
			return 0;
		}
	return -1;
}

const char *
rp_type_name(enum rp_type t)
{
	return t < RP_TYPE_COUNT ? type_names[t] : "";
}

const char *
rp_type_vi(enum rp_type t)
{
	return t < RP_TYPE_COUNT ? type_vi[t] : "";
}

int
rp_parse(enum rp_type t, const char *label, const struct rp_conf *cf,
    struct rp_period *out)
{
	int	y = 0, n = 0, m1, m2, len = 0;
	char	c = 0;

	memset(out, 0, sizeof(*out));
	if (label == NULL || !conf_ok(cf) || strlen(label) >= RP_LABEL_MAX)
		return -1;
	out->type = t;
	switch (t) {
	case RP_ADHOC:
		return adhoc(label, out);
	case RP_WEEKLY:
		if (sscanf(label, "%4d-W%2d%n", &y, &n, &len) != 2 ||
		    label[len] != '\0' || len != 8)
			return -1;
		return week_period(y, n, out);
	case RP_MONTHLY:
		if (sscanf(label, "%4d-%2d%n", &y, &n, &len) != 2 || len != 7)
			return -1;
		break;
	case RP_QUARTERLY:
	case RP_HALFYEAR:
		if (sscanf(label, "%4d-%c%1d%n", &y, &c, &n, &len) != 3 ||
		    len != 7 || c != (t == RP_QUARTERLY ? 'Q' : 'H'))
			return -1;
		break;
	case RP_YEARLY:
		if (sscanf(label, "%4d%n", &y, &len) != 1 || len != 4)
			return -1;
		n = 1;
		break;
	default:
		return -1;
	}
	if (label[len] != '\0' || y < 1971 || y > 2999 ||
	    months_of(t, n, &m1, &m2) == -1)
		return -1;
	out->year = y;
	out->num = t == RP_YEARLY ? 0 : n;
	snprintf(out->label, sizeof(out->label), "%s", label);
	month_window(y, m1, m2, cf, out);
	return 0;
}

int
rp_containing(enum rp_type t, int ymd, const struct rp_conf *cf,
    struct rp_period *out)
{
	int	y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	char	label[RP_LABEL_MAX];
	long	dn;
	int	thu, wy, w;

	if (!valid_ymd(ymd) || !conf_ok(cf))
		return -1;
	if (t == RP_WEEKLY) {
		/* ISO week: the week belongs to the year of its Thursday */
		dn = rp_ymd_days(ymd);
		thu = civil_from_days(dn - (rp_ymd_wday(ymd) - 1) + 3);
		wy = thu / 10000;
		w = (int)((rp_ymd_days(thu) -
		    rp_ymd_days(ymd_make(wy, 1, 1))) / 7) + 1;
		return week_period(wy, w, out);
	}
	if (cf->cutoff_day > 1 && d >= cf->cutoff_day && ++m > 12) {
		m = 1;
		y++;
	}
	switch (t) {
	case RP_MONTHLY:
		snprintf(label, sizeof(label), "%04d-%02d", y, m);
		break;
	case RP_QUARTERLY:
		snprintf(label, sizeof(label), "%04d-Q%d", y, (m + 2) / 3);
		break;
	case RP_HALFYEAR:
		snprintf(label, sizeof(label), "%04d-H%d", y, (m + 5) / 6);
		break;
	case RP_YEARLY:
		snprintf(label, sizeof(label), "%04d", y);
		break;
	default:
		return -1;
	}
	return rp_parse(t, label, cf, out);
}

int
rp_next(const struct rp_period *p, const struct rp_conf *cf,
    struct rp_period *out)
{
	if (p->type == RP_ADHOC)
		return -1;
	return rp_containing(p->type, rp_ymd_add(p->to_ymd, 1), cf, out);
}

int
rp_ymd_add(int ymd, int days)
{
	return civil_from_days(rp_ymd_days(ymd) + days);
}

long
rp_ymd_days(int ymd)
{
	return days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

time_t
rp_ymd_epoch(int ymd, int utc_offset_min)
{
	return (time_t)rp_ymd_days(ymd) * 86400 - (time_t)utc_offset_min * 60;
}

int
rp_epoch_ymd(time_t t, int utc_offset_min)
{
	long long	s = (long long)t + (long long)utc_offset_min * 60;
	long long	d = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);

	return civil_from_days((long)d);
}

int
rp_ymd_wday(int ymd)
{
	long	dn = rp_ymd_days(ymd);	/* 1970-01-01 was a Thursday */
	long	w = ((dn % 7) + 7 + 3) % 7;

	return (int)w + 1;
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
static long
days_from_civil(int y, int m, int d)
{
	long		 yy = m <= 2 ? y - 1 : y;
	long		 era = (yy >= 0 ? yy : yy - 399) / 400;
	unsigned	 yoe = (unsigned)(yy - era * 400);
	unsigned	 doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 +
	    d - 1);
	unsigned	 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (long)doe - 719468;
}

static int
civil_from_days(long z)
{
	long		 era;
	unsigned	 doe, yoe, doy, mp, d, m;
	long		 y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	return ymd_make((int)(y + (m <= 2)), (int)m, (int)d);
}

static int
ymd_make(int y, int m, int d)
{
	return y * 10000 + m * 100 + d;
}

static int
valid_ymd(int ymd)
{
	int	y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

	if (y < 1971 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	return civil_from_days(rp_ymd_days(ymd)) == ymd;
}

static int
conf_ok(const struct rp_conf *cf)
{
	return cf != NULL && cf->cutoff_day >= 1 && cf->cutoff_day <= 28 &&
	    cf->due_day >= 1 && cf->due_day <= 28;
}

/* Window of months m1..m2 of year y; due on due_day of month m2. */
static void
month_window(int y, int m1, int m2, const struct rp_conf *cf,
    struct rp_period *out)
{
	int	c = cf->cutoff_day, fy = y, fm = m1, ty = y, tm = m2;

	if (c > 1 && --fm < 1) {		/* from day c of the month before */
		fm = 12;
		fy--;
	}
	if (c == 1 && ++tm > 12) {		/* until day 1 of the month after */
		tm = 1;
		ty++;
	}
	out->from_ymd = ymd_make(fy, fm, c);
	out->to_ymd = rp_ymd_add(ymd_make(ty, tm, c), -1);
	out->due_ymd = ymd_make(y, m2, cf->due_day);
}

static int
months_of(enum rp_type t, int n, int *m1, int *m2)
{
	switch (t) {
	case RP_MONTHLY:
		if (n < 1 || n > 12)
			return -1;
		*m1 = *m2 = n;
		return 0;
	case RP_QUARTERLY:
		if (n < 1 || n > 4)
			return -1;
		*m1 = 3 * n - 2;
		*m2 = 3 * n;
		return 0;
	case RP_HALFYEAR:
		if (n < 1 || n > 2)
			return -1;
		*m1 = 6 * n - 5;
		*m2 = 6 * n;
		return 0;
	case RP_YEARLY:
		*m1 = 1;
		*m2 = 12;
		return 0;
	default:
		return -1;
	}
}

/* ISO week w of year y: Monday..Sunday; due the Monday after (R6 [I]). */
static int
week_period(int y, int w, struct rp_period *out)
{
	int	jan4, mon1, last;

	if (y < 1971 || y > 2999 || w < 1 || w > 53)
		return -1;
	jan4 = ymd_make(y, 1, 4);
	mon1 = rp_ymd_add(jan4, 1 - rp_ymd_wday(jan4));
	if (w == 53) {
		last = rp_ymd_add(mon1, 52 * 7);
		/* a 53rd week exists when its Thursday is still in year y */
		if (rp_ymd_add(last, 3) / 10000 != y)
			return -1;
	}
	out->type = RP_WEEKLY;
	out->year = y;
	out->num = w;
	snprintf(out->label, sizeof(out->label), "%04d-W%02d", y, w);
	out->from_ymd = rp_ymd_add(mon1, (w - 1) * 7);
	out->to_ymd = rp_ymd_add(out->from_ymd, 6);
	out->due_ymd = rp_ymd_add(out->to_ymd, 1);
	return 0;
}

/* "YYYY-MM-DD..YYYY-MM-DD", at most 3 years, from <= to. */
static int
adhoc(const char *label, struct rp_period *out)
{
	int	y1, m1, d1, y2, m2, d2, len = 0, a, b;

	if (sscanf(label, "%4d-%2d-%2d..%4d-%2d-%2d%n", &y1, &m1, &d1, &y2,
	    &m2, &d2, &len) != 6 || label[len] != '\0' || len != 22)
		return -1;
	a = ymd_make(y1, m1, d1);
	b = ymd_make(y2, m2, d2);
	if (!valid_ymd(a) || !valid_ymd(b) || b < a ||
	    rp_ymd_days(b) - rp_ymd_days(a) > 3 * 366)
		return -1;
	out->type = RP_ADHOC;
	out->year = y1;
	snprintf(out->label, sizeof(out->label), "%s", label);
	out->from_ymd = a;
	out->to_ymd = b;
	out->due_ymd = 0;
	return 0;
}
