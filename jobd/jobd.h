/*
 * jobd.h: phananh-jobd, the daemon of every slow or scheduled job: the
 * deadline clock, reminders, e-mail, push, webhooks, mailbox intake,
 * scheduled reports. Each job is a module in jobd/modules.c (one table),
 * run every `interval` seconds. Several copies may run: modules claim their
 * work with SELECT … FOR UPDATE SKIP LOCKED.
 */
#ifndef JOBD_H
#define JOBD_H

#include <time.h>

#include "core/conf.h"

struct db;

struct jobd_conf {
	char	db_defaults_file[256];
	char	db_group[64];
	int	log_level;
	int	tick_ms;		/* main loop granularity */
	char	modules[256];		/* comma list; "" = all */
	char	public_url[256];
	/* sweep */
	int	sweep_interval;
	/* mail (SMTP) */
	char	smtp_url[256];
	char	smtp_from[256];
	char	smtp_user[128];
	char	smtp_password_file[256];
	int	mail_interval;
	int	mail_max_attempts;
	/* push gateway */
	char	push_url[256];
	char	push_key_file[256];
	/* webhooks */
	int	webhook_interval;
	int	webhook_max_attempts;
	/* reports (jobd/reports.c) */
	int	stats_interval;
	int	reports_interval;
	char	reports_dir[256];
	/* test hook: business time = wall time + offset (tests only) */
	int	test_clock_offset_s;
};

struct jobd {
	struct jobd_conf	 conf;
	struct db		*db;
	char			 id[64];	/* host:pid, for claimed_by */
};

typedef int (*jobd_tick_fn)(struct jobd *, time_t now);

struct jobd_module {
	const char	*name;
	jobd_tick_fn	 tick;
	size_t		 interval_off;	/* offset of the int interval key */
};

extern const struct conf_key	jobd_conf_keys[];
extern const struct jobd_module	jobd_modules[];

/* sweep.c: the system transitions (expire, auto-close). */
int	jobd_sweep(struct jobd *, time_t);
/* reports.c: daily aggregates; periodic reports ahead of their due date. */
int	jobd_stats(struct jobd *, time_t);
int	jobd_reports(struct jobd *, time_t);

#endif
