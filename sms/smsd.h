/*
 * smsd.h: the configuration and process state shared by the parts of
 * phananh-smsd (main.c, alerts.c, replies.c). Not a library interface: the
 * SQL is in lib/store/notify.c and sms/gammu_tables.c.
 */
#ifndef SMS_SMSD_H
#define SMS_SMSD_H

#include <signal.h>
#include <time.h>

#include "core/conf.h"

struct db;

struct smsd_conf {
	char	db_defaults_file[256];
	char	db_group[64];
	char	phone_id[64];		/* gammu PhoneID; "" = any phone */
	int	poll_ms;
	int	batch;
	int	plain_default;		/* send without diacritics */
	int	max_retries;		/* our own retries of a local failure */
	int	retry_seconds;		/* first backoff step, doubled */
	int	validity;		/* outbox.RelativeValidity, -1 default */
	int	delivery_reports;
	int	track_hours;		/* follow 'sent' rows for reports */
	char	quiet_hours[16];	/* "21:00-07:00" or "" */
	int	utc_offset_min;		/* local time for texts, 420 = +07 */
	char	templates_dir[256];
	int	log_level;
	int	crash_after_claim;	/* tests only: die before a commit */
};

/* What every part of the loop needs. Process lifetime, built in main. */
struct smsd {
	const struct smsd_conf	*conf;
	struct db		*db;
	char			 worker[64];	/* claimed_by: "host:pid" */
	int			 quiet_from;	/* minutes of the day, -1 none */
	int			 quiet_to;
	long			 claims;	/* messages queued this run */
};

/* Set by the SIGTERM/SIGINT handler; the loop stops after the item. */
extern volatile sig_atomic_t	smsd_stop;

/* The keys of phananh-smsd's config file (sms/conf.c). */
extern const struct conf_key	smsd_conf_keys[];

/*
 * Parses quiet_hours "HH:MM-HH:MM" into minutes of the day (the window may
 * wrap midnight). "" gives -1/-1 (no quiet hours). Returns 0 or -1.
 */
int	smsd_quiet_parse(const char *s, int *from, int *to);

/*
 * 1 when the local time of t (UTC + utc_offset_min) is inside the quiet
 * window, and then *until is the end of the window (UTC); 0 otherwise.
 */
int	smsd_quiet_now(const struct smsd *, time_t t, time_t *until);

/*
 * Formats t as local "HH:MM dd/mm" (with_date) or "HH:MM" into out.
 * Returns 0 or -1.
 */
int	smsd_local_time(const struct smsd *, time_t t, int with_date,
	    char *out, size_t outsz);

#endif /* SMS_SMSD_H */
