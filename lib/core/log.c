/*
 * log.c: the process logger. Writes "ts=… lvl=… prog=… pid=… req=… msg=…"
 * lines to stderr (journald under systemd). Filtering happens before formatting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*log_prog = "phananh";
static enum log_level	 log_max = LOG_INFO;
static const char	*level_names[] = { "err", "warn", "info", "debug" };

static void	log_v(enum log_level, const char *, const char *, va_list)
		    __attribute__((format(printf, 3, 0)));

void
log_init(const char *prog, enum log_level level)
{
	log_prog = prog;
	log_max = level;
	setvbuf(stderr, NULL, _IOLBF, 0);
}

void
log_set_level(enum log_level level)
{
	log_max = level;
}

int
log_level_parse(const char *s, enum log_level *out)
{
	size_t	i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++) {
		if (strcmp(s, level_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

#define LOG_FN(name, lvl)					\
void								\
name(const char *reqid, const char *fmt, ...)			\
{								\
	va_list	ap;						\
								\
	if (lvl > log_max)					\
		return;						\
	va_start(ap, fmt);					\
	log_v(lvl, reqid, fmt, ap);				\
	va_end(ap);						\
}

LOG_FN(log_err, LOG_ERR)
LOG_FN(log_warn, LOG_WARN)
LOG_FN(log_info, LOG_INFO)
LOG_FN(log_debug, LOG_DEBUG)

void
fatal(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_v(LOG_ERR, NULL, fmt, ap);
	va_end(ap);
	exit(1);
}

static void
log_v(enum log_level lvl, const char *reqid, const char *fmt, va_list ap)
{
	char		 msg[1024], ts[32];
	struct tm	 tm;
	time_t		 now = time(NULL);
	size_t		 i;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	for (i = 0; msg[i] != '\0'; i++) {
		if (msg[i] == '"')
			msg[i] = '\'';
		else if (msg[i] == '\n' || msg[i] == '\r')
			msg[i] = ' ';
	}
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "ts=%s lvl=%s prog=%s pid=%ld%s%s msg=\"%s\"\n", ts,
	    level_names[lvl], log_prog, (long)getpid(),
	    reqid ? " req=" : "", reqid ? reqid : "", msg);
}
