/*
 * period.h: reporting periods (domain.md §11, B19): the report types, their
 * labels ("2026-03", "2026-Q1", "2026-H1", "2026", "2026-W10"), data windows
 * (default: the 15th of the previous month to the 14th) and due dates.
 * Pure C, no I/O; dates are local calendar dates as YYYYMMDD integers.
 */
#ifndef REPORT_PERIOD_H
#define REPORT_PERIOD_H

#include <time.h>

enum rp_type {
	RP_WEEKLY,	/* R6: ISO week, Monday to Sunday */
	RP_MONTHLY,	/* R1, R7 */
	RP_QUARTERLY,	/* R2, R9 */
	RP_HALFYEAR,	/* R5 */
	RP_YEARLY,	/* R3 */
	RP_ADHOC,	/* R4, R8: any range of days */
	RP_TYPE_COUNT
};

/* The configurable conventions (settings rows, see docs/reports.md). */
struct rp_conf {
	int	cutoff_day;	/* 1..28: windows start on this day of the
				 * month before; 1 = calendar months */
	int	due_day;	/* 1..28: due on this day of the last month */
};

#define RP_CONF_DEFAULT	{ 15, 19 }
#define RP_LABEL_MAX	32

struct rp_period {
	enum rp_type	type;
	char		label[RP_LABEL_MAX];
	int		year;
	int		num;		/* month, quarter, half or week; 0 */
	int		from_ymd;	/* first day of the window */
	int		to_ymd;		/* last day of the window (inclusive) */
	int		due_ymd;	/* 0 for ad-hoc reports */
};

/* "weekly", "monthly", ... to the type. 0, or -1 if unknown. */
int		 rp_type_parse(const char *name, enum rp_type *out);
/* The type's name ("monthly"); static string. */
const char	*rp_type_name(enum rp_type);
/* Vietnamese period noun for titles ("tháng", "quý"); static string. */
const char	*rp_type_vi(enum rp_type);

/*
 * Parses a label of the given type: YYYY-MM (monthly), YYYY-Qn, YYYY-Hn,
 * YYYY, YYYY-Www, or YYYY-MM-DD..YYYY-MM-DD (ad hoc, at most 3 years).
 * Fills *out with the window and the due date. 0, or -1 when malformed.
 */
int		 rp_parse(enum rp_type, const char *label,
		    const struct rp_conf *, struct rp_period *out);

/*
 * The period of the given type whose data window contains the date ymd
 * (not for RP_ADHOC). 0, or -1 on a bad date or type.
 */
int		 rp_containing(enum rp_type, int ymd, const struct rp_conf *,
		    struct rp_period *out);

/* The period right after p (same type, not ad hoc). 0 or -1. */
int		 rp_next(const struct rp_period *p, const struct rp_conf *,
		    struct rp_period *out);

/* Date arithmetic on YYYYMMDD: ymd + days (may be negative). */
int		 rp_ymd_add(int ymd, int days);
/* Day number (days since 1970-01-01) of a YYYYMMDD date. */
long		 rp_ymd_days(int ymd);
/* Start of the local day ymd as UTC epoch, for a UTC offset in minutes. */
time_t		 rp_ymd_epoch(int ymd, int utc_offset_min);
/* Local date of t for a UTC offset in minutes. */
int		 rp_epoch_ymd(time_t t, int utc_offset_min);
/* ISO weekday of ymd: 1 = Monday .. 7 = Sunday. */
int		 rp_ymd_wday(int ymd);

#endif
