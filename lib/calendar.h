/*
 * calendar.h: the working-time calendar engine (sessions, holidays, make-up
 * days) and deadline arithmetic in working minutes. Pure C, libc only: it
 * does no I/O and never reads TZ; see docs/calendar.md.
 */
#ifndef CALENDAR_H
#define CALENDAR_H

#include <stddef.h>
#include <time.h>

#define CAL_MAX_SESSIONS	256	/* session templates per calendar */
#define CAL_NAME_MAX		200	/* bytes of a special day's name */
#define CAL_SCAN_DAYS		1100	/* ~3 years without work = error */
#define CAL_MAX_MINUTES	(10L * 366 * 24 * 60)	/* largest duration */
#define CAL_WDAYS_BUFSZ		32	/* for cal_wdays_format() */

/* Weekday bits for cal_add_session(): bit0 = Monday .. bit6 = Sunday. */
#define CAL_MON		0x01u
#define CAL_TUE		0x02u
#define CAL_WED		0x04u
#define CAL_THU		0x08u
#define CAL_FRI		0x10u
#define CAL_SAT		0x20u
#define CAL_SUN		0x40u
#define CAL_MON_FRI	0x1fu
#define CAL_ALL_DAYS	0x7fu

enum cal_day_kind {
	CAL_HOLIDAY,	/* no work on that date */
	CAL_WORKDAY	/* make-up working day: works the template sessions */
};

enum cal_day_mode {
	CAL_DAYS_ROLLING,	/* N x working-day length in minutes (B5) */
	CAL_DAYS_END_OF_DAY	/* Civil Code: end of the N-th working day */
};

/* One weekday session template, as stored; see cal_session_at(). */
struct cal_session {
	unsigned	wdays;		/* CAL_MON .. CAL_SUN bits */
	int		from_ymd;	/* first valid date, 0 = open */
	int		to_ymd;		/* last valid date (incl.), 0 = open */
	int		start_min;	/* minutes after local midnight */
	int		end_min;	/* exclusive, <= 1440 */
};

/* One special date, as stored; see cal_day_at(). */
struct cal_day {
	int			 ymd;	/* e.g. 20260216 */
	enum cal_day_kind	 kind;
	const char		*name;	/* UTF-8, never NULL; owned by cal */
};

/* Parse error detail for cal_load_text(). line is 1-based, 0 = no line. */
struct cal_err {
	int	line;
	char	msg[160];
};

struct cal;	/* opaque */

/*
 * Returns a new empty calendar (no sessions, no days, UTC+07:00), or NULL
 * when out of memory. Caller must cal_free() it.
 */
struct cal	*cal_new(void);

/* Frees cal and everything it owns. NULL-safe. */
void		 cal_free(struct cal *);

/* Returns a deep copy of cal, or NULL when out of memory. Caller frees. */
struct cal	*cal_dup(const struct cal *);

/*
 * Exchanges the contents of two calendars (e.g. to replace a live calendar
 * by a freshly loaded one). Pointers from cal_*_at() follow their data.
 */
void		 cal_swap(struct cal *, struct cal *);

/*
 * Sets local time = UTC + minutes (-840 .. 840). Default 420 (Asia/
 * Ho_Chi_Minh, which has no DST). Returns 0, or -1 if out of range.
 */
int		 cal_set_utc_offset(struct cal *, int minutes);

/* Returns the UTC offset in minutes. */
int		 cal_utc_offset(const struct cal *);

/*
 * Adds a session template: on the weekdays in wdays (bit0 = Monday), on
 * dates from_ymd..to_ymd inclusive (0 = open end), work [start_min, end_min)
 * minutes after local midnight; 0 <= start < end <= 1440.
 * Returns 0, or -1 if an argument is invalid, if it overlaps an existing
 * session on some date, or if the table is full; cal_last_error() says why.
 * Sessions that merely touch (one ends when the other starts) are allowed.
 */
int		 cal_add_session(struct cal *, unsigned wdays, int from_ymd,
		    int to_ymd, int start_min, int end_min);

/*
 * Marks one date as a holiday or a make-up working day. name (may be NULL =
 * "") is copied; it must be <= CAL_NAME_MAX bytes, contain no control
 * characters and no leading or trailing blanks. A date may be marked once.
 * A CAL_WORKDAY works the sessions of the template weekday valid on that
 * date: Monday, or the first of Tue..Sun that has sessions if Monday has
 * none. Returns 0, or -1 (invalid, duplicate date, no memory); see
 * cal_last_error().
 */
