/*
 * log.h: one-line key=value logging with the request id.
 * Not a general formatter: messages never carry bodies, phone numbers or secrets.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

enum log_level { LOG_ERR, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Set once at startup; prog is borrowed and must outlive the process. */
void	log_init(const char *prog, enum log_level level);
void	log_set_level(enum log_level level);
/* Parses "err|warn|info|debug"; returns 0 or -1. */
int	log_level_parse(const char *s, enum log_level *out);

/* reqid may be NULL (no request). Messages are single-line; quotes escaped. */
void	log_err(const char *reqid, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	log_warn(const char *reqid, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	log_info(const char *reqid, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	log_debug(const char *reqid, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Logs and exits(1). Only for main() and configuration loading. */
void	fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
