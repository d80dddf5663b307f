/*
 * main.c: phananh-smsd: the SMS side of the workflow. Queues SMS
 * notifications into gammu-smsd's outbox, follows them to sent / delivered /
 * failed, and turns officers' replies into workflow actions. Talks to
 * gammu-smsd only through its tables (never links libgammu).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alerts.h"
#include "core/log.h"
#include "db.h"
#include "replies.h"
#include "smsd.h"
#include "store/heartbeat.h"
#include "store/schema.h"

#define SENT_CHECK_SECONDS	30	/* 'sent' rows wait for reports */

static void	on_signal(int);
static void	nap(int);
static void	setup(struct smsd *, struct smsd_conf *, const char *);
static int	one_pass(struct smsd *, time_t *);
static void	usage(void) __attribute__((noreturn));

int
main(int argc, char **argv)
{
	struct smsd_conf	 conf;
	struct smsd		 sd;
	struct heartbeat	 hb;
	const char		*path = "/etc/phananh/smsd.conf";
	time_t			 sent_check = 0;
	int			 ch, busy;

	while ((ch = getopt(argc, argv, "c:")) != -1) {
		if (ch != 'c')
			usage();
		path = optarg;
	}
	if (optind != argc)
		usage();
	setup(&sd, &conf, path);
	store_heartbeat_init(&hb, "smsd", sd.worker);
	log_info(NULL, "started worker=%s phone_id=%s", sd.worker,
	    conf.phone_id[0] != '\0' ? conf.phone_id : "(any)");
	while (!smsd_stop) {
		busy = one_pass(&sd, &sent_check);
		if (busy >= 0)
			store_heartbeat_beat(sd.db, &hb, time(NULL));
		if (!smsd_stop && busy <= 0)
			nap(busy < 0 ? 2000 : conf.poll_ms);
	}
	log_info(NULL, "stopping: %ld messages queued", sd.claims);
	db_close(sd.db);
	return 0;
}

static void
setup(struct smsd *sd, struct smsd_conf *conf, const char *path)
{
	struct sigaction	sa;
	char			err[512], host[40];
	int			v;

	log_init("phananh-smsd", LOG_INFO);
	if (conf_load(smsd_conf_keys, conf, path, err, sizeof(err)) == -1)
		fatal("%s", err);
	log_set_level((enum log_level)conf->log_level);
	memset(sd, 0, sizeof(*sd));
	sd->conf = conf;
	if (smsd_quiet_parse(conf->quiet_hours, &sd->quiet_from,
	    &sd->quiet_to) == -1)
		fatal("%s: quiet_hours: expected HH:MM-HH:MM or nothing", path);
	if (gethostname(host, sizeof(host)) == -1)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(sd->worker, sizeof(sd->worker), "%s:%ld", host,
	    (long)getpid());
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: nap() wakes up */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		sd->db = db_open(conf->db_defaults_file, conf->db_group);
		if (sd->db != NULL || smsd_stop)
			break;
		nap(5000);	/* the database may come up after us */
	}
	if (sd->db == NULL)
		exit(0);
	if (store_schema_check(sd->db, &v) == -1)
		fatal("the database schema is older than this program");
}

/*
 * Sends, follows, reads replies. Returns 1 when there was work (loop at
 * once), 0 when idle, -1 after a database error (wait longer).
 */
static int
one_pass(struct smsd *sd, time_t *sent_check)
{
	time_t	now = time(NULL);
	int	queued = 0, moved = 0, handled = 0, with_sent = 0, rc = 0;

	if (alerts_send(sd, &queued) == -1)
		rc = -1;
	if (!smsd_stop && sd->conf->delivery_reports &&
	    now - *sent_check >= SENT_CHECK_SECONDS) {
		with_sent = 1;
		*sent_check = now;
	}
	if (!smsd_stop && alerts_track(sd, with_sent, &moved) == -1)
		rc = -1;
	if (!smsd_stop && replies_poll(sd, &handled) == -1)
		rc = -1;
	if (rc == -1)
		return -1;
	return queued == sd->conf->batch || handled > 0;
}

/* Sleeps ms milliseconds; a signal ends the sleep early. */
static void
nap(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	if (!smsd_stop)
		nanosleep(&ts, NULL);
}

static void
on_signal(int sig)
{
	(void)sig;
	smsd_stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: phananh-smsd [-c config]\n");
	exit(2);
}
