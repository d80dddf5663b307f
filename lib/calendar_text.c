/*
 * calendar_text.c: the text format of a working calendar (parse and dump;
 * docs/calendar.md). Uses only the public API of calendar.h; no I/O: the
 * caller reads and writes files.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"

#define LINE_MAX_LEN	1024
#define MAX_RANGES	8

struct sbuf {
	char	*p;
	size_t	 len, cap;
	int	 failed;
};

static char	*next_token(char **);
static int	 parse_line(struct cal *, char *, struct cal_err *);
static int	 parse_session(struct cal *, char *, struct cal_err *);
static int	 parse_special(struct cal *, enum cal_day_kind, char *,
		    struct cal_err *);
static int	 parse_offset(struct cal *, char *, struct cal_err *);
static int	 parse_hhmm(const char *, size_t, int *);
static int	 parse_range(const char *, int *, int *);
static int	 parse_date(const char *, int *);
static void	 sb_add(struct sbuf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	 dump_sessions(const struct cal *, struct sbuf *);
static int	 same_dates(const struct cal_session *,
		    const struct cal_session *);

static const char *const wd_names[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

int
cal_load_text(struct cal *c, const char *text, struct cal_err *err)
{
	struct cal_err	 e = { 0, "" };
	struct cal	*tmp = NULL;
	char		 line[LINE_MAX_LEN];
	const char	*p = text, *nl;
	size_t		 len;
	int		 rc = -1;

	if (c != NULL && text != NULL)
		tmp = cal_dup(c);
	if (tmp == NULL) {
		snprintf(e.msg, sizeof(e.msg), "no calendar, text or memory");
		goto out;
	}
	while (*p != '\0') {
		e.line++;
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof(line)) {
			snprintf(e.msg, sizeof(e.msg), "line longer than %d "
			    "bytes", LINE_MAX_LEN - 1);
			goto out;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		if (parse_line(tmp, line, &e) == -1)
			goto out;
		p += len + (nl != NULL);
	}
	cal_swap(c, tmp);
	e.line = 0;
	rc = 0;
out:
	if (err != NULL)
		*err = e;
	cal_free(tmp);
	return rc;
}

char *
cal_dump_text(const struct cal *c)
{
	struct sbuf		 sb = { NULL, 0, 0, 0 };
	const struct cal_day	*d;
	int			 off;
	char			 sign;
	size_t			 i;

	if (c == NULL)
		return NULL;
	off = cal_utc_offset(c);
	sign = off < 0 ? '-' : '+';
	off = off < 0 ? -off : off;
	sb_add(&sb, "# phananh working calendar (format: docs/calendar.md)\n");
	sb_add(&sb, "utc_offset %c%02d:%02d\n",
	    sign, off / 60, off % 60);
	dump_sessions(c, &sb);
	for (i = 0; i < cal_ndays(c); i++) {
		d = cal_day_at(c, i);
		sb_add(&sb, "%s %04d-%02d-%02d%s%s\n",
		    d->kind == CAL_HOLIDAY ? "holiday" : "workday",
		    d->ymd / 10000, d->ymd / 100 % 100, d->ymd % 100,
		    d->name[0] != '\0' ? " " : "", d->name);
	}
	if (sb.failed) {
		free(sb.p);
		return NULL;
	}
	return sb.p;
}

/* "mon-fri", "mon,wed,fri", "mon-wed,sat": runs of >= 3 days use '-'. */
void
cal_wdays_format(unsigned wdays, char *out, size_t size)
{
	size_t	len = 0;
	int	i = 0, j;

	out[0] = '\0';
	while (i < 7) {
		if ((wdays & (1u << i)) == 0) {
			i++;
			continue;
		}
		for (j = i; j + 1 < 7 && (wdays & (1u << (j + 1))); j++)
			;
		if (j - i >= 2)
			snprintf(out + len, size - len, "%s%s-%s",
			    len ? "," : "", wd_names[i], wd_names[j]);
		else
			snprintf(out + len, size - len, "%s%s", len ? "," : "",
			    wd_names[i]);
		len = strlen(out);
		i = j - i >= 2 ? j + 1 : i + 1;
	}
}

