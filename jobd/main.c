/*
 * main.c: phananh-jobd: configuration, database, signals, and the loop that
 * runs each module when its interval has passed.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "crypto.h"
#include "db.h"
#include "jobd/jobd.h"
#include "net/http_client.h"
#include "store/heartbeat.h"
#include "store/schema.h"

#define MAX_MODULES	32

static volatile sig_atomic_t	stop;

static void	on_term(int);
static int	enabled(const struct jobd *, const char *);
static void	usage(void) __attribute__((noreturn));

int
main(int argc, char **argv)
{
	static struct jobd	 jd;
	struct heartbeat	 hb;
	const char		*path = "/etc/phananh/jobd.conf";
	char			 err[512], host[48] = "host";
	time_t			 last[MAX_MODULES] = { 0 }, now;
	struct timespec		 nap;
	size_t			 i;
	int			 ch, v, iv, ok;

	while ((ch = getopt(argc, argv, "c:h")) != -1) {
		if (ch == 'c')
			path = optarg;
		else
			usage();
	}
	log_init("phananh-jobd", LOG_INFO);
	if (conf_load(jobd_conf_keys, &jd.conf, path, err, sizeof(err)) == -1)
		fatal("%s", err);
	log_set_level((enum log_level)jd.conf.log_level);
	if (crypto_init() == -1 || http_global_init() == -1)
		fatal("library initialisation failed");
	jd.db = db_open(jd.conf.db_defaults_file, jd.conf.db_group);
	if (jd.db == NULL)
		fatal("cannot connect to the database");
	if (store_schema_check(jd.db, &v) == -1)
		fatal("refusing to start on an older schema");
	gethostname(host, sizeof(host) - 1);
	snprintf(jd.id, sizeof(jd.id), "%s:%ld", host, (long)getpid());
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGPIPE, SIG_IGN);
	nap.tv_sec = jd.conf.tick_ms / 1000;
	nap.tv_nsec = (long)(jd.conf.tick_ms % 1000) * 1000000L;
	log_info(NULL, "started as %s", jd.id);
	store_heartbeat_init(&hb, "jobd", jd.id);
	while (!stop) {
		ok = 1;
		for (i = 0; jobd_modules[i].name != NULL && i < MAX_MODULES &&
		    !stop; i++) {
			now = time(NULL) + jd.conf.test_clock_offset_s;
			iv = *(int *)(void *)((char *)&jd.conf +
			    jobd_modules[i].interval_off);
			if (!enabled(&jd, jobd_modules[i].name) ||
			    now - last[i] < iv)
				continue;
			last[i] = now;
			if (jobd_modules[i].tick(&jd, now) == -1) {
				log_warn(NULL, "module %s failed",
				    jobd_modules[i].name);
				ok = 0;
			}
		}
		if (ok && !stop)
			store_heartbeat_beat(jd.db, &hb, time(NULL));
		nanosleep(&nap, NULL);
	}
	log_info(NULL, "stopped");
	db_close(jd.db);
	return 0;
}

static int
enabled(const struct jobd *jd, const char *name)
{
	const char	*m = jd->conf.modules, *p;
	size_t		 n = strlen(name);

	if (*m == '\0')
		return 1;
	for (p = strstr(m, name); p != NULL; p = strstr(p + 1, name))
		if ((p == m || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: phananh-jobd [-c config]\n");
	exit(2);
}
