/*
 * test_metrics.c: the shared request counters: bucket placement, status
 * classes, unmatched requests, worker exits, label escaping, and counts
 * from two processes adding to one block at the same time (no database).
 */
#include <sys/wait.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "metrics.h"
#include "router.h"
#include "tap.h"

static int h_a(struct req *rq, struct resp *rs) { (void)rq; (void)rs; return 200; }

static const struct route troutes[] = {
	{ M_GET,	"/api/v1/health",	h_a, 0, 0 },
	{ M_POST,	"/api/v1/cases/:code",	h_a, 0, 0 },
	{ 0 }
};

static int
has(const struct buf *b, const char *line)
{
	return strstr(buf_str(b), line) != NULL;
}

int
main(void)
{
	struct metrics	*m = metrics_new(troutes);
	struct buf	 b;
	pid_t		 pid;
	int		 i, st;

	plan(20);
	ok(m != NULL, "shared block mapped");
	metrics_request(m, &troutes[0], M_GET, 200, 0.003);	/* le 0.005 */
	metrics_request(m, &troutes[0], M_GET, 204, 0.030);	/* le 0.05 */
	metrics_request(m, &troutes[0], M_GET, 503, 20.0);	/* +Inf */
	metrics_request(m, &troutes[1], M_POST, 404, 0.1);	/* le 0.1 */
	metrics_request(m, NULL, M_DELETE, 405, 0.0);
	metrics_worker_exit(m, METRICS_EXIT_CRASH);
	metrics_worker_exit(m, METRICS_EXIT_RECYCLE);
	metrics_worker_exit(m, METRICS_EXIT_RECYCLE);
	buf_init(&b, 1 << 20);
	is_int(metrics_render(m, &b), 0, "render");
	ok(has(&b, "# TYPE phananh_http_requests_total counter\n"), "TYPE counter");
	ok(has(&b, "phananh_http_requests_total{route=\"/api/v1/health\","
	    "method=\"GET\",status=\"2xx\"} 2\n"), "2xx counted twice");
	ok(has(&b, "phananh_http_requests_total{route=\"/api/v1/health\","
	    "method=\"GET\",status=\"5xx\"} 1\n"), "5xx once");
	ok(!has(&b, "status=\"3xx\""), "no empty series");
	ok(has(&b, "{route=\"/api/v1/cases/:code\",method=\"POST\","
	    "status=\"4xx\"} 1\n"), "pattern, not the path, is the label");
	ok(has(&b, "{route=\"unmatched\",method=\"DELETE\",status=\"4xx\"} 1\n"),
	    "unmatched request");
	ok(has(&b, "duration_seconds_bucket{route=\"/api/v1/health\","
	    "method=\"GET\",le=\"0.005\"} 1\n"), "bucket 0.005 = 1");
	ok(has(&b, "duration_seconds_bucket{route=\"/api/v1/health\","
	    "method=\"GET\",le=\"0.025\"} 1\n"), "bucket 0.025 = 1 (cumulative)");
	ok(has(&b, "duration_seconds_bucket{route=\"/api/v1/health\","
	    "method=\"GET\",le=\"0.05\"} 2\n"), "bucket 0.05 = 2");
	ok(has(&b, "duration_seconds_bucket{route=\"/api/v1/health\","
	    "method=\"GET\",le=\"10\"} 2\n"), "bucket 10 = 2");
	ok(has(&b, "duration_seconds_bucket{route=\"/api/v1/health\","
	    "method=\"GET\",le=\"+Inf\"} 3\n"), "+Inf = 3");
	ok(has(&b, "duration_seconds_sum{route=\"/api/v1/health\","
	    "method=\"GET\"} 20.033000\n"), "sum of seconds");
	ok(has(&b, "duration_seconds_bucket{route=\"/api/v1/cases/:code\","
	    "method=\"POST\",le=\"0.1\"} 1\n"), "0.1 falls in le=0.1");
	ok(has(&b, "phananh_worker_exits_total{reason=\"crash\"} 1\n") &&
	    has(&b, "phananh_worker_exits_total{reason=\"recycle\"} 2\n") &&
	    has(&b, "phananh_worker_exits_total{reason=\"reload\"} 0\n"),
	    "worker exits by reason");

	buf_reset(&b);
	metrics_label(&b, "a\"b\\c\nd");
	is_str(buf_str(&b), "a\\\"b\\\\c\\nd", "label escapes");

	/* two processes, one block */
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 20000; i++)
			metrics_request(m, &troutes[1], M_POST, 201, 0.001);
		_exit(0);
	}
	for (i = 0; i < 20000; i++)
		metrics_request(m, &troutes[1], M_POST, 201, 0.001);
	ok(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st),
	    "child finished");
	buf_reset(&b);
	metrics_render(m, &b);
	ok(has(&b, "{route=\"/api/v1/cases/:code\",method=\"POST\","
	    "status=\"2xx\"} 40000\n"), "40000 from two processes");
	ok(has(&b, "{route=\"/api/v1/cases/:code\",method=\"POST\","
	    "le=\"+Inf\"} 40001\n"), "histogram count 40001");
	buf_free(&b);
	return done();
}
