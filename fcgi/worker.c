/*
 * worker.c: one worker process: connects to the database, then accepts
 * FastCGI requests one at a time until SIGTERM or max_requests.
 * SIGTERM is blocked while a request is handled, so an in-flight request
 * always completes; the master re-sends SIGTERM until the worker is gone.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include <fcgiapp.h>

#include "app.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/parse.h"
#include "db.h"
#include "metrics.h"
#include "request.h"
#include "response.h"
#include "router.h"
#include "worker.h"

static volatile sig_atomic_t	worker_stop;

static void	on_term(int);
static void	serve_one(struct app *, FCGX_Request *, struct arena *);
static void	log_access(const struct req *, int, size_t);
static double	elapsed(const struct req *);
static void	test_delay(const struct req *);

int
worker_run(struct app *app)
{
	FCGX_Request		 fr;
	struct arena		*ar;
	struct sigaction	 sa;
	sigset_t		 term;
	long			 served = 0;
	int			 rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;		/* no SA_RESTART: accept returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	sigprocmask(SIG_BLOCK, &term, NULL);

	app->db = db_open(app->conf.db_defaults_file, app->conf.db_group);
	if (app->db == NULL)
		return 3;
	ar = arena_new(256 * 1024);
	FCGX_Init();
	FCGX_InitRequest(&fr, app->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!worker_stop) {
		sigprocmask(SIG_UNBLOCK, &term, NULL);	/* pending TERM lands */
		rc = worker_stop ? -EINTR : FCGX_Accept_r(&fr);
		sigprocmask(SIG_BLOCK, &term, NULL);
		if (rc < 0) {
			if (rc == -EINTR || worker_stop)
				continue;
			log_err(NULL, "FCGX_Accept_r: %s", strerror(-rc));
			break;
		}
		serve_one(app, &fr, ar);
		FCGX_Finish_r(&fr);
		arena_reset(ar);
		if (app->conf.max_requests > 0 &&
		    ++served >= app->conf.max_requests) {
			log_info(NULL, "recycling after %ld requests", served);
			break;
		}
	}
	FCGX_Free(&fr, 0);
	arena_free(ar);
	db_close(app->db);
	app->db = NULL;
	return 0;
}

static void
serve_one(struct app *app, FCGX_Request *fr, struct arena *ar)
{
	struct req	rq;
	struct resp	rs;
	int		status;

	req_from_fcgi(&rq, fr, app, ar);
	resp_init(&rs, ar, 64u << 20);
	if (app->conf.test_clock)
		test_delay(&rq);
	status = router_dispatch(app->routes, &rq, &rs);
	if (db_in_tx(rq.db)) {
		log_err(rq.reqid, "handler left a transaction open; rolled back");
		db_rollback(rq.db);
	}
	resp_send(&rs, status, &rq, fr->out);
	log_access(&rq, status, rs.body.len);
	metrics_request(app->metrics, rq.route, rq.method, status, elapsed(&rq));
	resp_free(&rs);
}

static void
log_access(const struct req *rq, int status, size_t bytes)
{
	log_info(rq->reqid, "access method=%s path=%s status=%d bytes=%zu "
	    "ms=%.2f user=%lld", rq->method_name, rq->path, status, bytes,
	    elapsed(rq) * 1e3, (long long)rq->who.user_id);
}

/* Seconds since the request was accepted (rq->t0). */
static double
elapsed(const struct req *rq)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - rq->t0.tv_sec) +
	    (double)(t1.tv_nsec - rq->t0.tv_nsec) / 1e9;
}

/* Test hook (test_clock only): X-Test-Delay-Ms keeps a request in flight. */
static void
test_delay(const struct req *rq)
{
	const char	*d = req_param(rq, "HTTP_X_TEST_DELAY_MS");
	int64_t		 ms;
	struct timespec	 ts;

	if (d == NULL || parse_i64(d, 1, 10000, &ms) == -1)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1)
		;
}

static void
on_term(int sig)
{
	(void)sig;
	worker_stop = 1;
	FCGX_ShutdownPending();
}
