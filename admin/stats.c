/*
 * stats.c: "stats-rebuild [FROM TO]": recompute the daily aggregates of
 * the reports (all days with cases by default), and "report TYPE PERIOD
 * [DIR [ORG]]": write one report's XLSX and PDF (docs/reports.md).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "core/parse.h"
#include "db.h"
#include "report/build.h"
#include "store/orgs.h"
#include "store/stats.h"

#define CHUNK_DAYS	31	/* one transaction per month of days */

static int	parse_day(const char *, int *);
static double	elapsed(const struct timespec *);

int
cmd_stats_rebuild(struct admin *a, int argc, char **argv)
{
	int		from, to, d, end, n, total = 0, rc;
	struct timespec	t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (argc == 3) {
		if (parse_day(argv[1], &from) == -1 ||
		    parse_day(argv[2], &to) == -1 || to < from) {
			fprintf(stderr, "usage: stats-rebuild [YYYY-MM-DD "
			    "YYYY-MM-DD]\n");
			return -1;
		}
	} else if (argc != 1) {
		fprintf(stderr, "usage: stats-rebuild [FROM TO]\n");
		return -1;
	} else if ((rc = store_stats_span(a->db, &from, &to)) != 0) {
		if (rc == 1)
			printf("no cases\n");
		return rc == 1 ? 0 : -1;
	}
	for (d = from; d <= to; d = rp_ymd_add(end, 1)) {
		end = rp_ymd_add(d, CHUNK_DAYS - 1);
		end = end > to ? to : end;
		if (store_stats_rebuild(a->db, d, end, &n) == -1)
			return -1;
		total += n;
	}
	/* the daemon's refresh can start from here */
	if (store_stats_refresh(a->db, &n) == -1)
		return -1;
	printf("rebuilt %d..%d: %d days with cases (%.2f s)\n", from, to,
	    total, elapsed(&t0));
	return 0;
}

int
cmd_report(struct admin *a, int argc, char **argv)
{
	struct rp_period	 per;
	struct timespec		 t0;
	enum rp_type		 t;
	json_t			*rep = NULL;
	char			 base[96], x[512], p[512];
	int64_t			 org = 0;
	int			 rc;

	if (argc < 3 || argc > 5 || rp_type_parse(argv[1], &t) == -1 ||
	    (argc == 5 && store_org_id(a->db, argv[4], &org) != 0)) {
		fprintf(stderr, "usage: report TYPE PERIOD [DIR [ORG]]\n");
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = rpt_build(a->db, t, argv[2], org, time(NULL), &per, &rep);
	if (rc != 0) {
		if (rc == 1)
			fprintf(stderr, "report: bad period '%s'\n", argv[2]);
		return -1;
	}
	printf("figures: %.3f s\n", elapsed(&t0));
	snprintf(base, sizeof(base), "%s-%s%s%s", argv[1], per.label,
	    org ? "-" : "", org ? argv[4] : "");
	rc = rpt_write_files(rep, argc >= 4 ? argv[3] : ".", base, x, p,
	    sizeof(x));
	json_decref(rep);
	if (rc == -1)
		return -1;
	printf("%s\n%s\ntotal: %.3f s\n", x, p, elapsed(&t0));
	return 0;
}

static int
parse_day(const char *s, int *ymd)
{
	int	y, m, d, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] != '\0')
		return -1;
	*ymd = y * 10000 + m * 100 + d;
	return rp_ymd_add(*ymd, 0) == *ymd ? 0 : -1;
}

static double
elapsed(const struct timespec *t0)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}
