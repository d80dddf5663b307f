/*
 * modules.c: every job phananh-jobd runs, with the key of its interval.
 * Add a row to add a job (and its file under jobd/).
 */
#include <stddef.h>

#include "jobd/jobd.h"

#define IV(f)	offsetof(struct jobd_conf, f)

const struct jobd_module jobd_modules[] = {
	/* name		tick		interval key */
	{ "sweep",	jobd_sweep,	IV(sweep_interval) },
	{ "stats",	jobd_stats,	IV(stats_interval) },
	{ "reports",	jobd_reports,	IV(reports_interval) },
	{ NULL, NULL, 0 }
};
