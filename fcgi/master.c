/*
 * master.c: prefork process manager for phananh-fcgi. Signals are handled
 * synchronously with sigtimedwait, so there is no async handler state.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "core/log.h"
#include "master.h"
#include "metrics.h"
#include "worker.h"

#define MAX_SLOTS	512
#define TERM_RESEND_MS	200
#define STOP_DEADLINE_S	60

struct slot {
	pid_t	pid;
	int	gen;
	time_t	started;
};

struct master {
	struct app	*app;
	struct slot	 slot[MAX_SLOTS];
	int		 gen;
	int		 stopping;
	time_t		 stop_at;
	int		 fast_deaths;	/* consecutive workers dying < 1 s */
};

static void	spawn_missing(struct master *);
static void	reap(struct master *);
static void	term_old(struct master *);
static int	nchildren(const struct master *);
static void	reload(struct master *);
static void	child_main(struct app *);
static void	count_exit(const struct master *, int, int);

int
master_listen(const struct app *app)
{
	struct sockaddr_un	 sun;
	const char		*lf = getenv("LISTEN_FDS");
	int			 fd;

	if (app->conf.listen[0] == '\0') {
		/* systemd socket activation passes fd 3; spawn-fcgi fd 0 */
		return lf != NULL && strcmp(lf, "1") == 0 ? 3 : 0;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(app->conf.listen) >= sizeof(sun.sun_path))
		return -1;
	memcpy(sun.sun_path, app->conf.listen, strlen(app->conf.listen));
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd == -1)
		return -1;
	unlink(app->conf.listen);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(app->conf.listen, (mode_t)app->conf.listen_mode) == -1 ||
	    listen(fd, app->conf.listen_backlog) == -1) {
		log_err(NULL, "listen %s: %s", app->conf.listen,
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int
master_run(struct app *app)
{
	struct master	 m;
	sigset_t	 set;
	struct timespec	 tick = { 0, TERM_RESEND_MS * 1000000L };
	int		 sig;

	memset(&m, 0, sizeof(m));
	m.app = app;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	log_info(NULL, "master started: %d workers", app->conf.workers);
	for (;;) {
		reap(&m);
		if (m.stopping && nchildren(&m) == 0)
			break;
		if (!m.stopping)
			spawn_missing(&m);
		term_old(&m);
		sig = sigtimedwait(&set, NULL, &tick);
		if (sig == SIGTERM || sig == SIGINT) {
			if (!m.stopping)
				log_info(NULL, "stopping: waiting for workers");
			m.stopping = 1;
			m.stop_at = time(NULL);
		} else if (sig == SIGHUP && !m.stopping)
			reload(&m);
	}
	log_info(NULL, "master stopped");
	return 0;
}

static void
spawn_missing(struct master *m)
{
	struct timespec	 backoff = { 0, 500000000L };
	pid_t		 pid;
	int		 i;

	for (i = 0; i < m->app->conf.workers && i < MAX_SLOTS; i++) {
		if (m->slot[i].pid != 0)
			continue;
		if (m->fast_deaths > 3)
			nanosleep(&backoff, NULL);	/* e.g. database down */
		pid = fork();
		if (pid == -1) {
			log_err(NULL, "fork: %s", strerror(errno));
			return;
		}
		if (pid == 0)
			child_main(m->app);
		m->slot[i].pid = pid;
		m->slot[i].gen = m->gen;
		m->slot[i].started = time(NULL);
	}
}

/* Workers of an old generation (after SIGHUP) and all, when stopping. */
static void
term_old(struct master *m)
{
	int	i, hard;

	hard = m->stopping && time(NULL) - m->stop_at > STOP_DEADLINE_S;
	for (i = 0; i < MAX_SLOTS; i++) {
		if (m->slot[i].pid == 0)
			continue;
		if (m->stopping || m->slot[i].gen != m->gen ||
		    i >= m->app->conf.workers)
			kill(m->slot[i].pid, hard ? SIGKILL : SIGTERM);
	}
}

static void
reap(struct master *m)
{
	pid_t	pid;
	int	st, i;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (i = 0; i < MAX_SLOTS; i++) {
			if (m->slot[i].pid != pid)
				continue;
			if (time(NULL) - m->slot[i].started < 1)
				m->fast_deaths++;
			else
				m->fast_deaths = 0;
			count_exit(m, i, st);
			m->slot[i].pid = 0;
			if (m->slot[i].gen != m->gen && i < m->app->conf.workers)
				m->slot[i].gen = m->gen;
			break;
		}
		if (WIFSIGNALED(st))
			log_warn(NULL, "worker %ld killed by signal %d",
			    (long)pid, WTERMSIG(st));
		else if (WEXITSTATUS(st) != 0)
			log_warn(NULL, "worker %ld exited with %d", (long)pid,
			    WEXITSTATUS(st));
	}
}

static int
nchildren(const struct master *m)
{
	int	i, n = 0;

	for (i = 0; i < MAX_SLOTS; i++)
		n += m->slot[i].pid != 0;
	return n;
}

/*
 * Re-reads the configuration (keeping the socket) and starts a new
 * generation; old workers get SIGTERM and finish their request first.
 * New workers fill slots as the old ones exit.
 */
static void
reload(struct master *m)
{
	struct fcgi_conf	 nc;
	char			 err[512];

	if (m->app->conf_path[0] != '\0') {
		if (conf_load(fcgi_conf_keys, &nc, m->app->conf_path, err,
		    sizeof(err)) == -1) {
			log_err(NULL, "reload refused: %s", err);
			return;
		}
		memcpy(nc.listen, m->app->conf.listen, sizeof(nc.listen));
		nc.workers = nc.workers > MAX_SLOTS ? MAX_SLOTS : nc.workers;
		m->app->conf = nc;
	}
	m->gen++;
	log_info(NULL, "reload: generation %d, %d workers", m->gen,
	    m->app->conf.workers);
}

/* For /metrics: why the worker in slot i ended (not counted when stopping). */
static void
count_exit(const struct master *m, int i, int st)
{
	if (m->stopping)
		return;
	if (WIFSIGNALED(st) || WEXITSTATUS(st) != 0)
		metrics_worker_exit(m->app->metrics, METRICS_EXIT_CRASH);
	else if (m->slot[i].gen != m->gen || i >= m->app->conf.workers)
		metrics_worker_exit(m->app->metrics, METRICS_EXIT_RELOAD);
	else
		metrics_worker_exit(m->app->metrics, METRICS_EXIT_RECYCLE);
}

static void
child_main(struct app *app)
{
	sigset_t	none;

	sigemptyset(&none);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_SETMASK, &none, NULL);
	_exit(worker_run(app));
}