int
cal_wdays_parse(const char *s, unsigned *out)
{
	int	a, b, i;

	*out = 0;
	for (;;) {
		for (a = 0; a < 7 && strncasecmp(s, wd_names[a], 3); a++)
			;
		if (a == 7)
			return -1;
		s += 3;
		b = a;
		if (*s == '-') {
			for (b = 0; b < 7 && strncasecmp(s + 1, wd_names[b],
			    3); b++)
				;
			if (b == 7 || b < a)
				return -1;
			s += 4;
		}
		for (i = a; i <= b; i++)
			*out |= 1u << i;
		if (*s == '\0')
			return 0;
		if (*s++ != ',')
			return -1;
	}
}

/* Next blank-separated token of *pp, NUL-terminated in place, or NULL. */
static char *
next_token(char **pp)
{
	char	*p = *pp, *tok;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0') {
		*pp = p;
		return NULL;
	}
	tok = p;
	while (*p != '\0' && *p != ' ' && *p != '\t')
		p++;
	if (*p != '\0')
		*p++ = '\0';
	*pp = p;
	return tok;
}

static int
parse_line(struct cal *c, char *line, struct cal_err *e)
{
	char	*p = line, *kw;
	size_t	 len = strlen(line);

	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
	    line[len - 1] == '\t'))
		line[--len] = '\0';
	kw = next_token(&p);
	if (kw == NULL || kw[0] == '#')
		return 0;
	if (strcmp(kw, "session") == 0)
		return parse_session(c, p, e);
	if (strcmp(kw, "holiday") == 0)
		return parse_special(c, CAL_HOLIDAY, p, e);
	if (strcmp(kw, "workday") == 0)
		return parse_special(c, CAL_WORKDAY, p, e);
	if (strcmp(kw, "utc_offset") == 0)
		return parse_offset(c, p, e);
	snprintf(e->msg, sizeof(e->msg), "unknown keyword '%.40s' (expected "
	    "session, holiday, workday or utc_offset)", kw);
	return -1;
}

static int
parse_session(struct cal *c, char *p, struct cal_err *e)
{
	char		*tok;
	unsigned	 wdays;
	int		 r[MAX_RANGES][2], n = 0, from = 0, to = 0, *date, i;

	tok = next_token(&p);
	if (tok == NULL || cal_wdays_parse(tok, &wdays) == -1) {
		snprintf(e->msg, sizeof(e->msg), "bad weekdays '%.40s' (use "
		    "e.g. mon-fri or mon,wed,sat)", tok ? tok : "");
		return -1;
	}
	while ((tok = next_token(&p)) != NULL) {
		if (strcmp(tok, "from") == 0 || strcmp(tok, "to") == 0) {
			date = tok[0] == 'f' ? &from : &to;
			tok = next_token(&p);
			if (*date != 0 || tok == NULL ||
			    parse_date(tok, date) == -1) {
				snprintf(e->msg, sizeof(e->msg), "bad or "
				    "repeated date '%.40s' (use YYYY-MM-DD)",
				    tok ? tok : "");
				return -1;
			}
		} else if (n == MAX_RANGES || parse_range(tok, &r[n][0],
		    &r[n][1]) == -1) {
			snprintf(e->msg, sizeof(e->msg), "bad time range "
			    "'%.40s' (use HH:MM-HH:MM, at most %d)", tok,
			    MAX_RANGES);
			return -1;
		} else
			n++;
	}
	if (n == 0) {
		snprintf(e->msg, sizeof(e->msg), "session without a time "
		    "range");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (cal_add_session(c, wdays, from, to, r[i][0], r[i][1]) ==
		    -1) {
			snprintf(e->msg, sizeof(e->msg), "%s",
			    cal_last_error(c));
			return -1;
		}
	}
	return 0;
}

static int
parse_special(struct cal *c, enum cal_day_kind kind, char *p,
    struct cal_err *e)
{
	char	*tok;
	int	 ymd;