int		 cal_add_day(struct cal *, int ymd, enum cal_day_kind,
		    const char *name);

/*
 * Returns the reason of the last failed cal_add_session(), cal_add_day() or
 * cal_set_utc_offset(), or "". Borrowed; valid until the next call on cal.
 */
const char	*cal_last_error(const struct cal *);

/*
 * Iteration for the store layer. Sessions come in insertion order, days in
 * date order. cal_*_at() returns NULL if i is out of range; the pointer is
 * borrowed and valid until cal is modified or freed.
 */
size_t		 cal_nsessions(const struct cal *);
const struct cal_session *cal_session_at(const struct cal *, size_t i);
size_t		 cal_ndays(const struct cal *);
const struct cal_day *cal_day_at(const struct cal *, size_t i);

/*
 * Deadline arithmetic. Instants are UTC time_t; the engine works in seconds,
 * so a start with seconds keeps them (16:50:30 + 30 min = 07:20:30 on the
 * next working morning), while a start outside working time snaps to the
 * next session start (:00). All return 0, or -1 on a NULL argument, a
 * negative or too large duration, or no working time within CAL_SCAN_DAYS.
 */

/*
 * *out = start + minutes of working time. If start is outside working time,
 * counting begins at the next working instant (B2). A deadline that lands on
 * a session's end stays there (17:00, not the next 07:00); minutes = 0
 * gives the next working instant.
 */
int		 cal_add_working(const struct cal *, time_t start, long minutes,
		    time_t *out);

/*
 * *minutes = whole working minutes in [a, b) (seconds are summed, then
 * truncated); 0 if b <= a. -1 if the span exceeds ~110 years.
 */
int		 cal_working_between(const struct cal *, time_t a, time_t b,
		    long *minutes);

/* *out = t if t is inside a session, else the next session start. */
int		 cal_next_working(const struct cal *, time_t t, time_t *out);

/*
 * *out = start + days working days. CAL_DAYS_ROLLING adds days x the
 * working-day length (cal_day_length() of the local date of the next working
 * instant at or after start) in working minutes. CAL_DAYS_END_OF_DAY returns the end of the last session of the
 * days-th working day after start's local date (that date is not counted;
 * days = 0 means the first working day on or after it).
 */
int		 cal_add_working_days(const struct cal *, time_t start,
		    int days, enum cal_day_mode, time_t *out);

/*
 * *minutes = length of a normal working day on ymd: the session minutes of
 * the template weekday (see cal_add_day), ignoring holidays. Returns -1 on a
 * bad date or if the template has no sessions on ymd.
 */
int		 cal_day_length(const struct cal *, int ymd, long *minutes);

/* *minutes = working minutes on the local date ymd (0 on a day off). */
int		 cal_day_minutes(const struct cal *, int ymd, long *minutes);

/* *ymd = the local calendar date (YYYYMMDD) of t. */
int		 cal_local_ymd(const struct cal *, time_t t, int *ymd);

/* Returns 1 if ymd (YYYYMMDD) is a real date in 1900..2999, else 0. */
int		 cal_ymd_valid(int ymd);

/*
 * Writes the weekday set as text ("mon-fri", "mon,wed,sat") into out, which
 * must hold CAL_WDAYS_BUFSZ bytes. Bits other than bit0..bit6 are ignored.
 */
void		 cal_wdays_format(unsigned wdays, char *out, size_t size);

/*
 * Parses "mon-fri", "sat", "mon,wed-fri" (names case-insensitive, ranges
 * do not wrap past Sunday) into *wdays. Returns 0, or -1 if malformed.
 */
int		 cal_wdays_parse(const char *text, unsigned *wdays);

/*
 * Text format (docs/calendar.md): adds the lines of text (UTF-8, NUL-
 * terminated) to cal. All or nothing: on error cal is unchanged, err (may be
 * NULL) names the line and the problem, and -1 is returned.
 */
int		 cal_load_text(struct cal *, const char *text,
		    struct cal_err *);

/*
 * Returns cal as text that cal_load_text() reads back to an equal calendar
 * (comments are not kept), or NULL when out of memory. Caller must free().
 */
char		*cal_dump_text(const struct cal *);

#endif /* CALENDAR_H */
