/*
 * conf.c: the configuration keys of phananh-smsd (etc/smsd.conf.example has
 * one line per key), the small time helpers that depend on them, and the
 * stop flag the signal handler sets.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "smsd.h"

#define OFF(f)		CONF_OFF(struct smsd_conf, f)
#define SZ(f)		sizeof(((struct smsd_conf *)0)->f)

static int	parse_hhmm(const char *s, int *min);

/* The one piece of process state at file scope (style.md §3.5). */
volatile sig_atomic_t	smsd_stop;

static const char *const log_levels[] = { "err", "warn", "info", "debug",
	NULL };

const struct conf_key smsd_conf_keys[] = {
	{ "db_defaults_file", CONF_STR, OFF(db_defaults_file),
	    .def_s = "/etc/phananh/my.cnf", .strsz = SZ(db_defaults_file) },
	{ "db_group", CONF_STR, OFF(db_group), .def_s = "client-phananh",
	    .strsz = SZ(db_group) },
	{ "phone_id", CONF_STR, OFF(phone_id), .def_s = "",
	    .strsz = SZ(phone_id) },
	{ "poll_ms", CONF_INT, OFF(poll_ms),
	    .min = 50, .max = 60000, .def_i = 500 },
	{ "batch", CONF_INT, OFF(batch),
	    .min = 1, .max = 1000, .def_i = 20 },
	{ "plain_default", CONF_BOOL, OFF(plain_default), .def_i = 0 },
	{ "max_retries", CONF_INT, OFF(max_retries),
	    .min = 0, .max = 100, .def_i = 5 },
	{ "retry_seconds", CONF_INT, OFF(retry_seconds),
	    .min = 1, .max = 86400, .def_i = 30 },
	{ "validity", CONF_INT, OFF(validity),
	    .min = -1, .max = 255, .def_i = 167 },
	{ "delivery_reports", CONF_BOOL, OFF(delivery_reports), .def_i = 1 },
	{ "track_hours", CONF_INT, OFF(track_hours),
	    .min = 1, .max = 720, .def_i = 48 },
	{ "quiet_hours", CONF_STR, OFF(quiet_hours), .def_s = "21:00-07:00",
	    .strsz = SZ(quiet_hours) },
	{ "utc_offset_minutes", CONF_INT, OFF(utc_offset_min),
	    .min = -720, .max = 840, .def_i = 420 },
	{ "templates_dir", CONF_STR, OFF(templates_dir),
	    .def_s = "/usr/share/phananh/templates/sms",
	    .strsz = SZ(templates_dir) },
	{ "log_level", CONF_ENUM, OFF(log_level), .def_i = 2,
	    .enums = log_levels },
	{ "crash_after_claim", CONF_INT, OFF(crash_after_claim),
	    .min = 0, .max = 1000000, .def_i = 0 },
	{ NULL }
};

int
smsd_quiet_parse(const char *s, int *from, int *to)
{
	char	a[8], b[8];
	size_t	n;

	*from = *to = -1;
	if (s[0] == '\0')
		return 0;
	n = strcspn(s, "-");
	if (n == 0 || n >= sizeof(a) || s[n] != '-' ||
	    strlen(s + n + 1) >= sizeof(b))
		return -1;
	memcpy(a, s, n);
	a[n] = '\0';
	snprintf(b, sizeof(b), "%s", s + n + 1);
	if (parse_hhmm(a, from) == -1 || parse_hhmm(b, to) == -1 ||
	    *from == *to) {
		*from = *to = -1;
		return -1;
	}
	return 0;
}

int
smsd_quiet_now(const struct smsd *sd, time_t t, time_t *until)
{
	long	off = (long)sd->conf->utc_offset_min * 60;
	long	local = (long)(t + off) % 86400;
	int	m = (int)(local / 60), wait;

	if (sd->quiet_from < 0)
		return 0;
	if (sd->quiet_from < sd->quiet_to) {
		if (m < sd->quiet_from || m >= sd->quiet_to)
			return 0;
	} else if (m < sd->quiet_from && m >= sd->quiet_to)
		return 0;
	wait = sd->quiet_to - m;
	if (wait <= 0)
		wait += 24 * 60;
	*until = t - local % 60 + (time_t)wait * 60;
	return 1;
}

int
smsd_local_time(const struct smsd *sd, time_t t, int with_date, char *out,
    size_t outsz)
{
	struct tm	tm;
	time_t		lt = t + (time_t)sd->conf->utc_offset_min * 60;
	int		n;

	if (gmtime_r(&lt, &tm) == NULL)
		return -1;
	if (with_date)
		n = snprintf(out, outsz, "%02d:%02d %02d/%02d", tm.tm_hour,
		    tm.tm_min, tm.tm_mday, tm.tm_mon + 1);
	else
		n = snprintf(out, outsz, "%02d:%02d", tm.tm_hour, tm.tm_min);
	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

/* "HH:MM" (00:00..23:59) into minutes of the day. */
static int
parse_hhmm(const char *s, int *min)
{
	if (strlen(s) != 5 || s[2] != ':' ||
	    s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	*min = ((s[0] - '0') * 10 + (s[1] - '0')) * 60 +
	    (s[3] - '0') * 10 + (s[4] - '0');
	return *min < 24 * 60 ? 0 : -1;
}