	tok = next_token(&p);
	if (tok == NULL || parse_date(tok, &ymd) == -1) {
		snprintf(e->msg, sizeof(e->msg), "bad date '%.40s' (use "
		    "YYYY-MM-DD, a real calendar date)", tok ? tok : "");
		return -1;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (cal_add_day(c, ymd, kind, p) == -1) {
		snprintf(e->msg, sizeof(e->msg), "%s", cal_last_error(c));
		return -1;
	}
	return 0;
}

static int
parse_offset(struct cal *c, char *p, struct cal_err *e)
{
	char	*tok, *extra;
	int	 min;

	tok = next_token(&p);
	extra = next_token(&p);
	if (tok == NULL || extra != NULL || (tok[0] != '+' && tok[0] != '-') ||
	    strlen(tok) != 6 || parse_hhmm(tok + 1, 5, &min) == -1 ||
	    cal_set_utc_offset(c, tok[0] == '-' ? -min : min) == -1) {
		snprintf(e->msg, sizeof(e->msg), "bad utc_offset '%.40s' "
		    "(use +HH:MM, e.g. +07:00)", tok ? tok : "");
		return -1;
	}
	return 0;
}

/* "H:MM" or "HH:MM" in the first len bytes of s, 00:00..24:00. */
static int
parse_hhmm(const char *s, size_t len, int *min)
{
	int	h;

	if (len == 4 && s[0] >= '0' && s[0] <= '9')
		h = s[0] - '0';
	else if (len == 5 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
	    s[1] <= '9')
		h = (s[0] - '0') * 10 + (s[1] - '0');
	else
		return -1;
	s += len - 3;
	if (s[0] != ':' || s[1] < '0' || s[1] > '5' || s[2] < '0' ||
	    s[2] > '9')
		return -1;
	*min = h * 60 + (s[1] - '0') * 10 + (s[2] - '0');
	return *min > 1440 ? -1 : 0;
}

static int
parse_range(const char *s, int *start, int *end)
{
	const char	*dash = strchr(s, '-');

	if (dash == NULL || parse_hhmm(s, (size_t)(dash - s), start) == -1 ||
	    parse_hhmm(dash + 1, strlen(dash + 1), end) == -1)
		return -1;
	return 0;
}

static int
parse_date(const char *s, int *ymd)
{
	int	i, v = 0;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (!cal_ymd_valid(v))
		return -1;
	*ymd = v;
	return 0;
}

static void
sb_add(struct sbuf *sb, const char *fmt, ...)
{
	va_list	 ap;
	char	*np;
	size_t	 cap;
	int	 n;

	for (;;) {
		if (sb->failed)
			return;
		va_start(ap, fmt);
		n = vsnprintf(sb->p ? sb->p + sb->len : NULL,
		    sb->p ? sb->cap - sb->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			sb->failed = 1;
			return;
		}
		if (sb->p != NULL && (size_t)n < sb->cap - sb->len) {
			sb->len += (size_t)n;
			return;
		}
		cap = sb->cap ? sb->cap * 2 : 4096;
		while (cap < sb->len + (size_t)n + 1)
			cap *= 2;
		np = realloc(sb->p, cap);
		if (np == NULL) {
			sb->failed = 1;
			return;
		}
		sb->p = np;
		sb->cap = cap;
	}
}

/* One line per run of sessions sharing weekdays and dates. */
static void
dump_sessions(const struct cal *c, struct sbuf *sb)
{
	const struct cal_session	*s, *o;
	char				 wd[CAL_WDAYS_BUFSZ];
	size_t				 i;

	for (i = 0; i < cal_nsessions(c); i++) {
		s = cal_session_at(c, i);
		o = i > 0 ? cal_session_at(c, i - 1) : NULL;
		if (o == NULL || !same_dates(o, s)) {
			cal_wdays_format(s->wdays, wd, sizeof(wd));
			sb_add(sb, "session %s", wd);
		}
		sb_add(sb, " %02d:%02d-%02d:%02d", s->start_min / 60,
		    s->start_min % 60, s->end_min / 60, s->end_min % 60);
		o = cal_session_at(c, i + 1);
		if (o != NULL && same_dates(o, s))
			continue;
		if (s->from_ymd != 0)
			sb_add(sb, " from %04d-%02d-%02d", s->from_ymd / 10000,
			    s->from_ymd / 100 % 100, s->from_ymd % 100);
		if (s->to_ymd != 0)
			sb_add(sb, " to %04d-%02d-%02d", s->to_ymd / 10000,
			    s->to_ymd / 100 % 100, s->to_ymd % 100);
		sb_add(sb, "\n");
	}
}

/* Same weekdays and date range: the sessions share one text line. */
static int
same_dates(const struct cal_session *a, const struct cal_session *b)
{
	return a->wdays == b->wdays && a->from_ymd == b->from_ymd &&
	    a->to_ymd == b->to_ymd;
}
