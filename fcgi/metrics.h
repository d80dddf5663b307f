/*
 * metrics.h: request and worker counters shared by the prefork master and
 * its workers (one MAP_SHARED block created before the first fork, C11
 * atomics, no locks), rendered in the Prometheus text format by /metrics.
 * The database gauges of /metrics are in handlers/metrics.c.
 */
#ifndef METRICS_H
#define METRICS_H

#include <stddef.h>

#include "request.h"

struct buf;
struct metrics;
struct route;

/* Why a worker process ended (counted by the master). */
enum metrics_exit {
	METRICS_EXIT_CRASH,	/* killed by a signal or non-zero exit */
	METRICS_EXIT_RECYCLE,	/* max_requests reached */
	METRICS_EXIT_RELOAD,	/* replaced after SIGHUP */
	METRICS_EXIT_N
};

/*
 * Maps a zeroed shared block with counters for every route of the table
 * (terminated by path == NULL) plus one row for unmatched requests. Call in
 * the master before forking; children inherit it. Process lifetime: never
 * unmapped. Returns NULL (logged) on failure.
 */
struct metrics	*metrics_new(const struct route *routes);
/*
 * Counts one finished request: route is the matched row of the table the
 * block was made for (NULL when none matched), seconds its duration.
 * Safe to call from any process sharing the block. NULL m is a no-op.
 */
void	metrics_request(struct metrics *m, const struct route *route,
	    enum method, int status, double seconds);
/* Counts a worker's exit (master side). NULL m is a no-op. */
void	metrics_worker_exit(struct metrics *m, enum metrics_exit why);
/*
 * Appends the counters as Prometheus text (HELP/TYPE lines, request
 * counters by route/method/status class, latency histograms, worker exits)
 * to out. Returns 0, or -1 when out's limit was reached.
 */
int	metrics_render(const struct metrics *m, struct buf *out);
/*
 * Appends one label value with the exposition format's escapes (\\ \" \n)
 * to out. Returns 0 or -1.
 */
int	metrics_label(struct buf *out, const char *value);

#endif
